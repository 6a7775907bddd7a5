// SPDX-License-Identifier: GPL-2.0
/*
 * Small questions the ownership files ask about cursors and types: is it
 * a page, an array of pages, a local variable; where does it start; what
 * is a function called by its callers; which loops does a function have;
 * and where a function's facts go (own_add_facts()).  They call nothing
 * of the ownership engine.
 */
#include <stdlib.h>
#include <string.h>

#include "gupcheck.h"
#include "own.h"

/* The struct a type points to through pointers and arrays, or "". */
char *own_record_of(CXType t)
{
	CXString s;
	char *name;

	t = clang_getCanonicalType(t);
	for (;;) {
		if (t.kind == CXType_Pointer)
			t = clang_getPointeeType(t);
		else if (t.kind == CXType_ConstantArray ||
			 t.kind == CXType_IncompleteArray ||
			 t.kind == CXType_VariableArray)
			t = clang_getArrayElementType(t);
		else
			break;
		t = clang_getCanonicalType(t);
	}
	if (t.kind != CXType_Record)
		return xstrdup("");
	s = clang_getTypeSpelling(t);
	name = xstrdup(clang_getCString(s));
	clang_disposeString(s);
	/* qualifiers come first in the spelling: "const volatile struct x" */
	while (str_starts(name, "const ") || str_starts(name, "volatile ")) {
		char *n = xstrdup(strchr(name, ' ') + 1);

		free(name);
		name = n;
	}
	return name;
}

static bool page_struct(CXType pointee)
{
	char *rec;
	bool yes;

	if (clang_getCanonicalType(pointee).kind != CXType_Record)
		return false;
	rec = own_record_of(pointee);
	yes = !strcmp(rec, "struct page") || !strcmp(rec, "struct folio");
	free(rec);
	return yes;
}

/* Is T a pointer to one page or folio (an element of a page array)? */
bool own_one_page(CXType t)
{
	t = clang_getCanonicalType(t);
	return t.kind == CXType_Pointer && page_struct(clang_getPointeeType(t));
}

/* Is T an array of page or folio pointers, or a pointer to one? */
bool own_page_array(CXType t)
{
	CXType e;

	t = clang_getCanonicalType(t);
	if (t.kind == CXType_Pointer)
		e = clang_getCanonicalType(clang_getPointeeType(t));
	else if (t.kind == CXType_ConstantArray)
		e = clang_getCanonicalType(clang_getArrayElementType(t));
	else
		return false;
	return own_one_page(e);
}

bool own_pointer_ish(CXType t)
{
	t = clang_getCanonicalType(t);
	return t.kind == CXType_Pointer || t.kind == CXType_ConstantArray ||
	       t.kind == CXType_IncompleteArray ||
	       t.kind == CXType_VariableArray;
}

bool own_signed_int(CXType t)
{
	t = clang_getCanonicalType(t);
	return t.kind == CXType_Int || t.kind == CXType_Long ||
	       t.kind == CXType_LongLong || t.kind == CXType_Short;
}

unsigned int own_offset(CXCursor c)
{
	unsigned int off = 0;

	clang_getSpellingLocation(clang_getCursorLocation(c), NULL, NULL,
				  NULL, &off);
	return off;
}

/* Where the code of C starts and ends, as offsets in its file. */
unsigned int own_start(CXCursor c)
{
	unsigned int off = 0;

	clang_getSpellingLocation(clang_getRangeStart(clang_getCursorExtent(c)),
				  NULL, NULL, NULL, &off);
	return off;
}

unsigned int own_end(CXCursor c)
{
	unsigned int off = 0;

	clang_getSpellingLocation(clang_getRangeEnd(clang_getCursorExtent(c)),
				  NULL, NULL, NULL, &off);
	return off;
}

/* What calls name function DECL by: NAME, or FILE:NAME if it is static. */
char *own_fn_key(struct tu *tu, CXCursor decl, const char *name)
{
	if (clang_Cursor_getStorageClass(decl) == CX_SC_Static)
		return xasprintf("%s:%s", tu_decl_file(tu, decl), name);
	return xstrdup(name);
}

