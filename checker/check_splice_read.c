// SPDX-License-Identifier: GPL-2.0
/*
 * iov/splice-read: generic_file_splice_read(), direct_splice_read() and
 * do_splice_to(), which Linux 6.5 removed or renamed.
 *
 * The renames are patched.  For generic_file_splice_read the replacement
 * is chosen from the code: the file_operations it serves (its own
 * initializer, or the one whose ->splice_read is the function calling it)
 * has a ->read_iter, and if that reads through the page cache, that is,
 * is or calls one of rules' page_cache_readers within this unit, the
 * answer is filemap_splice_read(); if it does not, copy_splice_read().
 * When ->read_iter is defined elsewhere, the finding says so and there is
 * no patch.
 */
#include <stdlib.h>
#include <string.h>

#include "gupcheck.h"

#define RULE "iov/splice-read"

struct choice {
	const char *to;		/* the replacement, or NULL */
	char *why;		/* for the message */
	char *elsewhere;	/* ->read_iter defined in another file */
};

static void choose_from_list(struct tu *tu, CXCursor list, struct choice *c)
{
	const struct rules *r = tu_rules(tu);
	CXCursor ri = init_list_value(list, r->splice_read_field), fn;
	char *name, *via = NULL;

	if (clang_Cursor_isNull(ri)) {
		c->why = xstrdup("its file_operations have no ->read_iter to read through");
		return;
	}
	fn = clang_getCursorReferenced(ri);
	name = cursor_name(ri);
	if (clang_getCursorKind(fn) != CXCursor_FunctionDecl) {
		c->why = xasprintf("->read_iter is %s, not a function", name);
	} else if (function_reaches(fn, &r->page_cache_readers, 3, &via)) {
		c->to = r->splice_page_cache;
		if (strcmp(name, via) == 0)
			c->why = xasprintf("->read_iter is %s(), which reads through the page cache",
					   name);
		else
			c->why = xasprintf("->read_iter is %s(), which reads through the page cache by way of %s(); if %s() takes locks or revalidates first, a wrapper that does the same before %s() may be needed, as ext4 and xfs have",
					   name, via, name, c->to);
	} else if (clang_Cursor_isNull(clang_getCursorDefinition(fn))) {
		c->why = xasprintf("->read_iter is %s(), defined in another file; choose %s() if it reads through the page cache, else %s()",
				   name, r->splice_page_cache,
				   r->splice_no_page_cache);
		c->elsewhere = xstrdup(name);
	} else {
		c->to = r->splice_no_page_cache;
		c->why = xasprintf("->read_iter is %s(), which does not read through the page cache",
				   name);
	}
	free(via);
	free(name);
}

static void choose(struct tu *tu, struct choice *c)
{
	const struct rules *r = tu_rules(tu);
	const char *fn = tu_function(tu);
	CXCursor list;

	if (tu_designated_init(tu, r->splice_ops_field, &list)) {
		choose_from_list(tu, list, c);
		return;
	}
	if (fn) {
		list = tu_find_init_list(tu, r->splice_ops_field, fn);
		if (!clang_Cursor_isNull(list)) {
			choose_from_list(tu, list, c);
			return;
		}
	}
	c->why = xstrdup("no file_operations in this file says what it serves");
}

static void add_fix(struct tu *tu, cJSON *f, CXCursor ref,
		    const struct removed_api *g, const char *to)
{
	char *desc = xasprintf("replace %s with %s", g->name, to), *why;

	finding_set_fix(f, desc);
	if (!tu_replace_ref(tu, f, ref, g->name, to, &why)) {
		cJSON_DeleteItemFromObject(f, "fix");
		cJSON_AddStringToObject(f, "no_fix_reason", why);
	}
	free(why);
	free(desc);
}

/*
 * ->read_iter is defined in another file: the patch waits for resolve.c
 * to find out whether it reads through the page cache.
 */
static void ask_elsewhere(struct tu *tu, cJSON *f, CXCursor ref,
			  const struct removed_api *g, const char *fn)
{
	const struct rules *r = tu_rules(tu);
	char *yes, *no;

	add_fix(tu, f, ref, g, "");
	if (!cJSON_GetObjectItem(f, "fix"))
		return;
	yes = xasprintf("%s() is used, removed in Linux %s; use %s(): ->read_iter is %s(), defined in another file, which reads through the page cache",
			g->name, g->removed_in, r->splice_page_cache, fn);
	no = xasprintf("%s() is used, removed in Linux %s; use %s(): ->read_iter is %s(), defined in another file, which does not read through the page cache",
		       g->name, g->removed_in, r->splice_no_page_cache, fn);
	finding_set_pending(f, fn, &r->page_cache_readers,
			    r->splice_page_cache, yes, r->splice_no_page_cache,
			    no);
	free(yes);
	free(no);
}

