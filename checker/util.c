// SPDX-License-Identifier: GPL-2.0
/*
 * Small helpers: allocation that cannot fail quietly, strings, paths and
 * a string set.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "gupcheck.h"

/* A worker says so to its parent instead; see worker.c */
void (*out_of_memory_hook)(void);

static void out_of_memory(void)
{
	if (out_of_memory_hook)
		out_of_memory_hook();
	fputs("gupcheck: out of memory\n", stderr);
	exit(2);
}

void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (!p)
		out_of_memory();
	return p;
}

void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);

	if (!p)
		out_of_memory();
	return p;
}

void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p)
		out_of_memory();
	return p;
}

char *xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *xvasprintf(const char *fmt, va_list ap)
{
	va_list aq;
	char *p;
	int n;

	va_copy(aq, ap);
	n = vsnprintf(NULL, 0, fmt, aq);
	va_end(aq);
	if (n < 0)
		out_of_memory();
	p = xmalloc((size_t)n + 1);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	return p;
}

/* A and B joined: xasprintf("%s%s") without the format's cost. */
char *xconcat(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	char *s = xmalloc(la + lb + 1);

	memcpy(s, a, la);
	memcpy(s + la, b, lb + 1);
	return s;
}

char *xasprintf(const char *fmt, ...)
{
	va_list ap;
	char *p;

	va_start(ap, fmt);
	p = xvasprintf(fmt, ap);
	va_end(ap);
	return p;
}

void fatal(const char *fmt, ...)
{
	va_list ap;

	fputs("gupcheck: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(2);
}

void warn(const char *fmt, ...)
{
	va_list ap;

	fputs("gupcheck: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

/*
 * Read a whole regular file.  On failure returns NULL with *err set to an
 * errno value; a directory or a special file is EINVAL so that a FIFO can
 * never block a scan.
 */
char *read_whole_file(const char *path, size_t *len, int *err)
{
	struct stat st;
	size_t cap, got = 0;
	char *buf;
	int fd;

	fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0) {
		*err = errno;
		return NULL;
	}
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		*err = S_ISDIR(st.st_mode) ? EISDIR : EINVAL;
		close(fd);
		return NULL;
	}
	cap = (size_t)st.st_size + 1;
	buf = xmalloc(cap);
	for (;;) {
		ssize_t r;

		if (got + 1 >= cap) {
			cap *= 2;
			buf = xrealloc(buf, cap);
		}
		r = read(fd, buf + got, cap - got - 1);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			*err = errno;
			free(buf);
			close(fd);
			return NULL;
		}
		if (r == 0)
			break;
		got += (size_t)r;
	}
	close(fd);
	buf[got] = '\0';
	*len = got;
	return buf;
}

