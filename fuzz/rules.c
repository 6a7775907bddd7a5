// SPDX-License-Identifier: GPL-2.0
/*
 * The rules loader and what consults the rules at start-up.  The first
 * byte picks which file of rules/ the rest of the input replaces; the
 * other files are the real ones.  A new file in rules/ must be added to
 * the list (and a seed to testcases/fuzz/rules/): the harness says so.
 */
#include <dirent.h>

#include "fuzz.h"

static const char * const files[] = {
	"rules.json", "gup-api.json", "removed-params.json",
	"removed-api.json", "tree.json", "toolchain.json", "ownership.json",
};

static void all_listed(void)
{
	DIR *d = opendir(FUZZ_TOP "/rules");
	struct dirent *de;
	size_t i;

	while (d && (de = readdir(d))) {
		if (!str_ends(de->d_name, ".json"))
			continue;
		for (i = 0; i < ARRAY_SIZE(files); i++)
			if (!strcmp(files[i], de->d_name))
				break;
		if (i == ARRAY_SIZE(files))
			fatal("rules/%s is not in fuzz/rules.c's list", de->d_name);
	}
	if (d)
		closedir(d);
}

static char *dir;
static char *orig[ARRAY_SIZE(files)];
static size_t orig_len[ARRAY_SIZE(files)];

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	size_t i;
	int err;

	(void)argc;
	(void)argv;
	all_listed();
	dir = fuzz_tmpdir();
	for (i = 0; i < ARRAY_SIZE(files); i++) {
		char *src = xasprintf("%s/rules/%s", FUZZ_TOP, files[i]);
		char *dst = path_join(dir, files[i]);

		orig[i] = read_whole_file(src, &orig_len[i], &err);
		if (!orig[i])
			fatal("%s: cannot read", src);
		fuzz_write(dst, orig[i], orig_len[i]);
		free(src);
		free(dst);
	}
	fuzz_quiet();
	return 0;
}

static void consult(struct rules *r)
{
	struct tree t = { .root = dir };
	struct strset ids = { 0 };
	struct strvec out = { 0 };
	char *argv[] = { "-O2", "-I", "inc", "-mfoo", "-Iinc2", "x.c" };
	struct engine e;
	size_t i;

	for (i = 0; i < r->nr_rules; i++)
		free(rule_explanation(&r->rule[i]));
	rules_select(r, "gup/,iov/");
	engine_init(&e, r, &t);
	checks_register(&e);
	engine_identifiers(&e, &ids);
	flags_filter(r, dir, argv, ARRAY_SIZE(argv), &out);
	strvec_free(&out);
	strset_free(&ids);
	engine_free(&e);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct rules r;
	size_t which;
	char *path;

	if (!size)
		return 0;
	which = data[0] % ARRAY_SIZE(files);
	path = path_join(dir, files[which]);
	fuzz_write(path, data + 1, size - 1);
	if (rules_load(&r, dir) == 0)
		consult(&r);
	rules_free(&r);
	fuzz_write(path, orig[which], orig_len[which]);
	free(path);
	return 0;
}
