// SPDX-License-Identifier: GPL-2.0
/*
 * gup/leak and gup/double-release, decided over the whole tree.  The
 * path walk (own_walk.c) wrote down, for each call that may have put
 * pages into a place of a function, the exits where they may still be
 * held and the releases of a wrong count or made twice.  Here the
 * summaries say:
 *
 *   - which of those calls acquire: a call of the page API, or a wrapper
 *     that pins or gets into that argument, its return value, or a field
 *     of that object;
 *   - whether a call the pages were passed to on the way took them: its
 *     summary releases or stores the pages of that argument (and it did
 *     not fail on that path).  A callee the tree does not define, or a
 *     call through a pointer, is taken to have kept them.
 *
 * An exit is a leak when the pages are held there by the class of the
 * result (a wrapper's result is read by how it returns: a count, a
 * pointer, or 0 for success), nothing took them, and the function gives
 * them up: it frees their array or object, or it returns an error while
 * they sit in a place of its own, or after it found the result short.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gupcheck.h"
#include "own.h"
#include "own_class.h"


static const cJSON *record(const cJSON *facts, const char *key)
{
	const cJSON *rec;

	cJSON_ArrayForEach(rec, facts)
		if (!strcmp(own_str(rec, "key"), key))
			return rec;
	return NULL;
}

/* Does REC, a function's facts, return the count a GUP call took? */
static bool count_returned(const cJSON *rec)
{
	return cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(rec, "ret_count"));
}

/*
 * Does REC tell its success by returning 0 while it holds the pages a GUP
 * call took (its walk says so)?  Then its result is no count, whatever
 * variable it returns.
 */
static bool zero_returned(const cJSON *rec)
{
	const cJSON *c;

	cJSON_ArrayForEach(c, cJSON_GetObjectItemCaseSensitive(rec, "leaks"))
		if (cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(c,
								  "ret_zero")))
			return true;
	return false;
}

/* Does the function KEY, or one whose value it returns, say WHAT? */
static bool returns(const cJSON *facts, const char *key,
		    bool (*what)(const cJSON *rec), int depth)
{
	const cJSON *rec = record(facts, key), *c;

	if (!rec || depth > 4)
		return false;
	if (what(rec))
		return true;
	cJSON_ArrayForEach(c, cJSON_GetObjectItemCaseSensitive(rec, "ret_calls"))
		if (cJSON_IsString(c) && strcmp(c->valuestring, key) &&
		    returns(facts, c->valuestring, what, depth + 1))
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

/*
 * Does the wrapper KEY leave pages in its parameter ROLE when it
 * succeeds?  Its walk says so for each acquisition into that parameter:
 * one that releases them all before it returns (a scratch array) hands
 * nothing back.  With no such walk, the summary's word stands.
 */
static bool hands_back(const cJSON *facts, const char *key, const char *role)
{
	const cJSON *rec = record(facts, key), *l;
	bool seen = false;

	cJSON_ArrayForEach(l, cJSON_GetObjectItemCaseSensitive(rec, "leaks")) {
		if (strcmp(own_str(l, "place"), role))
			continue;
		if (cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(l, "hands")))
			return true;
		seen = true;
	}
	return !seen;
}

/* Does REC, a function's facts, return what a struct field holds? */
static bool returns_field(const cJSON *rec)
{
	const cJSON *ev;

	cJSON_ArrayForEach(ev, cJSON_GetObjectItemCaseSensitive(rec, "events"))
		if (!strcmp(own_str(ev, "k"), "alias") &&
		    !strcmp(own_str(ev, "n"), "R") &&
		    str_starts(own_str(ev, "m"), "F:"))
			return true;
	return false;
}

struct acq {
	enum page_family fam;
	const cJSON *cl;	/* the wrapper's class, for the way there */
	char *field;		/* an object's field that holds the pages */
	unsigned int held;	/* the classes of the result that hold them */
};

