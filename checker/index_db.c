// SPDX-License-Identifier: GPL-2.0
/*
 * The summary index: the ownership facts of a whole tree in one SQLite
 * file, so that a scan of one file (or of a patch's files, or Kbuild's
 * CHECK= run of one file) judges its functions with what the rest of the
 * tree does to the pages: a wrapper that pins in another file, a
 * teardown in another file that puts what this one pinned.
 *
 * The file holds:
 *   meta(name, value)   schema, identity (the tool, the rules, the kernel
 *                       version and the configuration: index_identity()),
 *                       the tree it was made of, and what the whole-tree
 *                       solve learned (wrappers, fields holding pages);
 *   files(rel, hash)    every file whose facts are kept, with a hash of
 *                       its content when the index was made;
 *   facts(rel, key, record)         the facts, one record a function.
 *
 * It is written whole, into a temporary file renamed over the old one:
 * readers see the old index or the new, never half of one, and two
 * writers each leave a whole index (the last rename wins).  A reader
 * takes the facts of a file only while the file still has the content
 * it had: a changed or missing file's facts are left out and counted.
 * An index of another identity, or one SQLite cannot read, is not used;
 * the reason is kept for the report and the scan goes on without it.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <sqlite3.h>

#include "gupcheck.h"

#define INDEX_SCHEMA "gupcheck index 2"

static const char schema_sql[] =
	"CREATE TABLE meta(name TEXT PRIMARY KEY, value TEXT);"
	"CREATE TABLE files(rel TEXT PRIMARY KEY, hash TEXT);"
	"CREATE TABLE facts(rel TEXT, key TEXT, record TEXT);"
	"CREATE INDEX facts_rel ON facts(rel);";

/* The hash of ROOT/REL's content; NULL when it cannot be read. */
static char *file_hash(const char *root, const char *rel)
{
	char *p = path_join(root, rel), *buf, *h = NULL;
	struct stat st;
	size_t len;
	int err;

	if (stat(p, &st) == 0 && S_ISREG(st.st_mode)) {
		buf = read_whole_file(p, &len, &err);
		if (buf)
			h = content_hex(buf, len);
		free(buf);
	}
	free(p);
	return h;
}

static int exec(sqlite3 *db, const char *sql)
{
	return sqlite3_exec(db, sql, NULL, NULL, NULL) == SQLITE_OK ? 0 : -1;
}

static int put_meta(sqlite3_stmt *st, const char *name, const char *value)
{
	sqlite3_reset(st);
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, value, -1, SQLITE_STATIC);
	return sqlite3_step(st) == SQLITE_DONE ? 0 : -1;
}

static int put_meta_all(sqlite3 *db, const struct index_meta *m)
{
	sqlite3_stmt *st;
	char *learned = cJSON_PrintUnformatted(m->learned);
	int err;

	if (sqlite3_prepare_v2(db, "INSERT INTO meta VALUES(?, ?)", -1, &st,
			       NULL) != SQLITE_OK) {
		free(learned);
		return -1;
	}
	err = put_meta(st, "schema", INDEX_SCHEMA) ||
	      put_meta(st, "identity", m->identity) ||
	      put_meta(st, "tree", m->root) ||
	      put_meta(st, "kernel", m->version ? m->version : "") ||
	      put_meta(st, "learned", learned);
	sqlite3_finalize(st);
	free(learned);
	return err ? -1 : 0;
}

/*
 * The file REL, once, with its hash: 1 when it is kept (now or before,
 * in DONE), 0 when it cannot be read (nor are its facts kept), -1 when
 * SQLite fails.
 */
