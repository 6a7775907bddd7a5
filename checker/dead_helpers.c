// SPDX-License-Identifier: GPL-2.0
/*
 * Helpers that outlived their callers.  rules/removed-api.json names
 * helpers whose only users went away with an API (pipe_discard_from()
 * with ITER_PIPE).  On a whole-tree scan, one that no .c or .h file of the
 * tree mentions outside its own header gets a note at its definition.
 * The search is lexical over every file, so it needs the whole tree.
 */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "gupcheck.h"

/* The names of W (up to 64) that BUF, the file at P, uses in code. */
static unsigned long long uses_in(const struct words *w, char *const *hdr,
				  const char *p, const char *buf, size_t len,
				  bool *seen)
{
	unsigned long long mask = 0;
	struct lexer lx;
	struct token t;
	long k;

	if (!words_find(w, buf, len, seen))
		return 0;
	/* the words may sit in comments: the lexer knows */
	lex_init(&lx, buf, len, 0);
	for (lex_next(&lx, &t); t.kind != TOK_EOF; lex_next(&lx, &t)) {
		if (t.kind != TOK_IDENT)
			continue;
		for (k = 0; k < (long)w->v.n; k++)
			if (seen[k] && strcmp(p, hdr[k]) &&
			    tok_is(&lx, &t, w->v.v[k]))
				mask |= 1ULL << k;
	}
	return mask;
}

struct uses_query {
	const struct words *w;
	char *const *hdr;
	const char *path;
	bool *seen;
};

static unsigned long long uses_answer(const char *buf, size_t len,
				      void *data)
{
	const struct uses_query *uq = data;

	return uses_in(uq->w, uq->hdr, uq->path, buf, len, uq->seen);
}

/* The same, from the lexical memory when P did not change. */
static unsigned long long uses_of(const struct words *w, char *const *hdr,
				  const char *p, const struct stat *st,
				  struct lexmemo *memo,
				  unsigned long long question, bool *seen)
{
	struct uses_query uq = { w, hdr, p, seen };
	unsigned long long mask;
	int err;

	if (lexmemo_ask(memo, question, p, st, uses_answer, &uq, &mask, &err))
		return 0;
	return mask;
}

/*
 * Which of the names of W does a file under ROOT use in its code, other
 * than the name's own header HDR[k]?  One walk for all of them.
 */
static void used_under(const char *root, const struct words *w,
		       char *const *hdr, const struct rules *r,
		       struct lexmemo *memo, unsigned long long *used)
{
	struct strvec stack = { 0 };
	bool *seen = xcalloc(w->v.n + 1, sizeof(*seen));
	unsigned long long question = words_digest(w, "dead helpers");
	size_t i;

	for (i = 0; i < w->v.n; i++)
		question = fnv1a64(hdr[i], strlen(hdr[i]) + 1, question);

	strvec_push(&stack, root);
	while (stack.n) {
		char *d = stack.v[--stack.n];
		DIR *dh = opendir(d);
		struct dirent *de;

		while (dh && (de = readdir(dh))) {
			struct stat st;
			size_t k;
			char *p;

			if (de->d_name[0] == '.')
				continue;
			p = path_join(d, de->d_name);
			for (k = 0; k < r->nr_exclude; k++)
				if (str_starts(path_relative(root, p),
					       r->exclude[k].path))
					break;
			if (k < r->nr_exclude || lstat(p, &st) < 0) {
				free(p);
				continue;
			}
			if (S_ISDIR(st.st_mode)) {
				strvec_push_nocopy(&stack, p);
				continue;
			}
			if ((str_ends(p, ".c") || str_ends(p, ".h")) &&
			    S_ISREG(st.st_mode))
				*used |= uses_of(w, hdr, p, &st, memo,
						 question, seen);
			free(p);
		}
		if (dh)
			closedir(dh);
		free(d);
	}
	strvec_free(&stack);
	free(seen);
}

/* The line and column of NAME's definition in BUF, if it has one. */
static bool definition(const char *buf, size_t len, const char *name,
		       unsigned int *line, unsigned int *col, char **code)
{
	struct lexer lx;
	struct token t, prev = { 0 };
	size_t i, start;

	lex_init(&lx, buf, len, 0);
	for (lex_next(&lx, &t); t.kind != TOK_EOF; prev = t,
	     lex_next(&lx, &t)) {
		if (!(tok_is(&lx, &t, "(") && prev.kind == TOK_IDENT &&
		      tok_is(&lx, &prev, name)))
			continue;
		*line = 1;
		start = 0;
		for (i = 0; i < prev.start; i++)
			if (buf[i] == '\n') {
				(*line)++;
				start = i + 1;
			}
		*col = (unsigned int)(prev.start - start + 1);
		i = prev.start;
		while (i < len && buf[i] != '\n')
			i++;
		*code = xstrndup(buf + start, i - start);
		return true;
	}
	return false;
}

void dead_helpers_check(const struct tree *t, const struct rules *r,
			struct lexmemo *memo, cJSON *findings)
{
	struct dead {
		const struct dead_helper *d;
		unsigned int line, col;
		char *code;
	} *dead = xcalloc(r->nr_dead + 1, sizeof(*dead));
	char **hdr = xcalloc(r->nr_dead + 1, sizeof(*hdr));
	struct words w = { 0 };
	size_t i, b, n = 0;
	bool *used;

	/* the helpers still defined in their headers */
	for (i = 0; i < r->nr_dead; i++) {
		const struct dead_helper *d = &r->dead[i];
		const struct rule_info *ri = rules_rule(r, d->rule);
		char *path = path_join(t->root, d->header), *buf;
		size_t len;
		int err;

		buf = ri && ri->enabled ? read_whole_file(path, &len, &err) :
					  NULL;
		if (buf && definition(buf, len, d->name, &dead[n].line,
				      &dead[n].col, &dead[n].code)) {
			/* a name listed twice is looked for once */
			if (words_add(&w, d->name) == n) {
				dead[n].d = d;
				hdr[n++] = path;
				path = NULL;
			} else {
				free(dead[n].code);
			}
		}
		free(path);
		free(buf);
	}
	used = xcalloc(n + 1, sizeof(*used));
	/* a walk answers for 64 names */
	for (b = 0; b < n; b += 64) {
		struct words batch = { 0 };
		unsigned long long mask = 0;

		for (i = b; i < n && i < b + 64; i++)
			words_add(&batch, w.v.v[i]);
		used_under(t->root, &batch, hdr + b, r, memo, &mask);
		for (i = b; i < n && i < b + 64; i++)
			used[i] = mask & (1ULL << (i - b));
		words_free(&batch);
	}
	for (i = 0; i < n; i++) {
		const struct dead_helper *d = dead[i].d;
		char *msg;
		cJSON *f;

		if (!used[i]) {
			msg = xasprintf("%s() has no caller left in this tree and can go: %s",
					d->name, d->note);
			f = finding_new(d->rule, "note", d->header,
					dead[i].line, dead[i].col, d->name, msg,
					dead[i].code, "tree-wide");
			cJSON_AddItemToArray(findings, f);
			free(msg);
		}
		free(dead[i].code);
		free(hdr[i]);
	}
	words_free(&w);
	free(used);
	free(dead);
	free(hdr);
}
