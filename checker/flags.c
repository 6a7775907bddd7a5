// SPDX-License-Identifier: GPL-2.0
/*
 * Compiler arguments for libclang, from (in this order of preference) a
 * compile_commands.json, a prepared O= build directory, or nothing at all.
 *
 * A build directory gives the exact command of a file Kbuild has built
 * (its .<name>.o.cmd); for any other file the command is synthesized the
 * way scripts/Makefile.lib builds c_flags.  Commands are split into argv
 * here and never handed to a shell.
 */
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "gupcheck.h"

/*
 * Split a shell command line into words: quotes and backslashes as in
 * POSIX sh, nothing expanded, and the first unquoted ; & or | ends the
 * command (Kbuild appends objtool runs with ';').
 */
bool shell_split(const char *cmd, struct strvec *out)
{
	struct strbuf word = { 0 };
	bool in_word = false;
	const char *p = cmd;

	for (;;) {
		char c = *p;

		if (!c || c == ';' || c == '&' || c == '|' || c == ' ' ||
		    c == '\t' || c == '\n') {
			if (in_word)
				strvec_push_nocopy(out, sb_detach(&word));
			in_word = false;
			if (!c || c == ';' || c == '&' || c == '|')
				break;
			p++;
			continue;
		}
		in_word = true;
		if (c == '\'') {
			const char *end = strchr(p + 1, '\'');

			if (!end)
				goto bad;
			sb_add(&word, p + 1, (size_t)(end - p - 1));
			p = end + 1;
		} else if (c == '"') {
			p++;
			while (*p && *p != '"') {
				if (*p == '\\' && p[1] && strchr("\"\\$`", p[1]))
					p++;
				sb_add(&word, p, 1);
				p++;
			}
			if (*p != '"')
				goto bad;
			p++;
		} else if (c == '\\' && p[1]) {
			sb_add(&word, p + 1, 1);
			p += 2;
		} else {
			sb_add(&word, p, 1);
			p++;
		}
		if (!word.buf)
			sb_add(&word, "", 0);
	}
	free(word.buf);
	return true;
bad:
	free(word.buf);
	return false;
}

static bool dropped(const struct rules *r, const char *a)
{
	size_t i;

	if (strvec_contains(&r->drop_flags, a))
		return true;
	for (i = 0; i < r->drop_prefixes.n; i++)
		if (str_starts(a, r->drop_prefixes.v[i]))
			return true;
	return false;
}

static const char * const path_flags[] = {
	"-I", "-isystem", "-include", "-iquote", "-idirafter", "-imacros",
};

/*
 * Turn a compiler command (without argv[0]) into libclang arguments:
 * drop what clang rejects or what only matters for code generation and
 * output, drop input files (the source), and make paths absolute
 * against DIR.
 */
void flags_filter(const struct rules *r, const char *dir, char **argv,
		  size_t argc, struct strvec *out)
{
	size_t i, k;

	for (i = 0; i < argc; i++) {
		const char *a = argv[i];
		bool is_path = false;

		if (strvec_contains(&r->drop_with_arg, a)) {
			i++;
			continue;
		}
		if (strvec_contains(&r->keep_with_arg, a) && i + 1 < argc) {
			strvec_push(out, a);
			strvec_push(out, argv[++i]);
			continue;
		}
		if (a[0] != '-') {
			/* input files: the source itself, objects */
			continue;
		}
		if (dropped(r, a))
			continue;
		for (k = 0; k < ARRAY_SIZE(path_flags); k++) {
			const char *f = path_flags[k];
			size_t n = strlen(f);

			if (strcmp(a, f) == 0 && i + 1 < argc) {
				strvec_push(out, a);
				strvec_push_nocopy(out,
						   path_join(dir, argv[++i]));
				is_path = true;
				break;
			}
			if (strcmp(f, "-I") == 0 && str_starts(a, f) &&
			    a[n]) {
				char *p = path_join(dir, a + n);

				strvec_push_nocopy(out,
						   xasprintf("-I%s", p));
				free(p);
				is_path = true;
				break;
			}
		}
		if (!is_path)
			strvec_push(out, a);
	}
}

