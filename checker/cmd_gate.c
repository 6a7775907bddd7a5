// SPDX-License-Identifier: GPL-2.0
/*
 * Gating on what is new: 'gupcheck baseline REPORT...' writes the
 * baseline of reports to stdout, and 'gupcheck diff OLD NEW' lists the
 * findings NEW has and OLD has not (new) and the reverse (resolved), by
 * fingerprint, so that moving lines changes nothing.
 */
#include <string.h>

#include "gupcheck.h"

static const char baseline_usage[] =
"usage: gupcheck baseline REPORT.json... > BASELINE.json\n"
"\n"
"Write the baseline of scan reports (--json outputs, or files of JSON\n"
"Lines) to stdout: each finding's fingerprint, rule, file, function and\n"
"message.  'gupcheck scan --baseline BASELINE.json' then reports those\n"
"findings as known, and they do not make the exit status 1.  Suppressed\n"
"findings are left out: their comments keep them quiet.\n";

static const char diff_usage[] =
"usage: gupcheck diff OLD.json NEW.json\n"
"\n"
"Compare two scan reports (or a baseline and a report) by fingerprint:\n"
"findings of NEW that OLD does not have are listed as 'new:', findings of\n"
"OLD that NEW does not have as 'resolved:'.  Suppressed findings of NEW\n"
"are not new.\n"
"\n"
"Exit status: 0 nothing new (notes aside), 1 a new warning or error,\n"
"2 an operational error.\n";

static bool want_help(int argc, char **argv, const char *usage)
{
	int i;

	for (i = 1; i < argc; i++)
		if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
			fputs(usage, stdout);
			return true;
		}
	return false;
}

int cmd_baseline(int argc, char **argv, const char *argv0)
{
	cJSON *all, *docs, *doc, *b;
	char *text;
	int i;

	(void)argv0;
	if (want_help(argc, argv, baseline_usage))
		return 0;
	if (argc < 2) {
		fputs(baseline_usage, stderr);
		return 2;
	}
	all = cJSON_CreateArray();
	for (i = 1; i < argc; i++) {
		if (argv[i][0] == '-') {
			warn("baseline: unknown option '%s'", argv[i]);
			cJSON_Delete(all);
			return 2;
		}
		docs = reports_read(argv[i]);
		if (!docs) {
			cJSON_Delete(all);
			return 2;
		}
		while (cJSON_GetArraySize(docs)) {
			doc = cJSON_DetachItemFromArray(docs, 0);
			cJSON_AddItemToArray(all, doc);
		}
		cJSON_Delete(docs);
	}
	b = baseline_of(all);
	text = cJSON_Print(b);
	puts(text);
	cJSON_free(text);
	cJSON_Delete(b);
	cJSON_Delete(all);
	return fflush(stdout) ? 2 : 0;
}

/* Every finding of DOCS by fingerprint; suppressed ones when KEEP_SUP. */
static void index_findings(const cJSON *docs, struct strset *fps,
			   cJSON *list, bool keep_sup)
{
	const cJSON *doc, *f;

	cJSON_ArrayForEach(doc, docs)
		cJSON_ArrayForEach(f, cJSON_GetObjectItem(doc, "findings")) {
			const char *fp = cJSON_GetStringValue(
				cJSON_GetObjectItem(f, "fingerprint"));

			if (!fp || (!keep_sup && finding_suppressed(f)))
				continue;
			if (strset_add(fps, fp))
				cJSON_AddItemReferenceToArray(list,
							      (cJSON *)f);
		}
}

static void print_finding(const char *what, const cJSON *f)
{
	const cJSON *line = cJSON_GetObjectItem(f, "line");
	const cJSON *col = cJSON_GetObjectItem(f, "column");
	const char *level = cJSON_GetStringValue(cJSON_GetObjectItem(f,
								     "level"));

	printf("%s: %s", what,
	       cJSON_GetStringValue(cJSON_GetObjectItem(f, "file")) ?: "?");
	if (cJSON_IsNumber(line))
		printf(":%d:%d", line->valueint,
		       cJSON_IsNumber(col) ? col->valueint : 1);
	printf(": %s: %s [%s]\n", level ? level : "warning",
	       cJSON_GetStringValue(cJSON_GetObjectItem(f, "message")) ?: "",
	       cJSON_GetStringValue(cJSON_GetObjectItem(f, "rule")) ?: "?");
}

int cmd_diff(int argc, char **argv, const char *argv0)
{
	struct strset ofp = { 0 }, nfp = { 0 };
	cJSON *old, *neu, *ol, *nl;
	const cJSON *f;
	int nnew = 0, ngone = 0, nsame = 0, ret = 0;

	(void)argv0;
	if (want_help(argc, argv, diff_usage))
		return 0;
	if (argc != 3 || argv[1][0] == '-' || argv[2][0] == '-') {
		fputs(diff_usage, stderr);
		return 2;
	}
	old = reports_read(argv[1]);
	neu = old ? reports_read(argv[2]) : NULL;
	if (!neu) {
		cJSON_Delete(old);
		return 2;
	}
	ol = cJSON_CreateArray();
	nl = cJSON_CreateArray();
	index_findings(old, &ofp, ol, false);
	index_findings(neu, &nfp, nl, true);
	cJSON_ArrayForEach(f, nl) {
		const char *fp = cJSON_GetObjectItem(f, "fingerprint")
					->valuestring;

		if (strset_has(&ofp, fp, strlen(fp))) {
			nsame++;
		} else if (!finding_suppressed(f)) {
			print_finding("new", f);
			nnew++;
			/* notes inform, as in a scan */
			if (strcmp(cJSON_GetStringValue(cJSON_GetObjectItem(
					f, "level")) ?: "", "note"))
				ret = 1;
		}
	}
	cJSON_ArrayForEach(f, ol) {
		const char *fp = cJSON_GetObjectItem(f, "fingerprint")
					->valuestring;

		if (!strset_has(&nfp, fp, strlen(fp))) {
			print_finding("resolved", f);
			ngone++;
		}
	}
	fprintf(stderr, "gupcheck: %d new, %d resolved, %d unchanged\n", nnew,
		ngone, nsame);
	cJSON_Delete(ol);
	cJSON_Delete(nl);
	cJSON_Delete(old);
	cJSON_Delete(neu);
	strset_free(&ofp);
	strset_free(&nfp);
	return ret;
}
