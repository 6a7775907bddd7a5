// SPDX-License-Identifier: GPL-2.0
/*
 * gupcheck scan: tree -> candidate files -> parsed units -> findings ->
 * reports.  Every argument is checked before any work starts, so bad
 * input costs nothing and exits 2 with the file and the cause.
 */
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "gupcheck.h"
#include "scan_args.h"

static bool inside(const char *root, const char *path)
{
	size_t n = strlen(root);

	return strncmp(root, path, n) == 0 &&
	       (path[n] == '/' || path[n] == '\0');
}

/* An output must go to an existing directory outside the scanned tree. */
int output_check(const char *opt, const char *path, const char *root)
{
	char *dir = path_dirname(path), *real = path_real(dir);
	struct stat st;
	int ret = 0;

	if (!real) {
		warn("%s %s: directory %s: %s", opt, path, dir,
		     strerror(errno));
		ret = -1;
	} else if (inside(root, real)) {
		warn("%s %s: inside the scanned tree %s; gupcheck never writes there",
		     opt, path, root);
		ret = -1;
	} else if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
		warn("%s %s: is a directory", opt, path);
		ret = -1;
	}
	free(real);
	free(dir);
	return ret;
}

/* The cache directory, made if need be, is outside the tree. */
static int cache_check(const char *dir, const char *root)
{
	char *parent = path_dirname(dir), *real = path_real(dir);
	int ret = 0;

	if (!real)
		real = path_real(parent);
	if (!real) {
		warn("--cache %s: directory %s: %s", dir, parent,
		     strerror(errno));
		ret = -1;
	} else if (inside(root, real)) {
		warn("--cache %s: inside the scanned tree %s; gupcheck never writes there",
		     dir, root);
		ret = -1;
	}
	free(real);
	free(parent);
	return ret;
}

static int find_tree(struct scan_args *a, char **paths, int npaths,
		     struct tree *t)
{
	if (a->tree) {
		struct stat st;

		if (stat(a->tree, &st) < 0) {
			warn("--tree %s: %s", a->tree, strerror(errno));
			return -1;
		}
		if (!S_ISDIR(st.st_mode)) {
			warn("--tree %s: not a directory", a->tree);
			return -1;
		}
		t->root = path_real(a->tree);
		if (!a->external && !tree_is_kernel(t->root)) {
			warn("%s: not a kernel tree (no top-level Makefile, Kbuild, include/linux and arch/); use --external for an out-of-tree module",
			     a->tree);
			return -1;
		}
	} else {
		const char *start = npaths ? paths[0] : ".";

		t->root = tree_find_root(start);
		if (!t->root) {
			warn("%s: not inside a kernel tree (no directory above it has a top-level Makefile, Kbuild, include/linux and arch/); name the tree with --tree",
			     start);
			return -1;
		}
	}
	t->version = a->external ? NULL : tree_kernel_version(t->root);
	return 0;
}

/* JSON, SARIF and HTML are UTF-8, whatever the source files are. */
static int write_utf8(const char *path, const char *text)
{
	char *fixed = utf8_fix(text, strlen(text));
	int ret = write_file_atomic(path, fixed, strlen(fixed));

	free(fixed);
	return ret;
}

static int write_outputs(const struct scan_args *a,
			 const struct scan_result *res)
{
	int ret = 0, files;
	char *text;
	cJSON *doc;

	if (a->json) {
		doc = report_json(res);
		text = cJSON_Print(doc);
		ret |= write_utf8(a->json, text);
		cJSON_free(text);
		cJSON_Delete(doc);
	}
	if (a->sarif) {
		cJSON *rep = report_json(res);

		doc = report_sarif(rep, res->rules);
		cJSON_Delete(rep);
		text = cJSON_Print(doc);
		ret |= write_utf8(a->sarif, text);
		cJSON_free(text);
		cJSON_Delete(doc);
	}
	if (a->patch) {
		text = report_patch(res, &files);
		ret |= write_file_atomic(a->patch, text, strlen(text));
		free(text);
	}
	if (a->html) {
		text = report_html(res);
		ret |= write_utf8(a->html, text);
		free(text);
	}
	return ret;
}

static int collect_paths(const struct tree *t, const struct rules *r,
			 char **paths, int npaths, struct file_list *fl)
{
	int i;

	if (!npaths)
		return tree_collect(t, r, t->root, fl);
	for (i = 0; i < npaths; i++) {
		char *real = path_real(paths[i]);

		if (!real) {
			warn("%s: %s", paths[i], strerror(errno));
			return -1;
		}
		if (!inside(t->root, real)) {
			warn("%s: not inside the tree %s", paths[i], t->root);
			free(real);
			return -1;
		}
		if (tree_collect(t, r, real, fl)) {
			free(real);
			return -1;
		}
		free(real);
	}
	return 0;
}

