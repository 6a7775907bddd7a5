// SPDX-License-Identifier: GPL-2.0
/*
 * What a function returns: the count of pages a GUP call took, itself or
 * through the functions whose value it returns.  own_judge.c reads a
 * wrapper's result by it.
 */
#include <stdlib.h>
#include <string.h>

#include "gupcheck.h"
#include "own.h"

struct rets {
	struct tu *tu;
	const struct rules *r;
	CXCursor fn;
	struct strvec vars;	/* offsets of the variables returned */
	bool count;
	cJSON *calls;
	int pass;
};

/* A call whose value is returned: an API's count, or another's value. */
static void returned_call(struct rets *rt, CXCursor call)
{
	CXCursor decl = clang_getCursorReferenced(call);
	char *name, *key;
	const struct own_api *api;

	if (clang_getCursorKind(decl) != CXCursor_FunctionDecl)
		return;
	name = cursor_name(call);
	api = own_api(rt->r, name);
	if (api && api->count &&
	    (api->family == FAM_GET || api->family == FAM_PIN)) {
		rt->count = true;
	} else if (!api) {
		key = own_fn_key(rt->tu, decl, name);
		if (cJSON_GetArraySize(rt->calls) < 8)
			cJSON_AddItemToArray(rt->calls, cJSON_CreateString(key));
		free(key);
	}
	free(name);
}

static enum CXChildVisitResult rets_visitor(CXCursor c, CXCursor parent,
					    CXClientData data)
{
	struct rets *rt = data;
	enum CXCursorKind k = clang_getCursorKind(c);
	struct cursor_kids kd = cursor_kids(c);
	CXCursor v = clang_getNullCursor(), e = clang_getNullCursor();
	char *off;

	(void)parent;
	if (rt->pass == 0 && k == CXCursor_ReturnStmt && kd.n) {
		e = expr_strip(kd.c[0]);
		if (clang_getCursorKind(e) == CXCursor_CallExpr)
			returned_call(rt, e);
		v = own_named_var(e);
		if (!clang_Cursor_isNull(v)) {
			off = xasprintf("%u", own_offset(v));
			strvec_push_nocopy(&rt->vars, off);
		}
		return CXChildVisit_Continue;
	}
	if (rt->pass == 1 && k == CXCursor_VarDecl && kd.n) {
		v = c;
		e = expr_strip(cursor_last_kid(c));
	} else if (rt->pass == 1 && k == CXCursor_BinaryOperator &&
		   kd.n == 2) {
		v = own_named_var(kd.c[0]);
		e = expr_strip(kd.c[1]);
	}
	if (!clang_Cursor_isNull(v) &&
	    clang_getCursorKind(e) == CXCursor_CallExpr) {
		off = xasprintf("%u", own_offset(v));
		if (strvec_contains(&rt->vars, off))
			returned_call(rt, e);
		free(off);
	}
	return CXChildVisit_Recurse;
}

/*
 * Does FN return the count of pages a GUP call took, itself or through
 * another function ("ret_calls"), as "ret_count"?  own_leaks.c reads a
 * wrapper's result by it.
 */
void own_returns(struct tu *tu, CXCursor fn, cJSON *rec)
{
	struct rets rt = { .tu = tu, .r = tu_rules(tu), .fn = fn };

	rt.calls = cJSON_CreateArray();
	clang_visitChildren(fn, rets_visitor, &rt);
	rt.pass = 1;
	if (rt.vars.n)
		clang_visitChildren(fn, rets_visitor, &rt);
	if (rt.count)
		cJSON_AddTrueToObject(rec, "ret_count");
	if (cJSON_GetArraySize(rt.calls))
		cJSON_AddItemToObject(rec, "ret_calls", rt.calls);
	else
		cJSON_Delete(rt.calls);
	strvec_free(&rt.vars);
}
