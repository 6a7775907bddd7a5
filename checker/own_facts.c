// SPDX-License-Identifier: GPL-2.0
/*
 * The ownership analysis, part one: what each function does with pages.
 *
 * For every function of the file the worker parses, the events that
 * matter to get/pin ownership are written down as facts, without
 * deciding anything: pages acquired into a place (get, pin, extract),
 * released from a place (put, unpin), filled by something else, places
 * that alias (assignment), pages that flow from one place into another
 * (a container's transfer function: stored into it, read back out), and
 * calls that pass places to other functions.  own_solve.c joins the facts of
 * the whole tree and decides.
 *
 * A place is a name:
 *   P:2            the function's third parameter
 *   L:pages@1234   a local variable (its declaration's offset)
 *   G:name         a global; static ones are G:file:name
 *   F:struct foo.pages    a field, keyed by its struct across the tree
 *   C:5678         the value of the call at that offset
 *   R              what the function returns
 * with suffixes for what a container holds: "~sgl~sg" is the pages in
 * the scatterlist of a table, "~bv_page" a bio_vec's page.  Arrays and
 * their elements are one place.
 */
#include <stdlib.h>
#include <string.h>

#include "gupcheck.h"
#include "own.h"

struct facts {
	struct tu *tu;
	const struct rules *r;
	CXCursor fn;
	cJSON *events;
	CXCursor *stack;
	size_t depth;
	size_t cap;
	bool page_return;
};

static bool in_list(const struct strvec *sv, const char *s)
{
	return strvec_contains(sv, s);
}

static bool page_record(const struct rules *r, const char *rec)
{
	return !strcmp(rec, "struct page") || !strcmp(rec, "struct folio") ||
	       in_list(&r->own.carriers, rec);
}

/* Does a value of type T lead to pages? */
static bool page_ish(const struct rules *r, CXType t)
{
	char *rec = own_record_of(t);
	bool yes = page_record(r, rec) &&
		   clang_getCanonicalType(t).kind != CXType_Record;

	free(rec);
	return yes;
}

static int param_index(const struct facts *fx, CXCursor decl)
{
	int i, n = clang_Cursor_getNumArguments(fx->fn);

	for (i = 0; i < n; i++)
		if (clang_equalCursors(clang_Cursor_getArgument(fx->fn, i),
				       decl))
			return i;
	return -1;
}

static bool is_static(CXCursor decl)
{
	return clang_Cursor_getStorageClass(decl) == CX_SC_Static;
}

static char *global_name(struct facts *fx, CXCursor decl)
{
	char *n = cursor_name(decl), *g;

	if (is_static(decl))
		g = xasprintf("G:%s:%s", tu_decl_file(fx->tu, decl), n);
	else
		g = xasprintf("G:%s", n);
	free(n);
	return g;
}

static char *place(struct facts *fx, CXCursor e);

static char *with_suffix(char *base, const char *suffix)
{
	char *s;

	if (!base)
		return NULL;
	s = xasprintf("%s%s", base, suffix);
	free(base);
	return s;
}

/* dio->pages is dio->(anonymous union).pages: the object is dio */
static CXCursor anonymous_base(CXCursor base)
{
	CXCursor b = base, f;
	struct cursor_kids k;

	while (clang_getCursorKind(b) == CXCursor_UnexposedExpr ||
	       clang_getCursorKind(b) == CXCursor_ParenExpr) {
		k = cursor_kids(b);
		if (k.n != 1)
			return base;
		b = k.c[0];
	}
	f = clang_getCursorReferenced(b);
	if (clang_getCursorKind(b) != CXCursor_MemberRefExpr ||
	    !clang_Cursor_isAnonymousRecordDecl(
		    clang_getTypeDeclaration(clang_getCursorType(f))))
		return base;
	k = cursor_kids(b);
	return k.n ? k.c[0] : base;
}

