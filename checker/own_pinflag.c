// SPDX-License-Identifier: GPL-2.0
/*
 * Pinned flags: what the code itself records of how pages were taken,
 * for own_facts.c.  A bool (or one-bit) field or variable named for
 * pinning (dio->is_pinned, sgl->need_unpin: rules/ownership.json
 * pinned_flag_words), a flag test naming a pinned test (bio_flagged(bio,
 * BIO_PAGE_PINNED): pinned_tests, referenced_tests), and
 * iov_iter_extract_will_pin() say, where they hold or fail, whether the
 * pages are pinned: own_pinned_branch() reads that for a release, and
 * own_pinned_set() finds a flag set to true without asking.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "gupcheck.h"
#include "own.h"

/* Is NAME, split at its underscores, one of WORDS as a word (any case)? */
static bool has_word(const char *name, const struct strvec *words)
{
	const char *p = name;
	size_t i;

	while (*p) {
		size_t n = strcspn(p, "_");

		for (i = 0; i < words->n; i++)
			if (strlen(words->v[i]) == n &&
			    !strncasecmp(p, words->v[i], n))
				return true;
		p += n;
		p += *p == '_';
	}
	return false;
}

/*
 * Is C a bool (or one-bit) variable or field named as a pinned flag?
 * *KEY gets a field's "struct T.f" (NULL for a variable).
 */
static bool flag_ref(CXCursor c, const struct own_rules *o, char **key)
{
	CXCursor d = clang_getCursorReferenced(c);
	enum CXTypeKind t = clang_getCanonicalType(clang_getCursorType(c)).kind;
	char *n = cursor_name(c);
	bool one_bit = clang_Cursor_isBitField(d) &&
		       clang_getFieldDeclBitWidth(d) == 1;
	bool yes = (t == CXType_Bool || one_bit) &&
		   has_word(n, &o->pinned_flag_words);

	if (yes && key && !*key &&
	    clang_getCursorKind(d) == CXCursor_FieldDecl) {
		CXString s = clang_getTypeSpelling(clang_getCursorType(
				clang_getCursorSemanticParent(d)));

		*key = xasprintf("%s.%s", clang_getCString(s), n);
		clang_disposeString(s);
	}
	free(n);
	return yes;
}

/*
 * What the tokens of C name: +1 a pinned test, -1 a referenced one.
 * *KEY gets a flag's name (BIO_PAGE_PINNED), not a function's.
 */
static int named_test(struct tu *tu, CXCursor c, const struct own_rules *o,
		      char **key)
{
	struct strvec toks = { 0 };
	int pol = 0;
	size_t i;

	cursor_tokens(tu, c, &toks);
	for (i = 0; i < toks.n && !pol; i++) {
		if (strvec_contains(&o->pinned_tests, toks.v[i]))
			pol = 1;
		else if (strvec_contains(&o->referenced_tests, toks.v[i]))
			pol = -1;
		if (pol && key && !*key &&
		    (i + 1 == toks.n || strcmp(toks.v[i + 1], "(")))
			*key = xstrdup(toks.v[i]);
	}
	strvec_free(&toks);
	return pol;
}

/* The operator of binary C: the token after its left operand's. */
static char *binary_op(struct tu *tu, CXCursor c, CXCursor lhs)
{
	struct strvec all = { 0 }, left = { 0 };
	char *op = NULL;

	cursor_tokens(tu, c, &all);
	cursor_tokens(tu, lhs, &left);
	if (left.n < all.n)
		op = xstrdup(all.v[left.n]);
	strvec_free(&all);
	strvec_free(&left);
	return op;
}

/*
 * What a named test of kind KIND (+1 pinned, -1 referenced) having the
 * value YES says: a pinned test both ways (BIO_PAGE_PINNED clear: not
 * pinned), a referenced one only where it holds (BIO_PAGE_REFFED clear
 * says nothing: the pages may hold neither).
 */
static int test_says(int kind, bool yes)
{
	if (kind > 0)
		return yes ? 1 : -1;
	return kind < 0 && yes ? -1 : 0;
}

/*
 * What condition C having the value YES says of the pages: +1 they are
 * pinned, -1 they are not, 0 nothing.  A test of a pinned flag or of
 * iov_iter_extract_will_pin() says it; !, && and || carry it.  *KEY
 * gets the flag that says it, when it is a field or a named flag.
 */
