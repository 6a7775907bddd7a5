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
#include <unistd.h>

#include "gupcheck.h"
#include "tu.h"

void engine_init(struct engine *e, const struct rules *r,
		 const struct tree *t)
{
	memset(e, 0, sizeof(*e));
	e->rules = r;
	e->tree = t;
}

static struct call_hook *new_hook(struct engine *e, const char *name,
				  enum hook_kind kind, bool prefilter,
				  lexical_call_fn lexical, void *data)
{
	struct call_hook *h;

	e->calls = xrealloc(e->calls, (e->nr_calls + 1) * sizeof(*e->calls));
	h = &e->calls[e->nr_calls++];
	memset(h, 0, sizeof(*h));
	h->name = xstrdup(name);
	h->kind = kind;
	h->prefilter = prefilter;
	h->lexical = lexical;
	h->data = data;
	return h;
}

void engine_add_call_hook(struct engine *e, const char *callee,
			  call_hook_fn fn, lexical_call_fn lexical,
			  void *data)
{
	new_hook(e, callee, HOOK_CALL, true, lexical, data)->fn = fn;
}

void engine_add_ref_hook(struct engine *e, const char *name, bool prefilter,
			 ref_hook_fn fn, lexical_call_fn lexical, void *data)
{
	new_hook(e, name, HOOK_REF, prefilter, lexical, data)->ref = fn;
}

void engine_add_function_hook(struct engine *e, function_hook_fn fn,
			      void *data)
{
	e->functions = xrealloc(e->functions, (e->nr_functions + 1) *
				sizeof(*e->functions));
	e->functions[e->nr_functions].fn = fn;
	e->functions[e->nr_functions++].data = data;
}

/* NAME makes a file a candidate; no check hears its calls. */
void engine_add_identifier(struct engine *e, const char *name)
{
	new_hook(e, name, HOOK_CALL, true, NULL, NULL);
}

static bool hooked(const struct engine *e, const char *name, size_t len)
{
	size_t i;

	for (i = 0; i < e->nr_calls; i++)
		if (strlen(e->calls[i].name) == len &&
		    strncmp(e->calls[i].name, name, len) == 0)
			return true;
	return false;
}

/* Every identifier some check listens for: the prefilter's input. */
void engine_identifiers(const struct engine *e, struct strset *out)
{
	size_t i;

	for (i = 0; i < e->nr_calls; i++)
		if (e->calls[i].prefilter)
			strset_add(out, e->calls[i].name);
}

