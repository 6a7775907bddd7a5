// SPDX-License-Identifier: GPL-2.0
/*
 * The subjects of a function's path walk: the calls that may put pages
 * into a place of the function.
 *
 *   - Every acquisition of the page API (rules/): its pages go into the
 *     place its pages argument names, a local array (pages, &pages[i],
 *     pages + n), a local page (&page), a parameter's or a field's array
 *     (dma->pages).  Its count and the loop around it say how many it
 *     may take.
 *   - Any other call that is passed a fresh local array or object, or
 *     whose value goes into a local page array: the worker cannot tell a
 *     wrapper from any other function, so own_judge.c keeps those the
 *     whole tree's summaries say acquire.
 *
 * A place is fresh when nobody else can release from it: a local array,
 * a local page, or an array or object from an allocator that has not
 * escaped before the call.
 */
#include <stdlib.h>
#include <string.h>

#include "gupcheck.h"
#include "own.h"

#define IDENT_CHARS "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_"

struct scan {
	struct tu *tu;
	const struct rules *r;
	CXCursor fn;
	struct cfg g;
	bool have_cfg, no_cfg;
	struct own_loops loops;
	struct strvec fresh;	/* local pointers only allocators set */
	struct strvec mixed;	/* ... and those something else sets too */
	cJSON *out;
	cJSON *rec;
	CXCursor *stack;
	size_t depth, cap;
};

/* Is the local at VAR_OFF fresh at the call at CALL_OFF? */
struct fresh {
	struct tu *tu;
	const struct rules *r;
	unsigned int var_off, call_off;
	bool alloc, escaped;
};

/*
 * Is E a call of an allocator of rules/, by the name it is written with:
 * 6.10's kcalloc() is a macro around kcalloc_noprof() in a statement
 * expression (alloc_hooks()), so the call's own name would not do.
 */
static bool allocates(struct fresh *fr, CXCursor e)
{
	struct strvec t = { 0 };
	bool yes;

	cursor_tokens(fr->tu, expr_strip(e), &t);
	yes = t.n > 1 && !strcmp(t.v[1], "(") &&
	      strvec_contains(&fr->r->own.array_allocs, t.v[0]);
	strvec_free(&t);
	return yes;
}

static bool frees(const struct rules *r, CXCursor call)
{
	char *name = cursor_name(call);
	bool yes = strvec_contains(&r->own.array_frees, name);

	free(name);
	return yes;
}

static enum CXChildVisitResult fresh_visitor(CXCursor c, CXCursor parent,
					     CXClientData data)
{
	struct fresh *fr = data;
	enum CXCursorKind k = clang_getCursorKind(c);
	struct cursor_kids kd;
	CXCursor rhs = clang_getNullCursor(), lhs = clang_getNullCursor();
	int i, n;

	(void)parent;
	if (own_offset(c) >= fr->call_off)
		return CXChildVisit_Continue;
	if (k == CXCursor_VarDecl && own_offset(c) == fr->var_off) {
		kd = cursor_kids(c);
		if (kd.n)
			rhs = cursor_last_kid(c);
		lhs = c;
	} else if (k == CXCursor_BinaryOperator) {
		kd = cursor_kids(c);
		if (kd.n == 2) {
			lhs = kd.c[0];
			rhs = kd.c[1];
		}
	} else if (k == CXCursor_CallExpr && !frees(fr->r, c)) {
		n = clang_Cursor_getNumArguments(c);
		for (i = 0; i < n; i++) {
			CXCursor a = clang_Cursor_getArgument(c, i);

			if (own_pointer_ish(clang_getCursorType(a)) &&
			    own_names_var(a, fr->var_off))
				fr->escaped = true;
		}
	}
	if (!clang_Cursor_isNull(rhs)) {
		CXCursor v = clang_getCursorKind(lhs) == CXCursor_VarDecl ?
			     lhs : own_named_var(lhs);

		if (!clang_Cursor_isNull(v) && own_offset(v) == fr->var_off) {
			fr->alloc = allocates(fr, rhs);
		} else if (own_pointer_ish(clang_getCursorType(rhs)) &&
			   own_names_var(rhs, fr->var_off)) {
			fr->escaped = true;
		}
	}
	return CXChildVisit_Recurse;
}

