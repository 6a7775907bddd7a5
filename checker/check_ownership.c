// SPDX-License-Identifier: GPL-2.0
/*
 * The ownership analysis over a scan: register the facts hook, and after
 * the workers ran, find the files that release what the candidates
 * acquired (they name no GUP function themselves: put_page() from a
 * struct's scatterlist), parse those for facts too, and solve.
 */
#include <stdlib.h>
#include <string.h>

#include "gupcheck.h"
#include "own_near.h"
#include "own.h"
#include "tu.h"

static void facts_hook(struct tu *tu, CXCursor fn, void *data)
{
	(void)data;
	if (clang_getCursorKind(fn) == CXCursor_VarDecl)
		own_ops_table(tu, fn);
	else
		own_facts_function(tu, fn);
}

/*
 * A call that takes pages where the AST does not show it: in a branch
 * this configuration skips, or in code that did not parse.  Nothing can
 * be judged there; a record of it names the place in the coverage
 * (own_calls_unseen()), so a miss there is not mistaken for clean code.
 */
static void unseen_call(struct tu *tu, const struct lexical_call *lc,
			CXCursor decl, void *data)
{
	unsigned int line = 1;
	cJSON *rec;
	size_t i;
	char *key;

	(void)decl;
	(void)data;
	if (!lc->call || !lc->function)
		return;
	for (i = 0; i < lc->name_off && i < lc->size; i++)
		line += lc->buf[i] == '\n';
	rec = cJSON_CreateObject();
	cJSON_AddStringToObject(rec, "fn", lc->function);
	key = xasprintf("unseen:%s:%zu", lc->function, lc->name_off);
	cJSON_AddStringToObject(rec, "key", key);
	free(key);
	cJSON_AddStringToObject(rec, "file", tu_file_rel(tu, lc->file, NULL));
	cJSON_AddNumberToObject(rec, "line", line);
	cJSON_AddNumberToObject(rec, "nparams", 0);
	cJSON_AddItemToObject(rec, "events", cJSON_CreateArray());
	cJSON_AddStringToObject(rec, "unseen", lc->name);
	cJSON_AddStringToObject(rec, "why", lc->skipped ?
				"in a preprocessor branch this configuration skips" :
				"in code the parser could not analyse");
	own_add_facts(tu, rec);
}

void check_ownership(struct engine *e)
{
	const struct own_rules *o = &e->rules->own;
	size_t i;

	engine_add_function_hook(e, facts_hook, NULL);
	for (i = 0; i < o->nr_api; i++) {
		enum page_family f = o->api[i].family;

		if (f == FAM_GET || f == FAM_PIN || f == FAM_EXTRACT)
			engine_add_call_hook(e, o->api[i].name, NULL,
					     unseen_call, NULL);
		else if (f != FAM_PUT && f != FAM_REF)
			engine_add_identifier(e, o->api[i].name);
	}
}

bool ownership_enabled(const struct rules *r)
{
	return rules_enabled(r, "gup/pin-put-mismatch") ||
	       rules_enabled(r, "gup/get-unpin-mismatch") ||
	       rules_enabled(r, "gup/extract-release") ||
	       rules_enabled(r, "gup/leak");
}

/*
 * The words that make a file worth parsing for facts: the learned
 * wrappers, the release calls, and the fields that hold acquired pages,
 * each pair as the struct's tag and the field's name.
 */
struct wanted {
	struct words w;
	size_t *wrapper, nr_wrappers;
	size_t *release, nr_releases;
	size_t *field, nr_fields;	/* tag, name, tag, name, ... */
	bool *seen;
	unsigned long long question;	/* for the lexical memory */
};

/*
 * Add NAME to the words and to the question the lexical memory keeps the
 * answers under; its index, (size_t)-1 for an empty name.
 */
static size_t wanted_add(struct wanted *q, const char *name)
{
	q->question = fnv1a64(name, strlen(name) + 1, q->question);
	return words_add(&q->w, name);
}

