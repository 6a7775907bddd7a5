// SPDX-License-Identifier: GPL-2.0
/*
 * gup/leak after the pages were taken: the paths of a function on which
 * pages held in a fresh local array or object are neither released nor
 * handed on when the function returns an error, or when the array or
 * object holding them is freed.  The partial pin is check_leak.c's; here
 * the pages were all taken, and a later step fails.
 *
 * The worker cannot tell a wrapper from any other function, so every
 * call that may put pages into a fresh local is a candidate, and its
 * leaking exits are facts; own_leaks.c keeps those whose call the whole
 * tree's summaries say acquires pages.
 *
 * Along a path (own_cfg.c), values are tracked as zero, positive or
 * negative: a condition about the call's result is read as the call
 * having taken every page asked for, and a condition that cannot be read
 * stops the path.  A call that is passed the pages may have taken them,
 * unless its result is tested and the path leaves through that test's
 * failure branch: a call that failed took nothing.  Storing the pages
 * anywhere, returning them or releasing them ends the path.
 */
#include <stdlib.h>
#include <string.h>

#include "gupcheck.h"
#include "tu.h"

#define MAX_STEPS 6000
#define MAX_EXITS 3

enum mode { ARRAY, OBJECT };

struct cand {
	CXCursor call;
	unsigned int call_off;
	char *callee;		/* the summary key, or the API's name */
	const struct own_api *api;
	char *role;		/* "R" or "P:<i>" */
	enum mode mode;
	CXCursor var;		/* the fresh local */
	unsigned int var_off;
	char *var_name;
	char *field;		/* OBJECT with an API: the field it fills */
	char *rec;		/* OBJECT: the struct, as own_facts.c names it */
	char *requested;	/* the count argument's tokens, joined */
	struct strvec call_tokens;
};

struct pstate {
	struct own_vars vars;
	struct strvec pend;	/* results of calls that may hold the pages */
	bool held;		/* the acquisition is behind */
};

struct walk {
	struct tu *tu;
	const struct rules *r;
	struct cfg *g;
	struct cand *cd;
	struct pstate *st;
	struct strset seen;
	struct strset exit_at;
	cJSON *exits;
	size_t steps;
	bool stop;
	bool in_cond;
	bool used_res;		/* a test of the result was read */
};

/* --- values ------------------------------------------------------------ */

static void var_set(struct pstate *st, const char *name, unsigned int m)
{
	struct own_var *v = own_var_find(&st->vars, name);

	if (!v) {
		st->vars.v = xrealloc(st->vars.v, (st->vars.nv + 1) * sizeof(*st->vars.v));
		v = &st->vars.v[st->vars.nv++];
		v->name = xstrdup(name);
	}
	v->m = m;
}

static void state_copy(struct pstate *to, const struct pstate *from)
{
	size_t i;

	memset(to, 0, sizeof(*to));
	to->held = from->held;
	for (i = 0; i < from->vars.nv; i++)
		var_set(to, from->vars.v[i].name, from->vars.v[i].m);
	for (i = 0; i < from->pend.n; i++)
		strvec_push(&to->pend, from->pend.v[i]);
}

static void state_free(struct pstate *st)
{
	size_t i;

	for (i = 0; i < st->vars.nv; i++)
		free(st->vars.v[i].name);
	free(st->vars.v);
	strvec_free(&st->pend);
	memset(st, 0, sizeof(*st));
}

static int var_cmp(const void *a, const void *b)
{
	return strcmp(((const struct own_var *)a)->name,
		      ((const struct own_var *)b)->name);
}

/* NODE and the state, as the key of the places a path has been. */
static char *state_key(struct pstate *st, int node)
{
	size_t i, len = 32;
	char *k, *p;

	if (st->vars.nv)
		qsort(st->vars.v, st->vars.nv, sizeof(*st->vars.v), var_cmp);
	if (st->pend.n)
		strs_sort(st->pend.v, st->pend.n);
	for (i = 0; i < st->vars.nv; i++)
		len += strlen(st->vars.v[i].name) + 8;
	for (i = 0; i < st->pend.n; i++)
		len += strlen(st->pend.v[i]) + 2;
	k = xmalloc(len);
	p = k + sprintf(k, "%d%s|", node, st->held ? "h" : "");
	for (i = 0; i < st->vars.nv; i++)
		p += sprintf(p, "%s=%u,", st->vars.v[i].name, st->vars.v[i].m);
	*p++ = '|';
	for (i = 0; i < st->pend.n; i++)
		p += sprintf(p, "%s,", st->pend.v[i]);
	*p = 0;
	return k;
}

static bool pend_drop(struct pstate *st, const char *name)
{
	size_t i;

	for (i = 0; i < st->pend.n; i++)
		if (!strcmp(st->pend.v[i], name)) {
			free(st->pend.v[i]);
			st->pend.v[i] = st->pend.v[--st->pend.n];
			return true;
		}
	return false;
}

