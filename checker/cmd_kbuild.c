// SPDX-License-Identifier: GPL-2.0
/*
 * Kbuild's checker mode: 'make C=1 CHECK=gupcheck' runs
 *
 *	$(CHECK) $(CHECKFLAGS) $(c_flags) FILE.c
 *
 * for every C file it compiles (C=2: for every C file), in the build
 * directory, as it runs sparse.  The arguments are the file's real compile
 * flags; the file goes through the scan's pipeline (path policy,
 * prefilter, the engine's checks in a worker, pending questions) with
 * those flags, its findings go to stderr the way a compiler prints them,
 * and with $GUPCHECK_REPORT set a JSON report of the file is appended to
 * that file as one line, under flock(), so parallel make jobs never mix
 * their lines.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "gupcheck.h"

static const char kbuild_usage[] =
"usage: make C=1 CHECK=gupcheck [CHECK=\"gupcheck OPTIONS\"] ...\n"
"       gupcheck [OPTIONS] [COMPILER FLAGS] FILE.c\n"
"\n"
"Run as Kbuild's source checker, in place of sparse: FILE.c is checked\n"
"with the compiler flags given (sparse-only and GCC-only flags are\n"
"dropped), and findings go to stderr as\n"
"'file:line:col: level: message [rule]', paths relative to the tree.\n"
"\n"
"  --fail             exit 1 when there are findings (notes aside), which\n"
"                     stops make; the default is exit 0\n"
"  --rules=LIST       run only these rules: ids or prefixes such as gup/\n"
"  --rules-dir=DIR    where the rules data is\n"
"  --show-flags       print the libclang arguments on stderr\n"
"  --help             this text\n"
"\n"
"GUPCHECK_REPORT=FILE (an absolute path) appends each file's JSON report\n"
"to FILE as one line; parallel make jobs are safe.  A file of no kernel\n"
"tree and not under $KBUILD_EXTMOD (the probe newer kernels run) is\n"
"checked but not reported there.\n"
"\n"
"This mode is chosen when the first argument is not a command (it starts\n"
"with '-', or names a C file or an existing file), or when gupcheck runs\n"
"under the name gupcheck-kbuild.\n";

static bool is_command(const char *a)
{
	static const char * const words[] = {
		"scan", "rules", "explain", "help", "-h", "--help", "-V",
		"--version",
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(words); i++)
		if (strcmp(a, words[i]) == 0)
			return true;
	return false;
}

/* Is this a checker run: how Kbuild calls $(CHECK), or gupcheck-kbuild? */
bool kbuild_invoked(int argc, char **argv)
{
	struct stat st;
	const char *a;

	if (argc > 0 && argv[0] &&
	    strcmp(path_basename(argv[0]), "gupcheck-kbuild") == 0)
		return true;
	if (argc < 2 || !argv[1])
		return false;
	a = argv[1];
	if (is_command(a))
		return false;
	if (a[0] == '-' || str_ends(a, ".c"))
		return true;
	return stat(a, &st) == 0 && S_ISREG(st.st_mode);
}

/*
 * ARGV[1..ARGC) as Kbuild passes it: gupcheck's own options (--fail,
 * --rules=, --rules-dir=, --show-flags, --help), then compiler and
 * checker flags, and the source file, which is the last argument naming a
 * .c file, else the last argument if it is not an option.  Everything but
 * the file and gupcheck's options is kept, in order, for flags.c.
 * Returns 0, or -1 with a message on stderr.
 */
int kbuild_parse_args(int argc, char **argv, struct kbuild_args *ka)
{
	int i, file = -1;

	memset(ka, 0, sizeof(*ka));
	for (i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (!a)
			break;
		if (a[0] != '-' && str_ends(a, ".c"))
			file = i;
	}
	argc = i;
	if (file < 0 && argc > 1 && argv[argc - 1][0] != '-')
		file = argc - 1;
	for (i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (i == file)
			continue;
		if (strcmp(a, "--rules") == 0 || strcmp(a, "--rules-dir") == 0) {
			warn("%s: give its value as %s=VALUE", a, a);
			return -1;
		}
		if (strcmp(a, "--fail") == 0)
			ka->fail = true;
		else if (strcmp(a, "--show-flags") == 0)
			ka->show_flags = true;
		else if (strcmp(a, "--help") == 0)
			ka->help = true;
		else if (str_starts(a, "--rules="))
			ka->rules = a + 8;
		else if (str_starts(a, "--rules-dir="))
			ka->rules_dir = a + 12;
		else
			strvec_push(&ka->cflags, a);
	}
	if (ka->help)
		return 0;
	if (file < 0) {
		warn("no source file among the arguments (Kbuild runs $(CHECK) $(CHECKFLAGS) $(c_flags) FILE.c)");
		return -1;
	}
	if (!*argv[file]) {
		warn("an empty source file name");
		return -1;
	}
	ka->file = argv[file];
	return 0;
}

