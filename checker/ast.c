// SPDX-License-Identifier: GPL-2.0
/*
 * Questions about the AST that checks ask: parameter positions, null
 * constants, code text, designated initializers, what a function calls.
 * Answering them here keeps every check answering them the same way.
 */
#include <stdlib.h>
#include <string.h>

#include "gupcheck.h"
#include "tu.h"

char *cursor_name(CXCursor c)
{
	CXString s = clang_getCursorSpelling(c);
	char *n = xstrdup(clang_getCString(s));

	clang_disposeString(s);
	return n;
}

static char *type_text(CXCursor c)
{
	CXString s = clang_getTypeSpelling(clang_getCursorType(c));
	char *t = xstrdup(clang_getCString(s));

	clang_disposeString(s);
	return t;
}

/* Compare type spellings, ignoring white space. */
static bool same_type(const char *a, const char *b)
{
	for (;;) {
		while (*a == ' ')
			a++;
		while (*b == ' ')
			b++;
		if (*a != *b)
			return false;
		if (!*a)
			return true;
		a++;
		b++;
	}
}

/*
 * The index of FN's parameter called NAME with type TYPE, from the
 * declaration the call resolved to, or -1 when it has none.
 */
int decl_param_index(CXCursor fn, const char *name, const char *type)
{
	int i, n = clang_Cursor_getNumArguments(fn);

	for (i = 0; i < n; i++) {
		CXCursor p = clang_Cursor_getArgument(fn, i);
		CXString s = clang_getCursorSpelling(p);
		char *t = type_text(p);
		bool named = strcmp(clang_getCString(s), name) == 0;
		bool typed = !type || same_type(t, type);

		clang_disposeString(s);
		free(t);
		if (named && typed)
			return i;
	}
	return -1;
}

static enum CXChildVisitResult last_child(CXCursor c, CXCursor parent,
					  CXClientData data)
{
	(void)parent;
	*(CXCursor *)data = c;
	return CXChildVisit_Continue;
}

/* The last child of C, of all of them (cursor_kids() keeps four). */
CXCursor cursor_last_kid(CXCursor c)
{
	CXCursor last = clang_getNullCursor();

	clang_visitChildren(c, last_child, &last);
	return last;
}

struct chosen {
	CXType type;		/* the selection's own type */
	unsigned int n;		/* children seen: the first is the control */
	CXCursor c;
};

static enum CXChildVisitResult chosen_child(CXCursor c, CXCursor parent,
					    CXClientData data)
{
	struct chosen *ch = data;

	(void)parent;
	if (!clang_isExpression(clang_getCursorKind(c)))
		return CXChildVisit_Continue;
	if (ch->n++ && clang_equalTypes(clang_getCursorType(c), ch->type)) {
		ch->c = c;
		return CXChildVisit_Break;
	}
	return CXChildVisit_Continue;
}

/*
 * The association a _Generic selection chooses: libclang does not say,
 * but its expression is the one of the selection's type (6.12's
 * page_folio() is a _Generic of a const and a plain cast).
 */
CXCursor generic_chosen(CXCursor sel)
{
	struct chosen ch = { clang_getCursorType(sel), 0,
			     clang_getNullCursor() };

	clang_visitChildren(sel, chosen_child, &ch);
	return ch.c;
}

/*
 * EXPR without the implicit conversions, parentheses and casts around
 * it, and a _Generic selection seen as the expression it chooses.
 */
CXCursor expr_strip(CXCursor expr)
{
	for (;;) {
		enum CXCursorKind k = clang_getCursorKind(expr);
		CXCursor child;

		if (k == CXCursor_GenericSelectionExpr) {
			child = generic_chosen(expr);
			if (clang_Cursor_isNull(child))
				return expr;
			expr = child;
			continue;
		}
		if (k != CXCursor_UnexposedExpr && k != CXCursor_ParenExpr &&
		    k != CXCursor_CStyleCastExpr)
			return expr;
		child = cursor_last_kid(expr);
		if (clang_Cursor_isNull(child))
			return expr;
		expr = child;
	}
}

/*
 * Is C, a binary operator, an assignment?  libclang 14 does not tell
 * operators apart, but the cursor's location is its operator: where that
 * is written in the main file its text says.  Inside a macro's body
 * (for_each_sg() assigns its cursor), two pointer operands mean "=" (or
 * a comma of two pointers, which no statement needs).
 */