static char *config_value(const char *build, const char *name)
{
	char *path = path_join(build, "include/config/auto.conf");
	char *text, *ret = NULL, *p;
	size_t len, n = strlen(name);
	int err;

	text = read_whole_file(path, &len, &err);
	free(path);
	for (p = text; p && *p; ) {
		if (strncmp(p, name, n) == 0 && p[n] == '=') {
			char *end = strchr(p, '\n');

			ret = xstrndup(p + n + 1,
				       end ? (size_t)(end - p - n - 1)
					   : strlen(p + n + 1));
			break;
		}
		p = strchr(p, '\n');
		if (p)
			p++;
	}
	free(text);
	return ret;
}

/* The architecture a build directory was prepared for: arch/A/include. */
static char *build_arch(const char *build)
{
	char *dir = path_join(build, "arch");
	DIR *d = opendir(dir);
	struct dirent *de;
	char *ret = NULL;

	while (d && !ret && (de = readdir(d))) {
		char *gen;
		struct stat st;

		if (de->d_name[0] == '.')
			continue;
		gen = xasprintf("%s/%s/include/generated", dir, de->d_name);
		if (stat(gen, &st) == 0 && S_ISDIR(st.st_mode))
			ret = xstrdup(de->d_name);
		free(gen);
	}
	if (d)
		closedir(d);
	free(dir);
	return ret;
}

static int set_target(struct flags_ctx *fc, const char *build)
{
	const cJSON *a = cJSON_GetObjectItemCaseSensitive(fc->rules->arch,
							  fc->arch);
	const cJSON *t = NULL, *it;
	char *is64 = build ? config_value(build, "CONFIG_64BIT") : NULL;

	if (!a) {
		warn("architecture '%s' is not in rules/toolchain.json",
		     fc->arch);
		free(is64);
		return -1;
	}
	if (is64 && strcmp(is64, "y") == 0)
		t = cJSON_GetObjectItemCaseSensitive(a, "CONFIG_64BIT=y");
	if (!build)
		t = cJSON_GetObjectItemCaseSensitive(a, "CONFIG_64BIT=y");
	if (!cJSON_IsString(t))
		t = cJSON_GetObjectItemCaseSensitive(a, "default");
	free(is64);
	if (!cJSON_IsString(t))
		return -1;
	fc->target = xstrdup(t->valuestring);
	cJSON_ArrayForEach(it, cJSON_GetObjectItemCaseSensitive(a, "flags"))
		if (cJSON_IsString(it))
			strvec_push(&fc->arch_flags, it->valuestring);
	return 0;
}

/* The -std= the kernel's top Makefile puts in KBUILD_CFLAGS. */
static char *kernel_std(const char *srctree)
{
	char *path = path_join(srctree, "Makefile");
	char *text, *ret = NULL, *line;
	size_t len;
	int err;

	text = read_whole_file(path, &len, &err);
	free(path);
	for (line = text; line && *line; ) {
		char *end = strchr(line, '\n');
		char *hash = memchr(line, '#', end ? (size_t)(end - line)
						   : strlen(line));
		char *s = strstr(line, "-std=gnu");

		if (s && (!end || s < end) && (!hash || s < hash) &&
		    strncmp(line, "HOSTCFLAGS", 10) &&
		    strncmp(line, "KBUILD_HOSTCFLAGS", 17)) {
			size_t n = strspn(s, "-std=gnu0123456789x");

			free(ret);
			ret = xstrndup(s, n);
		}
		line = end ? end + 1 : NULL;
	}
	free(text);
	return ret ? ret : xstrdup("-std=gnu11");
}

