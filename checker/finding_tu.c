// SPDX-License-Identifier: GPL-2.0
/*
 * Findings at a translation unit's cursors, or at calls known only from
 * their tokens, and the edits of their fixes.  Locations are where the
 * code is written in the tree: a call made inside a macro is reported
 * where the macro is used.
 */
#include <stdarg.h>
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