static bool fresh(struct scan *sc, CXCursor v, CXCursor call)
{
	struct fresh fr = { .tu = sc->tu, .r = sc->r, .var_off = own_offset(v),
			    .call_off = own_offset(call) };
	CXType t = clang_getCanonicalType(clang_getCursorType(v));

	if (!own_local_var(v, sc->fn))
		return false;
	clang_visitChildren(sc->fn, fresh_visitor, &fr);
	if (fr.escaped)
		return false;
	return t.kind == CXType_ConstantArray || own_one_page(t) || fr.alloc;
}

static enum CXChildVisitResult pointers_visitor(CXCursor c, CXCursor parent,
					       CXClientData data)
{
	struct scan *sc = data;
	struct fresh fr = { .tu = sc->tu, .r = sc->r };
	CXCursor v = clang_getNullCursor(), rhs = clang_getNullCursor();
	struct cursor_kids kd = cursor_kids(c);
	char *name;

	(void)parent;
	if (clang_getCursorKind(c) == CXCursor_VarDecl && kd.n &&
	    clang_isExpression(clang_getCursorKind(cursor_last_kid(c)))) {
		v = c;
		rhs = cursor_last_kid(c);
	} else if (clang_getCursorKind(c) == CXCursor_BinaryOperator &&
		   kd.n == 2 && expr_is_assignment(sc->tu, c, kd.c[0])) {
		v = own_named_var(kd.c[0]);
		rhs = kd.c[1];
	}
	if (clang_Cursor_isNull(v) || !own_local_var(v, sc->fn) ||
	    clang_getCanonicalType(clang_getCursorType(v)).kind !=
	    CXType_Pointer)
		return CXChildVisit_Recurse;
	name = cursor_name(v);
	if (allocates(&fr, rhs) || expr_is_null(rhs)) {
		if (!strvec_contains(&sc->fresh, name))
			strvec_push(&sc->fresh, name);
	} else if (!strvec_contains(&sc->mixed, name)) {
		strvec_push(&sc->mixed, name);
	}
	free(name);
	return CXChildVisit_Recurse;
}

/*
 * The local pointers of the function that only an allocator (or NULL)
 * ever sets: the memory they point to is the function's own, a place
 * the pages can go into and still be its to release.
 */
static void fresh_pointers(struct scan *sc)
{
	size_t i;

	clang_visitChildren(sc->fn, pointers_visitor, sc);
	for (i = 0; i < sc->fresh.n; ) {
		if (strvec_contains(&sc->mixed, sc->fresh.v[i])) {
			free(sc->fresh.v[i]);
			sc->fresh.v[i] = sc->fresh.v[--sc->fresh.n];
		} else {
			i++;
		}
	}
}

/*
 * The place argument A puts pages into, as the walk names it: the text
 * of its base (pages of &pages[i], dma->pages of dma->pages + n), with
 * its variable, the index or offset it is at, and whether it is the
 * address of the place (&pages: the call fills the pointer).
 */
struct place {
	char *text;
	CXCursor var;		/* the variable the text starts from */
	bool field;		/* it goes through a field */
	bool address;		/* &x: the call fills x itself */
	char *offset;		/* pages + OFFSET, &pages[OFFSET] */
};

static char *tokens_text(struct scan *sc, CXCursor e)
{
	struct strvec t = { 0 };
	char *s;

	cursor_tokens(sc->tu, e, &t);
	s = own_joined(&t, 0, t.n);
	strvec_free(&t);
	return s;
}

