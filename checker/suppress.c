// SPDX-License-Identifier: GPL-2.0
/*
 * In-source suppressions: what a maintainer decided to keep, in a C
 * comment that starts with "gupcheck: ignore", names the rule (or several,
 * separated by commas) and gives the reason after "--", for example
 * "gupcheck: ignore gup/vmas-param -- the VMAs are used under mmap_lock"
 * between the comment's delimiters.  It covers findings of those rules on
 * the comment's lines and on the line after it.  Suppressed findings stay in
 * the report with the reason; they do not make the exit status 1.  A
 * suppression without a reason, or naming a rule gupcheck does not have,
 * is itself a finding of gupcheck/suppression.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "gupcheck.h"

#define MARK "gupcheck:"
#define SUPPRESS_RULE "gupcheck/suppression"

static void add(struct suppression_list *sl, unsigned int line,
		unsigned int end_line, unsigned int col, char *rules,
		char *reason, char *error)
{
	struct suppression *s;

	sl->v = xrealloc(sl->v, (sl->n + 1) * sizeof(*sl->v));
	s = &sl->v[sl->n++];
	s->line = line;
	s->end_line = end_line;
	s->column = col;
	s->rules = rules;
	s->reason = reason;
	s->error = error;
}

/*
 * The comment's text with line breaks, leading '*'s and runs of blanks
 * folded to single spaces.
 */
static char *comment_text(const char *s, size_t n)
{
	struct strbuf sb = { 0 };
	bool space = false, line_start = true;
	size_t i;

	for (i = 0; i < n; i++) {
		char c = s[i];

		if (c == '\n') {
			line_start = true;
			space = true;
			continue;
		}
		if (isspace((unsigned char)c) || (line_start && c == '*')) {
			space = true;
			continue;
		}
		line_start = false;
		if (space && sb.len)
			sb_add(&sb, " ", 1);
		space = false;
		sb_add(&sb, &c, 1);
	}
	return sb_detach(&sb);
}

/*
 * The rule names of P[0..N), separated by commas: "a, b" and "a,b" alike,
 * and empty names (", a", "a,") left out.  NULL when none is left.
 */
static char *rule_names(const char *p, size_t n)
{
	char *rules = xmalloc(n + 1);
	size_t i, k = 0;

	for (i = 0; i < n; i++) {
		if (p[i] == ' ' || (p[i] == ',' && (!k || rules[k - 1] == ',')))
			continue;
		rules[k++] = p[i];
	}
	if (k && rules[k - 1] == ',')
		k--;
	rules[k] = '\0';
	if (!k) {
		free(rules);
		return NULL;
	}
	return rules;
}

/* One comment's text T, starting with MARK; LINE..END are its lines. */
static void parse_one(struct suppression_list *sl, const char *t,
		      unsigned int line, unsigned int end, unsigned int col)
{
	const char *p = t + strlen(MARK), *q, *sep;
	char *rules, *reason = NULL, *error = NULL;

	while (*p == ' ')
		p++;
	if (strncmp(p, "ignore", 6) || (p[6] != ' ' && p[6] != '\0')) {
		add(sl, line, end, col, NULL, NULL,
		    xstrdup("expected 'gupcheck: ignore RULE -- reason'"));
		return;
	}
	p += 6;
	while (*p == ' ')
		p++;
	sep = strstr(p, "--");
	q = sep ? sep : p + strlen(p);
	while (q > p && q[-1] == ' ')
		q--;
	rules = rule_names(p, (size_t)(q - p));
	if (!rules)
		error = xstrdup("names no rule: write 'gupcheck: ignore RULE -- reason'");
	if (sep) {
		p = sep + 2;
		while (*p == ' ')
			p++;
		if (*p)
			reason = xstrdup(p);
	}
	if (!reason && !error)
		error = xstrdup("gives no reason: write 'gupcheck: ignore RULE -- reason'");
	add(sl, line, end, col, rules, reason, error);
}

/*
 * Find the suppression comments of BUF[0..LEN).  Strings and character
 * constants are skipped, so a "gupcheck:" in a string is not one.  Takes
 * any bytes; the list is appended to SL.
 */
void suppress_parse(const char *buf, size_t len, struct suppression_list *sl)
{
	unsigned int line = 1, col = 1;
	size_t i = 0;

	while (i < len) {
		char c = buf[i];

		if (c == '"' || c == '\'') {
			for (i++; i < len && buf[i] != c && buf[i] != '\n'; i++)
				if (buf[i] == '\\' && i + 1 < len &&
				    buf[i + 1] != '\n')
					i++;
			if (i < len && buf[i] == c)
				i++;
			continue;
		}
		if (c == '/' && i + 1 < len &&
		    (buf[i + 1] == '*' || buf[i + 1] == '/')) {
			bool block = buf[i + 1] == '*';
			size_t s = i + 2, e;
			unsigned int start = line, ccol = col;
			const char *end;
			size_t k;
			char *t;

			if (block) {
				end = s < len ? memmem(buf + s, len - s, "*/", 2) :
						NULL;
				e = end ? (size_t)(end - buf) : len;
				i = end ? e + 2 : len;
			} else {
				end = memchr(buf + s, '\n', len - s);
				e = end ? (size_t)(end - buf) : len;
				i = e;
			}
			for (k = s; k < e; k++)
				line += buf[k] == '\n';
			t = comment_text(buf + s, e - s);
			if (str_starts(t, MARK))
				parse_one(sl, t, start, line, ccol);
			free(t);
			col = 1;
			continue;
		}
		if (c == '\n') {
			line++;
			col = 1;
		} else {
			col++;
		}
		i++;
	}
}