static void wanted_init(struct wanted *q, const struct rules *r,
			const struct strvec *wrappers,
			const struct strvec *fields)
{
	size_t i;

	memset(q, 0, sizeof(*q));
	q->wrapper = xcalloc(wrappers->n + 1, sizeof(size_t));
	q->release = xcalloc(r->own.nr_api + 1, sizeof(size_t));
	q->field = xcalloc(fields->n + 1, sizeof(size_t));
	q->question = fnv1a64("round two", 10, 0);
	for (i = 0; i < wrappers->n; i++)
		q->wrapper[q->nr_wrappers++] = wanted_add(q, wrappers->v[i]);
	q->question = fnv1a64("|", 2, q->question);
	for (i = 0; i < r->own.nr_api; i++)
		if (r->own.api[i].family == FAM_PUT ||
		    r->own.api[i].family == FAM_UNPIN)
			q->release[q->nr_releases++] =
				wanted_add(q, r->own.api[i].name);
	q->question = fnv1a64("|", 2, q->question);
	for (i = 0; i + 1 < fields->n; i += 2) {
		q->field[q->nr_fields++] = wanted_add(q, fields->v[i]);
		q->field[q->nr_fields++] = wanted_add(q, fields->v[i + 1]);
	}
	q->seen = xcalloc(q->w.v.n + 1, sizeof(bool));
}

static void wanted_free(struct wanted *q)
{
	words_free(&q->w);
	free(q->wrapper);
	free(q->release);
	free(q->field);
	free(q->seen);
}

/* An empty name (the struct itself holds the pages) is always there. */
static bool named(const struct wanted *q, size_t k)
{
	return k == (size_t)-1 || q->seen[k];
}

/*
 * Is BUF worth parsing for facts: does it call a learned wrapper, or
 * release pages and name a struct field that holds acquired pages?
 */
static bool wanted(struct wanted *q, const char *buf, size_t len)
{
	bool releases = false;
	size_t i;

	if (!words_find(&q->w, buf, len, q->seen))
		return false;
	for (i = 0; i < q->nr_wrappers; i++)
		if (q->wrapper[i] != (size_t)-1 && q->seen[q->wrapper[i]])
			return true;
	for (i = 0; i < q->nr_releases && !releases; i++)
		releases = q->release[i] != (size_t)-1 &&
			   q->seen[q->release[i]];
	if (!releases)
		return false;
	for (i = 0; i + 1 < q->nr_fields; i += 2)
		if (named(q, q->field[i]) && named(q, q->field[i + 1]))
			return true;
	return false;
}

static void add_file(struct file_list *fl, const struct scan_file *f)
{
	if (fl->n == fl->cap) {
		fl->cap = fl->cap ? fl->cap * 2 : 64;
		fl->f = xrealloc(fl->f, fl->cap * sizeof(*fl->f));
	}
	memset(&fl->f[fl->n], 0, sizeof(*fl->f));
	fl->f[fl->n].path = xstrdup(f->path);
	fl->f[fl->n].rel = xstrdup(f->rel);
	fl->f[fl->n].state = FILE_CANDIDATE;
	fl->n++;
}

/* The files of FL, not parsed yet, that the facts point to. */
static unsigned long long wanted_answer(const char *buf, size_t len,
					void *data)
{
	return wanted(data, buf, len);
}

static bool file_wanted(struct wanted *q, struct lexmemo *memo,
			const char *path)
{
	unsigned long long answer;
	int err;

	return lexmemo_ask(memo, q->question, path, NULL, wanted_answer, q,
			   &answer, &err) == 0 && answer;
}

static void more_files(const struct rules *r, const struct file_list *fl,
		       const struct strvec *wrappers,
		       const struct strvec *fields, struct lexmemo *memo,
		       struct strset *done, struct file_list *out)
{
	struct wanted q;
	size_t i;

	wanted_init(&q, r, wrappers, fields);
	for (i = 0; i < fl->n; i++) {
		const struct scan_file *f = &fl->f[i];

		if (f->state != FILE_NOT_CANDIDATE || !str_ends(f->rel, ".c") ||
		    strset_has(done, f->rel, strlen(f->rel)))
			continue;
		if (file_wanted(&q, memo, f->path)) {
			strset_add(done, f->rel);
			add_file(out, f);
			if (getenv("GUPCHECK_DEBUG_LEARN"))
				fprintf(stderr, "round2 %s\n", f->rel);
		}
	}
	wanted_free(&q);
}