/* The value of the tokens T on the current path. */
static unsigned int cond_value(struct walk *w, const struct strvec *t,
			       bool *res)
{
	struct own_cond cx = {
		.r = w->r, .vars = &w->st->vars, .tracked = w->cd->var_name,
		.requested = w->cd->requested, .held = w->st->held,
	};
	bool r = false;
	unsigned int m = own_cond_value(&cx, t, &r);

	w->used_res |= r;
	if (res)
		*res = r;
	return m & (M_ALL | F_REQ | F_RES | F_ERRNO);
}

/* --- the cursors of a statement ---------------------------------------- */

static bool local_var(CXCursor d, CXCursor fn)
{
	return clang_getCursorKind(d) == CXCursor_VarDecl &&
	       clang_Cursor_getStorageClass(d) != CX_SC_Static &&
	       clang_Cursor_getStorageClass(d) != CX_SC_Extern &&
	       clang_equalCursors(clang_getCursorSemanticParent(d), fn);
}

/* The local variable E names, as itself: null cursor otherwise. */
static CXCursor named_var(CXCursor e)
{
	e = expr_strip(e);
	if (clang_getCursorKind(e) != CXCursor_DeclRefExpr)
		return clang_getNullCursor();
	e = clang_getCursorReferenced(e);
	return clang_getCursorKind(e) == CXCursor_VarDecl ? e :
	       clang_getNullCursor();
}

struct find_ref {
	unsigned int off;
	bool found;
};

static enum CXChildVisitResult ref_visitor(CXCursor c, CXCursor parent,
					   CXClientData data)
{
	struct find_ref *fr = data;

	(void)parent;
	if (clang_getCursorKind(c) == CXCursor_DeclRefExpr) {
		CXCursor d = clang_getCursorReferenced(c);

		if (clang_getCursorKind(d) == CXCursor_VarDecl &&
		    own_offset(d) == fr->off) {
			fr->found = true;
			return CXChildVisit_Break;
		}
	}
	return CXChildVisit_Recurse;
}

/* Does expression E name the variable declared at OFF? */
static bool names_var(CXCursor e, unsigned int off)
{
	struct find_ref fr = { .off = off };

	if (clang_getCursorKind(e) == CXCursor_DeclRefExpr)
		ref_visitor(e, e, &fr);
	else
		clang_visitChildren(e, ref_visitor, &fr);
	return fr.found;
}

static bool pointer_ish(CXType t)
{
	t = clang_getCanonicalType(t);
	return t.kind == CXType_Pointer || t.kind == CXType_ConstantArray ||
	       t.kind == CXType_IncompleteArray ||
	       t.kind == CXType_VariableArray;
}

/* Does E, of pointer type, lead to the tracked pages? */
static bool passes_pages(struct walk *w, CXCursor e)
{
	return pointer_ish(clang_getCursorType(e)) &&
	       names_var(e, w->cd->var_off);
}

static bool signed_int(CXType t)
{
	t = clang_getCanonicalType(t);
	return t.kind == CXType_Int || t.kind == CXType_Long ||
	       t.kind == CXType_LongLong || t.kind == CXType_Short;
}

/* --- events along a path ------------------------------------------------ */

static bool page_array(CXType t);

static void add_exit(struct walk *w, CXCursor at, const char *free_field)
{
	unsigned int line, col, off;
	CXFile f;
	char *k, *code;
	cJSON *x;

	clang_getSpellingLocation(clang_getCursorLocation(at), &f, &line,
				  &col, &off);
	k = xasprintf("%u", off);
	if (!strset_add(&w->exit_at, k) ||
	    cJSON_GetArraySize(w->exits) >= MAX_EXITS) {
		free(k);
		return;
	}
	free(k);
	x = cJSON_CreateObject();
	cJSON_AddNumberToObject(x, "l", line);
	cJSON_AddNumberToObject(x, "c", col);
	if (f && !clang_File_isEqual(f, w->tu->main))
		cJSON_AddStringToObject(x, "file", tu_file_rel(w->tu, f, NULL));
	if (free_field)
		cJSON_AddStringToObject(x, "free", free_field);
	code = cursor_text(w->tu, at);
	cJSON_AddStringToObject(x, "code", code);
	free(code);
	cJSON_AddItemToArray(w->exits, x);
}