void engine_free(struct engine *e)
{
	size_t i;

	for (i = 0; i < e->nr_calls; i++)
		free(e->calls[i].name);
	free(e->calls);
	free(e->functions);
	strvec_free(&e->questions);
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

/* Offset of "NAME (" at or after B and before E in BUF, if just one. */
static bool find_call_text(const char *buf, size_t b, size_t e,
			   const char *name, size_t *at)
{
	size_t n = strlen(name), found = 0;
	struct lexer lx;
	struct token t, prev = { 0 };

	lex_init(&lx, buf, e, b);
	for (lex_next(&lx, &t); t.kind != TOK_EOF;
	     prev = t, lex_next(&lx, &t)) {
		if (tok_is(&lx, &t, "(") && prev.kind == TOK_IDENT &&
		    prev.end - prev.start == n &&
		    strncmp(buf + prev.start, name, n) == 0) {
			*at = prev.start;
			found++;
		}
	}
	return found == 1;
}

/*
 * Where the call is written: its file, text and the offset of the callee's
 * name.  libclang 14's clang_getSpellingLocation() gives the expansion
 * location for macro tokens, so a call made by a macro is found in the
 * body of the macro's definition instead.
 */
bool tu_call_spelling(struct tu *tu, CXCursor call, const char *name,
		      CXFile *file, const char **buf, size_t *size,
		      size_t *off)
{
	CXSourceLocation loc = clang_getCursorLocation(call);
	size_t n = strlen(name), b, e;
	unsigned int o;
	CXCursor mac, def;
	CXSourceRange r;

	clang_getSpellingLocation(loc, file, NULL, NULL, &o);
	*buf = *file ? clang_getFileContents(tu->tu, *file, size) : NULL;
	if (!*buf)
		return false;
	*off = o;
	if (o + n <= *size && strncmp(*buf + o, name, n) == 0)
		return true;
	mac = clang_getCursor(tu->tu, loc);
	if (clang_getCursorKind(mac) != CXCursor_MacroExpansion)
		return false;
	def = clang_getCursorReferenced(mac);
	if (clang_getCursorKind(def) != CXCursor_MacroDefinition)
		return false;
	r = clang_getCursorExtent(def);
	clang_getExpansionLocation(clang_getRangeStart(r), file, NULL, NULL,
				   &o);
	b = o;
	clang_getExpansionLocation(clang_getRangeEnd(r), NULL, NULL, NULL,
				   &o);
	e = o;
	*buf = *file ? clang_getFileContents(tu->tu, *file, size) : NULL;
	if (!*buf || e > *size)
		return false;
	/* the extent ends at the start of the body's last token */
	while (e < *size && (*buf)[e] != '\n')
		e++;
	return find_call_text(*buf, b, e, name, off);
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

		if (h->kind != HOOK_CALL || strcmp(h->name, n))
			continue;
		if (!resolved) {
			const char *buf;
			size_t size, off;
			char key[24];
			CXFile f;

			/* what the lexical pass must not report again */
			if (tu_call_spelling(tu, call, n, &f, &buf, &size,
					     &off) &&
			    clang_File_isEqual(f, tu->main)) {
				snprintf(key, sizeof(key), "%zu", off);
				strset_add(&tu->seen_calls, key);
			}
			callee = clang_getCursorReferenced(call);
			resolved = true;
		}
		if (clang_getCursorKind(callee) != CXCursor_FunctionDecl)
			break;
		if (h->fn)
			h->fn(tu, call, callee, h->data);
	}
	clang_disposeString(name);
}

static void seen_at(struct tu *tu, CXCursor c)
{
	CXFile f;
	unsigned int off;
	char key[24];

	clang_getSpellingLocation(clang_getCursorLocation(c), &f, NULL, NULL,
				  &off);
	if (f && clang_File_isEqual(f, tu->main)) {
		snprintf(key, sizeof(key), "%u", off);
		strset_add(&tu->seen_calls, key);
	}
}

static void dispatch_ref(struct tu *tu, CXCursor ref)
{
	CXString name = clang_getCursorSpelling(ref);
	const char *n = clang_getCString(name);
	CXCursor decl = { 0 };
	bool resolved = false;
	size_t i;

	for (i = 0; n && *n && i < tu->e->nr_calls; i++) {
		struct call_hook *h = &tu->e->calls[i];

		if (h->kind != HOOK_REF || strcmp(h->name, n))
			continue;
		if (!resolved) {
			decl = clang_getCursorReferenced(ref);
			resolved = true;
			seen_at(tu, ref);
		}
		if (!clang_Cursor_isNull(decl))
			h->ref(tu, ref, decl, h->data);
	}
	clang_disposeString(name);
}

/*
 * The walk recurses, and so does libclang: code nested deeper than this
 * (generated code can be) is not walked below it, and the file says so.
 * Workers parse on a stack big enough for it (worker.c).
 */
#define MAX_NESTING 10000
#define STR_(x) #x
#define STR(x) STR_(x)

/*
 * The walk keeps the ancestors of the cursor being visited, so that a
 * check can ask where a reference stands (an initializer, a call).
 */
static enum CXChildVisitResult body_visitor(CXCursor c, CXCursor parent,
					    CXClientData data)
{
	struct tu *tu = data;
	enum CXCursorKind k = clang_getCursorKind(c);

	(void)parent;
	if (k == CXCursor_CallExpr)
		dispatch_call(tu, c);
	else if (k == CXCursor_DeclRefExpr || k == CXCursor_MemberRefExpr)
		dispatch_ref(tu, c);
	if (tu->depth == tu->stack_cap) {
		tu->stack_cap = tu->stack_cap ? tu->stack_cap * 2 : 64;
		tu->stack = xrealloc(tu->stack,
				     tu->stack_cap * sizeof(*tu->stack));
	}
	if (tu->depth >= MAX_NESTING) {
		tu->too_deep = true;
		return CXChildVisit_Continue;
	}
	tu->stack[tu->depth++] = c;
	clang_visitChildren(c, body_visitor, tu);
	tu->depth--;
	return CXChildVisit_Continue;
}

