// SPDX-License-Identifier: GPL-2.0
/*
 * gupcheck rules: each rule with a one-line description, or with
 * --identifiers the identifiers that make a file worth parsing (what the
 * prefilter looks for before it learns macros from the tree's headers).
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gupcheck.h"

static void print_identifiers(const struct rules *r)
{
	struct strset set = { 0 };
	struct strvec v = { 0 };
	struct tree t = { 0 };
	struct engine e;
	size_t i;

	engine_init(&e, r, &t);
	checks_register(&e);
	engine_identifiers(&e, &set);
	strset_sorted(&set, &v);
	for (i = 0; i < v.n; i++)
		puts(v.v[i]);
	strvec_free(&v);
	strset_free(&set);
	engine_free(&e);
}

int cmd_rules(int argc, char **argv, const char *argv0)
{
	static const struct option opts[] = {
		{ "rules-dir", required_argument, NULL, 'R' },
		{ "identifiers", no_argument, NULL, 'I' },
		{ "rules", required_argument, NULL, 'r' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *override = NULL, *only = NULL;
	bool idents = false;
	struct rules r;
	size_t i;
	int c;

	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		if (c == 'R') {
			override = optarg;
		} else if (c == 'I') {
			idents = true;
		} else if (c == 'r') {
			only = optarg;
		} else if (c == 'h') {
			puts("usage: gupcheck rules [--rules-dir DIR] [--identifiers [--rules LIST]]");
			return 0;
		} else {
			return 2;
		}
	}
	rules_load_or_die(&r, argv0, override);
	if (only && rules_select(&r, only)) {
		rules_free(&r);
		return 2;
	}
	if (idents) {
		print_identifiers(&r);
		rules_free(&r);
		return 0;
	}
	for (i = 0; i < r.nr_rules; i++)
		printf("%-20s %s\n", r.rule[i].id, r.rule[i].summary);
	rules_free(&r);
	return 0;
}
