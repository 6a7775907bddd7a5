// SPDX-License-Identifier: GPL-2.0
/*
 * SARIF 2.1.0: one run, URIs relative to the tree under the SRCROOT base
 * id, partialFingerprints for baselines, rules with help text, related
 * locations for evidence, and fixes as artifact changes.  Files that were
 * not parsed cleanly are tool execution notifications.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "gupcheck.h"

static char *uri_escape(const char *path)
{
	struct strbuf sb = { 0 };
	const unsigned char *p;

	for (p = (const unsigned char *)path; *p; p++) {
		if (isalnum(*p) || strchr("/-._~", *p))
			sb_add(&sb, (const char *)p, 1);
		else
			sb_addf(&sb, "%%%02X", *p);
	}
	return sb_detach(&sb);
}

static cJSON *text_obj(const char *text)
{
	cJSON *o = cJSON_CreateObject();

	cJSON_AddStringToObject(o, "text", text);
	return o;
}

static cJSON *artifact(const char *file)
{
	cJSON *a = cJSON_CreateObject();
	char *uri = uri_escape(file);

	cJSON_AddStringToObject(a, "uri", uri);
	if (file[0] != '/')
		cJSON_AddStringToObject(a, "uriBaseId", "SRCROOT");
	free(uri);
	return a;
}

static cJSON *physical(const char *file, int line, int col)
{
	cJSON *p = cJSON_CreateObject(), *region;

	cJSON_AddItemToObject(p, "artifactLocation", artifact(file));
	if (line > 0) {
		region = cJSON_AddObjectToObject(p, "region");
		cJSON_AddNumberToObject(region, "startLine", line);
		if (col > 0)
			cJSON_AddNumberToObject(region, "startColumn", col);
	}
	return p;
}

static int num(const cJSON *o, const char *k)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);

	return cJSON_IsNumber(v) ? v->valueint : 0;
}

static const char *str(const cJSON *o, const char *k)
{
	return cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(o, k));
}

/* The rule's help is the text 'gupcheck explain' prints. */
static cJSON *help_obj(const struct rule_info *ri)
{
	char *text = rule_explanation(ri);
	cJSON *o = text_obj(text);

	free(text);
	return o;
}

static cJSON *driver(const struct rules *r)
{
	cJSON *d = cJSON_CreateObject(), *rules;
	size_t i;

	cJSON_AddStringToObject(d, "name", "gupcheck");
	cJSON_AddStringToObject(d, "version", GUPCHECK_VERSION);
	cJSON_AddStringToObject(d, "semanticVersion", GUPCHECK_VERSION);
	cJSON_AddStringToObject(d, "informationUri", GUPCHECK_URI);
	rules = cJSON_AddArrayToObject(d, "rules");
	for (i = 0; i < r->nr_rules; i++) {
		const struct rule_info *ri = &r->rule[i];
		cJSON *o, *conf;

		if (!ri->enabled)
			continue;
		o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "id", ri->id);
		cJSON_AddItemToObject(o, "shortDescription",
				      text_obj(ri->summary));
		cJSON_AddItemToObject(o, "fullDescription",
				      text_obj(ri->help));
		cJSON_AddItemToObject(o, "help", help_obj(ri));
		conf = cJSON_AddObjectToObject(o, "defaultConfiguration");
		cJSON_AddStringToObject(conf, "level", ri->level);
		cJSON_AddItemToArray(rules, o);
	}
	return d;
}

static int rule_index(const struct rules *r, const char *id)
{
	size_t i;
	int k = 0;

	for (i = 0; i < r->nr_rules; i++) {
		if (!r->rule[i].enabled)
			continue;
		if (strcmp(r->rule[i].id, id) == 0)
			return k;
		k++;
	}
	return -1;
}