static char *member_place(struct facts *fx, CXCursor e)
{
	CXCursor field = clang_getCursorReferenced(e);
	CXCursor rec = clang_getCursorSemanticParent(field), base;
	struct cursor_kids k = cursor_kids(e);
	char *rname, *fname, *key, *p = NULL;
	bool arrow;

	if (clang_getCursorKind(field) != CXCursor_FieldDecl || k.n < 1)
		return NULL;
	base = k.c[0];
	/* a field of an anonymous struct or union is the named record's */
	while (clang_Cursor_isAnonymousRecordDecl(rec)) {
		rec = clang_getCursorSemanticParent(rec);
		base = anonymous_base(base);
	}
	rname = own_record_of(clang_getCursorType(rec));
	fname = cursor_name(field);
	key = xasprintf("%s.%s", rname, fname);
	arrow = clang_getCanonicalType(clang_getCursorType(base)).kind ==
		CXType_Pointer;
	if (in_list(&fx->r->own.same_fields, key))
		p = place(fx, base);
	else if (page_record(fx->r, rname) || !arrow)
		p = with_suffix(place(fx, base),
				(free(key), key = xasprintf("~%s", fname)));
	else if (rname[0])
		p = xasprintf("F:%s", key);
	free(key);
	free(rname);
	free(fname);
	return p;
}

/*
 * A pointer made from a number (pfn_to_page() is (struct page *)
 * vmemmap_base + pfn) is a new address, not the place the number is in.
 * A number a transfer of rules/ownership.json gives is the page it was
 * given: page_folio() is (struct folio *)_compound_head(page).
 */
static bool from_number(struct facts *fx, CXCursor e, CXCursor kid)
{
	enum CXTypeKind to = clang_getCanonicalType(clang_getCursorType(e)).kind;
	CXCursor call = expr_strip(kid);
	char *name;
	bool moved;

	if (to != CXType_Pointer || !expr_is_integer(kid))
		return false;
	if (clang_getCursorKind(call) != CXCursor_CallExpr)
		return true;
	name = cursor_name(call);
	moved = own_transfer(fx->r, name) != NULL;
	free(name);
	return !moved;
}

/* The place an expression denotes, or NULL. */
static char *place(struct facts *fx, CXCursor e)
{
	enum CXCursorKind k = clang_getCursorKind(e);
	struct cursor_kids kd;
	CXCursor d;
	char *n, *p;
	int i;

	switch (k) {
	case CXCursor_UnexposedExpr:
	case CXCursor_ParenExpr:
	case CXCursor_CStyleCastExpr:
	case CXCursor_UnaryOperator:
	/* a transparent union argument: release_pages(release_pages_arg) */
	case CXCursor_CompoundLiteralExpr:
	case CXCursor_InitListExpr:
		kd = cursor_kids(e);
		if (!kd.n || from_number(fx, e, kd.c[kd.n - 1]))
			return NULL;
		return place(fx, kd.c[kd.n - 1]);
	case CXCursor_ArraySubscriptExpr:
		kd = cursor_kids(e);
		return kd.n ? place(fx, kd.c[0]) : NULL;
	case CXCursor_GenericSelectionExpr:
		d = expr_strip(e);
		return clang_equalCursors(d, e) ? NULL : place(fx, d);
	case CXCursor_BinaryOperator:
		/* a page's number, the page of a number (own_pfn.c) */
		d = own_page_of_number(e);
		if (clang_Cursor_isNull(d))
			d = own_number_of_page(e);
		if (!clang_Cursor_isNull(d))
			return place(fx, d);
		kd = cursor_kids(e);
		if (kd.n != 2 || clang_getCanonicalType(
				clang_getCursorType(e)).kind != CXType_Pointer)
			return NULL;
		/* pointer arithmetic: pages + i */
		for (i = 0; i < 2; i++)
			if (clang_getCanonicalType(clang_getCursorType(
				kd.c[i])).kind == CXType_Pointer)
				return place(fx, kd.c[i]);
		return NULL;
	case CXCursor_MemberRefExpr:
		return member_place(fx, e);
	case CXCursor_CallExpr:
		return xasprintf("C:%u", own_offset(e));
	case CXCursor_DeclRefExpr:
		d = clang_getCursorReferenced(e);
		if (clang_getCursorKind(d) == CXCursor_ParmDecl) {
			i = param_index(fx, d);
			return i < 0 ? NULL : xasprintf("P:%d", i);
		}
		if (clang_getCursorKind(d) != CXCursor_VarDecl)
			return NULL;
		if (clang_getCursorKind(clang_getCursorSemanticParent(d)) ==
		    CXCursor_FunctionDecl && !is_static(d)) {
			n = cursor_name(d);
			p = xasprintf("L:%s@%u", n, own_offset(d));
			free(n);
			return p;
		}
		return global_name(fx, d);
	default:
		return NULL;
	}
}

