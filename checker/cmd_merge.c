// SPDX-License-Identifier: GPL-2.0
/*
 * gupcheck merge: join reports into one.  The shards of a --shard run,
 * or the per-file reports the Kbuild CHECK= mode appends to one file (JSON
 * Lines), become the report a single scan of all of them writes: findings
 * de-duplicated (a header's finding comes from every file including it)
 * with their engines joined, fingerprints given anew over the whole set,
 * coverage counts summed and file lists joined.  Shards carry the facts
 * of the get/pin ownership analysis, which merge solves together
 * (own_shard.c).  The SARIF log and the patch are made from the merged
 * JSON, as a scan makes them.
 */
#include <getopt.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "gupcheck.h"

static const char merge_usage[] =
"usage: gupcheck merge [options] REPORT.json...\n"
"\n"
"Join JSON reports (the shards of 'gupcheck scan --shard K/N', or files\n"
"of JSON Lines with one report a line) into one: findings de-duplicated,\n"
"coverage figures summed.  Shards carry the facts of the get/pin\n"
"ownership analysis: merge solves them together and adds the findings of\n"
"the mismatch rules, which no shard can decide alone; the merged report\n"
"carries no facts.  The merged findings go to stdout and a summary to\n"
"stderr, as a scan prints them.\n"
"\n"
"  --json FILE       write the merged JSON report\n"
"  --sarif FILE      write it as a SARIF 2.1.0 log\n"
"  --patch FILE      write the suggested fixes as one unified diff\n"
"  --tree DIR        the tree the patch is made against and the ownership\n"
"                    findings' suppression comments are read from\n"
"                    (default: the reports' tree root)\n"
"  --rules-dir DIR   where the rules data is\n"
"  --baseline FILE   mark the merged findings against FILE, as 'scan\n"
"                    --baseline' does; give it when the shards had one,\n"
"                    or the findings merge solves are not marked\n"
"  -q, --quiet       no summary on stderr\n"
"  -h, --help        this text\n"
"\n"
"Exit status: 0 no findings (notes, suppressed and known ones aside),\n"
"1 findings, 2 an operational error.\n";

static const char *str_at(const cJSON *o, const char *a, const char *b)
{
	const cJSON *x = cJSON_GetObjectItem(o, a);

	return cJSON_GetStringValue(b ? cJSON_GetObjectItem(x, b) : x);
}

static bool engine_in(const cJSON *engines, const char *name)
{
	const cJSON *e;

	cJSON_ArrayForEach(e, engines)
		if (cJSON_IsString(e) && !strcmp(e->valuestring, name))
			return true;
	return false;
}

static char *finding_key(const cJSON *f)
{
	const cJSON *line = cJSON_GetObjectItem(f, "line");
	const cJSON *col = cJSON_GetObjectItem(f, "column");

	return xasprintf("%s|%s|%d|%d|%s", str_at(f, "rule", NULL) ?: "",
			 str_at(f, "file", NULL) ?: "",
			 cJSON_IsNumber(line) ? line->valueint : 0,
			 cJSON_IsNumber(col) ? col->valueint : 0,
			 str_at(f, "message", NULL) ?: "");
}

/*
 * The member K of O when the readers of the merged report find it alike:
 * some look keys up by exact name, some ignoring case.  NULL otherwise.
 */
static const cJSON *member(const cJSON *o, const char *k)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);

	return v && v == cJSON_GetObjectItem(o, k) ? v : NULL;
}

static bool has_strings(const cJSON *o, const char * const *keys, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!cJSON_IsString(member(o, keys[i])))
			return false;
	return true;
}

static bool has_numbers(const cJSON *o, const char * const *keys, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!cJSON_IsNumber(member(o, keys[i])))
			return false;
	return true;
}

/* Byte offsets and lengths: whole numbers far from overflowing a size_t. */
static bool is_count(const cJSON *o, const char *k)
{
	const cJSON *v = member(o, k);

	return cJSON_IsNumber(v) && v->valuedouble >= 0 &&
	       v->valuedouble <= INT_MAX;
}

