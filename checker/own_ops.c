// SPDX-License-Identifier: GPL-2.0
/*
 * Calls through function pointers, for the solve (own_solve.c).
 *
 * own_ops_facts.c names a call through a field "ops:struct T.f", and the
 * tree's tables say which functions the field may hold ("impl" events).
 * Here each such field becomes a function of its own, with one call of
 * each target on its parameters and its return value: the solve replays
 * the targets' summaries, merged, into every caller, as it does for any
 * wrapper.  A field that more than MAX_TARGETS functions fill (a
 * file_operations method) is not resolved: its calls count in the
 * coverage, and nothing is guessed about them.
 *
 * The solve also tells which files a scan should parse next: a call that
 * hands acquired pages to a function of the driver's own code that no
 * parsed file defines, or through a field no parsed table fills, and a
 * call of such a function that gives the pages a function releases
 * without knowing where they came from (io_pin_pages() of another file).
 */
#include <stdlib.h>
#include <string.h>

#include "gupcheck.h"
#include "own_class.h"

#define MAX_TARGETS 8
#define MAX_ARGS 16

/* An ops key's targets and the first place a table names one. */
struct impl {
	cJSON *targets;		/* key -> array of function keys */
	cJSON *sites;		/* key -> the first "impl" event */
	cJSON *files;		/* key -> that event's record's file */
	cJSON *dirs;		/* target -> own_local_dir() of it */
};

static void impl_read(const cJSON *facts, struct impl *m)
{
	const cJSON *rec, *ev;

	m->targets = cJSON_CreateObject();
	m->sites = cJSON_CreateObject();
	m->files = cJSON_CreateObject();
	m->dirs = cJSON_CreateObject();
	cJSON_ArrayForEach(rec, facts) {
		cJSON_ArrayForEach(ev, cJSON_GetObjectItemCaseSensitive(rec,
								"events")) {
			const char *key = own_str(ev, "n"), *fn = own_str(ev, "fn");
			cJSON *t, *it;
			bool have = false;

			if (strcmp(own_str(ev, "k"), "impl") || !*key || !*fn)
				continue;
			t = cJSON_GetObjectItemCaseSensitive(m->targets, key);
			if (!t) {
				t = cJSON_AddArrayToObject(m->targets, key);
				cJSON_AddItemToObject(m->sites, key,
						      cJSON_Duplicate(ev, true));
				cJSON_AddStringToObject(m->files, key,
							own_str(rec, "file"));
			}
			cJSON_ArrayForEach(it, t)
				have |= !strcmp(it->valuestring, fn);
			if (!have)
				cJSON_AddItemToArray(t, cJSON_CreateString(fn));
			if (cJSON_GetObjectItemCaseSensitive(ev, "dir") &&
			    !cJSON_GetObjectItemCaseSensitive(m->dirs, fn))
				cJSON_AddStringToObject(m->dirs, fn,
							own_str(ev, "dir"));
		}
	}
}

static void impl_free(struct impl *m)
{
	cJSON_Delete(m->targets);
	cJSON_Delete(m->sites);
	cJSON_Delete(m->files);
	cJSON_Delete(m->dirs);
}

/* The record of field KEY: a call of each of TARGETS. */
static cJSON *ops_record(const char *key, const cJSON *targets,
			 const cJSON *site, const char *file,
			 const cJSON *dirs)
{
	cJSON *rec = cJSON_CreateObject(), *events, *ev, *a;
	const cJSON *t;
	char *code;
	int i;

	cJSON_AddStringToObject(rec, "fn", key);
	cJSON_AddStringToObject(rec, "key", key);
	cJSON_AddStringToObject(rec, "file", file);
	cJSON_AddNumberToObject(rec, "line", own_num(site, "l"));
	cJSON_AddNumberToObject(rec, "nparams", MAX_ARGS);
	cJSON_AddTrueToObject(rec, "ops");
	events = cJSON_AddArrayToObject(rec, "events");
	cJSON_ArrayForEach(t, targets) {
		ev = cJSON_CreateObject();
		cJSON_AddStringToObject(ev, "k", "call");
		cJSON_AddStringToObject(ev, "n", "R");
		cJSON_AddNumberToObject(ev, "l", own_num(site, "l"));
		cJSON_AddNumberToObject(ev, "c", own_num(site, "c"));
		cJSON_AddStringToObject(ev, "fn", t->valuestring);
		a = cJSON_AddArrayToObject(ev, "a");
		for (i = 0; i < MAX_ARGS; i++) {
			char *p = xasprintf("P:%d", i);

			cJSON_AddItemToArray(a, cJSON_CreateString(p));
			free(p);
		}
		cJSON_AddTrueToObject(ev, "ret");
		if (cJSON_GetObjectItemCaseSensitive(dirs, t->valuestring))
			cJSON_AddStringToObject(ev, "dir",
						own_str(dirs, t->valuestring));
		code = xasprintf(".%s = %s", strrchr(key, '.') + 1,
				 strrchr(t->valuestring, ':') ?
				 strrchr(t->valuestring, ':') + 1 :
				 t->valuestring);
		cJSON_AddStringToObject(ev, "code", code);
		free(code);
		cJSON_AddItemToArray(events, ev);
	}
	return rec;
}

