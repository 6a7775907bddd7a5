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

/* The way from an acquisition or a release to where it happens. */
void own_way(cJSON *f, const cJSON *item, const char *verb)
{
	const cJSON *via = cJSON_GetObjectItemCaseSensitive(item, "via"), *v;
	char *m;

	cJSON_ArrayForEach(v, via) {
		m = xasprintf("%s() calls %s(), which %s the pages",
			      own_str(v, "function"), own_str(v, "what"), verb);
		own_evidence(f, v, m);
		free(m);
	}
	m = xasprintf("%s() %s the pages with %s()", own_str(item, "function"),
		      verb, own_str(item, "what"));
	own_evidence(f, item, m);
	free(m);
}

/* How many items there are from IT to the end of its array. */
static size_t count_from(const cJSON *it)
{
	size_t n = 0;

	for (; it; it = it->next)
		n++;
	return n;
}

/*
 * The functions of FACTS whose path walk was cut short (a control-flow
 * graph over its node limit, a walk over its step limit), each once, in
 * order of file and line: the coverage says where gup/leak and
 * gup/double-release saw only part of the paths.
 */
cJSON *own_paths_cut(const cJSON *facts)
{
	cJSON *cut = cJSON_CreateArray();
	const cJSON *rec, *had;
	int line;

	cJSON_ArrayForEach(rec, facts) {
		const char *why = own_str(rec, "budget");
		const char *file = own_str(rec, "file");
		const char *fn = own_str(rec, "fn");
		cJSON *e;
		bool dup = false;

		if (!*why || !*file)
			continue;
		line = own_num(rec, "line");
		cJSON_ArrayForEach(had, cut)
			dup |= !strcmp(own_str(had, "file"), file) &&
			       own_num(had, "line") == line;
		if (dup)
			continue;
		e = cJSON_CreateObject();
		cJSON_AddStringToObject(e, "file", file);
		cJSON_AddNumberToObject(e, "line", line);
		cJSON_AddStringToObject(e, "function", fn);
		cJSON_AddStringToObject(e, "reason", why);
		for (had = cut->child; had; had = had->next) {
			int c = strcmp(own_str(had, "file"), file);

			if (c > 0 || (!c && own_num(had, "line") > line))
				break;
		}
		if (had)
			cJSON_InsertItemInArray(cut, cJSON_GetArraySize(cut) -
						(int)count_from(had), e);
		else
			cJSON_AddItemToArray(cut, e);
	}
	return cut;
}