static int load_compdb(struct flags_ctx *fc, const char *file)
{
	const cJSON *it;
	const char *end = NULL;
	size_t len;
	int err = 0, bad = 0;
	cJSON *doc, *index;
	char *text;

	text = read_whole_file(file, &len, &err);
	if (!text) {
		warn("%s: cannot read compile database: %s", file,
		     strerror(err));
		return -1;
	}
	doc = cJSON_ParseWithLengthOpts(text, len, &end, 0);
	free(text);
	if (!cJSON_IsArray(doc)) {
		warn("%s: not a compile database (a JSON array of entries)",
		     file);
		cJSON_Delete(doc);
		return -1;
	}
	index = cJSON_CreateObject();
	cJSON_ArrayForEach(it, doc) {
		const cJSON *d = cJSON_GetObjectItemCaseSensitive(it,
								  "directory");
		const cJSON *f = cJSON_GetObjectItemCaseSensitive(it, "file");
		char *abs, *real;

		/* keys as the format spells them: from_compdb() reads these */
		if (!cJSON_IsString(d) || !cJSON_IsString(f) ||
		    (!cJSON_IsArray(cJSON_GetObjectItemCaseSensitive(it,
				"arguments")) &&
		     !cJSON_IsString(cJSON_GetObjectItemCaseSensitive(it,
				"command")))) {
			bad++;
			continue;
		}
		abs = path_join(d->valuestring, f->valuestring);
		real = path_real(abs);
		free(abs);
		if (!real) {
			bad++;
			continue;
		}
		if (strset_add(&fc->compdb_files, real))
			cJSON_AddItemToObject(index, real,
					      cJSON_Duplicate(it, true));
		free(real);
	}
	cJSON_Delete(doc);
	if (bad)
		warn("%s: %d entries without directory, file and arguments or command, or naming a missing file, were ignored",
		     file, bad);
	fc->compdb = index;
	return 0;
}

int flags_init(struct flags_ctx *fc, const struct tree *t,
	       const struct rules *r, const char *build, const char *compdb)
{
	char *inc = path_join(r->dir, "tolerant-include");

	memset(fc, 0, sizeof(*fc));
	fc->tree = t;
	fc->rules = r;
	fc->tolerant_inc = inc;
	fc->mode = FLAGS_TOLERANT;
	if (compdb) {
		if (load_compdb(fc, compdb))
			return -1;
		fc->mode = FLAGS_COMPDB;
	}
	if (build) {
		char *conf = path_join(build, "include/generated/autoconf.h");
		bool ok = access(conf, R_OK) == 0;

		free(conf);
		if (!ok) {
			warn("%s: not a prepared kernel build directory (no include/generated/autoconf.h); run 'make O=%s defconfig prepare' in the kernel tree",
			     build, build);
			return -1;
		}
		fc->build = path_real(build);
		fc->arch = build_arch(fc->build);
		if (!fc->arch) {
			warn("%s: no arch/*/include/generated in the build directory",
			     build);
			return -1;
		}
		if (!compdb)
			fc->mode = FLAGS_BUILD;
	} else {
		fc->arch = xstrdup("x86");
	}
	if (set_target(fc, fc->build))
		return -1;
	fc->std = kernel_std(t->root);
	return 0;
}

/* Kbuild's name-fix: KBUILD_BASENAME has '-' turned into '_'. */
static char *name_fix(const char *s)
{
	char *p = xstrdup(s), *q;

	for (q = p; *q; q++)
		if (*q == '-' || *q == ',')
			*q = '_';
	return p;
}

/* -I and -D from one Makefile line of ccflags, with $(src) expanded. */
static void makefile_flags_line(const char *line, const char *srctree,
				const char *src, const char *obj,
				struct strvec *out)
{
	struct strvec w = { 0 };
	size_t i;

	if (!shell_split(line, &w))
		return;
	for (i = 0; i < w.n; i++) {
		struct strbuf sb = { 0 };
		const char *a = w.v[i], *p;
		char *word;

		if ((strcmp(a, "-I") == 0 || strcmp(a, "-D") == 0) &&
		    i + 1 < w.n) {
			char *joined = xasprintf("%s%s", a, w.v[i + 1]);

			free(w.v[i + 1]);
			w.v[++i] = joined;
			a = joined;
		}
		if (!str_starts(a, "-I") && !str_starts(a, "-D"))
			continue;
		for (p = a; *p; ) {
			/* $(src) is relative to $(srctree) where it follows it */
			if (str_starts(p, "$(srctree)/$(src)")) {
				sb_adds(&sb, src);
				p += 17;
			} else if (str_starts(p, "$(srctree)")) {
				sb_adds(&sb, srctree);
				p += 10;
			} else if (str_starts(p, "$(src)")) {
				sb_adds(&sb, src);
				p += 6;
			} else if (str_starts(p, "$(obj)")) {
				sb_adds(&sb, obj);
				p += 6;
			} else {
				sb_add(&sb, p, 1);
				p++;
			}
		}
		word = sb_detach(&sb);
		if (strchr(word, '$')) {
			free(word);
			continue;
		}
		if (str_starts(word, "-I") && word[2] != '/') {
			char *abs = path_join(src, word + 2);

			free(word);
			word = xasprintf("-I%s", abs);
			free(abs);
		}
		strvec_push_nocopy(out, word);
	}
	strvec_free(&w);
}