static bool valid_location(const cJSON *l)
{
	static const char * const numbers[] = { "line", "column" };

	return cJSON_IsString(member(l, "file")) &&
	       has_numbers(l, numbers, ARRAY_SIZE(numbers));
}

static bool valid_edit(const cJSON *e)
{
	static const char * const strings[] = { "file", "replacement" };
	static const char * const numbers[] = {
		"line", "column", "end_line", "end_column",
	};

	return has_strings(e, strings, ARRAY_SIZE(strings)) &&
	       has_numbers(e, numbers, ARRAY_SIZE(numbers)) &&
	       is_count(e, "offset") && is_count(e, "length");
}

/* A fix, when the finding has one: the patch and the SARIF log use it. */
static bool valid_fix(const cJSON *f)
{
	const cJSON *fix = cJSON_GetObjectItem(f, "fix"), *e;

	if (!fix)
		return true;
	if (fix != member(f, "fix") ||
	    !cJSON_IsString(member(fix, "description")) ||
	    !cJSON_IsArray(member(fix, "edits")))
		return false;
	cJSON_ArrayForEach(e, member(fix, "edits"))
		if (!valid_edit(e))
			return false;
	return true;
}

/* What the merge and the outputs made of it read of a finding. */
static bool valid_finding(const cJSON *f)
{
	static const char * const strings[] = {
		"rule", "level", "file", "message", "code", "seen",
	};
	static const char * const numbers[] = { "line", "column" };
	const cJSON *engines = member(f, "engines");
	const cJSON *evidence = member(f, "evidence"), *e;

	if (!has_strings(f, strings, ARRAY_SIZE(strings)) ||
	    !has_numbers(f, numbers, ARRAY_SIZE(numbers)) ||
	    !cJSON_IsArray(engines) || !cJSON_IsArray(evidence))
		return false;
	cJSON_ArrayForEach(e, engines)
		if (!cJSON_IsString(e))
			return false;
	cJSON_ArrayForEach(e, evidence)
		if (!valid_location(e))
			return false;
	return valid_fix(f);
}

/*
 * Add F to ALL, once by place and message; when both engines ran, a
 * finding of the cocci engine alone goes to COCCI, to be joined later.
 */
static void take(cJSON *all, cJSON *cocci, struct strset *seen,
		 const cJSON *f, bool both)
{
	char *key;
	cJSON *g;

	if (both && !engine_in(cJSON_GetObjectItem(f, "engines"), "clang")) {
		cJSON_AddItemToArray(cocci, cJSON_Duplicate(f, true));
		return;
	}
	key = finding_key(f);
	if (strset_add(seen, key)) {
		cJSON_AddItemToArray(all, cJSON_Duplicate(f, true));
	} else if (engine_in(cJSON_GetObjectItem(f, "engines"), "cocci")) {
		/* the same finding: join the engines */
		cJSON_ArrayForEach(g, all) {
			char *k = finding_key(g);
			bool same = !strcmp(k, key);

			free(k);
			if (!same)
				continue;
			if (!engine_in(cJSON_GetObjectItem(g, "engines"),
				       "cocci"))
				cJSON_AddItemToArray(cJSON_GetObjectItem(g,
								"engines"),
						     cJSON_CreateString("cocci"));
			break;
		}
	}
	free(key);
}

/*
 * The findings of DOCS, and those SOLVED from the facts the shards carry,
 * as one set; NULL if one is not a finding.
 */
