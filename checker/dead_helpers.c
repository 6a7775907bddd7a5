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

/* Does a file other than SKIP under DIR use NAME in its code? */
static bool used_under(const char *dir, const char *skip, const char *name,
		       const struct rules *r, const char *root)
{
	struct strvec stack = { 0 };
	size_t n = strlen(name);
	bool used = false;

	strvec_push(&stack, dir);
	while (stack.n && !used) {
		char *d = stack.v[--stack.n];
		DIR *dh = opendir(d);
		struct dirent *de;

		while (dh && !used && (de = readdir(dh))) {
			struct stat st;
			size_t len, k;
			char *p, *buf;
			int err;

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
			    strcmp(p, skip) && S_ISREG(st.st_mode)) {
				buf = read_whole_file(p, &len, &err);
				if (buf && memmem(buf, len, name, n)) {
					struct lexer lx;
					struct token t;

					lex_init(&lx, buf, len, 0);
					for (lex_next(&lx, &t);
					     t.kind != TOK_EOF && !used;
					     lex_next(&lx, &t))
						used = t.kind == TOK_IDENT &&
						       tok_is(&lx, &t, name);
				}
				free(buf);
			}
			free(p);
		}
		if (dh)
			closedir(dh);
		free(d);
	}
	strvec_free(&stack);
	return used;
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
			cJSON *findings)
{
	size_t i;

	for (i = 0; i < r->nr_dead; i++) {
		const struct dead_helper *d = &r->dead[i];
		const struct rule_info *ri = rules_rule(r, d->rule);
		char *hdr = path_join(t->root, d->header), *buf, *code, *msg;
		unsigned int line, col;
		size_t len;
		int err;
		cJSON *f;

		buf = ri && ri->enabled ? read_whole_file(hdr, &len, &err) :
					  NULL;
		if (!buf || !definition(buf, len, d->name, &line, &col,
					&code) ||
		    used_under(t->root, hdr, d->name, r, t->root)) {
			free(buf);
			free(hdr);
			continue;
		}
		msg = xasprintf("%s() has no caller left in this tree and can go: %s",
				d->name, d->note);
		f = finding_new(d->rule, "note", d->header, line, col, d->name,
				msg, code, "tree-wide");
		cJSON_AddItemToArray(findings, f);
		free(msg);
		free(code);
		free(buf);
		free(hdr);
	}
}
