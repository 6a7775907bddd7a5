// SPDX-License-Identifier: GPL-2.0
/*
 * The ownership facts of calls through function pointers: a driver
 * hands pinned pages to another file through an ops table (net/rds's
 * rs->rs_transport->get_mr(), rds_ib_get_mr() in ib.c's table).
 *
 * A call through a field of function-pointer type, x->ops->f(...) or
 * ops.f(...), or through a local copy of such a field, is a call of
 * "ops:struct T.f".  What the field may hold comes from the tree's
 * tables: a variable at file scope initialized with .f = fn (an
 * "ops-table" record of "impl" events), or ops->f = fn in a function
 * (an "impl" event of that function).  own_ops.c turns the two into a
 * function that calls every target, so the solve needs nothing new.
 *
 * A callee declared in the driver's own code (not under include/) is
 * one whose files a scan may not have parsed yet: the call says where
 * ("dir"), and check_ownership.c parses the files there that name it
 * when pinned pages went in.
 */
#include <stdlib.h>
#include <string.h>

#include "gupcheck.h"
#include "own.h"

static bool fn_pointer(CXType t)
{
	t = clang_getCanonicalType(t);
	if (t.kind != CXType_Pointer)
		return false;
	t = clang_getCanonicalType(clang_getPointeeType(t));
	return t.kind == CXType_FunctionProto ||
	       t.kind == CXType_FunctionNoProto;
}

/*
 * The directory of the file that declares DECL, with its slash ("" at
 * the top of the tree), when that file is the driver's own code; NULL
 * for the kernel's headers (include/, arch/x/include/) and for files
 * outside the tree.
 */
char *own_local_dir(struct tu *tu, CXCursor decl)
{
	const char *rel = tu_decl_file(tu, decl);
	const char *slash;

	if (!rel || !*rel || rel[0] == '/' || str_starts(rel, "..") ||
	    str_starts(rel, "include/") ||
	    (str_starts(rel, "arch/") && strstr(rel, "/include/")))
		return NULL;
	slash = strrchr(rel, '/');
	return slash ? xstrndup(rel, (size_t)(slash - rel + 1)) : xstrdup("");
}

/* "ops:struct T.f" for FIELD, a field of function-pointer type. */
static char *field_key(CXCursor field)
{
	CXCursor rec = clang_getCursorSemanticParent(field);
	char *tag = own_record_of(clang_getCursorType(rec));
	char *name, *key = NULL;

	/* an anonymous struct has no name another file could use */
	if (*tag && !strchr(tag, '(')) {
		name = cursor_name(field);
		key = xasprintf("ops:%s.%s", tag, name);
		free(name);
	}
	free(tag);
	return key;
}

/* The field E reads, when E is x->f or x.f of function-pointer type. */
static CXCursor pointer_field(CXCursor e)
{
	CXCursor d;

	e = expr_strip(e);
	if (clang_getCursorKind(e) == CXCursor_UnaryOperator)
		e = expr_strip(cursor_last_kid(e));	/* (*ops->f)(...) */
	if (clang_getCursorKind(e) != CXCursor_MemberRefExpr)
		return clang_getNullCursor();
	d = clang_getCursorReferenced(e);
	if (clang_getCursorKind(d) != CXCursor_FieldDecl ||
	    !fn_pointer(clang_getCursorType(d)))
		return clang_getNullCursor();
	return d;
}

/*
 * The key of the function CALL calls through a field, and in DIR where
 * the struct is declared if that is the driver's own code (else NULL);
 * NULL if CALL is not such a call.  fn = ops->f; fn(...) is one too.
 */
char *own_ops_callee(struct tu *tu, CXCursor call, char **dir)
{
	struct cursor_kids kd = cursor_kids(call);
	CXCursor callee, field, v;

	*dir = NULL;
	if (!kd.n)
		return NULL;
	callee = kd.c[0];
	field = pointer_field(callee);
	v = own_named_var(callee);
	if (clang_Cursor_isNull(field) && !clang_Cursor_isNull(v) &&
	    clang_Cursor_getStorageClass(v) != CX_SC_Static &&
	    clang_isExpression(clang_getCursorKind(cursor_last_kid(v))))
		field = pointer_field(cursor_last_kid(v));
	if (clang_Cursor_isNull(field))
		return NULL;
	*dir = own_local_dir(tu, clang_getCursorSemanticParent(field));
	return field_key(field);
}

/* The function E names (fn or &fn), or a null cursor. */
static CXCursor named_function(CXCursor e)
{
	e = expr_strip(e);
	if (clang_getCursorKind(e) == CXCursor_UnaryOperator)
		e = expr_strip(cursor_last_kid(e));
	if (clang_getCursorKind(e) != CXCursor_DeclRefExpr)
		return clang_getNullCursor();
	e = clang_getCursorReferenced(e);
	return clang_getCursorKind(e) == CXCursor_FunctionDecl ? e :
	       clang_getNullCursor();
}