/*
 * The ccflags a directory's Makefile adds: ccflags-*, subdir-ccflags-*
 * (also from parent directories), and CFLAGS_<base>.o.  Only -I and -D
 * are taken; configuration conditions are not evaluated.
 */
static void makefile_flags(const char *srctree, const char *build,
			   const char *reldir, const char *base,
			   struct strvec *out)
{
	char *dir = xstrdup(reldir);
	bool own = true;

	for (;;) {
		static const char * const names[] = { "Makefile", "Kbuild" };
		char *src = path_join(srctree, dir);
		char *obj = build ? path_join(build, dir) : xstrdup(src);
		char *cflags = xasprintf("CFLAGS_%s.o", base);
		size_t k;

		for (k = 0; k < 2; k++) {
			char *mk = path_join(src, names[k]);
			char *text, *line;
			size_t len;
			int err;

			text = read_whole_file(mk, &len, &err);
			free(mk);
			for (line = text; line && *line; ) {
				char *end = strchr(line, '\n');
				char *eq;
				bool take;

				while (end && end > line && end[-1] == '\\') {
					end[-1] = ' ';
					*end = ' ';
					end = strchr(end, '\n');
				}
				if (end)
					*end = '\0';
				eq = strchr(line, '=');
				take = str_starts(line, "subdir-ccflags") ||
				       (own && (str_starts(line, "ccflags") ||
						str_starts(line, "EXTRA_CFLAGS") ||
						str_starts(line, cflags)));
				if (take && eq)
					makefile_flags_line(eq + 1, srctree,
							    src, obj, out);
				line = end ? end + 1 : NULL;
			}
			free(text);
		}
		free(cflags);
		free(src);
		free(obj);
		if (!*dir || strcmp(dir, ".") == 0)
			break;
		{
			char *up = strrchr(dir, '/');

			if (up)
				*up = '\0';
			else
				dir[0] = '\0';
		}
		own = false;
	}
	free(dir);
}

static void push_inc(struct strvec *args, const char *a, const char *b)
{
	strvec_push_nocopy(args, xasprintf("-I%s/%s", a, b));
}

/* What scripts/Makefile.lib would pass for PATH in a prepared build. */
static void synthesize(const struct flags_ctx *fc, const char *path,
		       struct strvec *args)
{
	const char *s = fc->tree->root, *b = fc->build, *a = fc->arch;
	const char *rel = path_relative(s, path);
	char *reldir = path_dirname(rel);
	char *base = xstrdup(path_basename(rel));
	char *modfile, *fixed, *p;
	size_t i;