static void add_cocci_file(struct file_list *cfl, const char *path,
			   const char *rel)
{
	struct scan_file *c;

	if (cfl->n == cfl->cap) {
		cfl->cap = cfl->cap ? cfl->cap * 2 : 64;
		cfl->f = xrealloc(cfl->f, cfl->cap * sizeof(*cfl->f));
	}
	c = &cfl->f[cfl->n++];
	memset(c, 0, sizeof(*c));
	c->path = xstrdup(path);
	c->rel = xstrdup(rel);
	c->state = FILE_CANDIDATE;
}

/*
 * The Coccinelle engine runs on the files the prefilter chose, and on the
 * headers that mention what the rules look for (spatch sees a header's
 * inline functions only when given the header); not on the files the
 * ownership analysis read for its facts alone.  It keeps a file list of
 * its own; when it runs alone, its results are the scan's coverage.
 */
static void run_cocci(struct scan_result *res, struct engine *e,
		      const struct flags_ctx *fc, struct file_list *fl,
		      struct file_list *cfl, const struct strset *headers,
		      const struct scan_opts *o, const struct cocci *cc,
		      const struct part *part)
{
	struct engine ce = *e;
	cJSON *found = cJSON_CreateArray();
	const char *root = e->tree->root;
	size_t i;

	memset(&ce.questions, 0, sizeof(ce.questions));
	ce.cocci = cc;
	for (i = 0; i < fl->n; i++) {
		const struct scan_file *f = &fl->f[i];

		if (f->facts_only)
			continue;
		if (f->state == FILE_CLEAN || f->state == FILE_ERRORS ||
		    f->state == FILE_FAILED || f->state == FILE_CANDIDATE)
			add_cocci_file(cfl, f->path, f->rel);
	}
	for (i = 0; i < headers->cap; i++) {
		const char *h = headers->slot[i];

		if (h && path_relative(root, h) != h &&
		    part_owns(part, path_relative(root, h)))
			add_cocci_file(cfl, h, path_relative(root, h));
	}
	workers_run(&ce, fc, cfl, o, found);
	cocci_merge(res->findings, found);
	cJSON_Delete(found);
	res->cocci = cc;
	if (res->clang) {
		res->cocci_files = cfl;
		return;
	}
	/* alone, the cocci engine's results are the scan's coverage */
	for (i = 0; i < fl->n; i++) {
		size_t k;

		for (k = 0; k < cfl->n; k++) {
			if (strcmp(fl->f[i].path, cfl->f[k].path))
				continue;
			fl->f[i].state = cfl->f[k].state;
			free(fl->f[i].reason);
			fl->f[i].reason = cfl->f[k].reason ?
					  xstrdup(cfl->f[k].reason) : NULL;
		}
	}
}

/*
 * Notes inform; only warnings and errors make the exit status 1, and of
 * those only the ones not suppressed and not in the baseline.
 */
static bool worth_failing(const cJSON *findings)
{
	const cJSON *f;

	cJSON_ArrayForEach(f, findings)
		if (finding_gates(f))
			return true;
	return false;
}

/*
 * The part of the tree this run parses and reports: a shard, or what a
 * change touches; with neither, all of it.
 */
static int part_init(struct part *p, const struct scan_args *a,
		     const struct tree *t)
{
	char *buf, *err;
	size_t len;
	int e;

	if (a->shard && shard_parse(a->shard, &p->shard))
		return -1;
	p->sharded = a->shard != NULL;
	if (a->changes && a->changed_since) {
		warn("--changes and --changed-since: give one");
		return -1;
	}
	if (p->sharded && (a->changes || a->changed_since)) {
		warn("--shard is for whole-tree scans; a scoped run (--changes, --changed-since) is not sharded");
		return -1;
	}
	if (a->changes) {
		buf = read_whole_file(a->changes, &len, &e);
		if (!buf) {
			warn("--changes %s: %s", a->changes, strerror(e));
			return -1;
		}
		if (changes_parse(buf, len, &p->cs, &err)) {
			warn("--changes %s: %s", a->changes, err);
			free(err);
			free(buf);
			return -1;
		}
		free(buf);
	} else if (a->changed_since &&
		   changes_from_git(t->root, a->changed_since, &p->cs)) {
		return -1;
	}
	p->scoped = a->changes || a->changed_since;
	if (p->scoped)
		scope_init(&p->scope, t->root, &p->cs);
	return 0;
}

