// SPDX-License-Identifier: GPL-2.0
/*
 * The control-flow graph of one function, for the paths own_paths.c
 * follows: statements in order, if/else, loops, switch, goto and its
 * labels, break, continue and return.  A node is a statement (or the
 * condition of a branch); expressions inside one, statement expressions
 * and ?: included, are walked as a whole.
 */
#include <stdlib.h>
#include <string.h>

#include "gupcheck.h"
#include "own.h"
#include "tu.h"

#define CFG_MAX_NODES 20000

struct cfg_ctx {
	struct cfg *g;
	const struct tu *tu;
	int brk, cont;
	struct cfg_node *sw;	/* the switch whose cases are being built */
	int sw_index;
};

static int new_node(struct cfg *g, enum cfg_kind kind, CXCursor c)
{
	struct cfg_node *n;

	if (g->nr >= CFG_MAX_NODES) {
		g->too_big = true;
		return -1;
	}
	if (g->nr == g->cap) {
		g->cap = g->cap ? g->cap * 2 : 64;
		g->n = xrealloc(g->n, g->cap * sizeof(*g->n));
	}
	n = &g->n[g->nr];
	memset(n, 0, sizeof(*n));
	n->kind = kind;
	n->c = c;
	n->next = n->yes = n->no = -1;
	return (int)g->nr++;
}

/* The node a label stands for, made the first time it is asked for. */
static int label_node(struct cfg *g, unsigned int off)
{
	size_t i;
	int n;

	for (i = 0; i < g->nr_labels; i++)
		if (g->labels[i].off == off)
			return g->labels[i].node;
	n = new_node(g, CFG_JOIN, clang_getNullCursor());
	if (n < 0)
		return -1;
	if (g->nr_labels == g->cap_labels) {
		g->cap_labels = g->cap_labels ? g->cap_labels * 2 : 16;
		g->labels = xrealloc(g->labels,
				     g->cap_labels * sizeof(*g->labels));
	}
	g->labels[g->nr_labels].off = off;
	g->labels[g->nr_labels++].node = n;
	return n;
}

struct kids {
	CXCursor *c;
	size_t n, cap;
};

static enum CXChildVisitResult kid(CXCursor c, CXCursor parent,
				   CXClientData data)
{
	struct kids *k = data;

	(void)parent;
	if (k->n == k->cap) {
		k->cap = k->cap ? k->cap * 2 : 8;
		k->c = xrealloc(k->c, k->cap * sizeof(*k->c));
	}
	k->c[k->n++] = c;
	return CXChildVisit_Continue;
}

static struct kids all_kids(CXCursor c)
{
	struct kids k = { 0 };

	clang_visitChildren(c, kid, &k);
	return k;
}

/* Does statement S leave by goto or return, as its last act? */
static bool bails(CXCursor s)
{
	enum CXCursorKind k = clang_getCursorKind(s);
	struct kids kd;
	bool yes;

	if (k == CXCursor_GotoStmt || k == CXCursor_ReturnStmt)
		return true;
	if (k != CXCursor_CompoundStmt)
		return false;
	kd = all_kids(s);
	yes = kd.n && bails(kd.c[kd.n - 1]);
	free(kd.c);
	return yes;
}

static int build(struct cfg_ctx *x, CXCursor s, int next);

static int build_if(struct cfg_ctx *x, CXCursor s, int next)
{
	struct kids kd = all_kids(s);
	int b = -1, yes, no;

	if (kd.n < 2)
		goto out;
	yes = build(x, kd.c[1], next);
	no = kd.n > 2 ? build(x, kd.c[2], next) : next;
	b = new_node(x->g, CFG_BRANCH, kd.c[0]);
	if (b < 0)
		goto out;
	x->g->n[b].yes = yes;
	x->g->n[b].no = no;
	x->g->n[b].bail_yes = bails(kd.c[1]);
	x->g->n[b].bail_no = kd.n > 2 && bails(kd.c[2]);
out:
	free(kd.c);
	return b;
}