/* What the call of subject L acquires, by the summaries. */
static bool acquires(const cJSON *facts, const struct jindex *sums,
		     const cJSON *l, struct acq *a)
{
	const char *f = own_str(l, "f"), *rec = own_str(l, "rec");
	const cJSON *cl;
	char *prefix;

	memset(a, 0, sizeof(*a));
	if (*f) {
		a->fam = !strcmp(f, "pin") ? FAM_PIN :
			 !strcmp(f, "extract") ? FAM_EXTRACT : FAM_GET;
		a->held = M_P;
		return true;
	}
	prefix = *rec ? xasprintf("F:%s.", rec) : NULL;
	cJSON_ArrayForEach(cl, jindex_get(sums, own_str(l, "fn"))) {
		unsigned int kinds = (unsigned int)own_num(cl, "kinds");

		if (!(kinds & (KIND(FAM_GET) | KIND(FAM_PIN))) ||
		    !cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(cl,
								"acqs")))
			continue;
		if (prefix ? !has_name(cl, prefix, strlen(prefix)) :
			     !has_name(cl, own_str(l, "role"), 0))
			continue;
		/*
		 * pages it returns out of a field are an object's
		 * (etnaviv_gem_get_pages() gives obj->pages): not the caller's
		 */
		if (!prefix && !strcmp(own_str(l, "role"), "R") &&
		    returns_field(record(facts, own_str(l, "fn"))))
			continue;
		a->fam = kinds & KIND(FAM_PIN) ? FAM_PIN : FAM_GET;
		a->cl = cl;
		if (prefix)
			a->field = field_of(cl, prefix);
		break;
	}
	free(prefix);
	if (!a->cl || !hands_back(facts, own_str(l, "fn"), own_str(l, "role")))
		return false;
	/* a count, a pointer to the pages, or 0 for success */
	if ((returns(facts, own_str(l, "fn"), count_returned, 0) &&
	     !returns(facts, own_str(l, "fn"), zero_returned, 0)) ||
	    !strcmp(own_str(l, "role"), "R"))
		a->held = M_P;
	else
		a->held = M_Z | M_P;
	return true;
}

/*
 * Does class CL of a summary release all it holds somewhere: a release
 * of a part of the array (&pages[1]: facts' "part") is not one, nor a
 * put of the reference a mapping held (own_solve.c's "mapref").
 */
static bool whole_release(const cJSON *cl)
{
	const cJSON *r;

	cJSON_ArrayForEach(r, cJSON_GetObjectItemCaseSensitive(cl, "rels"))
		if (!cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(r, "part")) &&
		    !cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(r, "mapref")))
			return true;
	return false;
}

/*
 * Did a call the pages were passed to take them?  PASS is
 * "KEY#ARG[/FIELD|~]@OFFSET[=VAR]" (own_step.c), with "!" at the end if
 * it failed on the path.  A value made from the pages (a pfn handed to
 * a mapping) is taken to have taken them; so is the object holding them
 * if the callee releases its field.
 */
static bool pass_took(const struct jindex *sums, const char *pass,
		      const char *field)
{
	const char *hash = strrchr(pass, '#');
	const char *at = hash ? strchr(hash, '@') : NULL;
	const char *slash = hash ? strchr(hash, '/') : NULL;
	const cJSON *sum, *cl, *n;
	char *key, *param;
	bool took = false;

	if (!hash || !at || pass[strlen(pass) - 1] == '!')
		return false;
	key = xstrndup(pass, (size_t)(hash - pass));
	sum = jindex_get(sums, key);
	if (getenv("GUPCHECK_DEBUG_JUDGE")) {
		char *t = sum ? cJSON_PrintUnformatted(sum) : NULL;

		fprintf(stderr, "judge pass %s: %s\n", pass, t ? t : "none");
		free(t);
	}
	free(key);
	/*
	 * the tree does not say: it may have; a value standing for the
	 * pages ("~pfn") is judged by the callee's summary as the pages are
	 */
	if (!sum)
		return true;
	if ((slash && slash < at) || field) {
		param = slash && slash < at ?
			xasprintf("F:%.*s", (int)(at - slash - 1), slash + 1) :
			xasprintf("F:%s", field);
		cJSON_ArrayForEach(cl, sum)
			if (has_name(cl, param, strlen(param)) &&
			    whole_release(cl))
				took = true;
		free(param);
		return took;
	}
	param = xasprintf("P:%d", atoi(hash + 1));
	cJSON_ArrayForEach(cl, sum) {
		bool mine = false, away = false;

		cJSON_ArrayForEach(n, cJSON_GetObjectItemCaseSensitive(cl,
								"names")) {
			const char *s = cJSON_GetStringValue(n);
			size_t len = strlen(param);

			if (!s)
				continue;
			if (!strncmp(s, param, len) &&
			    (!s[len] || s[len] == '~'))
				mine = true;
			else if (s[0] == 'F' || s[0] == 'G' || s[0] == 'R')
				away = true;
		}
		/* stored into a field, a global or what it returns */
		cJSON_ArrayForEach(n, cJSON_GetObjectItemCaseSensitive(cl,
								"to")) {
			const char *s = cJSON_GetStringValue(n);

			if (s && (s[0] == 'F' || s[0] == 'G' || s[0] == 'R'))
				away = true;
		}
		if (mine && (away || whole_release(cl)))
			took = true;
	}
	free(param);
	return took;
}