bool part_owns(const struct part *p, const char *rel)
{
	if (p->sharded)
		return shard_owns(&p->shard, rel);
	if (p->scoped)
		return scope_has_file(&p->scope, rel);
	return true;
}

/* The files to parse, from the whole tree's ALL. */
static void part_files(const struct part *p, const struct file_list *all,
		       struct file_list *mine)
{
	size_t i;

	if (p->sharded) {
		shard_split(&p->shard, all, mine);
		return;
	}
	for (i = 0; i < all->n; i++)
		if (!p->scoped || scope_has_file(&p->scope, all->f[i].rel) ||
		    ((p->scope.headers || p->every_candidate) &&
		     all->f[i].state == FILE_CANDIDATE))
			file_list_copy(mine, &all->f[i]);
}

static cJSON *part_json(const struct part *p, const struct scan_args *a)
{
	cJSON *o;
	char *what;

	if (p->sharded) {
		o = cJSON_CreateObject();
		what = xasprintf("%u/%u", p->shard.k, p->shard.n);
		cJSON_AddStringToObject(o, "shard", what);
		free(what);
		return o;
	}
	if (!p->scoped)
		return NULL;
	if (a->changes)
		return scope_json(&p->scope, a->changes);
	what = xasprintf("git diff %s", a->changed_since);
	o = scope_json(&p->scope, what);
	free(what);
	return o;
}

/* Helpers without callers: the shard that owns the header reports it. */
static void dead_helpers(const struct part *p, const struct tree *t,
			 const struct rules *r, struct lexmemo *memo,
			 cJSON *findings)
{
	cJSON *found = cJSON_CreateArray(), *f;
	size_t i;
	bool any = false;

	for (i = 0; i < r->nr_dead; i++)
		any |= part_owns(p, r->dead[i].header);
	if (any)
		dead_helpers_check(t, r, memo, found);
	while (cJSON_GetArraySize(found)) {
		f = cJSON_DetachItemFromArray(found, 0);
		if (part_owns(p, cJSON_GetObjectItem(f, "file")->valuestring))
			cJSON_AddItemToArray(findings, f);
		else
			cJSON_Delete(f);
	}
	cJSON_Delete(found);
}

/*
 * The ownership analysis solves the facts of the whole tree: a shard
 * collects its own, with round two's files chosen from the whole tree
 * ALL, and hands them to 'gupcheck merge' (own_shard.c).  MORE gets
 * those files; the shard's coverage leaves them out.  The pages it
 * follows are not followed into what the other shards' candidates
 * define: merge has their facts.
 */
static cJSON *shard_facts(struct engine *e, const struct flags_ctx *fc,
			  const struct file_list *all,
			  const struct file_list *mine,
			  const struct scan_opts *o, cJSON *findings,
			  struct file_list *more)
{
	struct file_list elsewhere = { 0 };
	struct strset own = { 0 };
	cJSON *learned = NULL, *facts;
	size_t i;

	if (!ownership_enabled(e->rules))
		return NULL;
	/* the candidates the other shards parse */
	for (i = 0; i < mine->n; i++)
		strset_add(&own, mine->f[i].rel);
	for (i = 0; i < all->n; i++)
		if (all->f[i].state == FILE_CANDIDATE &&
		    !strset_has(&own, all->f[i].rel, strlen(all->f[i].rel)))
			file_list_copy(&elsewhere, &all->f[i]);
	facts = own_collect(e, fc, all, &elsewhere, o, findings, more,
			    &learned);
	file_list_free(&elsewhere);
	strset_free(&own);
	return own_shard_json(facts, learned, more);
}

/*
 * Suppression comments: of the files parsed (MINE), and of those a
 * shard parsed for the ownership facts alone (MORE).
 */
static void suppress(const struct tree *t, const struct rules *r,
		     const struct file_list *mine,
		     const struct file_list *more, cJSON *findings)
{
	struct file_list both = { 0 };
	size_t i;

	if (!more->n) {
		suppressions_apply(t, r, mine, findings);
		return;
	}
	for (i = 0; i < mine->n; i++)
		file_list_copy(&both, &mine->f[i]);
	for (i = 0; i < more->n; i++)
		file_list_copy(&both, &more->f[i]);
	suppressions_apply(t, r, &both, findings);
	file_list_free(&both);
}

/*
 * The summary index of this run: a whole-tree scan (and gupcheck index)
 * writes it, a scan of some files reads it (index_scan.c).
 */