static void where(struct facts *fx, CXCursor c, cJSON *ev)
{
	unsigned int line, col;
	CXFile f;

	clang_getSpellingLocation(clang_getCursorLocation(c), &f, &line, &col,
				  NULL);
	cJSON_AddNumberToObject(ev, "l", line);
	cJSON_AddNumberToObject(ev, "c", col);
	if (f && !clang_File_isEqual(f, fx->tu->main))
		cJSON_AddStringToObject(ev, "file",
					tu_file_rel(fx->tu, f, NULL));
}

static cJSON *event(struct facts *fx, const char *kind, const char *node,
		    CXCursor at)
{
	cJSON *ev = cJSON_CreateObject();

	cJSON_AddStringToObject(ev, "k", kind);
	cJSON_AddStringToObject(ev, "n", node);
	where(fx, at, ev);
	cJSON_AddItemToArray(fx->events, ev);
	return ev;
}

static void alias(struct facts *fx, char *a, char *b, CXCursor at)
{
	if (a && b && strcmp(a, b))
		cJSON_AddStringToObject(event(fx, "alias", a, at), "m", b);
	free(a);
	free(b);
}

/* The pages of B are also in A: the way in or out of a container. */
static void flow(struct facts *fx, char *a, char *b, CXCursor at)
{
	if (a && b && strcmp(a, b))
		cJSON_AddStringToObject(event(fx, "flow", a, at), "m", b);
	free(a);
	free(b);
}

static CXCursor arg(CXCursor call, int i)
{
	if (i < 0 || i >= clang_Cursor_getNumArguments(call))
		return clang_getNullCursor();
	return clang_Cursor_getArgument(call, i);
}

static char *arg_place(struct facts *fx, CXCursor call, int i)
{
	CXCursor a = arg(call, i);

	return clang_Cursor_isNull(a) ? NULL : place(fx, a);
}

/* The statement a release is the whole body of: for (...) put_page(x[i]); */
static CXCursor loop_of(struct facts *fx, bool *dirty)
{
	size_t i = fx->depth - 1;
	CXCursor c;
	struct cursor_kids kd;
	unsigned int j;

	*dirty = false;
	while (i > 0 && clang_getCursorKind(fx->stack[i - 1]) ==
			CXCursor_UnexposedExpr)
		i--;
	if (i == 0)
		return clang_getNullCursor();
	c = fx->stack[i - 1];
	if (clang_getCursorKind(c) == CXCursor_CompoundStmt) {
		kd = cursor_kids(c);
		if (kd.n > 2 || i < 2)
			return clang_getNullCursor();
		for (j = 0; j < kd.n; j++) {
			char *n = cursor_name(kd.c[j]);

			if (!clang_equalCursors(kd.c[j], fx->stack[i]) &&
			    clang_getCursorKind(kd.c[j]) == CXCursor_CallExpr &&
			    str_starts(n, "set_page_dirty"))
				*dirty = true;
			else if (!clang_equalCursors(kd.c[j], fx->stack[i]))
				j = 99;
			free(n);
		}
		if (j > 50)
			return clang_getNullCursor();
		c = fx->stack[i - 2];
	}
	if (clang_getCursorKind(c) != CXCursor_ForStmt)
		return clang_getNullCursor();
	return c;
}