/* A free of the array or of the object the pages are in. */
static void on_free(struct walk *w, CXCursor call)
{
	CXCursor a = clang_Cursor_getNumArguments(call) > 0 ?
		     expr_strip(clang_Cursor_getArgument(call, 0)) :
		     clang_getNullCursor();
	CXCursor v = named_var(a);
	char *field = NULL;

	if (clang_Cursor_isNull(a) || !w->st->held)
		return;
	if (!clang_Cursor_isNull(v) && own_offset(v) == w->cd->var_off) {
		field = xstrdup("");
	} else if (w->cd->mode == OBJECT &&
		   clang_getCursorKind(a) == CXCursor_MemberRefExpr) {
		struct cursor_kids kd = cursor_kids(a);

		v = kd.n ? named_var(kd.c[0]) : clang_getNullCursor();
		if (!clang_Cursor_isNull(v) && own_offset(v) == w->cd->var_off)
			field = cursor_name(a);
	}
	if (!field)
		return;
	/* freeing a single page pointer's variable means nothing */
	if (w->cd->mode == ARRAY && !w->st->pend.n &&
	    clang_getCanonicalType(clang_getCursorType(w->cd->var)).kind ==
	    CXType_Pointer && page_array(clang_getCursorType(w->cd->var)))
		add_exit(w, call, field);
	else if (w->cd->mode == OBJECT && !w->st->pend.n)
		add_exit(w, call, field);
	free(field);
	w->stop = true;
}

static void on_call(struct walk *w, CXCursor call, const char *into)
{
	const struct own_rules *o = &w->r->own;
	const struct own_api *api;
	int i, n = clang_Cursor_getNumArguments(call);
	bool passed = false;
	char *name;

	if (own_offset(call) == w->cd->call_off) {
		w->st->held = true;
		if (into && strcmp(into, w->cd->var_name))
			var_set(w->st, into, M_P | F_REQ | F_RES);
		return;
		return;
	}
	name = cursor_name(call);
	if (strvec_contains(&o->array_frees, name)) {
		on_free(w, call);
		free(name);
		return;
	}
	if (w->st->held && !strvec_contains(&o->page_readers, name) &&
	    !strvec_contains(&o->error_tests, name) &&
	    !strvec_contains(&o->error_or_null_tests, name) &&
	    !strvec_contains(&o->see_through, name))
		for (i = 0; i < n; i++)
			passed |= passes_pages(w, clang_Cursor_getArgument(call,
									   i));
	api = own_api(w->r, name);
	if (passed && api && (api->family == FAM_PUT ||
			      api->family == FAM_UNPIN)) {
		w->stop = true;		/* released */
	} else if (passed) {
		if (into)
			strvec_push(&w->st->pend, into);
		else if (w->in_cond)
			strvec_push(&w->st->pend, "@c");
		else
			w->stop = true;	/* handed on */
	}
	if (into && !w->stop) {
		if (strvec_contains(&o->error_values, name))
			var_set(w->st, into, M_N);
		else
			var_set(w->st, into, M_ALL |
				(signed_int(clang_getCursorType(call)) ?
				 F_ERRNO : 0));
	}
	free(name);
}

/* LHS = RHS, or a declaration's initializer (LHS the variable). */
static void on_store(struct walk *w, CXCursor lhs_var, CXCursor rhs)
{
	CXCursor call = expr_strip(rhs);
	struct strvec t = { 0 };
	char *name;

	if (clang_Cursor_isNull(lhs_var)) {
		/* into memory: a hand-off if it is the pages */
		if (w->st->held && passes_pages(w, rhs))
			w->stop = true;
		return;
	}
	if (own_offset(lhs_var) == w->cd->var_off) {
		if (clang_getCursorKind(call) == CXCursor_CallExpr &&
		    own_offset(call) == w->cd->call_off)
			w->st->held = true;
		else if (w->st->held)
			w->stop = true;	/* pages = NULL, pages = other */
		return;
	}
	if (w->st->held && passes_pages(w, rhs)) {
		w->stop = true;		/* another name for the pages */
		return;
	}
	name = cursor_name(lhs_var);
	if (pend_drop(w->st, name)) {
		w->stop = true;		/* what the call said is lost */
		free(name);
		return;
	}
	if (clang_getCursorKind(call) == CXCursor_CallExpr) {
		on_call(w, call, name);
		free(name);
		return;
	}
	cursor_tokens(w->tu, rhs, &t);
	var_set(w->st, name, cond_value(w, &t, NULL));
	strvec_free(&t);
	free(name);
}

static enum CXChildVisitResult event_visitor(CXCursor c, CXCursor parent,
					     CXClientData data);

static void walk_expr(struct walk *w, CXCursor e);

/* The events of RHS, stored into LHS: a call's value is the store's. */
static void store(struct walk *w, CXCursor lhs_var, CXCursor rhs)
{
	CXCursor call = expr_strip(rhs);

	if (clang_getCursorKind(call) == CXCursor_CallExpr)
		clang_visitChildren(call, event_visitor, w);
	else
		walk_expr(w, rhs);
	if (!w->stop)
		on_store(w, lhs_var, rhs);
}

