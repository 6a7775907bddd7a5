// SPDX-License-Identifier: GPL-2.0
/*
 * gup/leak after the pages were taken, decided over the whole tree.
 * own_paths.c wrote down, for each call that may have put pages into a
 * fresh local, the exits where they would still be held.  Here the
 * summaries say which of those calls do acquire pages: a GUP call, or a
 * wrapper that pins or gets into that argument, its return value, or a
 * field of that object.  A path that read the wrapper's result as a
 * count is kept only if the wrapper returns the count of a GUP call.
 */
#include <stdlib.h>
#include <string.h>

#include "gupcheck.h"

#define KIND(f) (1u << (f))

static const cJSON *record(const cJSON *facts, const char *key)
{
	const cJSON *rec;

	cJSON_ArrayForEach(rec, facts)
		if (!strcmp(own_str(rec, "key"), key))
			return rec;
	return NULL;
}

/* Does the function KEY return the count a GUP call took? */
static bool returns_count(const cJSON *facts, const char *key, int depth)
{
	const cJSON *rec = record(facts, key), *c;

	if (!rec || depth > 4)
		return false;
	if (cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(rec, "ret_count")))
		return true;
	cJSON_ArrayForEach(c, cJSON_GetObjectItemCaseSensitive(rec, "ret_calls"))
		if (cJSON_IsString(c) && strcmp(c->valuestring, key) &&
		    returns_count(facts, c->valuestring, depth + 1))
			return true;
	return false;
}

static bool has_name(const cJSON *cl, const char *name, size_t prefix)
{
	const cJSON *n;

	cJSON_ArrayForEach(n, cJSON_GetObjectItemCaseSensitive(cl, "names"))
		if (cJSON_IsString(n) &&
		    (prefix ? !strncmp(n->valuestring, name, prefix) :
			      !strcmp(n->valuestring, name)))
			return true;
	return false;
}

/* The field of REC a class names, "F:struct x.pages~sg" giving "pages". */
static char *field_of(const cJSON *cl, const char *prefix)
{
	const cJSON *n;
	size_t len = strlen(prefix);

	cJSON_ArrayForEach(n, cJSON_GetObjectItemCaseSensitive(cl, "names"))
		if (cJSON_IsString(n) && !strncmp(n->valuestring, prefix, len))
			return xstrndup(n->valuestring + len,
					strcspn(n->valuestring + len, ".~"));
	return NULL;
}

struct acq {
	enum page_family fam;
	const cJSON *cl;	/* the wrapper's class, for the way there */
	char *field;		/* an object's field that holds the pages */
};

/* What the call of candidate L acquires, by the summaries. */
static bool acquires(const cJSON *summaries, const cJSON *l, struct acq *a)
{
	const char *f = own_str(l, "f"), *rec = own_str(l, "rec");
	const cJSON *cl;
	char *prefix;

	memset(a, 0, sizeof(*a));
	if (*f) {
		a->fam = !strcmp(f, "pin") ? FAM_PIN : FAM_GET;
		if (*rec)
			a->field = xstrdup(own_str(l, "field"));
		return true;
	}
	prefix = *rec ? xasprintf("F:%s.", rec) : NULL;
	cJSON_ArrayForEach(cl, cJSON_GetObjectItemCaseSensitive(summaries,
								own_str(l, "fn"))) {
		unsigned int kinds = (unsigned int)own_num(cl, "kinds");

		if (!(kinds & (KIND(FAM_GET) | KIND(FAM_PIN))) ||
		    !cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(cl,
								"acqs")))
			continue;
		if (prefix ? !has_name(cl, prefix, strlen(prefix)) :
			     !has_name(cl, own_str(l, "role"), 0))
			continue;
		a->fam = kinds & KIND(FAM_PIN) ? FAM_PIN : FAM_GET;
		a->cl = cl;
		if (prefix)
			a->field = field_of(cl, prefix);
		break;
	}
	free(prefix);
	return a->cl != NULL;
}