static bool is_var(CXCursor e, CXCursor var)
{
	struct cursor_kids k;

	while (clang_getCursorKind(e) == CXCursor_UnexposedExpr) {
		k = cursor_kids(e);
		if (k.n != 1)
			return false;
		e = k.c[0];
	}
	return clang_getCursorKind(e) == CXCursor_DeclRefExpr &&
	       clang_equalCursors(clang_getCursorReferenced(e), var);
}

/*
 * The loop's bound and the array it walks: for (i = 0; i < N; i++) with
 * the release of ARRAY[i], as written in the file.
 */
static bool loop_shape(struct facts *fx, CXCursor loop, CXCursor call,
		       char **array, char **bound)
{
	struct cursor_kids kd = cursor_kids(loop), init, cond, sub;
	CXCursor var, a;
	char *zero;
	bool ok;

	if (kd.n != 4)
		return false;
	init = cursor_kids(kd.c[0]);
	cond = cursor_kids(kd.c[1]);
	a = clang_Cursor_getArgument(call, 0);
	while (clang_getCursorKind(a) == CXCursor_UnexposedExpr) {
		sub = cursor_kids(a);
		a = sub.c[0];
	}
	if (init.n != 2 || cond.n != 2 ||
	    clang_getCursorKind(a) != CXCursor_ArraySubscriptExpr ||
	    clang_getCursorKind(init.c[0]) != CXCursor_DeclRefExpr)
		return false;
	var = clang_getCursorReferenced(init.c[0]);
	sub = cursor_kids(a);
	zero = extent_text(fx->tu, init.c[1]);
	ok = zero && !strcmp(zero, "0") && is_var(cond.c[0], var) &&
	     sub.n == 2 && is_var(sub.c[1], var);
	free(zero);
	if (!ok)
		return false;
	*array = extent_text(fx->tu, sub.c[0]);
	*bound = extent_text(fx->tu, cond.c[1]);
	if (*array && *bound)
		return true;
	free(*array);
	free(*bound);
	return false;
}

/* A finding that only carries a fix while its edits are made. */
static cJSON *scratch_fix(void)
{
	cJSON *f = finding_new("x", "warning", "", 0, 0, NULL, "", "", "");

	finding_set_fix(f, "");
	return f;
}

/* Keep F's fix in the event as KEY when its edits could be made. */
static void keep_fix(cJSON *ev, const char *key, cJSON *f, bool made)
{
	if (made)
		cJSON_AddItemToObject(ev, key,
				      cJSON_DetachItemFromObject(f, "fix"));
	cJSON_Delete(f);
}

