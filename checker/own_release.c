// SPDX-License-Identifier: GPL-2.0
/*
 * Releases and frees on a path of own_walk.c.  A release is counted: by
 * its count argument, or by the loop around a release of one page
 * (for (i = 0; i < n; i++) covers n, while (i--) the i before), a loop
 * entered at its test releasing whatever branch a round takes.  The
 * count asked for after a short result is an over-release, a result
 * that may be negative a negative count, and a second release of the
 * whole set on one path a double release.  A free of the array or
 * object holding the pages while they are held is an exit to judge.
 */
#include <stdlib.h>
#include <string.h>

#include "gupcheck.h"
#include "own.h"

static cJSON *counted(const char *kind, const char *count)
{
	cJSON *x = own_note_new(kind);

	if (count)
		cJSON_AddStringToObject(x, "cnt", count);
	return x;
}

enum count { C_PART, C_TAKEN, C_REQ, C_OTHER };

/* What the count tokens CT stand for; *NEG: a result that may be < 0. */
static enum count count_of(struct own_walk *w, const char *ct, bool *neg)
{
	const struct own_var *v = own_var_find(&w->st->vars, ct);

	*neg = false;
	if (v && (v->m & F_REQ))
		return C_REQ;
	if (v && (v->m & (F_RES | F_DER | F_ACC))) {
		*neg = (v->m & F_RES) && (v->m & M_N);
		return C_TAKEN;
	}
	if (w->sj->offset && !strcmp(ct, w->sj->offset))
		return C_TAKEN;
	if ((w->sj->requested && !strcmp(ct, w->sj->requested)) ||
	    (w->sj->total && !strcmp(ct, w->sj->total)))
		return C_REQ;
	return C_OTHER;
}

static bool unsigned_param(CXCursor decl, int i)
{
	CXType t = clang_getCanonicalType(clang_getArgType(
			clang_getCursorType(decl), (unsigned int)i));

	return t.kind == CXType_ULong || t.kind == CXType_UInt ||
	       t.kind == CXType_ULongLong;
}

/*
 * A second release of all the pages at CALL, where one of the two (or
 * both) is a call of the file or tree given them all: FIRST and SECOND
 * are those calls' passes (NULL for a release of the API).  The judge
 * reports it when the summaries say each such call releases what it is
 * given, and nothing else.
 */
void own_twice(struct own_walk *w, CXCursor call, const char *first,
	       const char *second)
{
	unsigned int at = first ? w->st->rel_call : w->st->released;
	cJSON *x = own_note_new("double?");

	cJSON_AddItemToObject(x, "first", own_where_is(w, at));
	if (first && *first)
		cJSON_AddStringToObject(x, "p1", first);
	else if (first)
		cJSON_AddStringToObject(x, "p1", "?");
	if (second)
		cJSON_AddStringToObject(x, "p2", second);
	own_note(w, w->counts, call, x);
}

/* A release of the pages H stands for, by the API API. */
void own_release(struct own_walk *w, CXCursor call, CXCursor decl,
		       const struct own_api *api, enum hold h, bool exact)
{
	unsigned int off = own_offset(call);
	int ci = own_api_arg(w->r, decl, api->name, api->count, "count");
	enum count c = C_PART;
	bool whole = false, neg = false;
	const struct own_loop *l;
	char *ct = NULL;
	cJSON *x;

	if (h == H_SAME && ci >= 0 &&
	    ci < clang_Cursor_getNumArguments(call)) {
		ct = own_text(w, expr_strip(clang_Cursor_getArgument(call, ci)));
		c = count_of(w, ct, &neg);
		neg &= unsigned_param(decl, ci);
		whole = exact;
	} else if (h == H_SAME && ci < 0) {
		/* put_page(page): the one page the subject took */
		c = w->sj->mode == OM_PAGE ? C_TAKEN : C_PART;
		whole = exact && w->sj->mode == OM_PAGE;
	} else if (h == H_ELEM) {
		l = own_loop_at(w->loops, off);
		if (l && l->from0 && l->bound) {
			c = count_of(w, l->bound, &neg);
			ct = xstrdup(l->bound);
			neg = false;
			whole = true;
		}
	}
	/*
	 * the count asked for, where fewer were taken: this call's result
	 * short, or a loop's rounds stopped before the last
	 */
	if (c == C_REQ && w->sj->result != R_OTHER &&
	    ((w->st->cls & M_S) ||
	     (w->sj->offset && (w->st->cls & (M_Z | M_S | M_N)))))
		own_note(w, w->counts, call, counted("over", ct));
	if (neg && w->sj->result != R_OTHER)
		own_note(w, w->counts, call, counted("neg", ct));
	if (whole && w->st->released && w->st->released != off) {
		x = own_note_new("double");
		cJSON_AddItemToObject(x, "first", own_where_is(w, w->st->released));
		own_note(w, w->counts, call, x);
	} else if (whole && w->st->rel_call && w->st->rel_call != off) {
		own_twice(w, call, own_pass_at(w->st, w->st->rel_call), NULL);
	}
	free(ct);
	if (whole && w->st->released != off) {
		w->st->released = off;
		w->st->rel_call = 0;
		w->st->prior = false;
	} else if (!whole) {
		w->st->partial = off;
	}
}

