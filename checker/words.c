// SPDX-License-Identifier: GPL-2.0
/*
 * Many whole words searched at once.  The lexical passes over a whole
 * tree (the prefilter, the ownership analysis's second round, the dead
 * helpers) ask of tens of thousands of files which of a set of
 * identifiers they name.  One memmem() a word reads each file once a
 * word; this reads it once, takes every identifier-shaped run and looks
 * it up, behind a table of the words' first two characters and their
 * lengths, which turns most runs away without hashing them.
 *
 * Comments and strings are not told apart here.  The answer is a
 * superset of what a lexer finds in the code, and callers that care lex
 * the few files that pass.
 */
#include <stdlib.h>
#include <string.h>

#include "gupcheck.h"

static bool ident_start[256], ident_rest[256];

static void classes_init(void)
{
	int c;

	if (ident_rest['_'])
		return;
	for (c = 0; c < 256; c++) {
		ident_start[c] = c == '_' || (c >= 'a' && c <= 'z') ||
				 (c >= 'A' && c <= 'Z');
		ident_rest[c] = ident_start[c] || (c >= '0' && c <= '9');
	}
}

static unsigned int pair_of(const char *s, size_t n)
{
	return (unsigned char)s[0] << 8 | (n > 1 ? (unsigned char)s[1] : 0);
}

static size_t slot_of(const struct words *w, const char *s, size_t n)
{
	size_t mask = w->cap - 1;
	size_t i = (size_t)fnv1a64(s, n, 0) & mask;

	while (w->slot[i]) {
		const char *x = w->v.v[w->slot[i] - 1];

		if (strlen(x) == n && memcmp(x, s, n) == 0)
			break;
		i = (i + 1) & mask;
	}
	return i;
}

static void grow(struct words *w)
{
	size_t i;

	free(w->slot);
	w->cap = w->cap ? w->cap * 2 : 64;
	w->slot = xcalloc(w->cap, sizeof(*w->slot));
	for (i = 0; i < w->v.n; i++)
		w->slot[slot_of(w, w->v.v[i], strlen(w->v.v[i]))] =
			(unsigned int)i + 1;
}

/* Add S (an identifier); returns its index, the old one if it was in. */
size_t words_add(struct words *w, const char *s)
{
	size_t n = strlen(s);

	classes_init();
	if (!n)
		return (size_t)-1;
	if (w->cap && w->slot[slot_of(w, s, n)])
		return w->slot[slot_of(w, s, n)] - 1;
	strvec_push(&w->v, s);
	if ((w->v.n + 1) * 2 > w->cap)
		grow(w);
	else
		w->slot[slot_of(w, s, n)] = (unsigned int)w->v.n;
	w->pairs[pair_of(s, n) >> 3] |= 1u << (pair_of(s, n) & 7);
	if (n > 63)
		n = 63;
	w->lens |= 1ULL << n;
	return w->v.n - 1;
}

void words_add_set(struct words *w, const struct strset *set)
{
	size_t i;

	for (i = 0; i < set->cap; i++)
		if (set->slot[i])
			words_add(w, set->slot[i]);
}

/* The index of the word BUF[0..N), or -1. */
static long lookup(const struct words *w, const char *s, size_t n)
{
	unsigned int p = pair_of(s, n);

	if (!(w->pairs[p >> 3] & (1u << (p & 7))) ||
	    !(w->lens & (1ULL << (n > 63 ? 63 : n))))
		return -1;
	return (long)w->slot[slot_of(w, s, n)] - 1;
}

/*
 * A few words are found faster one by one: memmem() skips through text
 * many bytes at a time, where the identifier walk looks at every byte.
 */
#define FEW_WORDS 4

static bool has_word(const char *buf, size_t len, const char *word)
{
	const unsigned char *p = (const unsigned char *)buf;
	const unsigned char *end = p + len;
	size_t n = strlen(word);

	while (p < end && (p = memmem(p, (size_t)(end - p), word, n))) {
		/* a whole identifier, not the tail of a number or a name */
		if ((p == (const unsigned char *)buf || !ident_rest[p[-1]]) &&
		    (p + n == end || !ident_rest[p[n]]))
			return true;
		p += n;
	}
	return false;
}

static size_t scan_few(const struct words *w, const char *buf, size_t len,
		       bool *seen, bool first)
{
	size_t k, found = 0;

	for (k = 0; k < w->v.n; k++) {
		if (!has_word(buf, len, w->v.v[k]))
			continue;
		if (first)
			return 1;
		seen[k] = true;
		found++;
	}
	return found;
}

/*
 * Mark in SEEN (one flag a word) the words BUF names; returns how many
 * different ones.  With FIRST, stop at the first.
 */
static size_t scan(const struct words *w, const char *buf, size_t len,
		   bool *seen, bool first)
{
	const unsigned char *s = (const unsigned char *)buf;
	size_t i = 0, found = 0;

	if (!w->v.n)
		return 0;
	if (w->v.n <= FEW_WORDS)
		return scan_few(w, buf, len, seen, first);
	while (i < len) {
		size_t start;
		long k;

		if (!ident_start[s[i]]) {
			/* a number's tail is no identifier */
			if (ident_rest[s[i]])
				while (i < len && ident_rest[s[i]])
					i++;
			else
				i++;
			continue;
		}
		start = i;
		while (i < len && ident_rest[s[i]])
			i++;
		k = lookup(w, buf + start, i - start);
		if (k < 0)
			continue;
		if (first)
			return 1;
		if (!seen[k]) {
			seen[k] = true;
			found++;
		}
	}
	return found;
}

bool words_any(const struct words *w, const char *buf, size_t len)
{
	return scan(w, buf, len, NULL, true) > 0;
}

size_t words_find(const struct words *w, const char *buf, size_t len,
		  bool *seen)
{
	memset(seen, 0, w->v.n * sizeof(*seen));
	return scan(w, buf, len, seen, false);
}

/* The index of the string S, or -1: words as a map of strings. */
long words_index(const struct words *w, const char *s)
{
	size_t n = strlen(s);

	if (!w->cap || !n)
		return -1;
	return (long)w->slot[slot_of(w, s, n)] - 1;
}

/* A hash of WHAT and the words, whatever order they came in. */
unsigned long long words_digest(const struct words *w, const char *what)
{
	char **v = xcalloc(w->v.n + 1, sizeof(*v));
	unsigned long long h = fnv1a64(what, strlen(what) + 1, 0);
	size_t i;

	memcpy(v, w->v.v, w->v.n * sizeof(*v));
	strs_sort(v, w->v.n);
	for (i = 0; i < w->v.n; i++)
		h = fnv1a64(v[i], strlen(v[i]) + 1, h);
	free(v);
	return h;
}

void words_free(struct words *w)
{
	strvec_free(&w->v);
	free(w->slot);
	memset(w, 0, sizeof(*w));
}