bool expr_assigns(const struct tu *tu, CXCursor c)
{
	CXSourceLocation loc = clang_getCursorLocation(c);
	struct cursor_kids k = cursor_kids(c);
	unsigned int off;
	const char *buf;
	size_t size;
	CXFile f;

	if (k.n != 2)
		return false;
	clang_getSpellingLocation(loc, &f, NULL, NULL, &off);
	buf = f ? clang_getFileContents(tu->tu, f, &size) : NULL;
	if (buf && off + 1 < size && !clang_Location_isFromMainFile(loc))
		buf = NULL;
	if (buf && off + 1 < size && buf[off] == '=')
		return buf[off + 1] != '=';
	if (buf && off < size && strchr("+-,<>!&|", buf[off]))
		return false;
	return clang_getCanonicalType(clang_getCursorType(k.c[0])).kind ==
	       CXType_Pointer &&
	       clang_getCanonicalType(clang_getCursorType(k.c[1])).kind ==
	       CXType_Pointer;
}

bool expr_is_assignment(const struct tu *tu, CXCursor c, CXCursor lhs)
{
	struct strvec all = { 0 }, left = { 0 };
	bool yes, prefix;
	size_t i;

	cursor_tokens(tu, c, &all);
	cursor_tokens(tu, lhs, &left);
	yes = left.n < all.n && !strcmp(all.v[left.n], "=");
	prefix = left.n && left.n <= all.n;
	for (i = 0; prefix && i < left.n; i++)
		prefix = !strcmp(all.v[i], left.v[i]);
	strvec_free(&all);
	strvec_free(&left);
	/* written by a macro: the tokens are the macro's invocation */
	if (!prefix)
		yes = expr_assigns(tu, c);
	return yes;
}

/* Is E's type an integer (bool, char, enum's int, long...)? */
bool expr_is_integer(CXCursor e)
{
	enum CXTypeKind k =
		clang_getCanonicalType(clang_getCursorType(e)).kind;

	return k >= CXType_Bool && k <= CXType_Int128;
}

/*
 * Is E a pointer into an array past where it starts: &a[k] or a + k,
 * with k not the constant 0 (a release of &pages[1] releases a part of
 * what pages holds)?
 */
bool expr_offset_into(CXCursor e)
{
	struct cursor_kids kd;
	int i;

	e = expr_strip(e);
	/* a transparent union argument: release_pages(release_pages_arg) */
	while (clang_getCursorKind(e) == CXCursor_CompoundLiteralExpr ||
	       clang_getCursorKind(e) == CXCursor_InitListExpr) {
		CXCursor kid = cursor_last_kid(e);

		if (clang_Cursor_isNull(kid))
			return false;
		e = expr_strip(kid);
	}
	kd = cursor_kids(e);
	switch (clang_getCursorKind(e)) {
	case CXCursor_UnaryOperator:
		if (kd.n != 1)
			return false;
		e = expr_strip(kd.c[0]);
		kd = cursor_kids(e);
		return clang_getCursorKind(e) == CXCursor_ArraySubscriptExpr &&
		       kd.n == 2 && !expr_is_null(kd.c[1]);
	case CXCursor_BinaryOperator:
		if (kd.n != 2 || clang_getCanonicalType(
				clang_getCursorType(e)).kind != CXType_Pointer)
			return false;
		for (i = 0; i < 2; i++)
			if (expr_is_integer(kd.c[i]))
				return !expr_is_null(kd.c[i]);
		return false;
	default:
		return false;
	}
}

/*
 * Where the value of an expression goes, from its ancestors UP[0..N),
 * nearest last: the variable a declaration initializes, or the left
 * operand (stripped) of the binary operator it is the value of; a null
 * cursor otherwise.
 */
CXCursor stored_into(const CXCursor *up, size_t n)
{
	while (n-- > 0) {
		enum CXCursorKind k = clang_getCursorKind(up[n]);
		struct cursor_kids kd;

		if (k == CXCursor_UnexposedExpr || k == CXCursor_ParenExpr ||
		    k == CXCursor_CStyleCastExpr ||
		    k == CXCursor_GenericSelectionExpr)
			continue;
		if (k == CXCursor_VarDecl)
			return up[n];
		if (k != CXCursor_BinaryOperator)
			break;
		kd = cursor_kids(up[n]);
		if (kd.n == 2)
			return expr_strip(kd.c[0]);
		break;
	}
	return clang_getNullCursor();
}

