// SPDX-License-Identifier: GPL-2.0
/*
 * Where the pages are on a path of own_walk.c: the "holders", the text
 * of the expressions that hold them (pages, dma->pages, sgt,
 * bv[].bv_page), "=page" for a variable holding one of them and "~pfn"
 * for one holding a value standing for them; whether an expression is
 * one of them, one page of one, or the object one is a field of; and
 * the notes a walk leaves (own_judge.c reads them).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gupcheck.h"
#include "own.h"

#define MAX_NOTES 8

unsigned int own_value(struct own_walk *w, const struct strvec *t,
		       bool *res)
{
	struct own_cond cx = {
		.r = w->r, .vars = &w->st->vars, .holders = &w->st->holders,
		.requested = w->sj->requested, .held = w->st->held,
	};
	bool r = false;
	unsigned int m = own_cond_value(&cx, t, &r);

	if (res)
		*res = r;
	return m;
}

/* The tokens of E joined: its text without spaces. */
char *own_text(struct own_walk *w, CXCursor e)
{
	struct strvec t = { 0 };
	char *s;

	cursor_tokens(w->tu, e, &t);
	s = own_joined(&t, 0, t.n);
	strvec_free(&t);
	return s;
}

char *own_place(struct own_walk *w, CXCursor e)
{
	return own_place_text(w->tu, e);
}

bool own_field_of(const char *text, const char *h)
{
	size_t n = strlen(h);

	return !strncmp(text, h, n) &&
	       (!strncmp(text + n, "->", 2) || text[n] == '.');
}

/*
 * How E stands to the pages, and in *EXACT whether it is the holder as
 * it is (no element, no offset); for H_OUTER, *OUTER gets the rest of
 * the holder's text: "->pages" of dma->pages for dma.
 */
enum hold own_holder_match(struct own_walk *w, CXCursor e, bool *exact,
			      char **outer)
{
	const struct strvec *hs = &w->st->holders;
	enum hold got = H_NONE;
	bool elem = false, moved = false;
	char *text;
	size_t i;

	for (;;) {
		enum CXCursorKind k;
		struct cursor_kids kd;
		const struct own_transfer *x;
		char *name;

		e = expr_strip(e);
		k = clang_getCursorKind(e);
		kd = cursor_kids(e);
		if (k == CXCursor_UnaryOperator && kd.n == 1) {
			e = kd.c[0];
		} else if (k == CXCursor_ArraySubscriptExpr && kd.n == 2) {
			e = kd.c[0];
			elem = true;
		} else if (k == CXCursor_BinaryOperator && kd.n == 2 &&
			   own_pointer_ish(clang_getCursorType(e))) {
			e = own_pointer_ish(clang_getCursorType(kd.c[0])) ?
			    kd.c[0] : kd.c[1];
			moved = true;
		} else if (k == CXCursor_CallExpr) {
			name = cursor_name(e);
			x = own_transfer(w->r, name);
			free(name);
			if (!x || (x->load < 0 && x->same < 0))
				break;
			e = clang_Cursor_getArgument(e, x->load >= 0 ?
						     x->load : x->same);
			elem |= x->load >= 0;
		} else {
			break;
		}
	}
	text = own_place(w, e);
	for (i = 0; i < hs->n && got == H_NONE; i++) {
		const char *h = hs->v[i];

		if (h[0] == '~')
			continue;	/* a value, not the pages */
		if (h[0] == '=')
			got = !strcmp(text, h + 1) ? H_ELEM : H_NONE;
		else if (!strcmp(text, h) || own_field_of(text, h))
			got = elem || strstr(h, "[]") ? H_ELEM : H_SAME;
		else if (own_field_of(h, text))
			got = H_OUTER;
		if (got == H_OUTER && outer)
			*outer = xstrdup(h + strlen(text));
	}
	free(text);
	if (exact)
		*exact = got == H_SAME && !elem && !moved;
	return got;
}

