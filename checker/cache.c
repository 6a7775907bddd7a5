// SPDX-License-Identifier: GPL-2.0
/*
 * The result cache (--cache DIR): what parsing a file found, kept so that
 * a scan of a tree that did not change parses nothing.  A file's result
 * (its findings, its ownership facts, its coverage entry) is stored under
 * a key made of:
 *   - the tool: this binary's content and libclang's version;
 *   - the rules: every file of the rules and cocci directories, and the
 *     rules selected;
 *   - what the engine was asked: the tree's root, its hooks, its
 *     questions and the headers the prefilter found relevant (they decide
 *     which inline functions are walked);
 *   - the file: its path, its compiler arguments and where they came
 *     from, and its content.
 * The entry lists the files the parse read (clang's inclusions) with a
 * hash of each; it is used only when all of them still hash the same, so
 * a changed header invalidates exactly the files that include it.
 * Results of parses that failed, timed out or crashed are not kept.
 *
 * Entries are files DIR/results/XX/KEY.json, each written atomically;
 * two scans sharing a cache at most write the same entry twice.
 */
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "gupcheck.h"

/* A 128-bit hash as two FNV-1a streams with different starts. */
static void h2_init(struct hash2 *h)
{
	h->a = 0xcbf29ce484222325ULL;
	h->b = 0x84222325cbf29ce4ULL;
}

static void h2_add(struct hash2 *h, const void *p, size_t n)
{
	/* a separator, so that "ab","c" and "a","bc" differ */
	unsigned long long len = n;

	h->a = fnv1a64(&len, sizeof(len), h->a);
	h->b = fnv1a64(&len, sizeof(len), h->b);
	h->a = fnv1a64(p, n, h->a);
	h->b = fnv1a64(p, n, h->b);
}

static void h2_adds(struct hash2 *h, const char *s)
{
	h2_add(h, s ? s : "", s ? strlen(s) : 0);
}

static char *h2_hex(const struct hash2 *h)
{
	return xasprintf("%016llx%016llx", h->a, h->b);
}

/* The 128-bit hash of BUF as hex: what the index keeps of a file. */
char *content_hex(const void *buf, size_t len)
{
	struct hash2 h;

	h2_init(&h);
	h2_add(&h, buf, len);
	return h2_hex(&h);
}

/* The content of every regular file under DIR, in name order. */
static void hash_dir(struct hash2 *h, const char *dir)
{
	struct dirent **names;
	int n, i;

	n = scandir(dir, &names, NULL, alphasort);
	for (i = 0; i < n; i++) {
		char *p = path_join(dir, names[i]->d_name), *buf;
		struct stat st;
		size_t len;
		int err;

		if (names[i]->d_name[0] != '.' && stat(p, &st) == 0) {
			if (S_ISDIR(st.st_mode)) {
				hash_dir(h, p);
			} else if (S_ISREG(st.st_mode)) {
				buf = read_whole_file(p, &len, &err);
				h2_adds(h, names[i]->d_name);
				if (buf)
					h2_add(h, buf, len);
				free(buf);
			}
		}
		free(p);
		free(names[i]);
	}
	if (n >= 0)
		free(names);
}

/* The tool (this binary, libclang) and the rules data (rules/, cocci/). */
static void tool_hash(struct hash2 *h, const struct rules *r)
{
	CXString v = clang_getClangVersion();
	char *self, *cocci;
	size_t len;
	int err;

	self = read_whole_file("/proc/self/exe", &len, &err);
	if (self)
		h2_add(h, self, len);
	free(self);
	h2_adds(h, clang_getCString(v));
	clang_disposeString(v);
	hash_dir(h, r->dir);
	cocci = path_join(r->dir, "../cocci");
	hash_dir(h, cocci);
	free(cocci);
}

/*
 * What the summary index is keyed by: the tool, the rules data, the
 * kernel VERSION and the configuration (the content of CONFIG_FILE, a
 * build directory's .config or a compile database; NULL: none).
 */
char *index_identity(const struct rules *r, const char *version,
		     const char *config_file)
{
	struct hash2 h;
	size_t len = 0;
	int err;
	char *buf = config_file ? read_whole_file(config_file, &len, &err) :
				  NULL;

	h2_init(&h);
	h2_adds(&h, "gupcheck index 1");
	tool_hash(&h, r);
	h2_adds(&h, version);
	h2_add(&h, buf ? buf : "", buf ? len : 0);
	free(buf);
	return h2_hex(&h);
}