/* Fixes of a release, for either verdict, decided later. */
static void release_fixes(struct facts *fx, CXCursor call, const char *name,
			  cJSON *ev)
{
	const cJSON *fix = fx->r->own.fix;
	const char *to_unpin = cJSON_GetStringValue(cJSON_GetObjectItem(
			cJSON_GetObjectItem(fix, "pin"), name));
	const char *to_put = cJSON_GetStringValue(cJSON_GetObjectItem(
			cJSON_GetObjectItem(fix, "get"), name));
	struct cursor_kids kd = cursor_kids(call);
	CXCursor callee = kd.n ? kd.c[0] : clang_getNullCursor();
	char *why = NULL, *array = NULL, *bound = NULL;
	bool dirty;
	CXCursor loop;
	cJSON *f;

	while (!clang_Cursor_isNull(callee) &&
	       clang_getCursorKind(callee) == CXCursor_UnexposedExpr) {
		kd = cursor_kids(callee);
		callee = kd.n ? kd.c[0] : clang_getNullCursor();
	}
	if (clang_Cursor_isNull(callee))
		return;
	loop = loop_of(fx, &dirty);
	if (to_unpin && !strcmp(name, "put_page") &&
	    !clang_Cursor_isNull(loop) &&
	    loop_shape(fx, loop, call, &array, &bound)) {
		const char *with = cJSON_GetStringValue(cJSON_GetObjectItem(
			cJSON_GetObjectItem(fix, "pin"),
			dirty ? "dirty_loop" : "loop"));
		char *text = dirty ?
			xasprintf("%s(%s, %s, true);", with, array, bound) :
			xasprintf("%s(%s, %s);", with, array, bound);

		f = scratch_fix();
		keep_fix(ev, "unpin_fix", f,
			 tu_replace_extent(fx->tu, f, loop, text, true, &why));
		free(text);
		free(why);
		free(array);
		free(bound);
		return;
	}
	free(array);
	free(bound);
	if (to_unpin) {
		f = scratch_fix();
		keep_fix(ev, "unpin_fix", f, tu_replace_ref(fx->tu, f, callee, name,
						      to_unpin, &why));
		free(why);
	}
	if (to_put) {
		f = scratch_fix();
		keep_fix(ev, "put_fix", f, tu_replace_ref(fx->tu, f, callee, name,
						      to_put, &why));
		free(why);
	}
}

/*
 * The release's branch, when a test of how the pages were taken decides
 * it (own_pinned_branch()): "pt" +1 pinned, -1 not, with the test.
 */
static void pinned_branch(struct facts *fx, cJSON *ev)
{
	CXCursor test;
	char *key, *text;
	int pol = own_pinned_branch(fx->tu, fx->stack, fx->depth,
				    &fx->r->own, &test, &key);
	cJSON *t;

	if (!pol)
		return;
	cJSON_AddNumberToObject(ev, "pt", pol);
	t = cJSON_AddObjectToObject(ev, "test");
	where(fx, test, t);
	text = extent_text(fx->tu, test);
	if (!text)
		text = cursor_text(fx->tu, test);
	cJSON_AddStringToObject(t, "code", text);
	if (key)
		cJSON_AddStringToObject(t, "flag", key);
	free(key);
	free(text);
}

/* A pinned flag set to true without asking (own_pinned_set()). */
static void pinned_set(struct facts *fx, CXCursor c)
{
	char *key = own_pinned_set(fx->tu, c, fx->stack, fx->depth,
				   &fx->r->own);
	char *code;
	cJSON *ev;

	if (!key)
		return;
	ev = event(fx, "pset", key, c);
	code = extent_text(fx->tu, c);
	if (!code)
		code = cursor_text(fx->tu, c);
	cJSON_AddStringToObject(ev, "code", code);
	free(code);
	free(key);
}

static void api_call(struct facts *fx, CXCursor call,
		     const struct own_api *api, CXCursor decl)
{
	char *node, *code;
	int i = -1;
	cJSON *ev;

	if (api->returns) {
		node = xasprintf("C:%u", own_offset(call));
	} else {
		if (!api->pages)
			return;
		i = own_api_arg(fx->r, decl, api->name, api->pages, "pages");
		if (i < 0)
			return;
		node = arg_place(fx, call, i);
	}
	if (!node)
		return;
	if (api->family == FAM_PUT || api->family == FAM_UNPIN) {
		ev = event(fx, "rel", node, call);
		cJSON_AddBoolToObject(ev, "g",
				      own_guarded(fx->tu, fx->stack, fx->depth,
						  fx->r, api->family));
		pinned_branch(fx, ev);
		release_fixes(fx, call, api->name, ev);
		/* unpin_user_pages(&pages[1], n - 1): a part of the array */
		if (i >= 0 && api->count &&
		    expr_offset_into(clang_Cursor_getArgument(call,
							      (unsigned int)i)))
			cJSON_AddTrueToObject(ev, "part");
	} else {
		ev = event(fx, "acq", node, call);
	}
	cJSON_AddStringToObject(ev, "f", family_names[api->family]);
	cJSON_AddStringToObject(ev, "api", api->name);
	code = cursor_text(fx->tu, call);
	cJSON_AddStringToObject(ev, "code", code);
	free(code);
	free(node);
}

