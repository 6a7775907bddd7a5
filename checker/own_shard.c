// SPDX-License-Identifier: GPL-2.0
/*
 * The ownership analysis across shards.  Its mismatch rules
 * (gup/pin-put-mismatch, gup/get-unpin-mismatch, gup/extract-release)
 * solve the facts of the whole tree, and a shard has only its own: pages
 * pinned in a file of one shard may be put from a struct field in a file
 * of another.  So a shard solves nothing for findings: its JSON report
 * carries, as "ownership", the facts of both rounds and the files it
 * parsed for facts alone, and 'gupcheck merge' keeps each function's
 * facts once, solves the union, and counts those files in the coverage
 * once, as the unsharded scan counts them.
 *
 * Round two in a shard: it learns wrappers and fields from its own facts
 * and parses every file of the whole tree that the learning selects,
 * whichever shard owns the file; two shards may parse the same file, and
 * merge keeps its facts once.  Learning only grows with facts (but for
 * the solver's bounds on places and rounds), so the shards together
 * parse no file the unsharded scan does not.  They parse fewer when a
 * name is learned only from facts of two shards together: a wrapper
 * whose pages come from a callee defined in a file of another shard, or
 * a field that holds GUP pages only through a place joined in another
 * shard's file.  A file that names no GUP function and calls such a
 * wrapper, or releases from such a field, is then read by no shard, and
 * a mismatch that only its facts show is missed.  So each shard reports
 * what it learned, merge learns again from the round-one facts of all
 * of them (as the unsharded scan does) and names in the coverage, as
 * "learned_across_shards", the names no shard learned alone: the files
 * that use them are the ones an unsharded scan may read and the shards
 * did not.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "gupcheck.h"

static const char *state_name(enum file_state s)
{
	switch (s) {
	case FILE_CLEAN:
		return "clean";
	case FILE_ERRORS:
		return "errors";
	default:
		return "not_parsed";
	}
}

/*
 * A shard's "ownership": FACTS and LEARNED (taken over: what round one
 * learned, see own_collect()), and the files MORE it parsed for facts
 * alone, which its own coverage leaves out.
 */
cJSON *own_shard_json(cJSON *facts, cJSON *learned,
		      const struct file_list *more)
{
	cJSON *o = cJSON_CreateObject(), *files;
	size_t i;

	cJSON_AddItemToObject(o, "facts", facts);
	cJSON_AddItemToObject(o, "learned", learned);
	files = cJSON_AddArrayToObject(o, "files");
	for (i = 0; i < more->n; i++) {
		const struct scan_file *f = &more->f[i];
		cJSON *e = cJSON_CreateObject();

		cJSON_AddStringToObject(e, "file", f->rel);
		cJSON_AddStringToObject(e, "state", state_name(f->state));
		cJSON_AddStringToObject(e, "reason", f->reason ? f->reason : "");
		cJSON_AddItemToArray(files, e);
	}
	return o;
}

static bool is_str(const cJSON *o, const char *key)
{
	return cJSON_IsString(cJSON_GetObjectItem(o, key));
}

static bool is_num(const cJSON *o, const char *key)
{
	return cJSON_IsNumber(cJSON_GetObjectItem(o, key));
}

/* Is REC one function's facts, as far as own_solve() relies on them? */
static bool valid_record(const cJSON *rec)
{
	const cJSON *ev;
	const char *k;

	if (!is_str(rec, "fn") || !is_str(rec, "key") ||
	    !is_str(rec, "file") || !is_num(rec, "line") ||
	    !cJSON_IsArray(cJSON_GetObjectItem(rec, "events")))
		return false;
	cJSON_ArrayForEach(ev, cJSON_GetObjectItem(rec, "events")) {
		if (!is_str(ev, "k") || !is_str(ev, "n") || !is_num(ev, "l") ||
		    !is_num(ev, "c"))
			return false;
		k = cJSON_GetStringValue(cJSON_GetObjectItem(ev, "k"));
		if ((!strcmp(k, "alias") || !strcmp(k, "flow")) &&
		    !is_str(ev, "m"))
			return false;
	}
	return true;
}

static const cJSON *ownership_of(const cJSON *doc)
{
	return cJSON_GetObjectItem(doc, "ownership");
}

/*
 * The facts the reports DOCS carry, each function once (a file that two
 * shards parsed in round two gives the same facts twice); NULL if a
 * report's are malformed.
 */
