/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The options of 'gupcheck scan' (and of 'gupcheck index', which scans
 * the whole tree to write the summary index): cmd_scan_args.c reads them,
 * cmd_scan.c runs the scan they ask for.
 */
#ifndef SCAN_ARGS_H
#define SCAN_ARGS_H

#include "gupcheck.h"

struct scan_args {
	const char *tree;
	const char *build;
	const char *compdb;
	const char *json;
	const char *sarif;
	const char *patch;
	const char *html;
	const char *engine;
	const char *rules;
	const char *rules_dir;
	const char *baseline;
	const char *changes;
	const char *changed_since;
	const char *shard;
	const char *cache;
	const char *index;
	struct strvec extra;
	bool external;
	bool no_index;
	bool indexing;		/* gupcheck index */
	bool quiet;
	struct scan_opts opts;
};

int scan_parse_args(int argc, char **argv, struct scan_args *a);

#endif