static void transfer_call(struct facts *fx, CXCursor call,
			  const struct own_transfer *x)
{
	char *self = xasprintf("C:%u", own_offset(call));

	if (x->store >= 0)
		flow(fx, with_suffix(arg_place(fx, call, x->into), x->suffix),
		     arg_place(fx, call, x->store), call);
	else if (x->load >= 0)
		flow(fx, xstrdup(self),
		      with_suffix(arg_place(fx, call, x->load), x->suffix),
		      call);
	else
		alias(fx, xstrdup(self), arg_place(fx, call, x->same), call);
	free(self);
}

struct field_scan {
	const struct rules *r;
	bool found;
};

static enum CXVisitorResult field_visitor(CXCursor c, CXClientData data)
{
	struct field_scan *fs = data;

	fs->found = page_ish(fs->r, clang_getCursorType(c));
	return fs->found ? CXVisit_Break : CXVisit_Continue;
}

/*
 * Is A a pointer to an object with a field that leads to pages (struct
 * hl_userptr's pages)?  A call given one may fill that field, as a
 * wrapper given the object does: the call is a fact even when no
 * argument is pages itself, so that the callee's summary of the field
 * reaches the caller.
 */
static bool object_arg(struct facts *fx, CXCursor a)
{
	CXType t = clang_getCanonicalType(clang_getCursorType(a));
	struct field_scan fs = { .r = fx->r };
	char *rec;
	bool carrier;

	if (t.kind != CXType_Pointer)
		return false;
	t = clang_getCanonicalType(clang_getPointeeType(t));
	if (t.kind != CXType_Record)
		return false;
	rec = own_record_of(t);
	carrier = page_record(fx->r, rec);
	free(rec);
	if (carrier)
		return false;
	clang_Type_visitFields(t, field_visitor, &fs);
	return fs.found;
}

/*
 * A call of function KEY (NAME, NULL through a pointer) declared in DIR
 * (own_local_dir()) that may take or give pages.
 */
static void other_call(struct facts *fx, CXCursor call, const char *key,
		       const char *name, const char *dir)
{
	int i, n = clang_Cursor_getNumArguments(call);
	bool filler = name && in_list(&fx->r->own.fillers, name), any = false;
	bool ret = page_ish(fx->r, clang_getCursorType(call));
	cJSON *ev, *args = cJSON_CreateArray();
	char *text;

	for (i = 0; i < n; i++) {
		CXCursor a = clang_Cursor_getArgument(call, i);
		char *p = page_ish(fx->r, clang_getCursorType(a)) ?
			  place(fx, a) : NULL;

		if (p && filler)
			event(fx, "oth", p, call);
		any = any || p != NULL || object_arg(fx, a);
		cJSON_AddItemToArray(args, p ? cJSON_CreateString(p) :
					       cJSON_CreateNull());
		free(p);
	}
	if (filler || (!any && !ret)) {
		cJSON_Delete(args);
		return;
	}
	text = xasprintf("C:%u", own_offset(call));
	ev = event(fx, "call", text, call);
	free(text);
	cJSON_AddStringToObject(ev, "fn", key);
	cJSON_AddItemToObject(ev, "a", args);
	if (ret)
		cJSON_AddTrueToObject(ev, "ret");
	if (own_user_guarded(fx->tu, fx->stack, fx->depth, &fx->r->own))
		cJSON_AddTrueToObject(ev, "ug");
	if (dir)
		cJSON_AddStringToObject(ev, "dir", dir);
	text = cursor_text(fx->tu, call);
	cJSON_AddStringToObject(ev, "code", text);
	free(text);
}