static cJSON *union_facts(const cJSON *docs)
{
	cJSON *all = cJSON_CreateArray();
	struct strset seen = { 0 };
	const cJSON *doc, *rec;

	cJSON_ArrayForEach(doc, docs) {
		const cJSON *facts = cJSON_GetObjectItem(ownership_of(doc),
							 "facts");

		if (ownership_of(doc) && !cJSON_IsArray(facts))
			goto bad;
		cJSON_ArrayForEach(rec, facts) {
			char *key;

			if (!valid_record(rec))
				goto bad;
			key = xasprintf("%s|%s|%d",
					cJSON_GetObjectItem(rec, "file")->valuestring,
					cJSON_GetObjectItem(rec, "key")->valuestring,
					cJSON_GetObjectItem(rec, "line")->valueint);
			if (strset_add(&seen, key))
				cJSON_AddItemToArray(all,
						     cJSON_Duplicate(rec, true));
			free(key);
		}
	}
	strset_free(&seen);
	return all;
bad:
	strset_free(&seen);
	cJSON_Delete(all);
	return NULL;
}

static bool clang_ran(const cJSON *doc)
{
	const cJSON *e;

	cJSON_ArrayForEach(e, cJSON_GetObjectItem(cJSON_GetObjectItem(doc,
								      "tool"),
						  "engines"))
		if (cJSON_IsString(e) && !strcmp(e->valuestring, "clang"))
			return true;
	return false;
}

/*
 * When the ownership rules run, every shard of DOCS that ran the clang
 * engine must carry its facts; a report that is no shard (a whole scan,
 * Kbuild's JSON Lines) has its findings already.
 */
static bool shards_carry(const cJSON *docs)
{
	const cJSON *doc;

	cJSON_ArrayForEach(doc, docs)
		if (cJSON_GetObjectItem(cJSON_GetObjectItem(doc, "scope"),
					"shard") && clang_ran(doc) &&
		    !ownership_of(doc))
			return false;
	return true;
}

/* The names the shards of DOCS learned, into KNOWN; false if one lacks them. */
static bool shards_learned(const cJSON *docs, struct strset *known)
{
	static const char *const lists[] = { "wrappers", "fields" };
	const cJSON *doc, *l, *n;
	size_t i;

	cJSON_ArrayForEach(doc, docs) {
		if (!ownership_of(doc))
			continue;
		l = cJSON_GetObjectItem(ownership_of(doc), "learned");
		if (!cJSON_IsObject(l))
			return false;
		for (i = 0; i < ARRAY_SIZE(lists); i++)
			cJSON_ArrayForEach(n, cJSON_GetObjectItem(l, lists[i]))
				if (cJSON_IsString(n))
					strset_add(known, n->valuestring);
	}
	return true;
}

/*
 * The records of FACTS that round one gave: not of a file a shard of DOCS
 * parsed for facts alone (round two reads no candidate file, and every
 * shard takes the same files for candidates).  References: FACTS must
 * outlive the array.
 */
static cJSON *round_one(const cJSON *docs, const cJSON *facts)
{
	struct strset more = { 0 };
	const cJSON *doc, *e, *rec;
	cJSON *one = cJSON_CreateArray();
	const char *file;

	cJSON_ArrayForEach(doc, docs)
		cJSON_ArrayForEach(e, cJSON_GetObjectItem(ownership_of(doc),
							  "files")) {
			file = cJSON_GetStringValue(cJSON_GetObjectItem(e,
									"file"));
			if (file)
				strset_add(&more, file);
		}
	cJSON_ArrayForEach(rec, facts) {
		file = cJSON_GetObjectItem(rec, "file")->valuestring;
		if (!strset_has(&more, file, strlen(file)))
			cJSON_AddItemReferenceToArray(one, (cJSON *)rec);
	}
	strset_free(&more);
	return one;
}

/* Drop from the array L the names in KNOWN; does any stay? */
static bool drop_known(cJSON *l, const struct strset *known)
{
	cJSON *n = l ? l->child : NULL, *next;

	for (; n; n = next) {
		next = n->next;
		if (strset_has(known, n->valuestring, strlen(n->valuestring)))
			cJSON_Delete(cJSON_DetachItemViaPointer(l, n));
	}
	return cJSON_GetArraySize(l) > 0;
}

/*
 * The wrappers and fields that round one learns from the facts of all
 * the shards of DOCS together (FACTS, their union) and no shard learned
 * from its own, as own_learned_json() gives them; NULL when there are
 * none or a shard does not say what it learned.
 */
static cJSON *across_shards(const cJSON *docs, const struct rules *r,
			    const cJSON *facts)
{
	struct strset known = { 0 };
	struct strvec w = { 0 }, f = { 0 };
	cJSON *one, *scratch, *all;
	bool wrappers, fields;

	if (!shards_learned(docs, &known)) {
		strset_free(&known);
		return NULL;
	}
	one = round_one(docs, facts);
	scratch = cJSON_CreateArray();
	cJSON_Delete(own_solve(r, one, scratch, &w, &f, NULL));
	cJSON_Delete(scratch);
	cJSON_Delete(one);
	all = own_learned_json(&w, &f);
	wrappers = drop_known(cJSON_GetObjectItem(all, "wrappers"), &known);
	fields = drop_known(cJSON_GetObjectItem(all, "fields"), &known);
	strvec_free(&w);
	strvec_free(&f);
	strset_free(&known);
	if (!wrappers && !fields) {
		cJSON_Delete(all);
		return NULL;
	}
	return all;
}

