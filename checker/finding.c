// SPDX-License-Identifier: GPL-2.0
/*
 * Findings.  A check reports a finding at a cursor (finding_tu.c); it is
 * a cJSON object from that moment on, and travels from the worker to the
 * reports in that form.  This file makes, orders and fingerprints them,
 * knowing nothing of where they were found.
 */
#include <stdlib.h>
#include <string.h>

#include "gupcheck.h"

/*
 * A finding with every field the report schema requires; SEEN says how
 * the engine saw the code (ast, skipped-branch, unparsed, tree-wide).
 */
cJSON *finding_new(const char *rule, const char *level, const char *file,
		   unsigned int line, unsigned int column,
		   const char *function, const char *message,
		   const char *code, const char *seen)
{
	cJSON *f = cJSON_CreateObject();

	cJSON_AddStringToObject(f, "rule", rule);
	cJSON_AddStringToObject(f, "level", level);
	cJSON_AddStringToObject(f, "file", file);
	cJSON_AddNumberToObject(f, "line", line);
	cJSON_AddNumberToObject(f, "column", column);
	if (function)
		cJSON_AddStringToObject(f, "function", function);
	else
		cJSON_AddNullToObject(f, "function");
	cJSON_AddStringToObject(f, "message", message);
	cJSON_AddStringToObject(f, "code", code);
	cJSON_AddStringToObject(f, "seen", seen);
	cJSON_AddItemToObject(f, "engines",
			      cJSON_CreateStringArray((const char *[]){ "clang" },
						      1));
	cJSON_AddItemToObject(f, "evidence", cJSON_CreateArray());
	return f;
}

void finding_set_fix(cJSON *f, const char *description)
{
	cJSON *fix;

	if (!f)
		return;
	cJSON_DeleteItemFromObject(f, "fix");
	fix = cJSON_AddObjectToObject(f, "fix");
	cJSON_AddStringToObject(fix, "description", description);
	cJSON_AddItemToObject(fix, "edits", cJSON_CreateArray());
}

static const char *str_of(const cJSON *o, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);

	return cJSON_IsString(v) ? v->valuestring : "";
}

static int num_of(const cJSON *o, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);

	return cJSON_IsNumber(v) ? v->valueint : 0;
}

/* Order findings by file, line, column and rule. */
int finding_compare(const void *a, const void *b)
{
	const cJSON *x = *(const cJSON * const *)a;
	const cJSON *y = *(const cJSON * const *)b;
	int d = strcmp(str_of(x, "file"), str_of(y, "file"));

	if (!d)
		d = num_of(x, "line") - num_of(y, "line");
	if (!d)
		d = num_of(x, "column") - num_of(y, "column");
	if (!d)
		d = strcmp(str_of(x, "rule"), str_of(y, "rule"));
	return d;
}

/*
 * The code of a finding as its tokens only: comments and layout go, and
 * a space stays only between two words, so "f(a, b)", "f(a,b)" and the
 * same call split over lines with a comment in it are the same code.  Callable on any bytes.
 */
char *code_normalize(const char *s, size_t n)
{
	struct strbuf sb = { 0 };
	struct lexer lx;
	struct token t;
	bool word = false;

	lex_init(&lx, s, n, 0);
	for (lex_next(&lx, &t); t.kind != TOK_EOF; lex_next(&lx, &t)) {
		bool w = t.kind == TOK_IDENT || t.kind == TOK_NUMBER;

		if (w && word)
			sb_add(&sb, " ", 1);
		sb_add(&sb, s + t.start, t.end - t.start);
		word = w;
	}
	return sb_detach(&sb);
}

/*
 * Sort the findings and give each its fingerprint: a hash of the rule,
 * the file, the enclosing function and the code's tokens (not its
 * layout or comments), in the spirit of CodeChecker's context-free
 * report hash, so that it survives lines moving around it.  The line and
 * column are not in it.  Identical code twice in a function is told apart
 * by its rank, the occurrence index.
 */
void findings_finalize(cJSON *findings)
{
	int i, n = cJSON_GetArraySize(findings);
	cJSON **v = xcalloc((size_t)n, sizeof(*v));
	struct strset seen = { 0 };

	for (i = 0; i < n; i++)
		v[i] = cJSON_DetachItemFromArray(findings, 0);
	qsort(v, (size_t)n, sizeof(*v), finding_compare);
	for (i = 0; i < n; i++) {
		const char *code = str_of(v[i], "code");
		char *norm = code_normalize(code, strlen(code));
		const char *parts[] = {
			str_of(v[i], "rule"), str_of(v[i], "file"),
			str_of(v[i], "function"), norm,
		};
		unsigned long long h = 0;
		char key[40];
		size_t k;
		int rank = 0;

		for (k = 0; k < 4; k++)
			h = fnv1a64(parts[k], strlen(parts[k]) + 1, h);
		free(norm);
		do {
			unsigned long long hr = rank ?
				fnv1a64(&rank, sizeof(rank), h) : h;

			snprintf(key, sizeof(key), "%016llx", hr);
			rank++;
		} while (!strset_add(&seen, key));
		cJSON_DeleteItemFromObject(v[i], "fingerprint");
		cJSON_AddStringToObject(v[i], "fingerprint", key);
		cJSON_AddItemToArray(findings, v[i]);
	}
	strset_free(&seen);
	free(v);
}

/*
 * Keep the findings of FINDINGS that AT accepts by their place or by
 * one of their evidence places (a scoped run's lines, the files a run
 * with the summary index parsed).
 */
void findings_keep(cJSON *findings,
		   bool (*at)(const cJSON *loc, const void *data),
		   const void *data)
{
	int i;

	for (i = cJSON_GetArraySize(findings) - 1; i >= 0; i--) {
		cJSON *f = cJSON_GetArrayItem(findings, i);
		const cJSON *ev;
		bool keep = at(f, data);

		cJSON_ArrayForEach(ev, cJSON_GetObjectItem(f, "evidence"))
			keep = keep || at(ev, data);
		if (!keep)
			cJSON_DeleteItemFromArray(findings, i);
	}
}