static void on_call(struct facts *fx, CXCursor call)
{
	CXCursor decl = clang_getCursorReferenced(call);
	const struct own_transfer *x;
	const struct own_api *api;
	char *name, *key, *dir;

	if (clang_getCursorKind(decl) != CXCursor_FunctionDecl) {
		key = own_ops_callee(fx->tu, call, &dir);
		if (key)
			other_call(fx, call, key, NULL, dir);
		free(key);
		free(dir);
		return;
	}
	name = cursor_name(call);
	api = own_api(fx->r, name);
	x = own_transfer(fx->r, name);
	if (api) {
		api_call(fx, call, api, decl);
	} else if (x) {
		transfer_call(fx, call, x);
	} else {
		key = own_fn_key(fx->tu, decl, name);
		dir = own_local_dir(fx->tu, decl);
		other_call(fx, call, key, name, dir);
		free(key);
		free(dir);
	}
	free(name);
}

/* Is E NAME(...), in parentheses or not, with NAME a neutral page? */
static bool neutral_page(struct facts *fx, CXCursor e)
{
	struct strvec toks = { 0 };
	size_t i = 0;
	bool yes;

	cursor_tokens(fx->tu, e, &toks);
	while (i < toks.n && !strcmp(toks.v[i], "("))
		i++;
	yes = i + 1 < toks.n && !strcmp(toks.v[i + 1], "(") &&
	      in_list(&fx->r->own.neutral_pages, toks.v[i]);
	strvec_free(&toks);
	return yes;
}

/* LHS = RHS, or a declaration's initializer. */
static void on_store(struct facts *fx, CXType t, char *lhs, CXCursor rhs,
		     CXCursor at)
{
	char *r;

	if (!lhs)
		return;
	/* a page made from a number stored as a page: not followed */
	r = clang_Cursor_isNull(own_number_of_page(rhs)) ? place(fx, rhs) :
	    NULL;
	if (r) {
		alias(fx, lhs, r, at);
		return;
	}
	if (own_one_page(t) && !expr_is_null(rhs) && !neutral_page(fx, rhs))
		event(fx, "oth", lhs, at);
	free(lhs);
}

static void on_node(struct facts *fx, CXCursor c)
{
	enum CXCursorKind k = clang_getCursorKind(c);
	struct cursor_kids kd;
	char *key, *target, *dir;
	cJSON *ev;

	switch (k) {
	case CXCursor_CallExpr:
		on_call(fx, c);
		pinned_set(fx, c);
		break;
	case CXCursor_BinaryOperator:
		pinned_set(fx, c);
		kd = cursor_kids(c);
		if (kd.n == 2 && expr_assigns(fx->tu, c) &&
		    own_ops_assign(fx->tu, kd.c[0], kd.c[1], &key, &target,
				   &dir)) {
			ev = event(fx, "impl", key, c);
			cJSON_AddStringToObject(ev, "fn", target);
			if (dir)
				cJSON_AddStringToObject(ev, "dir", dir);
			free(key);
			free(target);
			free(dir);
		}
		if (kd.n != 2)
			break;
		if (page_ish(fx->r, clang_getCursorType(c)) ?
		    expr_assigns(fx->tu, c) :
		    !clang_Cursor_isNull(own_page_of_number(kd.c[1])) &&
		    expr_is_assignment(fx->tu, c, kd.c[0]))
			on_store(fx, clang_getCursorType(kd.c[0]),
				 place(fx, kd.c[0]), kd.c[1], c);
		break;
	case CXCursor_VarDecl:
		if (!page_ish(fx->r, clang_getCursorType(c)) &&
		    clang_Cursor_isNull(own_page_of_number(cursor_last_kid(c))))
			break;
		kd = cursor_kids(c);
		/* "struct page *page;" has a TypeRef child, no initializer */
		if (kd.n == 0 || !clang_isExpression(clang_getCursorKind(
				cursor_last_kid(c))))
			break;
		{
			char *n = cursor_name(c);
			char *l = is_static(c) ? global_name(fx, c) :
				  xasprintf("L:%s@%u", n, own_offset(c));

			free(n);
			on_store(fx, clang_getCursorType(c), l,
				 cursor_last_kid(c), c);
		}
		break;
	case CXCursor_ReturnStmt:
		kd = cursor_kids(c);
		if (fx->page_return && kd.n == 1)
			alias(fx, xstrdup("R"), place(fx, kd.c[0]), c);
		break;
	default:
		break;
	}
}