/*
 * The findings of the ownership rules R enables over the facts the
 * shards of DOCS carry, as a scan makes them: with their evidence and
 * fixes, and marked by the suppression comments of the tree ROOT (whose
 * malformed ones in the files of these findings are findings too, as in
 * a scan).  Into *SOLVED, or NULL when no report carries facts.
 * Into *ACROSS, the names only the shards together learn
 * (across_shards()), or NULL.  Returns -1 with a warning when a shard
 * lacks its facts, they are malformed, or the tree is not there.
 */
int own_merge(const cJSON *docs, const struct rules *r, const char *root,
	      cJSON **solved, cJSON **across)
{
	struct tree t = { 0 };
	const cJSON *doc;
	cJSON *facts, *sum;
	struct stat st;
	bool any = false;

	*solved = NULL;
	*across = NULL;
	if (!ownership_enabled(r))
		return 0;
	if (!shards_carry(docs)) {
		warn("a shard report without the facts of the ownership analysis (made by an older gupcheck?): scan the shards again");
		return -1;
	}
	cJSON_ArrayForEach(doc, docs)
		any |= ownership_of(doc) != NULL;
	if (!any)
		return 0;
	facts = union_facts(docs);
	if (!facts) {
		warn("the ownership facts of a shard report are malformed");
		return -1;
	}
	errno = 0;
	if (stat(root, &st) || !S_ISDIR(st.st_mode)) {
		warn("%s: %s; the suppression comments of the ownership findings are read from the tree: name it with --tree",
		     root, errno ? strerror(errno) : "not a directory");
		cJSON_Delete(facts);
		return -1;
	}
	*across = across_shards(docs, r, facts);
	*solved = cJSON_CreateArray();
	sum = own_solve(r, facts, *solved, NULL, NULL, NULL);
	cJSON_Delete(sum);
	cJSON_Delete(facts);
	t.root = xstrdup(root);
	suppressions_apply(&t, r, NULL, *solved);
	free(t.root);
	return 0;
}

static void bump(cJSON *o, const char *key, int by)
{
	cJSON *n = cJSON_GetObjectItem(o, key);

	if (cJSON_IsNumber(n))
		cJSON_SetNumberValue(n, n->valuedouble + by);
}

/*
 * Count the files the shards of DOCS parsed for facts alone into the
 * merged COVERAGE, once each, as report_json() counts them in an
 * unsharded scan: no longer without identifiers, but parsed.
 */
void own_merge_coverage(const cJSON *docs, cJSON *coverage)
{
	struct strset seen = { 0 };
	const cJSON *doc, *e;
	cJSON *facts = NULL;
	bool any = false;

	/* the functions whose paths were cut, from the shards' facts */
	cJSON_ArrayForEach(doc, docs)
		any |= ownership_of(doc) != NULL;
	if (any)
		facts = union_facts(docs);
	if (facts) {
		cJSON *cov = own_coverage(facts), *it;

		cJSON_AddItemToObject(cov, "ops_calls",
				      own_ops_coverage(facts));
		while ((it = cov->child)) {
			cJSON_DetachItemViaPointer(cov, it);
			cJSON_AddItemToObject(coverage, it->string, it);
		}
		cJSON_Delete(cov);
	}
	cJSON_Delete(facts);

	cJSON_ArrayForEach(doc, docs)
		cJSON_ArrayForEach(e, cJSON_GetObjectItem(ownership_of(doc),
							  "files")) {
			const char *file = cJSON_GetStringValue(
				cJSON_GetObjectItem(e, "file"));
			const char *state = cJSON_GetStringValue(
				cJSON_GetObjectItem(e, "state"));
			const char *reason = cJSON_GetStringValue(
				cJSON_GetObjectItem(e, "reason"));
			const char *list = NULL;
			cJSON *entry;

			if (!file || !state || !strset_add(&seen, file))
				continue;
			bump(coverage, "without_identifiers", -1);
			bump(coverage, "candidates", 1);
			if (!strcmp(state, "clean")) {
				bump(coverage, "parsed_clean", 1);
				continue;
			}
			if (!strcmp(state, "errors")) {
				bump(coverage, "parsed_with_errors", 1);
				list = "files_with_errors";
			} else {
				bump(coverage, "not_parsed", 1);
				list = "files_not_parsed";
			}
			entry = cJSON_CreateObject();
			cJSON_AddStringToObject(entry, "file", file);
			cJSON_AddStringToObject(entry, "reason",
						reason ? reason : "");
			report_insert_sorted(cJSON_GetObjectItem(coverage, list),
					     entry, "file");
		}
	strset_free(&seen);
}
