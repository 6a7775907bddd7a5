// SPDX-License-Identifier: GPL-2.0
/*
 * Findings.  A check reports a finding at a cursor; it is a cJSON object
 * from that moment on, and travels from the worker to the reports in that
 * form.  Locations are where the code is written in the tree: a call made
 * inside a macro is reported where the macro is used.
 */
#include <stdlib.h>
#include <string.h>

#include "gupcheck.h"
#include "tu.h"

struct where {
	const char *file;	/* relative to the tree */
	unsigned int line;
	unsigned int column;
	bool inside;
};

static bool locate(struct tu *tu, CXCursor c, struct where *w)
{
	CXFile file;

	/*
	 * libclang's spelling location is the file location: a macro
	 * argument where it is written, a macro body's token where the
	 * macro is used.
	 */
	clang_getSpellingLocation(clang_getCursorLocation(c), &file,
				  &w->line, &w->column, NULL);
	if (!file)
		return false;
	w->file = tu_file_rel(tu, file, NULL);
	w->inside = w->file[0] != '/';
	return true;
}

static cJSON *location_json(const struct where *w, const char *msg)
{
	cJSON *o = cJSON_CreateObject();

	cJSON_AddStringToObject(o, "file", w->file);
	cJSON_AddNumberToObject(o, "line", w->line);
	cJSON_AddNumberToObject(o, "column", w->column);
	if (msg)
		cJSON_AddStringToObject(o, "message", msg);
	return o;
}

/*
 * A finding with every field the report schema requires; SEEN says how
 * the engine saw the code (ast, skipped-branch, unparsed, tree-wide).
 */
cJSON *finding_new(const char *rule, const char *level, const char *file,
		   unsigned int line, unsigned int column,
		   const char *function, const char *message,
		   const char *code, const char *seen)
{
	cJSON *f = cJSON_CreateObject();

	cJSON_AddStringToObject(f, "rule", rule);
	cJSON_AddStringToObject(f, "level", level);
	cJSON_AddStringToObject(f, "file", file);
	cJSON_AddNumberToObject(f, "line", line);
	cJSON_AddNumberToObject(f, "column", column);
	if (function)
		cJSON_AddStringToObject(f, "function", function);
	else
		cJSON_AddNullToObject(f, "function");
	cJSON_AddStringToObject(f, "message", message);
	cJSON_AddStringToObject(f, "code", code);
	cJSON_AddStringToObject(f, "seen", seen);
	cJSON_AddItemToObject(f, "engines",
			      cJSON_CreateStringArray((const char *[]){ "clang" },
						      1));
	cJSON_AddItemToObject(f, "evidence", cJSON_CreateArray());
	return f;
}

cJSON *tu_report(struct tu *tu, const char *rule, CXCursor at,
		 const char *fmt, ...)
{
	const struct rule_info *ri = rules_rule(tu->e->rules, rule);
	struct where w;
	va_list ap;
	char *msg, *ctx;
	cJSON *f;

	if (!ri || !ri->enabled || !locate(tu, at, &w))
		return NULL;
	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	ctx = cursor_text(tu, at);
	f = finding_new(rule, ri->level, w.file, w.line, w.column, tu->func,
			msg, ctx, "ast");
	cJSON_AddItemToArray(tu->findings, f);
	free(msg);
	free(ctx);
	return f;
}

void finding_add_evidence(struct tu *tu, cJSON *f, CXCursor at,
			  const char *msg)
{
	struct where w;

	if (f && locate(tu, at, &w))
		cJSON_AddItemToArray(cJSON_GetObjectItem(f, "evidence"),
				     location_json(&w, msg));
}

void finding_set_fix(cJSON *f, const char *description)
{
	cJSON *fix;

	if (!f)
		return;
	cJSON_DeleteItemFromObject(f, "fix");
	fix = cJSON_AddObjectToObject(f, "fix");
	cJSON_AddStringToObject(fix, "description", description);
	cJSON_AddItemToObject(fix, "edits", cJSON_CreateArray());
}

static void line_col(const char *buf, size_t off, unsigned int *line,
		     unsigned int *col)
{
	size_t i;

	*line = 1;
	*col = 1;
	for (i = 0; i < off; i++) {
		if (buf[i] == '\n') {
			(*line)++;
			*col = 1;
		} else {
			(*col)++;
		}
	}
}

