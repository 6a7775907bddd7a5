// SPDX-License-Identifier: GPL-2.0
/*
 * Releases against the code's own record of how the pages were taken:
 * put_page(), folio_put() or release_pages() in the branch where a
 * pinned flag, iov_iter_extract_will_pin() or BIO_PAGE_PINNED says the
 * pages are pinned (gup/pin-put-mismatch), an unpin where it says they
 * are not (gup/get-unpin-mismatch).  The facts mark such a release with
 * "pt" and its "test" (own_pinned_branch()); nothing here depends on
 * where the pages came from, so a helper that releases what another
 * file took is judged where it is.
 */
#include <stdlib.h>
#include <string.h>

#include "gupcheck.h"
#include "own_mismatch.h"

/* EV's place as a finding's: its header, or the record's file. */
static const char *file_of(const cJSON *rec, const cJSON *ev)
{
	const char *f = own_str(ev, "file");

	return *f ? f : own_str(rec, "file");
}

static void evidence(cJSON *f, const char *file, const cJSON *ev,
		     const char *msg)
{
	cJSON *e = cJSON_CreateObject();

	cJSON_AddStringToObject(e, "file", file);
	cJSON_AddNumberToObject(e, "line", own_num(ev, "l"));
	cJSON_AddNumberToObject(e, "column", own_num(ev, "c"));
	cJSON_AddStringToObject(e, "message", msg);
	cJSON_AddItemToArray(cJSON_GetObjectItemCaseSensitive(f, "evidence"),
			     e);
}

static void report(const struct rules *r, const cJSON *rec, const cJSON *ev,
		   bool pinned, cJSON *findings, struct strset *reported)
{
	const char *rule = pinned ? "gup/pin-put-mismatch" :
				    "gup/get-unpin-mismatch";
	const cJSON *test = cJSON_GetObjectItemCaseSensitive(ev, "test");
	const char *file = file_of(rec, ev), *what = own_str(ev, "api");
	const char *fn = own_str(rec, "fn"), *cond = own_str(test, "code");
	const cJSON *fix;
	char *key, *msg;
	cJSON *f;

	key = xasprintf("%s|%s|%d|%d", rule, file, own_num(ev, "l"),
			own_num(ev, "c"));
	if (!strset_add(reported, key)) {
		free(key);
		return;
	}
	free(key);
	if (pinned)
		msg = xasprintf("%s() releases with %s() pages that '%s' says are pinned (%s:%d); %s",
				fn, what, cond, file_of(rec, test),
				own_num(test, "l"),
				str_starts(what, "folio") ?
				"pinned folios must be released with unpin_folio() or unpin_user_folio()" :
				"pinned pages must be released with unpin_user_page() or unpin_user_pages()");
	else
		msg = xasprintf("%s() unpins with %s() pages that '%s' says are not pinned (%s:%d); they hold no pin to drop",
				fn, what, cond, file_of(rec, test),
				own_num(test, "l"));
	f = finding_new(rule, rules_rule(r, rule)->level, file,
			own_num(ev, "l"), own_num(ev, "c"), fn, msg,
			own_str(ev, "code"), "ast");
	free(msg);
	msg = xasprintf("'%s' is %s here: the pages %s pinned", cond,
			pinned ? "true" : "false", pinned ? "are" : "are not");
	evidence(f, file_of(rec, test), test, msg);
	free(msg);
	msg = xasprintf("%s() releases the pages with %s()", fn, what);
	evidence(f, file, ev, msg);
	free(msg);
	fix = cJSON_GetObjectItemCaseSensitive(ev, "unpin_fix");
	if (pinned && fix) {
		cJSON *copy = cJSON_Duplicate(fix, true);

		cJSON_ReplaceItemInObject(copy, "description",
			cJSON_CreateString("release the pinned pages with the unpin family"));
		cJSON_AddItemToObject(f, "fix", copy);
	}
	cJSON_AddItemToArray(findings, f);
}

/*
 * The first acquisition of REC by iov_iter_extract_pages() that is not
 * made for user-backed iterators only.
 */
static const cJSON *extraction(const cJSON *rec)
{
	const cJSON *ev;

	cJSON_ArrayForEach(ev, cJSON_GetObjectItemCaseSensitive(rec,
								"events"))
		if (!strcmp(own_str(ev, "k"), "acq") &&
		    !strcmp(own_str(ev, "f"), "extract") &&
		    !cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(ev, "ug")))
			return ev;
	return NULL;
}

/* Where the flag's release event REL unpins, for a message. */
static char *unpinned_at(const cJSON *rel)
{
	const cJSON *ev = cJSON_GetObjectItemCaseSensitive(rel, "ev");

	if (!rel)
		return xstrdup("");
	return xasprintf("; when it is set, the pages are unpinned (%s:%d)",
			 file_of(rel, ev), own_num(ev, "l"));
}

