// SPDX-License-Identifier: GPL-2.0
/*
 * gup/leak: the partial pin.  get_user_pages*() and pin_user_pages*()
 * may take fewer pages than asked for.  On the path where the caller
 * finds out (ret != nr_pages, ret < nr_pages) and gives up, the pages it
 * did get must be released, and only those:
 *   - nothing released or handed on before the function returns: a leak;
 *   - the requested count released: an over-release;
 *   - the result itself released as a count while it may be an error
 *     code: a negative count, huge as an unsigned one.
 * The path is followed through the branch and on from the label a goto
 * jumps to, until a return.
 */
#include <stdlib.h>
#include <string.h>

#include "gupcheck.h"
#include "tu.h"

struct leak {
	struct tu *tu;
	const struct own_api *api;
	CXCursor call;
	CXCursor fn;
	char *result;		/* the variable the count goes into */
	char *pages;		/* the pages argument, as code text */
	char *requested;	/* the count argument, as code text */
	struct strvec aliases;	/* variables that hold the result */
	struct strvec unsafe;	/* ... and may hold a negative one */
	bool caller_pages;	/* the pages are the caller's: a parameter */
	bool sign_known;	/* an earlier test excluded a negative result */
	char *owner;		/* what the pages belong to: bo of bo->pages */
	bool released;
	bool reported;
	CXCursor exit;		/* the return the path reaches */
	CXCursor go;		/* the goto it took */
	CXCursor *stack;	/* ancestors within the path */
	size_t depth, cap;
	size_t first;		/* where the path's own statements start */
};

