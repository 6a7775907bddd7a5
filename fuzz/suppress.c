// SPDX-License-Identifier: GPL-2.0
/*
 * Suppression comments: suppress_parse() of a source file, then
 * suppressions_apply() with the file as a.c of a tree, scanned, and, on
 * the line after each well-formed suppression, a finding of the first
 * rule it names, which it must then cover.
 */
#include "fuzz.h"

static struct rules rules;
static struct tree tree;
static struct scan_file scanned = { .rel = "a.c", .state = FILE_CLEAN };
static struct file_list files = { .f = &scanned, .n = 1, .cap = 1 };

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_rules(&rules);
	tree.root = fuzz_tmpdir();
	scanned.path = path_join(tree.root, scanned.rel);
	fuzz_quiet();
	return 0;
}

static size_t count(const char *buf, size_t len, const char *what)
{
	size_t n = 0, w = strlen(what);
	const char *p = buf, *end = buf + len;

	while ((p = memmem(p, (size_t)(end - p), what, w))) {
		n++;
		p += w;
	}
	return n;
}

/* A list of rule names: comma-separated, none empty, no blanks. */
static bool rule_list(const char *s)
{
	size_t i;

	if (!s[0] || s[0] == ',')
		return false;
	for (i = 0; s[i]; i++)
		if (s[i] == ' ' || (s[i] == ',' && (s[i + 1] == ',' ||
						    !s[i + 1])))
			return false;
	return true;
}

static void check_list(const char *buf, size_t len,
		       const struct suppression_list *sl)
{
	unsigned int lines = (unsigned int)count(buf, len, "\n") + 1;
	size_t i;

	FUZZ_ASSERT(sl->n <= count(buf, len, "gupcheck:"));
	for (i = 0; i < sl->n; i++) {
		const struct suppression *s = &sl->v[i];

		FUZZ_ASSERT(s->line >= 1 && s->line <= s->end_line &&
			    s->end_line <= lines);
		FUZZ_ASSERT(s->column >= 1);
		FUZZ_ASSERT(!i || s->line >= sl->v[i - 1].end_line);
		/* well-formed, or says what is wrong */
		FUZZ_ASSERT(!s->error == (s->rules && s->reason));
		FUZZ_ASSERT(!s->error || s->error[0]);
		FUZZ_ASSERT(!s->rules || rule_list(s->rules));
		FUZZ_ASSERT(!s->reason || (s->reason[0] && s->reason[0] != ' '));
	}
}

/* The findings the well-formed suppressions of SL must cover. */
static cJSON *targets(const struct suppression_list *sl)
{
	cJSON *findings = cJSON_CreateArray();
	size_t i;

	for (i = 0; i < sl->n; i++) {
		const struct suppression *s = &sl->v[i];
		char *rule;

		if (s->error)
			continue;
		rule = xstrndup(s->rules, strcspn(s->rules, ","));
		cJSON_AddItemToArray(findings,
				     finding_new(rule, "warning", "a.c",
						 s->end_line + 1, 1, NULL,
						 "fuzz", "f()", "ast"));
		free(rule);
	}
	return findings;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* no terminating NUL: the parser must keep to LEN */
	char *buf = xmalloc(size ? size : 1);
	struct suppression_list sl = { 0 };
	cJSON *findings, *f;
	int i, n, bad = 0, errors = 0;
	size_t k;

	memcpy(buf, data, size);
	suppress_parse(buf, size, &sl);
	check_list(buf, size, &sl);
	findings = targets(&sl);
	n = cJSON_GetArraySize(findings);
	fuzz_write(scanned.path, data, size);
	suppressions_apply(&tree, &rules, &files, findings);
	for (i = 0; i < n; i++)
		FUZZ_ASSERT(finding_suppressed(cJSON_GetArrayItem(findings, i)));
	cJSON_ArrayForEach(f, findings)
		bad += !strcmp(cJSON_GetObjectItem(f, "rule")->valuestring,
			       "gupcheck/suppression") &&
		       !finding_suppressed(f);
	for (k = 0; k < sl.n; k++)
		errors += sl.v[k].error != NULL;
	/* each malformed suppression is a finding; unknown rules are too */
	FUZZ_ASSERT(bad >= errors);
	cJSON_Delete(findings);
	suppression_list_free(&sl);
	free(buf);
	return 0;
}
