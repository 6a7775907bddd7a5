// SPDX-License-Identifier: GPL-2.0
/*
 * gup/leak, conditional contracts (rules/ownership.json "contracts"): a
 * call that takes a page over only on a condition it reports through an
 * out-parameter.  bio_add_hw_page(q, bio, page, ..., &same_page) that
 * succeeds has put the page into the bio, unless it merged it into the
 * bio_vec before, same page: then it sets same_page, and the reference
 * the caller took (get_user_pages, iov_iter_get_pages2) is the caller's
 * to release.  In a function that acquires pages, every path from a
 * success of such a call must look at the flag before the flag is set
 * again (the next round of the loop declares it anew) or the function
 * returns; a path that does not leaks the page whenever it merged.
 */
#include <stdlib.h>
#include <string.h>

#include "gupcheck.h"
#include "own.h"

struct site {
	CXCursor call;
	const struct own_contract *k;
	CXCursor flag;		/* the local variable the call sets */
};

struct find {
	struct tu *tu;
	const struct rules *r;
	CXCursor fn;
	struct site *v;
	size_t n;
	bool acquires;
};

static enum CXChildVisitResult find_visitor(CXCursor c, CXCursor parent,
					    CXClientData data)
{
	struct find *f = data;
	const struct own_contract *k;
	const struct own_api *api;
	CXCursor decl, a, var;
	struct cursor_kids kd;
	char *name;
	int i;

	(void)parent;
	if (clang_getCursorKind(c) != CXCursor_CallExpr)
		return CXChildVisit_Recurse;
	name = cursor_name(c);
	api = own_api(f->r, name);
	k = own_contract(f->r, name);
	free(name);
	f->acquires |= api && (api->family == FAM_GET ||
			       api->family == FAM_PIN ||
			       api->family == FAM_EXTRACT);
	if (!k)
		return CXChildVisit_Recurse;
	decl = clang_getCursorReferenced(c);
	i = decl_param_index(decl, k->flag, NULL);
	if (i < 0 || i >= clang_Cursor_getNumArguments(c))
		return CXChildVisit_Recurse;
	a = expr_strip(clang_Cursor_getArgument(c, i));
	kd = cursor_kids(a);
	if (clang_getCursorKind(a) != CXCursor_UnaryOperator || kd.n != 1)
		return CXChildVisit_Recurse;
	var = own_named_var(kd.c[0]);
	if (clang_Cursor_isNull(var) || !own_local_var(var, f->fn))
		return CXChildVisit_Recurse;
	f->v = xrealloc(f->v, (f->n + 1) * sizeof(*f->v));
	f->v[f->n].call = c;
	f->v[f->n].k = k;
	f->v[f->n++].flag = var;
	return CXChildVisit_Recurse;
}

/* The node whose statement or condition holds CALL, the smallest. */
static int node_of(const struct cfg *g, CXCursor call)
{
	unsigned int a = own_start(call), b = own_end(call), best = ~0u;
	int found = -1;
	size_t i;

	for (i = 0; i < g->nr; i++) {
		unsigned int s, e;

		if (clang_Cursor_isNull(g->n[i].c) || g->n[i].kind == CFG_JOIN)
			continue;
		s = own_start(g->n[i].c);
		e = own_end(g->n[i].c);
		if (s <= a && b <= e && e - s < best) {
			best = e - s;
			found = (int)i;
		}
	}
	return found;
}

struct use {
	unsigned int flag;	/* the variable's declaration offset */
	bool read, set;
};

static enum CXChildVisitResult use_visitor(CXCursor c, CXCursor parent,
					   CXClientData data)
{
	struct use *u = data;
	enum CXCursorKind k = clang_getCursorKind(c);
	struct cursor_kids kd;

	(void)parent;
	if (k == CXCursor_VarDecl && own_offset(c) == u->flag) {
		u->set = true;		/* declared anew: bool same_page = false */
		return CXChildVisit_Break;
	}
	if (k == CXCursor_BinaryOperator) {
		kd = cursor_kids(c);
		if (kd.n == 2 && own_names_var(kd.c[0], u->flag) &&
		    !clang_Cursor_isNull(own_named_var(kd.c[0])) &&
		    !own_names_var(kd.c[1], u->flag)) {
			u->set = true;
			return CXChildVisit_Break;
		}
	}
	if (k == CXCursor_DeclRefExpr && own_names_var(c, u->flag)) {
		u->read = true;
		return CXChildVisit_Break;
	}
	return CXChildVisit_Recurse;
}

