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

static const char scan_usage[] =
"usage: gupcheck scan [options] [PATH...]\n"
"\n"
"Scan files or directories of a kernel tree; no PATH means the whole tree.\n"
"Findings go to stdout as 'file:line:col: level: message [rule]', with\n"
"paths relative to the tree; a summary with coverage goes to stderr.\n"
"\n"
"  --tree DIR        the kernel source root (default: found upward from\n"
"                    the first PATH or the current directory)\n"
"  --external        DIR is not a kernel tree (an out-of-tree module or a\n"
"                    test directory); kernel headers come from --build\n"
"  --build DIR       a prepared build directory (make O=DIR defconfig\n"
"                    prepare): exact flags from its .cmd files where a file\n"
"                    was built, Kbuild's flags synthesized elsewhere\n"
"  -p FILE           a compile_commands.json to take flags from\n"
"  --json FILE       write the JSON report (reports/schema/)\n"
"  --sarif FILE      write a SARIF 2.1.0 log\n"
"  --patch FILE      write the suggested fixes as one unified diff\n"
"  --html FILE       write a self-contained HTML report\n"
"  --engine E        clang, cocci or all (default: all that is installed;\n"
"                    the cocci engine needs spatch on PATH)\n"
"  -j N              parallel workers (default: the number of CPUs)\n"
"  --rules LIST      run only these rules: ids or prefixes such as gup/\n"
"  --rules-dir DIR   where the rules data is (default: next to the binary\n"
"                    or the installed copy; $GUPCHECK_RULES)\n"
"  --extra-arg ARG   add ARG to every parse (repeatable), as clang-tidy\n"
"  --timeout SEC     time limit per file (default 300); a file over it is\n"
"                    a coverage entry and the scan goes on\n"
"  --show-flags      print each file's libclang arguments on stderr\n"
"  -q, --quiet       no summary on stderr\n"
"  -h, --help        this text\n"
"\n"
"Without --build or -p the parse is tolerant: no generated headers and no\n"
"configuration, and the report says so.  Outputs are written atomically\n"
"and never inside the scanned tree.\n"
"\n"
"Exit status: 0 no findings (notes aside), 1 findings, 2 an operational\n"
"error.\n";

enum {
	OPT_TREE = 256, OPT_EXTERNAL, OPT_BUILD, OPT_JSON, OPT_SARIF,
	OPT_PATCH, OPT_RULES, OPT_RULES_DIR, OPT_EXTRA, OPT_TIMEOUT,
	OPT_SHOW_FLAGS, OPT_HTML, OPT_ENGINE,
};

struct scan_args {
	const char *tree;
	const char *build;
	const char *compdb;
	const char *json;
	const char *sarif;
	const char *patch;
	const char *html;
	const char *engine;
	const char *rules;
	const char *rules_dir;
	struct strvec extra;
	bool external;
	bool quiet;
	struct scan_opts opts;
};

