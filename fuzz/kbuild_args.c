// SPDX-License-Identifier: GPL-2.0
/*
 * The command line of Kbuild's checker mode: kbuild_invoked() and
 * kbuild_parse_args() on what make passes as $(CHECK) $(CHECKFLAGS)
 * $(c_flags) FILE, then flags_set_argv() and flags_for_file(), which make
 * libclang's arguments of it.  The input is the arguments after argv[0],
 * separated by NUL bytes when it holds one, else by newlines.  The file
 * the flags are made for is a real one, a.c or a.h of an empty tree.
 */
#include <fcntl.h>

#include "fuzz.h"

#define MAX_ARGS 4096

static struct rules rules;
static struct tree tree;
static char *file_c, *file_h;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_rules(&rules);
	tree.root = fuzz_tmpdir();
	file_c = path_join(tree.root, "a.c");
	fuzz_write(file_c, "int a;\n", 7);
	file_h = path_join(tree.root, "a.h");
	fuzz_write(file_h, "int b;\n", 7);
	fuzz_quiet();
	return 0;
}

static bool own_option(const char *a)
{
	return !strcmp(a, "--fail") || !strcmp(a, "--show-flags") ||
	       !strcmp(a, "--help") || str_starts(a, "--rules=") ||
	       str_starts(a, "--rules-dir=");
}

static bool has_arg(int argc, char **argv, const char *opt)
{
	int i;

	for (i = 1; i < argc; i++)
		if (!strcmp(argv[i], opt))
			return true;
	return false;
}

/* The value of the last argument starting with OPT, as the parser keeps. */
static const char *last_value(int argc, char **argv, const char *opt)
{
	const char *v = NULL;
	int i;

	for (i = 1; i < argc; i++)
		if (str_starts(argv[i], opt))
			v = argv[i] + strlen(opt);
	return v;
}

/*
 * What the parser found, against the arguments it was given.  The file
 * is the last argument naming a .c file, else the last argument if it is
 * not an option.
 */
static void check_args(int argc, char **argv, const struct kbuild_args *ka)
{
	int i, own = 0, file = -1;
	size_t k = 0;

	for (i = 1; i < argc; i++)
		if (argv[i][0] != '-' && str_ends(argv[i], ".c"))
			file = i;
	if (file < 0 && argc > 1 && argv[argc - 1][0] != '-')
		file = argc - 1;
	if (ka->help)
		FUZZ_ASSERT(!ka->file);
	else
		FUZZ_ASSERT(file > 0 && ka->file == argv[file] && *ka->file);
	/* every other argument is an option of gupcheck's or a flag, in order */
	for (i = 1; i < argc; i++) {
		if (i == file)
			continue;
		if (own_option(argv[i])) {
			own++;
			continue;
		}
		FUZZ_ASSERT(k < ka->cflags.n);
		FUZZ_ASSERT(!strcmp(ka->cflags.v[k], argv[i]));
		k++;
	}
	FUZZ_ASSERT(k == ka->cflags.n);
	FUZZ_ASSERT(own + (int)k + (file > 0) == argc - 1);
	FUZZ_ASSERT(ka->fail == has_arg(argc, argv, "--fail"));
	FUZZ_ASSERT(ka->show_flags == has_arg(argc, argv, "--show-flags"));
	FUZZ_ASSERT(ka->rules == last_value(argc, argv, "--rules="));
	FUZZ_ASSERT(ka->rules_dir == last_value(argc, argv, "--rules-dir="));
}

/* The libclang arguments of the flags, for a real file of the tree. */
static void check_flags(const struct kbuild_args *ka)
{
	const char *file = str_ends(ka->file, ".c") ? file_c : file_h;
	struct strvec args = { 0 };
	struct flags_ctx fc;
	char *how = NULL;
	size_t i, n;

	if (flags_init(&fc, &tree, &rules, NULL, NULL) == 0 &&
	    flags_set_argv(&fc, file, ka->cflags.v, ka->cflags.n) == 0) {
		n = fc.argv_args.n;
		/* at most one argument each, and --target= and -x c */
		FUZZ_ASSERT(n <= ka->cflags.n + 3);
		if (file == file_h)
			FUZZ_ASSERT(n >= 2 && !strcmp(fc.argv_args.v[n - 2], "-x") &&
				    !strcmp(fc.argv_args.v[n - 1], "c"));
		flags_for_file(&fc, fc.argv_file, &args, &how);
		FUZZ_ASSERT(how && args.n >= n);
		for (i = 0; i < n; i++)
			FUZZ_ASSERT(!strcmp(args.v[i], fc.argv_args.v[i]));
	}
	free(how);
	strvec_free(&args);
	flags_free(&fc);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *buf = xmalloc(size + 1), *p, *end, sep;
	char *argv[MAX_ARGS + 2];
	struct kbuild_args ka;
	int argc = 1;

	memcpy(buf, data, size);
	buf[size] = '\0';
	sep = memchr(buf, '\0', size) ? '\0' : '\n';
	argv[0] = "gupcheck";
	for (p = buf; p < buf + size && argc <= MAX_ARGS; p = end + 1) {
		end = memchr(p, sep, (size_t)(buf + size - p));
		if (!end)
			end = buf + size;
		*end = '\0';
		argv[argc++] = p;
	}
	argv[argc] = NULL;
	kbuild_invoked(argc, argv);
	if (kbuild_parse_args(argc, argv, &ka) == 0) {
		check_args(argc, argv, &ka);
		if (ka.file)
			check_flags(&ka);
	}
	kbuild_args_free(&ka);
	free(buf);
	return 0;
}