int cache_open(struct cache *c, const char *dir, const struct rules *r,
	       double started)
{
	struct hash2 h;
	size_t i;

	memset(c, 0, sizeof(*c));
	if (mkdir(dir, 0777) && errno != EEXIST) {
		warn("--cache: %s: cannot make the directory: %s", dir,
		     strerror(errno));
		return -1;
	}
	c->dir = path_join(dir, "results");
	if (mkdir(c->dir, 0777) && errno != EEXIST) {
		warn("--cache: %s: cannot make the directory: %s", c->dir,
		     strerror(errno));
		free(c->dir);
		c->dir = NULL;
		return -1;
	}
	h2_init(&h);
	h2_adds(&h, "gupcheck cache 1");
	tool_hash(&h, r);
	for (i = 0; i < r->nr_rules; i++)
		if (r->rule[i].enabled)
			h2_adds(&h, r->rule[i].id);
	c->base = h;
	lexmemo_open(&c->lex, dir, started);
	return 0;
}

/* What the engine was asked, on top of the tool and the rules. */
void cache_engine(struct cache *c, const struct engine *e)
{
	struct hash2 h = c->base;
	struct strvec hdrs = { 0 };
	size_t i;

	/* findings name files relative to the tree's root */
	h2_adds(&h, e->tree ? e->tree->root : "");

	for (i = 0; i < e->nr_calls; i++)
		h2_adds(&h, e->calls[i].name);
	h2_add(&h, &e->nr_functions, sizeof(e->nr_functions));
	for (i = 0; i < e->questions.n; i++)
		h2_adds(&h, e->questions.v[i]);
	for (i = 0; e->question_targets && i < e->question_targets->n; i++)
		h2_adds(&h, e->question_targets->v[i]);
	if (e->relevant_headers)
		strset_sorted(e->relevant_headers, &hdrs);
	for (i = 0; i < hdrs.n; i++)
		h2_adds(&h, hdrs.v[i]);
	strvec_free(&hdrs);
	if (e->cocci) {
		h2_adds(&h, "cocci");
		h2_adds(&h, e->cocci->version);
		for (i = 0; i < e->cocci->scripts.n; i++)
			h2_adds(&h, e->cocci->scripts.v[i]);
	}
	c->engine = h;
}

/*
 * The content hash of PATH, once a scan (the headers are shared by most
 * files); NULL when it cannot be read.
 */
static const char *content_hash(struct cache *c, const char *path)
{
	size_t before = c->paths.v.n, k = words_add(&c->paths, path);
	struct hash2 h;
	size_t len;
	char *buf;
	int err;

	if (k < before)
		return c->hashes.v[k][0] ? c->hashes.v[k] : NULL;
	buf = read_whole_file(path, &len, &err);
	h2_init(&h);
	if (buf)
		h2_add(&h, buf, len);
	strvec_push_nocopy(&c->hashes, buf ? h2_hex(&h) : xstrdup(""));
	free(buf);
	return c->hashes.v[k][0] ? c->hashes.v[k] : NULL;
}

/*
 * The key of PATH parsed with ARGS, which came from HOW (the report says
 * where a file's flags came from), or NULL if it cannot be read.
 */
char *cache_key(struct cache *c, const char *path, const struct strvec *args,
		const char *how)
{
	struct hash2 h = c->engine;
	const char *content = content_hash(c, path);
	size_t i;

	if (!content)
		return NULL;
	h2_adds(&h, path);
	h2_adds(&h, how);
	for (i = 0; i < args->n; i++)
		h2_adds(&h, args->v[i]);
	h2_adds(&h, content);
	return h2_hex(&h);
}

static char *entry_path(const struct cache *c, const char *key)
{
	return xasprintf("%s/%.2s/%s.json", c->dir, key, key + 2);
}

/* The JSON object stored under KEY, or NULL. */
static cJSON *read_entry(const struct cache *c, const char *key)
{
	char *path = entry_path(c, key), *text;
	cJSON *entry;
	size_t len;
	int err;

	text = read_whole_file(path, &len, &err);
	free(path);
	entry = text ? cJSON_ParseWithLength(text, len) : NULL;
	free(text);
	if (entry && !cJSON_IsObject(entry)) {
		cJSON_Delete(entry);
		entry = NULL;
	}
	return entry;
}