/* Only a null constant may be dropped: NULL, 0, (void *)0 and the like. */
static bool spelled_null(const char *buf, size_t start, size_t end)
{
	struct lexer lx;
	struct token t;
	bool zero = false;

	lex_init(&lx, buf, end, start);
	for (lex_next(&lx, &t); t.kind != TOK_EOF; lex_next(&lx, &t)) {
		if (tok_is(&lx, &t, "NULL") || tok_is(&lx, &t, "0") ||
		    tok_is(&lx, &t, "0L") || tok_is(&lx, &t, "0UL"))
			zero = true;
		else if (!tok_is(&lx, &t, "(") && !tok_is(&lx, &t, ")") &&
			 !tok_is(&lx, &t, "void") && !tok_is(&lx, &t, "*"))
			return false;
	}
	return zero;
}

static void add_edit(cJSON *f, const char *rel, const char *buf,
		     size_t start, size_t end, const char *text)
{
	unsigned int l1, c1, l2, c2;
	cJSON *edit = cJSON_CreateObject();

	line_col(buf, start, &l1, &c1);
	line_col(buf, end, &l2, &c2);
	cJSON_AddStringToObject(edit, "file", rel);
	cJSON_AddNumberToObject(edit, "offset", (double)start);
	cJSON_AddNumberToObject(edit, "length", (double)(end - start));
	cJSON_AddNumberToObject(edit, "line", l1);
	cJSON_AddNumberToObject(edit, "column", c1);
	cJSON_AddNumberToObject(edit, "end_line", l2);
	cJSON_AddNumberToObject(edit, "end_column", c2);
	cJSON_AddStringToObject(edit, "replacement", text);
	cJSON_AddItemToArray(cJSON_GetObjectItem(cJSON_GetObjectItem(f, "fix"),
						 "edits"), edit);
}

/*
 * The edit that removes argument IDX, with the comma before it, from a
 * call whose arguments CA were split from FILE's text BUF.
 */
static bool drop_argument(struct tu *tu, cJSON *f, CXFile file,
			  const char *buf, const struct call_args *ca,
			  size_t want, unsigned int idx, char **why)
{
	const char *rel = tu_file_rel(tu, file, NULL);

	if (rel[0] == '/') {
		*why = xasprintf("the call is spelled in %s, outside the tree",
				 rel);
		return false;
	}
	if (ca->nargs != want || idx == 0 || idx >= ca->nargs) {
		*why = xstrdup("its arguments are built by a macro");
		return false;
	}
	if (!spelled_null(buf, ca->arg_start[idx], ca->arg_end[idx])) {
		*why = xasprintf("the argument is spelled '%.*s' there, which is null only after macro expansion",
				 (int)(ca->arg_end[idx] - ca->arg_start[idx]),
				 buf + ca->arg_start[idx]);
		return false;
	}
	add_edit(f, rel, buf, ca->arg_end[idx - 1], ca->arg_end[idx], "");
	return true;
}

/*
 * Add to F's fix an edit that removes argument IDX of CALL, with the comma
 * before it.  The edit is made where the call is spelled: in the file, or
 * in the body of the macro that makes the call.  Returns false, with the
 * reason in *WHY, when the argument cannot be removed as text.
 */
bool tu_drop_call_argument(struct tu *tu, cJSON *f, CXCursor call,
			   CXCursor callee, unsigned int idx, char **why)
{
	CXString name = clang_getCursorSpelling(callee);
	const char *n = clang_getCString(name), *buf;
	struct call_args ca;
	size_t size, off;
	CXFile file;
	bool ok = false;

	*why = NULL;
	if (!tu_call_spelling(tu, call, n, &file, &buf, &size, &off)) {
		*why = xasprintf("the call to %s() is made by nested macros",
				 n);
	} else if (!lex_call_args(buf, size, off, &ca)) {
		*why = xstrdup("its argument list could not be split");
	} else {
		ok = drop_argument(tu, f, file, buf, &ca,
				   (size_t)clang_Cursor_getNumArguments(call),
				   idx, why);
		call_args_free(&ca);
	}
	clang_disposeString(name);
	return ok;
}

bool tu_drop_lexical_argument(struct tu *tu, cJSON *f,
			      const struct lexical_call *lc, unsigned int idx,
			      char **why)
{
	*why = NULL;
	return drop_argument(tu, f, lc->file, lc->buf, &lc->args,
			     lc->args.nargs, idx, why);
}