static enum CXChildVisitResult event_visitor(CXCursor c, CXCursor parent,
					     CXClientData data)
{
	struct walk *w = data;
	enum CXCursorKind k = clang_getCursorKind(c);
	struct cursor_kids kd;

	(void)parent;
	if (w->stop)
		return CXChildVisit_Break;
	switch (k) {
	case CXCursor_CallExpr:
		/* the arguments first: foo(bar(pages)) */
		clang_visitChildren(c, event_visitor, w);
		if (!w->stop)
			on_call(w, c, NULL);
		return CXChildVisit_Continue;
	case CXCursor_BinaryOperator:
		kd = cursor_kids(c);
		if (kd.n != 2 || !expr_is_assignment(w->tu, c, kd.c[0]))
			break;
		store(w, named_var(kd.c[0]), kd.c[1]);
		return CXChildVisit_Continue;
	case CXCursor_CompoundAssignOperator:
		kd = cursor_kids(c);
		if (kd.n != 2 || clang_Cursor_isNull(named_var(kd.c[0])))
			break;
		if (names_var(kd.c[0], w->cd->var_off)) {
			if (w->st->held)
				w->stop = true;
		} else {
			char *name = cursor_name(named_var(kd.c[0]));

			if (pend_drop(w->st, name))
				w->stop = true;
			var_set(w->st, name, M_ALL);
			free(name);
		}
		break;
	case CXCursor_VarDecl:
		kd = cursor_kids(c);
		if (!kd.n || !clang_isExpression(clang_getCursorKind(
				cursor_last_kid(c))))
			break;
		store(w, c, cursor_last_kid(c));
		return CXChildVisit_Continue;
	default:
		break;
	}
	return CXChildVisit_Recurse;
}

static void walk_expr(struct walk *w, CXCursor e)
{
	if (event_visitor(e, e, w) == CXChildVisit_Recurse)
		clang_visitChildren(e, event_visitor, w);
}

static void events(struct walk *w, CXCursor c)
{
	if (clang_getCursorKind(c) == CXCursor_ReturnStmt)
		clang_visitChildren(c, event_visitor, w);
	else
		walk_expr(w, c);
}

/* --- branches ------------------------------------------------------------ */

/* The tokens of C, with the acquisition's call as "@r". */
static void cond_tokens(struct walk *w, CXCursor c, struct strvec *t)
{
	const struct strvec *ct = &w->cd->call_tokens;
	size_t i, j;

	cursor_tokens(w->tu, c, t);
	if (!ct->n)
		return;
	for (i = 0; i + ct->n <= t->n; i++) {
		for (j = 0; j < ct->n && !strcmp(t->v[i + j], ct->v[j]); j++)
			;
		if (j < ct->n)
			continue;
		free(t->v[i]);
		t->v[i] = xstrdup("@r");
		for (j = 1; j < ct->n; j++)
			free(t->v[i + j]);
		memmove(&t->v[i + 1], &t->v[i + ct->n],
			(t->n - i - ct->n) * sizeof(*t->v));
		t->n -= ct->n - 1;
		return;
	}
}

struct todo {
	int node;
	struct pstate st;
};

struct stack {
	struct todo *v;
	size_t n, cap;
};

static void push(struct stack *s, int node, struct pstate *st)
{
	if (node < 0) {
		state_free(st);
		return;
	}
	if (s->n == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 32;
		s->v = xrealloc(s->v, s->cap * sizeof(*s->v));
	}
	s->v[s->n].node = node;
	s->v[s->n++].st = *st;
	memset(st, 0, sizeof(*st));
}

/* Take the edge to NODE (YES or not) of the branch whose tokens are T. */
static void edge(struct walk *w, struct stack *s, const struct strvec *t,
		 bool yes, bool bail, int node)
{
	struct pstate st;
	bool infeasible = false;
	size_t i;

	state_copy(&st, w->st);
	infeasible = !own_cond_refine(w->r, &st.vars, t, yes);
	if (bail) {
		/* a call tested here failed: it took nothing */
		pend_drop(&st, "@c");
		for (i = 0; i < t->n; i++)
			pend_drop(&st, t->v[i]);
	} else if (strvec_contains(&st.pend, "@c")) {
		infeasible = true;	/* it did not fail: it has them */
	}
	if (infeasible)
		state_free(&st);
	else
		push(s, node, &st);
}

static void on_branch(struct walk *w, struct stack *s, struct cfg_node *n)
{
	struct strvec t = { 0 };
	enum own_tri tr = T_UNKNOWN;
	bool res = false;

	if (!clang_Cursor_isNull(n->c)) {
		w->in_cond = true;
		events(w, n->c);
		w->in_cond = false;
		if (w->stop)
			return;
		cond_tokens(w, n->c, &t);
		tr = own_tri_of(cond_value(w, &t, &res));
	} else if (n->forever) {
		tr = T_TRUE;
	}
	/* a test of the result that cannot be read: not followed */
	if (tr == T_UNKNOWN && res) {
		strvec_free(&t);
		return;
	}
	/* a loop is entered at least once: for (i = 0; i < n; i++) */
	if (n->first_test && tr == T_UNKNOWN)
		tr = T_TRUE;
	if (tr != T_FALSE)
		edge(w, s, &t, true, n->bail_yes, n->yes);
	if (tr != T_TRUE)
		edge(w, s, &t, false, n->bail_no, n->no);
	strvec_free(&t);
}

