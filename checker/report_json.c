// SPDX-License-Identifier: GPL-2.0
/*
 * The JSON report (reports/schema/report.schema.json): tool, tree, rules,
 * findings and coverage.  The coverage figures name every file that was
 * parsed with errors or not parsed, so nothing is skipped silently.
 */
#include <string.h>

#include "gupcheck.h"

static cJSON *file_entry(const struct scan_file *f)
{
	cJSON *o = cJSON_CreateObject();

	cJSON_AddStringToObject(o, "file", f->rel);
	cJSON_AddStringToObject(o, "reason", f->reason ? f->reason : "");
	return o;
}

static const char *flags_name(enum flags_mode m)
{
	switch (m) {
	case FLAGS_COMPDB:
		return "compile_commands";
	case FLAGS_BUILD:
		return "build";
	case FLAGS_ARGV:
		return "kbuild";
	default:
		return "tolerant";
	}
}

static void add_str_or_null(cJSON *o, const char *key, const char *s)
{
	if (s)
		cJSON_AddStringToObject(o, key, s);
	else
		cJSON_AddNullToObject(o, key);
}

static cJSON *tool_json(const struct scan_result *res)
{
	cJSON *t = cJSON_CreateObject(), *eng;
	CXString v = clang_getClangVersion();

	cJSON_AddStringToObject(t, "name", "gupcheck");
	cJSON_AddStringToObject(t, "version", GUPCHECK_VERSION);
	eng = cJSON_AddArrayToObject(t, "engines");
	if (res->clang)
		cJSON_AddItemToArray(eng, cJSON_CreateString("clang"));
	if (res->cocci)
		cJSON_AddItemToArray(eng, cJSON_CreateString("cocci"));
	cJSON_AddStringToObject(t, "libclang", clang_getCString(v));
	if (res->cocci)
		cJSON_AddStringToObject(t, "spatch", res->cocci->version);
	clang_disposeString(v);
	return t;
}

/* The cocci engine's own coverage, when it ran beside the clang one. */
static cJSON *cocci_coverage(const struct file_list *fl)
{
	cJSON *c = cJSON_CreateObject(), *failed = cJSON_CreateArray();
	size_t i, ok = 0;

	for (i = 0; i < fl->n; i++) {
		if (fl->f[i].state == FILE_CLEAN) {
			ok++;
			continue;
		}
		report_insert_sorted(failed, file_entry(&fl->f[i]), "file");
	}
	cJSON_AddNumberToObject(c, "candidates", (double)fl->n);
	cJSON_AddNumberToObject(c, "analyzed", (double)ok);
	cJSON_AddItemToObject(c, "files_failed", failed);
	return c;
}

static cJSON *tree_json(const struct scan_result *res)
{
	cJSON *t = cJSON_CreateObject();

	cJSON_AddStringToObject(t, "root", res->tree->root);
	add_str_or_null(t, "kernel_version", res->tree->version);
	cJSON_AddStringToObject(t, "flags", flags_name(res->flags->mode));
	add_str_or_null(t, "build", res->flags->build);
	add_str_or_null(t, "arch", res->flags->arch);
	return t;
}

static cJSON *rules_json(const struct rules *r)
{
	cJSON *a = cJSON_CreateArray();
	size_t i;

	for (i = 0; i < r->nr_rules; i++) {
		const struct rule_info *ri = &r->rule[i];
		cJSON *o;

		if (!ri->enabled)
			continue;
		o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "id", ri->id);
		cJSON_AddStringToObject(o, "level", ri->level);
		cJSON_AddStringToObject(o, "summary", ri->summary);
		cJSON_AddStringToObject(o, "help", ri->help);
		cJSON_AddItemToArray(a, o);
	}
	return a;
}

static void count_reason(cJSON *by, const char *reason)
{
	cJSON *it;

	cJSON_ArrayForEach(it, by) {
		cJSON *r = cJSON_GetObjectItem(it, "reason");

		if (strcmp(r->valuestring, reason) == 0) {
			cJSON *n = cJSON_GetObjectItem(it, "files");

			cJSON_SetNumberValue(n, n->valuedouble + 1);
			return;
		}
	}
	it = cJSON_CreateObject();
	cJSON_AddStringToObject(it, "reason", reason);
	cJSON_AddNumberToObject(it, "files", 1);
	report_insert_sorted(by, it, "reason");
}

/*
 * Insert IT into the array A, which is in the order of the string KEY,
 * after its equals: reports that are merged keep one order.
 */
void report_insert_sorted(cJSON *a, cJSON *it, const char *key)
{
	const char *k = cJSON_GetStringValue(cJSON_GetObjectItem(it, key));
	cJSON *tail = cJSON_CreateArray(), *x;
	int i = 0;

	cJSON_ArrayForEach(x, a) {
		const char *kx = cJSON_GetStringValue(cJSON_GetObjectItem(x,
									  key));

		if (k && kx && strcmp(kx, k) > 0)
			break;
		i++;
	}
	/* cJSON_InsertItemInArray() of libcjson 1.7.15 drops items */
	while (cJSON_GetArraySize(a) > i)
		cJSON_AddItemToArray(tail, cJSON_DetachItemFromArray(a, i));
	cJSON_AddItemToArray(a, it);
	while (cJSON_GetArraySize(tail))
		cJSON_AddItemToArray(a, cJSON_DetachItemFromArray(tail, 0));
	cJSON_Delete(tail);
}

