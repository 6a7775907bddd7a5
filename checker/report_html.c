// SPDX-License-Identifier: GPL-2.0
/*
 * The HTML report: one self-contained file, inline CSS, SVG and a small
 * inline script for sorting and filtering; nothing is fetched.  A summary,
 * charts of findings per rule and per subsystem, and a table of findings
 * in which each row opens to the code with the evidence marked, the
 * rule's explanation and the suggested patch.
 */
#include <stdlib.h>
#include <string.h>

#include "gupcheck.h"

#define EXCERPT 3		/* lines of code around a finding */
#define TOP_DIRS 15		/* subsystems in the chart */

static const char css[] =
"body{font:14px/1.45 system-ui,sans-serif;margin:0;color:#1d2329;background:#f6f7f9}"
"header,section{margin:0 auto;max-width:1200px;padding:12px 24px}"
"h1{font-size:22px;margin:12px 0}h2{font-size:17px;margin:18px 0 8px}"
"dl.sum{display:grid;grid-template-columns:max-content 1fr;gap:2px 16px;margin:0}"
"dl.sum dt{color:#5a6570}dl.sum dd{margin:0}"
".charts{display:flex;flex-wrap:wrap;gap:24px}.charts svg{background:#fff;border:1px solid #dde2e7}"
".bar{fill:#3d7cc9}.lbl{font-size:12px;fill:#1d2329}"
"table{border-collapse:collapse;width:100%;background:#fff}"
"th,td{border-bottom:1px solid #e3e7eb;padding:4px 8px;text-align:left;vertical-align:top}"
"th{cursor:pointer;background:#eef1f4;user-select:none}th.s:after{content:' \\25B4'}th.r:after{content:' \\25BE'}"
"td.loc{font-family:monospace;white-space:nowrap}"
".warning{color:#a15c00}.error{color:#b3261e}.note{color:#3d6b3d}"
"pre{background:#fbfbfc;border:1px solid #e3e7eb;padding:6px;overflow:auto;font-size:12px;margin:4px 0}"
"pre .hit{background:#ffe9a8;display:block}pre .ev{background:#d9ecff;display:block}"
"pre .add{color:#1a7f37}pre .del{color:#b3261e}"
".filters{display:flex;gap:12px;flex-wrap:wrap;margin:8px 0}"
"details>summary{cursor:pointer}.why{white-space:pre-wrap;font-size:13px}";

static const char js[] =
"(function(){"
"var t=document.getElementById('ft'),b=t.tBodies[0],rows=[].slice.call(b.rows),"
"f={rule:'',level:'',dir:'',status:''},shown=document.getElementById('shown');"
"function ok(r){return(!f.rule||r.dataset.rule==f.rule)&&(!f.level||r.dataset.level==f.level)"
"&&(!f.dir||r.dataset.file.indexOf(f.dir)==0)&&(!f.status||r.dataset.status==f.status);}"
"function apply(){var n=0;rows.forEach(function(r){var v=ok(r);r.hidden=!v;if(v)n++;});"
"shown.textContent=n;}"
"['rule','level','dir','status'].forEach(function(k){var e=document.getElementById('f-'+k);"
"e.addEventListener('input',function(){f[k]=e.value.trim();apply();});});"
"[].forEach.call(t.tHead.rows[0].cells,function(th){th.addEventListener('click',function(){"
"var k=th.dataset.k,asc=!th.classList.contains('s');"
"[].forEach.call(t.tHead.rows[0].cells,function(c){c.classList.remove('s','r');});"
"th.classList.add(asc?'s':'r');"
"rows.sort(function(x,y){var a=x.dataset[k],c=y.dataset[k];"
"if(k=='line'){a=+a;c=+c;}return(a<c?-1:a>c?1:0)*(asc?1:-1);});"
"rows.forEach(function(r){b.appendChild(r);});});});"
"location.hash.slice(1).split('&').forEach(function(p){var kv=p.split('=');"
"if(kv[0] in f){f[kv[0]]=decodeURIComponent(kv[1]||'');"
"document.getElementById('f-'+kv[0]).value=f[kv[0]];}});"
"apply();document.body.dataset.ready='1';"
"})();";

static void esc(struct strbuf *sb, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		switch (s[i]) {
		case '<':
			sb_adds(sb, "&lt;");
			break;
		case '>':
			sb_adds(sb, "&gt;");
			break;
		case '&':
			sb_adds(sb, "&amp;");
			break;
		case '"':
			sb_adds(sb, "&quot;");
			break;
		default:
			sb_add(sb, s + i, 1);
		}
	}
}