static void exit_node(struct walk *w, struct cfg_node *n)
{
	struct cursor_kids kd;
	struct strvec t = { 0 };
	unsigned int m;

	if (clang_Cursor_isNull(n->c))
		return;
	kd = cursor_kids(n->c);
	if (!kd.n)
		return;
	events(w, n->c);
	if (w->stop || !w->st->held || names_var(kd.c[0], w->cd->var_off))
		return;
	cursor_tokens(w->tu, kd.c[0], &t);
	m = cond_value(w, &t, NULL);
	strvec_free(&t);
	if ((m & M_ALL) == M_N && !w->st->pend.n && w->cd->mode == ARRAY)
		add_exit(w, n->c, NULL);
}

static void step(struct walk *w, struct stack *s, int id)
{
	struct cfg_node *n = &w->g->n[id];
	struct pstate st;
	size_t i;

	switch (n->kind) {
	case CFG_STMT:
		events(w, n->c);
		if (!w->stop)
			push(s, n->next, w->st);
		break;
	case CFG_JOIN:
		push(s, n->next, w->st);
		break;
	case CFG_BRANCH:
		on_branch(w, s, n);
		break;
	case CFG_SWITCH: {
		struct strvec t = { 0 };
		bool res = false;

		events(w, n->c);
		if (w->stop)
			break;
		cond_tokens(w, n->c, &t);
		cond_value(w, &t, &res);
		strvec_free(&t);
		if (res)
			break;
		for (i = 0; i < n->nr_cases; i++) {
			state_copy(&st, w->st);
			push(s, n->cases[i], &st);
		}
		if (!n->has_default)
			push(s, n->next, w->st);
		break;
	}
	case CFG_EXIT:
		exit_node(w, n);
		break;
	case CFG_STOP:
		break;
	}
}

/* The node of the graph whose statement holds the call at OFF. */
static int node_of(const struct cfg *g, CXCursor call)
{
	CXSourceRange want = clang_getCursorExtent(call);
	unsigned int a, b, best_len = ~0u;
	int best = -1;
	size_t i;

	clang_getSpellingLocation(clang_getRangeStart(want), NULL, NULL, NULL,
				  &a);
	clang_getSpellingLocation(clang_getRangeEnd(want), NULL, NULL, NULL,
				  &b);
	for (i = 0; i < g->nr; i++) {
		CXSourceRange r;
		unsigned int s, e;

		if (clang_Cursor_isNull(g->n[i].c) || g->n[i].kind == CFG_JOIN)
			continue;
		r = clang_getCursorExtent(g->n[i].c);
		clang_getSpellingLocation(clang_getRangeStart(r), NULL, NULL,
					  NULL, &s);
		clang_getSpellingLocation(clang_getRangeEnd(r), NULL, NULL,
					  NULL, &e);
		if (s <= a && b <= e && e - s < best_len) {
			best_len = e - s;
			best = (int)i;
		}
	}
	return best;
}

/* Follow every path from the acquisition; the leaking exits. */
static cJSON *follow(struct tu *tu, struct cfg *g, struct cand *cd,
		     bool *used_res)
{
	struct walk w = { .tu = tu, .r = tu_rules(tu), .g = g, .cd = cd };
	struct stack s = { 0 };
	struct pstate st = { 0 };
	int at = node_of(g, cd->call);

	if (at < 0 || g->n[at].kind == CFG_EXIT)
		return NULL;
	w.exits = cJSON_CreateArray();
	/* from the entry, for what the variables hold when it is reached */
	push(&s, g->entry, &st);
	while (s.n && w.steps++ < MAX_STEPS) {
		struct todo td = s.v[--s.n];
		char *k = state_key(&td.st, td.node);

		if (strset_add(&w.seen, k)) {
			if (getenv("GUPCHECK_DEBUG_PATHS")) {
				char *t = clang_Cursor_isNull(g->n[td.node].c) ? NULL :
					  cursor_text(tu, g->n[td.node].c);

				fprintf(stderr, "path %s: node %d kind %d next %d yes %d no %d [%s] %s\n",
					cd->var_name, td.node, g->n[td.node].kind,
					g->n[td.node].next, g->n[td.node].yes,
					g->n[td.node].no, k, t ? t : "");
				free(t);
			}
			w.st = &td.st;
			w.stop = false;
			step(&w, &s, td.node);
		}
		free(k);
		state_free(&td.st);
	}
	while (s.n)
		state_free(&s.v[--s.n].st);
	free(s.v);
	strset_free(&w.seen);
	strset_free(&w.exit_at);
	if (!cJSON_GetArraySize(w.exits)) {
		cJSON_Delete(w.exits);
		return NULL;
	}
	*used_res = w.used_res;
	return w.exits;
}

