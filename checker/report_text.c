// SPDX-License-Identifier: GPL-2.0
/*
 * Compiler-style text: one finding a line on stdout, as editors and CI
 * logs expect, and a short summary of the run on stderr.
 */
#include <string.h>

#include "gupcheck.h"

void report_text(const struct scan_result *res, FILE *out)
{
	const cJSON *f;

	cJSON_ArrayForEach(f, res->findings) {
		fprintf(out, "%s:%d:%d: %s: %s [%s]\n",
			cJSON_GetObjectItem(f, "file")->valuestring,
			cJSON_GetObjectItem(f, "line")->valueint,
			cJSON_GetObjectItem(f, "column")->valueint,
			cJSON_GetObjectItem(f, "level")->valuestring,
			cJSON_GetObjectItem(f, "message")->valuestring,
			cJSON_GetObjectItem(f, "rule")->valuestring);
	}
}

void report_summary(const struct scan_result *res, FILE *out)
{
	cJSON *rep = report_json(res);
	const cJSON *cov = cJSON_GetObjectItem(rep, "coverage");
	const cJSON *sum = cJSON_GetObjectItem(rep, "summary");
	const cJSON *it;
	const char *ver = res->tree->version;
	int shown = 0;

#define N(o, k) cJSON_GetObjectItem(o, k)->valueint
	fprintf(out, "gupcheck: %s%s%s: %d findings", ver ? "Linux " : "",
		ver ? ver : res->tree->root, ver ? "" : "",
		N(sum, "findings"));
	if (N(sum, "findings")) {
		fputs(" (", out);
		cJSON_ArrayForEach(it, cJSON_GetObjectItem(sum, "by_rule"))
			fprintf(out, "%s%s: %d", shown++ ? ", " : "",
				it->string, it->valueint);
		fprintf(out, "; %d with a patch)", N(sum, "fixable"));
	}
	fputc('\n', out);
	fprintf(out, "gupcheck: coverage: %d files considered, %d excluded by path, %d without relevant identifiers, %d parsed: %d clean, %d with errors, %d not parsed\n",
		N(cov, "files_considered"), N(cov, "excluded"),
		N(cov, "without_identifiers"), N(cov, "candidates"),
		N(cov, "parsed_clean"), N(cov, "parsed_with_errors"),
		N(cov, "not_parsed"));
	cJSON_ArrayForEach(it, cJSON_GetObjectItem(cov, "files_not_parsed"))
		fprintf(out, "gupcheck: %s: not parsed: %s\n",
			cJSON_GetObjectItem(it, "file")->valuestring,
			cJSON_GetObjectItem(it, "reason")->valuestring);
	if (cJSON_IsTrue(cJSON_GetObjectItem(cov, "limited")))
		fprintf(out, "gupcheck: note: %s\n",
			cJSON_GetObjectItem(cov, "limited_reason")->valuestring);
	fprintf(out, "gupcheck: %.1f s with %d jobs\n", res->seconds,
		res->jobs);
#undef N
	cJSON_Delete(rep);
}