/*
 * Does the call of PASS ("KEY#ARG@OFF", the pages themselves) release
 * what it is given, by its summary: a class of that parameter with a
 * release of the whole (whole_release()) and no acquisition, nothing
 * else there?  With FIELD ("struct x.pages"), or a PASS "KEY#ARG/struct
 * x.pages@OFF", the call is given the object whose field holds the
 * pages, and the class is that field's.
 * Unknown is no.
 */
static bool pass_releases(const struct jindex *sums, const char *pass,
			  const char *field)
{
	const char *hash = pass ? strrchr(pass, '#') : NULL;
	const char *at = hash ? strchr(hash, '@') : NULL;
	const char *slash = hash ? strchr(hash, '/') : NULL;
	const cJSON *sum, *cl, *n;
	bool rel = false, other = false;
	char *key, *param;
	size_t len;

	if (!hash || !at || at[-1] == '~' || (slash && slash > at))
		return false;
	key = xstrndup(pass, (size_t)(hash - pass));
	sum = jindex_get(sums, key);
	free(key);
	/* #0/struct x.pages: the object given, whose field holds them */
	if (slash)
		param = xasprintf("F:%.*s", (int)(at - slash - 1), slash + 1);
	else
		param = field ? xasprintf("F:%s", field) :
				xasprintf("P:%d", atoi(hash + 1));
	len = strlen(param);
	cJSON_ArrayForEach(cl, sum) {
		bool mine = false;

		cJSON_ArrayForEach(n, cJSON_GetObjectItemCaseSensitive(cl,
								"names")) {
			const char *s = cJSON_GetStringValue(n);

			if (s && !strncmp(s, param, len) && !s[len])
				mine = true;
		}
		if (!mine)
			continue;
		if (cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(cl,
								"acqs")))
			other = true;
		else if (whole_release(cl))
			rel = true;
	}
	free(param);
	return rel && !other;
}

/*
 * Did any call passed the pages on the way to exit X take them?  For an
 * object's pages, a call passed the object took them if it releases the
 * field (FIELD, "struct x.pages") they are in.
 */
static bool passes_took(const struct jindex *sums, const cJSON *x,
			const char *field)
{
	const cJSON *p;

	cJSON_ArrayForEach(p, cJSON_GetObjectItemCaseSensitive(x, "passes"))
		if (cJSON_IsString(p) &&
		    (pass_took(sums, p->valuestring, NULL) ||
		     (field && pass_took(sums, p->valuestring, field))))
			return true;
	return false;
}

struct judge {
	const struct rules *r;
	const cJSON *facts;
	struct jindex sums;	/* the summaries by key */
	const cJSON *user_only;
	cJSON *findings;
	struct strset *reported;
	const cJSON *rec;	/* the function's facts */
	const cJSON *l;		/* the subject */
	struct acq a;
};

static const char *callee(const struct judge *j)
{
	const char *c = own_str(j->l, "fn"), *colon = strrchr(c, ':');

	return colon ? colon + 1 : c;
}

static const char *held_word(const struct judge *j)
{
	return j->a.fam == FAM_PIN ? "pinned" :
	       j->a.fam == FAM_EXTRACT ? "held" : "referenced";
}