/* --- candidates ---------------------------------------------------------- */

struct scan {
	struct tu *tu;
	const struct rules *r;
	CXCursor fn;
	struct cfg g;
	bool have_cfg, no_cfg;
	cJSON *out;
	CXCursor *stack;
	size_t depth, cap;
};

/* Is the local V fresh at CALL: an array, a page, or from an allocator? */
struct fresh {
	const struct rules *r;
	unsigned int var_off, before;
	bool alloc, escaped;
	unsigned int call_off;
};

static enum CXChildVisitResult fresh_visitor(CXCursor c, CXCursor parent,
					     CXClientData data)
{
	struct fresh *fr = data;
	enum CXCursorKind k = clang_getCursorKind(c);
	struct cursor_kids kd;
	CXCursor rhs = clang_getNullCursor(), lhs = clang_getNullCursor();

	(void)parent;
	if (own_offset(c) >= fr->before)
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
	} else if (k == CXCursor_CallExpr && own_offset(c) != fr->call_off) {
		int i, n = clang_Cursor_getNumArguments(c);
		char *name = cursor_name(c);
		bool free_fn = strvec_contains(&fr->r->own.array_frees, name);

		free(name);
		for (i = 0; i < n && !free_fn; i++) {
			CXCursor a = clang_Cursor_getArgument(c, i);

			if (pointer_ish(clang_getCursorType(a)) &&
			    names_var(a, fr->var_off))
				fr->escaped = true;
		}
	}
	if (!clang_Cursor_isNull(rhs)) {
		CXCursor v = clang_getCursorKind(lhs) == CXCursor_VarDecl ?
			     lhs : named_var(lhs);
		CXCursor call = expr_strip(rhs);

		if (!clang_Cursor_isNull(v) && own_offset(v) == fr->var_off &&
		    clang_getCursorKind(call) == CXCursor_CallExpr) {
			char *name = cursor_name(call);

			fr->alloc = strvec_contains(&fr->r->own.array_allocs,
						    name);
			free(name);
		} else if (pointer_ish(clang_getCursorType(rhs)) &&
			   names_var(rhs, fr->var_off)) {
			fr->escaped = true;
		}
	}
	return CXChildVisit_Recurse;
}

static bool fresh(struct scan *sc, CXCursor v, CXCursor call)
{
	struct fresh fr = { .r = sc->r, .var_off = own_offset(v),
			    .before = own_offset(call), .call_off = own_offset(call) };
	CXType t = clang_getCanonicalType(clang_getCursorType(v));

	clang_visitChildren(sc->fn, fresh_visitor, &fr);
	if (fr.escaped)
		return false;
	if (t.kind == CXType_ConstantArray)
		return true;
	return fr.alloc;
}

static bool page_array(CXType t)
{
	CXType e;
	char *rec;
	bool yes;

	t = clang_getCanonicalType(t);
	if (t.kind == CXType_Pointer)
		e = clang_getCanonicalType(clang_getPointeeType(t));
	else if (t.kind == CXType_ConstantArray)
		e = clang_getCanonicalType(clang_getArrayElementType(t));
	else
		return false;
	if (e.kind != CXType_Pointer)
		return false;
	rec = own_record_of(e);
	yes = !strcmp(rec, "struct page") || !strcmp(rec, "struct folio");
	free(rec);
	return yes;
}

/*
 * Where argument A puts pages: the local array it names (pages,
 * &pages[i], pages + n), a local page pointer (&page), or for OBJECT a
 * fresh local object (obj, or obj->pages for FIELD).
 */
static CXCursor arg_var(struct scan *sc, CXCursor a, enum mode *mode,
			char **field)
{
	CXCursor v;
	struct cursor_kids kd;
	enum CXCursorKind k;
	CXType t;

	*field = NULL;
	a = expr_strip(a);
	k = clang_getCursorKind(a);
	if (k == CXCursor_UnaryOperator || k == CXCursor_BinaryOperator ||
	    k == CXCursor_ArraySubscriptExpr) {
		kd = cursor_kids(a);
		if (kd.n)
			a = expr_strip(kd.c[0]);
		if (clang_getCursorKind(a) == CXCursor_ArraySubscriptExpr) {
			kd = cursor_kids(a);
			if (kd.n)
				a = expr_strip(kd.c[0]);
		}
	}
	if (clang_getCursorKind(a) == CXCursor_MemberRefExpr) {
		kd = cursor_kids(a);
		v = kd.n ? named_var(kd.c[0]) : clang_getNullCursor();
		if (clang_Cursor_isNull(v) || !local_var(v, sc->fn))
			return clang_getNullCursor();
		*mode = OBJECT;
		*field = cursor_name(a);
		return v;
	}
	v = named_var(a);
	if (clang_Cursor_isNull(v) || !local_var(v, sc->fn))
		return clang_getNullCursor();
	if (page_array(clang_getCursorType(v)) ||
	    own_one_page(clang_getCursorType(v))) {
		*mode = ARRAY;
		return v;
	}
	t = clang_getCanonicalType(clang_getCursorType(v));
	if (t.kind == CXType_Pointer &&
	    clang_getCanonicalType(clang_getPointeeType(t)).kind ==
	    CXType_Record) {
		char *rec = own_record_of(t);
		bool ok = strcmp(rec, "struct page") &&
			  strcmp(rec, "struct folio");

		free(rec);
		if (ok) {
			*mode = OBJECT;
			return v;
		}
	}
	return clang_getNullCursor();
}

