// SPDX-License-Identifier: GPL-2.0
/*
 * The engine: parse one file with libclang, walk it once, and hand each
 * event to the checks that asked for it.  Checks never walk the AST.
 *
 * Only code that can matter is walked: functions and initializers of the
 * main file, and of the headers the prefilter saw mentioning an
 * identifier that some check listens for.
 */
#include <stdlib.h>
#include <string.h>

#include "gupcheck.h"
#include "tu.h"

void engine_init(struct engine *e, const struct rules *r,
		 const struct tree *t)
{
	memset(e, 0, sizeof(*e));
	e->rules = r;
	e->tree = t;
}

void engine_add_call_hook(struct engine *e, const char *callee,
			  call_hook_fn fn, void *data)
{
	struct call_hook *h;

	e->calls = xrealloc(e->calls, (e->nr_calls + 1) * sizeof(*e->calls));
	h = &e->calls[e->nr_calls++];
	h->name = xstrdup(callee);
	h->fn = fn;
	h->data = data;
}

/* Every identifier some check listens for: the prefilter's input. */
void engine_identifiers(const struct engine *e, struct strset *out)
{
	size_t i;

	for (i = 0; i < e->nr_calls; i++)
		strset_add(out, e->calls[i].name);
}

void engine_free(struct engine *e)
{
	size_t i;

	for (i = 0; i < e->nr_calls; i++)
		free(e->calls[i].name);
	free(e->calls);
	memset(e, 0, sizeof(*e));
}

/* Path of FILE relative to the tree, cached per file of the unit. */
const char *tu_file_rel(struct tu *tu, CXFile file, bool *relevant)
{
	struct tu_file *tf;
	const char *rel;
	CXString name;
	char *real;
	size_t i;

	if (tu->last && tu->last->file == file) {
		tf = tu->last;
		goto out;
	}
	for (i = 0; i < tu->nr_files; i++)
		if (tu->files[i].file == file) {
			tf = &tu->files[i];
			goto out;
		}
	tu->files = xrealloc(tu->files, (tu->nr_files + 1) *
			     sizeof(*tu->files));
	tf = &tu->files[tu->nr_files++];
	tf->file = file;
	name = clang_getFileName(file);
	real = path_real(clang_getCString(name));
	if (!real)
		real = xstrdup(clang_getCString(name));
	clang_disposeString(name);
	rel = path_relative(tu->e->tree->root, real);
	tf->inside = rel != real;
	tf->rel = xstrdup(rel);
	tf->relevant = clang_File_isEqual(file, tu->main) ||
		       (tu->e->relevant_headers &&
			strset_has(tu->e->relevant_headers, real,
				   strlen(real)));
	free(real);
out:
	tu->last = tf;
	if (relevant)
		*relevant = tf->relevant;
	return tf->rel;
}

static void dispatch_call(struct tu *tu, CXCursor call)
{
	CXString name = clang_getCursorSpelling(call);
	const char *n = clang_getCString(name);
	CXCursor callee = { 0 };
	bool resolved = false;
	size_t i;

	for (i = 0; n && i < tu->e->nr_calls; i++) {
		struct call_hook *h = &tu->e->calls[i];

		if (strcmp(h->name, n))
			continue;
		if (!resolved) {
			callee = clang_getCursorReferenced(call);
			resolved = true;
		}
		if (clang_getCursorKind(callee) != CXCursor_FunctionDecl)
			break;
		h->fn(tu, call, callee, h->data);
	}
	clang_disposeString(name);
}

static enum CXChildVisitResult body_visitor(CXCursor c, CXCursor parent,
					    CXClientData data)
{
	struct tu *tu = data;

	(void)parent;
	if (clang_getCursorKind(c) == CXCursor_CallExpr)
		dispatch_call(tu, c);
	return CXChildVisit_Recurse;
}

static enum CXChildVisitResult top_visitor(CXCursor c, CXCursor parent,
					   CXClientData data)
{
	struct tu *tu = data;
	enum CXCursorKind kind = clang_getCursorKind(c);
	CXFile file;
	bool relevant;

	(void)parent;
	if (kind != CXCursor_FunctionDecl && kind != CXCursor_VarDecl)
		return CXChildVisit_Continue;
	clang_getExpansionLocation(clang_getCursorLocation(c), &file, NULL,
				   NULL, NULL);
	if (!file)
		return CXChildVisit_Continue;
	tu_file_rel(tu, file, &relevant);
	if (!relevant)
		return CXChildVisit_Continue;
	if (kind == CXCursor_FunctionDecl) {
		CXString s;

		if (!clang_isCursorDefinition(c))
			return CXChildVisit_Continue;
		s = clang_getCursorSpelling(c);
		tu->func = xstrdup(clang_getCString(s));
		clang_disposeString(s);
	}
	clang_visitChildren(c, body_visitor, tu);
	free(tu->func);
	tu->func = NULL;
	return CXChildVisit_Continue;
}

static const char *error_name(enum CXErrorCode err)
{
	switch (err) {
	case CXError_Crashed:
		return "libclang crashed";
	case CXError_InvalidArguments:
		return "libclang rejected the arguments";
	case CXError_ASTReadError:
		return "libclang could not read the unit";
	default:
		return "libclang failed";
	}
}

