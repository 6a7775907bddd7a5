// SPDX-License-Identifier: GPL-2.0
/*
 * The options of 'gupcheck scan': its usage text and the parse of its
 * arguments, each checked before any work starts.
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "scan_args.h"

static const char scan_usage[] =
"usage: gupcheck scan [options] [PATH...]\n"
"\n"
"Scan files or directories of a kernel tree; no PATH means the whole tree.\n"
"Findings go to stdout as 'file:line:col: level: message [rule]', with\n"
"paths relative to the tree; a summary with coverage goes to stderr.\n"
"\n"
"  --tree DIR        the kernel source root (default: found upward from\n"
"                    the first PATH or the current directory)\n"
"  --external        DIR is not a kernel tree (an out-of-tree module or a\n"
"                    test directory); kernel headers come from --build\n"
"  --build DIR       a prepared build directory (make O=DIR defconfig\n"
"                    prepare): exact flags from its .cmd files where a file\n"
"                    was built, Kbuild's flags synthesized elsewhere\n"
"  -p FILE           a compile_commands.json to take flags from\n"
"  --json FILE       write the JSON report (reports/schema/)\n"
"  --sarif FILE      write a SARIF 2.1.0 log\n"
"  --patch FILE      write the suggested fixes as one unified diff\n"
"  --html FILE       write a self-contained HTML report\n"
"  --engine E        clang, cocci or all (default: all that is installed;\n"
"                    the cocci engine needs spatch on PATH)\n"
"  -j N              parallel workers (default: the number of CPUs)\n"
"  --rules LIST      run only these rules: ids or prefixes such as gup/\n"
"  --rules-dir DIR   where the rules data is (default: next to the binary\n"
"                    or the installed copy; $GUPCHECK_RULES)\n"
"  --extra-arg ARG   add ARG to every parse (repeatable), as clang-tidy\n"
"  --timeout SEC     time limit per file (default 300); a file over it is\n"
"                    a coverage entry and the scan goes on\n"
"  --baseline FILE   findings in FILE ('gupcheck baseline' output or a\n"
"                    report) are reported as known and do not make the\n"
"                    exit status 1\n"
"  --changes FILE    scoped run: the tree has the patch, series (mbox) or\n"
"                    diff FILE applied; parse the files it touches and\n"
"                    report only findings in the functions and lines it\n"
"                    changes, or whose evidence is there\n"
"  --changed-since REV  the same for the changes of the work tree since\n"
"                    the git revision REV (git diff REV)\n"
"  --shard K/N       scan the Kth of N deterministic shares of the files;\n"
"                    'gupcheck merge' joins the N reports and decides\n"
"                    the get/pin mismatch rules on the facts they carry\n"
"  --max-memory MIB  memory bound per file (default 4096; 0: none), the\n"
"                    same way; an ASan build has none\n"
"  --cache DIR       keep each file's results in DIR, keyed by the\n"
"                    content of the file and of the headers it read, its\n"
"                    flags, the rules and the tool: a re-scan parses\n"
"                    only what changed ($GUPCHECK_CACHE; '' for none)\n"
"  --index FILE      the summary index ('gupcheck index'): a scan of some\n"
"                    files reads the other files' facts from it, a\n"
"                    whole-tree scan writes it (default: in the cache\n"
"                    directory, see 'gupcheck index --help';\n"
"                    $GUPCHECK_INDEX, '' for none)\n"
"  --no-index        neither read nor write the summary index\n"
"  --show-flags      print each file's libclang arguments on stderr\n"
"  -q, --quiet       no summary on stderr\n"
"  -h, --help        this text\n"
"\n"
"Without --build or -p the parse is tolerant: no generated headers and no\n"
"configuration, and the report says so.  Outputs are written atomically\n"
"and never inside the scanned tree.\n"
"\n"
"Exit status: 0 no findings (notes aside), 1 findings, 2 an operational\n"
"error.\n";

static const char index_usage[] =
"usage: gupcheck index [--tree DIR] [--build DIR | -p FILE] [--index FILE]\n"
"                      [-j N] [--cache DIR] [options of scan]\n"
"\n"
"Scan the whole tree for the ownership facts (the gup/ mismatch and leak\n"
"rules) and write them, with what the tree teaches (the wrappers that\n"
"acquire or release pages, the struct fields that hold them), into the\n"
"summary index: one SQLite file.  A later 'gupcheck scan FILE...',\n"
"--changes, or 'make C=1 CHECK=gupcheck' of the same tree reads it and\n"
"judges its files with the other files' facts: pages pinned by a wrapper\n"
"of another file, put by a teardown of another file.  A whole-tree\n"
"'gupcheck scan' writes it too.\n"
"\n"
"  --index FILE      where the index is (default, and $GUPCHECK_INDEX:\n"
"                    DIR/index-VERSION-CONFIG.sqlite, DIR being --cache,\n"
"                    $XDG_CACHE_HOME/gupcheck or ~/.cache/gupcheck,\n"
"                    VERSION the kernel's and CONFIG a hash of the build\n"
"                    directory's .config)\n"
"\n"
"The index is keyed by the tool, the rules, the kernel version and the\n"
"configuration: a reader ignores, with a note in its report, an index of\n"
"another key, and the facts of each file that changed since the index was\n"
"made.  It is written whole and renamed into place, never inside the\n"
"tree.\n"
"\n"
"Exit status: 0 written, 2 an operational error.\n";

enum {
	OPT_TREE = 256, OPT_EXTERNAL, OPT_BUILD, OPT_JSON, OPT_SARIF,
	OPT_PATCH, OPT_RULES, OPT_RULES_DIR, OPT_EXTRA, OPT_TIMEOUT,
	OPT_SHOW_FLAGS, OPT_HTML, OPT_ENGINE, OPT_BASELINE, OPT_CHANGES,
	OPT_CHANGED_SINCE, OPT_SHARD, OPT_MAX_MEMORY, OPT_CACHE, OPT_INDEX,
	OPT_NO_INDEX,
};


int scan_parse_args(int argc, char **argv, struct scan_args *a)
{
	static const struct option opts[] = {
		{ "tree", required_argument, NULL, OPT_TREE },
		{ "external", no_argument, NULL, OPT_EXTERNAL },
		{ "build", required_argument, NULL, OPT_BUILD },
		{ "json", required_argument, NULL, OPT_JSON },
		{ "sarif", required_argument, NULL, OPT_SARIF },
		{ "patch", required_argument, NULL, OPT_PATCH },
		{ "html", required_argument, NULL, OPT_HTML },
		{ "engine", required_argument, NULL, OPT_ENGINE },
		{ "rules", required_argument, NULL, OPT_RULES },
		{ "rules-dir", required_argument, NULL, OPT_RULES_DIR },
		{ "extra-arg", required_argument, NULL, OPT_EXTRA },
		{ "timeout", required_argument, NULL, OPT_TIMEOUT },
		{ "max-memory", required_argument, NULL, OPT_MAX_MEMORY },
		{ "show-flags", no_argument, NULL, OPT_SHOW_FLAGS },
		{ "baseline", required_argument, NULL, OPT_BASELINE },
		{ "changes", required_argument, NULL, OPT_CHANGES },
		{ "changed-since", required_argument, NULL, OPT_CHANGED_SINCE },
		{ "shard", required_argument, NULL, OPT_SHARD },
		{ "cache", required_argument, NULL, OPT_CACHE },
		{ "index", required_argument, NULL, OPT_INDEX },
		{ "no-index", no_argument, NULL, OPT_NO_INDEX },
		{ "quiet", no_argument, NULL, 'q' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	unsigned long mib;
	char *end;
	int c;

	while ((c = getopt_long(argc, argv, "p:j:qh", opts, NULL)) != -1) {
		switch (c) {
		case OPT_TREE:
			a->tree = optarg;
			break;
		case OPT_EXTERNAL:
			a->external = true;
			break;
		case OPT_BUILD:
			a->build = optarg;
			break;
		case 'p':
			a->compdb = optarg;
			break;
		case OPT_JSON:
			a->json = optarg;
			break;
		case OPT_SARIF:
			a->sarif = optarg;
			break;
		case OPT_PATCH:
			a->patch = optarg;
			break;
		case OPT_HTML:
			a->html = optarg;
			break;
		case OPT_ENGINE:
			if (strcmp(optarg, "clang") && strcmp(optarg, "cocci") &&
			    strcmp(optarg, "all")) {
				warn("--engine: '%s' is not clang, cocci or all",
				     optarg);
				return -1;
			}
			a->engine = optarg;
			break;
		case OPT_RULES:
			a->rules = optarg;
			break;
		case OPT_RULES_DIR:
			a->rules_dir = optarg;
			break;
		case OPT_EXTRA:
			strvec_push(&a->extra, optarg);
			break;
		case 'j':
			a->opts.jobs = (int)strtol(optarg, &end, 10);
			if (*end || a->opts.jobs < 1 || a->opts.jobs > 1024) {
				warn("-j: '%s' is not a number of jobs", optarg);
				return -1;
			}
			break;
		case OPT_TIMEOUT:
			a->opts.file_timeout = strtod(optarg, &end);
			if (*end || a->opts.file_timeout <= 0) {
				warn("--timeout: '%s' is not a number of seconds",
				     optarg);
				return -1;
			}
			break;
		case OPT_MAX_MEMORY:
			mib = strtoul(optarg, &end, 10);
			if (*end || !*optarg || optarg[0] == '-' ||
			    mib > (1UL << 24)) {
				warn("--max-memory: '%s' is not a number of MiB",
				     optarg);
				return -1;
			}
			a->opts.max_memory = (size_t)mib << 20;
			break;
		case OPT_SHOW_FLAGS:
			a->opts.show_flags = true;
			break;
		case OPT_BASELINE:
			a->baseline = optarg;
			break;
		case OPT_CHANGES:
			a->changes = optarg;
			break;
		case OPT_CHANGED_SINCE:
			a->changed_since = optarg;
			break;
		case OPT_SHARD:
			a->shard = optarg;
			break;
		case OPT_CACHE:
			a->cache = optarg;
			break;
		case OPT_INDEX:
			a->index = optarg;
			break;
		case OPT_NO_INDEX:
			a->no_index = true;
			break;
		case 'q':
			a->quiet = true;
			break;
		case 'h':
			fputs(a->indexing ? index_usage : scan_usage, stdout);
			exit(0);
		default:
			fprintf(stderr, "Try 'gupcheck %s --help'.\n",
				a->indexing ? "index" : "scan");
			return -1;
		}
	}
	return 0;
}