/* Is EXPR a null pointer constant: 0, NULL, (void *)0, in parentheses? */
bool expr_is_null(CXCursor expr)
{
	CXEvalResult ev;
	bool zero;

	expr = expr_strip(expr);
	if (clang_getCursorKind(expr) != CXCursor_IntegerLiteral)
		return false;
	ev = clang_Cursor_Evaluate(expr);
	zero = ev && clang_EvalResult_getKind(ev) == CXEval_Int &&
	       clang_EvalResult_getAsLongLong(ev) == 0;
	if (ev)
		clang_EvalResult_dispose(ev);
	return zero;
}


/*
 * The tokens of C as written in the file: a range made of expansion
 * locations, so that code from a macro gives the macro's invocation and
 * not its definition's tokens.
 */
/*
 * Is the range from offset SO to SEO of file SF written in a macro
 * argument of the invocation at BO to EO of file BF?  An expression
 * written in an argument (for_each_sg(umem->table.sgl, ...)) has the
 * invocation's start as its expansion, both ends; its spelling is where
 * its tokens are, after that start in the same file.
 */
static bool in_argument(CXFile sf, unsigned int so, unsigned int seo,
			CXFile bf, unsigned int bo, unsigned int eo)
{
	return sf && clang_File_isEqual(sf, bf) && bo == eo && bo < so &&
	       so <= seo;
}

/*
 * The range of C's tokens: its extent in the file it is expanded in, or,
 * with ARGS, for an expression written in a macro's argument, where it is
 * spelled.  Without ARGS such an expression is the macro's whole
 * invocation: the code a finding shows, and its fingerprint, are that.
 */
static bool token_range(const struct tu *tu, CXCursor c, bool args,
			CXSourceRange *out)
{
	CXSourceRange r = clang_getCursorExtent(c);
	unsigned int bo, eo, so, seo;
	CXFile bf, ef, sf, sef;

	clang_getExpansionLocation(clang_getRangeStart(r), &bf, NULL, NULL,
				   &bo);
	clang_getExpansionLocation(clang_getRangeEnd(r), &ef, NULL, NULL,
				   &eo);
	if (!bf || !clang_File_isEqual(bf, ef) || eo < bo)
		return false;
	if (args) {
		clang_getSpellingLocation(clang_getRangeStart(r), &sf, NULL,
					  NULL, &so);
		clang_getSpellingLocation(clang_getRangeEnd(r), &sef, NULL,
					  NULL, &seo);
		if (sef && clang_File_isEqual(sf, sef) &&
		    in_argument(sf, so, seo, bf, bo, eo)) {
			bo = so;
			eo = seo;
		}
	}
	*out = clang_getRange(clang_getLocationForOffset(tu->tu, bf, bo),
			      clang_getLocationForOffset(tu->tu, ef, eo));
	return true;
}

void cursor_tokens(const struct tu *tu, CXCursor c, struct strvec *out)
{
	CXSourceRange r;
	unsigned int n = 0, i;
	CXToken *toks = NULL;

	if (!token_range(tu, c, true, &r))
		return;
	clang_tokenize(tu->tu, r, &toks, &n);
	for (i = 0; i < n; i++) {
		CXString s = clang_getTokenSpelling(tu->tu, toks[i]);

		strvec_push(out, clang_getCString(s));
		clang_disposeString(s);
	}
	if (toks)
		clang_disposeTokens(tu->tu, toks, n);
}

/* The tokens of C joined by single spaces: a layout-free code text. */
char *cursor_text(const struct tu *tu, CXCursor c)
{
	CXSourceRange r;
	struct strbuf sb = { 0 };
	CXToken *toks = NULL;
	unsigned int n = 0, i;
	bool prev_punct = false, prev_comma = false;

	if (!token_range(tu, c, false, &r))
		return xstrdup("");
	clang_tokenize(tu->tu, r, &toks, &n);
	for (i = 0; i < n && i < 512; i++) {
		CXString s = clang_getTokenSpelling(tu->tu, toks[i]);
		const char *t = clang_getCString(s);
		bool punct = clang_getTokenKind(toks[i]) ==
			     CXToken_Punctuation;

		/* "a, b", "f(x)", "&vma": spaced only where C needs it */
		if (i && ((!punct && !prev_punct) || prev_comma))
			sb_adds(&sb, " ");
		sb_adds(&sb, t);
		prev_comma = strcmp(t, ",") == 0;
		prev_punct = punct;
		clang_disposeString(s);
	}
	if (toks)
		clang_disposeTokens(tu->tu, toks, n);
	return sb_detach(&sb);
}

