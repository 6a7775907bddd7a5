// SPDX-License-Identifier: GPL-2.0
/*
 * The lexical prefilter.  Parsing is the expensive part of a scan, so only
 * files that mention an identifier some rule listens for are parsed.
 *
 * A call can hide behind a macro defined in a header, so headers are read
 * first: a macro whose body mentions a known identifier becomes known too,
 * until nothing new is learned.  Headers that mention an identifier are
 * remembered, so the engine walks the inline functions of those headers
 * and of no others.
 */
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "gupcheck.h"

static bool known(const struct prefilter *pf, const char *s, size_t n)
{
	return strset_has(&pf->idents, s, n) || strset_has(&pf->learned, s, n);
}

/* Does the code (not the comments) of BUF use a known identifier? */
static bool uses_known(const struct prefilter *pf, const struct words *w,
		       const char *buf, size_t len)
{
	struct lexer lx;
	struct token t;

	/* cheap test first: is any known identifier there at all? */
	if (!words_any(w, buf, len))
		return false;
	lex_init(&lx, buf, len, 0);
	for (lex_next(&lx, &t); t.kind != TOK_EOF; lex_next(&lx, &t))
		if (t.kind == TOK_IDENT &&
		    known(pf, buf + t.start, t.end - t.start))
			return true;
	return false;
}

/*
 * Learn the macros of one header whose bodies use a known identifier.
 * Returns whether the header uses a known identifier at all.
 */
static bool learn_header(struct prefilter *pf, const struct words *w,
			 const char *buf, size_t len, bool *grew)
{
	struct lexer lx;
	struct token t;
	bool relevant = false;
	char *macro = NULL;

	if (!words_any(w, buf, len))
		return false;
	lex_init(&lx, buf, len, 0);
	lex_next(&lx, &t);
	while (t.kind != TOK_EOF) {
		if (t.line_start) {
			free(macro);
			macro = NULL;
		}
		if (t.line_start && t.kind == TOK_PUNCT &&
		    tok_is(&lx, &t, "#")) {
			lex_next(&lx, &t);
			if (!t.line_start && tok_is(&lx, &t, "define")) {
				lex_next(&lx, &t);
				if (!t.line_start && t.kind == TOK_IDENT)
					macro = xstrndup(buf + t.start,
							 t.end - t.start);
				if (!t.line_start)
					lex_next(&lx, &t);
			}
			continue;
		}
		if (t.kind == TOK_IDENT &&
		    known(pf, buf + t.start, t.end - t.start)) {
			relevant = true;
			if (macro && strset_add(&pf->learned, macro))
				*grew = true;
		}
		lex_next(&lx, &t);
	}
	free(macro);
	return relevant;
}

static void list_headers(const char *dir, struct strvec *out)
{
	struct strvec stack = { 0 };

	strvec_push(&stack, dir);
	while (stack.n) {
		char *d = stack.v[--stack.n];
		DIR *dh = opendir(d);
		struct dirent *de;

		while (dh && (de = readdir(dh))) {
			struct stat st;
			char *p;

			if (de->d_name[0] == '.')
				continue;
			p = path_join(d, de->d_name);
			if (lstat(p, &st) == 0 && S_ISDIR(st.st_mode))
				strvec_push_nocopy(&stack, p);
			else if (S_ISREG(st.st_mode) &&
				 str_ends(de->d_name, ".h"))
				strvec_push_nocopy(out, p);
			else
				free(p);
		}
		if (dh)
			closedir(dh);
		free(d);
	}
	strvec_free(&stack);
}

/*
 * The headers a call can come from: the shared include directories and the
 * directories of the files being scanned (drivers keep private headers).
 */
static void collect_headers(const struct tree *t, const struct file_list *fl,
			    struct strvec *out)
{
	struct strset dirs = { 0 };
	char *p;
	size_t i;

	p = path_join(t->root, "include");
	strset_add(&dirs, p);
	list_headers(p, out);
	free(p);
	p = path_join(t->root, "arch");
	if (!strset_has(&dirs, p, strlen(p))) {
		DIR *dh = opendir(p);
		struct dirent *de;

		while (dh && (de = readdir(dh))) {
			char *inc;

			if (de->d_name[0] == '.')
				continue;
			inc = xasprintf("%s/%s/include", p, de->d_name);
			strset_add(&dirs, inc);
			list_headers(inc, out);
			free(inc);
		}
		if (dh)
			closedir(dh);
	}
	free(p);
	for (i = 0; i < fl->n; i++) {
		struct stat st;
		char *d;

		if (fl->f[i].state != FILE_CANDIDATE)
			continue;
		d = path_dirname(fl->f[i].path);
		if (strset_add(&dirs, d)) {
			DIR *dh = opendir(d);
			struct dirent *de;

			while (dh && (de = readdir(dh))) {
				char *h;

				if (!str_ends(de->d_name, ".h"))
					continue;
				h = path_join(d, de->d_name);
				if (lstat(h, &st) == 0 && S_ISREG(st.st_mode))
					strvec_push_nocopy(out, h);
				else
					free(h);
			}
			if (dh)
				closedir(dh);
		}
		free(d);
	}
	strset_free(&dirs);
}

