// SPDX-License-Identifier: GPL-2.0
/*
 * The prefilter: macro learning over the tree's headers, then the choice
 * of candidates.  The input is both a header, include/linux/fuzz.h, and
 * a source file, a.c, of a tree with nothing else.
 */
#include "fuzz.h"

static struct rules rules;
static struct tree tree;
static char *header, *source;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	char *p;

	(void)argc;
	(void)argv;
	fuzz_rules(&rules);
	tree.root = fuzz_tmpdir();
	p = path_join(tree.root, "include");
	mkdir(p, 0700);
	free(p);
	p = path_join(tree.root, "include/linux");
	mkdir(p, 0700);
	free(p);
	header = path_join(tree.root, "include/linux/fuzz.h");
	source = path_join(tree.root, "a.c");
	fuzz_quiet();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct scan_file f = { 0 };
	struct file_list fl = { .f = &f, .n = 1, .cap = 1 };
	struct prefilter pf = { 0 };
	struct engine e;

	fuzz_write(header, data, size);
	fuzz_write(source, data, size);
	f.path = source;
	f.rel = "a.c";
	f.state = FILE_CANDIDATE;
	engine_init(&e, &rules, &tree);
	checks_register(&e);
	engine_identifiers(&e, &pf.idents);
	prefilter_run(&pf, &tree, &fl);
	free(f.reason);
	prefilter_free(&pf);
	engine_free(&e);
	return 0;
}
