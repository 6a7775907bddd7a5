// SPDX-License-Identifier: GPL-2.0
/*
 * What one statement does to a path's state (own_walk.c): the subject's
 * call takes the pages and gives its result a class; a release lets go
 * of some or all of them, with a count that is right, wrong, or may be
 * negative; a free of the array or object holding them while they are
 * held leaks them; a store or a return hands them on; a call passed them
 * is written down for the summaries to decide; an assignment gives a
 * variable a value, or makes it another name for the pages or for the
 * result.
 *
 * The pages are followed by where they are: "holders", the text of the
 * expressions that hold them (pages, dma->pages, sgt), and "=page" for a
 * variable holding one of them.
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
static char *text_of(struct own_walk *w, CXCursor e)
{
	struct strvec t = { 0 };
	char *s;

	cursor_tokens(w->tu, e, &t);
	s = own_joined(&t, 0, t.n);
	strvec_free(&t);
	return s;
}

static char *place_text(struct own_walk *w, CXCursor e)
{
	return own_place_text(w->tu, e);
}

/* Where an expression stands to the pages. */
enum hold {
	H_NONE,
	H_SAME,		/* the holder, or a field of it */
	H_ELEM,		/* one page of it: pages[i], sg_page(sg) */
	H_OUTER,	/* the object a holder is a field of: dma of dma->pages */
};

