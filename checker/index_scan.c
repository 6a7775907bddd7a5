// SPDX-License-Identifier: GPL-2.0
/*
 * The summary index in a run (index_db.c keeps it): which file, whether
 * the run writes it (gupcheck index, a whole-tree scan) or reads it (a
 * scan of some files, a patch's files, Kbuild's CHECK= run of one file),
 * and what reading adds to the ownership analysis: the facts of every
 * file the run did not parse, and what the whole tree taught (the
 * wrappers and the fields that hold acquired pages), so that the run's
 * files are judged as a whole-tree scan judges them.  The run then
 * reports what is in its files, or has its evidence there; what the
 * index alone shows belongs to the other files' scans.
 *
 * The file: --index FILE, else $GUPCHECK_INDEX ('' turns the index
 * off), else index-VERSION-CONFIG.sqlite in the cache directory (--cache,
 * $XDG_CACHE_HOME/gupcheck or ~/.cache/gupcheck), CONFIG being a hash of
 * the build directory's .config (or of the compile database).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "gupcheck.h"

static char *cache_home(const char *cache_dir)
{
	const char *xdg = getenv("XDG_CACHE_HOME"), *home = getenv("HOME");
	char *c, *d;

	if (cache_dir && *cache_dir)
		return xstrdup(cache_dir);
	if (xdg && *xdg == '/')
		return path_join(xdg, "gupcheck");
	if (!home || *home != '/')
		return NULL;
	c = path_join(home, ".cache");
	d = path_join(c, "gupcheck");
	free(c);
	return d;
}

/* mkdir -p DIR: the cache directory of a new user may not be there. */
static void make_dirs(const char *dir)
{
	char *p = xstrdup(dir), *s;

	for (s = p + 1; *s; s++) {
		if (*s != '/')
			continue;
		*s = '\0';
		if (mkdir(p, 0777) && errno != EEXIST)
			break;
		*s = '/';
	}
	mkdir(p, 0777);
	free(p);
}

static char *default_path(const char *cache_dir, const char *version,
			  const char *config_file, bool write)
{
	char *dir = cache_home(cache_dir), *buf, *name, *p;
	unsigned long long h = fnv1a64("", 0, 0);
	size_t len;
	int err;

	if (!dir)
		return NULL;
	if (write)
		make_dirs(dir);
	buf = config_file ? read_whole_file(config_file, &len, &err) : NULL;
	if (buf)
		h = fnv1a64(buf, len, h);
	free(buf);
	name = xasprintf("index-%s-%08llx.sqlite", version,
			 h & 0xffffffffULL);
	p = path_join(dir, name);
	free(name);
	free(dir);
	return p;
}

/*
 * Decide X for a run on the tree T: OPT is --index or NULL, WRITE says
 * the run writes the index (else it reads one if there is one).  X->path
 * stays NULL when the index is turned off.  Never fatal: what keeps an
 * index from being read is X->why.
 */
void index_setup(struct index *x, const char *opt, const char *cache_dir,
		 const struct tree *t, const struct rules *r,
		 const char *build, const char *compdb, bool write)
{
	const char *version = t->version ? t->version : "unknown";
	char *config = build ? path_join(build, ".config") : NULL;
	const char *cf = config ? config : compdb;

	memset(x, 0, sizeof(*x));
	if (!opt)
		opt = getenv("GUPCHECK_INDEX");
	if (opt && !*opt) {
		free(config);
		return;
	}
	x->path = opt ? xstrdup(opt) :
			 default_path(cache_dir, version, cf, write);
	if (!x->path) {
		free(config);
		return;
	}
	x->identity = index_identity(r, version, cf);
	x->root = xstrdup(t->root);
	x->version = xstrdup(version);
	x->write = write;
	free(config);
	if (!write && index_read(x, x->identity) == 1)
		x->why = xasprintf("there is no index at %s: the other files' facts were not available (run 'gupcheck index' on the tree)",
				   x->path);
}

/* Write the facts of a whole-tree run; a failure is a warning only. */
void index_store(struct index *x, const cJSON *facts, const cJSON *learned,
		 const struct file_list *fl)
{
	struct strvec files = { 0 };
	struct index_meta m;
	size_t i;

	for (i = 0; i < fl->n; i++)
		if (fl->f[i].state == FILE_CLEAN ||
		    fl->f[i].state == FILE_ERRORS)
			strvec_push(&files, fl->f[i].rel);
	m.identity = x->identity;
	m.root = x->root;
	m.version = x->version;
	m.files = &files;
	m.learned = learned;
	x->written = index_write(x->path, &m, facts) == 0;
	x->files = files.n;
	x->used = (size_t)cJSON_GetArraySize(facts);
	strvec_free(&files);
}

/*
 * The facts of the index the run needs: those of the files it did not
 * parse (PARSED) and of the functions FACTS does not have (an inline
 * function of a header both saw).  They are taken out of X.
 */
cJSON *index_take(struct index *x, const cJSON *facts,
		  const struct strset *parsed)
{
	struct strset keys = { 0 };
	cJSON *out = cJSON_CreateArray(), *rec;
	const cJSON *f;

	cJSON_ArrayForEach(f, facts)
		strset_add(&keys, own_str(f, "key"));
	while (x->facts && x->facts->child) {
		const char *file, *key;

		rec = cJSON_DetachItemViaPointer(x->facts, x->facts->child);
		file = own_str(rec, "file");
		key = own_str(rec, "key");
		if (strset_has(parsed, file, strlen(file)) ||
		    strset_has(&keys, key, strlen(key))) {
			cJSON_Delete(rec);
			continue;
		}
		cJSON_AddItemToArray(out, rec);
		x->used++;
	}
	strset_free(&keys);
	return out;
}

static bool in(const cJSON *loc, const void *parsed)
{
	const char *file = cJSON_GetStringValue(cJSON_GetObjectItem(loc,
								    "file"));

	return file && strset_has(parsed, file, strlen(file));
}

/* Keep the findings in the files parsed, or with evidence there. */
void index_keep_ours(cJSON *found, const struct strset *parsed)
{
	findings_keep(found, in, parsed);
}

/* The coverage entry: which index, and what it gave or why it did not. */
cJSON *index_json(const struct index *x)
{
	cJSON *o = cJSON_CreateObject(), *st;
	size_t i;

	cJSON_AddStringToObject(o, "file", x->path);
	if (x->write) {
		cJSON_AddBoolToObject(o, "written", x->written);
		return o;
	}
	cJSON_AddBoolToObject(o, "used", !x->why);
	if (x->why)
		cJSON_AddStringToObject(o, "reason", x->why);
	cJSON_AddNumberToObject(o, "files", (double)x->files);
	cJSON_AddNumberToObject(o, "facts", (double)x->used);
	cJSON_AddNumberToObject(o, "files_changed", (double)x->stale.n);
	st = cJSON_AddArrayToObject(o, "changed");
	for (i = 0; i < x->stale.n && i < 20; i++)
		cJSON_AddItemToArray(st, cJSON_CreateString(x->stale.v[i]));
	return o;
}
