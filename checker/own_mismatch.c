// SPDX-License-Identifier: GPL-2.0
/*
 * The mismatch rules on the solved classes (own_solve.c): a release of
 * one family of pages whose only source is the other (gup/pin-put-
 * mismatch, gup/get-unpin-mismatch), or extracted pages released without
 * asking how they were taken (gup/extract-release).  A release made by a
 * wrapper is reported where it is, if it is reported there, else at the
 * first call that reaches it.
 */
#include <stdlib.h>
#include <string.h>

#include "gupcheck.h"
#include "own_class.h"
#include "own_mismatch.h"


void own_mismatch_init(struct own_mismatch *s, const struct rules *r,
		       cJSON *findings, struct strset *reported)
{
	memset(s, 0, sizeof(*s));
	s->r = r;
	s->findings = findings;
	s->reported = reported;
	s->by_way = cJSON_CreateArray();
}

/*
 * The acquisition a finding at AT names: one in AT's file when the class
 * has one there (a field that two files of a driver pin into), else the
 * first.
 */
static const cJSON *acq_for(const cJSON *acqs, const cJSON *at)
{
	const cJSON *a;

	cJSON_ArrayForEach(a, acqs)
		if (!strcmp(own_str(a, "file"), own_str(at, "file")))
			return a;
	return cJSON_GetArrayItem(acqs, 0);
}

/*
 * Where a release reached through calls (VIA) is reported: at the call
 * made by the function that took the pages (ACQ), when the way passes
 * through it (it extracts, and calls the helper that unpins), else at
 * the first call.
 */
static const cJSON *report_at(const cJSON *via, const cJSON *acq)
{
	const cJSON *v;

	cJSON_ArrayForEach(v, via)
		if (acq && !strcmp(own_str(v, "function"),
				   own_str(acq, "function")) &&
		    !strcmp(own_str(v, "file"), own_str(acq, "file")))
			return v;
	return cJSON_GetArrayItem(via, 0);
}

static void report(struct own_mismatch *s, const char *rule, const struct cls *c,
		   const cJSON *rel, enum page_family kind)
{
	const cJSON *via = cJSON_GetObjectItemCaseSensitive(rel, "via");
	bool called = cJSON_GetArraySize(via) > 0;
	const cJSON *acq = acq_for(c->acqs, called ?
				   cJSON_GetArrayItem(via, 0) : rel);
	const cJSON *at = called ? report_at(via, acq) : rel;
	const char *api = acq ? own_str(acq, "what") : "?";
	const char *fixkey = kind == FAM_PIN ? "unpin_fix" : "put_fix";
	const char *fn = own_str(at, "function");
	char *msg, *key, *how, *callee;
	cJSON *f, *fix;

	key = xasprintf("%s|%s|%d|%d", rule, own_str(at, "file"), own_num(at, "line"),
			own_num(at, "column"));
	if (!strset_add(s->reported, key)) {
		free(key);
		return;
	}
	free(key);
	callee = own_callee_text(own_str(at, "what"));
	how = called ?
	      xasprintf("by way of %s, which releases them with %s() at %s:%d",
			callee, own_str(rel, "what"), own_str(rel, "file"),
			own_num(rel, "line")) :
	      xasprintf("with %s()", own_str(rel, "what"));
	free(callee);
	if (kind == FAM_PIN)
		msg = xasprintf("%s() releases pages pinned by %s() (%s:%d) %s, as if they held references; %s",
				fn, api, own_str(acq, "file"),
				own_num(acq, "line"), how,
				str_starts(own_str(rel, "what"), "folio") ?
				"pinned folios must be released with unpin_folio(), unpin_folios() or unpin_user_folio()" :
				"pages from pin_user_pages*() must be released with unpin_user_page() or unpin_user_pages()");
	else if (kind == FAM_GET)
		msg = xasprintf("%s() unpins pages that hold references from %s() (%s:%d) %s; they were not pinned: release them with put_page() or release_pages(), or take them with pin_user_pages*()",
				fn, api, own_str(acq, "file"),
				own_num(acq, "line"), how);
	else
		msg = xasprintf("%s() releases pages from iov_iter_extract_pages() (%s:%d) %s without asking iov_iter_extract_will_pin(); kvec and bvec iterators take no reference, so release only when it is true, with unpin_user_page()",
				fn, own_str(acq, "file"), own_num(acq, "line"), how);
	f = finding_new(rule, rules_rule(s->r, rule)->level, own_str(at, "file"),
			own_num(at, "line"), own_num(at, "column"), fn, msg,
			called ? own_str(at, "code") : own_str(rel, "code"),
			"ast");
	free(msg);
	free(how);
	own_way(f, acq, kind == FAM_GET ? "takes references on" :
		    kind == FAM_PIN ? "pins" : "extracts");
	own_way(f, rel, "releases");
	fix = cJSON_GetObjectItemCaseSensitive(rel, fixkey);
	key = xasprintf("%s|%s|%d|%d", rule, own_str(rel, "file"),
			own_num(rel, "line"), own_num(rel, "column"));
	if (called) {
		/* kept only if the release is not reported where it is */
		cJSON_AddItemToArray(s->by_way, f);
		strvec_push_nocopy(&s->by_way_site, key);
		return;
	}
	strset_add(&s->direct, key);
	free(key);
	if (fix && kind != FAM_EXTRACT) {
		cJSON *copy = cJSON_Duplicate(fix, true);

		cJSON_ReplaceItemInObject(copy, "description",
			cJSON_CreateString(kind == FAM_PIN ?
				"release the pinned pages with the unpin family" :
				"release the references with put_page()/release_pages()"));
		cJSON_AddItemToObject(f, "fix", copy);
	}
	cJSON_AddItemToArray(s->findings, f);
}

void own_mismatch_judge(struct own_mismatch *s, const struct cls *c)
{
	const cJSON *rel;

	cJSON_ArrayForEach(rel, c->rels) {
		const char *fam = own_str(rel, "f");
		bool put = !strcmp(fam, "put"), unpin = !strcmp(fam, "unpin");

		if (cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(rel, "g")))
			continue;
		if (c->kinds == KIND(FAM_PIN) && put &&
		    rules_enabled(s->r, "gup/pin-put-mismatch"))
			report(s, "gup/pin-put-mismatch", c, rel, FAM_PIN);
		else if (c->kinds == KIND(FAM_GET) && unpin &&
			 rules_enabled(s->r, "gup/get-unpin-mismatch"))
			report(s, "gup/get-unpin-mismatch", c, rel, FAM_GET);
		else if (c->kinds == KIND(FAM_EXTRACT) && (put || unpin) &&
			 rules_enabled(s->r, "gup/extract-release"))
			report(s, "gup/extract-release", c, rel, FAM_EXTRACT);
	}
}

/*
 * A release of the wrong family reached through a wrapper is one defect,
 * wherever the wrapper is called: it is reported where the release is,
 * if it is reported there, else at the first call that reaches it.  The
 * state is freed.
 */
void own_mismatch_finish(struct own_mismatch *s)
{
	size_t i;

	for (i = 0; i < s->by_way_site.n; i++) {
		cJSON *f = cJSON_DetachItemFromArray(s->by_way, 0);

		if (strset_add(&s->direct, s->by_way_site.v[i]))
			cJSON_AddItemToArray(s->findings, f);
		else
			cJSON_Delete(f);
	}
	cJSON_Delete(s->by_way);
	strvec_free(&s->by_way_site);
	strset_free(&s->direct);
	memset(s, 0, sizeof(*s));
}