/* Keep the declarations of hooked functions for the lexical pass. */
static void remember_decl(struct tu *tu, CXCursor c)
{
	CXString s = clang_getCursorSpelling(c);
	const char *n = clang_getCString(s);

	if (hooked(tu->e, n, strlen(n))) {
		tu->decls = xrealloc(tu->decls, (tu->nr_decls + 1) *
				     sizeof(*tu->decls));
		tu->decls[tu->nr_decls++] = c;
	}
	clang_disposeString(s);
}

static CXCursor find_decl(const struct tu *tu, const char *name)
{
	size_t i = tu->nr_decls;

	while (i--) {
		CXString s = clang_getCursorSpelling(tu->decls[i]);
		bool same = strcmp(clang_getCString(s), name) == 0;

		clang_disposeString(s);
		if (same)
			return tu->decls[i];
	}
	return clang_getNullCursor();
}

static bool in_ranges(const CXSourceRangeList *sr, size_t off)
{
	unsigned int i;

	for (i = 0; sr && i < sr->count; i++) {
		unsigned int b, e;

		clang_getSpellingLocation(clang_getRangeStart(sr->ranges[i]),
					  NULL, NULL, NULL, &b);
		clang_getSpellingLocation(clang_getRangeEnd(sr->ranges[i]),
					  NULL, NULL, NULL, &e);
		if (off >= b && off < e)
			return true;
	}
	return false;
}

/* A call goes to call and reference hooks, an identifier to the latter. */
static void lexical_dispatch(struct tu *tu, struct lexical_call *lc)
{
	CXCursor decl = find_decl(tu, lc->name);
	size_t i;

	for (i = 0; i < tu->e->nr_calls; i++) {
		struct call_hook *h = &tu->e->calls[i];

		if (h->lexical && strcmp(h->name, lc->name) == 0 &&
		    (lc->call || h->kind == HOOK_REF))
			h->lexical(tu, lc, decl, h->data);
	}
}

/*
 * The lexical pass over the main file: calls of hooked functions that the
 * AST did not show, because the configuration skips their branch or the
 * parser gave up on the code around them.  Calls at file scope outside a
 * macro definition are declarations and are passed over.
 */