static cJSON *merge_findings(const cJSON *docs, const cJSON *solved,
			     bool both)
{
	cJSON *all = cJSON_CreateArray(), *cocci = cJSON_CreateArray();
	struct strset seen = { 0 };
	const cJSON *doc, *f;
	cJSON *g;

	cJSON_ArrayForEach(doc, docs)
		cJSON_ArrayForEach(f, cJSON_GetObjectItem(doc, "findings")) {
			if (!valid_finding(f)) {
				strset_free(&seen);
				cJSON_Delete(all);
				cJSON_Delete(cocci);
				return NULL;
			}
			take(all, cocci, &seen, f, both);
		}
	cJSON_ArrayForEach(f, solved)
		take(all, cocci, &seen, f, both);
	strset_free(&seen);
	/*
	 * The cocci engine's own findings, once each, join the clang
	 * engine's by place, as in a scan.
	 */
	for (g = cocci->child; g; ) {
		cJSON *next = g->next;
		char *key = finding_key(g);

		if (!strset_add(&seen, key))
			cJSON_Delete(cJSON_DetachItemViaPointer(cocci, g));
		free(key);
		g = next;
	}
	strset_free(&seen);
	cocci_merge(all, cocci);
	cJSON_Delete(cocci);
	cJSON_ArrayForEach(g, all)
		cJSON_DeleteItemFromObject(g, "fingerprint");
	findings_finalize(all);
	return all;
}

static void add_num(cJSON *to, const cJSON *from, const char *key)
{
	const cJSON *v = cJSON_GetObjectItem(from, key);
	cJSON *t = cJSON_GetObjectItem(to, key);

	if (!t)
		t = cJSON_AddNumberToObject(to, key, 0);
	if (cJSON_IsNumber(v))
		cJSON_SetNumberValue(t, t->valuedouble + v->valuedouble);
}

static void join_files(cJSON *to, const cJSON *from, struct strset *seen)
{
	const cJSON *e;

	cJSON_ArrayForEach(e, from) {
		const char *file = str_at(e, "file", NULL);

		if (file && strset_add(seen, file))
			report_insert_sorted(to, cJSON_Duplicate(e, true),
					     "file");
	}
}

static void join_reasons(cJSON *to, const cJSON *from)
{
	const cJSON *e;
	cJSON *t;

	cJSON_ArrayForEach(e, from) {
		const char *reason = str_at(e, "reason", NULL);

		cJSON_ArrayForEach(t, to)
			if (reason && !strcmp(str_at(t, "reason", NULL),
					      reason))
				break;
		if (t)
			add_num(t, e, "files");
		else if (reason)
			report_insert_sorted(to, cJSON_Duplicate(e, true),
					     "reason");
	}
}

/* The lists of files with a reason each, as the summary prints them. */
static bool valid_files(const cJSON *list)
{
	static const char * const strings[] = { "file", "reason" };
	const cJSON *e;

	if (!list)
		return true;
	if (!cJSON_IsArray(list))
		return false;
	cJSON_ArrayForEach(e, list)
		if (!has_strings(e, strings, ARRAY_SIZE(strings)))
			return false;
	return true;
}

/* What the merge and the summary read of a report's coverage. */
static bool valid_coverage(const cJSON *cov)
{
	const cJSON *by = cJSON_GetObjectItem(cov, "excluded_by_reason"), *e;

	if (by != member(cov, "excluded_by_reason") ||
	    (by && !cJSON_IsArray(by)))
		return false;
	cJSON_ArrayForEach(e, by)
		if (!cJSON_IsString(member(e, "reason")) ||
		    !cJSON_IsNumber(member(e, "files")))
			return false;
	if (cJSON_IsTrue(cJSON_GetObjectItem(cov, "limited")) &&
	    !cJSON_IsString(member(cov, "limited_reason")))
		return false;
	return valid_files(cJSON_GetObjectItem(cov, "files_with_errors")) &&
	       valid_files(cJSON_GetObjectItem(cov, "files_not_parsed")) &&
	       valid_files(cJSON_GetObjectItem(cJSON_GetObjectItem(cov,
								   "cocci"),
					       "files_failed"));
}

static const char * const counts[] = {
	"files_considered", "excluded", "without_identifiers", "candidates",
	"parsed_clean", "parsed_with_errors", "not_parsed",
};

/*
 * Names that only the shards' facts together teach: files that use them
 * and name no GUP function were read by no shard (own_shard.c).
 */