bool str_starts(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

bool str_ends(const char *s, const char *suffix)
{
	size_t a = strlen(s), b = strlen(suffix);

	return a >= b && strcmp(s + a - b, suffix) == 0;
}

char *path_join(const char *a, const char *b)
{
	size_t la = strlen(a);

	if (b[0] == '/')
		return xstrdup(b);
	if (la && a[la - 1] == '/')
		return xasprintf("%s%s", a, b);
	return xasprintf("%s/%s", a, b);
}

/*
 * Is REL a path that stays under the directory it is relative to: not
 * empty, not absolute, no ".." component?  Paths read from reports and
 * patches, which strangers write, must be.
 */
bool path_stays_inside(const char *rel)
{
	const char *p = rel;

	if (!rel || !*rel || *rel == '/')
		return false;
	while (*p) {
		size_t n = strcspn(p, "/");

		if (n == 2 && p[0] == '.' && p[1] == '.')
			return false;
		p += n;
		while (*p == '/')
			p++;
	}
	return true;
}

char *path_dirname(const char *path)
{
	const char *slash = strrchr(path, '/');

	if (!slash)
		return xstrdup(".");
	if (slash == path)
		return xstrdup("/");
	return xstrndup(path, (size_t)(slash - path));
}

const char *path_basename(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash ? slash + 1 : path;
}

char *path_real(const char *path)
{
	char *r = realpath(path, NULL);

	return r;
}

/* PATH relative to ROOT when it lies inside it, else PATH itself. */
const char *path_relative(const char *root, const char *path)
{
	size_t n = strlen(root);

	if (strncmp(root, path, n) == 0 && path[n] == '/')
		return path + n + 1;
	return path;
}

unsigned long long fnv1a64(const void *data, size_t len,
			   unsigned long long h)
{
	const unsigned char *p = data;
	size_t i;

	if (!h)
		h = 0xcbf29ce484222325ULL;
	for (i = 0; i < len; i++) {
		h ^= p[i];
		h *= 0x100000001b3ULL;
	}
	return h;
}

/* The time of day, to compare with files' times. */
double wall_seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

double now_seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void strvec_push_nocopy(struct strvec *sv, char *s)
{
	if (sv->n + 1 >= sv->cap) {
		sv->cap = sv->cap ? sv->cap * 2 : 16;
		sv->v = xrealloc(sv->v, sv->cap * sizeof(*sv->v));
	}
	sv->v[sv->n++] = s;
	sv->v[sv->n] = NULL;
}

void strvec_push(struct strvec *sv, const char *s)
{
	strvec_push_nocopy(sv, xstrdup(s));
}

void strvec_free(struct strvec *sv)
{
	size_t i;

	for (i = 0; i < sv->n; i++)
		free(sv->v[i]);
	free(sv->v);
	memset(sv, 0, sizeof(*sv));
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Sort N strings V in byte order. */
void strs_sort(char **v, size_t n)
{
	qsort(v, n, sizeof(*v), by_name);
}

/* The strings of SET added to OUT in byte order (a set has none). */
void strset_sorted(const struct strset *set, struct strvec *out)
{
	size_t i, first = out->n;

	for (i = 0; i < set->cap; i++)
		if (set->slot[i])
			strvec_push(out, set->slot[i]);
	strs_sort(out->v + first, out->n - first);
}

/* Drop entry I of SV: the last entry takes its place. */
void strvec_remove_at(struct strvec *sv, size_t i)
{
	free(sv->v[i]);
	sv->v[i] = sv->v[--sv->n];
	sv->v[sv->n] = NULL;
}

/* Drop the first entry of SV equal to S, as strvec_remove_at(); was one? */
bool strvec_remove(struct strvec *sv, const char *s)
{
	size_t i;

	for (i = 0; i < sv->n; i++)
		if (strcmp(sv->v[i], s) == 0) {
			strvec_remove_at(sv, i);
			return true;
		}
	return false;
}

bool strvec_contains(const struct strvec *sv, const char *s)
{
	size_t i;

	for (i = 0; i < sv->n; i++)
		if (strcmp(sv->v[i], s) == 0)
			return true;
	return false;
}

void sb_add(struct strbuf *sb, const char *s, size_t n)
{
	if (sb->len + n + 1 > sb->cap) {
		while (sb->len + n + 1 > sb->cap)
			sb->cap = sb->cap ? sb->cap * 2 : 256;
		sb->buf = xrealloc(sb->buf, sb->cap);
	}
	memcpy(sb->buf + sb->len, s, n);
	sb->len += n;
	sb->buf[sb->len] = '\0';
}

void sb_adds(struct strbuf *sb, const char *s)
{
	sb_add(sb, s, strlen(s));
}

void sb_addf(struct strbuf *sb, const char *fmt, ...)
{
	va_list ap;
	char *p;

	va_start(ap, fmt);
	p = xvasprintf(fmt, ap);
	va_end(ap);
	sb_adds(sb, p);
	free(p);
}

char *sb_detach(struct strbuf *sb)
{
	char *p = sb->buf ? sb->buf : xstrdup("");

	memset(sb, 0, sizeof(*sb));
	return p;
}

static size_t strset_slot(const struct strset *set, const char *s, size_t len)
{
	size_t i = (size_t)fnv1a64(s, len, 0) & (set->cap - 1);

	while (set->slot[i]) {
		if (strncmp(set->slot[i], s, len) == 0 &&
		    set->slot[i][len] == '\0')
			break;
		i = (i + 1) & (set->cap - 1);
	}
	return i;
}

static void strset_grow(struct strset *set)
{
	struct strset bigger = { 0 };
	size_t i;

	bigger.cap = set->cap ? set->cap * 2 : 64;
	bigger.slot = xcalloc(bigger.cap, sizeof(char *));
	for (i = 0; i < set->cap; i++) {
		char *s = set->slot[i];

		if (s)
			bigger.slot[strset_slot(&bigger, s, strlen(s))] = s;
	}
	bigger.n = set->n;
	free(set->slot);
	*set = bigger;
}

/* Returns true when S was not in the set yet. */
bool strset_add(struct strset *set, const char *s)
{
	size_t i;

	if ((set->n + 1) * 2 > set->cap)
		strset_grow(set);
	i = strset_slot(set, s, strlen(s));
	if (set->slot[i])
		return false;
	set->slot[i] = xstrdup(s);
	set->n++;
	return true;
}

bool strset_has(const struct strset *set, const char *s, size_t len)
{
	if (!set->n)
		return false;
	return set->slot[strset_slot(set, s, len)] != NULL;
}

void strset_free(struct strset *set)
{
	size_t i;

	for (i = 0; i < set->cap; i++)
		free(set->slot[i]);
	free(set->slot);
	memset(set, 0, sizeof(*set));
}

/* The length of the valid UTF-8 sequence at S (of N bytes), or 0. */
static size_t utf8_seq(const unsigned char *s, size_t n)
{
	unsigned int c = s[0], min, v;
	size_t len, i;

	if (c < 0x80)
		return 1;
	if (c >= 0xc2 && c <= 0xdf) {
		len = 2;
		min = 0x80;
		v = c & 0x1f;
	} else if (c >= 0xe0 && c <= 0xef) {
		len = 3;
		min = 0x800;
		v = c & 0x0f;
	} else if (c >= 0xf0 && c <= 0xf4) {
		len = 4;
		min = 0x10000;
		v = c & 0x07;
	} else {
		return 0;
	}
	if (n < len)
		return 0;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		v = v << 6 | (s[i] & 0x3f);
	}
	if (v < min || v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff))
		return 0;
	return len;
}