/* A loop: HEAD is entered, COND (may be null) tested, BODY run, INC run. */
static int build_loop(struct cfg_ctx *x, CXCursor cond, CXCursor body,
		      CXCursor inc, int next, bool body_first, bool forever)
{
	struct cfg_ctx in = *x;
	int head = new_node(x->g, CFG_JOIN, clang_getNullCursor());
	int test = -1, step = head, entry, first;

	if (head < 0)
		return -1;
	if (!clang_Cursor_isNull(inc)) {
		step = new_node(x->g, CFG_STMT, inc);
		if (step < 0)
			return -1;
		x->g->n[step].next = head;
	}
	test = new_node(x->g, CFG_BRANCH, cond);
	if (test < 0)
		return -1;
	x->g->n[test].forever = forever && clang_Cursor_isNull(cond);
	in.brk = next;
	in.cont = body_first ? test : step;
	entry = build(&in, body, body_first ? test : step);
	x->g->n[test].yes = body_first ? head : entry;
	x->g->n[test].no = next;
	x->g->n[head].next = body_first ? entry : test;
	if (body_first)
		return head;
	/* the first test apart: a loop is read as entered at least once */
	first = new_node(x->g, CFG_BRANCH, cond);
	if (first < 0)
		return -1;
	x->g->n[first] = x->g->n[test];
	x->g->n[first].first_test = true;
	return first;
}

/*
 * The parts of a for statement: libclang leaves out the missing ones, so
 * they are told apart by where they lie against the header's semicolons.
 * A for loop a macro writes has all of its parts, or is read as a loop
 * whose test is not known.
 */
static int build_for(struct cfg_ctx *x, CXCursor s, int next)
{
	struct kids kd = all_kids(s);
	CXCursor init = clang_getNullCursor(), cond = init, inc = init;
	unsigned int semi[2] = { 0, 0 };
	CXToken *t = NULL;
	unsigned int nt = 0, i, ns = 0, depth = 0;
	int loop, first;

	if (!kd.n) {
		free(kd.c);
		return next;
	}
	clang_tokenize(x->tu->tu, clang_getCursorExtent(s), &t, &nt);
	for (i = 0; i < nt && ns < 2; i++) {
		CXString sp = clang_getTokenSpelling(x->tu->tu, t[i]);
		const char *p = clang_getCString(sp);

		if (i == 0 && strcmp(p, "for"))
			nt = 0;
		if (!strcmp(p, "("))
			depth++;
		else if (!strcmp(p, ")"))
			depth--;
		else if (!strcmp(p, ";") && depth == 1)
			clang_getSpellingLocation(clang_getTokenLocation(x->tu->tu,
									 t[i]),
						  NULL, NULL, NULL, &semi[ns++]);
		clang_disposeString(sp);
	}
	if (t)
		clang_disposeTokens(x->tu->tu, t, nt);
	if (ns == 2) {
		for (i = 0; i + 1 < kd.n; i++) {
			unsigned int o = own_start(kd.c[i]);

			if (o < semi[0])
				init = kd.c[i];
			else if (o < semi[1])
				cond = kd.c[i];
			else
				inc = kd.c[i];
		}
	} else if (kd.n == 4) {
		init = kd.c[0];
		cond = kd.c[1];
		inc = kd.c[2];
	} else if (kd.n > 1) {
		init = kd.c[0];		/* read, its test not known */
	}
	loop = build_loop(x, cond, kd.c[kd.n - 1], inc, next, false, ns == 2);
	first = loop;
	if (loop >= 0 && !clang_Cursor_isNull(init)) {
		first = new_node(x->g, CFG_STMT, init);
		if (first >= 0)
			x->g->n[first].next = loop;
	}
	free(kd.c);
	return first;
}

static int build_switch(struct cfg_ctx *x, CXCursor s, int next)
{
	struct kids kd = all_kids(s);
	struct cfg_ctx in = *x;
	int sw, body;

	sw = kd.n >= 2 ? new_node(x->g, CFG_SWITCH, kd.c[0]) : -1;
	if (sw < 0) {
		free(kd.c);
		return -1;
	}
	in.brk = next;
	in.sw_index = sw;
	body = build(&in, kd.c[kd.n - 1], next);
	(void)body;
	/* no default: the value may match no case */
	if (!x->g->n[sw].has_default)
		x->g->n[sw].next = next;
	free(kd.c);
	return sw;
}

static void add_case(struct cfg_ctx *x, int entry)
{
	struct cfg_node *sw;

	if (x->sw_index < 0 || entry < 0)
		return;
	sw = &x->g->n[x->sw_index];
	sw->cases = xrealloc(sw->cases, (sw->nr_cases + 1) *
			     sizeof(*sw->cases));
	sw->cases[sw->nr_cases++] = entry;
}