/* Where fact X is: its file, or the function's. */
static const char *file_of(const struct judge *j, const cJSON *x)
{
	return *own_str(x, "file") ? own_str(x, "file") :
	       own_str(j->rec, "file");
}

static void step(cJSON *f, const char *file, int line, int col,
		 const char *msg)
{
	cJSON *at = cJSON_CreateObject();

	cJSON_AddStringToObject(at, "file", file);
	cJSON_AddNumberToObject(at, "line", line);
	cJSON_AddNumberToObject(at, "column", col);
	own_evidence(f, at, msg);
	cJSON_Delete(at);
}

/* What a class of the result says, for the evidence. */
static const char *class_words(unsigned int cls)
{
	cls &= M_ALL;
	if (!cls)
		return "never";
	if (!(cls & ~M_N))
		return "an error";
	if (!(cls & ~M_Z))
		return "zero";
	if (!(cls & ~M_F))
		return "every page asked for";
	if (!(cls & ~(M_S | M_Z)))
		return "fewer pages than asked for";
	if (!(cls & ~(M_S | M_Z | M_N)))
		return "fewer pages than asked for, or an error";
	if (!(cls & ~M_P))
		return "some or all of the pages";
	return "anything";
}

/* The finding at fact X, with its way: acquisition, branches, X. */
static cJSON *finding(struct judge *j, const char *rule, const cJSON *x,
		      const char *msg, const char *last)
{
	const char *file = file_of(j, x);
	const cJSON *tr;
	cJSON *f;
	char *key, *m;

	key = xasprintf("%s|%s|%d|%d", rule, file, own_num(x, "l"),
			own_num(x, "c"));
	if (!strset_add(j->reported, key)) {
		free(key);
		return NULL;
	}
	free(key);
	f = finding_new(rule, rules_rule(j->r, rule)->level, file,
			own_num(x, "l"), own_num(x, "c"), own_str(j->rec, "fn"),
			msg, own_str(x, "code"), "ast");
	m = xasprintf("%s() takes the pages here: %s", callee(j),
		      own_str(j->l, "code"));
	step(f, own_str(j->rec, "file"), own_num(j->l, "l"),
	     own_num(j->l, "c"), m);
	free(m);
	if (j->a.cl)
		own_way(f, cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(
				j->a.cl, "acqs"), 0),
			j->a.fam == FAM_PIN ? "pins" : "takes references on");
	cJSON_ArrayForEach(tr, cJSON_GetObjectItemCaseSensitive(x, "trail")) {
		m = xasprintf("this branch is taken: the result is %s here",
			      class_words((unsigned int)own_num(tr, "cls")));
		step(f, file_of(j, tr), own_num(tr, "l"), own_num(tr, "c"), m);
		free(m);
	}
	step(f, file, own_num(x, "l"), own_num(x, "c"), last);
	cJSON_AddItemToArray(j->findings, f);
	return f;
}