/* Store DOC under KEY, atomically; 0 when it is stored. */
static int write_entry(const struct cache *c, const char *key,
		       const cJSON *doc)
{
	char *path = entry_path(c, key), *dir = path_dirname(path);
	char *text = cJSON_PrintUnformatted(doc);
	int ret;

	/* if it cannot be made, write_file_atomic() says why */
	mkdir(dir, 0777);
	ret = write_file_atomic(path, text, strlen(text));
	cJSON_free(text);
	free(dir);
	free(path);
	return ret;
}

/* The result stored under KEY, if every file it read is unchanged. */
cJSON *cache_get(struct cache *c, const char *key)
{
	cJSON *entry = read_entry(c, key), *deps, *d, *res = NULL;

	deps = cJSON_GetObjectItemCaseSensitive(entry, "deps");
	if (!cJSON_IsArray(deps))
		goto out;
	cJSON_ArrayForEach(d, deps) {
		const char *file = cJSON_GetStringValue(cJSON_GetArrayItem(d, 0));
		const char *want = cJSON_GetStringValue(cJSON_GetArrayItem(d, 1));
		const char *now = file ? content_hash(c, file) : NULL;

		if (!now || !want || strcmp(now, want))
			goto out;
	}
	res = cJSON_DetachItemFromObjectCaseSensitive(entry, "result");
	if (!cJSON_IsObject(res)) {
		cJSON_Delete(res);
		res = NULL;
	}
out:
	cJSON_Delete(entry);
	if (res)
		c->hits++;
	else
		c->misses++;
	return res;
}

/*
 * Keep RES under KEY.  Its "inputs" are the files the parse read; one
 * changed since the scan began may have been read before or after the
 * change, so then nothing is kept.
 */
void cache_put(struct cache *c, const char *key, const cJSON *res,
	       double started)
{
	const char *status = cJSON_GetStringValue(
		cJSON_GetObjectItemCaseSensitive(res, "status"));
	const cJSON *inputs = cJSON_GetObjectItemCaseSensitive(res, "inputs");
	cJSON *entry, *deps, *copy, *in;
	struct stat st;

	if (!status || !strcmp(status, "failed") ||
	    cJSON_HasObjectItem(res, "retire"))
		return;
	entry = cJSON_CreateObject();
	deps = cJSON_AddArrayToObject(entry, "deps");
	cJSON_ArrayForEach(in, inputs) {
		const char *file = cJSON_GetStringValue(in), *hash;
		cJSON *d;

		hash = file ? content_hash(c, file) : NULL;
		if (!hash || stat(file, &st) ||
		    st.st_mtim.tv_sec + st.st_mtim.tv_nsec / 1e9 >= started) {
			cJSON_Delete(entry);
			return;
		}
		d = cJSON_CreateArray();
		cJSON_AddItemToArray(d, cJSON_CreateString(file));
		cJSON_AddItemToArray(d, cJSON_CreateString(hash));
		cJSON_AddItemToArray(deps, d);
	}
	copy = cJSON_Duplicate(res, true);
	cJSON_DeleteItemFromObjectCaseSensitive(copy, "inputs");
	cJSON_AddItemToObject(entry, "result", copy);
	if (write_entry(c, key, entry) == 0)
		c->stored++;
	cJSON_Delete(entry);
}

/*
 * A key for a whole-tree step WHAT (the ownership solve) of ITEMS, a JSON
 * array whose order is the order the workers finished in: the items are
 * hashed one by one and the hashes added, so the order does not count.
 */
char *cache_items_key(const struct cache *c, const char *what,
		      const cJSON *items)
{
	struct hash2 h = c->base, sum = { 0, 0 };
	const cJSON *it;

	h2_adds(&h, what);
	cJSON_ArrayForEach(it, items) {
		char *text = cJSON_PrintUnformatted(it);
		struct hash2 one;

		h2_init(&one);
		h2_adds(&one, text);
		sum.a += one.a;
		sum.b += one.b;
		cJSON_free(text);
	}
	h2_add(&h, &sum, sizeof(sum));
	return h2_hex(&h);
}

/* What a whole-tree step left under KEY, or NULL. */
cJSON *cache_blob_get(struct cache *c, const char *key)
{
	return read_entry(c, key);
}

void cache_blob_put(struct cache *c, const char *key, const cJSON *blob)
{
	write_entry(c, key, blob);
}

void cache_close(struct cache *c)
{
	lexmemo_close(&c->lex);
	free(c->dir);
	words_free(&c->paths);
	strvec_free(&c->hashes);
	memset(c, 0, sizeof(*c));
}