static bool place_of(struct scan *sc, CXCursor a, struct place *p)
{
	struct cursor_kids kd;
	CXCursor v;
	enum CXCursorKind k;

	memset(p, 0, sizeof(*p));
	a = expr_strip(a);
	k = clang_getCursorKind(a);
	kd = cursor_kids(a);
	if (k == CXCursor_UnaryOperator && kd.n == 1) {
		a = expr_strip(kd.c[0]);
		kd = cursor_kids(a);
		if (clang_getCursorKind(a) == CXCursor_ArraySubscriptExpr &&
		    kd.n == 2) {
			p->offset = tokens_text(sc, expr_strip(kd.c[1]));
			a = expr_strip(kd.c[0]);
		} else {
			p->address = true;
		}
	} else if (k == CXCursor_BinaryOperator && kd.n == 2 &&
		   own_pointer_ish(clang_getCursorType(a))) {
		int base = own_pointer_ish(clang_getCursorType(kd.c[0])) ? 0 : 1;

		p->offset = tokens_text(sc, expr_strip(kd.c[1 - base]));
		a = expr_strip(kd.c[base]);
	}
	v = a;
	while (clang_getCursorKind(v) == CXCursor_MemberRefExpr ||
	       clang_getCursorKind(v) == CXCursor_ArraySubscriptExpr) {
		kd = cursor_kids(v);
		if (!kd.n)
			break;
		p->field = true;
		v = expr_strip(kd.c[0]);
	}
	p->var = own_named_var(v);
	if (clang_getCursorKind(v) == CXCursor_DeclRefExpr &&
	    clang_getCursorKind(clang_getCursorReferenced(v)) ==
	    CXCursor_ParmDecl)
		p->var = clang_getCursorReferenced(v);
	if (clang_Cursor_isNull(p->var)) {
		free(p->offset);
		return false;
	}
	p->text = own_place_text(sc->tu, a);
	/* an offset that is not a plain variable is not followed */
	if (p->offset && (!own_is_ident(p->offset) ||
			  p->offset[strspn(p->offset, IDENT_CHARS)])) {
		free(p->offset);
		p->offset = NULL;
	}
	return true;
}

static void place_free(struct place *p)
{
	free(p->text);
	free(p->offset);
}

/*
 * The place of argument A, seen through a local that only points into
 * another array: with "struct page **pages = pvec + pinned;", the pages
 * go into pvec, at pinned.
 */
static bool place_of_arg(struct scan *sc, CXCursor a, struct place *p)
{
	CXCursor init;
	struct place q;

	if (!place_of(sc, a, p))
		return false;
	if (p->field || p->address || p->offset ||
	    clang_getCursorKind(p->var) != CXCursor_VarDecl ||
	    !own_local_var(p->var, sc->fn))
		return true;
	init = cursor_last_kid(p->var);
	if (clang_Cursor_isNull(init) ||
	    !clang_isExpression(clang_getCursorKind(init)) ||
	    !place_of(sc, init, &q))
		return true;
	if (!q.offset || q.address) {
		place_free(&q);
		return true;
	}
	place_free(p);
	*p = q;
	return true;
}

static void subject_free(struct own_subject *sj)
{
	free(sj->callee);
	free(sj->role);
	free(sj->var_name);
	free(sj->field);
	free(sj->rec);
	free(sj->requested);
	free(sj->res_name);
	free(sj->total);
	free(sj->offset);
	strvec_free(&sj->call_tokens);
}

/* ... and N's count of all rounds: "npages" of "npages-pinned". */
static void loop_counts(struct scan *sc, struct own_subject *sj)
{
	const struct own_loop *l = own_loop_at(&sc->loops, sj->call_off);
	size_t n, m;

	sj->in_loop = l != NULL;
	if (!l || !sj->offset)
		return;
	n = sj->requested ? strlen(sj->requested) : 0;
	m = strlen(sj->offset);
	if (n > m + 1 && sj->requested[n - m - 1] == '-' &&
	    !strcmp(sj->requested + n - m, sj->offset))
		sj->total = xstrndup(sj->requested, n - m - 1);
	else if (l->index && !strcmp(l->index, sj->offset) && l->bound)
		sj->total = xstrdup(l->bound);
}

