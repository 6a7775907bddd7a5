// SPDX-License-Identifier: GPL-2.0
/* gupcheck rules: each rule with a one-line description. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gupcheck.h"

int cmd_rules(int argc, char **argv, const char *argv0)
{
	static const struct option opts[] = {
		{ "rules-dir", required_argument, NULL, 'R' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *override = NULL;
	struct rules r;
	size_t i;
	int c;

	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		if (c == 'R') {
			override = optarg;
		} else if (c == 'h') {
			puts("usage: gupcheck rules [--rules-dir DIR]");
			return 0;
		} else {
			return 2;
		}
	}
	rules_load_or_die(&r, argv0, override);
	for (i = 0; i < r.nr_rules; i++)
		printf("%-20s %s\n", r.rule[i].id, r.rule[i].summary);
	rules_free(&r);
	return 0;
}