void kbuild_args_free(struct kbuild_args *ka)
{
	strvec_free(&ka->cflags);
	memset(ka, 0, sizeof(*ka));
}

/*
 * The tree FILE belongs to: the kernel tree above it, else (an external
 * module) $KBUILD_EXTMOD when it holds the file, else the file's
 * directory, and then *STRAY is set: a file of no tree, such as the
 * temporary file scripts/checker-valid.sh probes the checker with.
 */
static int kbuild_tree(const char *file, struct tree *t, bool *stray)
{
	const char *ext = getenv("KBUILD_EXTMOD");
	char *real = path_real(file), *er;

	if (!real) {
		warn("%s: %s", file, strerror(errno));
		return -1;
	}
	t->root = tree_find_root(real);
	if (t->root) {
		t->version = tree_kernel_version(t->root);
		free(real);
		return 0;
	}
	er = ext && *ext ? path_real(ext) : NULL;
	if (er && path_relative(er, real) != real) {
		t->root = er;
	} else {
		free(er);
		t->root = path_dirname(real);
		*stray = true;
	}
	free(real);
	return 0;
}

/* One line of JSON, appended under an exclusive lock. */
static int append_report(const char *path, const struct scan_result *res)
{
	char *dir = path_dirname(path), *real = path_real(dir);
	cJSON *doc;
	char *text, *line;
	size_t n, off = 0;
	int fd, ret = 0;

	if (!real) {
		warn("GUPCHECK_REPORT=%s: directory %s: %s", path, dir,
		     strerror(errno));
		free(dir);
		return -1;
	}
	free(dir);
	if (path_relative(res->tree->root, real) != real ||
	    strcmp(res->tree->root, real) == 0) {
		warn("GUPCHECK_REPORT=%s: inside the checked tree %s; gupcheck never writes there",
		     path, res->tree->root);
		free(real);
		return -1;
	}
	free(real);
	doc = report_json(res);
	text = cJSON_PrintUnformatted(doc);
	cJSON_Delete(doc);
	line = xasprintf("%s\n", text);
	cJSON_free(text);
	n = strlen(line);
	fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
	if (fd < 0 || flock(fd, LOCK_EX) < 0) {
		warn("GUPCHECK_REPORT=%s: %s", path, strerror(errno));
		if (fd >= 0)
			close(fd);
		free(line);
		return -1;
	}
	while (off < n) {
		ssize_t w = write(fd, line + off, n - off);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			warn("GUPCHECK_REPORT=%s: %s", path,
			     w < 0 ? strerror(errno) : "short write");
			ret = -1;
			break;
		}
		off += (size_t)w;
	}
	if (close(fd) < 0 && !ret) {
		warn("GUPCHECK_REPORT=%s: %s", path, strerror(errno));
		ret = -1;
	}
	free(line);
	return ret;
}

static bool any_pending(const cJSON *findings)
{
	const cJSON *f;

	cJSON_ArrayForEach(f, findings)
		if (cJSON_GetObjectItem(f, "pending"))
			return true;
	return false;
}

/* The file as a one-file scan: path policy and prefilter as a scan has. */
static void kbuild_files(const struct tree *t, const struct rules *r,
			 const char *real, struct file_list *fl)
{
	const struct path_policy *pp;
	struct scan_file *f;

	fl->cap = 1;
	fl->n = 1;
	fl->f = xcalloc(1, sizeof(*fl->f));
	f = &fl->f[0];
	f->path = xstrdup(real);
	f->rel = xstrdup(path_relative(t->root, real));
	f->state = FILE_CANDIDATE;
	pp = tree_excluded(r, f->rel);
	if (pp) {
		f->state = FILE_EXCLUDED;
		f->reason = xstrdup(pp->reason);
	}
}