static int put_file(sqlite3_stmt *st, struct strset *done, const char *root,
		    const char *rel)
{
	char *h;
	int rc;

	if (strset_has(done, rel, strlen(rel)))
		return 1;
	h = file_hash(root, rel);
	if (!h)
		return 0;
	sqlite3_reset(st);
	sqlite3_bind_text(st, 1, rel, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, h, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(st);
	free(h);
	if (rc != SQLITE_DONE)
		return -1;
	strset_add(done, rel);
	return 1;
}

static int put_facts(sqlite3 *db, const struct index_meta *m,
		     const cJSON *facts)
{
	sqlite3_stmt *fst = NULL, *rst = NULL;
	struct strset done = { 0 };
	const cJSON *rec;
	size_t i;
	int err = -1;

	if (sqlite3_prepare_v2(db, "INSERT INTO files VALUES(?, ?)", -1,
			       &fst, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, "INSERT INTO facts VALUES(?, ?, ?)", -1,
			       &rst, NULL) != SQLITE_OK)
		goto out;
	for (i = 0; i < m->files->n; i++)
		if (put_file(fst, &done, m->root, m->files->v[i]) < 0)
			goto out;
	cJSON_ArrayForEach(rec, facts) {
		const char *rel = own_str(rec, "file");
		char *text;
		int rc = *rel ? put_file(fst, &done, m->root, rel) : 0;

		if (rc < 0)
			goto out;
		if (!rc)
			continue;
		text = cJSON_PrintUnformatted(rec);
		sqlite3_reset(rst);
		sqlite3_bind_text(rst, 1, rel, -1, SQLITE_STATIC);
		sqlite3_bind_text(rst, 2, own_str(rec, "key"), -1,
				  SQLITE_STATIC);
		sqlite3_bind_text(rst, 3, text, -1, SQLITE_STATIC);
		rc = sqlite3_step(rst);
		free(text);
		if (rc != SQLITE_DONE)
			goto out;
	}
	err = 0;
out:
	sqlite3_finalize(fst);
	sqlite3_finalize(rst);
	strset_free(&done);
	return err;
}

/*
 * Write the index of FACTS to PATH, whole: a temporary file in its
 * directory, renamed over PATH.  0, or -1 with a warning naming PATH.
 */
int index_write(const char *path, const struct index_meta *m,
		const cJSON *facts)
{
	char *dir = path_dirname(path);
	char *tmp = xasprintf("%s/.%s.XXXXXX", dir, path_basename(path));
	sqlite3 *db = NULL;
	bool ok = false;
	int fd;

	if (mkdir(dir, 0777) && errno != EEXIST) {
		warn("index %s: cannot make the directory: %s", path,
		     strerror(errno));
		goto out;
	}
	fd = outfile_tmp_open(tmp);
	if (fd < 0) {
		warn("index %s: cannot write: %s", path, strerror(errno));
		goto out;
	}
	close(fd);
	if (sqlite3_open(tmp, &db) != SQLITE_OK ||
	    exec(db, "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;") ||
	    exec(db, "BEGIN") || exec(db, schema_sql) ||
	    put_meta_all(db, m) || put_facts(db, m, facts) ||
	    exec(db, "COMMIT"))
		warn("index %s: cannot write: %s", path,
		     db ? sqlite3_errmsg(db) : "out of memory");
	else
		ok = true;
	if (sqlite3_close(db) != SQLITE_OK && ok) {
		warn("index %s: cannot write", path);
		ok = false;
	}
	if (outfile_tmp_close(tmp, path, ok) && ok) {
		warn("index %s: cannot write: %s", path, strerror(errno));
		ok = false;
	}
out:
	free(tmp);
	free(dir);
	return ok ? 0 : -1;
}

static char *get_meta(sqlite3 *db, const char *name)
{
	sqlite3_stmt *st;
	char *v = NULL;

	if (sqlite3_prepare_v2(db, "SELECT value FROM meta WHERE name = ?", -1,
			       &st, NULL) != SQLITE_OK)
		return NULL;
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
		v = xstrdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	return v;
}

/* Does ROOT/REL still have the content the index saw? */
static bool fresh(const char *root, sqlite3_stmt *st)
{
	const char *rel = (const char *)sqlite3_column_text(st, 0);
	const char *hash = (const char *)sqlite3_column_text(st, 1);
	char *h;
	bool same;

	h = file_hash(root, rel);
	same = h && hash && !strcmp(h, hash);
	free(h);
	return same;
}

/* The files of the index whose content is still the same, into OK. */
static int check_files(struct index *x, sqlite3 *db, struct strset *ok)
{
	static const char sql[] =
		"SELECT rel, hash FROM files ORDER BY rel";
	sqlite3_stmt *st;
	int rc;

	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *rel = (const char *)sqlite3_column_text(st, 0);

		if (!rel)
			continue;
		x->files++;
		if (fresh(x->root, st))
			strset_add(ok, rel);
		else
			strvec_push(&x->stale, rel);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

static int load_facts(struct index *x, sqlite3 *db, const struct strset *ok)
{
	static const char sql[] =
		"SELECT rel, record FROM facts ORDER BY rowid";
	sqlite3_stmt *st;
	int rc;

	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		return -1;
	x->facts = cJSON_CreateArray();
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *rel = (const char *)sqlite3_column_text(st, 0);
		const char *text = (const char *)sqlite3_column_text(st, 1);
		cJSON *rec;

		if (!rel || !text || !strset_has(ok, rel, strlen(rel)))
			continue;
		rec = cJSON_Parse(text);
		if (!cJSON_IsObject(rec) || !*own_str(rec, "key")) {
			cJSON_Delete(rec);
			rc = SQLITE_CORRUPT;
			break;
		}
		cJSON_AddItemToArray(x->facts, rec);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

static void learned_of(struct index *x, const char *text)
{
	cJSON *l = text ? cJSON_Parse(text) : NULL;
	const cJSON *it;

	cJSON_ArrayForEach(it, cJSON_GetObjectItem(l, "wrappers"))
		if (cJSON_IsString(it))
			strvec_push(&x->wrappers, it->valuestring);
	cJSON_ArrayForEach(it, cJSON_GetObjectItem(l, "fields")) {
		const char *dot = cJSON_IsString(it) ?
				  strchr(it->valuestring, '.') : NULL;

		if (!dot)
			continue;
		strvec_push_nocopy(&x->fields,
				   xstrndup(it->valuestring,
					    (size_t)(dot - it->valuestring)));
		strvec_push(&x->fields, dot + 1);
	}
	cJSON_Delete(l);
}

static void not_used(struct index *x, const char *fmt, const char *what)
{
	free(x->why);
	x->why = xasprintf(fmt, what);
}

/*
 * Read the index at X->path for the tree X->root, if it is of IDENTITY.
 * 0: read (X->facts, X->wrappers, X->fields); 1: there is none; -1: it
 * is there and not used, X->why says why.  Nothing is fatal.
 */
int index_read(struct index *x, const char *identity)
{
	struct strset ok = { 0 };
	sqlite3 *db = NULL;
	char *schema = NULL, *id = NULL, *learned = NULL;
	int ret = -1;

	if (access(x->path, F_OK))
		return 1;
	if (sqlite3_open_v2(x->path, &db, SQLITE_OPEN_READONLY, NULL) !=
	    SQLITE_OK) {
		not_used(x, "SQLite cannot open it: %s",
			 db ? sqlite3_errmsg(db) : "out of memory");
		goto out;
	}
	sqlite3_busy_timeout(db, 10000);
	schema = get_meta(db, "schema");
	if (!schema || strcmp(schema, INDEX_SCHEMA)) {
		not_used(x, "%s", sqlite3_errcode(db) == SQLITE_OK ||
			 sqlite3_errcode(db) == SQLITE_DONE ?
			 "not a gupcheck index of this version" :
			 sqlite3_errmsg(db));
		goto out;
	}
	id = get_meta(db, "identity");
	if (!id || strcmp(id, identity)) {
		not_used(x, "%s", "made by another gupcheck or rules, or of another kernel version or configuration; run 'gupcheck index' again");
		goto out;
	}
	learned = get_meta(db, "learned");
	if (check_files(x, db, &ok) || load_facts(x, db, &ok)) {
		not_used(x, "cannot be read: %s", sqlite3_errmsg(db));
		cJSON_Delete(x->facts);
		x->facts = NULL;
		goto out;
	}
	learned_of(x, learned);
	ret = 0;
out:
	sqlite3_close(db);
	strset_free(&ok);
	free(schema);
	free(id);
	free(learned);
	return ret;
}

void index_free(struct index *x)
{
	free(x->path);
	free(x->root);
	free(x->identity);
	free(x->version);
	free(x->why);
	cJSON_Delete(x->facts);
	strvec_free(&x->stale);
	strvec_free(&x->wrappers);
	strvec_free(&x->fields);
	memset(x, 0, sizeof(*x));
}
