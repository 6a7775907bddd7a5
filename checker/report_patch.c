// SPDX-License-Identifier: GPL-2.0
/*
 * The suggested patch: every fix's edits, grouped by file, applied to the
 * file as it is in the tree, and written as one unified diff that
 * 'git apply' takes from the tree's root.  Edits that overlap an earlier
 * one in the same file are left out rather than guessed at.
 */
#include <stdlib.h>
#include <string.h>

#include "gupcheck.h"

#define CONTEXT 3

struct edit {
	const char *file;
	size_t off;
	size_t len;
	const char *text;
};

static int cmp_edit(const void *a, const void *b)
{
	const struct edit *x = a, *y = b;
	int d = strcmp(x->file, y->file);

	if (d)
		return d;
	if (x->off != y->off)
		return x->off < y->off ? -1 : 1;
	return x->len < y->len ? -1 : (x->len > y->len);
}

/* Offsets of the start of every line, plus one past the end. */
static size_t *line_starts(const char *buf, size_t len, size_t *nlines)
{
	size_t n = 1, i, k = 1, *ls;

	for (i = 0; i < len; i++)
		if (buf[i] == '\n' && i + 1 < len)
			n++;
	ls = xmalloc((n + 1) * sizeof(*ls));
	ls[0] = 0;
	for (i = 0; i < len; i++)
		if (buf[i] == '\n' && i + 1 < len)
			ls[k++] = i + 1;
	ls[n] = len;
	*nlines = len ? n : 0;
	return ls;
}