static void emit(struct scan *sc, struct own_subject *sj)
{
	unsigned int line, col;
	cJSON *facts, *rec;
	bool budget = false, handed = false, zero = false;
	char *code;

	if (!sc->have_cfg && !sc->no_cfg) {
		sc->have_cfg = cfg_build(&sc->g, sc->tu, sc->fn);
		sc->no_cfg = !sc->have_cfg;
		if (sc->no_cfg && sc->g.too_big)
			cJSON_AddStringToObject(sc->rec, "budget",
						"control-flow graph over its node limit");
		if (sc->have_cfg) {
			own_loops_build(sc->tu, sc->fn, &sc->loops);
			fresh_pointers(sc);
		}
	}
	if (!sc->have_cfg)
		return;
	cursor_tokens(sc->tu, sj->call, &sj->call_tokens);
	loop_counts(sc, sj);
	facts = own_walk_subject(sc->tu, sc->fn, &sc->g, &sc->loops,
				 &sc->fresh, sj, &budget, &handed, &zero);
	if (budget && !cJSON_GetObjectItem(sc->rec, "budget"))
		cJSON_AddStringToObject(sc->rec, "budget",
					"path walk over its step limit");
	/* the caller's pages: what this function leaves in them, its summary */
	/* a GUP call's pages handed back with "return 0" */
	zero = zero && sj->api;
	if (!facts && ((sj->param >= 0 && !budget) || zero))
		facts = cJSON_CreateObject();
	if (!facts)
		return;
	rec = facts;
	if (sj->param >= 0) {
		char *place = xasprintf("P:%d", sj->param);

		cJSON_AddStringToObject(rec, "place", place);
		cJSON_AddBoolToObject(rec, "hands", handed || budget);
		free(place);
	}
	clang_getSpellingLocation(clang_getCursorLocation(sj->call), NULL,
				  &line, &col, NULL);
	cJSON_AddNumberToObject(rec, "l", line);
	cJSON_AddNumberToObject(rec, "c", col);
	cJSON_AddStringToObject(rec, "fn", sj->callee);
	if (sj->api)
		cJSON_AddStringToObject(rec, "f",
					family_names[sj->api->family]);
	cJSON_AddStringToObject(rec, "role", sj->role);
	cJSON_AddStringToObject(rec, "var", sj->var_name);
	if (zero)
		cJSON_AddTrueToObject(rec, "ret_zero");
	if (sj->fresh)
		cJSON_AddTrueToObject(rec, "fresh");
	else if (!sj->api && sj->mode == OM_OBJECT)
		cJSON_AddTrueToObject(rec, "theirs");
	if (sj->requested)
		cJSON_AddStringToObject(rec, "req", sj->requested);
	if (sj->res_name)
		cJSON_AddStringToObject(rec, "res", sj->res_name);
	if (sj->offset) {
		cJSON_AddStringToObject(rec, "at", sj->offset);
		if (sj->total)
			cJSON_AddStringToObject(rec, "total", sj->total);
	}
	if (sj->mode == OM_OBJECT) {
		cJSON_AddStringToObject(rec, "rec", sj->rec ? sj->rec : "");
		if (sj->field)
			cJSON_AddStringToObject(rec, "field", sj->field);
	}
	code = cursor_text(sc->tu, sj->call);
	cJSON_AddStringToObject(rec, "code", code);
	free(code);
	if (!sc->out)
		sc->out = cJSON_CreateArray();
	cJSON_AddItemToArray(sc->out, rec);
}

/* The variable a call's value is stored in, from the walk's stack. */
static CXCursor result_var(struct scan *sc)
{
	CXCursor to = stored_into(sc->stack, sc->depth - 1);

	return clang_getCursorKind(to) == CXCursor_VarDecl ? to :
	       own_named_var(to);
}

/* The index of parameter V of the function, if the pages are in it. */
static int param_of(struct scan *sc, CXCursor v, bool field)
{
	int i, n = clang_Cursor_getNumArguments(sc->fn);

	if (field || clang_getCursorKind(v) != CXCursor_ParmDecl)
		return -1;
	for (i = 0; i < n; i++)
		if (clang_equalCursors(clang_Cursor_getArgument(sc->fn, i), v))
			return i;
	return -1;
}

