// SPDX-License-Identifier: GPL-2.0
/* gupcheck explain RULE: what a rule finds, why, and how to fix it. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gupcheck.h"

int cmd_explain(int argc, char **argv, const char *argv0)
{
	static const struct option opts[] = {
		{ "rules-dir", required_argument, NULL, 'R' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *override = NULL;
	struct rule_info *ri;
	struct rules r;
	char *text;
	int c, ret = 0, i;

	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		if (c == 'R') {
			override = optarg;
		} else if (c == 'h') {
			puts("usage: gupcheck explain [--rules-dir DIR] RULE...");
			return 0;
		} else {
			return 2;
		}
	}
	if (optind >= argc) {
		warn("explain: name a rule; 'gupcheck rules' lists them");
		return 2;
	}
	rules_load_or_die(&r, argv0, override);
	for (i = optind; i < argc; i++) {
		ri = rules_rule(&r, argv[i]);
		if (!ri) {
			warn("explain: unknown rule '%s' (see 'gupcheck rules')",
			     argv[i]);
			ret = 2;
			continue;
		}
		text = rule_explanation(ri);
		printf("%s%s", i > optind ? "\n" : "", text);
		free(text);
	}
	rules_free(&r);
	return ret;
}