void suppression_list_free(struct suppression_list *sl)
{
	size_t i;

	for (i = 0; i < sl->n; i++) {
		free(sl->v[i].rules);
		free(sl->v[i].reason);
		free(sl->v[i].error);
	}
	free(sl->v);
	memset(sl, 0, sizeof(*sl));
}

static bool names_rule(const char *rules, const char *rule)
{
	size_t n = strlen(rule);
	const char *p = rules;

	while (p && *p) {
		if (!strncmp(p, rule, n) && (p[n] == ',' || p[n] == '\0'))
			return true;
		p = strchr(p, ',');
		if (p)
			p++;
	}
	return false;
}

static void mark(cJSON *f, const struct suppression *s)
{
	cJSON *o;

	cJSON_DeleteItemFromObject(f, "suppressed");
	o = cJSON_AddObjectToObject(f, "suppressed");
	cJSON_AddStringToObject(o, "kind", "inSource");
	cJSON_AddStringToObject(o, "justification", s->reason);
	cJSON_AddNumberToObject(o, "line", s->line);
}

/* Unknown rules and missing reasons are findings themselves. */
static void report_bad(const struct rules *r, const char *rel,
		       const struct suppression *s, cJSON *findings)
{
	const struct rule_info *ri = rules_rule(r, SUPPRESS_RULE);
	char *copy, *name, *save = NULL, *msg;

	if (!ri || !ri->enabled)
		return;
	if (s->error) {
		msg = xasprintf("this suppression comment %s", s->error);
		cJSON_AddItemToArray(findings,
				     finding_new(SUPPRESS_RULE, ri->level, rel,
						 s->line, s->column, NULL, msg,
						 "gupcheck: ignore", "comment"));
		free(msg);
	}
	copy = s->rules ? xstrdup(s->rules) : NULL;
	for (name = copy ? strtok_r(copy, ",", &save) : NULL; name;
	     name = strtok_r(NULL, ",", &save)) {
		if (rules_rule(r, name))
			continue;
		msg = xasprintf("this suppression comment names '%s', which is not a gupcheck rule (see 'gupcheck rules')",
				name);
		cJSON_AddItemToArray(findings,
				     finding_new(SUPPRESS_RULE, ri->level, rel,
						 s->line, s->column, NULL, msg,
						 name, "comment"));
		free(msg);
	}
	free(copy);
}

static void apply_file(const struct tree *t, const struct rules *r,
		       const char *rel, cJSON *findings, cJSON *bad)
{
	struct suppression_list sl = { 0 };
	char *path = path_join(t->root, rel), *buf;
	size_t len, i;
	int err;
	cJSON *f;

	buf = read_whole_file(path, &len, &err);
	free(path);
	if (!buf || !memmem(buf, len, MARK, strlen(MARK))) {
		free(buf);
		return;
	}
	suppress_parse(buf, len, &sl);
	free(buf);
	for (i = 0; i < sl.n; i++) {
		const struct suppression *s = &sl.v[i];

		report_bad(r, rel, s, bad);
		if (!s->reason || !s->rules)
			continue;
		cJSON_ArrayForEach(f, findings) {
			const cJSON *file = cJSON_GetObjectItem(f, "file");
			const cJSON *rule = cJSON_GetObjectItem(f, "rule");
			const cJSON *line = cJSON_GetObjectItem(f, "line");

			if (!cJSON_IsString(file) || strcmp(file->valuestring,
							    rel) ||
			    !cJSON_IsString(rule) || !cJSON_IsNumber(line) ||
			    line->valueint < (int)s->line ||
			    line->valueint > (int)s->end_line + 1 ||
			    !names_rule(s->rules, rule->valuestring))
				continue;
			mark(f, s);
		}
	}
	suppression_list_free(&sl);
}

/*
 * Mark the findings that a suppression comment covers, and report the
 * malformed suppressions of the files scanned (FL) and of the files that
 * have findings.
 */
void suppressions_apply(const struct tree *t, const struct rules *r,
			const struct file_list *fl, cJSON *findings)
{
	struct strset done = { 0 };
	cJSON *bad = cJSON_CreateArray(), *f;
	size_t i;

	for (i = 0; fl && i < fl->n; i++) {
		const struct scan_file *sf = &fl->f[i];

		if (sf->state != FILE_CLEAN && sf->state != FILE_ERRORS &&
		    sf->state != FILE_FAILED)
			continue;
		if (strset_add(&done, sf->rel))
			apply_file(t, r, sf->rel, findings, bad);
	}
	cJSON_ArrayForEach(f, findings) {
		const char *rel = cJSON_GetStringValue(
			cJSON_GetObjectItem(f, "file"));

		if (rel && rel[0] != '/' && strset_add(&done, rel))
			apply_file(t, r, rel, findings, bad);
	}
	while (cJSON_GetArraySize(bad))
		cJSON_AddItemToArray(findings,
				     cJSON_DetachItemFromArray(bad, 0));
	cJSON_Delete(bad);
	strset_free(&done);
}

bool finding_suppressed(const cJSON *f)
{
	return cJSON_GetObjectItem(f, "suppressed") != NULL;
}
