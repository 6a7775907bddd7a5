// SPDX-License-Identifier: GPL-2.0
/*
 * iov/iter-pipe: uses of what went away with the pipe-backed iov_iter in
 * Linux 6.5: ITER_PIPE, iov_iter_pipe(), iov_iter_is_pipe(), the pipe
 * fields of struct iov_iter and lib/iov_iter.c's ITER_PIPE helpers.  The
 * list is data, in rules/removed-api.json.
 *
 * A use is a reference the AST resolves to the removed declaration: the
 * enumerator, the function (a static helper only if it is declared in
 * lib/iov_iter.c), or the field of struct iov_iter.  Uses in branches the
 * configuration skips are found from their tokens, for the names that are
 * unambiguous on their own.  Converting such code is a redesign, so there
 * is guidance and never a patch.
 */
#include <stdlib.h>
#include <string.h>

#include "gupcheck.h"

#define RULE "iov/iter-pipe"

static const char no_fix[] =
	"converting ITER_PIPE code is a redesign, not a rename";

static bool is_removed(struct tu *tu, const struct removed_api *g,
		       CXCursor decl)
{
	enum CXCursorKind k = clang_getCursorKind(decl);

	if (strcmp(g->kind, "enumerator") == 0)
		return k == CXCursor_EnumConstantDecl;
	if (strcmp(g->kind, "field") == 0)
		return k == CXCursor_FieldDecl &&
		       field_of_struct(decl, g->record);
	if (k != CXCursor_FunctionDecl)
		return false;
	return !g->scope || strcmp(tu_decl_file(tu, decl), g->scope) == 0;
}

static char *what(const struct removed_api *g)
{
	if (strcmp(g->kind, "function") == 0)
		return xasprintf("%s()", g->name);
	if (strcmp(g->kind, "field") == 0)
		return xasprintf("struct %s's '%s' field", g->record, g->name);
	return xstrdup(g->name);
}

static void pipe_ref(struct tu *tu, CXCursor ref, CXCursor decl, void *data)
{
	const struct removed_api *g = data;
	char *w;
	cJSON *f;

	if (!is_removed(tu, g, decl))
		return;
	w = what(g);
	f = tu_report(tu, RULE, ref, "%s is used; Linux %s removed it: %s", w,
		      g->removed_in, g->guidance);
	if (f)
		cJSON_AddStringToObject(f, "no_fix_reason", no_fix);
	free(w);
}

static void pipe_lexical(struct tu *tu, const struct lexical_call *lc,
			 CXCursor decl, void *data)
{
	const struct removed_api *g = data;
	char *w = what(g);
	cJSON *f;

	(void)decl;
	f = tu_report_lexical(tu, RULE, lc, "%s is used%s; Linux %s removed it: %s",
			      w, lexical_context(lc), g->removed_in,
			      g->guidance);
	if (f)
		cJSON_AddStringToObject(f, "no_fix_reason", no_fix);
	free(w);
}

void check_iter_pipe(struct engine *e)
{
	size_t i;

	for (i = 0; i < e->rules->nr_gone; i++) {
		struct removed_api *g = &e->rules->gone[i];

		if (strcmp(g->rule, RULE))
			continue;
		/* Only a name that is unambiguous alone is matched as text. */
		engine_add_ref_hook(e, g->name, g->prefilter, pipe_ref,
				    g->prefilter ? pipe_lexical : NULL, g);
	}
}