	p = strrchr(base, '.');
	if (p)
		*p = '\0';
	strvec_push(args, "-nostdinc");
	if (b) {
		char *ai = xasprintf("arch/%s/include", a);

		push_inc(args, s, ai);
		strvec_push_nocopy(args, xasprintf("-I%s/%s/generated", b,
						   ai));
		push_inc(args, s, "include");
		push_inc(args, b, "include");
		strvec_push_nocopy(args, xasprintf("-I%s/%s/uapi", s, ai));
		strvec_push_nocopy(args, xasprintf("-I%s/%s/generated/uapi",
						   b, ai));
		push_inc(args, s, "include/uapi");
		push_inc(args, b, "include/generated/uapi");
		free(ai);
	} else {
		strvec_push_nocopy(args, xasprintf("-I%s/arch/%s/include",
						   s, a));
		push_inc(args, s, "include");
		strvec_push_nocopy(args,
				   xasprintf("-I%s/arch/%s/include/uapi", s,
					     a));
		push_inc(args, s, "include/uapi");
		strvec_push_nocopy(args, xasprintf("-I%s", fc->tolerant_inc));
	}
	if (tree_is_kernel(s)) {
		static const char * const pre[] = {
			"compiler-version.h", "kconfig.h", "compiler_types.h",
		};

		for (i = 0; i < 3; i++) {
			char *h = xasprintf("%s/include/linux/%s", s, pre[i]);

			if (access(h, R_OK) == 0 && (b || i > 0)) {
				strvec_push(args, "-include");
				strvec_push(args, h);
			}
			free(h);
		}
	}
	strvec_push(args, "-D__KERNEL__");
	strvec_push_nocopy(args, xasprintf("--target=%s", fc->target));
	strvec_push(args, fc->std);
	strvec_push(args, "-fno-strict-aliasing");
	strvec_push(args, "-fno-common");
	strvec_push(args, "-fshort-wchar");
	strvec_push(args, "-fno-PIE");
	strvec_push(args, "-O2");
	for (i = 0; i < fc->arch_flags.n; i++)
		strvec_push(args, fc->arch_flags.v[i]);
	if (tree_is_kernel(s))
		makefile_flags(s, b, reldir, base, args);
	strvec_push_nocopy(args, xasprintf("-I%s/%s", s, reldir));
	if (b)
		strvec_push_nocopy(args, xasprintf("-I%s/%s", b, reldir));
	modfile = xasprintf("%s/%s", reldir, base);
	fixed = name_fix(base);
	strvec_push_nocopy(args, xasprintf("-DKBUILD_MODFILE=\"%s\"",
					   modfile));
	strvec_push_nocopy(args, xasprintf("-DKBUILD_BASENAME=\"%s\"",
					   fixed));
	strvec_push_nocopy(args, xasprintf("-DKBUILD_MODNAME=\"%s\"",
					   fixed));
	strvec_push_nocopy(args, xasprintf("-D__KBUILD_MODNAME=kmod_%s",
					   fixed));
	free(modfile);
	free(fixed);
	free(reldir);
	free(base);
}

/* The command Kbuild used for PATH, from its .cmd file, if it was built. */
static bool from_cmd_file(const struct flags_ctx *fc, const char *path,
			  struct strvec *args)
{
	const char *rel = path_relative(fc->tree->root, path);
	char *reldir = path_dirname(rel), *base = xstrdup(path_basename(rel));
	char *cmdfile, *text, *p, *eol;
	struct strvec w = { 0 };
	bool ok = false;
	size_t len;
	int err;

	p = strrchr(base, '.');
	if (p)
		*p = '\0';
	cmdfile = xasprintf("%s/%s/.%s.o.cmd", fc->build, reldir, base);
	text = read_whole_file(cmdfile, &len, &err);
	if (text && (str_starts(text, "cmd_") ||
		     str_starts(text, "savedcmd_"))) {
		p = strstr(text, " := ");
		eol = strchr(text, '\n');
		if (eol)
			*eol = '\0';
		if (p && shell_split(p + 4, &w) && w.n > 1) {
			flags_filter(fc->rules, fc->build, w.v + 1, w.n - 1, args);
			ok = true;
		}
	}
	strvec_free(&w);
	free(text);
	free(cmdfile);
	free(reldir);
	free(base);
	return ok;
}

static bool from_compdb(const struct flags_ctx *fc, const char *path,
			struct strvec *args)
{
	const cJSON *e = cJSON_GetObjectItemCaseSensitive(fc->compdb, path);
	const cJSON *argv, *it, *dir, *cmd;
	struct strvec w = { 0 };

	if (!e)
		return false;
	dir = cJSON_GetObjectItemCaseSensitive(e, "directory");
	argv = cJSON_GetObjectItemCaseSensitive(e, "arguments");
	cmd = cJSON_GetObjectItemCaseSensitive(e, "command");
	if (cJSON_IsArray(argv)) {
		cJSON_ArrayForEach(it, argv)
			if (cJSON_IsString(it))
				strvec_push(&w, it->valuestring);
	} else if (!cJSON_IsString(cmd) || !shell_split(cmd->valuestring, &w)) {
		strvec_free(&w);
		return false;
	}
	if (w.n > 1)
		flags_filter(fc->rules, dir->valuestring, w.v + 1, w.n - 1, args);
	strvec_free(&w);
	return true;
}