static int index_init(struct index *x, struct scan_args *a,
		      const struct tree *t, const struct rules *r,
		      const struct part *p, bool whole)
{
	bool write = a->indexing || (whole && !p->scoped && !p->sharded &&
				     !a->external);

	memset(x, 0, sizeof(*x));
	if (a->indexing && (!whole || p->scoped || p->sharded)) {
		warn("gupcheck index: the index is of the whole tree: give no PATH, --changes, --changed-since or --shard");
		return -1;
	}
	if (a->indexing && !ownership_enabled(r)) {
		warn("gupcheck index: --rules leaves out the ownership rules (gup/pin-put-mismatch, gup/get-unpin-mismatch, gup/extract-release, gup/leak) whose facts the index keeps");
		return -1;
	}
	if (a->no_index || !ownership_enabled(r) ||
	    !strcmp(a->engine, "cocci") || (p->sharded && !a->indexing))
		return 0;
	index_setup(x, a->index, a->cache, t, r, a->build, a->compdb, write);
	if (a->indexing && !x->path) {
		warn("gupcheck index: the index is turned off ($GUPCHECK_INDEX is empty, or there is no $HOME): name it with --index FILE");
		return -1;
	}
	if (write && x->path && output_check("--index", x->path, t->root))
		return -1;
	a->opts.index = x->path ? x : NULL;
	return 0;
}

static int index_done(const struct index *x, double seconds)
{
	if (!x->written) {
		warn("gupcheck index: %s was not written", x->path);
		return 2;
	}
	fprintf(stderr, "gupcheck: index %s: %zu files, %zu functions' facts (%.1f s)\n",
		x->path, x->files, x->used, seconds);
	return 0;
}