static size_t line_of(const size_t *ls, size_t n, size_t off)
{
	size_t lo = 0, hi = n;

	while (hi - lo > 1) {
		size_t mid = (lo + hi) / 2;

		if (ls[mid] <= off)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

static void emit_lines(struct strbuf *sb, char prefix, const char *s,
		       size_t len)
{
	size_t i = 0;

	while (i < len) {
		const char *nl = memchr(s + i, '\n', len - i);
		size_t end = nl ? (size_t)(nl - s) + 1 : len;

		sb_add(sb, &prefix, 1);
		sb_add(sb, s + i, end - i);
		if (!nl)
			sb_adds(sb, "\n\\ No newline at end of file\n");
		i = end;
	}
}

static size_t count_lines(const char *s, size_t len)
{
	size_t n = 0, i;

	for (i = 0; i < len; i++)
		if (s[i] == '\n')
			n++;
	return n + (len && s[len - 1] != '\n');
}

/* Lines FIRST..LAST with the edits E[0..n) that fall in them applied. */
static void changed_block(struct strbuf *sb, const char *buf,
			  const size_t *ls, size_t first, size_t last,
			  const struct edit *e, size_t n, long *delta)
{
	struct strbuf neu = { 0 };
	size_t pos = ls[first], i;

	for (i = 0; i < n; i++) {
		sb_add(&neu, buf + pos, e[i].off - pos);
		sb_adds(&neu, e[i].text);
		pos = e[i].off + e[i].len;
	}
	sb_add(&neu, buf + pos, ls[last + 1] - pos);
	emit_lines(sb, '-', buf + ls[first], ls[last + 1] - ls[first]);
	emit_lines(sb, '+', neu.buf, neu.len);
	*delta += (long)count_lines(neu.buf, neu.len) - (long)(last + 1 - first);
	free(neu.buf);
}

/*
 * One file's diff from its edits E[0..n), sorted and not overlapping.
 * Edits on the same or adjacent lines make one changed block; blocks
 * within twice the context of each other share a hunk, with the lines
 * between them as context.
 */
static void diff_file(struct strbuf *sb, const char *rel, const char *buf,
		      size_t len, const struct edit *e, size_t n)
{
	size_t nl, *ls = line_starts(buf, len, &nl), i = 0;
	long shift = 0;

	sb_addf(sb, "diff --git a/%s b/%s\n--- a/%s\n+++ b/%s\n", rel, rel,
		rel, rel);
	while (i < n) {
		struct strbuf body = { 0 };
		size_t first = line_of(ls, nl, e[i].off), ctx_a, ctx_b;
		size_t prev_end = first, hunk_last = first;
		long delta = 0;

		ctx_a = first > CONTEXT ? first - CONTEXT : 0;
		emit_lines(&body, ' ', buf + ls[ctx_a], ls[first] - ls[ctx_a]);
		while (i < n) {
			size_t bf = line_of(ls, nl, e[i].off), bl, j = i;

			if (bf != first && bf > hunk_last + 2 * CONTEXT)
				break;
			for (;;) {
				bl = line_of(ls, nl, e[j].off + e[j].len -
					     (e[j].len ? 1 : 0));
				if (j + 1 < n &&
				    line_of(ls, nl, e[j + 1].off) <= bl)
					j++;
				else
					break;
			}
			if (bf > prev_end)
				emit_lines(&body, ' ', buf + ls[prev_end],
					   ls[bf] - ls[prev_end]);
			changed_block(&body, buf, ls, bf, bl, e + i,
				      j + 1 - i, &delta);
			prev_end = bl + 1;
			hunk_last = bl;
			i = j + 1;
		}
		ctx_b = hunk_last + CONTEXT + 1 < nl ? hunk_last + CONTEXT + 1 :
						       nl;
		emit_lines(&body, ' ', buf + ls[prev_end],
			   ls[ctx_b] - ls[prev_end]);
		sb_addf(sb, "@@ -%zu,%zu +%zu,%zu @@\n", ctx_a + 1,
			ctx_b - ctx_a, (size_t)((long)ctx_a + shift) + 1,
			(size_t)((long)(ctx_b - ctx_a) + delta));
		sb_add(sb, body.buf, body.len);
		shift += delta;
		free(body.buf);
	}
	free(ls);
}

static size_t collect(const cJSON *findings, struct edit **out)
{
	const cJSON *f, *e;
	struct edit *v = NULL;
	size_t n = 0;

	cJSON_ArrayForEach(f, findings) {
		/* suppressed: a maintainer decided to keep the code */
		const cJSON *fix = finding_suppressed(f) ? NULL :
				   cJSON_GetObjectItem(f, "fix");

		cJSON_ArrayForEach(e, cJSON_GetObjectItem(fix, "edits")) {
			v = xrealloc(v, (n + 1) * sizeof(*v));
			v[n].file = cJSON_GetObjectItem(e, "file")->valuestring;
			v[n].off = (size_t)cJSON_GetObjectItem(e, "offset")
					->valuedouble;
			v[n].len = (size_t)cJSON_GetObjectItem(e, "length")
					->valuedouble;
			v[n].text = cJSON_GetObjectItem(e, "replacement")
					->valuestring;
			n++;
		}
	}
	if (n)
		qsort(v, n, sizeof(*v), cmp_edit);
	*out = v;
	return n;
}

/* The whole patch; *NR_FILES is how many files it changes. */
char *report_patch(const struct scan_result *res, int *nr_files)
{
	return patch_of(res->tree->root, res->findings, nr_files);
}

/* The patch of the fixes of FINDINGS against the files under ROOT. */
char *patch_of(const char *root, const cJSON *findings, int *nr_files)
{
	struct strbuf sb = { 0 };
	struct edit *e;
	size_t n = collect(findings, &e), i = 0;

	*nr_files = 0;
	while (i < n) {
		size_t j = i, k = i + 1, last, len;
		char *path = path_join(root, e[i].file), *buf;
		int err;

		while (j < n && strcmp(e[j].file, e[i].file) == 0)
			j++;
		/* Keep one of identical edits; drop overlapping ones. */
		for (last = i; k < j; k++) {
			if (e[k].off == e[last].off &&
			    e[k].len == e[last].len &&
			    strcmp(e[k].text, e[last].text) == 0)
				e[k].len = (size_t)-1;
			else
				last = k;
		}
		/* a report's path outside the tree is read by no one */
		if (!path_stays_inside(e[i].file)) {
			warn("%s: a fix's file is outside the tree; it is left out of the patch",
			     e[i].file);
			buf = NULL;
		} else {
			buf = read_whole_file(path, &len, &err);
		}
		if (buf) {
			struct edit *keep = xcalloc(j - i, sizeof(*keep));
			size_t m = 0, end = 0;

			for (k = i; k < j; k++) {
				if (e[k].len == (size_t)-1 || e[k].off < end ||
				    e[k].off + e[k].len > len)
					continue;
				keep[m++] = e[k];
				end = e[k].off + e[k].len;
			}
			if (m) {
				diff_file(&sb, e[i].file, buf, len, keep, m);
				(*nr_files)++;
			}
			free(keep);
			free(buf);
		} else {
			warn("%s: cannot read for the patch", path);
		}
		free(path);
		i = j;
	}
	free(e);
	return sb_detach(&sb);
}