static int cond_says(struct tu *tu, CXCursor c, bool yes,
		     const struct own_rules *o, char **key)
{
	struct cursor_kids kd;
	enum CXCursorKind k;
	char *op, *n;
	int a, b;

	c = expr_strip(c);
	k = clang_getCursorKind(c);
	kd = cursor_kids(c);
	if (k == CXCursor_DeclRefExpr || k == CXCursor_MemberRefExpr) {
		if (!flag_ref(c, o, key))
			return 0;
		return yes ? 1 : -1;
	}
	if (k == CXCursor_CallExpr) {
		n = cursor_name(c);
		/* unlikely(x), likely(x) */
		if (!strcmp(n, "__builtin_expect") && kd.n == 3) {
			free(n);
			return cond_says(tu, kd.c[1], yes, o, key);
		}
		free(n);
		return test_says(named_test(tu, c, o, key), yes);
	}
	if (k == CXCursor_UnaryOperator && kd.n == 1) {
		struct strvec t = { 0 };

		cursor_tokens(tu, c, &t);
		a = t.n && !strcmp(t.v[0], "!") ?
		    cond_says(tu, kd.c[0], !yes, o, key) : 0;
		strvec_free(&t);
		return a;
	}
	if (k != CXCursor_BinaryOperator || kd.n != 2)
		return 0;
	op = binary_op(tu, c, kd.c[0]);
	a = b = 0;
	if (op && !strcmp(op, "&"))
		a = test_says(named_test(tu, c, o, key), yes);
	else if (op && ((!strcmp(op, "&&") && yes) ||
			(!strcmp(op, "||") && !yes))) {
		a = cond_says(tu, kd.c[0], yes, o, key);
		b = cond_says(tu, kd.c[1], yes, o, key);
		a = a && b && a != b ? 0 : a ? a : b;
	}
	free(op);
	return a;
}

/*
 * Is the release at the top of STACK (DEPTH cursors) in a branch that the
 * code's own record of how the pages were taken decides: +1 where they
 * are pinned, -1 where they are not, 0 elsewhere.  *TEST gets the
 * condition that says it, *KEY its flag (or NULL; the caller frees it).
 */
int own_pinned_branch(struct tu *tu, const CXCursor *stack, size_t depth,
		      const struct own_rules *o, CXCursor *test, char **key)
{
	size_t i;

	*key = NULL;
	for (i = depth; i-- > 1; ) {
		CXCursor up = stack[i - 1], in = stack[i];
		enum CXCursorKind k = clang_getCursorKind(up);
		struct cursor_kids kd;
		int pol;

		if (k != CXCursor_IfStmt && k != CXCursor_ConditionalOperator)
			continue;
		kd = cursor_kids(up);
		if (kd.n < 2 || clang_equalCursors(kd.c[0], in))
			continue;
		pol = cond_says(tu, kd.c[0], clang_equalCursors(kd.c[1], in),
				o, key);
		if (pol) {
			*test = kd.c[0];
			return pol;
		}
		free(*key);
		*key = NULL;
	}
	return 0;
}

/* Is E, as written, a constant that is true: true, 1? */
static bool const_true(struct tu *tu, CXCursor e)
{
	struct strvec t = { 0 };
	bool yes;

	cursor_tokens(tu, e, &t);
	yes = t.n == 1 && (!strcmp(t.v[0], "true") ||
			   (isdigit((unsigned char)t.v[0][0]) &&
			    strtoull(t.v[0], NULL, 0) != 0));
	strvec_free(&t);
	return yes;
}

/*
 * Does statement C, at the top of STACK, set a pinned flag to true
 * without asking how the pages were taken: FIELD = true for a pinned
 * flag field, or a flag setter (bio_set_flag()) of a pinned test's flag,
 * not under a test of a user guard or of a pinned test?  Returns the
 * flag's key ("struct T.f", BIO_PAGE_PINNED), or NULL.
 */
char *own_pinned_set(struct tu *tu, CXCursor c, const CXCursor *stack,
		     size_t depth, const struct own_rules *o)
{
	enum CXCursorKind k = clang_getCursorKind(c);
	struct cursor_kids kd = cursor_kids(c);
	CXCursor test;
	char *key = NULL, *n, *other = NULL;

	if (k == CXCursor_BinaryOperator && kd.n == 2 &&
	    clang_getCursorKind(expr_strip(kd.c[0])) ==
		CXCursor_MemberRefExpr && const_true(tu, kd.c[1])) {
		n = binary_op(tu, c, kd.c[0]);
		if (n && !strcmp(n, "="))
			flag_ref(expr_strip(kd.c[0]), o, &key);
		free(n);
	}
	if (k == CXCursor_CallExpr) {
		n = cursor_name(c);
		if (strvec_contains(&o->flag_setters, n) &&
		    named_test(tu, c, o, &key) <= 0) {
			free(key);
			key = NULL;
		}
		free(n);
	}
	if (!key)
		return NULL;
	if (own_user_guarded(tu, stack, depth, o) ||
	    own_pinned_branch(tu, stack, depth, o, &test, &other)) {
		free(other);
		free(key);
		return NULL;
	}
	return key;
}