/*
 * Is a file the FOLLOW three at I points to: it defines the function
 * (DEFINED, functions_of()), or names the struct's tag and the field?
 */
static bool names_follow(const struct strvec *follow, size_t i,
			 const struct words *w, const bool *seen,
			 const struct strvec *defined)
{
	long a = words_index(w, follow->v[i + 1]);
	long b = words_index(w, follow->v[i + 2]);

	if (!*follow->v[i + 2])
		return strvec_contains(defined, follow->v[i + 1]);
	return a >= 0 && seen[a] && b >= 0 && seen[b];
}

/* The names of the functions BUF defines, into OUT. */
static void defined_in(const char *buf, size_t len, struct strvec *out)
{
	struct func_span *fs = NULL;
	size_t n = functions_of(buf, len, &fs), i;

	for (i = 0; i < n; i++) {
		strvec_push(out, fs[i].name);
		free(fs[i].name);
	}
	free(fs);
}

/* The words of FOLLOW's threes: functions, struct tags and fields. */
static void follow_words(const struct strvec *follow, struct words *w)
{
	size_t i;

	for (i = 0; i + 2 < follow->n; i += 3) {
		words_add(w, follow->v[i + 1]);
		if (*follow->v[i + 2])
			words_add(w, follow->v[i + 2]);
	}
}

/*
 * Drop from FOLLOW the threes that a file of ELSEWHERE (the candidates
 * another shard parses) names: that shard has the function's definition
 * or the field's table in its facts, which merge solves together, as an
 * unsharded scan has them and follows nothing for them.
 */
static void follow_prune(struct strvec *follow,
			 const struct file_list *elsewhere)
{
	struct words w = { 0 };
	struct strvec kept = { 0 };
	bool *seen, *drop;
	size_t i, j;

	if (!elsewhere || !follow->n)
		return;
	follow_words(follow, &w);
	seen = xcalloc(w.v.n + 1, sizeof(bool));
	drop = xcalloc(follow->n / 3 + 1, sizeof(bool));
	for (i = 0; i < elsewhere->n; i++) {
		struct strvec defined = { 0 };
		size_t len;
		int err;
		char *buf = read_whole_file(elsewhere->f[i].path, &len, &err);

		if (!buf)
			continue;
		if (words_find(&w, buf, len, seen))
			defined_in(buf, len, &defined);
		for (j = 0; j + 2 < follow->n; j += 3)
			drop[j / 3] |= names_follow(follow, j, &w, seen,
						    &defined);
		strvec_free(&defined);
		free(buf);
	}
	for (j = 0; j + 2 < follow->n; j += 3) {
		if (drop[j / 3]) {
			if (getenv("GUPCHECK_DEBUG_LEARN"))
				fprintf(stderr, "follow elsewhere %s %s\n",
					follow->v[j + 1], follow->v[j + 2]);
			continue;
		}
		for (i = 0; i < 3; i++)
			strvec_push(&kept, follow->v[j + i]);
	}
	strvec_free(follow);
	*follow = kept;
	free(drop);
	free(seen);
	words_free(&w);
}

/*
 * The files of FL, not parsed yet, in a directory of FOLLOW (threes of
 * own_ops_follow()) that define its function or name its struct and
 * field: where the code is that acquired pages are handed to.
 */
static void follow_files(const struct file_list *fl,
			 const struct strvec *follow, struct strset *done,
			 struct file_list *out)
{
	struct words w = { 0 };
	bool *seen;
	size_t i, j;

