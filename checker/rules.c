// SPDX-License-Identifier: GPL-2.0
/*
 * The rules loader.  API knowledge lives in the JSON files of rules/; this file turns
 * it into the tables that checks and the engine consult, and rejects data
 * that is malformed with the file and the cause.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "gupcheck.h"

const char * const explain_keys[NR_EXPLAIN] = {
	[EXPLAIN_FINDS] = "finds",
	[EXPLAIN_WHY] = "why",
	[EXPLAIN_WRONG] = "wrong",
	[EXPLAIN_RIGHT] = "right",
	[EXPLAIN_FIX] = "fix",
	[EXPLAIN_SUPPRESS] = "suppress",
};

static const char * const explain_titles[NR_EXPLAIN] = {
	[EXPLAIN_FINDS] = "What it finds",
	[EXPLAIN_WHY] = "Why it is a bug",
	[EXPLAIN_WRONG] = "Wrong",
	[EXPLAIN_RIGHT] = "Right",
	[EXPLAIN_FIX] = "How the fix is made",
	[EXPLAIN_SUPPRESS] = "How to suppress it",
};

/*
 * The whole explanation of a rule as plain text: 'gupcheck explain', the
 * SARIF rule help and the HTML report all show this one text.
 */
char *rule_explanation(const struct rule_info *ri)
{
	struct strbuf sb = { 0 };
	size_t i;
	int k;

	sb_addf(&sb, "%s: %s\n", ri->id, ri->summary);
	for (k = 0; k < NR_EXPLAIN; k++) {
		const char *t = ri->explain[k], *p;
		bool code = k == EXPLAIN_WRONG || k == EXPLAIN_RIGHT;

		sb_addf(&sb, "\n%s\n", explain_titles[k]);
		for (p = t; *p; ) {
			const char *nl = strchr(p, '\n');
			size_t n = nl ? (size_t)(nl - p) : strlen(p);

			sb_adds(&sb, code ? "    " : "  ");
			sb_add(&sb, p, n);
			sb_adds(&sb, "\n");
			p += n + (nl ? 1 : 0);
		}
		if (k == EXPLAIN_WHY && ri->docs.n) {
			sb_adds(&sb, "  See:\n");
			for (i = 0; i < ri->docs.n; i++)
				sb_addf(&sb, "    %s\n", ri->docs.v[i]);
		}
	}
	return sb_detach(&sb);
}

static const char * const role_names[NR_ROLES] = {
	[ROLE_PAGES] = "pages",
	[ROLE_COUNT] = "count",
	[ROLE_FLAGS] = "flags",
	[ROLE_VMAS] = "vmas",
};

static bool has_rules(const char *dir)
{
	char *p = path_join(dir, "rules.json");
	bool ok = access(p, R_OK) == 0;

	free(p);
	return ok;
}

/*
 * Where the rules are: --rules-dir, then $GUPCHECK_RULES, then rules/ next
 * to the binary (a build tree), then the installed data directory.
 */
char *rules_find_dir(const char *argv0, const char *override)
{
	const char *env = getenv("GUPCHECK_RULES");
	char *exe, *dir, *cand;

	if (override)
		return xstrdup(override);
	if (env && *env)
		return xstrdup(env);
	exe = path_real("/proc/self/exe");
	if (!exe && argv0)
		exe = path_real(argv0);
	if (exe) {
		dir = path_dirname(exe);
		free(exe);
		cand = path_join(dir, "rules");
		if (has_rules(cand)) {
			free(dir);
			return cand;
		}
		free(cand);
		cand = path_join(dir, "../share/gupcheck/rules");
		free(dir);
		if (has_rules(cand))
			return cand;
		free(cand);
	}
#ifdef GUPCHECK_DATADIR
	cand = xstrdup(GUPCHECK_DATADIR "/rules");
	if (has_rules(cand))
		return cand;
	free(cand);
#endif
	return NULL;
}

/* A string member, copied; NULL when absent or null.  -1 when mistyped. */
static int get_str(const cJSON *obj, const char *key, char **out,
		   const char *file, bool required)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);

	*out = NULL;
	if (!v || cJSON_IsNull(v)) {
		if (!required)
			return 0;
		warn("%s: an entry lacks \"%s\"", file, key);
		return -1;
	}
	if (!cJSON_IsString(v)) {
		warn("%s: \"%s\" must be a string", file, key);
		return -1;
	}
	*out = xstrdup(v->valuestring);
	return 0;
}

