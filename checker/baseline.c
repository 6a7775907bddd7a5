// SPDX-License-Identifier: GPL-2.0
/*
 * Reports read back, and baselines: the findings a project already knows
 * about, by fingerprint.  A report file holds one JSON report, or several
 * one per line (JSON Lines, as the Kbuild CHECK= mode appends them).  A
 * baseline is what 'gupcheck baseline' writes, or a report itself.
 */
#include <stdlib.h>
#include <string.h>

#include "gupcheck.h"

static bool is_report(const cJSON *doc)
{
	const cJSON *fmt = cJSON_GetObjectItem(doc, "format");

	return cJSON_IsString(fmt) &&
	       (!strcmp(fmt->valuestring, "gupcheck-report") ||
		!strcmp(fmt->valuestring, "gupcheck-baseline")) &&
	       cJSON_IsArray(cJSON_GetObjectItem(doc, "findings"));
}

/*
 * Append to OUT the reports in BUF[0..LEN): one JSON document, or one a
 * line.  On bad input, returns -1 with the cause in *ERR.
 */
int reports_parse(const char *buf, size_t len, cJSON *out, char **err)
{
	const char *end = NULL;
	size_t pos = 0;
	int line = 1, n = 0;
	cJSON *doc;

	*err = NULL;
	while (pos < len) {
		char c = buf[pos];

		if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
			line += c == '\n';
			pos++;
			continue;
		}
		doc = cJSON_ParseWithLengthOpts(buf + pos, len - pos, &end,
						false);
		if (!doc) {
			*err = xasprintf("line %d: not valid JSON", line);
			return -1;
		}
		if (!is_report(doc)) {
			cJSON_Delete(doc);
			*err = xasprintf("line %d: not a gupcheck report or baseline (no \"format\": \"gupcheck-report\" and \"findings\")",
					 line);
			return -1;
		}
		for (; buf + pos < end; pos++)
			line += buf[pos] == '\n';
		cJSON_AddItemToArray(out, doc);
		n++;
	}
	if (!n) {
		*err = xstrdup("empty: no report in it");
		return -1;
	}
	return 0;
}

/* The reports in PATH, or NULL after a warning naming the file. */
cJSON *reports_read(const char *path)
{
	cJSON *docs = cJSON_CreateArray();
	char *buf, *err;
	size_t len;
	int e;

	buf = read_whole_file(path, &len, &e);
	if (!buf) {
		warn("%s: %s", path, strerror(e));
		cJSON_Delete(docs);
		return NULL;
	}
	if (reports_parse(buf, len, docs, &err)) {
		warn("%s: %s", path, err);
		free(err);
		cJSON_Delete(docs);
		docs = NULL;
	}
	free(buf);
	return docs;
}

static bool valid_fingerprint(const char *s)
{
	size_t i;

	for (i = 0; s[i]; i++)
		if (!strchr("0123456789abcdef", s[i]))
			return false;
	return i == 16;
}

/*
 * The fingerprints of the baseline in BUF[0..LEN): a baseline or a report
 * (or several).  Suppressed findings are not in a baseline: their
 * suppression comments keep them quiet.
 */
int baseline_parse(const char *buf, size_t len, struct strset *fps,
		   char **err)
{
	cJSON *docs = cJSON_CreateArray(), *doc;
	const cJSON *f;
	int ret = 0;

	if (reports_parse(buf, len, docs, err)) {
		cJSON_Delete(docs);
		return -1;
	}
	cJSON_ArrayForEach(doc, docs) {
		cJSON_ArrayForEach(f, cJSON_GetObjectItem(doc, "findings")) {
			const char *fp = cJSON_GetStringValue(
				cJSON_GetObjectItem(f, "fingerprint"));

			if (!fp || !valid_fingerprint(fp)) {
				*err = xstrdup("a finding without a valid \"fingerprint\" (16 hexadecimal digits)");
				ret = -1;
				goto out;
			}
			if (!finding_suppressed(f))
				strset_add(fps, fp);
		}
	}
out:
	cJSON_Delete(docs);
	return ret;
}

int baseline_read(const char *path, struct strset *fps)
{
	char *buf, *err;
	size_t len;
	int e, ret;

	buf = read_whole_file(path, &len, &e);
	if (!buf) {
		warn("--baseline %s: %s", path, strerror(e));
		return -1;
	}
	ret = baseline_parse(buf, len, fps, &err);
	if (ret) {
		warn("--baseline %s: %s", path, err);
		free(err);
	}
	free(buf);
	return ret;
}

/* Mark each finding "new" or "known" against the baseline FPS. */
void baseline_mark(cJSON *findings, const struct strset *fps)
{
	cJSON *f;

	cJSON_ArrayForEach(f, findings) {
		const char *fp = cJSON_GetStringValue(
			cJSON_GetObjectItem(f, "fingerprint"));
		bool known = fp && strset_has(fps, fp, strlen(fp));

		cJSON_DeleteItemFromObject(f, "baseline");
		cJSON_AddStringToObject(f, "baseline", known ? "known" : "new");
	}
}

/* What gates: a warning or error, not suppressed, not in the baseline. */
bool finding_gates(const cJSON *f)
{
	const char *level = cJSON_GetStringValue(cJSON_GetObjectItem(f,
								     "level"));
	const char *bl = cJSON_GetStringValue(cJSON_GetObjectItem(f,
								  "baseline"));

	return level && strcmp(level, "note") && !finding_suppressed(f) &&
	       !(bl && !strcmp(bl, "known"));
}

/*
 * The baseline of a set of reports: each finding's fingerprint and what
 * a reader needs to recognise it.
 */
cJSON *baseline_of(const cJSON *docs)
{
	cJSON *b = cJSON_CreateObject(), *list;
	const cJSON *doc, *f;
	struct strset seen = { 0 };

	cJSON_AddStringToObject(b, "format", "gupcheck-baseline");
	cJSON_AddNumberToObject(b, "format_version", 1);
	list = cJSON_AddArrayToObject(b, "findings");
	cJSON_ArrayForEach(doc, docs) {
		cJSON_ArrayForEach(f, cJSON_GetObjectItem(doc, "findings")) {
			static const char * const keep[] = {
				"fingerprint", "rule", "file", "function",
				"message",
			};
			const char *fp = cJSON_GetStringValue(
				cJSON_GetObjectItem(f, "fingerprint"));
			cJSON *o;
			size_t k;

			if (!fp || finding_suppressed(f) ||
			    !strset_add(&seen, fp))
				continue;
			o = cJSON_CreateObject();
			for (k = 0; k < ARRAY_SIZE(keep); k++) {
				const cJSON *v = cJSON_GetObjectItem(f, keep[k]);

				cJSON_AddItemToObject(o, keep[k],
						      v ? cJSON_Duplicate(v, true) :
						      cJSON_CreateNull());
			}
			cJSON_AddItemToArray(list, o);
		}
	}
	strset_free(&seen);
	return b;
}

/*
 * Notes inform; only warnings and errors make the exit status 1, and of
 * those only the ones not suppressed and not in the baseline.
 */
bool findings_worth_failing(const cJSON *findings)
{
	const cJSON *f;

	cJSON_ArrayForEach(f, findings)
		if (finding_gates(f))
			return true;
	return false;
}