/* The variable a call's value is stored in, from the walk's stack. */
static CXCursor result_var(struct scan *sc)
{
	CXCursor to = stored_into(sc->stack, sc->depth - 1);

	return clang_getCursorKind(to) == CXCursor_VarDecl ? to :
	       named_var(to);
}

static void cand_free(struct cand *cd)
{
	free(cd->callee);
	free(cd->role);
	free(cd->var_name);
	free(cd->field);
	free(cd->rec);
	free(cd->requested);
	strvec_free(&cd->call_tokens);
}

static void emit(struct scan *sc, struct cand *cd)
{
	unsigned int line, col;
	cJSON *exits, *rec;
	bool used_res = false;
	char *code;

	if (!sc->have_cfg && !sc->no_cfg) {
		sc->have_cfg = cfg_build(&sc->g, sc->tu, sc->fn);
		sc->no_cfg = !sc->have_cfg;
	}
	if (!sc->have_cfg)
		return;
	cursor_tokens(sc->tu, cd->call, &cd->call_tokens);
	exits = follow(sc->tu, &sc->g, cd, &used_res);
	if (!exits)
		return;
	rec = cJSON_CreateObject();
	clang_getSpellingLocation(clang_getCursorLocation(cd->call), NULL,
				  &line, &col, NULL);
	cJSON_AddNumberToObject(rec, "l", line);
	cJSON_AddNumberToObject(rec, "c", col);
	cJSON_AddStringToObject(rec, "fn", cd->callee);
	if (cd->api)
		cJSON_AddStringToObject(rec, "f",
					family_names[cd->api->family]);
	cJSON_AddStringToObject(rec, "role", cd->role);
	cJSON_AddStringToObject(rec, "var", cd->var_name);
	if (used_res)
		cJSON_AddTrueToObject(rec, "res");
	if (cd->mode == OBJECT) {
		cJSON_AddStringToObject(rec, "rec", cd->rec ? cd->rec : "");
		if (cd->field)
			cJSON_AddStringToObject(rec, "field", cd->field);
	}
	code = cursor_text(sc->tu, cd->call);
	cJSON_AddStringToObject(rec, "code", code);
	free(code);
	cJSON_AddItemToObject(rec, "exits", exits);
	if (!sc->out)
		sc->out = cJSON_CreateArray();
	cJSON_AddItemToArray(sc->out, rec);
}

static bool try_arg(struct scan *sc, struct cand *cd, CXCursor call, int i)
{
	CXCursor v = arg_var(sc, clang_Cursor_getArgument(call, i), &cd->mode,
			     &cd->field);

	if (clang_Cursor_isNull(v) || !fresh(sc, v, call)) {
		free(cd->field);
		cd->field = NULL;
		return false;
	}
	cd->var = v;
	cd->role = xasprintf("P:%d", i);
	if (cd->mode == OBJECT)
		cd->rec = own_record_of(clang_getCursorType(v));
	return true;
}

