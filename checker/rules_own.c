// SPDX-License-Identifier: GPL-2.0
/*
 * The ownership analysis' rules: the acquire and release functions of
 * rules/gup-api.json and rules/ownership.json in one table, and the
 * containers, guards and fillers of rules/ownership.json.
 */
#include <stdlib.h>
#include <string.h>

#include "gupcheck.h"

const char * const family_names[NR_FAMILIES] = {
	[FAM_NONE] = "none",
	[FAM_GET] = "get",
	[FAM_PIN] = "pin",
	[FAM_EXTRACT] = "extract",
	[FAM_PUT] = "put",
	[FAM_UNPIN] = "unpin",
	[FAM_OTHER] = "other",
	[FAM_REF] = "ref",
};

static enum page_family family_of(const char *s)
{
	int i;

	for (i = 0; s && i < NR_FAMILIES; i++)
		if (strcmp(family_names[i], s) == 0)
			return i;
	return FAM_NONE;
}

static const char *str_member(const cJSON *o, const char *key)
{
	return cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(o, key));
}

static struct own_api *new_api(struct own_rules *o, const char *name)
{
	struct own_api *a;

	o->api = xrealloc(o->api, (o->nr_api + 1) * sizeof(*o->api));
	a = &o->api[o->nr_api++];
	memset(a, 0, sizeof(*a));
	a->name = name;
	return a;
}

static int load_functions(struct own_rules *o, const cJSON *doc,
			  const char *key, const char *file)
{
	const cJSON *a = cJSON_GetObjectItemCaseSensitive(doc, key), *it;

	if (!cJSON_IsArray(a)) {
		warn("%s: \"%s\" must be an array", file, key);
		return -1;
	}
	cJSON_ArrayForEach(it, a) {
		const char *name = str_member(it, "name");
		struct own_api *api;

		if (!name || family_of(str_member(it, "family")) == FAM_NONE) {
			warn("%s: an entry of \"%s\" lacks a name or a known family",
			     file, key);
			return -1;
		}
		api = new_api(o, name);
		api->family = family_of(str_member(it, "family"));
		api->pages = str_member(it, "pages");
		api->count = str_member(it, "count");
		api->flags = str_member(it, "flags");
		api->returns = cJSON_IsTrue(cJSON_GetObjectItem(it, "returns"));
	}
	return 0;
}

static int index_of(const cJSON *o, const char *key, const char *file,
		    const char *name)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);

	if (!v)
		return -1;
	if (!cJSON_IsNumber(v) || v->valueint < 0 || v->valueint > 16) {
		warn("%s: %s: \"%s\" must be a parameter index", file, name,
		     key);
		return -2;
	}
	return v->valueint;
}

static int load_transfers(struct own_rules *o, const cJSON *doc,
			  const char *file)
{
	const cJSON *a = cJSON_GetObjectItemCaseSensitive(doc, "transfers");
	const cJSON *it;

	if (!cJSON_IsArray(a)) {
		warn("%s: \"transfers\" must be an array", file);
		return -1;
	}
	o->xfer = xcalloc((size_t)cJSON_GetArraySize(a) + 1,
			  sizeof(*o->xfer));
	cJSON_ArrayForEach(it, a) {
		struct own_transfer *x = &o->xfer[o->nr_xfer];
		const char *name = str_member(it, "name");
		const char *suffix = str_member(it, "suffix");
		const char *on;
		char *p;

		if (!name) {
			warn("%s: a transfer lacks a name", file);
			return -1;
		}
		x->name = xstrdup(name);
		/* ".sgl/sg" is written ~sgl~sg in the analysis' places */
		x->suffix = xstrdup(suffix ? suffix : "");
		/* ".bv_page": a field of the container's elements */
		x->field = suffix && suffix[0] == '.' &&
			   !strpbrk(suffix + 1, "./");
		for (p = x->suffix; *p; p++)
			if (*p == '.' || *p == '/')
				*p = '~';
		o->nr_xfer++;
		x->store = index_of(it, "store", file, name);
		x->into = index_of(it, "into", file, name);
		x->load = index_of(it, "load", file, name);
		x->same = index_of(it, "same", file, name);
		on = str_member(it, "stored_on");
		if (on && (strcmp(on, "zero") || x->store < 0)) {
			warn("%s: %s: \"stored_on\" is \"zero\", of a store",
			     file, name);
			return -1;
		}
		x->stored_on_zero = on != NULL;
		if (x->store < -1 || x->into < -1 || x->load < -1 ||
		    x->same < -1)
			return -1;
		if ((x->store >= 0) != (x->into >= 0) ||
		    (x->store < 0 && x->load < 0 && x->same < 0)) {
			warn("%s: %s: a transfer is store+into, load or same",
			     file, name);
			return -1;
		}
	}
	return 0;
}