	follow_words(follow, &w);
	seen = xcalloc(w.v.n + 1, sizeof(bool));
	for (i = 0; i < fl->n; i++) {
		const struct scan_file *f = &fl->f[i];
		struct strvec defined = { 0 };
		bool in_dir = false, want = false;
		size_t len;
		char *buf;
		int err;

		if (f->state != FILE_NOT_CANDIDATE || !str_ends(f->rel, ".c") ||
		    strset_has(done, f->rel, strlen(f->rel)))
			continue;
		for (j = 0; j + 2 < follow->n && !in_dir; j += 3)
			in_dir = str_starts(f->rel, follow->v[j]);
		buf = in_dir ? read_whole_file(f->path, &len, &err) : NULL;
		if (!buf)
			continue;
		if (words_find(&w, buf, len, seen))
			defined_in(buf, len, &defined);
		for (j = 0; j + 2 < follow->n && !want; j += 3)
			want = str_starts(f->rel, follow->v[j]) &&
			       names_follow(follow, j, &w, seen, &defined);
		strvec_free(&defined);
		free(buf);
		if (!want)
			continue;
		strset_add(done, f->rel);
		add_file(out, f);
		if (getenv("GUPCHECK_DEBUG_LEARN"))
			fprintf(stderr, "follow %s\n", f->rel);
	}
	free(seen);
	words_free(&w);
}

/* GUPCHECK_FACTS=FILE: the facts the analysis solved, for its developers. */
static void dump_facts(const cJSON *facts)
{
	const char *path = getenv("GUPCHECK_FACTS");
	char *text;

	if (!path || !*path)
		return;
	text = cJSON_Print(facts);
	if (write_file_atomic(path, text, strlen(text)))
		warn("GUPCHECK_FACTS: %s: cannot write the facts", path);
	free(text);
}

/*
 * The facts of the files the workers parsed, taken out of FINDINGS, and
 * of the files of FROM they point to (round two): a first solution
 * learns the wrappers and the fields that hold acquired pages, and the
 * files that name no GUP function but call such a wrapper or release
 * from such a field are parsed too, for their facts alone.  MORE gets
 * those files, in FROM's order, with the state their parse left.
 */
static struct cache *cache_of(const struct scan_opts *o)
{
	return o->cache && o->cache->dir ? o->cache : NULL;
}

static void strings_of(const cJSON *blob, const char *name, struct strvec *out)
{
	const cJSON *it;

	cJSON_ArrayForEach(it, cJSON_GetObjectItemCaseSensitive(blob, name))
		if (cJSON_IsString(it))
			strvec_push(out, it->valuestring);
}

/*
 * The wrappers and fields FACTS teach (a first solution), from the cache
 * when the same facts were solved before: a warm scan solves nothing.
 */
static void learn(const struct rules *r, cJSON *facts,
		  const struct scan_opts *o, struct strvec *wrappers,
		  struct strvec *fields, struct strvec *follow)
{
	struct cache *c = cache_of(o);
	char *key = c ? cache_items_key(c, "ownership, first solution", facts) : NULL;
	cJSON *blob = key ? cache_blob_get(c, key) : NULL, *scratch, *sum;

	if (blob) {
		strings_of(blob, "wrappers", wrappers);
		strings_of(blob, "fields", fields);
		strings_of(blob, "follow", follow);
	} else {
		scratch = cJSON_CreateArray();
		sum = own_solve(r, facts, scratch, wrappers, fields, follow);
		cJSON_Delete(scratch);
		cJSON_Delete(sum);
		if (key) {
			blob = cJSON_CreateObject();
			cJSON_AddItemToObject(blob, "wrappers",
				cJSON_CreateStringArray((const char **)wrappers->v,
							(int)wrappers->n));
			cJSON_AddItemToObject(blob, "fields",
				cJSON_CreateStringArray((const char **)fields->v,
							(int)fields->n));
			cJSON_AddItemToObject(blob, "follow",
				cJSON_CreateStringArray((const char **)follow->v,
							(int)follow->n));
			cache_blob_put(c, key, blob);
		}
	}
	cJSON_Delete(blob);
	free(key);
}