/* An acquisition of the page API, its pages into argument PI. */
static void api_subject(struct scan *sc, struct own_subject *sj,
			CXCursor decl, int pi, int ci)
{
	CXCursor call = sj->call;
	struct place p;
	struct strvec t = { 0 };

	if (pi < 0 || pi >= clang_Cursor_getNumArguments(call) ||
	    !place_of_arg(sc, clang_Cursor_getArgument(call, pi), &p))
		return;
	(void)decl;
	sj->var = p.var;
	sj->var_name = p.text;
	p.text = NULL;
	sj->offset = p.offset;
	p.offset = NULL;
	sj->mode = own_one_page(clang_getCursorType(p.var)) && !p.field ?
		   OM_PAGE : OM_ARRAY;
	sj->fresh = !p.field && (fresh(sc, p.var, call) ||
				 (p.address && own_local_var(p.var, sc->fn) &&
				  sj->mode == OM_ARRAY));
	sj->role = xasprintf("P:%d", pi);
	sj->param = param_of(sc, p.var, p.field);
	sj->result = sj->api->bytes ? R_BYTES : R_COUNT;
	if (ci >= 0 && ci < clang_Cursor_getNumArguments(call)) {
		cursor_tokens(sc->tu, expr_strip(clang_Cursor_getArgument(call,
									  ci)),
			      &t);
		sj->requested = own_joined(&t, 0, t.n);
		strvec_free(&t);
	}
	place_free(&p);
	emit(sc, sj);
}

/*
 * Argument I of a call that may be a wrapper: a fresh local?  With
 * THEIRS, an object the function was given will do.
 */
static bool wrapper_arg(struct scan *sc, struct own_subject *sj, int i,
			bool theirs)
{
	CXCursor call = sj->call;
	struct place p;
	CXType t;
	char *rec;

	if (!place_of(sc, clang_Cursor_getArgument(call, i), &p))
		return false;
	t = clang_getCanonicalType(clang_getCursorType(p.var));
	sj->fresh = fresh(sc, p.var, call);
	/*
	 * an object of the caller's (a parameter) is followed too: its
	 * pages are not the function's to release on an error return, but
	 * releasing them twice, or freeing it while it holds them, is wrong
	 * whoever owns it
	 */
	if ((!sj->fresh && (!theirs || p.field || p.address ||
			    clang_getCursorKind(p.var) != CXCursor_ParmDecl)) ||
	    p.offset) {
		place_free(&p);
		return false;
	}
	if (p.field && clang_getCursorKind(expr_strip(clang_Cursor_getArgument(
			call, i))) != CXCursor_UnaryOperator) {
		/* obj->pages of a fresh object */
		sj->mode = OM_OBJECT;
		sj->field = xstrdup(strrchr(p.text, '>') ?
				    strrchr(p.text, '>') + 1 :
				    strrchr(p.text, '.') ?
				    strrchr(p.text, '.') + 1 : p.text);
	} else if (own_page_array(t) || own_one_page(t)) {
		sj->mode = own_one_page(t) ? OM_PAGE : OM_ARRAY;
	} else if (t.kind == CXType_Pointer &&
		   clang_getCanonicalType(clang_getPointeeType(t)).kind ==
		   CXType_Record && !p.field) {
		rec = own_record_of(t);
		if (!strcmp(rec, "struct page") || !strcmp(rec, "struct folio")) {
			free(rec);
			place_free(&p);
			return false;
		}
		free(rec);
		sj->mode = OM_OBJECT;
	} else {
		place_free(&p);
		return false;
	}
	/* of the caller's, only an object */
	if (!sj->fresh && sj->mode != OM_OBJECT) {
		place_free(&p);
		return false;
	}
	sj->var = p.var;
	sj->var_name = cursor_name(p.var);
	if (sj->mode == OM_OBJECT)
		sj->rec = own_record_of(clang_getCursorType(p.var));
	sj->role = xasprintf("P:%d", i);
	place_free(&p);
	return true;
}

