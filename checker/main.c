// SPDX-License-Identifier: GPL-2.0
/*
 * gupcheck: find get/pin mismatches, removed GUP parameters and ITER_PIPE
 * remnants in Linux kernel sources.
 */
#include <stdio.h>
#include <string.h>

#include "gupcheck.h"

static const char usage[] =
"usage: gupcheck <command> [options]\n"
"       gupcheck [--fail] [--rules=LIST] [COMPILER FLAGS] FILE.c\n"
"\n"
"Static checks for get_user_pages, page pinning and iov_iter in Linux\n"
"kernel sources.\n"
"\n"
"commands:\n"
"  scan [options] [PATH...]  scan files or directories of a kernel tree\n"
"  index [options]           write the summary index of the whole tree,\n"
"                            which scans of some files then read\n"
"  rules [--identifiers]     list the rules with a one-line description,\n"
"                            or the identifiers that make a file a candidate\n"
"  explain RULE...           what a rule finds, why, and how to fix it\n"
"  baseline REPORT...        write the baseline of reports to stdout\n"
"  diff OLD NEW              new and resolved findings between two reports\n"
"  merge REPORT...           join reports (shards, JSON Lines) into one\n"
"  help                      this text; 'gupcheck scan --help' for scan\n"
"\n"
"options:\n"
"  -h, --help                this text\n"
"  -V, --version             print the version\n"
"\n"
"As Kbuild's source checker, in place of sparse:\n"
"  make C=1 CHECK=gupcheck [TARGETS]    C=2: every C file of the targets\n"
"Kbuild runs 'gupcheck $(CHECKFLAGS) $(c_flags) FILE.c' for each C file\n"
"(an option or a file as the first argument, or the name gupcheck-kbuild,\n"
"selects this mode).  Findings go to stderr; the exit status is 0.\n"
"  --fail                    exit 1 on findings: CHECK=\"gupcheck --fail\"\n"
"  --rules=LIST, --rules-dir=DIR, --show-flags   as for scan\n"
"  GUPCHECK_REPORT=FILE      append each file's JSON report to FILE, one\n"
"                            line a file (safe with make -j)\n"
"  GUPCHECK_INDEX=FILE       the summary index the other files' facts come\n"
"                            from (default: 'gupcheck index' of the same\n"
"                            build directory, if there is one; '': none)\n"
"\n"
"Exit status: 0 no findings (notes aside), 1 findings, 2 an operational\n"
"error.\n";

int main(int argc, char **argv)
{
	const char *cmd = argc > 1 ? argv[1] : NULL;

	if (kbuild_invoked(argc, argv))
		return cmd_kbuild(argc, argv);
	if (!cmd) {
		fputs(usage, stderr);
		return 2;
	}
	if (!strcmp(cmd, "-h") || !strcmp(cmd, "--help") ||
	    !strcmp(cmd, "help")) {
		fputs(usage, stdout);
		return 0;
	}
	if (!strcmp(cmd, "-V") || !strcmp(cmd, "--version")) {
		printf("gupcheck %s\n", GUPCHECK_VERSION);
		return 0;
	}
	if (!strcmp(cmd, "scan"))
		return cmd_scan(argc - 1, argv + 1, argv[0]);
	if (!strcmp(cmd, "index"))
		return cmd_index(argc - 1, argv + 1, argv[0]);
	if (!strcmp(cmd, "rules"))
		return cmd_rules(argc - 1, argv + 1, argv[0]);
	if (!strcmp(cmd, "explain"))
		return cmd_explain(argc - 1, argv + 1, argv[0]);
	if (!strcmp(cmd, "baseline"))
		return cmd_baseline(argc - 1, argv + 1, argv[0]);
	if (!strcmp(cmd, "diff"))
		return cmd_diff(argc - 1, argv + 1, argv[0]);
	if (!strcmp(cmd, "merge"))
		return cmd_merge(argc - 1, argv + 1, argv[0]);
	fprintf(stderr, "gupcheck: unknown command '%s'\n\n%s", cmd, usage);
	return 2;
}