bool lexical_arg_is_null(const struct lexical_call *lc, unsigned int idx)
{
	return idx < lc->args.nargs &&
	       spelled_null(lc->buf, lc->args.arg_start[idx],
			    lc->args.arg_end[idx]);
}

/* The call's text with runs of white space folded to one space. */
static char *folded(const char *s, size_t n)
{
	struct strbuf sb = { 0 };
	bool space = false;
	size_t i;

	for (i = 0; i < n; i++) {
		if (s[i] == ' ' || s[i] == '\t' || s[i] == '\n') {
			space = sb.len > 0;
			continue;
		}
		if (space)
			sb_add(&sb, " ", 1);
		space = false;
		sb_add(&sb, s + i, 1);
	}
	return sb_detach(&sb);
}

/*
 * A finding at a call known only from its tokens.  The message says why
 * the parser did not see the code, and the finding is marked lexical.
 */
cJSON *tu_report_lexical(struct tu *tu, const char *rule,
			 const struct lexical_call *lc, const char *fmt, ...)
{
	const struct rule_info *ri = rules_rule(tu->e->rules, rule);
	unsigned int line, col;
	va_list ap;
	char *msg, *code;
	cJSON *f;

	if (!ri || !ri->enabled)
		return NULL;
	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	line_col(lc->buf, lc->name_off, &line, &col);
	if (lc->call) {
		code = folded(lc->buf + lc->name_off,
			      lc->args.close + 1 - lc->name_off);
	} else {
		/* an identifier: its line is the code that uses it */
		const char *b = lc->buf + lc->name_off - (col - 1);
		const char *e = memchr(b, '\n', lc->size - (size_t)(b - lc->buf));

		code = folded(b, e ? (size_t)(e - b) : strlen(b));
	}
	f = finding_new(rule, ri->level, tu_file_rel(tu, lc->file, NULL), line,
			col, lc->function, msg, code,
			lc->skipped ? "skipped-branch" : "unparsed");
	cJSON_AddItemToArray(tu->findings, f);
	free(msg);
	free(code);
	return f;
}

static const char *str_of(const cJSON *o, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);

	return cJSON_IsString(v) ? v->valuestring : "";
}

static int num_of(const cJSON *o, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);

	return cJSON_IsNumber(v) ? v->valueint : 0;
}

/* Order findings by file, line, column and rule. */
int finding_compare(const void *a, const void *b)
{
	const cJSON *x = *(const cJSON * const *)a;
	const cJSON *y = *(const cJSON * const *)b;
	int d = strcmp(str_of(x, "file"), str_of(y, "file"));

	if (!d)
		d = num_of(x, "line") - num_of(y, "line");
	if (!d)
		d = num_of(x, "column") - num_of(y, "column");
	if (!d)
		d = strcmp(str_of(x, "rule"), str_of(y, "rule"));
	return d;
}

/*
 * The code of a finding as its tokens only: comments and layout go, and
 * a space stays only between two words, so "f(a, b)", "f(a,b)" and the
 * same call split over lines with a comment in it are the same code.  Callable on any bytes.
 */
char *code_normalize(const char *s, size_t n)
{
	struct strbuf sb = { 0 };
	struct lexer lx;
	struct token t;
	bool word = false;

	lex_init(&lx, s, n, 0);
	for (lex_next(&lx, &t); t.kind != TOK_EOF; lex_next(&lx, &t)) {
		bool w = t.kind == TOK_IDENT || t.kind == TOK_NUMBER;

		if (w && word)
			sb_add(&sb, " ", 1);
		sb_add(&sb, s + t.start, t.end - t.start);
		word = w;
	}
	return sb_detach(&sb);
}

/*
 * Sort the findings and give each its fingerprint: a hash of the rule,
 * the file, the enclosing function and the code's tokens (not its
 * layout or comments), in the spirit of CodeChecker's context-free
 * report hash, so that it survives lines moving around it.  The line and
 * column are not in it.  Identical code twice in a function is told apart
 * by its rank, the occurrence index.
 */