static const cJSON *get_array(const cJSON *doc, const char *key,
			      const char *file)
{
	const cJSON *a = cJSON_GetObjectItemCaseSensitive(doc, key);

	if (!cJSON_IsArray(a)) {
		warn("%s: \"%s\" must be an array", file, key);
		return NULL;
	}
	return a;
}

static int load_rule_info(struct rules *r)
{
	const char *file = "rules.json";
	const cJSON *a, *it;
	cJSON *doc = rules_read_json(r->dir, file);
	int ret = -1;

	if (!doc)
		return -1;
	a = get_array(doc, "rules", file);
	if (!a)
		goto out;
	r->rule = xcalloc((size_t)cJSON_GetArraySize(a), sizeof(*r->rule));
	cJSON_ArrayForEach(it, a) {
		struct rule_info *ri = &r->rule[r->nr_rules++];

		const cJSON *ex;
		int k;

		if (get_str(it, "id", &ri->id, file, true) ||
		    get_str(it, "level", &ri->level, file, true) ||
		    get_str(it, "summary", &ri->summary, file, true) ||
		    get_str(it, "help", &ri->help, file, true))
			goto out;
		ex = cJSON_GetObjectItemCaseSensitive(it, "explain");
		if (!cJSON_IsObject(ex)) {
			warn("%s: %s: \"explain\" must be an object", file,
			     ri->id);
			goto out;
		}
		for (k = 0; k < NR_EXPLAIN; k++)
			if (get_str(ex, explain_keys[k], &ri->explain[k], file,
				    true))
				goto out;
		if (rules_load_strings(ex, "docs", &ri->docs, file))
			goto out;
		ri->enabled = true;
	}
	ret = 0;
out:
	cJSON_Delete(doc);
	return ret;
}

static int load_api(struct rules *r)
{
	const char *file = "gup-api.json";
	const cJSON *a, *it;
	cJSON *doc = rules_read_json(r->dir, file);
	int ret = -1;

	if (!doc)
		return -1;
	a = get_array(doc, "functions", file);
	if (!a)
		goto out;
	r->api = xcalloc((size_t)cJSON_GetArraySize(a), sizeof(*r->api));
	cJSON_ArrayForEach(it, a) {
		struct gup_api *api = &r->api[r->nr_api++];
		const cJSON *params;
		int i;

		if (get_str(it, "name", &api->name, file, true) ||
		    get_str(it, "family", &api->family, file, true))
			goto out;
		params = cJSON_GetObjectItemCaseSensitive(it, "params");
		if (!cJSON_IsObject(params)) {
			warn("%s: %s: \"params\" must be an object", file,
			     api->name);
			goto out;
		}
		for (i = 0; i < NR_ROLES; i++)
			if (get_str(params, role_names[i], &api->param[i],
				    file, false))
				goto out;
	}
	ret = 0;
out:
	cJSON_Delete(doc);
	return ret;
}

static int load_removed(struct rules *r)
{
	const char *file = "removed-params.json";
	const cJSON *a, *it;
	cJSON *doc = rules_read_json(r->dir, file);
	int ret = -1;

	if (!doc)
		return -1;
	a = get_array(doc, "removed_params", file);
	if (!a)
		goto out;
	r->removed = xcalloc((size_t)cJSON_GetArraySize(a),
			     sizeof(*r->removed));
	cJSON_ArrayForEach(it, a) {
		struct removed_param *rp = &r->removed[r->nr_removed++];

		if (get_str(it, "rule", &rp->rule, file, true) ||
		    get_str(it, "function", &rp->function, file, true) ||
		    get_str(it, "param", &rp->param, file, true) ||
		    get_str(it, "type", &rp->type, file, true) ||
		    get_str(it, "removed_in", &rp->removed_in, file, true) ||
		    get_str(it, "commit", &rp->commit, file, true) ||
		    get_str(it, "guidance", &rp->guidance, file, true))
			goto out;
	}
	ret = 0;
out:
	cJSON_Delete(doc);
	return ret;
}

