// SPDX-License-Identifier: GPL-2.0
/*
 * Guards: conditions that say how pages were taken (rules/ownership.json
 * guards and guard_words), read from a condition's tokens for own_facts.c:
 * a release they choose is no mismatch (own_guarded()), a call made
 * under them is for user-backed iterators (own_user_guarded()).  What a
 * pinned flag says of the pages is own_pinflag.c's.
 */
#include <stdlib.h>
#include <string.h>

#include "gupcheck.h"
#include "own.h"

struct flag_find {
	const char *name;
	bool object;
};

static enum CXChildVisitResult flag_visitor(CXCursor c, CXCursor parent,
					    CXClientData data)
{
	struct flag_find *ff = data;
	enum CXCursorKind k = clang_getCursorKind(c);
	enum CXTypeKind t;
	char *n;

	(void)parent;
	if (k != CXCursor_DeclRefExpr && k != CXCursor_MemberRefExpr)
		return CXChildVisit_Recurse;
	n = cursor_name(c);
	t = clang_getCanonicalType(clang_getCursorType(c)).kind;
	if (!strcmp(n, ff->name) &&
	    (t == CXType_Pointer || t == CXType_Record ||
	     t == CXType_ConstantArray || t == CXType_IncompleteArray))
		ff->object = true;
	free(n);
	return ff->object ? CXChildVisit_Break : CXChildVisit_Recurse;
}

/*
 * Is NAME, in condition C, a variable or field that holds an object, not
 * a flag: list_empty(unpin_list) says nothing of how pages were taken.
 * A macro (TEE_SHM_USER_MAPPED) has no cursor and stays a flag.
 */
static bool names_object(CXCursor c, const char *name)
{
	struct flag_find ff = { .name = name };

	clang_visitChildren(c, flag_visitor, &ff);
	return ff.object;
}

/*
 * Does C name one of LIST in its tokens, or, with WORDS, a word of those
 * in a token that is not compared (a flag, not a count)?
 */
bool own_tokens_name(struct tu *tu, CXCursor c, const struct strvec *list,
		     const struct strvec *words)
{
	struct strvec toks = { 0 };
	bool yes = false;
	size_t i, j;

	cursor_tokens(tu, c, &toks);
	for (i = 0; i < toks.n && !yes; i++) {
		yes = strvec_contains(list, toks.v[i]);
		/* a flag, tested: not a count compared (npinned > 0) */
		if (i + 1 < toks.n && own_rel_op(toks.v[i + 1]))
			continue;
		if (i > 0 && own_rel_op(toks.v[i - 1]))
			continue;
		for (j = 0; !yes && words && j < words->n; j++)
			yes = strcasestr(toks.v[i], words->v[j]) != NULL;
		if (yes && words && !strvec_contains(list, toks.v[i]) &&
		    names_object(c, toks.v[i]))
			yes = false;
	}
	strvec_free(&toks);
	return yes;
}

struct other_release {
	const struct rules *r;
	enum page_family want;
	bool found;
};

static enum CXChildVisitResult find_release(CXCursor c, CXCursor parent,
					    CXClientData data)
{
	struct other_release *o = data;
	const struct own_api *api;
	char *n;

	(void)parent;
	if (clang_getCursorKind(c) == CXCursor_CallExpr) {
		n = cursor_name(c);
		api = own_api(o->r, n);
		if (api && api->family == o->want)
			o->found = true;
		free(n);
	}
	return o->found ? CXChildVisit_Break : CXChildVisit_Recurse;
}

/*
 * Is the release at the top of STACK (DEPTH cursors) chosen by how the pages were
 * obtained?  It is when a condition above it names a guard of the rules
 * (iov_iter_extract_will_pin(), BIO_PAGE_PINNED, a "pinned" flag), or
 * when the other branch releases with the other family.
 */