static void on_call_site(struct scan *sc, CXCursor call)
{
	const struct own_rules *o = &sc->r->own;
	CXCursor decl = clang_getCursorReferenced(call);
	struct own_subject sj = { .call = call, .call_off = own_offset(call),
				  .param = -1 };
	int i, n = clang_Cursor_getNumArguments(call);
	bool found = false;
	char *name;

	if (clang_getCursorKind(decl) != CXCursor_FunctionDecl)
		return;
	name = cursor_name(call);
	sj.api = own_api(sc->r, name);
	if (strvec_contains(&o->array_frees, name) ||
	    strvec_contains(&o->array_allocs, name) ||
	    strvec_contains(&o->borrowers, name) ||
	    strvec_contains(&o->page_readers, name) ||
	    own_transfer(sc->r, name) ||
	    (sj.api && sj.api->family != FAM_GET &&
	     sj.api->family != FAM_PIN && sj.api->family != FAM_EXTRACT)) {
		free(name);
		return;
	}
	{
		CXCursor rv = result_var(sc);

		if (!clang_Cursor_isNull(rv))
			sj.res_name = cursor_name(rv);
	}
	if (sj.api) {
		sj.callee = xstrdup(name);
		if (!sj.api->returns)
			api_subject(sc, &sj, decl,
				    own_api_arg(sc->r, decl, name,
						sj.api->pages, "pages"),
				    own_api_arg(sc->r, decl, name,
						sj.api->count, "count"));
		subject_free(&sj);
		free(name);
		return;
	}
	sj.result = R_OTHER;
	/* an accessor in view takes and releases nothing */
	if (!own_may_release(decl)) {
		subject_free(&sj);
		free(name);
		return;
	}
	{
		CXCursor rv = result_var(sc);

		if (!clang_Cursor_isNull(rv) && own_local_var(rv, sc->fn) &&
		    own_page_array(clang_getCursorType(rv))) {
			sj.var = rv;
			sj.var_name = cursor_name(rv);
			sj.mode = OM_ARRAY;
			sj.role = xstrdup("R");
			sj.fresh = true;
			found = true;
		}
	}
	for (i = 0; i < n && !found; i++)
		found = wrapper_arg(sc, &sj, i, false);
	for (i = 0; i < n && !found; i++)
		found = wrapper_arg(sc, &sj, i, true);
	sj.callee = own_fn_key(sc->tu, decl, name);
	if (found)
		emit(sc, &sj);
	subject_free(&sj);
	free(name);
}

static enum CXChildVisitResult scan_visitor(CXCursor c, CXCursor parent,
					    CXClientData data)
{
	struct scan *sc = data;

	(void)parent;
	if (sc->depth == sc->cap) {
		sc->cap = sc->cap ? sc->cap * 2 : 64;
		sc->stack = xrealloc(sc->stack, sc->cap * sizeof(*sc->stack));
	}
	sc->stack[sc->depth++] = c;
	if (clang_getCursorKind(c) == CXCursor_CallExpr)
		on_call_site(sc, c);
	clang_visitChildren(c, scan_visitor, sc);
	sc->depth--;
	return CXChildVisit_Continue;
}

/*
 * The subjects of function FN, with their paths' facts, or NULL; a walk
 * that ran out of its budget is noted in REC as "budget".
 */
cJSON *own_subjects_function(struct tu *tu, CXCursor fn, cJSON *rec)
{
	struct scan sc = { .tu = tu, .r = tu_rules(tu), .fn = fn,
			   .rec = rec };

	clang_visitChildren(fn, scan_visitor, &sc);
	if (sc.have_cfg) {
		cfg_free(&sc.g);
		own_loops_free(&sc.loops);
	}
	strvec_free(&sc.fresh);
	strvec_free(&sc.mixed);
	free(sc.stack);
	return sc.out;
}