/* Is FIELD a member, directly or through anonymous unions, of RECORD? */
bool field_of_struct(CXCursor field, const char *record)
{
	CXCursor p = clang_getCursorSemanticParent(field);

	while (!clang_Cursor_isNull(p) &&
	       (clang_getCursorKind(p) == CXCursor_StructDecl ||
		clang_getCursorKind(p) == CXCursor_UnionDecl)) {
		char *n = cursor_name(p);
		bool hit = strcmp(n, record) == 0;

		free(n);
		if (hit)
			return true;
		if (!clang_Cursor_isAnonymous(p))
			return false;
		p = clang_getCursorSemanticParent(p);
	}
	return false;
}

struct member_search {
	const char *field;
	bool found;
	CXCursor value;
};

static enum CXChildVisitResult first_ref(CXCursor c, CXCursor parent,
					 CXClientData data)
{
	CXCursor *out = data;

	(void)parent;
	if (clang_getCursorKind(c) == CXCursor_DeclRefExpr) {
		*out = c;
		return CXChildVisit_Break;
	}
	return CXChildVisit_Recurse;
}

/* In a designated initializer ".FIELD = value", the MemberRef comes first. */
static enum CXChildVisitResult designator(CXCursor c, CXCursor parent,
					  CXClientData data)
{
	struct member_search *ms = data;
	char *n;

	(void)parent;
	if (clang_getCursorKind(c) != CXCursor_MemberRef)
		return CXChildVisit_Break;
	n = cursor_name(c);
	ms->found = strcmp(n, ms->field) == 0;
	free(n);
	return CXChildVisit_Break;
}

static bool designates(CXCursor init, const char *field)
{
	struct member_search ms = { field, false, clang_getNullCursor() };

	clang_visitChildren(init, designator, &ms);
	return ms.found;
}

/*
 * Is the cursor being visited the value of ".FIELD = ..." in an
 * initializer list?  *INIT_LIST is that list.
 */
bool tu_designated_init(const struct tu *tu, const char *field,
			CXCursor *init_list)
{
	size_t i;

	for (i = tu->depth; i-- > 1; ) {
		if (clang_getCursorKind(tu->stack[i - 1]) !=
		    CXCursor_InitListExpr)
			continue;
		if (!designates(tu->stack[i], field))
			return false;
		*init_list = tu->stack[i - 1];
		return true;
	}
	return false;
}

static enum CXChildVisitResult member_value(CXCursor c, CXCursor parent,
					    CXClientData data)
{
	struct member_search *ms = data;

	(void)parent;
	if (designates(c, ms->field)) {
		clang_visitChildren(c, first_ref, &ms->value);
		ms->found = true;
		return CXChildVisit_Break;
	}
	return CXChildVisit_Continue;
}

/* The DeclRefExpr that ".FIELD = ..." of INIT_LIST sets, or null. */
CXCursor init_list_value(CXCursor init_list, const char *field)
{
	struct member_search ms = { field, false, clang_getNullCursor() };

	clang_visitChildren(init_list, member_value, &ms);
	return ms.value;
}

struct reach {
	const struct strvec *names;
	int depth;
	char *via;
	bool found;
};

static bool reaches(CXCursor fn, struct reach *r);

static enum CXChildVisitResult reach_visitor(CXCursor c, CXCursor parent,
					     CXClientData data)
{
	struct reach *r = data;
	CXCursor callee;
	char *n;

	(void)parent;
	if (clang_getCursorKind(c) != CXCursor_CallExpr)
		return CXChildVisit_Recurse;
	callee = clang_getCursorReferenced(c);
	if (clang_getCursorKind(callee) != CXCursor_FunctionDecl)
		return CXChildVisit_Recurse;
	n = cursor_name(callee);
	if (strvec_contains(r->names, n)) {
		r->via = n;
		r->found = true;
		return CXChildVisit_Break;
	}
	free(n);
	if (r->depth > 0 && reaches(callee, r))
		return CXChildVisit_Break;
	return CXChildVisit_Recurse;
}