static cJSON *fixes(const cJSON *fix)
{
	cJSON *arr = cJSON_CreateArray(), *f = cJSON_CreateObject();
	cJSON *changes = cJSON_CreateArray();
	const cJSON *e;

	cJSON_AddItemToObject(f, "description",
			      text_obj(str(fix, "description")));
	cJSON_ArrayForEach(e, cJSON_GetObjectItem(fix, "edits")) {
		cJSON *ch = cJSON_CreateObject(), *reps, *rep, *reg, *ins;

		cJSON_AddItemToObject(ch, "artifactLocation",
				      artifact(str(e, "file")));
		reps = cJSON_AddArrayToObject(ch, "replacements");
		rep = cJSON_CreateObject();
		reg = cJSON_AddObjectToObject(rep, "deletedRegion");
		cJSON_AddNumberToObject(reg, "startLine", num(e, "line"));
		cJSON_AddNumberToObject(reg, "startColumn", num(e, "column"));
		cJSON_AddNumberToObject(reg, "endLine", num(e, "end_line"));
		cJSON_AddNumberToObject(reg, "endColumn",
					num(e, "end_column"));
		ins = cJSON_AddObjectToObject(rep, "insertedContent");
		cJSON_AddStringToObject(ins, "text", str(e, "replacement"));
		cJSON_AddItemToArray(reps, rep);
		cJSON_AddItemToArray(changes, ch);
	}
	cJSON_AddItemToObject(f, "artifactChanges", changes);
	cJSON_AddItemToArray(arr, f);
	return arr;
}

/*
 * The evidence as a SARIF code flow: where the pages were taken, the
 * calls they went through, and where they are released or leak.
 */
static cJSON *code_flow(const cJSON *f)
{
	cJSON *flows = cJSON_CreateArray(), *flow = cJSON_CreateObject();
	cJSON *threads = cJSON_AddArrayToObject(flow, "threadFlows");
	cJSON *thread = cJSON_CreateObject();
	cJSON *locs = cJSON_AddArrayToObject(thread, "locations");
	const cJSON *ev;

	cJSON_ArrayForEach(ev, cJSON_GetObjectItem(f, "evidence")) {
		cJSON *tl = cJSON_CreateObject();
		cJSON *l = cJSON_AddObjectToObject(tl, "location");

		cJSON_AddItemToObject(l, "physicalLocation",
				      physical(str(ev, "file"),
					       num(ev, "line"),
					       num(ev, "column")));
		cJSON_AddItemToObject(l, "message",
				      text_obj(str(ev, "message")));
		cJSON_AddItemToArray(locs, tl);
	}
	cJSON_AddItemToArray(threads, thread);
	cJSON_AddItemToArray(flows, flow);
	return flows;
}

static cJSON *result(const struct rules *r, const cJSON *f)
{
	cJSON *res = cJSON_CreateObject(), *locs, *loc, *fp, *rel;
	const cJSON *ev, *fix = cJSON_GetObjectItem(f, "fix"), *sup;
	const char *fn = str(f, "function"), *bl;
	int id = 1;

	cJSON_AddStringToObject(res, "ruleId", str(f, "rule"));
	cJSON_AddNumberToObject(res, "ruleIndex",
				rule_index(r, str(f, "rule")));
	cJSON_AddStringToObject(res, "level", str(f, "level"));
	cJSON_AddItemToObject(res, "message", text_obj(str(f, "message")));
	locs = cJSON_AddArrayToObject(res, "locations");
	loc = cJSON_CreateObject();
	cJSON_AddItemToObject(loc, "physicalLocation",
			      physical(str(f, "file"), num(f, "line"),
				       num(f, "column")));
	if (fn) {
		cJSON *ll = cJSON_AddArrayToObject(loc, "logicalLocations");
		cJSON *l = cJSON_CreateObject();

		cJSON_AddStringToObject(l, "name", fn);
		cJSON_AddStringToObject(l, "kind", "function");
		cJSON_AddItemToArray(ll, l);
	}
	cJSON_AddItemToArray(locs, loc);
	cJSON_AddItemToObject(cJSON_AddObjectToObject(res, "properties"),
			      "engines",
			      cJSON_Duplicate(cJSON_GetObjectItem(f, "engines"),
					      true));
	fp = cJSON_AddObjectToObject(res, "partialFingerprints");
	cJSON_AddStringToObject(fp, "gupcheck/v1", str(f, "fingerprint"));
	rel = cJSON_CreateArray();
	cJSON_ArrayForEach(ev, cJSON_GetObjectItem(f, "evidence")) {
		cJSON *l = cJSON_CreateObject();

		cJSON_AddNumberToObject(l, "id", id++);
		cJSON_AddItemToObject(l, "physicalLocation",
				      physical(str(ev, "file"),
					       num(ev, "line"),
					       num(ev, "column")));
		cJSON_AddItemToObject(l, "message",
				      text_obj(str(ev, "message")));
		cJSON_AddItemToArray(rel, l);
	}
	if (cJSON_GetArraySize(rel) >= 2)
		cJSON_AddItemToObject(res, "codeFlows", code_flow(f));
	if (cJSON_GetArraySize(rel))
		cJSON_AddItemToObject(res, "relatedLocations", rel);
	else
		cJSON_Delete(rel);
	if (fix)
		cJSON_AddItemToObject(res, "fixes", fixes(fix));
	sup = cJSON_GetObjectItem(f, "suppressed");
	if (sup) {
		cJSON *a = cJSON_AddArrayToObject(res, "suppressions");
		cJSON *o = cJSON_CreateObject();

		cJSON_AddStringToObject(o, "kind", "inSource");
		cJSON_AddStringToObject(o, "justification",
					str(sup, "justification") ?: "");
		cJSON_AddItemToArray(a, o);
	}
	bl = str(f, "baseline");
	if (bl)
		cJSON_AddStringToObject(res, "baselineState",
					strcmp(bl, "known") ? "new" :
					"unchanged");
	return res;
}