/*
 * The functions the fields of FACTS's calls through pointers stand for:
 * one record (marked "ops") for each field that one to MAX_TARGETS
 * functions fill, by its key.  The caller frees the object.
 */
cJSON *own_ops_records(const cJSON *facts)
{
	cJSON *out = cJSON_CreateObject();
	const cJSON *t;
	struct impl m;

	impl_read(facts, &m);
	cJSON_ArrayForEach(t, m.targets) {
		int n = cJSON_GetArraySize(t);

		if (n < 1 || n > MAX_TARGETS || !strchr(t->string, '.'))
			continue;
		cJSON_AddItemToObject(out, t->string, ops_record(t->string, t,
			cJSON_GetObjectItemCaseSensitive(m.sites, t->string),
			own_str(m.files, t->string), m.dirs));
	}
	impl_free(&m);
	return out;
}

/* The functions OPS (own_ops_records()) calls, into OUT. */
void own_ops_targets(const cJSON *ops, struct strset *out)
{
	const cJSON *rec, *ev;

	cJSON_ArrayForEach(rec, ops)
		cJSON_ArrayForEach(ev, cJSON_GetObjectItemCaseSensitive(rec,
								"events"))
			strset_add(out, own_str(ev, "fn"));
}

/*
 * What the coverage says of the calls through function pointers that
 * take or give pages: how many went to the functions the tree's tables
 * name ("resolved"), how many through a field more than MAX_TARGETS
 * functions fill ("too_many"), how many through a field no table of the
 * parsed files fills ("no_table").
 */
cJSON *own_ops_coverage(const cJSON *facts)
{
	cJSON *cov = cJSON_CreateObject();
	int resolved = 0, many = 0, none = 0;
	const cJSON *rec, *ev;
	struct impl m;

	impl_read(facts, &m);
	cJSON_ArrayForEach(rec, facts) {
		cJSON_ArrayForEach(ev, cJSON_GetObjectItemCaseSensitive(rec,
								"events")) {
			const cJSON *t;
			int n;

			if (strcmp(own_str(ev, "k"), "call") ||
			    !str_starts(own_str(ev, "fn"), "ops:"))
				continue;
			t = cJSON_GetObjectItemCaseSensitive(m.targets,
							     own_str(ev, "fn"));
			n = cJSON_GetArraySize(t);
			if (!n)
				none++;
			else if (n > MAX_TARGETS)
				many++;
			else
				resolved++;
		}
	}
	impl_free(&m);
	cJSON_AddNumberToObject(cov, "resolved", resolved);
	cJSON_AddNumberToObject(cov, "too_many", many);
	cJSON_AddNumberToObject(cov, "no_table", none);
	return cov;
}

/*
 * SUM, the summary of a field's targets: where one target unpins what a
 * parameter holds and another puts it, which release is right depends
 * on the ops instance the caller has (one pairs a pinning fill with its
 * unpin, another a referencing one with put_page()).  The class then
 * holds pages of another kind too, so that no release through the field
 * is judged by one kind of pages.
 */
void own_ops_ambiguous(cJSON *sum)
{
	cJSON *cl, *rel;

	cJSON_ArrayForEach(cl, sum) {
		bool put = false, unpin = false;
		cJSON *k = cJSON_GetObjectItemCaseSensitive(cl, "kinds");

		cJSON_ArrayForEach(rel, cJSON_GetObjectItemCaseSensitive(cl,
								"rels")) {
			put |= !strcmp(own_str(rel, "f"), "put");
			unpin |= !strcmp(own_str(rel, "f"), "unpin");
		}
		if (put && unpin && cJSON_IsNumber(k)) {
			int kinds = k->valueint | (int)KIND(FAM_OTHER);

			cJSON_SetNumberValue(k, kinds);
		}
	}
}

#define GUP_KINDS (KIND(FAM_GET) | KIND(FAM_PIN) | KIND(FAM_EXTRACT))