static bool judge_exit(struct judge *j, const cJSON *x)
{
	unsigned int cls = (unsigned int)own_num(x, "cls");
	bool fresh = cJSON_IsTrue(cJSON_GetObjectItem(j->l, "fresh"));
	bool tested = cJSON_IsTrue(cJSON_GetObjectItem(x, "t"));
	bool prior = cJSON_IsTrue(cJSON_GetObjectItem(x, "prior"));
	const char *fr = own_str(x, "free"), *kind = own_str(x, "k");
	const char *var = own_str(j->l, "var"), *req = own_str(j->l, "req");
	char *msg, *field = NULL;
	bool took;

	if (*own_str(j->l, "rec") && j->a.field)
		field = xasprintf("%s.%s", own_str(j->l, "rec"), j->a.field);
	took = passes_took(&j->sums, x, field);
	free(field);
	if ((!(cls & j->a.held) && !prior) || took)
		return false;
	/* the caller's object keeps them, unless it is freed here */
	if (cJSON_IsTrue(cJSON_GetObjectItem(j->l, "theirs")) &&
	    strcmp(kind, "free"))
		return false;
	/* the field's array is freed, or the object holding it */
	if (*own_str(j->l, "rec") && (!j->a.field ||
				      (*fr && !str_ends(fr, j->a.field) &&
				       strcmp(fr, var))))
		return false;
	if (!strcmp(kind, "free") && tested && *req && !j->a.cl &&
	    !(cls & M_F)) {
		msg = xasprintf("when %s() takes fewer pages than the %s asked for, this path frees %s without releasing the %s it took: they stay %s",
				callee(j), req, fr, *own_str(j->l, "res") ?
				own_str(j->l, "res") : "pages",
				held_word(j));
		finding(j, "gup/leak", x, msg,
			"the array holding the pages is freed, the pages it took still held");
	} else if (!strcmp(kind, "free")) {
		msg = xasprintf("%s() frees %s while the pages %s() took at line %d are still %s: nothing on the way here releases them or hands them on; release them first",
				own_str(j->rec, "fn"), fr, callee(j),
				own_num(j->l, "l"), held_word(j));
		finding(j, "gup/leak", x, msg,
			"the array or object holding the pages is freed, the pages still held");
	} else if (tested && *req && !j->a.cl && !(cls & M_F)) {
		msg = xasprintf("when %s() takes fewer pages than the %s asked for, this path returns without releasing the %s it took: they stay %s",
				callee(j), req, *own_str(j->l, "res") ?
				own_str(j->l, "res") : "pages",
				held_word(j));
		finding(j, "gup/leak", x, msg,
			"the function returns, the pages it took still held");
	} else if (fresh || prior || (*own_str(j->l, "f") && *req)) {
		msg = xasprintf("%s() returns an error here while the pages %s() took into %s at line %d are still %s: nothing on this path releases them or hands them on",
				own_str(j->rec, "fn"), callee(j), var,
				own_num(j->l, "l"), held_word(j));
		finding(j, "gup/leak", x, msg,
			"the function returns an error, the pages still held");
	} else {
		return false;
	}
	free(msg);
	return true;
}

static void judge_count(struct judge *j, const cJSON *x)
{
	const char *kind = own_str(x, "k"), *res = own_str(j->l, "res");
	const char *req = own_str(j->l, "req"), *cnt = own_str(x, "cnt");
	const cJSON *first;
	char *msg, *field = NULL;

	if (!res[0])
		res = "result";
	if (*own_str(j->l, "rec") && j->a.field)
		field = xasprintf("%s.%s", own_str(j->l, "rec"), j->a.field);
	if (!strcmp(kind, "over") && *own_str(j->l, "at")) {
		msg = xasprintf("the loop calling %s() round by round stopped before the last round, and %s pages are released, not the %s taken so far: pages never taken are released too",
				callee(j), *cnt ? cnt : own_str(j->l, "total"),
				own_str(j->l, "at"));
		finding(j, "gup/leak", x, msg,
			"the count of every round is released");
	} else if (!strcmp(kind, "over")) {
		msg = xasprintf("after %s() took fewer pages than the %s asked for, %s pages are released, not the %s it took: the pages it did not take are released too",
				callee(j), req, *cnt ? cnt : req, res);
		finding(j, "gup/leak", x, msg,
			"the count asked for is released");
	} else if (!strcmp(kind, "neg")) {
		msg = xasprintf("%s() may have failed: its result %s can be a negative error code here, and is released as a page count; test it (%s > 0) before releasing",
				callee(j), res, res);
		finding(j, "gup/leak", x, msg,
			"a count that may be negative is released");
	} else if ((!strcmp(kind, "double") ||
		    (!strcmp(kind, "double?") &&
		     (!cJSON_GetObjectItem(x, "p1") ||
		      pass_releases(&j->sums, own_str(x, "p1"),
				    field)) &&
		     (!cJSON_GetObjectItem(x, "p2") ||
		      pass_releases(&j->sums, own_str(x, "p2"),
				    field)))) &&
		   rules_enabled(j->r, "gup/double-release")) {
		first = cJSON_GetObjectItem(x, "first");
		msg = xasprintf("the pages %s() took at line %d are released a second time here: this path released them at line %d already",
				callee(j), own_num(j->l, "l"),
				own_num(first, "l"));
		if (finding(j, "gup/double-release", x, msg,
			    "the same pages are released again"))
			step(cJSON_GetArrayItem(j->findings,
						cJSON_GetArraySize(j->findings) - 1),
			     file_of(j, first), own_num(first, "l"),
			     own_num(first, "c"), "the first release");
	} else {
		free(field);
		return;
	}
	free(field);
	free(msg);
}