/*
 * A free of the pages' array, or of the object holding them.  When the
 * pages are in another place too (a table made from the array), the
 * walk goes on with that one.
 */
void own_free(struct own_walk *w, CXCursor call, CXCursor arg,
		    enum hold h)
{
	cJSON *x;
	char *what;

	what = own_container(w, arg);
	if (!what)
		what = own_place(w, expr_strip(arg));
	if (h == H_SAME && own_holder(w->st, what) && own_holder_drop(w, what)) {
		free(what);
		return;
	}
	free(what);
	if (own_holding(w)) {
		x = own_note_new("free");
		what = own_place(w, expr_strip(arg));
		cJSON_AddStringToObject(x, "free", what);
		free(what);
		own_add_passes(w, x);
		own_note(w, w->exits, call, x);
	}
	w->stop = true;
}

/* A count that may be negative passed with the pages: qp_release(p, ret). */
void own_negative_with(struct own_walk *w, CXCursor call, CXCursor decl)
{
	int i, n = clang_Cursor_getNumArguments(call);
	struct strvec t = { 0 };
	const struct own_var *v;

	for (i = 0; i < n && w->sj->result != R_OTHER; i++) {
		cursor_tokens(w->tu, expr_strip(clang_Cursor_getArgument(call,
									 i)),
			      &t);
		v = t.n == 1 ? own_var_find(&w->st->vars, t.v[0]) : NULL;
		if (v && (v->m & F_RES) && (v->m & M_N) &&
		    unsigned_param(decl, i))
			own_note(w, w->counts, call, counted("neg", t.v[0]));
		strvec_free(&t);
	}
}

struct loop_rel {
	struct own_walk *w;
	const struct own_loop *l;
};

static enum CXChildVisitResult loop_rel_visitor(CXCursor c, CXCursor parent,
						CXClientData data)
{
	struct loop_rel *lr = data;
	struct own_walk *w = lr->w;
	CXCursor decl;
	const struct own_api *api;
	char *name;
	int pi;

	(void)parent;
	if (clang_getCursorKind(c) != CXCursor_CallExpr)
		return CXChildVisit_Recurse;
	if (own_loop_at(w->loops, own_offset(c)) != lr->l)
		return CXChildVisit_Recurse;
	name = cursor_name(c);
	api = own_api(w->r, name);
	free(name);
	if (!api || (api->family != FAM_PUT && api->family != FAM_UNPIN))
		return CXChildVisit_Recurse;
	decl = clang_getCursorReferenced(c);
	pi = own_api_arg(w->r, decl, api->name, api->pages, "pages");
	if (pi >= 0 && pi < clang_Cursor_getNumArguments(c) &&
	    own_holder_match(w, clang_Cursor_getArgument(c, pi), NULL, NULL) ==
	    H_ELEM)
		own_release(w, c, decl, api, H_ELEM, false);
	return CXChildVisit_Recurse;
}

/*
 * A loop over the pages is entered at its test COND: a release of one
 * page in its body, for (i = 0; i < n; i++) if (pages[i])
 * put_page(pages[i]), releases them all, whatever branch a round takes.
 */
void own_release_loop(struct own_walk *w, CXCursor cond)
{
	struct loop_rel lr = { .w = w };

	if (!w->st->held || clang_Cursor_isNull(cond))
		return;
	lr.l = own_loop_at(w->loops, own_offset(cond));
	if (!lr.l || !lr.l->from0 || !lr.l->bound ||
	    clang_Cursor_isNull(lr.l->c))
		return;
	clang_visitChildren(lr.l->c, loop_rel_visitor, &lr);
}