/*
 * FLAGS_ARGV: the compiler arguments of FILE are given, as a checker run
 * by Kbuild gets them ($(CHECK) $(CHECKFLAGS) $(c_flags) FILE): ARGV
 * without the file.  Relative paths are relative to the current
 * directory, where make runs the checker.  A command line without a
 * target (GCC's) gets the build's, and a file not named .c is C.
 */
int flags_set_argv(struct flags_ctx *fc, const char *file, char **argv,
		   size_t argc)
{
	char *cwd = getcwd(NULL, 0);
	bool target = false;
	size_t i;

	fc->argv_file = path_real(file);
	if (!cwd || !fc->argv_file) {
		warn("%s: %s", cwd ? file : ".", strerror(errno));
		free(cwd);
		return -1;
	}
	flags_filter(fc->rules, cwd, argv, argc, &fc->argv_args);
	free(cwd);
	for (i = 0; i < fc->argv_args.n; i++)
		if (str_starts(fc->argv_args.v[i], "--target=") ||
		    strcmp(fc->argv_args.v[i], "-target") == 0)
			target = true;
	if (!target && fc->target)
		strvec_push_nocopy(&fc->argv_args,
				   xasprintf("--target=%s", fc->target));
	if (!str_ends(file, ".c")) {
		strvec_push(&fc->argv_args, "-x");
		strvec_push(&fc->argv_args, "c");
	}
	fc->mode = FLAGS_ARGV;
	return 0;
}

/*
 * Would PATH (absolute) be parsed with flags as good as the scanned
 * files': an entry of the compile database when the scan reads one, any
 * file of a --build scan (from its .cmd file or synthesized from the
 * build directory, as the scanned files are) or of a scan with no build
 * information (all parsed tolerantly); never for Kbuild's checker, which
 * is given its one file's flags.  The ownership analysis reads another
 * file of a driver only when this holds.
 */
bool flags_exact(const struct flags_ctx *fc, const char *path)
{
	switch (fc->mode) {
	case FLAGS_TOLERANT:
	case FLAGS_BUILD:
		return true;
	case FLAGS_COMPDB:
		return strset_has(&fc->compdb_files, path, strlen(path));
	default:
		return false;
	}
}

/*
 * Arguments for PATH.  *HOW says where they came from, for the report.
 */
int flags_for_file(const struct flags_ctx *fc, const char *path,
		   struct strvec *args, char **how)
{
	size_t i;

	if (fc->mode == FLAGS_ARGV && strcmp(path, fc->argv_file) == 0) {
		for (i = 0; i < fc->argv_args.n; i++)
			strvec_push(args, fc->argv_args.v[i]);
		*how = xstrdup("the checker's command line");
	} else if (fc->mode == FLAGS_COMPDB && from_compdb(fc, path, args)) {
		*how = xstrdup("compile_commands.json");
	} else if (fc->build && tree_is_kernel(fc->tree->root) &&
		   from_cmd_file(fc, path, args)) {
		*how = xstrdup("build .cmd file");
	} else if (fc->build) {
		synthesize(fc, path, args);
		*how = xstrdup(fc->mode == FLAGS_COMPDB ?
			       "synthesized (not in compile_commands.json)" :
			       "synthesized from the build directory");
	} else {
		synthesize(fc, path, args);
		*how = xstrdup("tolerant (no build directory)");
	}
	strvec_push(args, "-Wno-everything");
	strvec_push(args, "-ferror-limit=50");
	for (i = 0; i < fc->extra.n; i++)
		strvec_push(args, fc->extra.v[i]);
	return 0;
}

void flags_free(struct flags_ctx *fc)
{
	free(fc->build);
	free(fc->arch);
	free(fc->target);
	free(fc->std);
	free(fc->tolerant_inc);
	strvec_free(&fc->arch_flags);
	strvec_free(&fc->extra);
	free(fc->argv_file);
	strvec_free(&fc->argv_args);
	cJSON_Delete(fc->compdb);
	strset_free(&fc->compdb_files);
	memset(fc, 0, sizeof(*fc));
}