static cJSON *notification(const cJSON *entry, bool errors)
{
	cJSON *n = cJSON_CreateObject(), *locs, *loc, *msg;
	char *text = xasprintf("%s: %s", errors ? "parsed with errors" :
			       "not parsed", str(entry, "reason") ?: "");

	cJSON_AddStringToObject(n, "level", errors ? "note" : "warning");
	msg = text_obj(text);
	cJSON_AddItemToObject(n, "message", msg);
	locs = cJSON_AddArrayToObject(n, "locations");
	loc = cJSON_CreateObject();
	cJSON_AddItemToObject(loc, "physicalLocation",
			      physical(str(entry, "file") ?: "", 0, 0));
	cJSON_AddItemToArray(locs, loc);
	free(text);
	return n;
}

/* The coverage's files, with errors and not parsed, in file order. */
static void notifications(cJSON *notes, const cJSON *cov)
{
	const cJSON *e = cJSON_GetObjectItem(cov, "files_with_errors");
	const cJSON *n = cJSON_GetObjectItem(cov, "files_not_parsed");
	const cJSON *a = e ? e->child : NULL, *b = n ? n->child : NULL;

	while (a || b) {
		if (a && (!b || strcmp(str(a, "file") ?: "",
				       str(b, "file") ?: "") <= 0)) {
			cJSON_AddItemToArray(notes, notification(a, true));
			a = a->next;
		} else {
			cJSON_AddItemToArray(notes, notification(b, false));
			b = b->next;
		}
	}
}

/*
 * The SARIF log of a JSON report (report_json()'s, or a merge of them):
 * everything but the rules' help comes from the report.
 */
cJSON *report_sarif(const cJSON *report, const struct rules *rules)
{
	cJSON *doc = cJSON_CreateObject(), *runs, *run, *tool, *bases, *src;
	cJSON *inv, *invs, *notes, *results;
	const cJSON *f, *tree = cJSON_GetObjectItem(report, "tree");
	char *root = uri_escape(str(tree, "root") ?: "/"), *uri;

	cJSON_AddStringToObject(doc, "$schema",
				"https://json.schemastore.org/sarif-2.1.0.json");
	cJSON_AddStringToObject(doc, "version", "2.1.0");
	runs = cJSON_AddArrayToObject(doc, "runs");
	run = cJSON_CreateObject();
	tool = cJSON_AddObjectToObject(run, "tool");
	cJSON_AddItemToObject(tool, "driver", driver(rules));
	bases = cJSON_AddObjectToObject(run, "originalUriBaseIds");
	src = cJSON_AddObjectToObject(bases, "SRCROOT");
	uri = xasprintf("file://%s/", root);
	cJSON_AddStringToObject(src, "uri", uri);
	free(uri);
	free(root);
	invs = cJSON_AddArrayToObject(run, "invocations");
	inv = cJSON_CreateObject();
	cJSON_AddBoolToObject(inv, "executionSuccessful", 1);
	notes = cJSON_AddArrayToObject(inv, "toolExecutionNotifications");
	notifications(notes, cJSON_GetObjectItem(report, "coverage"));
	cJSON_AddItemToArray(invs, inv);
	cJSON_AddStringToObject(run, "columnKind", "unicodeCodePoints");
	results = cJSON_AddArrayToObject(run, "results");
	cJSON_ArrayForEach(f, cJSON_GetObjectItem(report, "findings"))
		cJSON_AddItemToArray(results, result(rules, f));
	cJSON_AddItemToArray(runs, run);
	return doc;
}