/*
 * Does place A of U, or what it holds (A~...), hold acquired pages?  In
 * a function a table puts into a field (ENTRY: the way into a driver's
 * code), a parameter's pages are the caller's: they may be, and it is
 * followed as its caller was (rds_ib_get_mr() hands them to ib_frmr.c).
 */
static bool holds_acquired(struct uf *u, const char *a, bool entry)
{
	size_t len = strlen(a), i;

	if (a[0] == 'P')
		return entry;
	for (i = 0; i < u->n; i++)
		if (!strncmp(u->name[i], a, len) &&
		    (u->name[i][len] == '\0' || u->name[i][len] == '~') &&
		    (u->c[uf_find(u, (int)i)].kinds & GUP_KINDS))
			return true;
	return false;
}

static void follow_add(struct strvec *out, const char *dir, const char *a,
		       const char *b)
{
	size_t i;

	for (i = 0; i + 2 < out->n; i += 3)
		if (!strcmp(out->v[i], dir) && !strcmp(out->v[i + 1], a) &&
		    !strcmp(out->v[i + 2], b))
			return;
	strvec_push(out, dir);
	strvec_push(out, a);
	strvec_push(out, b);
}

/*
 * The calls of REC, whose classes are U, that hand acquired pages to a
 * function of the driver's own code the solve has no summary of (SUMS):
 * into OUT, in threes, the directory to look in and the words a file
 * there must name: the function's name and "", or the struct's tag and
 * the field's name for a call through a field no table of FACTS fills
 * (OPS, own_ops_records() by key), or the name of a target no file gave.
 * ENTRY: REC is a target of a field.
 */
static void follow_fn(const cJSON *ev, const struct jindex *sums,
		      struct strvec *out)
{
	const char *fn = own_str(ev, "fn");

	if (cJSON_IsString(cJSON_GetObjectItemCaseSensitive(ev, "dir")) &&
	    !jindex_get(sums, fn))
		follow_add(out, own_str(ev, "dir"), strrchr(fn, ':') ?
			   strrchr(fn, ':') + 1 : fn, "");
}

/* Does the function release PLACE's pages without knowing their origin? */
static bool released_unknown(struct uf *u, const char *place)
{
	int i = uf_lookup(u, place);

	if (i < 0)
		return false;
	i = uf_find(u, i);
	return !(u->c[i].kinds & GUP_KINDS) && cJSON_GetArraySize(u->c[i].rels);
}

/*
 * Does the call EV give pages (its value, or a place it is given) that
 * the function releases, when nothing says how they were obtained?
 */
static bool gives_released(struct uf *u, const cJSON *ev)
{
	const cJSON *a;

	if (cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(ev, "ret")) &&
	    released_unknown(u, own_str(ev, "n")))
		return true;
	cJSON_ArrayForEach(a, cJSON_GetObjectItemCaseSensitive(ev, "a"))
		if (cJSON_IsString(a) && released_unknown(u, a->valuestring))
			return true;
	return false;
}

void own_ops_follow(struct uf *u, const cJSON *rec, const struct jindex *sums,
		    const struct jindex *ops, bool entry, struct strvec *out)
{
	const cJSON *ev, *a, *t;

	cJSON_ArrayForEach(ev, cJSON_GetObjectItemCaseSensitive(rec, "events")) {
		const char *fn = own_str(ev, "fn"), *dir, *dot, *sp;
		const cJSON *table = jindex_get(ops, fn);
		bool hands = false;
		char *tag;

		if (strcmp(own_str(ev, "k"), "call"))
			continue;
		cJSON_ArrayForEach(a, cJSON_GetObjectItemCaseSensitive(ev, "a"))
			hands |= cJSON_IsString(a) &&
				 holds_acquired(u, a->valuestring, entry);
		if (!hands && !gives_released(u, ev))
			continue;
		/* a field the tables fill: the targets no file gave yet */
		cJSON_ArrayForEach(t, cJSON_GetObjectItemCaseSensitive(table,
								"events"))
			follow_fn(t, sums, out);
		if (table || !str_starts(fn, "ops:")) {
			follow_fn(ev, sums, out);
			continue;
		}
		if (!cJSON_IsString(cJSON_GetObjectItemCaseSensitive(ev, "dir")))
			continue;
		dir = own_str(ev, "dir");
		/* ops:struct T.f: the words T and f */
		sp = strchr(fn, ' ');
		dot = sp ? strrchr(sp, '.') : NULL;
		if (!dot)
			continue;
		tag = xstrndup(sp + 1, (size_t)(dot - sp - 1));
		follow_add(out, dir, tag, dot + 1);
		free(tag);
	}
}