static int build_compound(struct cfg_ctx *x, CXCursor s, int next)
{
	struct kids kd = all_kids(s);
	int cur = next;
	size_t i = kd.n;

	while (i-- > 0 && !x->g->too_big)
		cur = build(x, kd.c[i], cur);
	free(kd.c);
	return cur;
}

static int jump(struct cfg_ctx *x, CXCursor s, int to)
{
	int n = new_node(x->g, CFG_STMT, s);

	if (n >= 0)
		x->g->n[n].next = to;
	return n;
}

static int build(struct cfg_ctx *x, CXCursor s, int next)
{
	struct cfg *g = x->g;
	struct cursor_kids kd;
	int n;

	if (g->too_big)
		return -1;
	switch (clang_getCursorKind(s)) {
	case CXCursor_CompoundStmt:
		return build_compound(x, s, next);
	case CXCursor_IfStmt:
		return build_if(x, s, next);
	case CXCursor_WhileStmt:
		kd = cursor_kids(s);
		return kd.n == 2 ? build_loop(x, kd.c[0], kd.c[1],
					      clang_getNullCursor(), next,
					      false, false) : -1;
	case CXCursor_DoStmt:
		kd = cursor_kids(s);
		return kd.n == 2 ? build_loop(x, kd.c[1], kd.c[0],
					      clang_getNullCursor(), next,
					      true, false) : -1;
	case CXCursor_ForStmt:
		return build_for(x, s, next);
	case CXCursor_SwitchStmt:
		return build_switch(x, s, next);
	case CXCursor_CaseStmt:
	case CXCursor_DefaultStmt:
		kd = cursor_kids(s);
		n = kd.n ? build(x, kd.c[kd.n - 1], next) : next;
		if (clang_getCursorKind(s) == CXCursor_DefaultStmt &&
		    x->sw_index >= 0)
			g->n[x->sw_index].has_default = true;
		add_case(x, n);
		return n;
	case CXCursor_LabelStmt:
		n = label_node(g, own_start(s));
		kd = cursor_kids(s);
		if (n >= 0)
			g->n[n].next = kd.n ? build(x, kd.c[0], next) : next;
		return n;
	case CXCursor_GotoStmt:
		kd = cursor_kids(s);
		n = kd.n ? label_node(g, own_start(clang_getCursorReferenced(kd.c[0]))) : -1;
		return n < 0 ? new_node(g, CFG_STOP, s) : jump(x, s, n);
	case CXCursor_BreakStmt:
		return x->brk < 0 ? new_node(g, CFG_STOP, s) : x->brk;
	case CXCursor_ContinueStmt:
		return x->cont < 0 ? new_node(g, CFG_STOP, s) : x->cont;
	case CXCursor_ReturnStmt:
		return new_node(g, CFG_EXIT, s);
	case CXCursor_IndirectGotoStmt:
		return new_node(g, CFG_STOP, s);
	case CXCursor_NullStmt:
		return next;
	default:
		return jump(x, s, next);
	}
}

/* The graph of function FN's body; false if it could not be built. */
bool cfg_build(struct cfg *g, const struct tu *tu, CXCursor fn)
{
	struct cfg_ctx x = { .g = g, .tu = tu, .brk = -1, .cont = -1,
			     .sw_index = -1 };
	struct kids kd = all_kids(fn);
	int end;
	size_t i;

	memset(g, 0, sizeof(*g));
	g->entry = -1;
	if (!kd.n || clang_getCursorKind(kd.c[kd.n - 1]) !=
		     CXCursor_CompoundStmt) {
		free(kd.c);
		return false;
	}
	end = new_node(g, CFG_EXIT, clang_getNullCursor());
	g->entry = build(&x, kd.c[kd.n - 1], end);
	free(kd.c);
	/* a label no statement defines (a goto into a macro's body) stops */
	for (i = 0; i < g->nr_labels; i++)
		if (g->n[g->labels[i].node].next < 0)
			g->n[g->labels[i].node].kind = CFG_STOP;
	return !g->too_big && g->entry >= 0;
}

void cfg_free(struct cfg *g)
{
	size_t i;

	for (i = 0; i < g->nr; i++)
		free(g->n[i].cases);
	free(g->n);
	free(g->labels);
	memset(g, 0, sizeof(*g));
}
