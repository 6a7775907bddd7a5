// SPDX-License-Identifier: GPL-2.0
/*
 * The one path walk of the ownership engine.  For a subject (a call that
 * may put pages into a place of the function), every path through the
 * function's control-flow graph (own_cfg.c) is followed from its entry,
 * so that variables hold what the path gave them when the call is
 * reached.  At a branch, the condition is read (own_cond.c): an edge the
 * values rule out is not taken, and an edge taken refines them, the
 * subject's result among them: below "if (ret != npages)" it is short,
 * zero or negative, past it all pages were taken.  Statements change the
 * state (own_step.c).  Two paths that reach a node in the same state go
 * on as one; a walk that runs out of steps says so.
 *
 * The walk writes down the exits where the pages may still be held and
 * the releases whose count is wrong or that release them twice, each
 * with the class of the result on that path: own_judge.c decides them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gupcheck.h"
#include "own.h"

#define MAX_STEPS 20000

struct todo {
	int node;
	struct own_state st;
};

struct stack {
	struct todo *v;
	size_t n, cap;
};

static void push(struct stack *s, int node, struct own_state *st)
{
	if (node < 0) {
		own_state_free(st);
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

/* The tokens of C, with the subject's call, if it is in C, as "@r". */
static void cond_tokens(struct own_walk *w, CXCursor c, struct strvec *t)
{
	const struct strvec *ct = &w->sj->call_tokens;
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

/* Do the tokens T compare a result with the count asked for? */
static bool compares_count(struct own_walk *w, const struct strvec *t)
{
	const char *req = w->sj->requested;
	size_t i, j;
	bool res = false, cnt = false;

	for (i = 0; i < t->n; i++) {
		const struct own_var *v = own_var_find(&w->st->vars, t->v[i]);

		res |= v && (v->m & F_RES);
		for (j = i + 1; req && !cnt && j <= t->n; j++) {
			char *s = own_joined(t, i, j);

			cnt = !strcmp(s, req);
			free(s);
			if (strlen(req) < j - i)
				break;
		}
	}
	return res && cnt;
}

/*
 * Is T a test of the iterator the pages were extracted from, as the rules'
 * user_guards name them (iov_iter_extract_will_pin(iter), !user_backed_iter(
 * iter)), that is false on the edge YES?  Then the extraction took no pin
 * or reference on this path: a kvec or bvec iterator lends its pages.
 */
static bool lent(struct own_walk *w, const struct strvec *t, bool yes)
{
	size_t i = 0;

	if (!w->sj->api || w->sj->api->family != FAM_EXTRACT)
		return false;
	while (i < t->n && !strcmp(t->v[i], "!")) {
		yes = !yes;
		i++;
	}
	return i + 3 <= t->n &&
	       strvec_contains(&w->r->own.user_guards, t->v[i]) &&
	       !strcmp(t->v[i + 1], "(") && !strcmp(t->v[t->n - 1], ")") &&
	       !yes;
}

/* Take the edge to NODE (YES or not) of the branch whose tokens are T. */
static void edge(struct own_walk *w, struct stack *s, const struct strvec *t,
		 bool yes, bool bail, int node, CXCursor at, bool enter)
{
	struct own_state *was = w->st;
	unsigned int line, col;
	struct own_cond cx = {
		.r = w->r, .holders = &w->st->holders,
		.requested = w->sj->requested, .held = w->st->held,
	};
	struct own_state st;
	bool feasible;
	size_t i;

	own_state_copy(&st, w->st);
	cx.vars = &st.vars;
	feasible = own_cond_refine(&cx, &st.vars, t, yes);
	own_result_refined(&st);
	own_stores_settle(&st, bail);
	if (st.held && !st.cls)
		feasible = false;
	if (st.held && lent(w, t, yes))
		st.held = false;
	if (feasible && st.held && st.cls != w->st->cls) {
		clang_getSpellingLocation(clang_getCursorLocation(at), NULL,
					  &line, &col, NULL);
		own_trail_add(&st, line, col);
	}
	if (bail) {
		/* a call tested here and given up on failed: it kept none */
		for (i = 0; i < t->n; i++)
			if (own_is_ident(t->v[i]))
				own_pass_failed(&st, t->v[i]);
		own_pass_failed(&st, "@c");
	} else {
		own_pass_forget(&st, "@c");
	}
	if (feasible && enter) {
		w->st = &st;
		own_release_loop(w, at);
		w->st = was;
	}
	if (feasible)
		push(s, node, &st);
	else
		own_state_free(&st);
}

/*
 * A test of values the path has not assigned since it tested them, read
 * again, goes the same way: "?KEY" holds 1 (true) or 2 (false), KEY the
 * test's tokens with "==" for "!=" (the answer turned over), and any
 * assignment of a variable it names forgets it (own_state.c).  Tests
 * with a call are not remembered.
 */
static char *test_key(const struct strvec *t, bool *negated)
{
	struct strbuf sb = { 0 };
	size_t i;

	*negated = false;
	for (i = 0; i < t->n; i++) {
		if (!strcmp(t->v[i], "(") && i > 0 && own_is_ident(t->v[i - 1]))
			break;		/* a call */
		if (!strcmp(t->v[i], "@r") || !strcmp(t->v[i], "=") ||
		    !strcmp(t->v[i], "++") || !strcmp(t->v[i], "--"))
			break;
	}
	if (i < t->n || !t->n) {
		free(sb_detach(&sb));
		return NULL;
	}
	sb_adds(&sb, "? ");
	for (i = 0; i < t->n; i++) {
		if (!strcmp(t->v[i], "!=")) {
			*negated = !*negated;
			sb_adds(&sb, "==");
		} else {
			sb_adds(&sb, t->v[i]);
		}
		sb_adds(&sb, " ");
	}
	return sb_detach(&sb);
}

static void on_branch(struct own_walk *w, struct stack *s,
		      struct cfg_node *n)
{
	struct strvec t = { 0 };
	enum own_tri tr = T_UNKNOWN;
	const struct own_var *seen;
	bool negated = false;
	char *key = NULL;

	if (!clang_Cursor_isNull(n->c)) {
		w->in_cond = true;
		own_step_events(w, n->c);
		w->in_cond = false;
		if (w->stop)
			return;
		cond_tokens(w, n->c, &t);
		tr = own_tri_of(own_value(w, &t, NULL));
		if (compares_count(w, &t))
			w->st->tested = true;
		/* WARN_ON(x): the path where the invariant broke is not ours */
		if (t.n > 3 && own_is_ident(t.v[0]) &&
		    strvec_contains(&w->r->own.assertions, t.v[0]) &&
		    !strcmp(t.v[1], "(") && !strcmp(t.v[t.n - 1], ")"))
			tr = T_FALSE;
		key = n->first_test ? NULL : test_key(&t, &negated);
		seen = key ? own_var_find(&w->st->vars, key) : NULL;
		if (seen && tr == T_UNKNOWN)
			tr = (seen->m == 1) != negated ? T_TRUE : T_FALSE;
	} else if (n->forever) {
		tr = T_TRUE;
	}
	/* a loop is entered at least once: for (i = 0; i < n; i++) */
	if (n->first_test && tr == T_UNKNOWN)
		tr = T_TRUE;
	if (tr != T_FALSE) {
		if (key)
			own_var_set(w->st, key, negated ? 2 : 1);
		edge(w, s, &t, true, n->bail_yes, n->yes, n->c,
		     n->first_test);
	}
	if (tr != T_TRUE) {
		if (key)
			own_var_set(w->st, key, negated ? 1 : 2);
		edge(w, s, &t, false, n->bail_no, n->no, n->c, false);
	}
	free(key);
	strvec_free(&t);
}

/*
 * A switch on a variable the path has not assigned (switch (cmd) in a
 * loop) takes the same case every time it is reached: the case taken is
 * kept as "#cmd@NODE", which an assignment of cmd forgets.
 */
static void on_switch(struct own_walk *w, struct stack *s,
		      struct cfg_node *n, int id)
{
	struct strvec t = { 0 };
	struct own_state st;
	const struct own_var *v;
	char *key = NULL;
	size_t i;

	own_step_events(w, n->c);
	if (w->stop)
		return;
	cursor_tokens(w->tu, n->c, &t);
	if (t.n == 1 && own_is_ident(t.v[0]) &&
	    !own_var_find(&w->st->vars, t.v[0]))
		key = xasprintf("#%s@%d", t.v[0], id);
	strvec_free(&t);
	v = key ? own_var_find(&w->st->vars, key) : NULL;
	for (i = 0; i < n->nr_cases; i++) {
		if (v && v->m != i + 1)
			continue;
		own_state_copy(&st, w->st);
		if (key)
			own_var_set(&st, key, (unsigned int)i + 1);
		push(s, n->cases[i], &st);
	}
	if (!n->has_default && (!v || v->m == n->nr_cases + 1)) {
		if (key && !v)
			own_var_set(w->st, key, (unsigned int)n->nr_cases + 1);
		push(s, n->next, w->st);
	}
	free(key);
}

static void step(struct own_walk *w, struct stack *s, int id)
{
	struct cfg_node *n = &w->g->n[id];

	switch (n->kind) {
	case CFG_STMT:
		own_step_events(w, n->c);
		if (!w->stop)
			push(s, n->next, w->st);
		break;
	case CFG_JOIN:
		push(s, n->next, w->st);
		break;
	case CFG_BRANCH:
		on_branch(w, s, n);
		break;
	case CFG_SWITCH:
		on_switch(w, s, n, id);
		break;
	case CFG_EXIT:
		own_step_exit(w, n->c);
		break;
	case CFG_STOP:
		break;
	}
}

static void debug(struct own_walk *w, int node, const char *key)
{
	char *t = clang_Cursor_isNull(w->g->n[node].c) ? NULL :
		  cursor_text(w->tu, w->g->n[node].c);

	fprintf(stderr, "path %s: node %d kind %d [%s] %s\n",
		w->sj->var_name, node, w->g->n[node].kind, key, t ? t : "");
	free(t);
}

/*
 * Follow every path of FN for the subject SJ; the facts it leaves, as
 * {"exits": [...], "counts": [...]}, or NULL.  *BUDGET is set when the
 * walk ran out of steps, *HANDED when a path returns success with the
 * pages held (or returns them): they are then the caller's; *ZERO when
 * such a success returns 0.
 */
cJSON *own_walk_subject(struct tu *tu, CXCursor fn, struct cfg *g,
			const struct own_loops *loops,
			const struct strvec *fresh, struct own_subject *sj,
			bool *budget, bool *handed, bool *zero)
{
	struct own_walk w = { .tu = tu, .r = tu_rules(tu), .fn = fn, .g = g,
			      .sj = sj, .loops = loops, .fresh = fresh };
	bool debugging = getenv("GUPCHECK_DEBUG_PATHS") != NULL;
	struct stack s = { 0 };
	struct own_state st = { 0 };
	cJSON *out = NULL;

	w.exits = cJSON_CreateArray();
	w.counts = cJSON_CreateArray();
	own_holder_add(&st, sj->var_name);
	push(&s, g->entry, &st);
	while (s.n) {
		struct todo td = s.v[--s.n];
		char *k;

		if (w.steps++ >= MAX_STEPS) {
			w.budget = true;
			own_state_free(&td.st);
			break;
		}
		k = own_state_key(&td.st, td.node);
		if (strset_add(&w.seen, k)) {
			if (debugging)
				debug(&w, td.node, k);
			w.st = &td.st;
			w.stop = false;
			w.into = NULL;
			step(&w, &s, td.node);
		}
		free(k);
		own_state_free(&td.st);
	}
	while (s.n)
		own_state_free(&s.v[--s.n].st);
	free(s.v);
	strset_free(&w.seen);
	strset_free(&w.noted);
	*budget = w.budget;
	*handed = w.handed;
	*zero = w.handed_zero;
	if (cJSON_GetArraySize(w.exits) || cJSON_GetArraySize(w.counts)) {
		out = cJSON_CreateObject();
		if (cJSON_GetArraySize(w.exits))
			cJSON_AddItemToObject(out, "exits", w.exits);
		else
			cJSON_Delete(w.exits);
		if (cJSON_GetArraySize(w.counts))
			cJSON_AddItemToObject(out, "counts", w.counts);
		else
			cJSON_Delete(w.counts);
	} else {
		cJSON_Delete(w.exits);
		cJSON_Delete(w.counts);
	}
	return out;
}