static int load_gone_entry(const cJSON *it, struct removed_api *g,
			   const char *file)
{
	const cJSON *fix = cJSON_GetObjectItemCaseSensitive(it, "fix");
	const cJSON *pf = cJSON_GetObjectItemCaseSensitive(it, "prefilter");

	if (get_str(it, "rule", &g->rule, file, true) ||
	    get_str(it, "name", &g->name, file, true) ||
	    get_str(it, "kind", &g->kind, file, true) ||
	    get_str(it, "struct", &g->record, file, false) ||
	    get_str(it, "scope", &g->scope, file, false) ||
	    get_str(it, "removed_in", &g->removed_in, file, true) ||
	    get_str(it, "guidance", &g->guidance, file, true))
		return -1;
	if (!cJSON_IsBool(pf)) {
		warn("%s: %s: \"prefilter\" must be true or false", file,
		     g->name);
		return -1;
	}
	g->prefilter = cJSON_IsTrue(pf);
	if (cJSON_IsObject(fix) &&
	    (get_str(fix, "type", &g->fix_type, file, true) ||
	     get_str(fix, "to", &g->fix_to, file, false)))
		return -1;
	if (strcmp(g->kind, "field") == 0 && !g->record) {
		warn("%s: field %s needs \"struct\"", file, g->name);
		return -1;
	}
	return 0;
}

static int load_removed_api(struct rules *r)
{
	const char *file = "removed-api.json";
	const cJSON *a, *it, *sr;
	cJSON *doc = rules_read_json(r->dir, file);
	int ret = -1;

	if (!doc)
		return -1;
	a = get_array(doc, "removed_api", file);
	if (!a)
		goto out;
	r->gone = xcalloc((size_t)cJSON_GetArraySize(a), sizeof(*r->gone));
	cJSON_ArrayForEach(it, a)
		if (load_gone_entry(it, &r->gone[r->nr_gone++], file))
			goto out;
	a = get_array(doc, "dead_helpers", file);
	if (!a)
		goto out;
	r->dead = xcalloc((size_t)cJSON_GetArraySize(a), sizeof(*r->dead));
	cJSON_ArrayForEach(it, a) {
		struct dead_helper *d = &r->dead[r->nr_dead++];

		if (get_str(it, "rule", &d->rule, file, true) ||
		    get_str(it, "name", &d->name, file, true) ||
		    get_str(it, "header", &d->header, file, true) ||
		    get_str(it, "note", &d->note, file, true))
			goto out;
	}
	sr = cJSON_GetObjectItemCaseSensitive(doc, "splice_read");
	if (!cJSON_IsObject(sr) ||
	    rules_load_strings(sr, "page_cache_readers", &r->page_cache_readers,
			 file) ||
	    get_str(sr, "ops_field", &r->splice_ops_field, file, true) ||
	    get_str(sr, "read_field", &r->splice_read_field, file, true) ||
	    get_str(sr, "page_cache", &r->splice_page_cache, file, true) ||
	    get_str(sr, "no_page_cache", &r->splice_no_page_cache, file,
		    true))
		goto out;
	ret = 0;
out:
	cJSON_Delete(doc);
	return ret;
}

static int load_tree_policy(struct rules *r)
{
	const char *file = "tree.json";
	const cJSON *a, *it;
	cJSON *doc = rules_read_json(r->dir, file);
	int ret = -1;

	if (!doc)
		return -1;
	a = get_array(doc, "exclude", file);
	if (!a)
		goto out;
	r->exclude = xcalloc((size_t)cJSON_GetArraySize(a),
			     sizeof(*r->exclude));
	cJSON_ArrayForEach(it, a) {
		struct path_policy *pp = &r->exclude[r->nr_exclude++];

		if (get_str(it, "path", &pp->path, file, true) ||
		    get_str(it, "reason", &pp->reason, file, true))
			goto out;
	}
	ret = 0;
out:
	cJSON_Delete(doc);
	return ret;
}

static int load_toolchain(struct rules *r)
{
	const char *file = "toolchain.json";
	cJSON *doc = rules_read_json(r->dir, file);

	if (!doc)
		return -1;
	if (rules_load_strings(doc, "drop_flags", &r->drop_flags, file) ||
	    rules_load_strings(doc, "drop_prefixes", &r->drop_prefixes, file) ||
	    rules_load_strings(doc, "drop_with_argument", &r->drop_with_arg,
			 file) ||
	    rules_load_strings(doc, "keep_with_argument", &r->keep_with_arg,
			 file)) {
		cJSON_Delete(doc);
		return -1;
	}
	r->arch = cJSON_DetachItemFromObjectCaseSensitive(doc, "arch");
	cJSON_Delete(doc);
	if (!cJSON_IsObject(r->arch)) {
		warn("%s: \"arch\" must be an object", file);
		return -1;
	}
	return 0;
}