static void note_across(const cJSON *across)
{
	const cJSON *n;
	struct strbuf sb = { 0 };
	int count = 0;
	char *names;

	cJSON_ArrayForEach(n, cJSON_GetObjectItem(across, "wrappers")) {
		if (count++ < 4)
			sb_addf(&sb, "%s%s()", sb.len ? ", " : "",
				n->valuestring);
	}
	cJSON_ArrayForEach(n, cJSON_GetObjectItem(across, "fields")) {
		if (count++ < 4)
			sb_addf(&sb, "%sstruct %s", sb.len ? ", " : "",
				n->valuestring);
	}
	names = sb_detach(&sb);
	warn("%d name%s learned only from the facts of several shards together (%s%s): a file that uses one and names no GUP function may have been read by no shard for facts, as an unsharded scan reads it (coverage: learned_across_shards)",
	     count, count == 1 ? " is" : "s are", names,
	     count > 4 ? ", ..." : "");
	free(names);
}

/* The coverage of DOCS summed, in report_json()'s order of keys. */
static cJSON *merge_coverage(const cJSON *docs)
{
	cJSON *c = cJSON_CreateObject(), *by, *errs, *fails, *cocci = NULL;
	cJSON *cfail = NULL;
	struct strset s_err = { 0 }, s_fail = { 0 }, s_cocci = { 0 };
	const cJSON *doc, *cov, *limited_reason = NULL, *engine = NULL;
	bool limited = false;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(counts); i++)
		cJSON_AddNumberToObject(c, counts[i], 0);
	by = cJSON_CreateArray();
	errs = cJSON_CreateArray();
	fails = cJSON_CreateArray();
	cJSON_ArrayForEach(doc, docs) {
		const cJSON *cc;

		cov = cJSON_GetObjectItem(doc, "coverage");
		for (i = 0; i < ARRAY_SIZE(counts); i++)
			add_num(c, cov, counts[i]);
		/* the reason of the first report that is limited */
		if (cJSON_IsTrue(cJSON_GetObjectItem(cov, "limited")) &&
		    !limited) {
			limited = true;
			limited_reason = cJSON_GetObjectItem(cov,
							     "limited_reason");
		}
		if (!engine)
			engine = cJSON_GetObjectItem(cov, "engine");
		cc = cJSON_GetObjectItem(cov, "cocci");
		if (cc) {
			if (!cocci) {
				cocci = cJSON_CreateObject();
				cJSON_AddNumberToObject(cocci, "candidates", 0);
				cJSON_AddNumberToObject(cocci, "analyzed", 0);
				cfail = cJSON_AddArrayToObject(cocci,
							       "files_failed");
			}
			add_num(cocci, cc, "candidates");
			add_num(cocci, cc, "analyzed");
			join_files(cfail, cJSON_GetObjectItem(cc,
							      "files_failed"),
				   &s_cocci);
		}
		join_reasons(by, cJSON_GetObjectItem(cov,
						     "excluded_by_reason"));
		join_files(errs, cJSON_GetObjectItem(cov, "files_with_errors"),
			   &s_err);
		join_files(fails, cJSON_GetObjectItem(cov, "files_not_parsed"),
			   &s_fail);
	}
	cJSON_AddBoolToObject(c, "limited", limited);
	if (limited && cJSON_IsString(limited_reason))
		cJSON_AddStringToObject(c, "limited_reason",
					limited_reason->valuestring);
	if (cocci)
		cJSON_AddItemToObject(c, "cocci", cocci);
	else if (cJSON_IsString(engine))
		cJSON_AddStringToObject(c, "engine", engine->valuestring);
	cJSON_AddItemToObject(c, "excluded_by_reason", by);
	cJSON_AddItemToObject(c, "files_with_errors", errs);
	cJSON_AddItemToObject(c, "files_not_parsed", fails);
	strset_free(&s_err);
	strset_free(&s_fail);
	strset_free(&s_cocci);
	return c;
}

/* Is DOC a scan report, not a baseline or a fragment? */
bool report_is_scan(const cJSON *doc)
{
	const char *fmt = str_at(doc, "format", NULL);

	return fmt && !strcmp(fmt, "gupcheck-report") &&
	       cJSON_IsObject(cJSON_GetObjectItem(doc, "coverage")) &&
	       str_at(doc, "tree", "root");
}

