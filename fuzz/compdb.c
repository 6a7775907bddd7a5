// SPDX-License-Identifier: GPL-2.0
/*
 * compile_commands.json: loaded by flags_init(), then the flags of each
 * file it names.  The harness runs in a directory holding a.c and b.c,
 * so entries with "directory": "." name real files.
 */
#include <fcntl.h>

#include "fuzz.h"

static struct rules rules;
static struct tree tree;
static char *db;
static int home;	/* where libFuzzer was started, for its paths */

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	char *p;

	(void)argc;
	(void)argv;
	fuzz_rules(&rules);
	tree.root = fuzz_tmpdir();
	p = path_join(tree.root, "a.c");
	fuzz_write(p, "int a;\n", 7);
	free(p);
	p = path_join(tree.root, "b.c");
	fuzz_write(p, "int b;\n", 7);
	free(p);
	db = path_join(tree.root, "compile_commands.json");
	home = open(".", O_RDONLY | O_DIRECTORY);
	if (home < 0)
		fatal("cannot open the current directory");
	fuzz_quiet();
	return 0;
}

static void flags_of(const struct flags_ctx *fc, const char *file)
{
	struct strvec args = { 0 };
	char *how = NULL;

	flags_for_file(fc, file, &args, &how);
	free(how);
	strvec_free(&args);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct flags_ctx fc;
	const cJSON *it;

	fuzz_write(db, data, size);
	if (chdir(tree.root))
		fatal("%s: cannot chdir", tree.root);
	if (flags_init(&fc, &tree, &rules, NULL, db) == 0) {
		cJSON_ArrayForEach(it, fc.compdb)
			flags_of(&fc, it->string);
		flags_of(&fc, "/nonexistent.c");
	}
	flags_free(&fc);
	if (fchdir(home))
		fatal("cannot go back to the starting directory");
	return 0;
}