static int parse_args(int argc, char **argv, struct scan_args *a)
{
	static const struct option opts[] = {
		{ "tree", required_argument, NULL, OPT_TREE },
		{ "external", no_argument, NULL, OPT_EXTERNAL },
		{ "build", required_argument, NULL, OPT_BUILD },
		{ "json", required_argument, NULL, OPT_JSON },
		{ "sarif", required_argument, NULL, OPT_SARIF },
		{ "patch", required_argument, NULL, OPT_PATCH },
		{ "html", required_argument, NULL, OPT_HTML },
		{ "engine", required_argument, NULL, OPT_ENGINE },
		{ "rules", required_argument, NULL, OPT_RULES },
		{ "rules-dir", required_argument, NULL, OPT_RULES_DIR },
		{ "extra-arg", required_argument, NULL, OPT_EXTRA },
		{ "timeout", required_argument, NULL, OPT_TIMEOUT },
		{ "show-flags", no_argument, NULL, OPT_SHOW_FLAGS },
		{ "quiet", no_argument, NULL, 'q' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	char *end;
	int c;

	while ((c = getopt_long(argc, argv, "p:j:qh", opts, NULL)) != -1) {
		switch (c) {
		case OPT_TREE:
			a->tree = optarg;
			break;
		case OPT_EXTERNAL:
			a->external = true;
			break;
		case OPT_BUILD:
			a->build = optarg;
			break;
		case 'p':
			a->compdb = optarg;
			break;
		case OPT_JSON:
			a->json = optarg;
			break;
		case OPT_SARIF:
			a->sarif = optarg;
			break;
		case OPT_PATCH:
			a->patch = optarg;
			break;
		case OPT_HTML:
			a->html = optarg;
			break;
		case OPT_ENGINE:
			if (strcmp(optarg, "clang") && strcmp(optarg, "cocci") &&
			    strcmp(optarg, "all")) {
				warn("--engine: '%s' is not clang, cocci or all",
				     optarg);
				return -1;
			}
			a->engine = optarg;
			break;
		case OPT_RULES:
			a->rules = optarg;
			break;
		case OPT_RULES_DIR:
			a->rules_dir = optarg;
			break;
		case OPT_EXTRA:
			strvec_push(&a->extra, optarg);
			break;
		case 'j':
			a->opts.jobs = (int)strtol(optarg, &end, 10);
			if (*end || a->opts.jobs < 1 || a->opts.jobs > 1024) {
				warn("-j: '%s' is not a number of jobs", optarg);
				return -1;
			}
			break;
		case OPT_TIMEOUT:
			a->opts.file_timeout = strtod(optarg, &end);
			if (*end || a->opts.file_timeout <= 0) {
				warn("--timeout: '%s' is not a number of seconds",
				     optarg);
				return -1;
			}
			break;
		case OPT_SHOW_FLAGS:
			a->opts.show_flags = true;
			break;
		case 'q':
			a->quiet = true;
			break;
		case 'h':
			fputs(scan_usage, stdout);
			exit(0);
		default:
			fputs("Try 'gupcheck scan --help'.\n", stderr);
			return -1;
		}
	}
	return 0;
}

static bool inside(const char *root, const char *path)
{
	size_t n = strlen(root);

	return strncmp(root, path, n) == 0 &&
	       (path[n] == '/' || path[n] == '\0');
}

/* An output must go to an existing directory outside the scanned tree. */
static int check_output(const char *opt, const char *path, const char *root)
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

static int write_outputs(const struct scan_args *a,
			 const struct scan_result *res)
{
	int ret = 0, files;
	char *text;
	cJSON *doc;

	if (a->json) {
		doc = report_json(res);
		text = cJSON_Print(doc);
		ret |= write_file_atomic(a->json, text, strlen(text));
		cJSON_free(text);
		cJSON_Delete(doc);
	}
	if (a->sarif) {
		doc = report_sarif(res);
		text = cJSON_Print(doc);
		ret |= write_file_atomic(a->sarif, text, strlen(text));
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
		ret |= write_file_atomic(a->html, text, strlen(text));
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
 * inline functions only when given the header).  It keeps a file list of
 * its own; when it runs alone, its results are the scan's coverage.
 */
static void run_cocci(struct scan_result *res, struct engine *e,
		      const struct flags_ctx *fc, struct file_list *fl,
		      struct file_list *cfl, const struct strset *headers,
		      const struct scan_opts *o, const struct cocci *cc)
{
	struct engine ce = *e;
	cJSON *found = cJSON_CreateArray();
	const char *root = e->tree->root;
	size_t i;

	memset(&ce.questions, 0, sizeof(ce.questions));
	ce.cocci = cc;
	for (i = 0; i < fl->n; i++) {
		const struct scan_file *f = &fl->f[i];

		if (f->state == FILE_CLEAN || f->state == FILE_ERRORS ||
		    f->state == FILE_FAILED || f->state == FILE_CANDIDATE)
			add_cocci_file(cfl, f->path, f->rel);
	}
	for (i = 0; i < headers->cap; i++) {
		const char *h = headers->slot[i];

		if (h && path_relative(root, h) != h)
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

/* Notes inform; only warnings and errors make the exit status 1. */
static bool worth_failing(const cJSON *findings)
{
	const cJSON *f;

	cJSON_ArrayForEach(f, findings)
		if (strcmp(cJSON_GetObjectItem(f, "level")->valuestring,
			   "note"))
			return true;
	return false;
}

int cmd_scan(int argc, char **argv, const char *argv0)
{
	struct scan_args a = { 0 };
	struct flags_ctx fc = { 0 };
	struct file_list fl = { 0 };
	struct prefilter pf = { 0 };
	struct scan_result res = { 0 };
	struct file_list cfl = { 0 };
	struct cocci cc = { 0 };
	bool use_cocci = false;
	struct tree t = { 0 };
	struct engine e;
	struct rules r;
	double start = now_seconds();
	char *dir;
	int ret = 2, n;

	a.opts.file_timeout = 300;
	a.opts.jobs = (int)sysconf(_SC_NPROCESSORS_ONLN);
	if (parse_args(argc, argv, &a))
		goto out_args;
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
	if ((a.json && check_output("--json", a.json, t.root)) ||
	    (a.sarif && check_output("--sarif", a.sarif, t.root)) ||
	    (a.patch && check_output("--patch", a.patch, t.root)) ||
	    (a.html && check_output("--html", a.html, t.root)))
		goto out_tree;
	if (flags_init(&fc, &t, &r, a.build, a.compdb))
		goto out_flags;
	fc.extra = a.extra;
	memset(&a.extra, 0, sizeof(a.extra));
	if (collect_paths(&t, &r, argv + optind, n, &fl))
		goto out_files;

	if (!a.engine)
		a.engine = "all";
	use_cocci = strcmp(a.engine, "clang") && cocci_init(&cc, &r) == 0;
	if (!use_cocci && strcmp(a.engine, "cocci") == 0) {
		warn("--engine cocci: no working spatch on PATH (Debian: apt-get install coccinelle)");
		goto out_files;
	}
	engine_init(&e, &r, &t);
	checks_register(&e);
	engine_identifiers(&e, &pf.idents);
	prefilter_run(&pf, &t, &fl);
	e.relevant_headers = &pf.headers;
	a.opts.progress = !a.quiet && isatty(2);

	res.tree = &t;
	res.rules = &r;
	res.files = &fl;
	res.flags = &fc;
	res.jobs = a.opts.jobs;
	res.findings = cJSON_CreateArray();
	res.clang = strcmp(a.engine, "cocci") != 0;
	if (res.clang) {
		workers_run(&e, &fc, &fl, &a.opts, res.findings);
		own_run(&e, &fc, &fl, &a.opts, res.findings);
		resolve_pending(&e, &fc, &fl, &a.opts, res.findings);
		if (!n && !a.external)
			dead_helpers_check(&t, &r, res.findings);
	}
	if (use_cocci)
		run_cocci(&res, &e, &fc, &fl, &cfl, &pf.headers, &a.opts,
			  &cc);
	findings_finalize(res.findings);
	res.seconds = now_seconds() - start;

	report_text(&res, stdout);
	fflush(stdout);
	if (!a.quiet)
		report_summary(&res, stderr);
	if (write_outputs(&a, &res))
		ret = 2;
	else
		ret = worth_failing(res.findings) ? 1 : 0;
	cJSON_Delete(res.findings);
	engine_free(&e);
	prefilter_free(&pf);
	file_list_free(&cfl);
out_files:
	cocci_free(&cc);
	file_list_free(&fl);
out_flags:
	flags_free(&fc);
out_tree:
	free(t.root);
	free(t.version);
out_rules:
	rules_free(&r);
out_args:
	strvec_free(&a.extra);
	return ret;
}