static int scan_run(int argc, char **argv, const char *argv0, bool indexing)
{
	struct scan_args a = { 0 };
	struct flags_ctx fc = { 0 };
	struct file_list fl = { 0 };
	struct prefilter pf = { 0 };
	struct scan_result res = { 0 };
	struct file_list cfl = { 0 }, mine = { 0 }, more = { 0 };
	struct strset known = { 0 };
	struct part part = { 0 };
	struct cocci cc = { 0 };
	struct cache cache = { 0 };
	struct index ix = { 0 };
	cJSON *scope = NULL;
	bool use_cocci = false;
	struct tree t = { 0 };
	struct engine e;
	struct rules r;
	double start = now_seconds();
	char *dir;
	int ret = 2, n;

	outfile_guard_signals();
	times_start();
	a.opts.file_timeout = 300;
	a.opts.max_memory = 4096UL << 20;
	a.opts.jobs = (int)sysconf(_SC_NPROCESSORS_ONLN);
	a.opts.started = wall_seconds();
	a.indexing = indexing;
	if (scan_parse_args(argc, argv, &a))
		goto out_args;
	if (indexing) {
		a.engine = "clang";
		if (!a.rules)
			a.rules = "gup/";
	}
	dir = rules_find_dir(argv0, a.rules_dir);
	if (!dir) {
		warn("cannot find the rules directory; set GUPCHECK_RULES or use --rules-dir");
		goto out_args;
	}
	if (rules_load(&r, dir)) {
		warn("%s: the rules could not be loaded", dir);
		free(dir);
		goto out_rules;
	}
	free(dir);
	if (a.rules && rules_select(&r, a.rules))
		goto out_rules;
	n = argc - optind;
	if (find_tree(&a, argv + optind, n, &t))
		goto out_tree;
	if ((a.json && output_check("--json", a.json, t.root)) ||
	    (a.sarif && output_check("--sarif", a.sarif, t.root)) ||
	    (a.patch && output_check("--patch", a.patch, t.root)) ||
	    (a.html && output_check("--html", a.html, t.root)))
		goto out_tree;
	if (a.baseline && baseline_read(a.baseline, &known))
		goto out_tree;
	if (!a.cache)
		a.cache = getenv("GUPCHECK_CACHE");
	if (a.cache && *a.cache) {
		if (cache_check(a.cache, t.root) ||
		    cache_open(&cache, a.cache, &r, a.opts.started))
			goto out_tree;
		a.opts.cache = &cache;
	}
	if (part_init(&part, &a, &t))
		goto out_tree;
	if (flags_init(&fc, &t, &r, a.build, a.compdb))
		goto out_flags;
	fc.extra = a.extra;
	memset(&a.extra, 0, sizeof(a.extra));
	times_mark("setup");
	if (collect_paths(&t, &r, argv + optind, n, &fl))
		goto out_files;
	times_mark("walk");

	if (!a.engine)
		a.engine = "all";
	use_cocci = strcmp(a.engine, "clang") && cocci_init(&cc, &r) == 0;
	if (!use_cocci && strcmp(a.engine, "cocci") == 0) {
		warn("--engine cocci: no working spatch on PATH (Debian: apt-get install coccinelle)");
		goto out_files;
	}
	if (index_init(&ix, &a, &t, &r, &part, !n))
		goto out_files;
	engine_init(&e, &r, &t);
	checks_register(&e);
	engine_identifiers(&e, &pf.idents);
	pf.memo = cache.dir ? &cache.lex : NULL;
	prefilter_run(&pf, &t, &fl);
	times_mark("prefilter");
	e.relevant_headers = &pf.headers;
	a.opts.progress = !a.quiet && isatty(2);
	/*
	 * The ownership analysis joins the facts of every file into
	 * function summaries: a scoped run parses every candidate so that a
	 * mismatch across files is seen, and reports what the change touches;
	 * with a summary index it parses the changed files alone and takes
	 * the others' facts from the index.
	 */
	part.every_candidate = part.scoped && ownership_enabled(&r) &&
			       !ix.facts;
	part_files(&part, &fl, &mine);
	scope = part_json(&part, &a);

	res.tree = &t;
	res.rules = &r;
	res.files = &mine;
	res.scope = scope;
	res.flags = &fc;
	res.jobs = a.opts.jobs;
	res.findings = cJSON_CreateArray();
	res.clang = strcmp(a.engine, "cocci") != 0;
	if (res.clang) {
		workers_run(&e, &fc, &mine, &a.opts, res.findings);
		times_mark("parse");
		if (part.sharded)
			res.ownership = shard_facts(&e, &fc, &fl, &mine,
						    &a.opts, res.findings,
						    &more);
		else
			res.own_coverage = own_run(&e, &fc, &mine, &a.opts,
						res.findings);
		times_mark("ownership");
		/* whole-tree knowledge: definitions are looked up in all */
		resolve_pending(&e, &fc, &fl, &a.opts, res.findings);
		times_mark("resolve");
		if (!n && !a.external && !part.scoped)
			dead_helpers(&part, &t, &r,
				     cache.dir ? &cache.lex : NULL,
				     res.findings);
		times_mark("dead-helpers");
	}
	if (use_cocci)
		run_cocci(&res, &e, &fc, &mine, &cfl, &pf.headers, &a.opts,
			  &cc, &part);
	times_mark("cocci");
	suppress(&t, &r, &mine, &more, res.findings);
	findings_finalize(res.findings);
	if (part.scoped)
		scope_filter(&part.scope, res.findings);
	if (a.baseline)
		baseline_mark(res.findings, &known);
	times_mark("finish");
	res.seconds = now_seconds() - start;

	if (!indexing)
		report_text(&res, stdout);
	fflush(stdout);
	if (!a.quiet && !indexing)
		report_summary(&res, stderr);
	if (write_outputs(&a, &res))
		ret = 2;
	else if (indexing)
		ret = index_done(&ix, res.seconds);
	else
		ret = worth_failing(res.findings) ? 1 : 0;
	times_mark("output");
	times_report();
	cJSON_Delete(res.findings);
	cJSON_Delete(res.ownership);
	cJSON_Delete(res.own_coverage);
	engine_free(&e);
	prefilter_free(&pf);
	file_list_free(&cfl);
	file_list_free(&mine);
	file_list_free(&more);
	cJSON_Delete(scope);
out_files:
	index_free(&ix);
	cocci_free(&cc);
	file_list_free(&fl);
out_flags:
	flags_free(&fc);
out_tree:
	if (cache.dir && getenv("GUPCHECK_TIMES"))
		fprintf(stderr, "gupcheck: cache: %zu hits, %zu misses, %zu stored, %zu lexical answers remembered\n",
			cache.hits, cache.misses, cache.stored,
			cache.lex.hits);
	cache_close(&cache);
	scope_free(&part.scope);
	change_set_free(&part.cs);
	strset_free(&known);
	free(t.root);
	free(t.version);
out_rules:
	rules_free(&r);
out_args:
	strvec_free(&a.extra);
	return ret;
}

int cmd_scan(int argc, char **argv, const char *argv0)
{
	return scan_run(argc, argv, argv0, false);
}

int cmd_index(int argc, char **argv, const char *argv0)
{
	return scan_run(argc, argv, argv0, true);
}