static void escs(struct strbuf *sb, const char *s)
{
	esc(sb, s ? s : "", s ? strlen(s) : 0);
}

static const char *str(const cJSON *o, const char *k)
{
	const char *v = cJSON_GetStringValue(cJSON_GetObjectItem(o, k));

	return v ? v : "";
}

static int num(const cJSON *o, const char *k)
{
	const cJSON *v = cJSON_GetObjectItem(o, k);

	return cJSON_IsNumber(v) ? v->valueint : 0;
}

/* Count findings by a key; KEY_OF returns a malloc'd key. */
static void count_by(const cJSON *findings, char *(*key_of)(const cJSON *),
		     cJSON *into)
{
	const cJSON *f;

	cJSON_ArrayForEach(f, findings) {
		char *k = key_of(f);
		cJSON *n = cJSON_GetObjectItem(into, k);

		if (n)
			cJSON_SetNumberValue(n, n->valuedouble + 1);
		else
			cJSON_AddNumberToObject(into, k, 1);
		free(k);
	}
}

static char *rule_of(const cJSON *f)
{
	return xstrdup(str(f, "rule"));
}

/* A subsystem: the first two directories of the path. */
static char *subsystem_of(const cJSON *f)
{
	const char *p = str(f, "file"), *s = strchr(p, '/');

	if (s && strchr(s + 1, '/'))
		s = strchr(s + 1, '/');
	return s ? xstrndup(p, (size_t)(s - p)) : xstrdup(".");
}

static int cmp_count(const void *a, const void *b)
{
	const cJSON *x = *(const cJSON * const *)a;
	const cJSON *y = *(const cJSON * const *)b;

	if (x->valueint != y->valueint)
		return y->valueint - x->valueint;
	return strcmp(x->string, y->string);
}

/* A horizontal bar chart of COUNTS, largest first, at most MAX bars. */
static void bar_chart(struct strbuf *sb, const char *title, cJSON *counts,
		      int max)
{
	int n = cJSON_GetArraySize(counts), i, top = 1, h;
	cJSON **v = xcalloc((size_t)n, sizeof(*v)), *it;

	i = 0;
	cJSON_ArrayForEach(it, counts)
		v[i++] = it;
	qsort(v, (size_t)n, sizeof(*v), cmp_count);
	if (n > max)
		n = max;
	for (i = 0; i < n; i++)
		if (v[i]->valueint > top)
			top = v[i]->valueint;
	h = 22 * n + 30;
	sb_addf(sb, "<figure><figcaption>%s</figcaption><svg role=\"img\" width=\"520\" height=\"%d\" viewBox=\"0 0 520 %d\">",
		title, h, h);
	for (i = 0; i < n; i++) {
		int w = 260 * v[i]->valueint / top;

		sb_addf(sb, "<text class=\"lbl\" x=\"4\" y=\"%d\">", 22 * i + 20);
		escs(sb, v[i]->string);
		sb_addf(sb, "</text><rect class=\"bar\" x=\"200\" y=\"%d\" width=\"%d\" height=\"16\"/><text class=\"lbl\" x=\"%d\" y=\"%d\">%d</text>",
			22 * i + 8, w ? w : 1, 206 + w, 22 * i + 20,
			v[i]->valueint);
	}
	if (!n)
		sb_adds(sb, "<text class=\"lbl\" x=\"4\" y=\"20\">no findings</text>");
	sb_adds(sb, "</svg></figure>");
	free(v);
}

static void summary(struct strbuf *sb, const struct scan_result *res,
		    const cJSON *cov)
{
	sb_adds(sb, "<header><h1>gupcheck report</h1><dl class=\"sum\"><dt>tree</dt><dd>");
	escs(sb, res->tree->root);
	sb_adds(sb, "</dd><dt>kernel</dt><dd>");
	escs(sb, res->tree->version ? res->tree->version : "(not a kernel tree)");
	sb_adds(sb, "</dd><dt>engines</dt><dd>clang</dd><dt>flags</dt><dd>");
	escs(sb, res->flags->build ? res->flags->build :
	     "tolerant parse, no build directory");
	sb_addf(sb, "</dd><dt>coverage</dt><dd>%d files considered, %d excluded by path, %d without relevant identifiers, %d parsed: %d clean, %d with errors, %d not parsed</dd>",
		num(cov, "files_considered"), num(cov, "excluded"),
		num(cov, "without_identifiers"), num(cov, "candidates"),
		num(cov, "parsed_clean"), num(cov, "parsed_with_errors"),
		num(cov, "not_parsed"));
	sb_addf(sb, "<dt>findings</dt><dd id=\"total\">%d</dd><dt>time</dt><dd>%.1f s with %d jobs, gupcheck %s</dd></dl></header>",
		cJSON_GetArraySize(res->findings), res->seconds, res->jobs,
		GUPCHECK_VERSION);
}