int rules_load(struct rules *r, const char *dir)
{
	memset(r, 0, sizeof(*r));
	r->dir = xstrdup(dir);
	if (load_rule_info(r) || load_api(r) || load_removed(r) ||
	    load_removed_api(r) || load_tree_policy(r) || load_toolchain(r) ||
	    rules_load_ownership(r))
		return -1;
	return 0;
}

void rules_free(struct rules *r)
{
	size_t i;
	int j;

	for (i = 0; i < r->nr_api; i++) {
		free(r->api[i].name);
		free(r->api[i].family);
		for (j = 0; j < NR_ROLES; j++)
			free(r->api[i].param[j]);
	}
	for (i = 0; i < r->nr_removed; i++) {
		struct removed_param *rp = &r->removed[i];

		free(rp->rule);
		free(rp->function);
		free(rp->param);
		free(rp->type);
		free(rp->removed_in);
		free(rp->commit);
		free(rp->guidance);
	}
	for (i = 0; i < r->nr_gone; i++) {
		struct removed_api *g = &r->gone[i];

		free(g->rule);
		free(g->name);
		free(g->kind);
		free(g->record);
		free(g->scope);
		free(g->removed_in);
		free(g->fix_type);
		free(g->fix_to);
		free(g->guidance);
	}
	for (i = 0; i < r->nr_dead; i++) {
		free(r->dead[i].rule);
		free(r->dead[i].name);
		free(r->dead[i].header);
		free(r->dead[i].note);
	}
	free(r->gone);
	free(r->dead);
	strvec_free(&r->page_cache_readers);
	free(r->splice_ops_field);
	free(r->splice_read_field);
	free(r->splice_page_cache);
	free(r->splice_no_page_cache);
	for (i = 0; i < r->nr_rules; i++) {
		for (j = 0; j < NR_EXPLAIN; j++)
			free(r->rule[i].explain[j]);
		strvec_free(&r->rule[i].docs);
		free(r->rule[i].id);
		free(r->rule[i].level);
		free(r->rule[i].summary);
		free(r->rule[i].help);
	}
	for (i = 0; i < r->nr_exclude; i++) {
		free(r->exclude[i].path);
		free(r->exclude[i].reason);
	}
	free(r->api);
	free(r->removed);
	free(r->rule);
	free(r->exclude);
	strvec_free(&r->drop_flags);
	strvec_free(&r->drop_prefixes);
	strvec_free(&r->keep_with_arg);
	strvec_free(&r->drop_with_arg);
	cJSON_Delete(r->arch);
	rules_free_ownership(r);
	free(r->dir);
	memset(r, 0, sizeof(*r));
}

struct rule_info *rules_rule(const struct rules *r, const char *id)
{
	size_t i;

	for (i = 0; i < r->nr_rules; i++)
		if (strcmp(r->rule[i].id, id) == 0)
			return &r->rule[i];
	return NULL;
}

bool rules_enabled(const struct rules *r, const char *id)
{
	const struct rule_info *ri = rules_rule(r, id);

	return ri && ri->enabled;
}

/*
 * --rules LIST: a comma-separated list of rule ids or prefixes ("gup/"),
 * which enables exactly those.  Unknown names are an error.
 */
int rules_select(struct rules *r, const char *list)
{
	char *copy = xstrdup(list), *save = NULL, *name;
	size_t i;
	int ret = 0;

	for (i = 0; i < r->nr_rules; i++)
		r->rule[i].enabled = false;
	for (name = strtok_r(copy, ",", &save); name;
	     name = strtok_r(NULL, ",", &save)) {
		bool hit = false;

		for (i = 0; i < r->nr_rules; i++) {
			const char *id = r->rule[i].id;

			if (strcmp(id, name) == 0 ||
			    (str_ends(name, "/") && str_starts(id, name))) {
				r->rule[i].enabled = true;
				hit = true;
			}
		}
		if (!hit) {
			warn("--rules: unknown rule '%s' (see 'gupcheck rules')",
			     name);
			ret = -1;
		}
	}
	free(copy);
	return ret;
}

/*
 * For commands: the rules found from ARGV0 or OVERRIDE, loaded; exits 2
 * with the cause when they cannot be.
 */
void rules_load_or_die(struct rules *r, const char *argv0,
		       const char *override)
{
	char *dir = rules_find_dir(argv0, override);

	if (!dir)
		fatal("cannot find the rules directory; set GUPCHECK_RULES or use --rules-dir");
	if (rules_load(r, dir)) {
		rules_free(r);
		fatal("%s: the rules could not be loaded", dir);
	}
	free(dir);
}
