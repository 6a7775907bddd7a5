// SPDX-License-Identifier: GPL-2.0
/*
 * Guards: conditions that say how pages were taken (rules/ownership.json
 * guards and guard_words), read from a condition's tokens for own_facts.c.
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