/* Count error diagnostics; keep the first as the coverage reason. */
static void record_diagnostics(struct tu *tu, cJSON *res)
{
	unsigned int i, n = clang_getNumDiagnostics(tu->tu), errors = 0;
	char *first = NULL;

	for (i = 0; i < n; i++) {
		CXDiagnostic d = clang_getDiagnostic(tu->tu, i);
		enum CXDiagnosticSeverity sev = clang_getDiagnosticSeverity(d);

		if (sev >= CXDiagnostic_Error) {
			errors++;
			if (!first) {
				CXString s = clang_formatDiagnostic(d,
					CXDiagnostic_DisplaySourceLocation |
					CXDiagnostic_DisplayColumn);
				const char *msg = clang_getCString(s);
				const char *root = tu->e->tree->root;
				size_t rl = strlen(root);

				if (strncmp(msg, root, rl) == 0 &&
				    msg[rl] == '/')
					msg += rl + 1;
				first = xstrdup(msg);
				clang_disposeString(s);
			}
		}
		clang_disposeDiagnostic(d);
	}
	cJSON_AddNumberToObject(res, "errors", errors);
	if (errors) {
		cJSON_AddStringToObject(res, "status", "errors");
		cJSON_AddStringToObject(res, "reason", first);
	} else {
		cJSON_AddStringToObject(res, "status", "clean");
	}
	free(first);
}

/*
 * Parse PATH and run the checks over it.  The result is a cJSON object:
 * status (clean, errors, failed), reason, how the flags were found, and
 * the findings.
 */
cJSON *engine_parse_file(struct engine *e, const struct flags_ctx *fc,
			 const char *path)
{
	unsigned int opts = CXTranslationUnit_KeepGoing |
			    CXTranslationUnit_IgnoreNonErrorsFromIncludedFiles;
	struct strvec args = { 0 };
	struct tu tu = { 0 };
	enum CXErrorCode err;
	cJSON *res = cJSON_CreateObject();
	CXIndex index;
	char *how = NULL;
	size_t i;

	cJSON_AddStringToObject(res, "file", path);
	flags_for_file(fc, path, &args, &how);
	cJSON_AddStringToObject(res, "flags", how);
	free(how);
	index = clang_createIndex(0, 0);
	err = clang_parseTranslationUnit2(index, path,
					  (const char * const *)args.v,
					  (int)args.n, NULL, 0, opts, &tu.tu);
	strvec_free(&args);
	if (err != CXError_Success || !tu.tu) {
		cJSON_AddStringToObject(res, "status", "failed");
		cJSON_AddStringToObject(res, "reason", error_name(err));
		cJSON_AddItemToObject(res, "findings", cJSON_CreateArray());
		clang_disposeIndex(index);
		return res;
	}
	tu.e = e;
	tu.findings = cJSON_CreateArray();
	tu.main = clang_getFile(tu.tu, path);
	record_diagnostics(&tu, res);
	clang_visitChildren(clang_getTranslationUnitCursor(tu.tu),
			    top_visitor, &tu);
	cJSON_AddItemToObject(res, "findings", tu.findings);
	for (i = 0; i < tu.nr_files; i++)
		free(tu.files[i].rel);
	free(tu.files);
	clang_disposeTranslationUnit(tu.tu);
	clang_disposeIndex(index);
	return res;
}

const char *tu_function(const struct tu *tu)
{
	return tu->func;
}

const struct rules *tu_rules(const struct tu *tu)
{
	return tu->e->rules;
}

CXTranslationUnit tu_clang(const struct tu *tu)
{
	return tu->tu;
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

/* Is EXPR a null pointer constant: 0, NULL, (void *)0, in parentheses? */
bool expr_is_null(CXCursor expr)
{
	for (;;) {
		enum CXCursorKind k = clang_getCursorKind(expr);
		CXCursor child = clang_getNullCursor();

		if (k == CXCursor_IntegerLiteral) {
			CXEvalResult ev = clang_Cursor_Evaluate(expr);
			bool zero = ev &&
				    clang_EvalResult_getKind(ev) == CXEval_Int &&
				    clang_EvalResult_getAsLongLong(ev) == 0;

			if (ev)
				clang_EvalResult_dispose(ev);
			return zero;
		}
		if (k != CXCursor_UnexposedExpr && k != CXCursor_ParenExpr &&
		    k != CXCursor_CStyleCastExpr)
			return false;
		clang_visitChildren(expr, last_child, &child);
		if (clang_Cursor_isNull(child))
			return false;
		expr = child;
	}
}

/* The tokens of C joined by single spaces: a layout-free code text. */
char *cursor_text(const struct tu *tu, CXCursor c)
{
	CXSourceRange r = clang_getCursorExtent(c);
	CXSourceLocation b = clang_getRangeStart(r), e = clang_getRangeEnd(r);
	struct strbuf sb = { 0 };
	CXToken *toks = NULL;
	unsigned int n = 0, i, bo, eo;
	bool prev_punct = false, prev_comma = false;
	CXFile bf, ef;

	clang_getExpansionLocation(b, &bf, NULL, NULL, &bo);
	clang_getExpansionLocation(e, &ef, NULL, NULL, &eo);
	if (!bf || !clang_File_isEqual(bf, ef) || eo < bo)
		return xstrdup("");
	r = clang_getRange(clang_getLocationForOffset(tu->tu, bf, bo),
			   clang_getLocationForOffset(tu->tu, ef, eo));
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