/*
 * TEXT with each byte that is not valid UTF-8 replaced by U+FFFD.  Source
 * files need not be UTF-8; JSON, SARIF and HTML must be.  In a JSON text
 * such bytes can only be inside strings, so the result stays JSON.
 */
char *utf8_fix(const char *text, size_t len)
{
	const unsigned char *s = (const unsigned char *)text;
	struct strbuf sb = { 0 };
	size_t i = 0;

	while (i < len) {
		size_t n = utf8_seq(s + i, len - i);

		if (n) {
			sb_add(&sb, text + i, n);
			i += n;
		} else {
			sb_add(&sb, "\xef\xbf\xbd", 3);
			i++;
		}
	}
	if (!sb.buf)
		sb_add(&sb, "", 0);
	return sb_detach(&sb);
}

/*
 * An index of a cJSON object's members by name: cJSON finds a member by
 * walking the list, which over the summaries of a whole tree (thousands
 * of members, looked up for every call) costs more than the solve.  The
 * first member of a name wins, as with cJSON_GetObjectItemCaseSensitive.
 */
void jindex_init(struct jindex *x, const cJSON *obj)
{
	size_t n = (size_t)cJSON_GetArraySize(obj), h;
	const cJSON *it;

	x->cap = 16;
	while (x->cap < 2 * n + 2)
		x->cap *= 2;
	x->slot = xcalloc(x->cap, sizeof(*x->slot));
	cJSON_ArrayForEach(it, obj) {
		if (!it->string)
			continue;
		h = fnv1a64(it->string, strlen(it->string), 0) & (x->cap - 1);
		while (x->slot[h] && strcmp(x->slot[h]->string, it->string))
			h = (h + 1) & (x->cap - 1);
		if (!x->slot[h])
			x->slot[h] = it;
	}
}

const cJSON *jindex_get(const struct jindex *x, const char *key)
{
	size_t h;

	if (!key || !x->cap)
		return NULL;
	h = fnv1a64(key, strlen(key), 0) & (x->cap - 1);
	while (x->slot[h]) {
		if (!strcmp(x->slot[h]->string, key))
			return x->slot[h];
		h = (h + 1) & (x->cap - 1);
	}
	return NULL;
}

void jindex_free(struct jindex *x)
{
	free(x->slot);
	memset(x, 0, sizeof(*x));
}

/*
 * Move every item of the array FROM to the end of TO, in order.  By
 * pointer: cJSON counts an array by walking it, so taking items from
 * the front by index costs the square of their number.
 */
void json_move_items(cJSON *to, cJSON *from)
{
	while (from && from->child)
		cJSON_AddItemToArray(to, cJSON_DetachItemViaPointer(from,
								from->child));
}