static int load_contracts(struct own_rules *o, const cJSON *doc,
			  const char *file)
{
	const cJSON *a = cJSON_GetObjectItemCaseSensitive(doc, "contracts");
	const cJSON *it;

	if (!cJSON_IsArray(a)) {
		warn("%s: \"contracts\" must be an array", file);
		return -1;
	}
	o->contract = xcalloc((size_t)cJSON_GetArraySize(a) + 1,
			      sizeof(*o->contract));
	cJSON_ArrayForEach(it, a) {
		struct own_contract *c = &o->contract[o->nr_contracts];
		const char *success = str_member(it, "success");

		c->name = str_member(it, "name");
		c->flag = str_member(it, "flag");
		c->page = str_member(it, "page");
		if (!c->name || !c->flag || !c->page || !success ||
		    (strcmp(success, "nonzero") && strcmp(success, "zero"))) {
			warn("%s: contract %s: it needs a name, a flag and a page parameter, and success \"nonzero\" or \"zero\"",
			     file, c->name ? c->name : "(unnamed)");
			return -1;
		}
		c->success_nonzero = !strcmp(success, "nonzero");
		o->nr_contracts++;
	}
	return 0;
}

int rules_load_ownership(struct rules *r)
{
	const char *file = "ownership.json";
	struct own_rules *o = &r->own;
	const char *wp;
	size_t i;

	o->doc = rules_read_json(r->dir, file);
	if (!o->doc)
		return -1;
	for (i = 0; i < r->nr_api; i++) {
		struct own_api *a = new_api(o, r->api[i].name);

		a->family = family_of(r->api[i].family);
		a->pages = r->api[i].param[ROLE_PAGES];
		a->count = r->api[i].param[ROLE_COUNT];
		a->flags = r->api[i].param[ROLE_FLAGS];
	}
	if (load_functions(o, o->doc, "acquires", file) ||
	    load_functions(o, o->doc, "releases", file) ||
	    load_transfers(o, o->doc, file) ||
	    load_contracts(o, o->doc, file) ||
	    rules_load_strings(o->doc, "carriers", &o->carriers, file) ||
	    rules_load_strings(o->doc, "guards", &o->guards, file) ||
	    rules_load_strings(o->doc, "guard_words", &o->guard_words, file) ||
	    rules_load_strings(o->doc, "pinned_tests", &o->pinned_tests,
			       file) ||
	    rules_load_strings(o->doc, "referenced_tests",
			       &o->referenced_tests, file) ||
	    rules_load_strings(o->doc, "pinned_flag_words",
			       &o->pinned_flag_words, file) ||
	    rules_load_strings(o->doc, "flag_setters", &o->flag_setters,
			       file) ||
	    rules_load_strings(o->doc, "user_guards", &o->user_guards, file) ||
	    rules_load_strings(o->doc, "user_types", &o->user_types, file) ||
	    rules_load_strings(o->doc, "fillers", &o->fillers, file) ||
	    rules_load_strings(o->doc, "same_fields", &o->same_fields, file) ||
	    rules_load_strings(o->doc, "internal_flags", &o->internal_flags, file) ||
	    rules_load_strings(o->doc, "internal_dirs", &o->internal_dirs, file) ||
	    rules_load_strings(o->doc, "array_allocs", &o->array_allocs, file) ||
	    rules_load_strings(o->doc, "array_frees", &o->array_frees, file) ||
	    rules_load_strings(o->doc, "error_values", &o->error_values, file) ||
	    rules_load_strings(o->doc, "error_tests", &o->error_tests, file) ||
	    rules_load_strings(o->doc, "error_or_null_tests",
			       &o->error_or_null_tests, file) ||
	    rules_load_strings(o->doc, "see_through", &o->see_through, file) ||
	    rules_load_strings(o->doc, "page_readers", &o->page_readers, file) ||
	    rules_load_strings(o->doc, "neutral_pages", &o->neutral_pages,
			       file) ||
	    rules_load_strings(o->doc, "unmappers", &o->unmappers, file) ||
	    rules_load_strings(o->doc, "borrowers", &o->borrowers, file) ||
	    rules_load_strings(o->doc, "assertions", &o->assertions, file) ||
	    rules_load_strings(o->doc, "byte_results", &o->byte_results, file))
		return -1;
	for (i = 0; i < o->byte_results.n; i++) {
		struct own_api *a = (struct own_api *)own_api(r,
						o->byte_results.v[i]);

		if (!a) {
			warn("%s: byte_results: %s is no acquisition of rules/",
			     file, o->byte_results.v[i]);
			return -1;
		}
		a->bytes = true;
	}
	wp = str_member(o->doc, "extract_will_pin");
	if (!wp) {
		warn("%s: \"extract_will_pin\" must be a string", file);
		return -1;
	}
	o->will_pin = xstrdup(wp);
	o->fix = cJSON_GetObjectItemCaseSensitive(o->doc, "fix");
	if (!cJSON_IsObject(o->fix)) {
		warn("%s: \"fix\" must be an object", file);
		return -1;
	}
	return 0;
}

