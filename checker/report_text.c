// SPDX-License-Identifier: GPL-2.0
/*
 * Compiler-style text: one finding a line on stdout, as editors and CI
 * logs expect, and a short summary of the run on stderr.  Both are made
 * from the JSON report, so a merged report prints as a scan does.
 */
#include <string.h>

#include "gupcheck.h"

void report_text_findings(const cJSON *findings, FILE *out)
{
	const cJSON *f;

	cJSON_ArrayForEach(f, findings) {
		const cJSON *sup = cJSON_GetObjectItem(f, "suppressed");
		const char *bl = cJSON_GetStringValue(
			cJSON_GetObjectItem(f, "baseline"));

		fprintf(out, "%s:%d:%d: %s: %s [%s]",
			cJSON_GetObjectItem(f, "file")->valuestring,
			cJSON_GetObjectItem(f, "line")->valueint,
			cJSON_GetObjectItem(f, "column")->valueint,
			cJSON_GetObjectItem(f, "level")->valuestring,
			cJSON_GetObjectItem(f, "message")->valuestring,
			cJSON_GetObjectItem(f, "rule")->valuestring);
		if (sup)
			fprintf(out, " (suppressed: %s)",
				cJSON_GetStringValue(cJSON_GetObjectItem(
					sup, "justification")) ?: "");
		else if (bl && !strcmp(bl, "known"))
			fputs(" (known: in the baseline)", out);
		fputc('\n', out);
	}
}

void report_text(const struct scan_result *res, FILE *out)
{
	report_text_findings(res->findings, out);
}

#define N(o, k) cJSON_GetObjectItem(o, k)->valueint

static void gate_counts(const cJSON *sum, FILE *out)
{
	const cJSON *sup = cJSON_GetObjectItem(sum, "suppressed");
	const cJSON *known = cJSON_GetObjectItem(sum, "known");

	if (sup && sup->valueint)
		fprintf(out, ", %d suppressed", sup->valueint);
	if (known)
		fprintf(out, ", %d known from the baseline, %d new",
			known->valueint, N(sum, "new"));
}

void report_summary_doc(const cJSON *rep, FILE *out)
{
	const cJSON *cov = cJSON_GetObjectItem(rep, "coverage");
	const cJSON *sum = cJSON_GetObjectItem(rep, "summary");
	const cJSON *tree = cJSON_GetObjectItem(rep, "tree");
	const cJSON *scope = cJSON_GetObjectItem(rep, "scope");
	const cJSON *own = cJSON_GetObjectItem(rep, "ownership");
	const cJSON *it;
	const char *ver = cJSON_GetStringValue(cJSON_GetObjectItem(
		tree, "kernel_version"));
	int shown = 0;

	fprintf(out, "gupcheck: %s%s: %d findings", ver ? "Linux " : "",
		ver ? ver : cJSON_GetStringValue(cJSON_GetObjectItem(tree,
								     "root")),
		N(sum, "findings"));
	if (N(sum, "findings")) {
		fputs(" (", out);
		cJSON_ArrayForEach(it, cJSON_GetObjectItem(sum, "by_rule"))
			fprintf(out, "%s%s: %d", shown++ ? ", " : "",
				it->string, it->valueint);
		fprintf(out, "; %d with a patch)", N(sum, "fixable"));
	}
	gate_counts(sum, out);
	fputc('\n', out);
	if (scope && cJSON_GetObjectItem(scope, "shard"))
		fprintf(out, "gupcheck: shard %s\n",
			cJSON_GetStringValue(cJSON_GetObjectItem(scope,
								 "shard")));
	if (own)
		fprintf(out, "gupcheck: for 'gupcheck merge', which decides the get/pin mismatch rules: the ownership facts of %d functions; files parsed for facts alone: %d\n",
			cJSON_GetArraySize(cJSON_GetObjectItem(own, "facts")),
			cJSON_GetArraySize(cJSON_GetObjectItem(own, "files")));
	if (scope && cJSON_GetObjectItem(scope, "changes"))
		fprintf(out, "gupcheck: scoped to %s: %d files, %d functions touched\n",
			cJSON_GetStringValue(cJSON_GetObjectItem(scope,
								 "changes")),
			N(scope, "files"), N(scope, "functions"));
	fprintf(out, "gupcheck: coverage: %d files considered, %d excluded by path, %d without relevant identifiers, %d parsed: %d clean, %d with errors, %d not parsed\n",
		N(cov, "files_considered"), N(cov, "excluded"),
		N(cov, "without_identifiers"), N(cov, "candidates"),
		N(cov, "parsed_clean"), N(cov, "parsed_with_errors"),
		N(cov, "not_parsed"));
	cJSON_ArrayForEach(it, cJSON_GetObjectItem(cov, "files_not_parsed"))
		fprintf(out, "gupcheck: %s: not parsed: %s\n",
			cJSON_GetObjectItem(it, "file")->valuestring,
			cJSON_GetObjectItem(it, "reason")->valuestring);
	cJSON_ArrayForEach(it, cJSON_GetObjectItem(cov, "paths_cut"))
		fprintf(out, "gupcheck: %s:%d: %s(): paths not all followed: %s\n",
			cJSON_GetObjectItem(it, "file")->valuestring,
			N(it, "line"),
			cJSON_GetObjectItem(it, "function")->valuestring,
			cJSON_GetObjectItem(it, "reason")->valuestring);
	cJSON_ArrayForEach(it, cJSON_GetObjectItem(cov, "calls_unseen"))
		fprintf(out, "gupcheck: %s:%d: %s(): %s() not analysed: %s\n",
			cJSON_GetObjectItem(it, "file")->valuestring,
			N(it, "line"),
			cJSON_GetObjectItem(it, "function")->valuestring,
			cJSON_GetObjectItem(it, "call")->valuestring,
			cJSON_GetObjectItem(it, "reason")->valuestring);
	if (cJSON_IsTrue(cJSON_GetObjectItem(cov, "limited")))
		fprintf(out, "gupcheck: note: %s\n",
			cJSON_GetObjectItem(cov, "limited_reason")->valuestring);
	fprintf(out, "gupcheck: %.1f s with %d jobs\n",
		cJSON_GetObjectItem(rep, "time_seconds")->valuedouble,
		N(rep, "jobs"));
}

#undef N

void report_summary(const struct scan_result *res, FILE *out)
{
	cJSON *rep = report_json(res);

	report_summary_doc(rep, out);
	cJSON_Delete(rep);
}