/*
 * The merged report of the scan reports DOCS (report_is_scan()), or NULL
 * with a warning naming the cause.  The ownership rules of RULES solve
 * the facts the shards carry, with the suppression comments of the tree
 * ROOT.  With a baseline KNOWN, every finding is marked against it.
 */
cJSON *reports_merge(const cJSON *docs, const struct rules *rules,
		     const char *root, const struct strset *known)
{
	const cJSON *first = cJSON_GetArrayItem(docs, 0), *doc;
	const char *ver = str_at(first, "tree", "kernel_version");
	double secs = 0, jobs = 0;
	cJSON *r, *findings, *solved, *coverage, *across;
	bool both;

	cJSON_ArrayForEach(doc, docs) {
		const char *v = str_at(doc, "tree", "kernel_version");
		const cJSON *t = cJSON_GetObjectItem(doc, "time_seconds");
		const cJSON *j = cJSON_GetObjectItem(doc, "jobs");

		if ((v || ver) && (!v || !ver || strcmp(v, ver))) {
			warn("the reports are of different trees (Linux %s and %s)",
			     ver ?: "none", v ?: "none");
			return NULL;
		}
		if (!valid_coverage(cJSON_GetObjectItem(doc, "coverage"))) {
			warn("a report's coverage lacks a field the report schema requires");
			return NULL;
		}
		if (cJSON_IsNumber(t) && t->valuedouble > secs)
			secs = t->valuedouble;
		if (cJSON_IsNumber(j) && j->valuedouble > jobs)
			jobs = j->valuedouble;
	}
	both = engine_in(cJSON_GetObjectItem(cJSON_GetObjectItem(first,
								 "tool"),
					     "engines"), "clang") &&
	       engine_in(cJSON_GetObjectItem(cJSON_GetObjectItem(first,
								 "tool"),
					     "engines"), "cocci");
	if (own_merge(docs, rules, root, &solved, &across))
		return NULL;
	findings = merge_findings(docs, solved, both);
	cJSON_Delete(solved);
	if (!findings) {
		warn("a finding lacks a field the report schema requires");
		cJSON_Delete(across);
		return NULL;
	}
	if (known)
		baseline_mark(findings, known);
	coverage = merge_coverage(docs);
	own_merge_coverage(docs, coverage);
	if (across) {
		note_across(across);
		cJSON_AddItemToObject(coverage, "learned_across_shards",
				      across);
	}
	r = cJSON_CreateObject();
	cJSON_AddStringToObject(r, "format", "gupcheck-report");
	cJSON_AddNumberToObject(r, "format_version", 1);
	cJSON_AddItemToObject(r, "tool",
			      cJSON_Duplicate(cJSON_GetObjectItem(first, "tool"),
					      true));
	cJSON_AddItemToObject(r, "tree",
			      cJSON_Duplicate(cJSON_GetObjectItem(first, "tree"),
					      true));
	cJSON_AddItemToObject(r, "rules",
			      cJSON_Duplicate(cJSON_GetObjectItem(first,
								  "rules"),
					      true));
	cJSON_AddItemToObject(r, "summary", report_summary_json(findings));
	cJSON_AddItemToObject(r, "coverage", coverage);
	cJSON_AddItemToObject(r, "findings", findings);
	cJSON_AddNumberToObject(r, "time_seconds", secs);
	cJSON_AddNumberToObject(r, "jobs", jobs);
	return r;
}

/* Enable the rules the report lists, and only those. */
static int select_rules(struct rules *rules, const cJSON *report)
{
	struct strbuf sb = { 0 };
	const cJSON *r;
	char *list;
	int ret;

	cJSON_ArrayForEach(r, cJSON_GetObjectItem(report, "rules")) {
		const char *id = str_at(r, "id", NULL);

		if (id)
			sb_addf(&sb, "%s%s", sb.len ? "," : "", id);
	}
	if (!sb.len) {
		free(sb.buf);
		return 0;
	}
	list = sb_detach(&sb);
	ret = rules_select(rules, list);
	free(list);
	return ret;
}

static int write_doc(const char *path, const cJSON *doc)
{
	char *text = cJSON_Print(doc);
	int ret = write_file_atomic(path, text, strlen(text));

	cJSON_free(text);
	return ret;
}