static void splice_ref(struct tu *tu, CXCursor ref, CXCursor decl,
		       void *data)
{
	const struct removed_api *g = data;
	struct choice c = { NULL, NULL, NULL };
	cJSON *f;

	if (clang_getCursorKind(decl) != CXCursor_FunctionDecl)
		return;
	if (g->fix_type && strcmp(g->fix_type, "rename") == 0) {
		f = tu_report(tu, RULE, ref, "%s() is used; Linux %s: %s",
			      g->name, g->removed_in, g->guidance);
		if (f)
			add_fix(tu, f, ref, g, g->fix_to);
		return;
	}
	choose(tu, &c);
	if (c.to)
		f = tu_report(tu, RULE, ref, "%s() is used, removed in Linux %s; use %s(): %s",
			      g->name, g->removed_in, c.to, c.why);
	else
		f = tu_report(tu, RULE, ref, "%s() is used, removed in Linux %s; %s: %s",
			      g->name, g->removed_in, g->guidance, c.why);
	if (f && c.to)
		add_fix(tu, f, ref, g, c.to);
	else if (f)
		cJSON_AddStringToObject(f, "no_fix_reason", c.why);
	if (f && c.elsewhere)
		ask_elsewhere(tu, f, ref, g, c.elsewhere);
	free(c.why);
	free(c.elsewhere);
}

/*
 * In a skipped branch only tokens are known: ".read_iter =
 * generic_file_read_iter" in the same braces is the one certain case.
 */
static const char *lexical_choice(const struct lexical_call *lc,
				  const struct rules *r)
{
	const char *b = lc->buf, *open = b + lc->name_off, *close;
	struct lexer lx;
	struct token t[4];
	int k;

	while (open > b && *open != '{' && *open != '}' && *open != ';')
		open--;
	close = memchr(b + lc->name_off, '}', lc->size - lc->name_off);
	if (*open != '{' || !close)
		return NULL;
	lex_init(&lx, b, (size_t)(close - b), (size_t)(open - b));
	memset(t, 0, sizeof(t));
	for (;;) {
		for (k = 0; k < 3; k++)
			t[k] = t[k + 1];
		lex_next(&lx, &t[3]);
		if (t[3].kind == TOK_EOF)
			return NULL;
		if (tok_is(&lx, &t[0], ".") &&
		    tok_is(&lx, &t[1], r->splice_read_field) &&
		    tok_is(&lx, &t[2], "=") && t[3].kind == TOK_IDENT) {
			char *n = xstrndup(b + t[3].start, t[3].end - t[3].start);
			bool pc = strvec_contains(&r->page_cache_readers, n);

			free(n);
			return pc ? r->splice_page_cache : NULL;
		}
	}
}

static void splice_lexical(struct tu *tu, const struct lexical_call *lc,
			   CXCursor decl, void *data)
{
	const struct removed_api *g = data;
	const char *to = g->fix_to;
	char *desc;
	cJSON *f;

	(void)decl;
	if (!g->fix_type || strcmp(g->fix_type, "rename"))
		to = lexical_choice(lc, tu_rules(tu));
	if (to)
		f = tu_report_lexical(tu, RULE, lc, "%s() is used%s; Linux %s: use %s()",
				      g->name, lexical_context(lc),
				      g->removed_in, to);
	else
		f = tu_report_lexical(tu, RULE, lc, "%s() is used%s, removed in Linux %s; %s",
				      g->name, lexical_context(lc),
				      g->removed_in, g->guidance);
	if (!f)
		return;
	if (!to) {
		cJSON_AddStringToObject(f, "no_fix_reason",
					"in a branch the parser did not see, only '.read_iter = generic_file_read_iter' decides it");
		return;
	}
	desc = xasprintf("replace %s with %s", g->name, to);
	finding_set_fix(f, desc);
	tu_replace_lexical(tu, f, lc, to);
	free(desc);
}

void check_splice_read(struct engine *e)
{
	size_t i;

	for (i = 0; i < e->rules->nr_gone; i++) {
		struct removed_api *g = &e->rules->gone[i];

		if (strcmp(g->rule, RULE) == 0)
			engine_add_ref_hook(e, g->name, g->prefilter,
					    splice_ref, splice_lexical, g);
	}
}