void rules_free_ownership(struct rules *r)
{
	struct own_rules *o = &r->own;
	size_t i;

	for (i = 0; i < o->nr_xfer; i++) {
		free(o->xfer[i].name);
		free(o->xfer[i].suffix);
	}
	free(o->xfer);
	free(o->contract);
	free(o->api);
	strvec_free(&o->carriers);
	strvec_free(&o->guards);
	strvec_free(&o->guard_words);
	strvec_free(&o->pinned_tests);
	strvec_free(&o->referenced_tests);
	strvec_free(&o->pinned_flag_words);
	strvec_free(&o->flag_setters);
	strvec_free(&o->user_guards);
	strvec_free(&o->user_types);
	strvec_free(&o->fillers);
	strvec_free(&o->same_fields);
	strvec_free(&o->internal_flags);
	strvec_free(&o->internal_dirs);
	strvec_free(&o->array_allocs);
	strvec_free(&o->array_frees);
	strvec_free(&o->error_values);
	strvec_free(&o->error_tests);
	strvec_free(&o->error_or_null_tests);
	strvec_free(&o->see_through);
	strvec_free(&o->page_readers);
	strvec_free(&o->neutral_pages);
	strvec_free(&o->unmappers);
	strvec_free(&o->borrowers);
	strvec_free(&o->assertions);
	strvec_free(&o->byte_results);
	free(o->will_pin);
	cJSON_Delete(o->doc);
	memset(o, 0, sizeof(*o));
}

const struct own_api *own_api(const struct rules *r, const char *name)
{
	size_t i;

	for (i = 0; i < r->own.nr_api; i++)
		if (strcmp(r->own.api[i].name, name) == 0)
			return &r->own.api[i];
	return NULL;
}

const struct own_transfer *own_transfer(const struct rules *r,
					const char *name)
{
	size_t i;

	for (i = 0; i < r->own.nr_xfer; i++)
		if (strcmp(r->own.xfer[i].name, name) == 0)
			return &r->own.xfer[i];
	return NULL;
}

const struct own_contract *own_contract(const struct rules *r,
					const char *name)
{
	size_t i;

	for (i = 0; i < r->own.nr_contracts; i++)
		if (strcmp(r->own.contract[i].name, name) == 0)
			return &r->own.contract[i];
	return NULL;
}