/*
 * The question the headers answer: the identifiers, and the state of
 * every header (a change anywhere may teach a macro).  0: some header is
 * too new to be trusted.
 */
static unsigned long long headers_question(struct prefilter *pf,
					   struct strvec *headers)
{
	struct words w = { 0 };
	unsigned long long q;
	bool trusted = true;
	size_t i;

	words_add_set(&w, &pf->idents);
	q = words_digest(&w, "prefilter headers");
	words_free(&w);
	strs_sort(headers->v, headers->n);
	for (i = 0; i < headers->n; i++) {
		struct stat st;

		if (stat(headers->v[i], &st) == 0)
			q = lexmemo_mix(pf->memo, headers->v[i], &st, q,
					&trusted);
	}
	return trusted ? q : 0;
}

/* What the headers taught last time: "L name" and "H header" lines. */
static bool recall_headers(struct prefilter *pf, unsigned long long q)
{
	char *text = q ? lexmemo_recall(pf->memo, q) : NULL, *line, *next;

	if (!text)
		return false;
	for (line = text; *line; line = next) {
		next = strchr(line, '\n');
		if (!next)
			break;
		*next++ = '\0';
		if (line[0] == 'L' && line[1] == ' ')
			strset_add(&pf->learned, line + 2);
		else if (line[0] == 'H' && line[1] == ' ')
			strset_add(&pf->headers, line + 2);
	}
	free(text);
	return true;
}

static void remember_headers(struct prefilter *pf, unsigned long long q)
{
	const struct strset *sets[] = { &pf->learned, &pf->headers };
	struct strbuf sb = { 0 };
	size_t i, k;

	if (!q || !pf->memo)
		return;
	for (k = 0; k < 2; k++)
		for (i = 0; i < sets[k]->cap; i++) {
			if (!sets[k]->slot[i])
				continue;
			sb_adds(&sb, k ? "H " : "L ");
			sb_adds(&sb, sets[k]->slot[i]);
			sb_adds(&sb, "\n");
		}
	lexmemo_keep(pf->memo, q, sb.buf ? sb.buf : "");
	free(sb.buf);
}

/*
 * Learn the macros of the headers.  What a pass learns, the next pass's
 * cheap test knows; the last pass learns nothing, so every header was
 * tested with all of it.
 */
static void learn_headers(struct prefilter *pf, const struct strvec *headers)
{
	struct words w = { 0 };
	bool grew = true;
	size_t i;

	while (grew) {
		words_free(&w);
		words_add_set(&w, &pf->idents);
		words_add_set(&w, &pf->learned);
		grew = false;
		for (i = 0; i < headers->n; i++) {
			size_t len;
			int err;
			char *buf = read_whole_file(headers->v[i], &len, &err);

			if (!buf)
				continue;
			if (learn_header(pf, &w, buf, len, &grew))
				strset_add(&pf->headers, headers->v[i]);
			free(buf);
		}
	}
	words_free(&w);
}

struct known_query {
	const struct prefilter *pf;
	const struct words *w;
};

static unsigned long long known_answer(const char *buf, size_t len,
				       void *data)
{
	const struct known_query *kq = data;

	return uses_known(kq->pf, kq->w, buf, len);
}

/* Does F use a known identifier?  -1: it cannot be read (ERR). */
static int candidate(struct prefilter *pf, const struct words *w,
		     unsigned long long q, const struct scan_file *f, int *err)
{
	struct known_query kq = { pf, w };
	unsigned long long answer;

	if (lexmemo_ask(pf->memo, q, f->path, NULL, known_answer, &kq,
			&answer, err))
		return -1;
	return (int)answer;
}

void prefilter_run(struct prefilter *pf, const struct tree *t,
		   struct file_list *fl)
{
	struct strvec headers = { 0 };
	struct words w = { 0 };
	unsigned long long q = 0;
	size_t i;

	collect_headers(t, fl, &headers);
	if (pf->memo)
		q = headers_question(pf, &headers);
	if (!recall_headers(pf, q)) {
		learn_headers(pf, &headers);
		remember_headers(pf, q);
	}
	strvec_free(&headers);

	words_add_set(&w, &pf->idents);
	words_add_set(&w, &pf->learned);
	q = words_digest(&w, "prefilter");
	for (i = 0; i < fl->n; i++) {
		struct scan_file *f = &fl->f[i];
		int err = 0, uses;

		if (f->state != FILE_CANDIDATE)
			continue;
		uses = candidate(pf, &w, q, f, &err);
		if (uses < 0) {
			f->state = FILE_UNREADABLE;
			f->reason = xasprintf("cannot read: %s",
					      strerror(err));
		} else if (!uses && !f->explicit) {
			f->state = FILE_NOT_CANDIDATE;
		}
	}
	words_free(&w);
}

void prefilter_free(struct prefilter *pf)
{
	strset_free(&pf->idents);
	strset_free(&pf->learned);
	strset_free(&pf->headers);
}