/* The branches that told the result's class on this path, in order. */
static void add_trail(struct own_walk *w, cJSON *x)
{
	cJSON *tr, *b;
	unsigned int l, c, cls;
	size_t i;

	if (!w->st->trail.n)
		return;
	tr = cJSON_AddArrayToObject(x, "trail");
	for (i = 0; i < w->st->trail.n; i++) {
		if (sscanf(w->st->trail.v[i], "%u:%u:%u", &l, &c, &cls) != 3)
			continue;
		b = cJSON_CreateObject();
		cJSON_AddNumberToObject(b, "l", l);
		cJSON_AddNumberToObject(b, "c", c);
		cJSON_AddNumberToObject(b, "cls", cls);
		cJSON_AddItemToArray(tr, b);
	}
}

/*
 * Record X at AT in TO (exits or counts): once per place and what the
 * path knows there (the result's class, the calls passed the pages), a
 * few at most.
 */
void own_note(struct own_walk *w, cJSON *to, CXCursor at, cJSON *x)
{
	unsigned int line, col, off;
	CXFile f;
	char *k, *code, *passes;

	clang_getSpellingLocation(clang_getCursorLocation(at), &f, &line,
				  &col, &off);
	passes = own_joined(&w->st->passes, 0, w->st->passes.n);
	k = xasprintf("%s@%u:%u%s%s|%s",
		      cJSON_GetStringValue(cJSON_GetObjectItem(x, "k")), off,
		      w->st->cls, w->st->tested ? "t" : "",
		      w->st->prior ? "p" : "", passes);
	free(passes);
	if (!strset_add(&w->noted, k) ||
	    cJSON_GetArraySize(to) >= MAX_NOTES) {
		free(k);
		cJSON_Delete(x);
		return;
	}
	free(k);
	cJSON_AddNumberToObject(x, "l", line);
	cJSON_AddNumberToObject(x, "c", col);
	if (f && !clang_File_isEqual(f, w->tu->main))
		cJSON_AddStringToObject(x, "file", tu_file_rel(w->tu, f, NULL));
	code = cursor_text(w->tu, at);
	cJSON_AddStringToObject(x, "code", code);
	free(code);
	cJSON_AddNumberToObject(x, "cls", w->st->cls);
	if (w->st->tested)
		cJSON_AddTrueToObject(x, "t");
	add_trail(w, x);
	cJSON_AddItemToArray(to, x);
}

cJSON *own_note_new(const char *kind)
{
	cJSON *x = cJSON_CreateObject();

	cJSON_AddStringToObject(x, "k", kind);
	return x;
}

/* Pages taken by the rounds of a loop before this one. */
bool own_prior(struct own_walk *w)
{
	const struct own_var *v;

	if (!w->sj->offset || !w->sj->in_loop)
		return false;
	v = own_var_find(&w->st->vars, w->sj->offset);
	return v && (v->m & M_P);
}

/* May the pages be held here, unreleased? */
bool own_holding(struct own_walk *w)
{
	unsigned int classes = w->sj->result == R_OTHER ? M_ALL : M_P;

	return w->st->held && !w->st->released && !w->st->partial &&
	       ((w->st->cls & classes) || own_prior(w) || w->st->prior);
}

void own_add_passes(struct own_walk *w, cJSON *x)
{
	cJSON *p;
	size_t i;

	if (own_prior(w) || w->st->prior)
		cJSON_AddTrueToObject(x, "prior");
	if (!w->st->passes.n)
		return;
	p = cJSON_AddArrayToObject(x, "passes");
	for (i = 0; i < w->st->passes.n; i++)
		cJSON_AddItemToArray(p, cJSON_CreateString(
				w->st->passes.v[i]));
}

/* The line and column of offset OFF of the main file. */
cJSON *own_where_is(struct own_walk *w, unsigned int off)
{
	CXSourceLocation loc = clang_getLocationForOffset(w->tu->tu,
							  w->tu->main, off);
	unsigned int line = 0, col = 0;
	cJSON *x = cJSON_CreateObject();

	clang_getSpellingLocation(loc, NULL, &line, &col, NULL);
	cJSON_AddNumberToObject(x, "l", line);
	cJSON_AddNumberToObject(x, "c", col);
	return x;
}