/*
 * The pinned flags set to true without asking (own_pinned_set(): "pset"
 * events) in a file whose pages come from iov_iter_extract_pages(), when
 * the flag is one the rules name (BIO_PAGE_PINNED) or one that chooses
 * an unpin of pages (UNPINS, flag to its release event): pages of a kvec
 * or bvec iterator would be unpinned, and they hold no pin.
 */
static void flag_sets(const struct rules *r, const cJSON *facts,
		      const cJSON *unpins, cJSON *findings,
		      struct strset *reported)
{
	const char *rule = "gup/extract-release";
	const cJSON *rec, *ev, *x, *rel;
	cJSON *first = cJSON_CreateObject();	/* file -> its first extractor */

	cJSON_ArrayForEach(rec, facts)
		if (extraction(rec) &&
		    !cJSON_GetObjectItemCaseSensitive(first, own_str(rec, "file")))
			cJSON_AddItemReferenceToObject(first, own_str(rec, "file"),
						       (cJSON *)rec);
	cJSON_ArrayForEach(rec, facts) {
		const char *file = own_str(rec, "file");
		int uexit = own_num(rec, "uexit");

		if (!cJSON_GetObjectItemCaseSensitive(first, file))
			continue;
		cJSON_ArrayForEach(ev, cJSON_GetObjectItemCaseSensitive(rec,
								"events")) {
			const char *flag = own_str(ev, "n");
			const cJSON *xr;
			char *key, *msg, *at;
			cJSON *f;

			/* after a return unless the iterator is user-backed */
			if (strcmp(own_str(ev, "k"), "pset") ||
			    (uexit && own_num(ev, "l") > uexit))
				continue;
			rel = cJSON_GetObjectItemCaseSensitive(unpins, flag);
			if (!rel && !strvec_contains(&r->own.pinned_tests, flag))
				continue;
			/* the file's extraction: its own, or another's */
			xr = extraction(rec) ? rec :
			     cJSON_GetObjectItemCaseSensitive(first, file);
			x = extraction(xr);
			key = xasprintf("%s|%s|%d|%d", rule, file_of(rec, ev),
					own_num(ev, "l"), own_num(ev, "c"));
			if (!strset_add(reported, key)) {
				free(key);
				continue;
			}
			free(key);
			at = unpinned_at(rel);
			msg = xasprintf("%s() sets the pinned flag (%s: '%s') whatever iov_iter_extract_will_pin() says, and this file's pages come from iov_iter_extract_pages() (%s:%d), which pins them only for user-backed iterators%s; pages of a kvec or bvec iterator hold no pin: set the flag from iov_iter_extract_will_pin()",
					own_str(rec, "fn"), flag,
					own_str(ev, "code"), file_of(xr, x),
					own_num(x, "l"), at);
			free(at);
			f = finding_new(rule, rules_rule(r, rule)->level,
					file_of(rec, ev), own_num(ev, "l"),
					own_num(ev, "c"), own_str(rec, "fn"), msg,
					own_str(ev, "code"), "ast");
			free(msg);
			msg = xasprintf("%s() extracts the pages with %s()",
					own_str(xr, "fn"), own_str(x, "api"));
			evidence(f, file_of(xr, x), x, msg);
			free(msg);
			msg = xasprintf("%s() sets %s without asking",
					own_str(rec, "fn"), flag);
			evidence(f, file_of(rec, ev), ev, msg);
			free(msg);
			cJSON_AddItemToArray(findings, f);
		}
	}
	cJSON_Delete(first);
}

void own_flagged(const struct rules *r, const cJSON *facts, cJSON *findings,
		 struct strset *reported)
{
	bool pin_put = rules_enabled(r, "gup/pin-put-mismatch");
	bool get_unpin = rules_enabled(r, "gup/get-unpin-mismatch");
	cJSON *unpins = cJSON_CreateObject();
	const cJSON *rec, *ev;

	cJSON_ArrayForEach(rec, facts) {
		cJSON_ArrayForEach(ev, cJSON_GetObjectItemCaseSensitive(rec,
								"events")) {
			const char *fam = own_str(ev, "f");
			const cJSON *test =
				cJSON_GetObjectItemCaseSensitive(ev, "test");
			const char *flag = own_str(test, "flag");
			int pt = own_num(ev, "pt");

			if (strcmp(own_str(ev, "k"), "rel") || !pt)
				continue;
			if (pt > 0 && !strcmp(fam, "unpin") && *flag &&
			    !cJSON_GetObjectItemCaseSensitive(unpins, flag)) {
				cJSON *u = cJSON_AddObjectToObject(unpins, flag);

				cJSON_AddStringToObject(u, "file",
							own_str(rec, "file"));
				cJSON_AddItemReferenceToObject(u, "ev",
							       (cJSON *)ev);
			}
			if (pt > 0 && !strcmp(fam, "put") && pin_put)
				report(r, rec, ev, true, findings, reported);
			else if (pt < 0 && !strcmp(fam, "unpin") && get_unpin)
				report(r, rec, ev, false, findings, reported);
		}
	}
	if (rules_enabled(r, "gup/extract-release"))
		flag_sets(r, facts, unpins, findings, reported);
	cJSON_Delete(unpins);
}
