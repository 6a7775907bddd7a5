/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the libFuzzer harnesses share.  A harness is one file in fuzz/
 * defining LLVMFuzzerTestOneInput; its seeds are testcases/fuzz/NAME/.
 * FUZZ_TOP is the source tree, for the real rules.
 */
#ifndef FUZZ_H
#define FUZZ_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <ftw.h>

#include "../checker/gupcheck.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/*
 * gupcheck's warnings go to the stderr stream and what a command prints
 * to the stdout stream; libFuzzer and the sanitizers keep the file
 * descriptors, so reports still show.
 */
static inline void fuzz_quiet(void)
{
	FILE *null = fopen("/dev/null", "w");

	if (null)
		stderr = stdout = null;
}

/* An invariant of the code under test: say which one broke, and stop. */
#define FUZZ_ASSERT(cond) do { \
	if (!(cond)) { \
		dprintf(2, "%s:%d: broken: %s\n", __FILE__, __LINE__, #cond); \
		abort(); \
	} \
} while (0)

static char *fuzz_dir;

static int fuzz_remove(const char *path, const struct stat *st, int flag,
		       struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

/* The harness's directory goes when it ends (libFuzzer exits). */
static void fuzz_cleanup(void)
{
	if (fuzz_dir)
		nftw(fuzz_dir, fuzz_remove, 16, FTW_DEPTH | FTW_PHYS);
}

static inline char *fuzz_tmpdir(void)
{
	char *dir = xstrdup("/tmp/gupcheck-fuzz.XXXXXX");

	if (!mkdtemp(dir))
		fatal("mkdtemp: cannot make a directory in /tmp");
	if (!fuzz_dir) {
		fuzz_dir = dir;
		atexit(fuzz_cleanup);
	}
	return dir;
}

static inline void fuzz_write(const char *path, const void *data, size_t len)
{
	FILE *f = fopen(path, "w");

	if (!f || (len && fwrite(data, 1, len, f) != len) || fclose(f))
		fatal("%s: cannot write", path);
}

/* The rules of the source tree, loaded once. */
static inline void fuzz_rules(struct rules *r)
{
	if (rules_load(r, FUZZ_TOP "/rules"))
		fatal("%s/rules: cannot load", FUZZ_TOP);
}

#endif /* FUZZ_H */