static bool field_of(const char *text, const char *h)
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
static enum hold holder_match(struct own_walk *w, CXCursor e, bool *exact,
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
	text = place_text(w, e);
	for (i = 0; i < hs->n && got == H_NONE; i++) {
		const char *h = hs->v[i];

		if (h[0] == '~')
			continue;	/* a value, not the pages */
		if (h[0] == '=')
			got = !strcmp(text, h + 1) ? H_ELEM : H_NONE;
		else if (!strcmp(text, h) || field_of(text, h))
			got = elem || strstr(h, "[]") ? H_ELEM : H_SAME;
		else if (field_of(h, text))
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

static cJSON *note(const char *kind)
{
	cJSON *x = cJSON_CreateObject();

	cJSON_AddStringToObject(x, "k", kind);
	return x;
}

/* Pages taken by the rounds of a loop before this one. */
static bool prior(struct own_walk *w)
{
	const struct own_var *v;

	if (!w->sj->offset)
		return false;
	v = own_var_find(&w->st->vars, w->sj->offset);
	return !v || (v->m & M_P);
}

/* May the pages be held here, unreleased? */
static bool holding(struct own_walk *w)
{
	unsigned int classes = w->sj->result == R_OTHER ? M_ALL : M_P;

	return w->st->held && !w->st->released && !w->st->partial &&
	       ((w->st->cls & classes) || prior(w) || w->st->prior);
}

static void add_passes(struct own_walk *w, cJSON *x)
{
	cJSON *p;
	size_t i;

	if (!w->st->passes.n)
		return;
	p = cJSON_AddArrayToObject(x, "passes");
	for (i = 0; i < w->st->passes.n; i++)
		cJSON_AddItemToArray(p, cJSON_CreateString(
				w->st->passes.v[i]));
	if (prior(w) || w->st->prior)
		cJSON_AddTrueToObject(x, "prior");
}

/*
 * Is T a pointer to an unsigned long: where a pfn or an address goes (a
 * count, an int, is no such thing)?
 */
static bool integer_out(CXType t)
{
	t = clang_getCanonicalType(t);
	if (t.kind != CXType_Pointer)
		return false;
	t = clang_getCanonicalType(clang_getPointeeType(t));
	return t.kind == CXType_ULong || t.kind == CXType_ULongLong;
}

/*
 * A wrapper's other out-parameters of integer type (vaddr_get_pfns()'s
 * pfn) carry a value standing for the pages: "~pfn_base", which whatever
 * is later passed it (put_pfn(*pfn_base)) is taken to keep.
 */
static void handles(struct own_walk *w, CXCursor call)
{
	int i, n = clang_Cursor_getNumArguments(call);
	char *t, *h;

	for (i = 0; i < n; i++) {
		CXCursor a = expr_strip(clang_Cursor_getArgument(call, i));
		struct cursor_kids kd = cursor_kids(a);

		if (!integer_out(clang_getCursorType(a)))
			continue;
		if (clang_getCursorKind(a) == CXCursor_UnaryOperator &&
		    kd.n == 1)
			a = expr_strip(kd.c[0]);
		t = text_of(w, a);
		h = xasprintf("~%s", t);
		own_holder_add(w->st, h);
		free(h);
		free(t);
	}
}

/* The subject's call: it takes the pages. */
static void acquire(struct own_walk *w, CXCursor call, const char *into)
{
	struct own_subject *sj = w->sj;
	unsigned int cls = M_ALL, flags = F_RES;

	if (sj->result == R_COUNT && sj->requested &&
	    !strcmp(sj->requested, "1"))
		cls = M_Z | M_F | M_N;
	else if (sj->result == R_BYTES)
		cls = M_Z | M_S | M_N;
	else if (sj->result == R_NONE && !into && !w->in_cond)
		cls = M_F;
	if (sj->result == R_OTHER &&
	    own_signed_int(clang_getCursorType(call)))
		flags |= F_ERRNO;
	/* a loop's earlier rounds left pages in a place of the function */
	w->st->prior |= holding(w) && !w->sj->offset;
	w->st->held = true;
	w->st->released = 0;
	w->st->partial = 0;
	w->st->tested = false;
	w->st->cls = cls;
	own_holder_add(w->st, sj->var_name);
	if (sj->result == R_OTHER)
		handles(w, call);
	if (into)
		own_var_set(w->st, into, cls | flags);
	if (w->in_cond)
		own_var_set(w->st, "@r", cls | flags);
}

static cJSON *counted(const char *kind, const char *count)
{
	cJSON *x = note(kind);

	if (count)
		cJSON_AddStringToObject(x, "cnt", count);
	return x;
}

/* The line and column of offset OFF of the main file. */
static cJSON *where_is(struct own_walk *w, unsigned int off)
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

enum count { C_PART, C_TAKEN, C_REQ, C_OTHER };

/* What the count tokens CT stand for; *NEG: a result that may be < 0. */
static enum count count_of(struct own_walk *w, const char *ct, bool *neg)
{
	const struct own_var *v = own_var_find(&w->st->vars, ct);

	*neg = false;
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

/* A release of the pages H stands for, by the API API. */
static void on_release(struct own_walk *w, CXCursor call, CXCursor decl,
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
		ct = text_of(w, expr_strip(clang_Cursor_getArgument(call, ci)));
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
	if (c == C_REQ && (w->st->cls & M_S) && w->sj->result != R_OTHER)
		own_note(w, w->counts, call, counted("over", ct));
	if (neg && w->sj->result != R_OTHER)
		own_note(w, w->counts, call, counted("neg", ct));
	if (whole && w->st->released && w->st->released != off) {
		x = note("double");
		cJSON_AddItemToObject(x, "first", where_is(w, w->st->released));
		own_note(w, w->counts, call, x);
	}
	free(ct);
	if (whole && w->st->released != off) {
		w->st->released = off;
		w->st->prior = false;
	} else if (!whole) {
		w->st->partial = off;
	}
}

static bool drop_holder(struct own_walk *w, const char *name);

/*
 * A free of the pages' array, or of the object holding them.  When the
 * pages are in another place too (a table made from the array), the
 * walk goes on with that one.
 */
static void on_free(struct own_walk *w, CXCursor call, CXCursor arg,
		    enum hold h)
{
	cJSON *x;
	char *what;

	what = place_text(w, expr_strip(arg));
	if (h == H_SAME && own_holder(w->st, what) && drop_holder(w, what)) {
		free(what);
		return;
	}
	free(what);
	if (holding(w)) {
		x = note("free");
		what = place_text(w, expr_strip(arg));
		cJSON_AddStringToObject(x, "free", what);
		free(what);
		add_passes(w, x);
		own_note(w, w->exits, call, x);
	}
	w->stop = true;
}

/* The variable-rooted text of a container argument, if it is local. */
static char *local_container(struct own_walk *w, CXCursor e)
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
	t = place_text(w, e);
	if (!elem)
		return t;
	s = xasprintf("%s[]", t);
	free(t);
	return s;
}

/* Where a transfer X puts the pages: CONTAINER's text and X's suffix. */
static char *transfer_holder(struct own_walk *w, CXCursor container,
			     const struct own_transfer *x)
{
	char *c = local_container(w, container), *h;
	const char *sfx = x->suffix;

	/* ".bv_page" is a field of the container's elements */
	if (!c || !x->field)
		return c;
	h = xasprintf("%s%s.%s", c, strstr(c, "[]") ? "" : "[]", sfx + 1);
	free(c);
	return h;
}

static bool keeps_nothing(const struct own_rules *o, const char *name)
{
	return strvec_contains(&o->page_readers, name) ||
	       strvec_contains(&o->borrowers, name) ||
	       strvec_contains(&o->error_tests, name) ||
	       strvec_contains(&o->error_or_null_tests, name) ||
	       strvec_contains(&o->see_through, name);
}

/*
 * A call the pages were passed to, by its summary key: "KEY#ARG@OFF",
 * "KEY#ARG/struct x.pages@OFF" when it was passed the object whose field
 * holds them, "KEY#ARG~@OFF" when it was passed a value made from them
 * (a pfn, an address), then "=VAR" if its result went into VAR.
 */
static void on_pass(struct own_walk *w, CXCursor call, CXCursor decl,
		    const char *name, int arg, const char *how)
{
	char *key, *p;

	key = clang_getCursorKind(decl) == CXCursor_FunctionDecl ?
	      own_fn_key(w->tu, decl, name) : xstrdup("?");
	p = xasprintf("%s#%d%s@%u=%s", key, arg, how, own_offset(call),
		      w->into ? w->into : w->in_cond ? "@c" : "");
	if (!w->into && !w->in_cond)
		p[strlen(p) - 1] = 0;
	own_pass_add(w->st, p);
	free(p);
	free(key);
}

/* "struct x.pages" for the object A of type struct x and REST "->pages". */
static char *outer_field(CXCursor a, const char *rest)
{
	char *rec = own_record_of(clang_getCursorType(a)), *f;
	size_t skip = rest[0] == '.' ? 1 : 2;

	if (!rec[0] || (rest[0] != '.' && rest[0] != '-')) {
		free(rec);
		return xstrdup("");
	}
	f = xasprintf("/%s.%.*s", rec, (int)strcspn(rest + skip, ".-["),
		      rest + skip);
	free(rec);
	return f;
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
	text = place_text(m->w, c);
	for (i = 0; i < hs->n && !m->yes; i++) {
		const char *h = hs->v[i] + (hs->v[i][0] == '=' ||
					    hs->v[i][0] == '~');

		m->yes = !strcmp(text, h) || field_of(text, h);
	}
	free(text);
	return m->yes ? CXChildVisit_Break : CXChildVisit_Recurse;
}

/*
 * Does E name a holder, at any depth, as a variable or a field path:
 * page_to_pfn(pages[0]), *pfn_base?
 */
static bool mentions_holder(struct own_walk *w, CXCursor e)
{
	struct mention m = { .w = w };

	if (mention_visitor(e, e, &m) == CXChildVisit_Recurse)
		clang_visitChildren(e, mention_visitor, &m);
	return m.yes;
}

/* A count that may be negative passed with the pages: qp_release(p, ret). */
static void negative_with(struct own_walk *w, CXCursor call, CXCursor decl)
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

static void on_call(struct own_walk *w, CXCursor call)
{
	const struct own_rules *o = &w->r->own;
	CXCursor decl = clang_getCursorReferenced(call);
	int i, n = clang_Cursor_getNumArguments(call);
	const struct own_transfer *x;
	const struct own_api *api;
	bool exact;
	char *name, *into = w->into;
	enum hold h;

	w->into = NULL;
	if (own_offset(call) == w->sj->call_off) {
		acquire(w, call, into);
		return;
	}
	if (into)
		own_pass_forget(w->st, into);
	name = cursor_name(call);
	api = own_api(w->r, name);
	x = own_transfer(w->r, name);
	for (i = 0; w->st->held && i < n && !w->stop; i++) {
		CXCursor a = clang_Cursor_getArgument(call, i);
		char *c, *rest = NULL;

		h = holder_match(w, a, &exact, &rest);
		if (h == H_NONE) {
			if (!api && !x && !keeps_nothing(o, name) &&
			    mentions_holder(w, a)) {
				w->into = into;
				on_pass(w, call, decl, name, i, "~");
				w->into = NULL;
			}
			continue;
		}
		if (api && (api->family == FAM_REF || api->family == FAM_GET ||
			    api->family == FAM_PIN ||
			    api->family == FAM_EXTRACT)) {
			/* one more reference, or other pages in the place */
			w->stop = true;
		} else if (api && (api->family == FAM_PUT ||
			    api->family == FAM_UNPIN)) {
			if (i == own_api_arg(w->r, decl, api->name,
					     api->pages, "pages"))
				on_release(w, call, decl, api, h, exact);
		} else if (strvec_contains(&o->array_frees, name)) {
			if (h != H_ELEM)
				on_free(w, call, a, h);
		} else if (x && x->store == i) {
			c = transfer_holder(w, clang_Cursor_getArgument(call,
								   x->into), x);
			if (c)
				own_holder_add(w->st, c);
			else
				w->stop = true;	/* into the caller's */
			free(c);
		} else if (!keeps_nothing(o, name) && !x && !api) {
			c = h == H_OUTER ? outer_field(a, rest) : xstrdup("");
			w->into = into;
			on_pass(w, call, decl, name, i, c);
			w->into = NULL;
			free(c);
			negative_with(w, call, decl);
		}
		free(rest);
	}
	if (into) {
		if (strvec_contains(&o->error_values, name))
			own_var_set(w->st, into, M_N);
		else
			own_var_set(w->st, into, M_ALL |
				    (own_signed_int(clang_getCursorType(call)) ?
				     F_ERRNO : 0));
	}
	free(name);
}

static void walk_expr(struct own_walk *w, CXCursor e);

/* A plain variable's name, or NULL. */
static char *var_name(CXCursor e)
{
	CXCursor v = own_named_var(e);

	return clang_Cursor_isNull(v) ? NULL : cursor_name(v);
}

/*
 * Forget the holder NAME; false if no place that holds all of the pages
 * is left (one page's variable, or a pfn, is not one).
 */
static bool drop_holder(struct own_walk *w, const char *name)
{
	struct strvec *hs = &w->st->holders;
	size_t i, left = 0;

	for (i = 0; i < hs->n; i++)
		if (!strcmp(hs->v[i], name)) {
			free(hs->v[i]);
			hs->v[i] = hs->v[--hs->n];
			break;
		}
	for (i = 0; i < hs->n; i++)
		left += hs->v[i][0] != '=' && hs->v[i][0] != '~';
	return left > 0;
}

/* Is RHS the result, or a count of it: dma->nr_pages = ret > 0 ? ret : 0? */
static bool a_count(struct own_walk *w, CXCursor rhs)
{
	struct strvec t = { 0 };
	const struct own_var *v;
	bool yes = false;
	size_t i;

	cursor_tokens(w->tu, expr_strip(rhs), &t);
	for (i = 0; i < t.n && !yes; i++) {
		v = own_var_find(&w->st->vars, t.v[i]);
		yes = v && (v->m & (F_RES | F_DER | F_ACC));
	}
	strvec_free(&t);
	return yes;
}

/*
 * A store into memory: the pages go with it, unless it is theirs; and
 * an object that records the count taken, outside the function, is
 * released by whoever owns it.
 */
static void store_memory(struct own_walk *w, CXCursor lhs, CXCursor rhs)
{
	char *c;

	if (w->st->held && holding(w) && a_count(w, rhs)) {
		c = local_container(w, lhs);
		if (!c) {
			w->stop = true;
			return;
		}
		free(c);
	}
	if (!w->st->held || holder_match(w, lhs, NULL, NULL) != H_NONE)
		return;
	if (holder_match(w, rhs, NULL, NULL) == H_NONE) {
		/* a pfn or an address of them: their owner tracks it */
		if (mentions_holder(w, rhs))
			w->stop = true;
		return;
	}
	c = local_container(w, lhs);
	if (c)
		own_holder_add(w->st, c);	/* obj->pages = pages */
	else
		w->stop = true;			/* dma->pages = pages */
	free(c);
}

/* The value NAME gets from RHS's tokens, and what it is of the result. */
static void store_value(struct own_walk *w, const char *name, CXCursor rhs)
{
	struct strvec t = { 0 };
	const struct own_var *v;
	unsigned int m, flags = 0;
	size_t i;

	cursor_tokens(w->tu, rhs, &t);
	m = own_value(w, &t, NULL);
	/* ret2 = ret: the same result; n = ret + off: a count of it */
	v = t.n == 1 ? own_var_find(&w->st->vars, t.v[0]) : NULL;
	if (v && (v->m & (F_RES | F_DER | F_ACC)))
		flags = v->m & (F_RES | F_DER | F_ACC | F_ERRNO);
	for (i = 0; !flags && i < t.n; i++) {
		v = own_var_find(&w->st->vars, t.v[i]);
		if (v && (v->m & (F_RES | F_DER | F_ACC)))
			flags = F_DER;
	}
	own_var_set(w->st, name, (m & M_ALL) | flags);
	strvec_free(&t);
}

/* LHS = RHS, or a declaration's initializer (LHS the variable). */
static void on_store(struct own_walk *w, CXCursor lhs, CXCursor rhs,
		     bool decl)
{
	CXCursor call = expr_strip(rhs);
	bool is_call = clang_getCursorKind(call) == CXCursor_CallExpr;
	char *name = decl ? cursor_name(lhs) : var_name(lhs);
	enum hold h;

	w->into = is_call ? name : NULL;
	walk_expr(w, rhs);
	w->into = NULL;
	if (w->stop || !name) {
		if (!w->stop)
			store_memory(w, lhs, rhs);
		free(name);
		return;
	}
	h = w->st->held ? holder_match(w, rhs, NULL, NULL) : H_NONE;
	if (is_call && h == H_NONE) {
		/* pages = other(): the pages it held are out of sight */
		if (own_holder(w->st, name) &&
		    own_offset(call) != w->sj->call_off && holding(w) &&
		    !drop_holder(w, name))
			w->stop = true;
		free(name);
		return;
	}
	if (!is_call)
		own_pass_forget(w->st, name);
	if (h == H_SAME) {
		own_holder_add(w->st, name);
	} else if (h == H_ELEM) {
		char *e = xasprintf("=%s", name);

		own_holder_add(w->st, e);
		free(e);
	} else if (own_holder(w->st, name) && !drop_holder(w, name) &&
		   holding(w)) {
		w->stop = true;		/* pages = other: out of sight */
	} else if (w->st->held && own_one_page(clang_getCursorType(lhs)) &&
		   mentions_holder(w, rhs)) {
		/* folio = page_folio(page): one of them, by another name */
		char *e = xasprintf("=%s", name);

		own_holder_add(w->st, e);
		free(e);
	}
	if (!is_call)
		store_value(w, name, rhs);
	free(name);
}

/* X += Y, X -= Y, ...: an accumulated count when Y is a result. */
static void on_compound(struct own_walk *w, CXCursor c,
			struct cursor_kids *kd)
{
	char *name = var_name(kd->c[0]);
	struct strvec t = { 0 }, all = { 0 };
	const struct own_var *x, *y;
	unsigned int m = M_ALL;
	bool add;

	walk_expr(w, kd->c[1]);
	if (!name)
		return;
	cursor_tokens(w->tu, c, &all);
	cursor_tokens(w->tu, kd->c[0], &t);
	add = t.n < all.n && !strcmp(all.v[t.n], "+=");
	strvec_free(&t);
	strvec_free(&all);
	cursor_tokens(w->tu, kd->c[1], &t);
	y = t.n == 1 ? own_var_find(&w->st->vars, t.v[0]) : NULL;
	x = own_var_find(&w->st->vars, name);
	if (add && y && (y->m & (F_RES | F_ACC | F_DER))) {
		m = F_ACC | ((!(y->m & ~(M_P | F_RES | F_ACC | F_DER |
					 F_ERRNO)) &&
			      (!x || !(x->m & M_N))) ? M_P : M_ALL);
	} else if (add && x && !(x->m & M_N) &&
		   !(own_value(w, &t, NULL) & (M_N | M_Z))) {
		m = M_P | (x->m & F_ACC);
	}
	strvec_free(&t);
	own_pass_forget(w->st, name);
	own_var_set(w->st, name, m);
	free(name);
}

/* i++, --i: an index moves. */
static void on_unary(struct own_walk *w, CXCursor c, struct cursor_kids *kd)
{
	struct strvec t = { 0 };
	struct own_var *v;
	char *name = var_name(kd->c[0]);
	bool up;

	if (!name)
		return;
	cursor_tokens(w->tu, c, &t);
	up = t.n == 2 && (!strcmp(t.v[0], "++") || !strcmp(t.v[1], "++"));
	v = own_var_find(&w->st->vars, name);
	if (v && t.n == 2 && (up || !strcmp(t.v[0], "--") ||
			      !strcmp(t.v[1], "--"))) {
		if (up)
			v->m = (v->m & ~M_ALL) |
			       (v->m & M_N ? M_ALL : M_P);
		else
			v->m = (v->m & ~M_ALL) |
			       (v->m & M_P ? (v->m & M_N) | M_Z | M_P : M_ALL);
	}
	strvec_free(&t);
	free(name);
}

static enum CXChildVisitResult event_visitor(CXCursor c, CXCursor parent,
					     CXClientData data)
{
	struct own_walk *w = data;
	enum CXCursorKind k = clang_getCursorKind(c);
	struct cursor_kids kd;

	(void)parent;
	if (w->stop)
		return CXChildVisit_Break;
	switch (k) {
	case CXCursor_CallExpr:
		/* the arguments first: foo(bar(pages)) */
		{
			char *into = w->into;

			w->into = NULL;
			clang_visitChildren(c, event_visitor, w);
			w->into = into;
		}
		if (!w->stop)
			on_call(w, c);
		return CXChildVisit_Continue;
	case CXCursor_BinaryOperator:
		kd = cursor_kids(c);
		if (kd.n != 2 || !expr_is_assignment(w->tu, c, kd.c[0]))
			break;
		on_store(w, kd.c[0], kd.c[1], false);
		return CXChildVisit_Continue;
	case CXCursor_CompoundAssignOperator:
		kd = cursor_kids(c);
		if (kd.n == 2)
			on_compound(w, c, &kd);
		return CXChildVisit_Continue;
	case CXCursor_UnaryOperator:
		kd = cursor_kids(c);
		if (kd.n == 1)
			on_unary(w, c, &kd);
		break;
	case CXCursor_VarDecl:
		kd = cursor_kids(c);
		if (!kd.n || !clang_isExpression(clang_getCursorKind(
				cursor_last_kid(c))))
			break;
		on_store(w, c, cursor_last_kid(c), true);
		return CXChildVisit_Continue;
	default:
		break;
	}
	return CXChildVisit_Recurse;
}

static void walk_expr(struct own_walk *w, CXCursor e)
{
	if (event_visitor(e, e, w) == CXChildVisit_Recurse)
		clang_visitChildren(e, event_visitor, w);
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
	    holder_match(w, clang_Cursor_getArgument(c, pi), NULL, NULL) ==
	    H_ELEM)
		on_release(w, c, decl, api, H_ELEM, false);
	return CXChildVisit_Recurse;
}

/*
 * A loop over the pages is entered at its test COND: a release of one
 * page in its body, for (i = 0; i < n; i++) if (pages[i])
 * put_page(pages[i]), releases them all, whatever branch a round takes.
 */
void own_step_loop(struct own_walk *w, CXCursor cond)
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

/* The events of statement or condition C. */
void own_step_events(struct own_walk *w, CXCursor c)
{
	if (clang_getCursorKind(c) == CXCursor_ReturnStmt)
		clang_visitChildren(c, event_visitor, w);
	else
		walk_expr(w, c);
}

/*
 * A return: its value's events, then, if the pages may still be held
 * and the function returns an error, an exit to judge.  Returning the
 * pages, or the count of them, hands them to the caller.
 */
void own_step_exit(struct own_walk *w, CXCursor ret)
{
	struct cursor_kids kd = { 0 };
	const struct own_var *v;
	struct strvec t = { 0 };
	unsigned int m = M_Z;
	cJSON *x;

	if (!clang_Cursor_isNull(ret)) {
		kd = cursor_kids(ret);
		own_step_events(w, ret);
	}
	if (w->stop || !holding(w))
		return;
	if (kd.n && holder_match(w, kd.c[0], NULL, NULL)) {
		w->handed = true;	/* return pages: the caller has them */
		return;
	}
	if (kd.n) {
		cursor_tokens(w->tu, kd.c[0], &t);
		v = t.n == 1 ? own_var_find(&w->st->vars, t.v[0]) : NULL;
		m = own_value(w, &t, NULL);
		strvec_free(&t);
		if (v && (v->m & (F_RES | F_ACC | F_DER)) && (v->m & M_P)) {
			w->handed = true;	/* the caller gets the count */
			return;
		}
	}
	if ((m & M_ALL) != M_N) {
		/* a success that leaves them in the place: its caller's */
		w->handed = true;
		return;
	}
	x = note("err");
	add_passes(w, x);
	own_note(w, w->exits, ret, x);
}
