// SPDX-License-Identifier: GPL-2.0
/*
 * Reports and baselines read back: reports_parse() and baseline_parse()
 * of one report or several as JSON Lines, baseline_of(), the merge of
 * the reports and what 'gupcheck merge' makes of it (text, summary,
 * SARIF, the patch against testcases/, the tree of the seeds, which
 * must read back as a patch), and 'gupcheck diff' and 'gupcheck
 * baseline' on the input as a file.
 */
#include "fuzz.h"

static struct rules rules;
static char *dir, *input, *merged;
static char *diff_same[4], *diff_merged[4], *base[3];	/* argv of commands */

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_rules(&rules);
	dir = fuzz_tmpdir();
	input = path_join(dir, "input.json");
	merged = path_join(dir, "merged.json");
	diff_same[0] = diff_merged[0] = "diff";
	diff_same[1] = diff_same[2] = diff_merged[1] = input;
	diff_merged[2] = merged;
	base[0] = "baseline";
	base[1] = input;
	fuzz_quiet();
	return 0;
}

static char *print(const cJSON *doc)
{
	char *text = cJSON_PrintUnformatted(doc);

	FUZZ_ASSERT(text);
	return text;
}

/* The baseline of DOCS reads back as the fingerprints FPS. */
static void check_baseline(const cJSON *docs, const struct strset *fps)
{
	cJSON *b = baseline_of(docs);
	char *text = print(b), *err;
	struct strset back = { 0 };
	size_t i;

	FUZZ_ASSERT(baseline_parse(text, strlen(text), &back, &err) == 0);
	FUZZ_ASSERT(back.n == fps->n);
	for (i = 0; i < back.cap; i++)
		if (back.slot[i])
			FUZZ_ASSERT(strset_has(fps, back.slot[i],
					       strlen(back.slot[i])));
	strset_free(&back);
	free(text);
	cJSON_Delete(b);
}

static int nr_findings(const cJSON *rep)
{
	return cJSON_GetArraySize(cJSON_GetObjectItem(rep, "findings"));
}

static cJSON *merge_of(const cJSON *docs, int times)
{
	cJSON *many = cJSON_CreateArray(), *m;
	const cJSON *d;
	int i;

	for (i = 0; i < times; i++)
		cJSON_ArrayForEach(d, docs)
			cJSON_AddItemToArray(many, cJSON_Duplicate(d, true));
	m = reports_merge(many, &rules, "/nonexistent", NULL);
	cJSON_Delete(many);
	return m;
}

/* What 'gupcheck merge' writes of the merged report M. */
static void outputs(const cJSON *m)
{
	cJSON *sarif = report_sarif(m, &rules);
	char *text;
	int files;

	report_text_findings(cJSON_GetObjectItem(m, "findings"), stdout);
	report_summary_doc(m, stdout);
	FUZZ_ASSERT(sarif);
	free(print(sarif));
	cJSON_Delete(sarif);
	text = patch_of(FUZZ_TOP "/testcases",
			cJSON_GetObjectItem(m, "findings"), &files);
	/* the patch is one --changes reads, of as many files */
	if (*text) {
		struct change_set cs = { 0 };
		char *err;

		FUZZ_ASSERT(changes_parse(text, strlen(text), &cs, &err) == 0);
		FUZZ_ASSERT(cs.n == (size_t)files);
		change_set_free(&cs);
	}
	free(text);
}

/*
 * The merge of scan reports: a scan report again, with as many findings
 * as the merge of the reports twice over and as its own merge.
 */
static cJSON *check_merge(const cJSON *docs)
{
	cJSON *m = merge_of(docs, 1), *again, *one;
	char *text, *err;
	int n;

	if (!m)
		return NULL;
	FUZZ_ASSERT(report_is_scan(m));
	n = nr_findings(m);
	again = merge_of(docs, 2);
	FUZZ_ASSERT(again && nr_findings(again) == n);
	cJSON_Delete(again);
	text = print(m);
	one = cJSON_CreateArray();
	FUZZ_ASSERT(reports_parse(text, strlen(text), one, &err) == 0);
	FUZZ_ASSERT(cJSON_GetArraySize(one) == 1);
	again = reports_merge(one, &rules, "/nonexistent", NULL);
	FUZZ_ASSERT(again && nr_findings(again) == n);
	cJSON_Delete(again);
	cJSON_Delete(one);
	outputs(m);
	fuzz_write(merged, text, strlen(text));
	free(text);
	return m;
}

static bool all_scans(const cJSON *docs)
{
	const cJSON *d;

	cJSON_ArrayForEach(d, docs)
		if (!report_is_scan(d))
			return false;
	return true;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *buf = xmalloc(size ? size : 1), *err = NULL, *berr = NULL;
	cJSON *docs = cJSON_CreateArray(), *m = NULL;
	struct strset fps = { 0 };
	bool ok, bok;

	/* no terminating NUL: the parsers must keep to LEN */
	memcpy(buf, data, size);
	ok = reports_parse(buf, size, docs, &err) == 0;
	FUZZ_ASSERT(ok == !err && (!ok || cJSON_GetArraySize(docs) > 0));
	bok = baseline_parse(buf, size, &fps, &berr) == 0;
	FUZZ_ASSERT(bok == !berr && (!bok || ok));
	if (bok)
		check_baseline(docs, &fps);
	if (ok && all_scans(docs))
		m = check_merge(docs);
	fuzz_write(input, data, size);
	FUZZ_ASSERT(cmd_diff(3, diff_same, "gupcheck") == (ok ? 0 : 2));
	FUZZ_ASSERT(cmd_baseline(2, base, "gupcheck") == (ok ? 0 : 2));
	if (m)
		FUZZ_ASSERT(cmd_diff(3, diff_merged, "gupcheck") < 2);
	cJSON_Delete(m);
	strset_free(&fps);
	cJSON_Delete(docs);
	free(err);
	free(berr);
	free(buf);
	return 0;
}