static void on_call_site(struct scan *sc, CXCursor call)
{
	const struct own_rules *o = &sc->r->own;
	CXCursor decl = clang_getCursorReferenced(call);
	struct cand cd = { .call = call, .call_off = own_offset(call) };
	char *name;
	int i, n = clang_Cursor_getNumArguments(call);
	bool found = false;

	if (clang_getCursorKind(decl) != CXCursor_FunctionDecl)
		return;
	name = cursor_name(call);
	cd.api = own_api(sc->r, name);
	if (strvec_contains(&o->array_frees, name) ||
	    strvec_contains(&o->array_allocs, name) ||
	    (cd.api && cd.api->family != FAM_GET &&
	     cd.api->family != FAM_PIN)) {
		free(name);
		return;
	}
	if (cd.api) {
		int pi = cd.api->pages ?
			 decl_param_index(decl, cd.api->pages, NULL) : -1;
		int ci = cd.api->count ?
			 decl_param_index(decl, cd.api->count, NULL) : -1;

		found = pi >= 0 && pi < n && try_arg(sc, &cd, call, pi);
		if (found && ci >= 0 && ci < n) {
			struct strvec t = { 0 };

			cursor_tokens(sc->tu, clang_Cursor_getArgument(call,
								       ci), &t);
			cd.requested = own_joined(&t, 0, t.n);
			strvec_free(&t);
		}
		cd.callee = xstrdup(name);
	} else {
		CXCursor rv = result_var(sc);

		if (!clang_Cursor_isNull(rv) && local_var(rv, sc->fn) &&
		    page_array(clang_getCursorType(rv))) {
			cd.var = rv;
			cd.mode = ARRAY;
			cd.role = xstrdup("R");
			found = true;
		}
		for (i = 0; i < n && !found; i++)
			found = try_arg(sc, &cd, call, i);
		cd.callee = own_fn_key(sc->tu, decl, name);
	}
	if (found) {
		cd.var_off = own_offset(cd.var);
		cd.var_name = cursor_name(cd.var);
		emit(sc, &cd);
	}
	cand_free(&cd);
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

/* The leak candidates of function FN, or NULL: see own_leaks.c. */
cJSON *own_paths_function(struct tu *tu, CXCursor fn)
{
	struct scan sc = { .tu = tu, .r = tu_rules(tu), .fn = fn };

	clang_visitChildren(fn, scan_visitor, &sc);
	if (sc.have_cfg)
		cfg_free(&sc.g);
	free(sc.stack);
	return sc.out;
}

/* --- what a function returns ---------------------------------------------- */

struct rets {
	struct tu *tu;
	const struct rules *r;
	CXCursor fn;
	struct strvec vars;	/* offsets of the variables returned */
	bool count;
	cJSON *calls;
	int pass;
};

/* A call whose value is returned: an API's count, or another's value. */
static void returned_call(struct rets *rt, CXCursor call)
{
	CXCursor decl = clang_getCursorReferenced(call);
	char *name, *key;
	const struct own_api *api;

	if (clang_getCursorKind(decl) != CXCursor_FunctionDecl)
		return;
	name = cursor_name(call);
	api = own_api(rt->r, name);
	if (api && api->count &&
	    (api->family == FAM_GET || api->family == FAM_PIN)) {
		rt->count = true;
	} else if (!api) {
		key = own_fn_key(rt->tu, decl, name);
		if (cJSON_GetArraySize(rt->calls) < 8)
			cJSON_AddItemToArray(rt->calls, cJSON_CreateString(key));
		free(key);
	}
	free(name);
}

static enum CXChildVisitResult rets_visitor(CXCursor c, CXCursor parent,
					    CXClientData data)
{
	struct rets *rt = data;
	enum CXCursorKind k = clang_getCursorKind(c);
	struct cursor_kids kd = cursor_kids(c);
	CXCursor v = clang_getNullCursor(), e = clang_getNullCursor();
	char *off;

	(void)parent;
	if (rt->pass == 0 && k == CXCursor_ReturnStmt && kd.n) {
		e = expr_strip(kd.c[0]);
		if (clang_getCursorKind(e) == CXCursor_CallExpr)
			returned_call(rt, e);
		v = named_var(e);
		if (!clang_Cursor_isNull(v)) {
			off = xasprintf("%u", own_offset(v));
			strvec_push_nocopy(&rt->vars, off);
		}
		return CXChildVisit_Continue;
	}
	if (rt->pass == 1 && k == CXCursor_VarDecl && kd.n) {
		v = c;
		e = expr_strip(cursor_last_kid(c));
	} else if (rt->pass == 1 && k == CXCursor_BinaryOperator &&
		   kd.n == 2) {
		v = named_var(kd.c[0]);
		e = expr_strip(kd.c[1]);
	}
	if (!clang_Cursor_isNull(v) &&
	    clang_getCursorKind(e) == CXCursor_CallExpr) {
		off = xasprintf("%u", own_offset(v));
		if (strvec_contains(&rt->vars, off))
			returned_call(rt, e);
		free(off);
	}
	return CXChildVisit_Recurse;
}

/*
 * Does FN return the count of pages a GUP call took, itself or through
 * another function ("ret_calls"), as "ret_count"?  own_leaks.c reads a
 * wrapper's result by it.
 */
void own_returns(struct tu *tu, CXCursor fn, cJSON *rec)
{
	struct rets rt = { .tu = tu, .r = tu_rules(tu), .fn = fn };

	rt.calls = cJSON_CreateArray();
	clang_visitChildren(fn, rets_visitor, &rt);
	rt.pass = 1;
	if (rt.vars.n)
		clang_visitChildren(fn, rets_visitor, &rt);
	if (rt.count)
		cJSON_AddTrueToObject(rec, "ret_count");
	if (cJSON_GetArraySize(rt.calls))
		cJSON_AddItemToObject(rec, "ret_calls", rt.calls);
	else
		cJSON_Delete(rt.calls);
	strvec_free(&rt.vars);
}