/* Does LIST name a place the caller sees, other than ROLE? */
static bool names_other(const cJSON *list, const char *role)
{
	const cJSON *n;

	cJSON_ArrayForEach(n, list) {
		const char *s = cJSON_GetStringValue(n);

		if (s && (s[0] == 'P' || s[0] == 'R' || s[0] == 'F' ||
			  s[0] == 'G') && strncmp(s, role, strlen(role)))
			return true;
	}
	return false;
}

/*
 * Does the wrapper's class hand the pages to the caller some other way
 * too (another parameter, its value, a struct field or a global): then
 * the caller's own place is not the only one that holds them, and no
 * exit of it is judged.
 */
static bool handed_elsewhere(const struct judge *j)
{
	const char *role = own_str(j->l, "role");

	if (!j->a.cl || *own_str(j->l, "rec"))
		return false;
	/* names of the class, and of the classes its pages flow into */
	return names_other(cJSON_GetObjectItemCaseSensitive(j->a.cl, "names"),
			   role) ||
	       names_other(cJSON_GetObjectItemCaseSensitive(j->a.cl, "to"),
			   role);
}

void own_judge(const struct rules *r, const cJSON *facts,
	       const cJSON *summaries, const cJSON *user_only,
	       cJSON *findings, struct strset *reported)
{
	struct judge j = { .r = r, .facts = facts, .user_only = user_only,
			   .findings = findings, .reported = reported };
	const cJSON *x;
	bool leak = rules_enabled(r, "gup/leak"), freed;

	if (!leak && !rules_enabled(r, "gup/double-release"))
		return;
	jindex_init(&j.sums, summaries);
	cJSON_ArrayForEach(j.rec, facts) {
		cJSON_ArrayForEach(j.l, cJSON_GetObjectItemCaseSensitive(j.rec,
								"leaks")) {
			bool acq = acquires(facts, &j.sums, j.l, &j.a);

			if (getenv("GUPCHECK_DEBUG_JUDGE"))
				fprintf(stderr, "judge %s: subject %s at %d: %s%s\n",
					own_str(j.rec, "fn"),
					own_str(j.l, "var"), own_num(j.l, "l"),
					acq ? "acquires" : "does not acquire",
					acq && handed_elsewhere(&j) ?
					", handed elsewhere too" : "");
			if (!acq)
				continue;
			/*
			 * a kvec or bvec iterator gives pages without a pin:
			 * nothing is held on its exits, but a release (which
			 * the function guards, if it is right) of more pages
			 * than were extracted is wrong for every iterator
			 */
			if (j.a.fam == FAM_EXTRACT &&
			    !cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(
					user_only, own_str(j.rec, "key")))) {
				cJSON_ArrayForEach(x, cJSON_GetObjectItem(j.l,
								"counts"))
					if (leak && !strcmp(own_str(x, "k"),
							    "over"))
						judge_count(&j, x);
				free(j.a.field);
				continue;
			}
			/*
			 * The free of their array, else an error return: one
			 * finding for the way they are lost.
			 */
			freed = false;
			cJSON_ArrayForEach(x, cJSON_GetObjectItem(j.l, "exits"))
				if (leak && !handed_elsewhere(&j) &&
				    !strcmp(own_str(x, "k"), "free"))
					freed |= judge_exit(&j, x);
			cJSON_ArrayForEach(x, cJSON_GetObjectItem(j.l, "exits"))
				if (leak && !handed_elsewhere(&j) && !freed &&
				    strcmp(own_str(x, "k"), "free"))
					judge_exit(&j, x);
			cJSON_ArrayForEach(x, cJSON_GetObjectItem(j.l, "counts"))
				if (leak || !strncmp(own_str(x, "k"), "double", 6))
					judge_count(&j, x);
			free(j.a.field);
		}
	}
	jindex_free(&j.sums);
}
