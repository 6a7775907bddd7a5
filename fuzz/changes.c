// SPDX-License-Identifier: GPL-2.0
/*
 * What --changes reads: changes_parse() of a unified diff, a patch or an
 * mbox of patches, with what a scope asks of the change set, and
 * functions_of(), the lexical search for functions in the files of the
 * changed tree, on the same bytes.
 */
#include "fuzz.h"

/* Hunk lines may be 100000000 and 100000000 long: a line is below that. */
#define HUNK_REACH 200000001ULL

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_quiet();
	return 0;
}

/* How many lines of BUF start with "@@ ". */
static size_t hunks(const char *buf, size_t len)
{
	size_t n = 0, i;

	for (i = 0; i + 3 <= len; i++)
		if ((i == 0 || buf[i - 1] == '\n') && !memcmp(buf + i, "@@ ", 3))
			n++;
	return n;
}

static void check_changes(const char *buf, size_t len,
			  const struct change_set *cs)
{
	unsigned long long reach = HUNK_REACH * (hunks(buf, len) + 1);
	struct scope s = { .cs = cs };
	size_t i, k;

	FUZZ_ASSERT(cs->patches >= 1);
	for (i = 0; i < cs->n; i++) {
		const struct changed_file *f = &cs->f[i];

		FUZZ_ASSERT(f->path || !f->nr_lines);
		FUZZ_ASSERT(f->header == (f->path && str_ends(f->path, ".h")));
		if (f->path)
			FUZZ_ASSERT(scope_has_file(&s, f->path));
		for (k = 0; k < f->nr_lines; k++) {
			FUZZ_ASSERT(f->lines[k] >= 1 && f->lines[k] < reach);
			FUZZ_ASSERT(scope_covers(&s, f->path, f->lines[k]));
		}
	}
}

/* Functions are in the order of the file, one after the other. */
static void check_functions(const char *buf, size_t len)
{
	struct func_span *fs;
	unsigned int lines = 1;
	size_t n = functions_of(buf, len, &fs), i;

	for (i = 0; i < len; i++)
		lines += buf[i] == '\n';
	for (i = 0; i < n; i++) {
		FUZZ_ASSERT(fs[i].name && fs[i].name[0]);
		FUZZ_ASSERT(fs[i].first >= 1 && fs[i].first <= fs[i].last);
		FUZZ_ASSERT(fs[i].last <= lines);
		FUZZ_ASSERT(!i || fs[i].first >= fs[i - 1].last);
		free(fs[i].name);
	}
	free(fs);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* no terminating NUL: the parsers must keep to LEN */
	char *buf = xmalloc(size ? size : 1), *err = NULL;
	struct change_set cs = { 0 };
	int ret;

	memcpy(buf, data, size);
	ret = changes_parse(buf, size, &cs, &err);
	FUZZ_ASSERT((ret == 0) == !err);
	if (!ret)
		check_changes(buf, size, &cs);
	change_set_free(&cs);
	free(err);
	check_functions(buf, size);
	free(buf);
	return 0;
}