/* The variable E names, as itself: a null cursor otherwise. */
CXCursor own_named_var(CXCursor e)
{
	e = expr_strip(e);
	if (clang_getCursorKind(e) != CXCursor_DeclRefExpr)
		return clang_getNullCursor();
	e = clang_getCursorReferenced(e);
	return clang_getCursorKind(e) == CXCursor_VarDecl ? e :
	       clang_getNullCursor();
}

/* The search of own_may_release(): how deep, and how many calls more. */
struct may_release {
	int depth;
	int budget;
	bool may;
};

static bool may_release(CXCursor decl, struct may_release *m);

static enum CXChildVisitResult call_visitor(CXCursor c, CXCursor parent,
					    CXClientData data)
{
	struct may_release *m = data;
	CXCursor callee;

	(void)parent;
	if (clang_getCursorKind(c) != CXCursor_CallExpr)
		return CXChildVisit_Recurse;
	callee = clang_getCursorReferenced(c);
	if (clang_getCursorKind(callee) != CXCursor_FunctionDecl ||
	    may_release(callee, m)) {
		m->may = true;
		return CXChildVisit_Break;
	}
	return CXChildVisit_Continue;
}

static bool may_release(CXCursor decl, struct may_release *m)
{
	CXCursor def = clang_getCursorDefinition(decl);

	if (clang_Cursor_isNull(def) || m->depth == 0 || m->budget-- <= 0)
		return true;
	m->depth--;
	clang_visitChildren(def, call_visitor, m);
	m->depth++;
	return m->may;
}

/*
 * Can a call of DECL take or release pages?  Not when its body is in view
 * and calls nothing, or only functions in view that call nothing, a few
 * levels down (an accessor such as btrfs_super_magic(), which calls
 * get_unaligned_le64()); otherwise it may.
 */
bool own_may_release(CXCursor decl)
{
	struct may_release m = { .depth = 4, .budget = 64 };

	return may_release(decl, &m);
}

/* Is D a variable of function FN's own, on its stack? */
bool own_local_var(CXCursor d, CXCursor fn)
{
	return clang_getCursorKind(d) == CXCursor_VarDecl &&
	       clang_Cursor_getStorageClass(d) != CX_SC_Static &&
	       clang_Cursor_getStorageClass(d) != CX_SC_Extern &&
	       clang_equalCursors(clang_getCursorSemanticParent(d), fn);
}

struct find_ref {
	const struct strvec *names;	/* variables' names, or NULL */
	unsigned int off;		/* ... else a declaration's offset */
	CXCursor found;
};

static enum CXChildVisitResult ref_visitor(CXCursor c, CXCursor parent,
					   CXClientData data)
{
	struct find_ref *fr = data;
	CXCursor d;
	bool yes;
	char *n;

	(void)parent;
	if (clang_getCursorKind(c) != CXCursor_DeclRefExpr)
		return CXChildVisit_Recurse;
	d = clang_getCursorReferenced(c);
	if (clang_getCursorKind(d) != CXCursor_VarDecl)
		return CXChildVisit_Recurse;
	if (fr->names) {
		n = cursor_name(d);
		yes = strvec_contains(fr->names, n);
		free(n);
	} else {
		yes = own_offset(d) == fr->off;
	}
	if (yes) {
		fr->found = d;
		return CXChildVisit_Break;
	}
	return CXChildVisit_Recurse;
}

static CXCursor find_ref(CXCursor e, struct find_ref *fr)
{
	fr->found = clang_getNullCursor();
	if (clang_getCursorKind(e) == CXCursor_DeclRefExpr)
		ref_visitor(e, e, fr);
	else
		clang_visitChildren(e, ref_visitor, fr);
	return fr->found;
}

/* Does expression E name the variable declared at OFF? */
bool own_names_var(CXCursor e, unsigned int off)
{
	struct find_ref fr = { .off = off };

	return !clang_Cursor_isNull(find_ref(e, &fr));
}