int cmd_merge(int argc, char **argv, const char *argv0)
{
	static const struct option opts[] = {
		{ "json", required_argument, NULL, 'J' },
		{ "sarif", required_argument, NULL, 'S' },
		{ "patch", required_argument, NULL, 'P' },
		{ "tree", required_argument, NULL, 'T' },
		{ "rules-dir", required_argument, NULL, 'R' },
		{ "baseline", required_argument, NULL, 'B' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *json = NULL, *sarif = NULL, *patch = NULL, *tree = NULL;
	const char *rules_dir = NULL, *baseline = NULL;
	struct strset known = { 0 };
	cJSON *docs, *d, *rep = NULL;
	struct rules rules;
	bool quiet = false;
	int c, i, ret = 2, files;
	char *root = NULL, *text;

	while ((c = getopt_long(argc, argv, "qh", opts, NULL)) != -1) {
		switch (c) {
		case 'J':
			json = optarg;
			break;
		case 'S':
			sarif = optarg;
			break;
		case 'P':
			patch = optarg;
			break;
		case 'T':
			tree = optarg;
			break;
		case 'R':
			rules_dir = optarg;
			break;
		case 'B':
			baseline = optarg;
			break;
		case 'q':
			quiet = true;
			break;
		case 'h':
			fputs(merge_usage, stdout);
			return 0;
		default:
			fputs("Try 'gupcheck merge --help'.\n", stderr);
			return 2;
		}
	}
	if (optind >= argc) {
		fputs(merge_usage, stderr);
		return 2;
	}
	docs = cJSON_CreateArray();
	if (baseline && baseline_read(baseline, &known))
		goto out;
	for (i = optind; i < argc; i++) {
		cJSON *more = reports_read(argv[i]);

		if (!more)
			goto out;
		while (cJSON_GetArraySize(more)) {
			d = cJSON_DetachItemFromArray(more, 0);
			cJSON_AddItemToArray(docs, d);
			if (!report_is_scan(d)) {
				warn("%s: a baseline or an incomplete report (no coverage or tree), not a scan report",
				     argv[i]);
				cJSON_Delete(more);
				goto out;
			}
		}
		cJSON_Delete(more);
	}
	root = tree ? path_real(tree) :
		      xstrdup(str_at(cJSON_GetArrayItem(docs, 0), "tree",
				     "root"));
	if (!root) {
		warn("--tree %s: no such directory", tree);
		goto out;
	}
	if ((json && output_check("--json", json, root)) ||
	    (sarif && output_check("--sarif", sarif, root)) ||
	    (patch && output_check("--patch", patch, root)))
		goto out;
	rules_load_or_die(&rules, argv0, rules_dir);
	if (select_rules(&rules, cJSON_GetArrayItem(docs, 0))) {
		rules_free(&rules);
		goto out;
	}
	rep = reports_merge(docs, &rules, root, baseline ? &known : NULL);
	if (!rep) {
		rules_free(&rules);
		goto out;
	}
	report_text_findings(cJSON_GetObjectItem(rep, "findings"), stdout);
	fflush(stdout);
	if (!quiet)
		report_summary_doc(rep, stderr);
	ret = 0;
	if (json && write_doc(json, rep))
		ret = 2;
	if (sarif) {
		cJSON *s = report_sarif(rep, &rules);

		if (write_doc(sarif, s))
			ret = 2;
		cJSON_Delete(s);
	}
	if (patch) {
		text = patch_of(root, cJSON_GetObjectItem(rep, "findings"),
				&files);
		if (write_file_atomic(patch, text, strlen(text)))
			ret = 2;
		free(text);
	}
	rules_free(&rules);
	if (!ret) {
		const cJSON *f;

		cJSON_ArrayForEach(f, cJSON_GetObjectItem(rep, "findings"))
			if (finding_gates(f))
				ret = 1;
	}
out:
	free(root);
	strset_free(&known);
	cJSON_Delete(rep);
	cJSON_Delete(docs);
	return ret;
}
