// SPDX-License-Identifier: GPL-2.0
/*
 * Shards: --shard K/N scans a deterministic Kth of N of a whole-tree
 * scan, so that N machines share it and 'gupcheck merge' joins their
 * reports into the report one machine would write.  Every shard lists and
 * prefilters the whole tree (the cheap lexical part), so each makes the
 * same split: the files worth parsing are dealt out by size, largest
 * first, each to the shard with the least so far; the others, which only
 * count in the coverage, go by a hash of their path.  Whole-tree
 * knowledge (resolve.c's lookups) still reads every file of the tree.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "gupcheck.h"

int shard_parse(const char *s, struct shard *sh)
{
	char *end;
	long k, n;

	k = strtol(s, &end, 10);
	if (end == s || *end != '/')
		goto bad;
	n = strtol(end + 1, &end, 10);
	if (*end || n < 1 || n > 4096 || k < 1 || k > n)
		goto bad;
	sh->k = (unsigned int)k;
	sh->n = (unsigned int)n;
	return 0;
bad:
	warn("--shard: '%s' is not K/N with 1 <= K <= N", s);
	return -1;
}

bool shard_owns(const struct shard *sh, const char *rel)
{
	return fnv1a64(rel, strlen(rel), 0) % sh->n == sh->k - 1;
}

struct sized {
	size_t idx;
	long long size;
	const char *rel;
};

static int cmp_sized(const void *a, const void *b)
{
	const struct sized *x = a, *y = b;

	if (x->size != y->size)
		return x->size > y->size ? -1 : 1;
	return strcmp(x->rel, y->rel);
}

/* MINE gets this shard's files of ALL, in ALL's order. */
void shard_split(const struct shard *sh, const struct file_list *all,
		 struct file_list *mine)
{
	struct sized *c = xcalloc(all->n + 1, sizeof(*c));
	long long *load = xcalloc(sh->n, sizeof(*load));
	bool *own = xcalloc(all->n + 1, sizeof(*own));
	size_t i, nc = 0;
	unsigned int k, best;

	for (i = 0; i < all->n; i++) {
		const struct scan_file *f = &all->f[i];
		struct stat st;

		if (f->state != FILE_CANDIDATE) {
			own[i] = shard_owns(sh, f->rel);
			continue;
		}
		c[nc].idx = i;
		c[nc].size = stat(f->path, &st) == 0 ? st.st_size : 0;
		c[nc].rel = f->rel;
		nc++;
	}
	qsort(c, nc, sizeof(*c), cmp_sized);
	for (i = 0; i < nc; i++) {
		for (best = 0, k = 1; k < sh->n; k++)
			if (load[k] < load[best])
				best = k;
		/* a file costs at least a little, even when empty */
		load[best] += c[i].size + 4096;
		own[c[i].idx] = best == sh->k - 1;
	}
	for (i = 0; i < all->n; i++)
		if (own[i])
			file_list_copy(mine, &all->f[i]);
	free(own);
	free(load);
	free(c);
}