/*
 * The variable-rooted text of a container argument, if it is the
 * function's own: a local array or struct, or a local pointer to memory
 * the function allocated (not one into somebody's object).
 */
char *own_container(struct own_walk *w, CXCursor e)
{
	CXCursor v;
	struct cursor_kids kd;
	bool elem = false;
	char *t, *s;

	for (;;) {
		e = expr_strip(e);
		kd = cursor_kids(e);
		if (clang_getCursorKind(e) == CXCursor_UnaryOperator &&
		    kd.n == 1) {
			e = kd.c[0];
		} else if (clang_getCursorKind(e) == CXCursor_BinaryOperator &&
			   kd.n == 2 &&
			   own_pointer_ish(clang_getCursorType(e))) {
			/* bv + npages + i: an element of bv */
			e = own_pointer_ish(clang_getCursorType(kd.c[0])) ?
			    kd.c[0] : kd.c[1];
			elem = true;
		} else {
			break;
		}
	}
	v = e;
	while (clang_getCursorKind(v) == CXCursor_MemberRefExpr ||
	       clang_getCursorKind(v) == CXCursor_ArraySubscriptExpr) {
		kd = cursor_kids(v);
		if (!kd.n)
			return NULL;
		v = expr_strip(kd.c[0]);
	}
	v = own_named_var(v);
	if (clang_Cursor_isNull(v) || !own_local_var(v, w->fn))
		return NULL;
	if (clang_getCanonicalType(clang_getCursorType(v)).kind ==
	    CXType_Pointer) {
		t = cursor_name(v);
		if (!w->fresh || !strvec_contains(w->fresh, t)) {
			free(t);
			return NULL;
		}
		free(t);
	}
	t = own_place(w, e);
	if (!elem)
		return t;
	s = xasprintf("%s[]", t);
	free(t);
	return s;
}

/* Where a transfer X puts the pages: CONTAINER's text and X's suffix. */
char *own_transfer_holder(struct own_walk *w, CXCursor container,
			     const struct own_transfer *x)
{
	char *c = own_container(w, container), *h;
	const char *sfx = x->suffix;

	/* ".bv_page" is a field of the container's elements */
	if (!c || !x->field)
		return c;
	h = xasprintf("%s%s.%s", c, strstr(c, "[]") ? "" : "[]", sfx + 1);
	free(c);
	return h;
}

struct mention {
	struct own_walk *w;
	bool yes;
};

static enum CXChildVisitResult mention_visitor(CXCursor c, CXCursor parent,
					       CXClientData data)
{
	struct mention *m = data;
	const struct strvec *hs = &m->w->st->holders;
	enum CXCursorKind k = clang_getCursorKind(c);
	char *text;
	size_t i;

	(void)parent;
	if (k != CXCursor_DeclRefExpr && k != CXCursor_MemberRefExpr)
		return CXChildVisit_Recurse;
	text = own_place(m->w, c);
	for (i = 0; i < hs->n && !m->yes; i++) {
		const char *h = hs->v[i] + (hs->v[i][0] == '=' ||
					    hs->v[i][0] == '~');

		m->yes = !strcmp(text, h) || own_field_of(text, h);
	}
	free(text);
	return m->yes ? CXChildVisit_Break : CXChildVisit_Recurse;
}

/*
 * Does E name a holder, at any depth, as a variable or a field path:
 * page_to_pfn(pages[0]), *pfn_base?
 */
bool own_mentions(struct own_walk *w, CXCursor e)
{
	struct mention m = { .w = w };

	if (mention_visitor(e, e, &m) == CXChildVisit_Recurse)
		clang_visitChildren(e, mention_visitor, &m);
	return m.yes;
}

/*
 * Forget the holder NAME; false if no place that holds all of the pages
 * is left (one page's variable, or a pfn, is not one).
 */
bool own_holder_drop(struct own_walk *w, const char *name)
{
	struct strvec *hs = &w->st->holders;
	size_t i, left = 0;

	strvec_remove(hs, name);
	for (i = 0; i < hs->n; i++)
		left += hs->v[i][0] != '=' && hs->v[i][0] != '~';
	return left > 0;
}