static void lexical_pass(struct tu *tu)
{
	CXSourceRangeList *skipped = clang_getSkippedRanges(tu->tu, tu->main);
	size_t size, name_len = 0;
	const char *buf = clang_getFileContents(tu->tu, tu->main, &size);
	const char *name = NULL;
	char *func = NULL, *cand = NULL;
	bool pp_line = false, define = false;
	struct lexer lx;
	struct token t, prev = { 0 }, prev2 = { 0 };
	int depth = 0, parens = 0;

	if (!buf)
		goto out;
	lex_init(&lx, buf, size, 0);
	for (lex_next(&lx, &t); t.kind != TOK_EOF;
	     prev2 = prev, prev = t, lex_next(&lx, &t)) {
		if (t.line_start) {
			pp_line = t.kind == TOK_PUNCT && tok_is(&lx, &t, "#");
			define = false;
		}
		if (pp_line) {
			if (prev.kind == TOK_PUNCT && tok_is(&lx, &prev, "#") &&
			    tok_is(&lx, &t, "define"))
				define = true;
			if (!define)
				continue;
		}
		if (t.kind == TOK_PUNCT && !pp_line) {
			char c = buf[t.start];

			/* a function's name: the identifier before its '(' */
			if (depth == 0 && c == '(' && parens++ == 0 &&
			    prev.kind == TOK_IDENT) {
				free(cand);
				cand = xstrndup(buf + prev.start,
						prev.end - prev.start);
			} else if (depth == 0 && c == ')' && parens > 0) {
				parens--;
			}
			if (c == '{' && depth++ == 0) {
				free(func);
				func = cand;
				cand = NULL;
			} else if (c == '}' && depth > 0 && --depth == 0) {
				free(func);
				func = NULL;
			}
			continue;
		}
		if (t.kind != TOK_IDENT)
			continue;
		name = buf + t.start;
		name_len = t.end - t.start;
		if (!hooked(tu->e, name, name_len) || (depth == 0 && !define))
			continue;
		/*
		 * A macro defined in compiled code is seen where it expands;
		 * only one defined in a skipped branch is unseen.
		 */
		if (define && !in_ranges(skipped, t.start))
			continue;
		/* a field or a designator: only the AST knows its struct */
		if (tok_is(&lx, &prev, ".") ||
		    (tok_is(&lx, &prev, ">") && tok_is(&lx, &prev2, "-")))
			continue;
		{
			struct lexical_call lc = { 0 };
			char key[24], *n;

			snprintf(key, sizeof(key), "%zu", t.start);
			if (strset_has(&tu->seen_calls, key, strlen(key)))
				continue;
			lc.call = lex_call_args(buf, size, t.start, &lc.args);
			n = xstrndup(name, name_len);
			lc.file = tu->main;
			lc.buf = buf;
			lc.size = size;
			lc.name_off = t.start;
			lc.name = n;
			lc.function = define ? NULL : func;
			lc.skipped = in_ranges(skipped, t.start);
			lexical_dispatch(tu, &lc);
			call_args_free(&lc.args);
			free(n);
		}
	}
out:
	free(func);
	free(cand);
	if (skipped)
		clang_disposeSourceRangeList(skipped);
}

/* An enumerator's own definition is not a use the AST failed to see. */
static enum CXChildVisitResult enumerators(CXCursor c, CXCursor parent,
					   CXClientData data)
{
	struct tu *tu = data;
	char *n;

	(void)parent;
	if (clang_getCursorKind(c) == CXCursor_EnumDecl)
		return CXChildVisit_Recurse;
	if (clang_getCursorKind(c) != CXCursor_EnumConstantDecl)
		return CXChildVisit_Continue;
	n = cursor_name(c);
	if (hooked(tu->e, n, strlen(n)))
		seen_at(tu, c);
	free(n);
	return CXChildVisit_Continue;
}

static enum CXChildVisitResult top_visitor(CXCursor c, CXCursor parent,
					   CXClientData data)
{
	struct tu *tu = data;
	enum CXCursorKind kind = clang_getCursorKind(c);
	CXFile file;
	bool relevant;
	size_t i;

	(void)parent;
	if (kind == CXCursor_EnumDecl || kind == CXCursor_TypedefDecl) {
		clang_visitChildren(c, enumerators, tu);
		return CXChildVisit_Continue;
	}
	if (kind != CXCursor_FunctionDecl && kind != CXCursor_VarDecl)
		return CXChildVisit_Continue;
	if (kind == CXCursor_FunctionDecl)
		remember_decl(tu, c);
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
	/* a function's definition, or a variable's (an ops table) */
	if (kind == CXCursor_FunctionDecl || clang_isCursorDefinition(c))
		for (i = 0; i < tu->e->nr_functions; i++)
			tu->e->functions[i].fn(tu, c, tu->e->functions[i].data);
	tu->depth = 0;
	body_visitor(c, parent, tu);
	free(tu->func);
	tu->func = NULL;
	return CXChildVisit_Continue;
}

