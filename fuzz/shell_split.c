// SPDX-License-Identifier: GPL-2.0
/*
 * shell_split() and flags_filter(): the commands of .cmd files and of a
 * compile_commands.json, split into argv and filtered for libclang.
 */
#include "fuzz.h"

static struct rules rules;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_rules(&rules);
	fuzz_quiet();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *cmd = xstrndup((const char *)data, size);
	struct strvec w = { 0 }, out = { 0 };
	size_t i;

	if (shell_split(cmd, &w)) {
		for (i = 0; i < w.n; i++)
			FUZZ_ASSERT(strlen(w.v[i]) <= size);
		if (w.n > 1)
			flags_filter(&rules, "/build", w.v + 1, w.n - 1, &out);
	}
	strvec_free(&out);
	strvec_free(&w);
	free(cmd);
	return 0;
}