/* The first variable E names of NAMES, or a null cursor. */
CXCursor own_names_which(CXCursor e, const struct strvec *names)
{
	struct find_ref fr = { .names = names };

	return find_ref(e, &fr);
}

/*
 * The index of the parameter PARAM (its ROLE in rules/) of the API
 * function NAME as the call's declaration DECL names it, or as
 * rules/ownership.json gives it where the declaration leaves it unnamed
 * (6.12's release_pages(release_pages_arg, int nr)); -1 if neither.
 */
int own_api_arg(const struct rules *r, CXCursor decl, const char *name,
		const char *param, const char *role)
{
	const cJSON *u = cJSON_GetObjectItem(cJSON_GetObjectItem(r->own.doc,
								 "unnamed"),
					     name);
	const cJSON *v = cJSON_GetObjectItem(u, role);
	int i = param ? decl_param_index(decl, param, NULL) : -1;

	if (i < 0 && cJSON_IsNumber(v))
		i = v->valueint;
	return i;
}

static bool path_into(struct tu *tu, CXCursor e, struct strbuf *sb);

/*
 * The text of E as a place the walk follows pages in, built from the
 * cursors, not the tokens, so that an argument a macro wrote reads the
 * same as one written out: pages, dma->pages, bv[].bv_page (subscripts
 * emptied).  Anything else is its tokens, subscripts emptied.
 */
char *own_place_text(struct tu *tu, CXCursor e)
{
	struct strbuf sb = { 0 };
	char *s;

	if (!path_into(tu, e, &sb)) {
		free(sb_detach(&sb));
		return own_tokens_place(tu, e);
	}
	s = sb_detach(&sb);
	return s ? s : xstrdup("");
}

static bool path_into(struct tu *tu, CXCursor e, struct strbuf *sb)
{
	struct cursor_kids kd;
	CXCursor d;
	char *n;
	bool arrow;

	e = expr_strip(e);
	kd = cursor_kids(e);
	switch (clang_getCursorKind(e)) {
	case CXCursor_DeclRefExpr:
		d = clang_getCursorReferenced(e);
		if (clang_getCursorKind(d) != CXCursor_VarDecl &&
		    clang_getCursorKind(d) != CXCursor_ParmDecl)
			return false;
		n = cursor_name(e);
		sb_adds(sb, n);
		free(n);
		return true;
	case CXCursor_MemberRefExpr:
		if (kd.n != 1)
			return false;
		arrow = clang_getCanonicalType(clang_getCursorType(
				kd.c[0])).kind == CXType_Pointer;
		if (!path_into(tu, kd.c[0], sb))
			return false;
		n = cursor_name(e);
		sb_adds(sb, arrow ? "->" : ".");
		sb_adds(sb, n);
		free(n);
		return true;
	case CXCursor_ArraySubscriptExpr:
		if (kd.n != 2 || !path_into(tu, kd.c[0], sb))
			return false;
		sb_adds(sb, "[]");
		return true;
	default:
		return false;
	}
}

/* The tokens of E joined, the contents of its subscripts left out. */
char *own_tokens_place(struct tu *tu, CXCursor e)
{
	struct strvec t = { 0 };
	size_t i, j = 0;
	int depth = 0;
	char *s;

	cursor_tokens(tu, e, &t);
	for (i = 0; i < t.n; i++) {
		if (!strcmp(t.v[i], "]") && depth && --depth == 0) {
			t.v[j++] = t.v[i];
			continue;
		}
		if (depth) {
			if (!strcmp(t.v[i], "["))
				depth++;
			free(t.v[i]);
			continue;
		}
		if (!strcmp(t.v[i], "["))
			depth++;
		t.v[j++] = t.v[i];
	}
	t.n = j;
	s = own_joined(&t, 0, t.n);
	strvec_free(&t);
	return s;
}

/* REC goes with the file's results, to the whole-tree solve. */
void own_add_facts(struct tu *tu, cJSON *rec)
{
	if (!tu->facts)
		tu->facts = cJSON_CreateArray();
	cJSON_AddItemToArray(tu->facts, rec);
}
