// SPDX-License-Identifier: GPL-2.0
/*
 * A small C lexer.  It knows comments, strings, identifiers and numbers,
 * which is all the prefilter and the argument splitter need; everything
 * else is one punctuation character at a time.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "gupcheck.h"

void lex_init(struct lexer *lx, const char *buf, size_t len, size_t pos)
{
	lx->buf = buf;
	lx->len = len;
	lx->pos = pos;
	lx->at_line_start = pos == 0 || buf[pos - 1] == '\n';
}

static bool is_ident_start(int c)
{
	return isalpha(c) || c == '_' || c == '$';
}

static bool is_ident_char(int c)
{
	return isalnum(c) || c == '_' || c == '$';
}

/* Skip white space, comments and line continuations. */
static void skip_space(struct lexer *lx)
{
	const char *b = lx->buf;

	while (lx->pos < lx->len) {
		char c = b[lx->pos];

		if (c == '\n') {
			lx->at_line_start = true;
			lx->pos++;
		} else if (c == ' ' || c == '\t' || c == '\r' || c == '\f' ||
			   c == '\v') {
			lx->pos++;
		} else if (c == '\\' && lx->pos + 1 < lx->len &&
			   b[lx->pos + 1] == '\n') {
			lx->pos += 2;
		} else if (c == '/' && lx->pos + 1 < lx->len &&
			   b[lx->pos + 1] == '*') {
			const char *end = NULL;

			if (lx->pos + 2 < lx->len)
				end = memmem(b + lx->pos + 2,
					     lx->len - lx->pos - 2, "*/", 2);
			lx->pos = end ? (size_t)(end - b) + 2 : lx->len;
		} else if (c == '/' && lx->pos + 1 < lx->len &&
			   b[lx->pos + 1] == '/') {
			while (lx->pos < lx->len && b[lx->pos] != '\n') {
				if (b[lx->pos] == '\\' &&
				    lx->pos + 1 < lx->len)
					lx->pos++;
				lx->pos++;
			}
		} else {
			break;
		}
	}
}

static void skip_quoted(struct lexer *lx, char quote)
{
	lx->pos++;
	while (lx->pos < lx->len) {
		char c = lx->buf[lx->pos];

		if (c == '\\' && lx->pos + 1 < lx->len) {
			lx->pos += 2;
			continue;
		}
		lx->pos++;
		/* An unterminated literal ends at the line's end. */
		if (c == quote || c == '\n')
			break;
	}
}

void lex_next(struct lexer *lx, struct token *t)
{
	const char *b = lx->buf;
	char c;

	skip_space(lx);
	t->line_start = lx->at_line_start;
	t->start = lx->pos;
	if (lx->pos >= lx->len) {
		t->kind = TOK_EOF;
		t->end = lx->pos;
		return;
	}
	lx->at_line_start = false;
	c = b[lx->pos];
	if (is_ident_start((unsigned char)c)) {
		while (lx->pos < lx->len &&
		       is_ident_char((unsigned char)b[lx->pos]))
			lx->pos++;
		/* L"x", u8"x": a prefix glued to a literal is the literal. */
		if (lx->pos < lx->len &&
		    (b[lx->pos] == '"' || b[lx->pos] == '\'') &&
		    lx->pos - t->start <= 2) {
			skip_quoted(lx, b[lx->pos]);
			t->kind = TOK_STRING;
		} else {
			t->kind = TOK_IDENT;
		}
	} else if (isdigit((unsigned char)c) ||
		   (c == '.' && lx->pos + 1 < lx->len &&
		    isdigit((unsigned char)b[lx->pos + 1]))) {
		lx->pos++;
		while (lx->pos < lx->len) {
			char d = b[lx->pos];

			if ((d == '+' || d == '-') &&
			    strchr("eEpP", b[lx->pos - 1]))
				lx->pos++;
			else if (is_ident_char((unsigned char)d) || d == '.')
				lx->pos++;
			else
				break;
		}
		t->kind = TOK_NUMBER;
	} else if (c == '"' || c == '\'') {
		skip_quoted(lx, c);
		t->kind = TOK_STRING;
	} else {
		lx->pos++;
		t->kind = TOK_PUNCT;
	}
	t->end = lx->pos;
}

bool tok_is(const struct lexer *lx, const struct token *t, const char *s)
{
	size_t n = strlen(s);

	return t->end - t->start == n && memcmp(lx->buf + t->start, s, n) == 0;
}

static void push_arg(struct call_args *ca, size_t *cap, size_t start,
		     size_t end)
{
	if (ca->nargs == *cap) {
		*cap = *cap ? *cap * 2 : 8;
		ca->arg_start = xrealloc(ca->arg_start,
					 *cap * sizeof(size_t));
		ca->arg_end = xrealloc(ca->arg_end, *cap * sizeof(size_t));
	}
	ca->arg_start[ca->nargs] = start;
	ca->arg_end[ca->nargs] = end;
	ca->nargs++;
}

/*
 * Split the arguments of the call whose name starts at NAME_OFF.  Fails on
 * anything it cannot split with certainty: no parenthesis, unbalanced
 * brackets, or a preprocessor directive inside the argument list.
 */
bool lex_call_args(const char *buf, size_t len, size_t name_off,
		   struct call_args *ca)
{
	size_t cap = 0, start = 0, end = 0;
	struct strbuf open = { 0 };	/* the closer each bracket wants */
	struct lexer lx;
	struct token t;
	bool empty = true;

	memset(ca, 0, sizeof(*ca));
	lex_init(&lx, buf, len, name_off);
	lex_next(&lx, &t);
	if (t.kind != TOK_IDENT)
		return false;
	lex_next(&lx, &t);
	if (!tok_is(&lx, &t, "("))
		return false;
	sb_add(&open, ")", 1);
	for (;;) {
		lex_next(&lx, &t);
		if (t.kind == TOK_EOF)
			goto fail;
		if (t.kind == TOK_PUNCT && t.line_start &&
		    tok_is(&lx, &t, "#"))
			goto fail;
		if (t.kind == TOK_PUNCT) {
			char c = buf[t.start];

			if (c == '(' || c == '[' || c == '{') {
				sb_add(&open, c == '(' ? ")" : c == '[' ?
				       "]" : "}", 1);
			} else if (c == ')' || c == ']' || c == '}') {
				/* f(a] is not a call it can split */
				if (open.buf[--open.len] != c)
					goto fail;
				if (!open.len) {
					if (!empty)
						push_arg(ca, &cap, start, end);
					ca->close = t.start;
					free(open.buf);
					return true;
				}
			} else if (c == ';' && open.len == 1) {
				goto fail;
			} else if (c == ',' && open.len == 1) {
				if (empty)
					goto fail;
				push_arg(ca, &cap, start, end);
				empty = true;
				continue;
			}
		}
		if (empty)
			start = t.start;
		end = t.end;
		empty = false;
	}
fail:
	free(open.buf);
	call_args_free(ca);
	return false;
}

void call_args_free(struct call_args *ca)
{
	free(ca->arg_start);
	free(ca->arg_end);
	memset(ca, 0, sizeof(*ca));
}