static int kbuild_check(struct kbuild_args *ka, const char *argv0,
			const char *report)
{
	struct scan_opts o = { .jobs = 1, .file_timeout = 300 };
	struct file_list fl = { 0 }, scope = { 0 };
	struct scan_result res = { 0 };
	struct flags_ctx fc = { 0 };
	struct prefilter pf = { 0 };
	struct tree t = { 0 };
	struct index ix = { 0 };
	struct engine e;
	struct rules r;
	double start = now_seconds();
	char *dir, *conf;
	int ret = 2;
	bool built, stray = false;

	dir = rules_find_dir(argv0, ka->rules_dir);
	if (!dir) {
		warn("cannot find the rules directory; set GUPCHECK_RULES or use --rules-dir=DIR");
		return 2;
	}
	if (rules_load(&r, dir)) {
		warn("%s: the rules could not be loaded", dir);
		free(dir);
		goto out_rules;
	}
	free(dir);
	if (ka->rules && rules_select(&r, ka->rules))
		goto out_rules;
	if (access(ka->file, R_OK)) {
		warn("%s: %s", ka->file, strerror(errno));
		goto out_rules;
	}
	if (kbuild_tree(ka->file, &t, &stray))
		goto out_tree;
	/* make runs the checker in the build directory (objtree) */
	conf = xstrdup("include/generated/autoconf.h");
	built = access(conf, R_OK) == 0;
	free(conf);
	if (flags_init(&fc, &t, &r, built ? "." : NULL, NULL) ||
	    flags_set_argv(&fc, ka->file, ka->cflags.v, ka->cflags.n))
		goto out_flags;
	kbuild_files(&t, &r, fc.argv_file, &fl);
	/* the other files' facts, from the index of the tree when there is one */
	if (ownership_enabled(&r)) {
		index_setup(&ix, NULL, NULL, &t, &r, built ? "." : NULL, NULL,
			    false);
		o.index = ix.path ? &ix : NULL;
	}

	engine_init(&e, &r, &t);
	checks_register(&e);
	engine_identifiers(&e, &pf.idents);
	prefilter_run(&pf, &t, &fl);
	e.relevant_headers = &pf.headers;
	o.show_flags = ka->show_flags;

	res.tree = &t;
	res.rules = &r;
	res.files = &fl;
	res.flags = &fc;
	res.jobs = 1;
	res.clang = true;
	res.findings = cJSON_CreateArray();
	workers_run(&e, &fc, &fl, &o, res.findings);
	/* this file's facts, and the other files' from the index */
	res.own_coverage = own_run(&e, &fc, &fl, &o, res.findings);
	/* a function another file defines is looked up in the whole tree */
	if (any_pending(res.findings) && tree_collect(&t, &r, t.root, &scope))
		file_list_free(&scope);
	resolve_pending(&e, &fc, scope.n ? &scope : &fl, &o, res.findings);
	findings_finalize(res.findings);
	res.seconds = now_seconds() - start;

	report_text(&res, stderr);
	ret = 0;
	/* a stray file's report would not belong with the build's */
	if (report && !stray && append_report(report, &res))
		ret = 2;
	else if (ka->fail && findings_worth_failing(res.findings))
		ret = 1;
	cJSON_Delete(res.findings);
	cJSON_Delete(res.own_coverage);
	engine_free(&e);
	prefilter_free(&pf);
	file_list_free(&scope);
	file_list_free(&fl);
	index_free(&ix);
out_flags:
	flags_free(&fc);
out_tree:
	free(t.root);
	free(t.version);
out_rules:
	rules_free(&r);
	return ret;
}

int cmd_kbuild(int argc, char **argv)
{
	const char *report = getenv("GUPCHECK_REPORT");
	struct kbuild_args ka;
	int ret;

	if (kbuild_parse_args(argc, argv, &ka)) {
		fputs("Try 'gupcheck --help'.\n", stderr);
		kbuild_args_free(&ka);
		return 2;
	}
	if (ka.help) {
		fputs(kbuild_usage, stdout);
		kbuild_args_free(&ka);
		return 0;
	}
	ret = kbuild_check(&ka, argc > 0 ? argv[0] : "gupcheck",
			   report && *report ? report : NULL);
	kbuild_args_free(&ka);
	return ret;
}
