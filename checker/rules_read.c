// SPDX-License-Identifier: GPL-2.0
/*
 * Reading a file of rules/: its JSON document, and a list of strings of
 * it.  rules.c and rules_own.c both read with these.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "gupcheck.h"

/* DIR/NAME parsed, a JSON object; NULL, having said why, otherwise. */
cJSON *rules_read_json(const char *dir, const char *name)
{
	char *path = path_join(dir, name);
	const char *end = NULL;
	size_t len;
	int err = 0;
	cJSON *doc;
	char *text;

	text = read_whole_file(path, &len, &err);
	if (!text) {
		warn("%s: cannot read rules: %s", path, strerror(err));
		free(path);
		return NULL;
	}
	doc = cJSON_ParseWithLengthOpts(text, len, &end, 0);
	if (!doc) {
		size_t at = end ? (size_t)(end - text) : 0;

		warn("%s: invalid JSON near byte %zu", path, at);
	} else if (!cJSON_IsObject(doc)) {
		warn("%s: the top level must be an object", path);
		cJSON_Delete(doc);
		doc = NULL;
	}
	free(text);
	free(path);
	return doc;
}

/* The strings of DOC's array KEY, appended to SV; -1 if it is none. */
int rules_load_strings(const cJSON *doc, const char *key, struct strvec *sv,
		       const char *file)
{
	const cJSON *a = cJSON_GetObjectItemCaseSensitive(doc, key), *it;

	if (!cJSON_IsArray(a)) {
		warn("%s: \"%s\" must be an array", file, key);
		return -1;
	}
	cJSON_ArrayForEach(it, a) {
		if (!cJSON_IsString(it)) {
			warn("%s: \"%s\" must hold strings", file, key);
			return -1;
		}
		strvec_push(sv, it->valuestring);
	}
	return 0;
}
