// SPDX-License-Identifier: GPL-2.0
/*
 * gup/foll-flags: FOLL_PIN or FOLL_GET passed by hand.  The GUP functions
 * set the one they stand for themselves (get_user_pages*() FOLL_GET,
 * pin_user_pages*() FOLL_PIN); Documentation/core-api/pin_user_pages.rst
 * says FOLL_PIN must never appear at call sites.  Outside the directories
 * of rules/ownership.json (mm/), a flags argument naming one of them, or
 * a local flags variable assigned one, is reported.  The flag a function
 * sets anyway is dropped by the patch; the other one changes what the
 * call does and is left to the developer.
 */
#include <stdlib.h>
#include <string.h>

#include "gupcheck.h"
#include "tu.h"

/* The internal flag among C's tokens, or NULL. */
static const char *internal_flag(struct tu *tu, CXCursor c)
{
	const struct strvec *flags = &tu_rules(tu)->own.internal_flags;
	struct strvec toks = { 0 };
	const char *found = NULL;
	size_t i, k;

	cursor_tokens(tu, c, &toks);
	for (i = 0; i < toks.n && !found; i++)
		for (k = 0; k < flags->n; k++)
			if (!strcmp(toks.v[i], flags->v[k]))
				found = flags->v[k];
	strvec_free(&toks);
	return found;
}

/* ARG's text without FLAG: "FOLL_GET | FOLL_WRITE" -> "FOLL_WRITE". */
static char *without(const char *arg, const char *flag)
{
	size_t n = strlen(flag), a = strlen(arg);
	const char *p = strstr(arg, flag);
	const char *b, *e;

	if (!p || strstr(p + n, flag))
		return NULL;
	b = p;
	e = p + n;
	/* take the operator on one side with it */
	while (e < arg + a && (*e == ' ' || *e == '\t'))
		e++;
	if (e < arg + a && *e == '|') {
		e++;
		while (e < arg + a && (*e == ' ' || *e == '\t'))
			e++;
	} else {
		e = p + n;
		while (b > arg && (b[-1] == ' ' || b[-1] == '\t'))
			b--;
		if (b > arg && b[-1] == '|') {
			b--;
			while (b > arg && (b[-1] == ' ' || b[-1] == '\t'))
				b--;
		} else {
			b = p;
		}
	}
	if (b == arg && e == arg + a)
		return xstrdup("0");
	if (b == p && e == p + n)
		return NULL;
	return xasprintf("%.*s%s", (int)(b - arg), arg, e);
}

static enum CXChildVisitResult first_visitor(CXCursor c, CXCursor parent,
					     CXClientData data)
{
	(void)parent;
	*(CXCursor *)data = c;
	return CXChildVisit_Break;
}

static CXCursor first_child(CXCursor c)
{
	CXCursor first = clang_getNullCursor();

	clang_visitChildren(c, first_visitor, &first);
	while (clang_getCursorKind(first) == CXCursor_UnexposedExpr ||
	       clang_getCursorKind(first) == CXCursor_ParenExpr)
		clang_visitChildren(first, first_visitor, &first);
	return first;
}

struct assign {
	struct tu *tu;
	CXCursor var;
	const char *flag;
	CXCursor where;		/* the assignment */
	CXCursor value;		/* the value assigned, or null for |= */
};

/* Is a flag assigned to the variable VAR anywhere in the function? */
static enum CXChildVisitResult assign_visitor(CXCursor c, CXCursor parent,
					      CXClientData data)
{
	struct assign *as = data;
	enum CXCursorKind k = clang_getCursorKind(c);
	CXCursor lhs;

	(void)parent;
	if (as->flag)
		return CXChildVisit_Break;
	if (k == CXCursor_VarDecl) {
		if (clang_equalCursors(c, as->var))
			as->flag = internal_flag(as->tu, c);
	} else if (k == CXCursor_BinaryOperator ||
		   k == CXCursor_CompoundAssignOperator) {
		lhs = first_child(c);
		if (clang_getCursorKind(lhs) == CXCursor_DeclRefExpr &&
		    clang_equalCursors(clang_getCursorReferenced(lhs),
				       as->var))
			as->flag = internal_flag(as->tu, c);
	}
	if (as->flag) {
		as->where = c;
		as->value = k == CXCursor_CompoundAssignOperator ?
			    clang_getNullCursor() : cursor_last_kid(c);
	}
	return CXChildVisit_Recurse;
}

static void on_call(struct tu *tu, CXCursor call, CXCursor callee,
		    void *data)
{
	const struct own_api *api = data;
	const struct own_rules *o = &tu_rules(tu)->own;
	int fi = decl_param_index(callee, api->flags, NULL);
	const char *file = tu_decl_file(tu, call), *flag;
	const char *sets = api->family == FAM_PIN ? "FOLL_PIN" :
			   api->family == FAM_GET ? "FOLL_GET" : "";
	struct assign as = { .tu = tu };
	char *text, *fixed, *why = NULL;
	CXCursor arg, fn;
	size_t i;
	cJSON *f;

	if (fi < 0 || fi >= clang_Cursor_getNumArguments(call))
		return;
	for (i = 0; i < o->internal_dirs.n; i++)
		if (str_starts(file, o->internal_dirs.v[i]))
			return;
	arg = clang_Cursor_getArgument(call, fi);
	flag = internal_flag(tu, arg);
	as.where = arg;
	as.value = arg;
	if (!flag) {
		CXCursor v = first_child(arg);

		if (clang_getCursorKind(arg) == CXCursor_DeclRefExpr)
			v = arg;
		fn = clang_getCursorSemanticParent(clang_getCursorReferenced(v));
		if (clang_getCursorKind(v) != CXCursor_DeclRefExpr ||
		    clang_getCursorKind(fn) != CXCursor_FunctionDecl)
			return;
		as.var = clang_getCursorReferenced(v);
		clang_visitChildren(fn, assign_visitor, &as);
		flag = as.flag;
	}
	if (!flag)
		return;
	f = tu_report(tu, "gup/foll-flags", call,
		      "%s is passed by hand to %s(), which sets %s itself; FOLL_PIN and FOLL_GET belong to the GUP core and must not appear at call sites%s",
		      flag, api->name, sets[0] ? sets : "what it needs",
		      strcmp(flag, sets) ? "; this one changes how the pages are held, so the release must match: choose the function of that family instead" :
					   "");
	if (!clang_equalCursors(as.where, arg))
		finding_add_evidence(tu, f, as.where, "the flag is set here");
	if (strcmp(flag, sets))
		return;
	if (clang_Cursor_isNull(as.value))
		return;
	text = extent_text(tu, as.value);
	fixed = text ? without(text, flag) : NULL;
	if (fixed) {
		finding_set_fix(f, "drop the flag the function sets itself");
		if (!tu_replace_extent(tu, f, as.value, fixed, false, &why))
			cJSON_DeleteItemFromObject(f, "fix");
	}
	free(why);
	free(text);
	free(fixed);
}

void check_foll_flags(struct engine *e)
{
	const struct own_rules *o = &e->rules->own;
	size_t i;

	for (i = 0; i < o->nr_api; i++)
		if ((o->api[i].family == FAM_GET ||
		     o->api[i].family == FAM_PIN) && o->api[i].flags)
			engine_add_call_hook(e, o->api[i].name, on_call, NULL,
					     (void *)&o->api[i]);
}