static enum CXChildVisitResult answer_visitor(CXCursor c, CXCursor parent,
					      CXClientData data)
{
	struct tu *tu = data;
	cJSON *answers = cJSON_GetObjectItem(tu->answers, "answers");
	char *n, *via = NULL;
	CXFile f;

	(void)parent;
	if (clang_getCursorKind(c) != CXCursor_FunctionDecl ||
	    !clang_isCursorDefinition(c))
		return CXChildVisit_Continue;
	clang_getExpansionLocation(clang_getCursorLocation(c), &f, NULL, NULL,
				   NULL);
	if (!f || !clang_File_isEqual(f, tu->main))
		return CXChildVisit_Continue;
	n = cursor_name(c);
	if (strvec_contains(&tu->e->questions, n) &&
	    !cJSON_GetObjectItem(answers, n)) {
		if (function_reaches(c, tu->e->question_targets, 3, &via))
			cJSON_AddStringToObject(answers, n, via);
		else
			cJSON_AddFalseToObject(answers, n);
		free(via);
	}
	free(n);
	return CXChildVisit_Continue;
}

/* Answer the engine's questions about functions this file defines. */
static void answer_questions(struct tu *tu, cJSON *res)
{
	tu->answers = res;
	cJSON_AddObjectToObject(res, "answers");
	clang_visitChildren(clang_getTranslationUnitCursor(tu->tu),
			    answer_visitor, tu);
}

static void add_input(CXFile file, CXSourceLocation *stack, unsigned int n,
		      CXClientData data)
{
	CXString name = clang_getFileName(file);
	const char *s = clang_getCString(name);

	(void)stack;
	(void)n;
	if (s && *s)
		cJSON_AddItemToArray(data, cJSON_CreateString(s));
	clang_disposeString(name);
}

/* The files the parse read, for the cache: the file and its includes. */
static void list_inputs(struct tu *tu, cJSON *res)
{
	cJSON *in = cJSON_AddArrayToObject(res, "inputs");

	clang_getInclusions(tu->tu, add_input, in);
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
			 const char *path, bool show_flags)
{
	unsigned int opts = CXTranslationUnit_KeepGoing |
			    CXTranslationUnit_DetailedPreprocessingRecord |
			    CXTranslationUnit_IgnoreNonErrorsFromIncludedFiles;
	struct strvec args = { 0 };
	struct tu tu = { 0 };
	enum CXErrorCode err;
	cJSON *res = cJSON_CreateObject();
	CXIndex index;
	char *how = NULL;
	size_t i;

	if (e->cocci) {
		cJSON_Delete(res);
		return cocci_parse_file(e, path);
	}
	cJSON_AddStringToObject(res, "file", path);
	flags_for_file(fc, path, &args, &how);
	if (show_flags) {
		struct strbuf sb = { 0 };

		/* one write, so that the lines of parallel workers stay whole */
		sb_adds(&sb, "gupcheck: ");
		sb_adds(&sb, path);
		sb_adds(&sb, ": ");
		sb_adds(&sb, how);
		sb_adds(&sb, ":");
		for (i = 0; i < args.n; i++) {
			sb_adds(&sb, " ");
			sb_adds(&sb, args.v[i]);
		}
		sb_adds(&sb, "\n");
		fflush(stderr);
		if (write(2, sb.buf, sb.len) < 0)
			warn("--show-flags: cannot write to stderr");
		free(sb.buf);
	}
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
	lexical_pass(&tu);
	if (tu.too_deep) {
		cJSON_ReplaceItemInObject(res, "status",
					  cJSON_CreateString("errors"));
		cJSON_DeleteItemFromObject(res, "reason");
		cJSON_AddItemToObject(res, "reason", cJSON_CreateString(
			"code nested deeper than " STR(MAX_NESTING)
			" levels: the checks did not look below that"));
	}
	if (e->questions.n)
		answer_questions(&tu, res);
	if (e->want_inputs)
		list_inputs(&tu, res);
	cJSON_AddItemToObject(res, "findings", tu.findings);
	if (tu.facts)
		cJSON_AddItemToObject(res, "facts", tu.facts);
	strset_free(&tu.seen_calls);
	free(tu.decls);
	free(tu.stack);
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

/* The tree-relative file a declaration is written in. */
const char *tu_decl_file(struct tu *tu, CXCursor decl)
{
	CXFile f;

	clang_getExpansionLocation(clang_getCursorLocation(decl), &f, NULL,
				   NULL, NULL);
	return f ? tu_file_rel(tu, f, NULL) : "";
}