static bool reaches(CXCursor fn, struct reach *r)
{
	CXCursor def = clang_getCursorDefinition(fn);

	if (clang_Cursor_isNull(def))
		return false;
	r->depth--;
	clang_visitChildren(def, reach_visitor, r);
	r->depth++;
	return r->found;
}

/*
 * Does FN, or a function it calls that is defined in this unit, up to
 * DEPTH calls deep, call one of NAMES?  *VIA is the name it reached.
 */
bool function_reaches(CXCursor fn, const struct strvec *names, int depth,
		      char **via)
{
	struct reach r = { names, depth, NULL, false };
	char *n = cursor_name(fn);

	*via = NULL;
	if (strvec_contains(names, n)) {
		*via = n;
		return true;
	}
	free(n);
	if (!reaches(fn, &r))
		return false;
	*via = r.via;
	return true;
}

struct init_search {
	const char *field;
	const char *value;
	CXCursor list;
};

static enum CXChildVisitResult find_list(CXCursor c, CXCursor parent,
					 CXClientData data)
{
	struct init_search *is = data;
	CXCursor v;
	char *n;

	(void)parent;
	if (clang_getCursorKind(c) != CXCursor_InitListExpr)
		return CXChildVisit_Recurse;
	v = init_list_value(c, is->field);
	if (!clang_Cursor_isNull(v)) {
		n = cursor_name(v);
		if (strcmp(n, is->value) == 0) {
			is->list = c;
			free(n);
			return CXChildVisit_Break;
		}
		free(n);
	}
	return CXChildVisit_Recurse;
}

static enum CXChildVisitResult find_in_vars(CXCursor c, CXCursor parent,
					    CXClientData data)
{
	struct init_search *is = data;

	(void)parent;
	if (clang_getCursorKind(c) == CXCursor_VarDecl)
		clang_visitChildren(c, find_list, is);
	return clang_Cursor_isNull(is->list) ? CXChildVisit_Continue :
					       CXChildVisit_Break;
}

/*
 * An initializer list of a variable of this unit that sets ".FIELD =
 * VALUE", or null: the file_operations a splice_read function serves.
 */
CXCursor tu_find_init_list(const struct tu *tu, const char *field,
			   const char *value)
{
	struct init_search is = { field, value, clang_getNullCursor() };

	clang_visitChildren(clang_getTranslationUnitCursor(tu->tu),
			    find_in_vars, &is);
	return is.list;
}

/* The text of C as written in the file, or NULL inside a macro. */
char *extent_text(const struct tu *tu, CXCursor c)
{
	CXSourceRange r = clang_getCursorExtent(c);
	unsigned int bo, eo, so, seo;
	CXFile bf, ef;
	const char *buf;
	size_t size;

	clang_getExpansionLocation(clang_getRangeStart(r), &bf, NULL, NULL,
				   &bo);
	clang_getExpansionLocation(clang_getRangeEnd(r), &ef, NULL, NULL,
				   &eo);
	clang_getSpellingLocation(clang_getRangeStart(r), NULL, NULL, NULL,
				  &so);
	clang_getSpellingLocation(clang_getRangeEnd(r), NULL, NULL, NULL,
				  &seo);
	if (!bf || !ef || !clang_File_isEqual(bf, ef) || so != bo ||
	    seo != eo || eo <= bo)
		return NULL;
	buf = clang_getFileContents(tu->tu, bf, &size);
	if (!buf || eo > size)
		return NULL;
	return xstrndup(buf + bo, eo - bo);
}

static enum CXChildVisitResult kid_visitor(CXCursor c, CXCursor parent,
					   CXClientData data)
{
	struct cursor_kids *k = data;

	(void)parent;
	if (k->n < ARRAY_SIZE(k->c))
		k->c[k->n] = c;
	k->n++;
	return CXChildVisit_Continue;
}

/* The first children of C (an operator's operands, an if's parts). */
struct cursor_kids cursor_kids(CXCursor c)
{
	struct cursor_kids k = { .n = 0 };

	clang_visitChildren(c, kid_visitor, &k);
	return k;
}