static void report(const struct rules *r, const cJSON *rec, const cJSON *l,
		   const struct acq *a, const cJSON *x, cJSON *findings,
		   struct strset *reported)
{
	const char *file = *own_str(x, "file") ? own_str(x, "file") : own_str(rec, "file");
	const char *held = a->fam == FAM_PIN ? "pinned" : "referenced";
	const char *callee = own_str(l, "fn"), *colon = strrchr(callee, ':');
	const cJSON *free_of = cJSON_GetObjectItemCaseSensitive(x, "free");
	char *key, *msg, *what;
	cJSON *f, *at;

	key = xasprintf("gup/leak|%s|%d|%d", file, own_num(x, "l"), own_num(x, "c"));
	if (!strset_add(reported, key)) {
		free(key);
		return;
	}
	free(key);
	callee = colon ? colon + 1 : callee;
	if (free_of && *free_of->valuestring)
		what = xasprintf("%s->%s", own_str(l, "var"), free_of->valuestring);
	else
		what = xstrdup(own_str(l, "var"));
	if (free_of)
		msg = xasprintf("%s() frees %s while the pages %s() took at line %d are still %s: nothing on the way here releases them or hands them on; release them first",
				own_str(rec, "fn"), what, callee, own_num(l, "l"),
				held);
	else
		msg = xasprintf("%s() returns an error here while the pages %s() took into %s at line %d are still %s: nothing on this path releases them or hands them on",
				own_str(rec, "fn"), callee, what, own_num(l, "l"),
				held);
	f = finding_new("gup/leak", rules_rule(r, "gup/leak")->level, file,
			own_num(x, "l"), own_num(x, "c"), own_str(rec, "fn"), msg,
			own_str(x, "code"), "ast");
	free(msg);
	free(what);
	at = cJSON_CreateObject();
	cJSON_AddStringToObject(at, "file", own_str(rec, "file"));
	cJSON_AddNumberToObject(at, "line", own_num(l, "l"));
	cJSON_AddNumberToObject(at, "column", own_num(l, "c"));
	msg = xasprintf("%s() takes the pages here: %s", callee,
			own_str(l, "code"));
	own_evidence(f, at, msg);
	free(msg);
	cJSON_Delete(at);
	if (a->cl)
		own_way(f, cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(a->cl,
								  "acqs"), 0),
			a->fam == FAM_PIN ? "pins" : "takes references on");
	at = cJSON_CreateObject();
	cJSON_AddStringToObject(at, "file", file);
	cJSON_AddNumberToObject(at, "line", own_num(x, "l"));
	cJSON_AddNumberToObject(at, "column", own_num(x, "c"));
	own_evidence(f, at, free_of ? "the array or object holding the pages is freed, the pages still held" :
			    "the function returns an error, the pages still held");
	cJSON_Delete(at);
	cJSON_AddItemToArray(findings, f);
}

void own_leaks(const struct rules *r, const cJSON *facts,
	       const cJSON *summaries, cJSON *findings,
	       struct strset *reported)
{
	const cJSON *rec, *l, *x;

	if (!rules_enabled(r, "gup/leak"))
		return;
	cJSON_ArrayForEach(rec, facts) {
		cJSON_ArrayForEach(l, cJSON_GetObjectItemCaseSensitive(rec,
								"leaks")) {
			struct acq a;

			if (!acquires(summaries, l, &a))
				continue;
			/* a wrapper's result was read as a count of pages */
			if (a.cl && cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(l,
								 "res")) &&
			    strcmp(own_str(l, "role"), "R") &&
			    !returns_count(facts, own_str(l, "fn"), 0)) {
				free(a.field);
				continue;
			}
			cJSON_ArrayForEach(x, cJSON_GetObjectItemCaseSensitive(l,
								"exits")) {
				const char *fr = own_str(x, "free");

				if (*own_str(l, "rec") && (!a.field ||
				    (*fr && strcmp(fr, a.field))))
					continue;
				report(r, rec, l, &a, x, findings, reported);
			}
			free(a.field);
		}
	}
}