struct source {
	char *rel;
	char *buf;
	size_t len;
};

/* Lines around the finding, the finding's line and evidence marked. */
static void excerpt(struct strbuf *sb, const char *root, const cJSON *f,
		    struct source *src)
{
	const char *file = str(f, "file");
	int line = num(f, "line"), lo = line - EXCERPT, hi = line + EXCERPT;
	int n = 1;
	const char *p;
	const cJSON *ev;

	if (!src->rel || strcmp(src->rel, file)) {
		char *path = path_join(root, file);
		int err;

		free(src->rel);
		free(src->buf);
		src->rel = xstrdup(file);
		src->buf = read_whole_file(path, &src->len, &err);
		free(path);
	}
	if (!src->buf)
		return;
	sb_adds(sb, "<pre>");
	for (p = src->buf; p < src->buf + src->len && n <= hi; n++) {
		const char *nl = memchr(p, '\n', src->len - (size_t)(p - src->buf));
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		const char *cls = n == line ? "hit" : NULL;

		cJSON_ArrayForEach(ev, cJSON_GetObjectItem(f, "evidence"))
			if (!strcmp(str(ev, "file"), file) &&
			    num(ev, "line") == n && n != line)
				cls = "ev";
		if (n >= lo) {
			if (cls)
				sb_addf(sb, "<span class=\"%s\">", cls);
			sb_addf(sb, "%5d  ", n);
			esc(sb, p, len);
			sb_adds(sb, cls ? "</span>" : "\n");
		}
		p += len + 1;
	}
	sb_adds(sb, "</pre>");
}

static void patch_block(struct strbuf *sb, const char *root, const cJSON *f)
{
	cJSON *one = cJSON_CreateArray();
	char *patch, *p;
	int files;

	cJSON_AddItemReferenceToArray(one, (cJSON *)f);
	patch = patch_of(root, one, &files);
	cJSON_Delete(one);
	if (*patch) {
		sb_adds(sb, "<div>Suggested patch:</div><pre>");
		for (p = patch; *p; ) {
			char *nl = strchr(p, '\n');
			size_t len = nl ? (size_t)(nl - p) : strlen(p);
			bool add = *p == '+' && strncmp(p, "+++", 3);
			bool del = *p == '-' && strncmp(p, "---", 3);

			if (add || del)
				sb_addf(sb, "<span class=\"%s\">", add ? "add" : "del");
			esc(sb, p, len);
			sb_adds(sb, add || del ? "</span>\n" : "\n");
			p += len + (nl ? 1 : 0);
		}
		sb_adds(sb, "</pre>");
	}
	free(patch);
}

static void finding_row(struct strbuf *sb, const struct scan_result *res,
			const cJSON *f, struct source *src)
{
	const cJSON *ev;

	sb_adds(sb, "<tr data-file=\"");
	escs(sb, str(f, "file"));
	sb_addf(sb, "\" data-line=\"%d\" data-rule=\"", num(f, "line"));
	escs(sb, str(f, "rule"));
	sb_addf(sb, "\" data-level=\"%s\" data-status=\"new\" data-function=\"",
		str(f, "level"));
	escs(sb, str(f, "function"));
	sb_adds(sb, "\"><td class=\"loc\">");
	escs(sb, str(f, "file"));
	sb_addf(sb, ":%d:%d</td><td><a href=\"#rule-", num(f, "line"),
		num(f, "column"));
	escs(sb, str(f, "rule"));
	sb_adds(sb, "\">");
	escs(sb, str(f, "rule"));
	sb_addf(sb, "</a></td><td class=\"%s\">%s</td><td>", str(f, "level"),
		str(f, "level"));
	escs(sb, str(f, "function"));
	sb_adds(sb, "</td><td><details><summary>");
	escs(sb, str(f, "message"));
	sb_adds(sb, "</summary>");
	excerpt(sb, res->tree->root, f, src);
	cJSON_ArrayForEach(ev, cJSON_GetObjectItem(f, "evidence")) {
		sb_adds(sb, "<div>evidence: ");
		escs(sb, str(ev, "file"));
		sb_addf(sb, ":%d: ", num(ev, "line"));
		escs(sb, str(ev, "message"));
		sb_adds(sb, "</div>");
	}
	if (*str(f, "no_fix_reason")) {
		sb_adds(sb, "<div>No patch: ");
		escs(sb, str(f, "no_fix_reason"));
		sb_adds(sb, "</div>");
	}
	patch_block(sb, res->tree->root, f);
	sb_adds(sb, "</details></td></tr>\n");
}

