// SPDX-License-Identifier: GPL-2.0
/*
 * How the ownership findings tell their evidence: the places of the
 * facts, read back, and the way from a call to the API call that acquires
 * or releases, one evidence step per call.
 */
#include <stdlib.h>
#include <string.h>

#include "gupcheck.h"

const char *own_str(const cJSON *o, const char *k)
{
	return cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(o, k)) ?: "";
}

int own_num(const cJSON *o, const char *k)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);

	return cJSON_IsNumber(v) ? v->valueint : 0;
}

void own_evidence(cJSON *f, const cJSON *s, const char *msg)
{
	cJSON *e = cJSON_CreateObject();

	cJSON_AddStringToObject(e, "file", own_str(s, "file"));
	cJSON_AddNumberToObject(e, "line", own_num(s, "line"));
	cJSON_AddNumberToObject(e, "column", own_num(s, "column"));
	cJSON_AddStringToObject(e, "message", msg);
	cJSON_AddItemToArray(cJSON_GetObjectItemCaseSensitive(f, "evidence"), e);
}

/*
 * How a message names callee WHAT: NAME(), or for a call through a
 * function-pointer field (ops:struct T.f, own_ops_facts.c) ->f() of
 * struct T.
 */
char *own_callee_text(const char *what)
{
	const char *dot = strrchr(what, '.');

	if (!str_starts(what, "ops:") || !dot)
		return xasprintf("%s()", what);
	return xasprintf("->%s() of %.*s", dot + 1, (int)(dot - what - 4),
			 what + 4);
}

/* The way from an acquisition or a release to where it happens. */
void own_way(cJSON *f, const cJSON *item, const char *verb)
{
	const cJSON *via = cJSON_GetObjectItemCaseSensitive(item, "via"), *v;
	char *m, *from, *to;

	cJSON_ArrayForEach(v, via) {
		from = own_callee_text(own_str(v, "function"));
		to = own_callee_text(own_str(v, "what"));
		/* a field's step is the table that puts the function there */
		m = str_starts(own_str(v, "function"), "ops:") ?
		    xasprintf("%s can be %s, which %s the pages", from, to, verb) :
		    xasprintf("%s calls %s, which %s the pages", from, to,
			      verb);
		own_evidence(f, v, m);
		free(m);
		free(from);
		free(to);
	}
	m = xasprintf("%s() %s the pages with %s()", own_str(item, "function"),
		      verb, own_str(item, "what"));
	own_evidence(f, item, m);
	free(m);
}

static int by_place(const void *a, const void *b)
{
	const cJSON *x = *(const cJSON * const *)a;
	const cJSON *y = *(const cJSON * const *)b;
	int c = strcmp(own_str(x, "file"), own_str(y, "file"));

	return c ? c : own_num(x, "line") - own_num(y, "line");
}

/* The items of LIST in order of file and line, once a place. */
static void sort_places(cJSON *list)
{
	size_t n = (size_t)cJSON_GetArraySize(list), i;
	cJSON **v = xmalloc((n ? n : 1) * sizeof(*v)), *last = NULL;

	for (i = 0; i < n; i++)
		v[i] = cJSON_DetachItemFromArray(list, 0);
	qsort(v, n, sizeof(*v), by_place);
	for (i = 0; i < n; i++) {
		if (last && !by_place(&last, &v[i])) {
			cJSON_Delete(v[i]);
			continue;
		}
		cJSON_AddItemToArray(list, v[i]);
		last = v[i];
	}
	free(v);
}

/*
 * What the coverage says of the ownership analysis, from FACTS:
 * "paths_cut", the functions whose path walk was cut short (a
 * control-flow graph over its node limit, a walk over its step limit),
 * and "calls_unseen", the calls that take pages where the AST does not
 * show them (a branch the configuration skips, code that did not parse).
 * gup/leak and gup/double-release saw only part of the one and none of
 * the other.
 */
cJSON *own_coverage(const cJSON *facts)
{
	cJSON *cov = cJSON_CreateObject();
	cJSON *cut = cJSON_AddArrayToObject(cov, "paths_cut");
	cJSON *unseen = cJSON_AddArrayToObject(cov, "calls_unseen");
	const cJSON *rec;

	cJSON_ArrayForEach(rec, facts) {
		const char *call = own_str(rec, "unseen");
		const char *why = *call ? own_str(rec, "why") :
				  own_str(rec, "budget");
		cJSON *e;

		if (!*why || !*own_str(rec, "file"))
			continue;
		e = cJSON_CreateObject();
		cJSON_AddStringToObject(e, "file", own_str(rec, "file"));
		cJSON_AddNumberToObject(e, "line", own_num(rec, "line"));
		cJSON_AddStringToObject(e, "function", own_str(rec, "fn"));
		if (*call)
			cJSON_AddStringToObject(e, "call", call);
		cJSON_AddStringToObject(e, "reason", why);
		cJSON_AddItemToArray(*call ? unseen : cut, e);
	}
	sort_places(cut);
	sort_places(unseen);
	return cov;
}

/*
 * What round one of the analysis learned, as a report gives it: the
 * WRAPPERS by name, the FIELDS (tag and field, in pairs) as "tag.field".
 * A shard reports its own; merge compares them with what the shards'
 * facts together teach, so both are written here.
 */
cJSON *own_learned_json(const struct strvec *wrappers,
			const struct strvec *fields)
{
	cJSON *o = cJSON_CreateObject();
	cJSON *w = cJSON_AddArrayToObject(o, "wrappers");
	cJSON *f = cJSON_AddArrayToObject(o, "fields");
	size_t i;

	for (i = 0; i < wrappers->n; i++)
		cJSON_AddItemToArray(w, cJSON_CreateString(wrappers->v[i]));
	for (i = 0; i + 1 < fields->n; i += 2) {
		char *tf = xasprintf("%s.%s", fields->v[i], fields->v[i + 1]);

		cJSON_AddItemToArray(f, cJSON_CreateString(tf));
		free(tf);
	}
	return o;
}