/*
 * Is there a path from node FROM on which the flag is set again, or the
 * function left, before anything looks at it?
 */
static bool unread(const struct cfg *g, int from, int call,
		   unsigned int flag)
{
	bool *seen = xcalloc(g->nr, sizeof(*seen)), bad = false;
	size_t i, cap = 1, n = 0;
	int *todo;

	/* each node is left once, by at most all of its edges */
	for (i = 0; i < g->nr; i++)
		cap += 3 + g->n[i].nr_cases;
	todo = xmalloc(cap * sizeof(*todo));
	todo[n++] = from;
	while (n && !bad) {
		int id = todo[--n];
		const struct cfg_node *nd;
		struct use u = { .flag = flag };

		if (id < 0 || seen[id])
			continue;
		seen[id] = true;
		nd = &g->n[id];
		if (id == call || nd->kind == CFG_EXIT) {
			bad = true;	/* called again, or returned */
			break;
		}
		if (nd->kind == CFG_STOP)
			continue;
		if (!clang_Cursor_isNull(nd->c)) {
			use_visitor(nd->c, nd->c, &u);
			if (!u.read && !u.set)
				clang_visitChildren(nd->c, use_visitor, &u);
		}
		if (u.set) {
			bad = true;
			break;
		}
		if (u.read)
			continue;
		todo[n++] = nd->next;
		todo[n++] = nd->yes;
		todo[n++] = nd->no;
		for (i = 0; i < nd->nr_cases; i++)
			todo[n++] = nd->cases[i];
	}
	free(seen);
	free(todo);
	return bad;
}

/* The node after a success of the call in node ID; -1 if not known. */
static int success_edge(struct tu *tu, const struct cfg *g, int id,
			const struct site *s)
{
	const struct cfg_node *nd = &g->n[id];
	struct strvec t = { 0 }, ct = { 0 };
	int to = -1;

	if (nd->kind == CFG_STMT)
		return nd->next;
	if (nd->kind != CFG_BRANCH)
		return -1;
	cursor_tokens(tu, nd->c, &t);
	cursor_tokens(tu, s->call, &ct);
	/* if (!f(...)) fails on yes; if (f(...)) succeeds on yes */
	if (t.n == ct.n + 1 && !strcmp(t.v[0], "!"))
		to = s->k->success_nonzero ? nd->no : nd->yes;
	else if (t.n == ct.n)
		to = s->k->success_nonzero ? nd->yes : nd->no;
	strvec_free(&t);
	strvec_free(&ct);
	return to;
}

/* The contracts of function FN: findings of the paths that break one. */
void own_contracts_function(struct tu *tu, CXCursor fn)
{
	struct find f = { .tu = tu, .r = tu_rules(tu), .fn = fn };
	struct cfg g;
	size_t i;

	clang_visitChildren(fn, find_visitor, &f);
	if (!f.n || !f.acquires || !cfg_build(&g, tu, fn)) {
		free(f.v);
		return;
	}
	for (i = 0; i < f.n; i++) {
		int id = node_of(&g, f.v[i].call), to;
		char *flag;
		cJSON *x;

		if (id < 0)
			continue;
		to = success_edge(tu, &g, id, &f.v[i]);
		if (to < 0 || !unread(&g, to, id, own_offset(f.v[i].flag)))
			continue;
		flag = cursor_name(f.v[i].flag);
		x = tu_report(tu, "gup/leak", f.v[i].call,
			      "when %s() succeeds with %s set, it took the %s as part of the one before and the reference this function holds is its own to release; a path from here never looks at %s, so that reference leaks",
			      f.v[i].k->name, flag, f.v[i].k->page, flag);
		if (x)
			finding_add_evidence(tu, x, f.v[i].call,
					     "the call succeeds here; its flag is not read on the path that follows");
		free(flag);
	}
	cfg_free(&g);
	free(f.v);
}