/* Does TEXT hold WORD, at identifier boundaries? */
static bool mentions(const char *text, const char *word)
{
	size_t n = strlen(word);
	const char *p = text;

	if (!n)
		return false;
	while ((p = strstr(p, word))) {
		char b = p == text ? ' ' : p[-1], a = p[n];
		bool lb = !(b == '_' || b == '>' || b == '.' ||
			    (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') ||
			    (b >= '0' && b <= '9'));
		bool ra = !(a == '_' || (a >= 'a' && a <= 'z') ||
			    (a >= 'A' && a <= 'Z') || (a >= '0' && a <= '9'));

		if (lb && ra)
			return true;
		p += n;
	}
	return false;
}

/*
 * Can the condition be true with some pages taken but fewer than asked:
 * RESULT != N or RESULT < N (N not 0), or the same the other way round?
 */
static bool partial_test(struct tu *tu, CXCursor cond, const char *result)
{
	struct strvec t = { 0 };
	bool yes = false;
	size_t i;

	cursor_tokens(tu, cond, &t);
	for (i = 0; i < t.n && !yes; i++) {
		if (strcmp(t.v[i], result))
			continue;
		if (i + 2 < t.n && (!strcmp(t.v[i + 1], "!=") ||
				    !strcmp(t.v[i + 1], "<")) &&
		    strcmp(t.v[i + 2], "0"))
			yes = true;
		if (i >= 2 && (!strcmp(t.v[i - 1], "!=") ||
			       !strcmp(t.v[i - 1], ">")) &&
		    strcmp(t.v[i - 2], "0") && strcmp(t.v[i - 2], "("))
			yes = true;
	}
	strvec_free(&t);
	return yes;
}

/* Does the condition also require RESULT >= 0 or > 0? */
static bool sign_test(struct tu *tu, CXCursor cond, const char *result)
{
	struct strvec t = { 0 };
	bool yes = false;
	size_t i;

	cursor_tokens(tu, cond, &t);
	for (i = 0; i + 2 < t.n && !yes; i++)
		yes = !strcmp(t.v[i], result) &&
		      (!strcmp(t.v[i + 1], ">=") || !strcmp(t.v[i + 1], ">")) &&
		      !strcmp(t.v[i + 2], "0");
	strvec_free(&t);
	return yes;
}

static unsigned int offset(CXCursor c)
{
	unsigned int off = 0;

	clang_getExpansionLocation(clang_getCursorLocation(c), NULL, NULL,
				   NULL, &off);
	return off;
}

struct find_if {
	struct leak *lk;
	unsigned int after;
	CXCursor found;
};

static enum CXChildVisitResult if_visitor(CXCursor c, CXCursor parent,
					  CXClientData data)
{
	struct find_if *fi = data;
	struct cursor_kids kd;

	(void)parent;
	if (!clang_Cursor_isNull(fi->found))
		return CXChildVisit_Break;
	if (clang_getCursorKind(c) != CXCursor_IfStmt ||
	    offset(c) <= fi->after)
		return CXChildVisit_Recurse;
	kd = cursor_kids(c);
	if (kd.n >= 2 && partial_test(fi->lk->tu, kd.c[0], fi->lk->result)) {
		fi->found = c;
		fi->lk->sign_known |= sign_test(fi->lk->tu, kd.c[0],
						fi->lk->result);
		return CXChildVisit_Break;
	}
	/* if (ret < 0) goto out; before the short-count test */
	if (kd.n >= 2) {
		char *t = cursor_text(fi->lk->tu, kd.c[0]);

		fi->lk->sign_known |= mentions(t, fi->lk->result);
		free(t);
	}
	return CXChildVisit_Recurse;
}

static const char *text_of(struct leak *lk, CXCursor c, char **keep)
{
	*keep = cursor_text(lk->tu, c);
	return *keep;
}

/* Is a condition above the current statement about the result? */
static bool result_tested(struct leak *lk)
{
	size_t i, a;

	for (i = 0; i < lk->depth; i++) {
		CXCursor up = lk->stack[i];
		struct cursor_kids kd;
		char *t;
		bool yes;

		if (clang_getCursorKind(up) != CXCursor_IfStmt)
			continue;
		kd = cursor_kids(up);
		if (!kd.n)
			continue;
		t = cursor_text(lk->tu, kd.c[0]);
		yes = false;
		for (a = 0; a < lk->aliases.n && !yes; a++)
			yes = mentions(t, lk->aliases.v[a]);
		free(t);
		if (yes)
			return true;
	}
	return false;
}

/* The bound of the for loop around the current statement: i < BOUND. */
static char *loop_bound(struct leak *lk)
{
	size_t i = lk->depth;

	while (i-- > 0) {
		struct cursor_kids kd;

		if (clang_getCursorKind(lk->stack[i]) != CXCursor_ForStmt)
			continue;
		kd = cursor_kids(lk->stack[i]);
		if (kd.n == 4 &&
		    clang_getCursorKind(expr_strip(kd.c[1])) ==
		    CXCursor_BinaryOperator) {
			struct cursor_kids cd = cursor_kids(expr_strip(kd.c[1]));

			if (cd.n == 2)
				return cursor_text(lk->tu, cd.c[1]);
		}
		return NULL;
	}
	return NULL;
}

static bool is_alias(const struct leak *lk, const char *t)
{
	return strvec_contains(&lk->aliases, t);
}

static void report_count(struct leak *lk, CXCursor at, const char *count,
			 bool negative)
{
	cJSON *f;

	if (lk->reported)
		return;
	lk->reported = true;
	if (negative)
		f = tu_report(lk->tu, "gup/leak", at,
			      "%s() may have failed: its result %s can be a negative error code here, and is released as a page count; test it (%s > 0) before releasing",
			      lk->api->name, lk->result, lk->result);
	else
		f = tu_report(lk->tu, "gup/leak", at,
			      "after %s() took fewer pages than the %s asked for, %s pages are released, not the %s it took: the pages it did not take are released too",
			      lk->api->name, lk->requested, count, lk->result);
	finding_add_evidence(lk->tu, f, lk->call,
			     "the pages are taken here; the result is the number taken");
}

/* A call on the path: a release or a hand-off of the pages? */
static void on_call(struct leak *lk, CXCursor c)
{
	char *name = cursor_name(c), *keep = NULL, *bound;
	const struct own_api *api = own_api(tu_rules(lk->tu), name);
	int i, n = clang_Cursor_getNumArguments(c);
	bool touches = false, neg = false, over = false;

	if (strvec_contains(&tu_rules(lk->tu)->own.array_frees, name))
		goto out;
	for (i = 0; i < n; i++) {
		const char *t = text_of(lk, clang_Cursor_getArgument(c, i),
					&keep);

		touches |= mentions(t, lk->pages);
		/* free_user_pages(bo, n) releases bo->pages */
		if (lk->owner && mentions(t, lk->owner))
			lk->released = true;
		free(keep);
	}
	if (!touches)
		goto out;
	lk->released = true;
	if (api && api->family != FAM_PUT && api->family != FAM_UNPIN)
		goto out;
	for (i = 1; i < n; i++) {
		CXCursor a = clang_Cursor_getArgument(c, i);
		CXCursor decl = clang_getCursorReferenced(c);
		CXType pt = clang_getArgType(clang_getCursorType(decl),
					     (unsigned int)i);
		const char *t = text_of(lk, a, &keep);
		bool unsig = pt.kind == CXType_ULong ||
			     pt.kind == CXType_UInt ||
			     pt.kind == CXType_ULongLong;

		if (!strcmp(t, lk->requested) && !is_alias(lk, t))
			over = true;
		else if (strvec_contains(&lk->unsafe, t) && unsig &&
			 !lk->sign_known && !result_tested(lk))
			neg = true;
		if (over || neg) {
			report_count(lk, c, t, neg);
			free(keep);
			goto out;
		}
		free(keep);
	}
	bound = loop_bound(lk);
	if (bound && !strcmp(bound, lk->requested) &&
	    !is_alias(lk, bound))
		report_count(lk, c, bound, false);
	free(bound);
out:
	free(name);
}

/* Is the statement being visited under an if of the path? */
static bool under_if(const struct leak *lk)
{
	size_t i;

	for (i = lk->first; i < lk->depth; i++)
		if (clang_getCursorKind(lk->stack[i]) == CXCursor_IfStmt)
			return true;
	return false;
}

static void drop(struct strvec *sv, const char *s)
{
	size_t i;

	for (i = 0; i < sv->n; i++)
		if (!strcmp(sv->v[i], s)) {
			free(sv->v[i]);
			sv->v[i] = sv->v[--sv->n];
			return;
		}
}

/* V = RESULT makes V an alias of the result; V = other unmakes it. */
static void on_assign(struct leak *lk, CXCursor c)
{
	struct cursor_kids kd = cursor_kids(c);
	char *l, *r;
	size_t i;

	if (kd.n != 2 || !expr_is_assignment(lk->tu, c, kd.c[0]))
		return;
	r = cursor_text(lk->tu, kd.c[1]);
	if (mentions(r, lk->pages))
		lk->released = true;	/* handed on: req->pages = pages */
	l = cursor_text(lk->tu, kd.c[0]);
	for (i = 0; i < lk->aliases.n; i++)
		/* dma->nr_pages = ret: the object records what it holds */
		if (mentions(r, lk->aliases.v[i]) &&
		    (strstr(l, "->") || strchr(l, '.')))
			lk->released = true;
	if (is_alias(lk, r) && !is_alias(lk, l))
		strvec_push(&lk->aliases, l);
	else if (!is_alias(lk, r) && is_alias(lk, l) && !mentions(r, l) &&
		 !under_if(lk))
		drop(&lk->aliases, l);	/* ret = -EFAULT: no count now */
	/* under a test of the result's sign, or set to something else */
	if (strvec_contains(&lk->unsafe, l) &&
	    (!is_alias(lk, r) || result_tested(lk)))
		drop(&lk->unsafe, l);
	else if (is_alias(lk, r) && !result_tested(lk) &&
		 !strvec_contains(&lk->unsafe, l))
		strvec_push(&lk->unsafe, l);
	free(l);
	free(r);
}

/*
 * Is the statement under a further test?  One that requires the result
 * to be positive (if (ret > 0) return ...) keeps to the path where pages
 * were taken, and does not count.
 */
static bool nested_test(struct leak *lk)
{
	size_t i;

	for (i = lk->first; i < lk->depth; i++) {
		struct cursor_kids kd;
		size_t a;
		bool positive = false;

		if (clang_getCursorKind(lk->stack[i]) != CXCursor_IfStmt)
			continue;
		kd = cursor_kids(lk->stack[i]);
		for (a = 0; kd.n && a < lk->aliases.n && !positive; a++)
			positive = sign_test(lk->tu, kd.c[0], lk->aliases.v[a]);
		if (!positive)
			return true;
	}
	return false;
}

static enum CXChildVisitResult path_visitor(CXCursor c, CXCursor parent,
					    CXClientData data)
{
	struct leak *lk = data;
	enum CXCursorKind k = clang_getCursorKind(c);

	(void)parent;
	if (!clang_Cursor_isNull(lk->exit) || !clang_Cursor_isNull(lk->go))
		return CXChildVisit_Break;
	if (k == CXCursor_CallExpr)
		on_call(lk, c);
	else if (k == CXCursor_BinaryOperator)
		on_assign(lk, c);
	/* an exit under a further test is another path: not this one */
	if ((k == CXCursor_ReturnStmt || k == CXCursor_GotoStmt) &&
	    nested_test(lk)) {
		/* if (ret < 0) goto out: past it, ret is not negative */
		if (result_tested(lk))
			lk->sign_known = true;
		return CXChildVisit_Continue;
	}
	if (k == CXCursor_ReturnStmt) {
		char *t = NULL;
		struct cursor_kids kd = cursor_kids(c);

		/* returning the count hands the caller's pages back */
		if (kd.n == 1 && lk->caller_pages &&
		    is_alias(lk, text_of(lk, kd.c[0], &t)))
			lk->released = true;
		free(t);
		lk->exit = c;
		return CXChildVisit_Break;
	}
	if (k == CXCursor_GotoStmt) {
		lk->go = c;
		return CXChildVisit_Break;
	}
	if (lk->depth == lk->cap) {
		lk->cap = lk->cap ? lk->cap * 2 : 32;
		lk->stack = xrealloc(lk->stack, lk->cap * sizeof(*lk->stack));
	}
	lk->stack[lk->depth++] = c;
	clang_visitChildren(c, path_visitor, lk);
	lk->depth--;
	return CXChildVisit_Continue;
}

struct find_label {
	CXCursor label;
	CXCursor parent;
};

static enum CXChildVisitResult parent_visitor(CXCursor c, CXCursor parent,
					      CXClientData data)
{
	struct find_label *fl = data;

	if (clang_getCursorKind(c) == clang_getCursorKind(fl->label) &&
	    offset(c) == offset(fl->label)) {
		fl->parent = parent;
		return CXChildVisit_Break;
	}
	return CXChildVisit_Recurse;
}

static enum CXChildVisitResult label_visitor(CXCursor c, CXCursor parent,
					     CXClientData data)
{
	struct find_label *fl = data;

	/* equal cursors may differ in what libclang keeps of their parents */
	if (clang_getCursorKind(c) == CXCursor_LabelStmt &&
	    offset(c) == offset(fl->label)) {
		fl->parent = parent;
		return CXChildVisit_Break;
	}
	return CXChildVisit_Recurse;
}

struct siblings {
	struct leak *lk;
	CXCursor from;
	bool on;
};

static enum CXChildVisitResult sibling_visitor(CXCursor c, CXCursor parent,
					       CXClientData data)
{
	struct siblings *sb = data;

	(void)parent;
	if (clang_getCursorKind(c) == CXCursor_LabelStmt &&
	    offset(c) == offset(sb->from))
		sb->on = true;
	if (!sb->on)
		return CXChildVisit_Continue;
	sb->lk->depth = 0;
	path_visitor(c, parent, sb->lk);
	if (!clang_Cursor_isNull(sb->lk->exit) ||
	    !clang_Cursor_isNull(sb->lk->go))
		return CXChildVisit_Break;
	return CXChildVisit_Continue;
}

/* Follow the path from the label GOTO jumps to, until a return. */
static void follow_goto(struct leak *lk, int hops)
{
	struct find_label fl;
	struct siblings sb = { .lk = lk };
	CXCursor go = lk->go;
	struct cursor_kids kd;

	if (hops > 4)
		return;
	kd = cursor_kids(go);
	/* the goto's LabelRef child names the label statement */
	fl.label = kd.n ? clang_getCursorReferenced(kd.c[0]) :
			  clang_getCursorReferenced(go);
	fl.parent = clang_getNullCursor();
	if (clang_getCursorKind(fl.label) != CXCursor_LabelStmt)
		return;
	clang_visitChildren(lk->fn, label_visitor, &fl);
	if (clang_Cursor_isNull(fl.parent))
		return;
	lk->go = clang_getNullCursor();
	sb.from = fl.label;
	clang_visitChildren(fl.parent, sibling_visitor, &sb);
	if (!clang_Cursor_isNull(lk->go))
		follow_goto(lk, hops + 1);
}

/* The object the pages hang off: bo for bo->pages, NULL for pages. */
static char *owner_of(const char *pages)
{
	const char *p = pages;
	size_t n;

	while (*p == '&' || *p == '(' || *p == '*')
		p++;
	n = strcspn(p, "-.[");
	if (!p[n] || p[n] == '[')
		return NULL;
	return xstrndup(p, n);
}

/* Is E, the pages argument, reached from a parameter (p, p->pages)? */
static bool from_param(CXCursor e)
{
	for (;;) {
		enum CXCursorKind k;
		struct cursor_kids kd;

		e = expr_strip(e);
		k = clang_getCursorKind(e);
		if (k == CXCursor_DeclRefExpr)
			return clang_getCursorKind(clang_getCursorReferenced(
					e)) == CXCursor_ParmDecl;
		if (k != CXCursor_MemberRefExpr && k != CXCursor_UnaryOperator &&
		    k != CXCursor_ArraySubscriptExpr)
			return false;
		kd = cursor_kids(e);
		if (!kd.n)
			return false;
		e = kd.c[0];
	}
}

struct after {
	struct leak *lk;
	unsigned int from;
	bool done;
};

static enum CXChildVisitResult after_visitor(CXCursor c, CXCursor parent,
					     CXClientData data)
{
	struct after *af = data;

	if (af->done || offset(c) <= af->from)
		return CXChildVisit_Continue;
	af->lk->depth = 0;
	path_visitor(c, parent, af->lk);
	if (!clang_Cursor_isNull(af->lk->exit) ||
	    !clang_Cursor_isNull(af->lk->go))
		af->done = true;
	return af->done ? CXChildVisit_Break : CXChildVisit_Continue;
}

/* Follow the statements after the if STMT in its block, to a return. */
static void follow_after(struct leak *lk, CXCursor stmt)
{
	struct find_label fl = { .label = stmt };
	struct after af = { .lk = lk, .from = offset(stmt) };

	fl.parent = clang_getNullCursor();
	clang_visitChildren(lk->fn, parent_visitor, &fl);
	if (clang_Cursor_isNull(fl.parent) ||
	    clang_getCursorKind(fl.parent) != CXCursor_CompoundStmt)
		return;
	clang_visitChildren(fl.parent, after_visitor, &af);
}

/* The variable a call's result is stored in, as its name. */
static char *result_of(struct tu *tu)
{
	CXCursor to = stored_into(tu->stack, tu->depth);
	enum CXCursorKind k = clang_getCursorKind(to);

	return k == CXCursor_VarDecl || k == CXCursor_DeclRefExpr ?
	       cursor_name(to) : NULL;
}

static void on_acquire(struct tu *tu, CXCursor call, CXCursor callee,
		       void *data)
{
	const struct own_api *api = data;
	struct leak lk = { .tu = tu, .api = api, .call = call };
	struct find_if fi = { .lk = &lk };
	int pi = decl_param_index(callee, api->pages, NULL);
	int ci = decl_param_index(callee, api->count, NULL);
	struct cursor_kids kd;

	if (pi < 0 || ci < 0 || !tu->depth ||
	    clang_getCursorKind(tu->stack[0]) != CXCursor_FunctionDecl)
		return;
	lk.fn = tu->stack[0];
	lk.result = result_of(tu);
	if (!lk.result)
		return;
	lk.pages = cursor_text(tu, clang_Cursor_getArgument(call, pi));
	lk.requested = cursor_text(tu, clang_Cursor_getArgument(call, ci));
	strvec_push(&lk.aliases, lk.result);
	strvec_push(&lk.unsafe, lk.result);
	lk.caller_pages = from_param(clang_Cursor_getArgument(call, pi));
	lk.owner = owner_of(lk.pages);
	fi.after = offset(call);
	fi.found = clang_getNullCursor();
	lk.exit = clang_getNullCursor();
	lk.go = clang_getNullCursor();
	/* one page asked for: short means none */
	if (lk.pages[0] && strcmp(lk.requested, lk.result) &&
	    strcmp(lk.requested, "1"))
		clang_visitChildren(lk.fn, if_visitor, &fi);
	if (clang_Cursor_isNull(fi.found))
		goto out;
	kd = cursor_kids(fi.found);
	path_visitor(kd.c[1], fi.found, &lk);
	/* a branch that ends without leaving goes on after the if */
	if (clang_Cursor_isNull(lk.go) && clang_Cursor_isNull(lk.exit) &&
	    !lk.released)
		follow_after(&lk, fi.found);
	if (!clang_Cursor_isNull(lk.go) && !lk.released)
		follow_goto(&lk, 0);
	if (!lk.released && !lk.reported && !clang_Cursor_isNull(lk.exit)) {
		cJSON *f = tu_report(tu, "gup/leak", lk.exit,
				     "when %s() takes fewer pages than the %s asked for, this path returns without releasing the %s it took: they stay %s",
				     api->name, lk.requested, lk.result,
				     api->family == FAM_PIN ? "pinned" :
							      "referenced");

		finding_add_evidence(tu, f, call,
				     "the pages are taken here; the result is the number taken");
		finding_add_evidence(tu, f, fi.found,
				     "the short count is detected here");
	}
out:
	free(lk.result);
	free(lk.pages);
	free(lk.requested);
	free(lk.owner);
	free(lk.stack);
	strvec_free(&lk.aliases);
	strvec_free(&lk.unsafe);
}

void check_leak(struct engine *e)
{
	const struct own_rules *o = &e->rules->own;
	size_t i;

	for (i = 0; i < o->nr_api; i++)
		if ((o->api[i].family == FAM_GET ||
		     o->api[i].family == FAM_PIN) &&
		    o->api[i].count && o->api[i].pages)
			engine_add_call_hook(e, o->api[i].name, on_acquire,
					     NULL, (void *)&o->api[i]);
}