static void select_of(struct strbuf *sb, const char *id, const char *label,
		      cJSON *values)
{
	cJSON *it;

	sb_addf(sb, "<label>%s <select id=\"f-%s\"><option value=\"\">all</option>",
		label, id);
	cJSON_ArrayForEach(it, values) {
		sb_adds(sb, "<option>");
		escs(sb, it->string);
		sb_adds(sb, "</option>");
	}
	sb_adds(sb, "</select></label>");
}

static char *level_of(const cJSON *f)
{
	return xstrdup(str(f, "level"));
}

static void findings_table(struct strbuf *sb, const struct scan_result *res,
			   cJSON *by_rule)
{
	cJSON *levels = cJSON_CreateObject(), *status = cJSON_CreateObject();
	struct source src = { NULL, NULL, 0 };
	const cJSON *f;

	count_by(res->findings, level_of, levels);
	cJSON_AddNumberToObject(status, "new", 1);
	sb_addf(sb, "<section><h2>Findings (<span id=\"shown\">%d</span> shown)</h2><div class=\"filters\">",
		cJSON_GetArraySize(res->findings));
	select_of(sb, "rule", "rule", by_rule);
	select_of(sb, "level", "level", levels);
	select_of(sb, "status", "status", status);
	sb_adds(sb, "<label>directory <input id=\"f-dir\" placeholder=\"fs/\"></label></div>");
	sb_adds(sb, "<table id=\"ft\"><thead><tr><th data-k=\"file\">location</th><th data-k=\"rule\">rule</th><th data-k=\"level\">level</th><th data-k=\"function\">function</th><th data-k=\"line\">message (line order)</th></tr></thead><tbody>\n");
	cJSON_ArrayForEach(f, res->findings)
		finding_row(sb, res, f, &src);
	sb_adds(sb, "</tbody></table><p>Status is 'new' for every finding until a scan is compared with a baseline.</p></section>");
	free(src.rel);
	free(src.buf);
	cJSON_Delete(levels);
	cJSON_Delete(status);
}

static void explanations(struct strbuf *sb, const struct rules *r)
{
	size_t i;

	sb_adds(sb, "<section><h2>Rules</h2>");
	for (i = 0; i < r->nr_rules; i++) {
		char *text;

		if (!r->rule[i].enabled)
			continue;
		text = rule_explanation(&r->rule[i]);
		sb_adds(sb, "<h3 id=\"rule-");
		escs(sb, r->rule[i].id);
		sb_adds(sb, "\">");
		escs(sb, r->rule[i].id);
		sb_adds(sb, "</h3><div class=\"why\">");
		escs(sb, text);
		sb_adds(sb, "</div>");
		free(text);
	}
	sb_adds(sb, "</section>");
}

char *report_html(const struct scan_result *res)
{
	struct strbuf sb = { 0 };
	cJSON *rep = report_json(res);
	cJSON *by_rule = cJSON_CreateObject(), *by_dir = cJSON_CreateObject();

	count_by(res->findings, rule_of, by_rule);
	count_by(res->findings, subsystem_of, by_dir);
	sb_adds(&sb, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\"><title>gupcheck: ");
	escs(&sb, res->tree->version ? res->tree->version : res->tree->root);
	sb_addf(&sb, "</title><style>%s</style></head><body>\n", css);
	summary(&sb, res, cJSON_GetObjectItem(rep, "coverage"));
	sb_adds(&sb, "<section><h2>Charts</h2><div class=\"charts\">");
	bar_chart(&sb, "Findings per rule", by_rule, 20);
	bar_chart(&sb, "Findings per subsystem (two directory levels)", by_dir,
		  TOP_DIRS);
	sb_adds(&sb, "</div></section>\n");
	findings_table(&sb, res, by_rule);
	explanations(&sb, res->rules);
	sb_addf(&sb, "<script>%s</script></body></html>\n", js);
	cJSON_Delete(by_rule);
	cJSON_Delete(by_dir);
	cJSON_Delete(rep);
	return sb_detach(&sb);
}