static cJSON *coverage_json(const struct scan_result *res)
{
	const struct file_list *fl = res->files;
	size_t n[FILE_FAILED + 1] = { 0 }, i;
	cJSON *c = cJSON_CreateObject();
	cJSON *by, *errs, *fails;

	by = cJSON_CreateArray();
	errs = cJSON_CreateArray();
	fails = cJSON_CreateArray();
	for (i = 0; i < fl->n; i++) {
		const struct scan_file *f = &fl->f[i];

		n[f->state]++;
		if (f->state == FILE_EXCLUDED)
			count_reason(by, f->reason);
		else if (f->state == FILE_ERRORS)
			report_insert_sorted(errs, file_entry(f), "file");
		else if (f->state == FILE_FAILED ||
			 f->state == FILE_UNREADABLE ||
			 f->state == FILE_CANDIDATE)
			report_insert_sorted(fails, file_entry(f), "file");
	}
	cJSON_AddNumberToObject(c, "files_considered", (double)fl->n);
	cJSON_AddNumberToObject(c, "excluded", (double)n[FILE_EXCLUDED]);
	cJSON_AddNumberToObject(c, "without_identifiers",
				(double)n[FILE_NOT_CANDIDATE]);
	cJSON_AddNumberToObject(c, "candidates",
				(double)(n[FILE_CLEAN] + n[FILE_ERRORS] +
					 n[FILE_FAILED] + n[FILE_UNREADABLE] +
					 n[FILE_CANDIDATE]));
	cJSON_AddNumberToObject(c, "parsed_clean", (double)n[FILE_CLEAN]);
	cJSON_AddNumberToObject(c, "parsed_with_errors",
				(double)n[FILE_ERRORS]);
	cJSON_AddNumberToObject(c, "not_parsed",
				(double)(n[FILE_FAILED] + n[FILE_UNREADABLE] +
					 n[FILE_CANDIDATE]));
	cJSON_AddBoolToObject(c, "limited",
			      res->clang && res->flags->mode == FLAGS_TOLERANT);
	if (res->clang && res->flags->mode == FLAGS_TOLERANT)
		cJSON_AddStringToObject(c, "limited_reason",
					res->cocci ?
					"no build directory or compile database: the clang engine parsed without generated headers or a configuration, so some declarations may be missing; the cocci engine needs neither" :
					"no build directory or compile database: files were parsed without generated headers or a configuration, so some declarations may be missing");
	if (res->cocci_files)
		cJSON_AddItemToObject(c, "cocci",
				      cocci_coverage(res->cocci_files));
	else if (!res->clang)
		cJSON_AddStringToObject(c, "engine", "cocci");
	cJSON_AddItemToObject(c, "excluded_by_reason", by);
	cJSON_AddItemToObject(c, "files_with_errors", errs);
	cJSON_AddItemToObject(c, "files_not_parsed", fails);
	if (res->own_coverage) {
		const cJSON *it;

		cJSON_ArrayForEach(it, res->own_coverage)
			cJSON_AddItemToObject(c, it->string,
					      cJSON_Duplicate(it, true));
	}
	return c;
}

/*
 * The counts of FINDINGS: per rule, with a patch, suppressed, and when a
 * baseline was given, known and new.
 */
cJSON *report_summary_json(const cJSON *findings)
{
	cJSON *s = cJSON_CreateObject(), *by = cJSON_CreateObject();
	const cJSON *f;
	int fixable = 0, suppressed = 0, known = 0, fresh = 0;
	bool baseline = false;

	cJSON_ArrayForEach(f, findings) {
		const char *bl = cJSON_GetStringValue(
			cJSON_GetObjectItem(f, "baseline"));

		suppressed += finding_suppressed(f);
		if (bl) {
			baseline = true;
			known += !strcmp(bl, "known");
			fresh += strcmp(bl, "known") != 0;
		}
		const char *rule = cJSON_GetObjectItem(f, "rule")->valuestring;
		cJSON *n = cJSON_GetObjectItem(by, rule);

		if (n)
			cJSON_SetNumberValue(n, n->valuedouble + 1);
		else
			cJSON_AddNumberToObject(by, rule, 1);
		fixable += cJSON_GetObjectItem(f, "fix") != NULL;
	}
	cJSON_AddNumberToObject(s, "findings", cJSON_GetArraySize(findings));
	cJSON_AddNumberToObject(s, "fixable", fixable);
	cJSON_AddItemToObject(s, "by_rule", by);
	cJSON_AddNumberToObject(s, "suppressed", suppressed);
	if (baseline) {
		cJSON_AddNumberToObject(s, "known", known);
		cJSON_AddNumberToObject(s, "new", fresh);
	}
	return s;
}

cJSON *report_json(const struct scan_result *res)
{
	cJSON *r = cJSON_CreateObject();

	cJSON_AddStringToObject(r, "format", "gupcheck-report");
	cJSON_AddNumberToObject(r, "format_version", 1);
	cJSON_AddItemToObject(r, "tool", tool_json(res));
	cJSON_AddItemToObject(r, "tree", tree_json(res));
	cJSON_AddItemToObject(r, "rules", rules_json(res->rules));
	cJSON_AddItemToObject(r, "summary",
			      report_summary_json(res->findings));
	cJSON_AddItemToObject(r, "coverage", coverage_json(res));
	if (res->scope)
		cJSON_AddItemToObject(r, "scope",
				      cJSON_Duplicate(res->scope, true));
	cJSON_AddItemReferenceToObject(r, "findings", res->findings);
	if (res->ownership)
		cJSON_AddItemReferenceToObject(r, "ownership",
					       res->ownership);
	cJSON_AddNumberToObject(r, "time_seconds",
				(double)(long)(res->seconds * 100) / 100);
	cJSON_AddNumberToObject(r, "jobs", res->jobs);
	return r;
}