/* The findings of FACTS, appended to FINDINGS; from the cache likewise. */
static void solve(const struct rules *r, cJSON *facts,
		  const struct scan_opts *o, cJSON *findings)
{
	struct cache *c = cache_of(o);
	char *key = c ? cache_items_key(c, "ownership, findings", facts) : NULL;
	cJSON *blob = key ? cache_blob_get(c, key) : NULL, *found, *sum;

	found = cJSON_DetachItemFromObjectCaseSensitive(blob, "findings");
	if (!cJSON_IsArray(found)) {
		cJSON_Delete(found);
		found = cJSON_CreateArray();
		sum = own_solve(r, facts, found, NULL, NULL, NULL);
		cJSON_Delete(sum);
		if (key) {
			cJSON_Delete(blob);
			blob = cJSON_CreateObject();
			cJSON_AddItemReferenceToObject(blob, "findings", found);
			cache_blob_put(c, key, blob);
		}
	}
	json_move_items(findings, found);
	cJSON_Delete(found);
	cJSON_Delete(blob);
	free(key);
}

/* Parse the files of LIST for their facts alone, into FACTS. */
static void parse_for_facts(struct engine *e, const struct flags_ctx *fc,
			    struct file_list *list, const struct scan_opts *o,
			    cJSON *facts)
{
	struct engine q = *e;
	cJSON *found = cJSON_CreateArray(), *add;

	/* these files are read for facts, not for other rules */
	q.nr_calls = 0;
	memset(&q.questions, 0, sizeof(q.questions));
	workers_run(&q, fc, list, o, found);
	add = own_take_facts(found);
	json_move_items(facts, add);
	cJSON_Delete(add);
	cJSON_Delete(found);
}

static void add_index_learned(const struct scan_opts *o,
			      struct strvec *wrappers, struct strvec *fields)
{
	size_t i;

	/* what the whole tree taught selects this run's files too */
	if (!o->index || !o->index->facts)
		return;
	for (i = 0; i < o->index->wrappers.n; i++)
		strvec_push(wrappers, o->index->wrappers.v[i]);
	for (i = 0; i < o->index->fields.n; i++)
		strvec_push(fields, o->index->fields.v[i]);
}

static void debug_learned(const struct strvec *wrappers,
			  const struct strvec *fields,
			  const struct strvec *follow)
{
	size_t i;

	if (!getenv("GUPCHECK_DEBUG_LEARN"))
		return;
	for (i = 0; i < wrappers->n; i++)
		fprintf(stderr, "wrapper %s\n", wrappers->v[i]);
	for (i = 0; i + 1 < fields->n; i += 2)
		fprintf(stderr, "field %s.%s\n", fields->v[i], fields->v[i + 1]);
	for (i = 0; i + 2 < follow->n; i += 3)
		fprintf(stderr, "to follow %s %s %s\n", follow->v[i],
			follow->v[i + 1], follow->v[i + 2]);
}

/*
 * The rounds after the first: what round one teaches chooses more files
 * (a wrapper's callers, a field's releasers: round two), and the facts so
 * far the code acquired pages are handed to (own_ops_follow()), whose
 * facts may point further, up to MAX_MORE rounds.
 */
#define MAX_MORE 4

cJSON *own_collect(struct engine *e, const struct flags_ctx *fc,
		   const struct file_list *from,
		   const struct file_list *elsewhere,
		   const struct scan_opts *o, cJSON *findings,
		   struct file_list *more, cJSON **learned)
{
	struct strvec wrappers = { 0 }, fields = { 0 }, follow = { 0 };
	struct strset done = { 0 };
	struct file_list near = { 0 };
	struct own_near nr;
	cJSON *facts;
	size_t i;
	int round;