bool own_guarded(struct tu *tu, const CXCursor *stack, size_t depth,
		 const struct rules *r, enum page_family fam)
{
	size_t i;

	for (i = depth; i-- > 1; ) {
		CXCursor up = stack[i - 1], in = stack[i];
		enum CXCursorKind k = clang_getCursorKind(up);
		struct cursor_kids kd;
		struct other_release o = { r, 0, false };
		unsigned int j;

		if (k != CXCursor_IfStmt && k != CXCursor_ConditionalOperator &&
		    k != CXCursor_SwitchStmt && k != CXCursor_WhileStmt)
			continue;
		kd = cursor_kids(up);
		if (kd.n < 2 || clang_equalCursors(kd.c[0], in))
			continue;
		if (own_tokens_name(tu, kd.c[0], &r->own.guards,
				&r->own.guard_words))
			return true;
		o.want = fam == FAM_PUT ? FAM_UNPIN : FAM_PUT;
		for (j = 1; j < kd.n && j < ARRAY_SIZE(kd.c); j++)
			if (!clang_equalCursors(kd.c[j], in))
				clang_visitChildren(kd.c[j], find_release, &o);
		if (o.found)
			return true;
	}
	return false;
}

/*
 * Is the call at the top of the stack made only for user-backed
 * iterators: under case ITER_UBUF or ITER_IOVEC, or in the branch of a
 * test of user_backed_iter()?
 */
bool own_user_guarded(struct tu *tu, const CXCursor *stack, size_t depth,
		      const struct own_rules *o)
{
	size_t i;

	for (i = depth; i-- > 1; ) {
		CXCursor up = stack[i - 1], in = stack[i];
		enum CXCursorKind k = clang_getCursorKind(up);
		struct cursor_kids kd = cursor_kids(up);

		if (k == CXCursor_CaseStmt && kd.n == 2 &&
		    own_tokens_name(tu, kd.c[0], &o->user_types, NULL))
			return true;
		if (k == CXCursor_IfStmt && kd.n >= 2 &&
		    clang_equalCursors(kd.c[1], in) &&
		    own_tokens_name(tu, kd.c[0], &o->user_guards, NULL))
			return true;
	}
	return false;
}

/* Is S a return or a goto, or a block that ends in one? */
static bool leaves(CXCursor s)
{
	enum CXCursorKind k = clang_getCursorKind(s);

	if (k == CXCursor_CompoundStmt)
		return leaves(cursor_last_kid(s));
	return k == CXCursor_ReturnStmt || k == CXCursor_GotoStmt;
}

/* Does condition C test that a user guard fails: !user_backed_iter(i)? */
static bool not_user(struct tu *tu, CXCursor c, const struct own_rules *o)
{
	struct strvec t = { 0 };
	bool yes = false;
	size_t i;

	cursor_tokens(tu, c, &t);
	for (i = 1; i < t.n && !yes; i++)
		yes = !strcmp(t.v[i - 1], "!") &&
		      strvec_contains(&o->user_guards, t.v[i]);
	strvec_free(&t);
	return yes;
}

struct user_exit {
	struct tu *tu;
	const struct own_rules *o;
	unsigned int line;
};

static enum CXChildVisitResult exit_visitor(CXCursor c, CXCursor parent,
					    CXClientData data)
{
	struct user_exit *ue = data;
	struct cursor_kids kd;

	(void)parent;
	if (clang_getCursorKind(c) != CXCursor_IfStmt)
		return CXChildVisit_Continue;
	kd = cursor_kids(c);
	if (kd.n < 2 || !leaves(kd.c[1]) || !not_user(ue->tu, kd.c[0], ue->o))
		return CXChildVisit_Continue;
	clang_getSpellingLocation(clang_getCursorLocation(c), NULL, &ue->line,
				  NULL, NULL);
	return CXChildVisit_Break;
}

/*
 * The line of the first statement of function FN's body that leaves
 * the function unless its iterator is user-backed (if
 * (!user_backed_iter(iter)) return -EINVAL;), or 0: what follows it runs
 * for user-backed iterators only.
 */
unsigned int own_user_exit(struct tu *tu, CXCursor fn,
			   const struct own_rules *o)
{
	CXCursor body = cursor_last_kid(fn);
	struct user_exit ue = { tu, o, 0 };

	if (clang_getCursorKind(body) == CXCursor_CompoundStmt)
		clang_visitChildren(body, exit_visitor, &ue);
	return ue.line;
}
