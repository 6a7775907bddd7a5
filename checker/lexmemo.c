// SPDX-License-Identifier: GPL-2.0
/*
 * The lexical passes' memory, in the result cache's directory.  A
 * whole-tree scan asks of every file of the tree whether it names some
 * words (the prefilter, the ownership analysis's second round, the dead
 * helpers); the answers of a tree that did not change are the answers of
 * the last scan.  An answer is kept under the question and the file, with
 * the file's size, modification time and inode, as make and git trust
 * them; any difference and the file is read again.  A file changed in
 * the second before the scan began is not trusted at all: a change in
 * the same tick would not show in its time.
 *
 * The memory is one file, DIR/lexical, rewritten atomically at the end
 * of a scan that learned something.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "gupcheck.h"

struct lexmemo_entry {
	long long size, mtime;
	unsigned long long ino, answer;
	bool used;
};

static long long mtime_ns(const struct stat *st)
{
	return (long long)st->st_mtim.tv_sec * 1000000000LL +
	       st->st_mtim.tv_nsec;
}

static char *key_of(unsigned long long question, const char *path)
{
	return xasprintf("%016llx %s", question, path);
}

static size_t add(struct lexmemo *m, const char *key)
{
	size_t before = m->keys.v.n, k = words_add(&m->keys, key);

	if (k == before) {
		if (m->n == m->cap) {
			m->cap = m->cap ? m->cap * 2 : 1024;
			m->e = xrealloc(m->e, m->cap * sizeof(*m->e));
		}
		memset(&m->e[m->n++], 0, sizeof(*m->e));
	}
	return k;
}

void lexmemo_open(struct lexmemo *m, const char *dir, double started)
{
	char *text, *line, *next;
	size_t len;
	int err;

	memset(m, 0, sizeof(*m));
	m->path = path_join(dir, "lexical");
	m->trust_before = (long long)((started - 1.0) * 1e9);
	text = read_whole_file(m->path, &len, &err);
	for (line = text; line && *line; line = next) {
		unsigned long long q, ino, answer;
		long long size, mtime;
		int at = 0;
		size_t k;
		char *key;

		next = strchr(line, '\n');
		if (!next)
			break;
		*next++ = '\0';
		if (sscanf(line, "%llx %lld %lld %llu %llx %n", &q, &size,
			   &mtime, &ino, &answer, &at) != 5 || !at ||
		    !line[at])
			continue;
		key = key_of(q, line + at);
		k = add(m, key);
		free(key);
		m->e[k] = (struct lexmemo_entry){ size, mtime, ino, answer,
						  false };
	}
	free(text);
}

/* The answer to QUESTION for PATH, whose state is ST, if it is known. */
static bool lexmemo_get(struct lexmemo *m, unsigned long long question,
		 const char *path, const struct stat *st,
		 unsigned long long *answer)
{
	char *key;
	long k;

	if (!m || !m->path)
		return false;
	key = key_of(question, path);
	k = words_index(&m->keys, key);
	free(key);
	if (k < 0 || m->e[k].size != (long long)st->st_size ||
	    m->e[k].mtime != mtime_ns(st) || m->e[k].ino != st->st_ino)
		return false;
	m->e[k].used = true;
	*answer = m->e[k].answer;
	m->hits++;
	return true;
}

static void lexmemo_put(struct lexmemo *m, unsigned long long question,
			const char *path, const struct stat *st,
			unsigned long long answer)
{
	char *key;
	size_t k;

	if (!m || !m->path || mtime_ns(st) >= m->trust_before ||
	    strchr(path, '\n'))
		return;
	key = key_of(question, path);
	k = add(m, key);
	free(key);
	m->e[k] = (struct lexmemo_entry){ st->st_size, mtime_ns(st),
					  st->st_ino, answer, true };
	m->dirty = true;
}

/*
 * The answer to QUESTION for the file at PATH: from memory while the file
 * is as it was, else ANSWER of its content, then remembered.  ST is the
 * file's state when the caller has it already, else NULL.  Returns -1,
 * with *ERR, when the file cannot be read.  Without a memory (M NULL) it
 * reads and answers.
 */
int lexmemo_ask(struct lexmemo *m, unsigned long long question,
		const char *path, const struct stat *st,
		lexmemo_answer_fn answer, void *data,
		unsigned long long *out, int *err)
{
	struct stat own;
	size_t len;
	char *buf;

	if (m && m->path && !st && stat(path, &own) == 0)
		st = &own;
	if (st && lexmemo_get(m, question, path, st, out))
		return 0;
	buf = read_whole_file(path, &len, err);
	if (!buf)
		return -1;
	*out = answer(buf, len, data);
	free(buf);
	if (st)
		lexmemo_put(m, question, path, st, *out);
	return 0;
}

/*
 * Keep what this scan used, and what it did not (a scan of a directory
 * leaves the rest of the tree's answers) unless that outgrows it: then
 * it belongs to trees and rules gone by.
 */
void lexmemo_close(struct lexmemo *m)
{
	struct strbuf sb = { 0 };
	size_t i, used = 0;
	bool drop;

	for (i = 0; i < m->n; i++)
		used += m->e[i].used;
	drop = m->n - used > used + 200000;
	for (i = 0; m->path && i < m->n; i++) {
		char line[128];

		if (drop && !m->e[i].used)
			continue;
		snprintf(line, sizeof(line), "%.16s %lld %lld %llu %llx ",
			 m->keys.v.v[i], m->e[i].size, m->e[i].mtime,
			 m->e[i].ino, m->e[i].answer);
		sb_adds(&sb, line);
		sb_adds(&sb, m->keys.v.v[i] + 17);
		sb_adds(&sb, "\n");
	}
	if (m->path && (m->dirty || drop) &&
	    write_file_atomic(m->path, sb.buf ? sb.buf : "", sb.len))
		warn("--cache: %s: the lexical memory is not kept", m->path);
	free(sb.buf);
	free(m->path);
	free(m->e);
	words_free(&m->keys);
	memset(m, 0, sizeof(*m));
}

/*
 * Answers bigger than a number (what the prefilter learned from all the
 * headers) are files of their own, DIR/lexical-QUESTION, the question
 * covering the state of every file the answer came from.
 */
char *lexmemo_recall(struct lexmemo *m, unsigned long long question)
{
	char *path, *text;
	size_t len;
	int err;

	if (!m || !m->path)
		return NULL;
	path = xasprintf("%s-%016llx", m->path, question);
	text = read_whole_file(path, &len, &err);
	free(path);
	return text;
}

void lexmemo_keep(struct lexmemo *m, unsigned long long question,
		  const char *text)
{
	char *path;

	if (!m || !m->path)
		return;
	path = xasprintf("%s-%016llx", m->path, question);
	if (write_file_atomic(path, text, strlen(text)))
		warn("--cache: %s: not kept", path);
	free(path);
}

/* Mix the state of a file, as lexmemo_get() compares it, into H. */
unsigned long long lexmemo_mix(const struct lexmemo *m, const char *path,
			       const struct stat *st, unsigned long long h,
			       bool *trusted)
{
	long long v[3] = { st->st_size, mtime_ns(st), (long long)st->st_ino };

	if (m && mtime_ns(st) >= m->trust_before)
		*trusted = false;
	h = fnv1a64(path, strlen(path) + 1, h);
	return fnv1a64(v, sizeof(v), h);
}