/*
 * LHS = RHS with LHS a function-pointer field and RHS a function: KEY
 * and TARGET get the field's key and the function's, DIR where the
 * function is declared (own_local_dir()), and it returns true.
 */
bool own_ops_assign(struct tu *tu, CXCursor lhs, CXCursor rhs, char **key,
		    char **target, char **dir)
{
	CXCursor field = pointer_field(lhs), fn = named_function(rhs);
	char *name;

	if (clang_Cursor_isNull(field) || clang_Cursor_isNull(fn))
		return false;
	*key = field_key(field);
	if (!*key)
		return false;
	name = cursor_name(fn);
	*target = own_fn_key(tu, fn, name);
	*dir = own_local_dir(tu, fn);
	free(name);
	return true;
}

static void impl_event(cJSON *events, const char *key, const char *target,
		       const char *dir, CXCursor at)
{
	cJSON *ev = cJSON_CreateObject();
	unsigned int line, col;

	clang_getSpellingLocation(clang_getCursorLocation(at), NULL, &line,
				  &col, NULL);
	cJSON_AddStringToObject(ev, "k", "impl");
	cJSON_AddStringToObject(ev, "n", key);
	cJSON_AddNumberToObject(ev, "l", line);
	cJSON_AddNumberToObject(ev, "c", col);
	cJSON_AddStringToObject(ev, "fn", target);
	if (dir)
		cJSON_AddStringToObject(ev, "dir", dir);
	cJSON_AddItemToArray(events, ev);
}

struct table {
	struct tu *tu;
	cJSON *events;
};

/*
 * .f = fn in an initializer.  libclang shows a designated initializer
 * as the designators' member references followed by the value: the
 * last reference is the field (.ops.f = fn names f of the inner ops).
 */
static enum CXChildVisitResult designator(CXCursor c, CXCursor parent,
					  CXClientData data)
{
	CXCursor *last = data;

	(void)parent;
	if (clang_getCursorKind(c) == CXCursor_MemberRef)
		last[0] = clang_getCursorReferenced(c);
	else
		last[1] = c;
	return CXChildVisit_Continue;
}

static enum CXChildVisitResult table_visitor(CXCursor c, CXCursor parent,
					     CXClientData data)
{
	struct table *t = data;
	CXCursor d[2] = { clang_getNullCursor(), clang_getNullCursor() };
	CXCursor fn;
	char *key, *name, *target, *dir;

	(void)parent;
	clang_visitChildren(c, designator, d);
	fn = clang_Cursor_isNull(d[1]) ? d[1] : named_function(d[1]);
	if (clang_Cursor_isNull(d[0]) || clang_Cursor_isNull(fn) ||
	    clang_getCursorKind(d[0]) != CXCursor_FieldDecl ||
	    !fn_pointer(clang_getCursorType(d[0]))) {
		clang_visitChildren(c, table_visitor, data);
		return CXChildVisit_Continue;
	}
	key = field_key(d[0]);
	if (key) {
		name = cursor_name(fn);
		target = own_fn_key(t->tu, fn, name);
		dir = own_local_dir(t->tu, fn);
		impl_event(t->events, key, target, dir, c);
		free(dir);
		free(name);
		free(target);
		free(key);
	}
	return CXChildVisit_Continue;
}

/*
 * VAR, a variable defined at file scope in the main file: if its
 * initializer puts functions into function-pointer fields, its record
 * of "impl" events (an "ops-table" record) goes with the file's facts.
 */
void own_ops_table(struct tu *tu, CXCursor var)
{
	struct table t = { .tu = tu };
	unsigned int line;
	cJSON *rec;
	CXFile f;
	char *name, *key;

	clang_getExpansionLocation(clang_getCursorLocation(var), &f, &line,
				   NULL, NULL);
	if (!f || !clang_File_isEqual(f, tu->main) ||
	    !clang_isExpression(clang_getCursorKind(cursor_last_kid(var))))
		return;
	t.events = cJSON_CreateArray();
	clang_visitChildren(var, table_visitor, &t);
	if (!cJSON_GetArraySize(t.events)) {
		cJSON_Delete(t.events);
		return;
	}
	rec = cJSON_CreateObject();
	name = cursor_name(var);
	cJSON_AddStringToObject(rec, "fn", name);
	key = xasprintf("ops-table:%s:%s", tu_file_rel(tu, f, NULL), name);
	cJSON_AddStringToObject(rec, "key", key);
	cJSON_AddStringToObject(rec, "file", tu_file_rel(tu, f, NULL));
	cJSON_AddNumberToObject(rec, "line", line);
	cJSON_AddNumberToObject(rec, "nparams", 0);
	cJSON_AddItemToObject(rec, "events", t.events);
	cJSON_AddTrueToObject(rec, "table");
	own_add_facts(tu, rec);
	free(key);
	free(name);
}