	own_near_init(&nr, from);
	facts = own_take_facts(findings);
	learn(e->rules, facts, o, &wrappers, &fields, &follow);
	if (learned)
		*learned = own_learned_json(&wrappers, &fields);
	times_mark("ownership");
	for (round = 0; round < MAX_MORE; round++) {
		struct file_list next = { 0 };

		add_index_learned(o, &wrappers, &fields);
		debug_learned(&wrappers, &fields, &follow);
		follow_prune(&follow, elsewhere);
		own_near_files(&nr, e, fc, from, &follow, &near);
		/* round two; the later rounds follow pages only */
		if (!round) {
			more_files(e->rules, from, &wrappers, &fields,
				   o->cache ? &o->cache->lex : NULL, &done,
				   &next);
			more_files(e->rules, &near, &wrappers, &fields,
				   o->cache ? &o->cache->lex : NULL, &done,
				   &next);
		}
		follow_files(from, &follow, &done, &next);
		follow_files(&near, &follow, &done, &next);
		times_mark("round2-lexical");
		if (next.n)
			parse_for_facts(e, fc, &next, o, facts);
		times_mark("round2-parse");
		for (i = 0; i < next.n; i++) {
			add_file(more, &next.f[i]);
			more->f[more->n - 1].state = next.f[i].state;
		}
		file_list_free(&next);
		strvec_free(&wrappers);
		strvec_free(&fields);
		strvec_free(&follow);
		if (!i || round + 1 == MAX_MORE)
			break;
		learn(e->rules, facts, o, &wrappers, &fields, &follow);
	}
	strset_free(&done);
	own_near_free(&nr);
	file_list_free(&near);
	return facts;
}

/*
 * The ownership rules over the scan: facts, round two, the solve; the
 * findings go to FINDINGS.  Returns what the coverage says of it
 * (own_coverage()), or NULL when the rules are off.
 */
cJSON *own_run(struct engine *e, const struct flags_ctx *fc,
	       struct file_list *fl, const struct scan_opts *o,
	       cJSON *findings)
{
	struct index *x = o->index && o->index->path ? o->index : NULL;
	struct file_list more = { 0 };
	struct strset parsed = { 0 }, mine;
	cJSON *facts, *cov, *learned = NULL, *found, *add = NULL;
	size_t i, j;

	if (!ownership_enabled(e->rules))
		return NULL;
	facts = own_collect(e, fc, fl, NULL, o, findings, &more,
			    x && x->write ? &learned : NULL);
	/* MORE is a part of FL, round after round: each round in FL's order */
	for (j = 0; j < more.n; j++)
		strset_add(&parsed, more.f[j].rel);
	for (i = 0; i < fl->n && more.n; i++) {
		struct scan_file *f = &fl->f[i];

		if (!strset_has(&parsed, f->rel, strlen(f->rel)))
			continue;
		for (j = 0; strcmp(f->rel, more.f[j].rel); j++)
			;
		f->state = more.f[j].state;
		free(f->reason);
		f->reason = more.f[j].reason;
		f->facts_only = true;
		more.f[j].reason = NULL;
	}
	strset_free(&parsed);
	mine = own_near_join(fl, &more);
	dump_facts(facts);
	cov = own_coverage(facts);
	cJSON_AddItemToObject(cov, "ops_calls", own_ops_coverage(facts));
	if (x && x->write) {
		struct strvec w = { 0 }, f = { 0 }, follow = { 0 };

		/* what all the rounds' facts teach, not round one's alone */
		learn(e->rules, facts, o, &w, &f, &follow);
		cJSON_Delete(learned);
		learned = own_learned_json(&w, &f);
		strvec_free(&w);
		strvec_free(&f);
		strvec_free(&follow);
		index_store(x, facts, learned, fl);
	}
	if (x && x->facts) {
		for (i = 0; i < fl->n; i++)
			if (fl->f[i].state != FILE_NOT_CANDIDATE)
				strset_add(&parsed, fl->f[i].rel);
		add = index_take(x, facts, &parsed);
		json_move_items(facts, add);
	}
	found = cJSON_CreateArray();
	solve(e->rules, facts, o, found);
	if (add || mine.cap)
		index_keep_ours(found, add ? &parsed : &mine);
	json_move_items(findings, found);
	if (x)
		cJSON_AddItemToObject(cov, "index", index_json(x));
	cJSON_Delete(found);
	cJSON_Delete(add);
	cJSON_Delete(learned);
	cJSON_Delete(facts);
	strset_free(&parsed);
	strset_free(&mine);
	file_list_free(&more);
	return cov;
}