static enum CXChildVisitResult walk(CXCursor c, CXCursor parent,
				    CXClientData data)
{
	struct facts *fx = data;

	/* a _Generic's control and its other associations are not run */
	if (clang_getCursorKind(parent) == CXCursor_GenericSelectionExpr &&
	    !clang_equalCursors(c, generic_chosen(parent)))
		return CXChildVisit_Continue;
	if (fx->depth == fx->cap) {
		fx->cap = fx->cap ? fx->cap * 2 : 64;
		fx->stack = xrealloc(fx->stack, fx->cap * sizeof(*fx->stack));
	}
	fx->stack[fx->depth++] = c;
	on_node(fx, c);
	clang_visitChildren(c, walk, fx);
	fx->depth--;
	return CXChildVisit_Continue;
}

/* The facts of function FN, a definition in the main file. */
void own_facts_function(struct tu *tu, CXCursor fn)
{
	struct facts fx = { .tu = tu, .r = tu->e->rules, .fn = fn };
	unsigned int line;
	cJSON *rec, *leaks = NULL;
	CXFile f;
	char *name, *key;

	clang_getExpansionLocation(clang_getCursorLocation(fn), &f, &line,
				   NULL, NULL);
	if (!f || !clang_File_isEqual(f, tu->main))
		return;
	fx.events = cJSON_CreateArray();
	fx.page_return = page_ish(fx.r, clang_getCursorResultType(fn));
	clang_visitChildren(fn, walk, &fx);
	free(fx.stack);
	rec = cJSON_CreateObject();
	if (rules_enabled(fx.r, "gup/leak"))
		own_contracts_function(tu, fn);
	if (rules_enabled(fx.r, "gup/leak") ||
	    rules_enabled(fx.r, "gup/double-release"))
		leaks = own_subjects_function(tu, fn, rec);
	if (!cJSON_GetArraySize(fx.events) && !leaks &&
	    !cJSON_GetObjectItem(rec, "budget")) {
		cJSON_Delete(fx.events);
		cJSON_Delete(rec);
		return;
	}
	name = cursor_name(fn);
	cJSON_AddStringToObject(rec, "fn", name);
	key = own_fn_key(tu, fn, name);
	cJSON_AddStringToObject(rec, "key", key);
	free(key);
	cJSON_AddStringToObject(rec, "file", tu_file_rel(tu, f, NULL));
	cJSON_AddNumberToObject(rec, "line", line);
	cJSON_AddNumberToObject(rec, "nparams",
				clang_Cursor_getNumArguments(fn));
	cJSON_AddItemToObject(rec, "events", fx.events);
	if (leaks)
		cJSON_AddItemToObject(rec, "leaks", leaks);
	if (cJSON_GetArraySize(fx.events))
		own_returns(tu, fn, rec);
	if (own_tokens_name(fx.tu, fn, &fx.r->own.user_guards, NULL))
		cJSON_AddTrueToObject(rec, "user");
	line = own_user_exit(fx.tu, fn, &fx.r->own);
	if (line)
		cJSON_AddNumberToObject(rec, "uexit", line);
	own_add_facts(tu, rec);
	free(name);
}