void findings_finalize(cJSON *findings)
{
	int i, n = cJSON_GetArraySize(findings);
	cJSON **v = xcalloc((size_t)n, sizeof(*v));
	struct strset seen = { 0 };

	for (i = 0; i < n; i++)
		v[i] = cJSON_DetachItemFromArray(findings, 0);
	qsort(v, (size_t)n, sizeof(*v), finding_compare);
	for (i = 0; i < n; i++) {
		const char *code = str_of(v[i], "code");
		char *norm = code_normalize(code, strlen(code));
		const char *parts[] = {
			str_of(v[i], "rule"), str_of(v[i], "file"),
			str_of(v[i], "function"), norm,
		};
		unsigned long long h = 0;
		char key[40];
		size_t k;
		int rank = 0;

		for (k = 0; k < 4; k++)
			h = fnv1a64(parts[k], strlen(parts[k]) + 1, h);
		free(norm);
		do {
			unsigned long long hr = rank ?
				fnv1a64(&rank, sizeof(rank), h) : h;

			snprintf(key, sizeof(key), "%016llx", hr);
			rank++;
		} while (!strset_add(&seen, key));
		cJSON_DeleteItemFromObject(v[i], "fingerprint");
		cJSON_AddStringToObject(v[i], "fingerprint", key);
		cJSON_AddItemToArray(findings, v[i]);
	}
	strset_free(&seen);
	free(v);
}

/*
 * Replace the identifier NAME that REF is written as by TEXT.  Only where
 * the identifier is written in the file itself, not made by a macro.
 */
bool tu_replace_ref(struct tu *tu, cJSON *f, CXCursor ref, const char *name,
		    const char *text, char **why)
{
	size_t size, n = strlen(name);
	unsigned int off;
	const char *buf, *rel;
	CXFile file;

	*why = NULL;
	clang_getSpellingLocation(clang_getCursorLocation(ref), &file, NULL,
				  NULL, &off);
	buf = file ? clang_getFileContents(tu->tu, file, &size) : NULL;
	if (!buf || off + n > size || strncmp(buf + off, name, n)) {
		*why = xasprintf("%s is written by a macro here", name);
		return false;
	}
	rel = tu_file_rel(tu, file, NULL);
	if (rel[0] == '/') {
		*why = xasprintf("it is written in %s, outside the tree", rel);
		return false;
	}
	add_edit(f, rel, buf, off, off + n, text);
	return true;
}

void tu_replace_lexical(struct tu *tu, cJSON *f,
			const struct lexical_call *lc, const char *text)
{
	add_edit(f, tu_file_rel(tu, lc->file, NULL), lc->buf, lc->name_off,
		 lc->name_off + strlen(lc->name), text);
}

/* How a finding from tokens says why the parser did not see the code. */
const char *lexical_context(const struct lexical_call *lc)
{
	if (!lc)
		return "";
	return lc->skipped ?
	       " (in a preprocessor branch this configuration skips)" :
	       " (in code the parser could not analyse)";
}

/*
 * Replace the code of C, an expression or (STATEMENT) a statement with its
 * semicolon, written in the file itself (not made by a macro), by TEXT.
 */
bool tu_replace_extent(struct tu *tu, cJSON *f, CXCursor c, const char *text,
		       bool statement, char **why)
{
	CXSourceRange r = clang_getCursorExtent(c);
	CXFile bf, ef, sf;
	unsigned int bo, eo, so;
	const char *buf, *rel;
	size_t size;

	*why = NULL;
	clang_getExpansionLocation(clang_getRangeStart(r), &bf, NULL, NULL,
				   &bo);
	clang_getExpansionLocation(clang_getRangeEnd(r), &ef, NULL, NULL,
				   &eo);
	clang_getSpellingLocation(clang_getRangeStart(r), &sf, NULL, NULL,
				  &so);
	if (!bf || !ef || !clang_File_isEqual(bf, ef) || so != bo ||
	    eo <= bo) {
		*why = xstrdup("the code is written by a macro here");
		return false;
	}
	buf = clang_getFileContents(tu->tu, bf, &size);
	rel = tu_file_rel(tu, bf, NULL);
	if (!buf || eo > size || rel[0] == '/') {
		*why = xstrdup("the code is outside the tree");
		return false;
	}
	if (statement && eo < size && buf[eo] == ';')
		eo++;
	add_edit(f, rel, buf, bo, eo, text);
	return true;
}

/*
 * Notes inform; only warnings and errors make the exit status 1, and of
 * those only the ones not suppressed and not in the baseline.
 */
bool findings_worth_failing(const cJSON *findings)
{
	const cJSON *f;

	cJSON_ArrayForEach(f, findings)
		if (finding_gates(f))
			return true;
	return false;
}
