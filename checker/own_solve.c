// SPDX-License-Identifier: GPL-2.0
/*
 * The ownership analysis, part two: the whole tree's facts, joined.
 *
 * Within a function, places that alias are one class (union-find over
 * the place names of own_facts.c), and a class knows how its pages were
 * obtained (get, pin, extract, other) and where they are released.  A
 * function's summary is what it does to the classes its caller can see:
 * its parameters, its return value, and struct fields and globals.  A
 * call replays the callee's summary on the caller's arguments.  Summaries
 * are iterated to a fixed point, so wrappers of wrappers are understood.
 *
 * Fields and globals are the same place in every function: their classes
 * are joined across the tree, so pages pinned into a struct in one file
 * and put from it in another meet in one class.
 *
 * A release is a mismatch only when the class has pages of one kind: a
 * class that also holds pages of the other kind, or pages from elsewhere,
 * is released by code that must know which is which, and a release
 * chosen by a guard (own_facts.c) is correct code.
 */
#include <stdlib.h>
#include <string.h>

#include "gupcheck.h"
#include "own_class.h"
#include "own_mismatch.h"

#define MAX_NODES 2000
#define MAX_GLOBAL 200000
#define MAX_ROUNDS 12

struct fnrec {
	cJSON *rec;		/* from own_facts.c */
	const char *key;
	const char *name;
	const char *file;
	bool ops;		/* a field's targets (own_ops.c), not code */
};

struct solver {
	const struct rules *r;
	struct fnrec *fn;
	size_t nr_fn;
	cJSON *summaries;	/* key -> array of classes */
	struct jindex sums;	/* its members by key */
	cJSON *user_only;	/* key -> true: its iterators are user-backed */
	struct jindex users;	/* its members by key */
	struct strset changed;	/* keys whose summary the last round changed */
	struct uf global;	/* fields and globals of the whole tree */
	struct strset reported;
	struct own_mismatch mm;	/* the mismatch rules' findings */
	struct strvec *follow;	/* own_ops_follow()'s, or NULL */
	struct jindex ops;	/* own_ops_records() by key */
	struct strset targets;	/* the functions they call */
};

static bool visible(const char *name)
{
	return name[0] == 'P' || name[0] == 'R' || name[0] == 'F' ||
	       name[0] == 'G';
}

static bool global_place(const char *name)
{
	return name[0] == 'F' || name[0] == 'G';
}

static cJSON *site(const struct fnrec *f, const cJSON *ev, const char *what)
{
	cJSON *s = cJSON_CreateObject();
	const char *file = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(ev,
								     "file"));

	cJSON_AddStringToObject(s, "file", file ? file : f->file);
	cJSON_AddNumberToObject(s, "line",
				cJSON_GetObjectItemCaseSensitive(ev, "l")->valueint);
	cJSON_AddNumberToObject(s, "column",
				cJSON_GetObjectItemCaseSensitive(ev, "c")->valueint);
	cJSON_AddStringToObject(s, "function", f->name);
	cJSON_AddStringToObject(s, "what", what);
	return s;
}

static enum page_family fam_of(const cJSON *ev)
{
	const char *f = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(ev, "f"));
	int i;

	for (i = 0; f && i < NR_FAMILIES; i++)
		if (strcmp(family_names[i], f) == 0)
			return i;
	return FAM_NONE;
}

/* A release as the classes carry it: where, how, and the way there. */
static cJSON *release_of(const struct fnrec *f, const cJSON *ev)
{
	cJSON *r = site(f, ev, cJSON_GetStringValue(
				cJSON_GetObjectItemCaseSensitive(ev, "api")));
	static const char * const keys[] = { "f", "g", "code", "unpin_fix",
					      "put_fix", "part" };
	size_t i;

	for (i = 0; i < ARRAY_SIZE(keys); i++) {
		const cJSON *v = cJSON_GetObjectItemCaseSensitive(ev, keys[i]);

		if (v)
			cJSON_AddItemToObject(r, keys[i],
					      cJSON_Duplicate(v, true));
	}
	cJSON_AddItemToObject(r, "via", cJSON_CreateArray());
	return r;
}

static cJSON *acquire_of(const struct fnrec *f, const cJSON *ev)
{
	cJSON *a = site(f, ev, cJSON_GetStringValue(
				cJSON_GetObjectItemCaseSensitive(ev, "api")));

	cJSON_AddItemToObject(a, "via", cJSON_CreateArray());
	return a;
}

/* The caller's name for the callee's place NAME, or NULL. */
static char *map_name(const char *name, const cJSON *call)
{
	const cJSON *args = cJSON_GetObjectItemCaseSensitive(call, "a");
	const char *node = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(call,
								     "n"));
	const char *rest = name + own_root_len(name);
	const cJSON *a;

	if (global_place(name))
		return xstrdup(name);
	if (name[0] == 'R')
		return xasprintf("%s%s", node, rest);
	if (name[0] != 'P')
		return NULL;
	a = cJSON_GetArrayItem(args, atoi(name + 2));
	if (!cJSON_IsString(a))
		return NULL;
	return xasprintf("%s%s", a->valuestring, rest);
}

/* Prepend the call site to the way of each copied item. */
static void add_via(cJSON *to, const cJSON *from, const cJSON *call_site)
{
	const cJSON *it;

	cJSON_ArrayForEach(it, from) {
		cJSON *c = cJSON_Duplicate(it, true);
		cJSON *via = cJSON_DetachItemFromObject(c, "via");

		/* the call site first; cJSON 1.7.15's insert is unreliable */
		if (call_site && cJSON_GetArraySize(via) < 6) {
			cJSON *n = cJSON_CreateArray();

			cJSON_AddItemToArray(n, cJSON_Duplicate(call_site,
								 true));
			json_move_items(n, via);
			cJSON_Delete(via);
			via = n;
		}
		cJSON_AddItemToObject(c, "via", via ? via :
				      cJSON_CreateArray());
		if (own_room_for(to, c))
			cJSON_AddItemToArray(to, c);
		else
			cJSON_Delete(c);
	}
}

static void replay(struct uf *u, const struct fnrec *f, const cJSON *call,
		   const cJSON *summary)
{
	const cJSON *cl;
	cJSON *cs = site(f, call, cJSON_GetStringValue(
				cJSON_GetObjectItemCaseSensitive(call, "fn")));

	cJSON_AddStringToObject(cs, "code", cJSON_GetStringValue(
				cJSON_GetObjectItemCaseSensitive(call, "code")) ?: "");
	cJSON_ArrayForEach(cl, summary) {
		unsigned int kinds = (unsigned int)cJSON_GetObjectItemCaseSensitive(
			cl, "kinds")->valueint;
		const cJSON *nm;
		int first = -1;

		cJSON_ArrayForEach(nm, cJSON_GetObjectItemCaseSensitive(cl, "names")) {
			char *m = map_name(nm->valuestring, call);
			int k = m ? uf_node(u, m) : -1;

			/*
			 * get_page() on the caller's pages: the callee's own
			 * reference, kept where it stores them, not another
			 * way the caller's pages were taken
			 */
			if (nm->valuestring[0] == 'P')
				kinds &= ~KIND(FAM_REF);
			free(m);
			if (k < 0)
				continue;
			if (first < 0)
				first = k;
			else
				uf_union(u, first, k);
		}
		if (first < 0)
			continue;
		first = uf_find(u, first);
		u->c[first].kinds |= kinds;
		add_via(u->c[first].acqs, cJSON_GetObjectItemCaseSensitive(cl, "acqs"), cs);
		add_via(u->c[first].rels, cJSON_GetObjectItemCaseSensitive(cl, "rels"), cs);
		cJSON_ArrayForEach(nm, cJSON_GetObjectItemCaseSensitive(cl, "to")) {
			char *m = map_name(nm->valuestring, call);

			if (m)
				uf_flow(u, first, uf_node(u, m));
			free(m);
		}
	}
	cJSON_Delete(cs);
}


/*
 * The places EVENTS give pages from two different places (if (dio)
 * x->pages = a; else x->pages = b;), into OUT: such a place is not one
 * place with either, the pages of both flow into it.  A value made from
 * the place itself (sg = sg_next(sg), p = p->next) is no other place.
 */
static void fed_twice(const cJSON *events, struct strset *out)
{
	struct strset pairs = { 0 }, sources = { 0 }, fed = { 0 };
	const cJSON *ev;
	char *key;

	cJSON_ArrayForEach(ev, events) {
		if (strcmp(own_str(ev, "k"), "alias"))
			continue;
		key = xasprintf("%s\x1f%s", own_str(ev, "n"), own_str(ev, "m"));
		strset_add(&pairs, key);
		free(key);
	}
	cJSON_ArrayForEach(ev, events) {
		const char *n = own_str(ev, "n"), *m = own_str(ev, "m");
		size_t len = strlen(n);
		bool own;

		if (strcmp(own_str(ev, "k"), "alias") || !*m)
			continue;
		key = xasprintf("%s\x1f%s", m, n);
		own = (!strncmp(m, n, len) && m[len] == '~') ||
		      strset_has(&pairs, key, strlen(key));
		free(key);
		if (own)
			continue;
		key = xasprintf("%s\x1f%s", n, m);
		if (strset_add(&sources, key) && !strset_add(&fed, n))
			strset_add(out, n);
		free(key);
	}
	strset_free(&pairs);
	strset_free(&sources);
	strset_free(&fed);
}

/*
 * obj->pages = pvec: a local's pages, or a parameter's, go into a field,
 * which other functions fill with pages of their own (a GEM object's
 * pages pinned for a userptr, or taken from shmem).  They flow into the
 * field's class and the local's class stays what the function gave it,
 * so a release through the local is judged by where its own pages came
 * from; a caller's pages a helper stores (and takes a reference of its
 * own on: vduse_domain_add_user_bounce_pages()) stay what the caller
 * took.
 */
static bool into_field(const char *to, const char *from)
{
	return global_place(to) && (from[0] == 'L' || from[0] == 'P');
}

/* The classes of one function under the current summaries. */
static void build(struct solver *s, const struct fnrec *f, struct uf *u)
{
	const cJSON *events = cJSON_GetObjectItemCaseSensitive(f->rec, "events");
	cJSON *unmaps = cJSON_CreateArray();
	struct strset twice = { 0 };
	const cJSON *ev;

	fed_twice(events, &twice);
	cJSON_ArrayForEach(ev, events)
		if (!strcmp(own_str(ev, "k"), "call") &&
		    strvec_contains(&s->r->own.unmappers, own_str(ev, "fn")))
			cJSON_AddItemReferenceToArray(unmaps, (cJSON *)ev);
	cJSON_ArrayForEach(ev, events) {
		const char *k = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(ev,
									  "k"));
		const char *n = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(ev,
									  "n"));
		int i;

		/* a pinned flag set is own_flagged.c's, no place of pages */
		if (!k || !n || !strcmp(k, "pset"))
			continue;
		i = uf_node(u, n);
		if (i < 0)
			continue;
		i = uf_find(u, i);
		if (!strcmp(k, "alias") && (strset_has(&twice, n, strlen(n)) ||
					     into_field(n, own_str(ev, "m")))) {
			uf_flow(u, uf_node(u, own_str(ev, "m")), i);
		} else if (!strcmp(k, "alias")) {
			uf_union(u, i, uf_node(u, own_str(ev, "m")));
		} else if (!strcmp(k, "flow")) {
			uf_flow(u, uf_node(u, own_str(ev, "m")), i);
		} else if (!strcmp(k, "acq")) {
			enum page_family fam = fam_of(ev);

			/* extracting from a user-backed iterator pins */
			if (fam == FAM_EXTRACT &&
			    cJSON_IsTrue(jindex_get(&s->users, f->key)))
				fam = FAM_PIN;
			u->c[i].kinds |= KIND(fam);
			if (cJSON_GetArraySize(u->c[i].acqs) < MAX_ITEMS)
				cJSON_AddItemToArray(u->c[i].acqs,
						     acquire_of(f, ev));
		} else if (!strcmp(k, "oth")) {
			u->c[i].kinds |= KIND(FAM_OTHER);
		} else if (!strcmp(k, "rel")) {
			cJSON *rel = release_of(f, ev);

			if (uf_unmapped(u, unmaps, i, own_num(ev, "l"))) {
				cJSON_ReplaceItemInObject(rel, "g",
							  cJSON_CreateTrue());
				cJSON_AddTrueToObject(rel, "mapref");
			}

			if (own_room_for(u->c[i].rels, rel))
				cJSON_AddItemToArray(u->c[i].rels, rel);
			else
				cJSON_Delete(rel);
		}
	}
	cJSON_ArrayForEach(ev, cJSON_GetObjectItemCaseSensitive(f->rec, "events")) {
		const char *k = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(ev,
									  "k"));
		const cJSON *sum;

		if (!k || strcmp(k, "call"))
			continue;
		sum = jindex_get(&s->sums, own_str(ev, "fn"));
		if (sum) {
			replay(u, f, ev, sum);
		} else if (cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(ev, "ret")) &&
			   !str_starts(own_str(ev, "fn"), "ops:")) {
			/*
			 * a page from a function the tree does not define; a
			 * field no table fills, or too many, says nothing
			 */
			int n = uf_node(u, own_str(ev, "n"));

			if (n >= 0)
				u->c[uf_find(u, n)].kinds |= KIND(FAM_OTHER);
		}
	}
	strset_free(&twice);
	cJSON_Delete(unmaps);
	uf_close_suffixes(u);
	uf_close_flows(u);
}

/*
 * Where the pages of class ROOT go: the visible classes they flow into
 * (a name or two of each) to TO, and the releases of the classes no
 * caller can name that they flow into (a page read out of a table and
 * put) to RELS, as the caller would see them had the two been one.
 */
static void flows_out(struct uf *u, int root, const int *vis, cJSON *to,
		      cJSON *rels)
{
	int *down = xmalloc((u->n + 1) * sizeof(*down));
	size_t nd = uf_downstream(u, root, down), i, j;

	for (i = 0; i < nd; i++) {
		int named = 0;

		if (vis[down[i]] < 0) {
			add_via(rels, u->c[down[i]].rels, NULL);
			continue;
		}
		for (j = 0; j < u->n && named < 2; j++)
			if (uf_find(u, (int)j) == down[i] &&
			    visible(u->name[j]) && ++named)
				cJSON_AddItemToArray(to,
					cJSON_CreateString(u->name[j]));
	}
	free(down);
}

/* What the caller sees of the classes: the summary. */
static cJSON *summarize(struct uf *u)
{
	cJSON *sum = cJSON_CreateArray();
	int *vis = xmalloc((u->n + 1) * sizeof(*vis));
	size_t i, j;

	for (i = 0; i < u->n; i++)
		vis[i] = -1;
	for (i = 0; i < u->n; i++)
		if (visible(u->name[i]) && vis[uf_find(u, (int)i)] < 0)
			vis[uf_find(u, (int)i)] = (int)i;
	for (i = 0; i < u->n; i++) {
		cJSON *names, *cl, *rels, *to;
		int nvis = 0;

		if (uf_find(u, (int)i) != (int)i || vis[i] < 0)
			continue;
		names = cJSON_CreateArray();
		for (j = 0; j < u->n; j++)
			if (uf_find(u, (int)j) == (int)i &&
			    visible(u->name[j]) && nvis++ < 16)
				cJSON_AddItemToArray(names,
					cJSON_CreateString(u->name[j]));
		rels = cJSON_Duplicate(u->c[i].rels, true);
		to = cJSON_CreateArray();
		if (u->nflow)
			flows_out(u, (int)i, vis, to, rels);
		if (!u->c[i].kinds && !cJSON_GetArraySize(rels) &&
		    !cJSON_GetArraySize(to) && nvis < 2) {
			cJSON_Delete(names);
			cJSON_Delete(rels);
			cJSON_Delete(to);
			continue;
		}
		cl = cJSON_CreateObject();
		cJSON_AddItemToObject(cl, "names", names);
		cJSON_AddNumberToObject(cl, "kinds", u->c[i].kinds);
		cJSON_AddItemToObject(cl, "acqs",
				      cJSON_Duplicate(u->c[i].acqs, true));
		cJSON_AddItemToObject(cl, "rels", rels);
		if (cJSON_GetArraySize(to))
			cJSON_AddItemToObject(cl, "to", to);
		else
			cJSON_Delete(to);
		cJSON_AddItemToArray(sum, cl);
	}
	free(vis);
	return sum;
}

/*
 * The functions whose iterators are user-backed: they test it
 * themselves, or every call of them is made only for user-backed ones.
 */
static cJSON *user_only(const struct solver *s)
{
	struct strset called = { 0 }, other = { 0 }, done = { 0 };
	cJSON *res = cJSON_CreateObject();
	const cJSON *ev;
	size_t i;

	/* the functions called, and those called for another iterator too */
	for (i = 0; i < s->nr_fn; i++) {
		cJSON_ArrayForEach(ev, cJSON_GetObjectItemCaseSensitive(s->fn[i].rec,
							   "events")) {
			const char *fn = cJSON_GetStringValue(
				cJSON_GetObjectItemCaseSensitive(ev, "fn"));

			if (!fn)
				continue;
			strset_add(&called, fn);
			if (!cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(ev,
									   "ug")))
				strset_add(&other, fn);
		}
	}
	for (i = 0; i < s->nr_fn; i++) {
		const char *key = s->fn[i].key;
		size_t len = strlen(key);
		bool all = strset_has(&called, key, len) &&
			   !strset_has(&other, key, len);

		if ((all || cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(s->fn[i].rec,
							     "user"))) &&
		    strset_add(&done, key))
			cJSON_AddTrueToObject(res, key);
	}
	strset_free(&called);
	strset_free(&other);
	strset_free(&done);
	return res;
}

static int fnrec_compare(const void *a, const void *b)
{
	const struct fnrec *x = a, *y = b;
	int c = strcmp(x->key, y->key);

	return c ? c : strcmp(x->file, y->file);
}

/* Does F call a function whose summary changed in the last round? */
static bool calls_changed(const struct solver *s, const struct fnrec *f)
{
	const cJSON *ev;

	cJSON_ArrayForEach(ev, cJSON_GetObjectItemCaseSensitive(f->rec, "events")) {
		const char *fn = own_str(ev, "fn");

		if (*fn && !strcmp(own_str(ev, "k"), "call") &&
		    strset_has(&s->changed, fn, strlen(fn)))
			return true;
	}
	return false;
}

/* The summary of the records FROM..TO-1, which share their key. */
static cJSON *summary_of(struct solver *s, size_t from, size_t to)
{
	cJSON *sum = NULL, *part;
	size_t i;

	for (i = from; i < to; i++) {
		struct uf u = { .max = MAX_NODES };

		build(s, &s->fn[i], &u);
		part = summarize(&u);
		uf_free(&u);
		if (!sum) {
			sum = part;
		} else {
			json_move_items(sum, part);
			cJSON_Delete(part);
		}
	}
	return sum;
}

/*
 * One round: every function's summary from its callees' of the last
 * round.  A function none of whose callees' summaries changed in the
 * last round keeps its own: the same facts and the same callees' give
 * the same summary, so only the callers of what changed are built again.
 * The keys whose summary changed go to s->changed.
 */
static bool round_once(struct solver *s)
{
	cJSON *next = cJSON_CreateObject(), *sum;
	struct strset changed = { 0 };
	size_t i, j;

	for (i = 0; i < s->nr_fn; i = j) {
		const char *key = s->fn[i].key;
		const cJSON *old = jindex_get(&s->sums, key);
		bool redo = !old;
		char *a, *b;

		/* s->fn is sorted by key: the records of one key are together */
		for (j = i; j < s->nr_fn && !strcmp(s->fn[j].key, key); j++)
			redo = redo || calls_changed(s, &s->fn[j]);
		if (!redo) {
			/* moved, not copied: its content stays the same */
			cJSON_AddItemToObject(next, key,
				cJSON_DetachItemViaPointer(s->summaries,
							   (cJSON *)old));
			continue;
		}
		sum = summary_of(s, i, j);
		if (s->fn[i].ops)
			own_ops_ambiguous(sum);
		cJSON_AddItemToObject(next, key, sum);
		a = cJSON_PrintUnformatted(sum);
		b = old ? cJSON_PrintUnformatted(old) : NULL;
		if (!b || strcmp(a, b))
			strset_add(&changed, key);
		free(a);
		free(b);
	}
	strset_free(&s->changed);
	s->changed = changed;
	cJSON_Delete(s->summaries);
	s->summaries = next;
	jindex_free(&s->sums);
	jindex_init(&s->sums, s->summaries);
	return s->changed.n > 0;
}

/*
 * A local class whose pages came out of fields or globals (a page read
 * out of a table): judged once the tree's classes of those are known.
 */
struct pending {
	struct cls c;
	int *from;		/* nodes of s->global */
	size_t n;
};

struct pendings {
	struct pending *p;
	size_t n, cap;
};

/* The node of s->global for each local class with a global name, or -1. */
static int *global_nodes(struct solver *s, struct uf *u)
{
	int *g = xmalloc((u->n + 1) * sizeof(*g));
	size_t k;

	for (k = 0; k < u->n; k++)
		g[k] = -1;
	for (k = 0; k < u->n; k++) {
		int r = uf_find(u, (int)k), n;

		if (!global_place(u->name[k]))
			continue;
		n = uf_node(&s->global, u->name[k]);
		if (n < 0)
			continue;
		if (g[r] < 0)
			g[r] = n;
		else
			uf_union(&s->global, g[r], n);
	}
	return g;
}

static void defer(struct pendings *ps, struct uf *u, int j, const int *g,
		  const int *up, size_t nup)
{
	struct pending *p;
	size_t k;

	if (ps->n == ps->cap) {
		ps->cap = ps->cap ? ps->cap * 2 : 16;
		ps->p = xrealloc(ps->p, ps->cap * sizeof(*ps->p));
	}
	p = &ps->p[ps->n++];
	p->c.kinds = u->c[j].kinds;
	p->c.acqs = cJSON_Duplicate(u->c[j].acqs, true);
	p->c.rels = cJSON_Duplicate(u->c[j].rels, true);
	p->from = xmalloc((nup + 1) * sizeof(*p->from));
	p->n = 0;
	for (k = 0; k < nup; k++)
		if (g[up[k]] >= 0)
			p->from[p->n++] = g[up[k]];
}

/*
 * One function's classes: a local one is judged here, or later if pages
 * of a field flow into it; one with a field or a global is handed to the
 * tree's classes, with the flows between such classes.
 */
static void decide_fn(struct solver *s, struct uf *u, struct pendings *ps)
{
	int *g = global_nodes(s, u), *near = xmalloc((u->n + 1) * sizeof(int));
	size_t j, k, n;

	for (j = 0; j < u->n; j++) {
		bool from_global = false;

		if (uf_find(u, (int)j) != (int)j)
			continue;
		if (g[j] < 0) {
			n = u->nflow ? uf_upstream(u, (int)j, near) : 0;
			for (k = 0; k < n; k++)
				from_global |= g[near[k]] >= 0;
			if (from_global && cJSON_GetArraySize(u->c[j].rels))
				defer(ps, u, (int)j, g, near, n);
			else if (!from_global)
				own_mismatch_judge(&s->mm, &u->c[j]);
			continue;
		}
		n = u->nflow ? uf_downstream(u, (int)j, near) : 0;
		for (k = 0; k < n; k++)
			if (g[near[k]] >= 0)
				uf_flow(&s->global, g[j], g[near[k]]);
		k = (size_t)uf_find(&s->global, g[j]);
		s->global.c[k].kinds |= u->c[j].kinds;
		add_via(s->global.c[k].acqs, u->c[j].acqs, NULL);
		add_via(s->global.c[k].rels, u->c[j].rels, NULL);
	}
	free(near);
	free(g);
}

/* Final pass: judge local classes, and hand global ones to the tree. */
static void decide(struct solver *s)
{
	struct pendings ps = { 0 };
	size_t i, j;

	for (i = 0; i < s->nr_fn; i++) {
		struct uf u = { .max = MAX_NODES };

		/* its targets' classes are theirs, judged with them */
		if (s->fn[i].ops)
			continue;
		build(s, &s->fn[i], &u);
		if (s->follow)
			own_ops_follow(&u, s->fn[i].rec, &s->sums, &s->ops,
				       strset_has(&s->targets, s->fn[i].key,
						  strlen(s->fn[i].key)),
				       s->follow);
		decide_fn(s, &u, &ps);
		uf_free(&u);
	}
	uf_close_suffixes(&s->global);
	uf_close_flows(&s->global);
	for (j = 0; j < s->global.n; j++)
		if (uf_find(&s->global, (int)j) == (int)j)
			own_mismatch_judge(&s->mm, &s->global.c[j]);
	for (i = 0; i < ps.n; i++) {
		struct pending *p = &ps.p[i];

		for (j = 0; j < p->n; j++) {
			struct cls *c = &s->global.c[uf_find(&s->global,
							     p->from[j])];

			p->c.kinds |= c->kinds;
			add_via(p->c.acqs, c->acqs, NULL);
		}
		own_mismatch_judge(&s->mm, &p->c);
		cJSON_Delete(p->c.acqs);
		cJSON_Delete(p->c.rels);
		free(p->from);
	}
	free(ps.p);
	own_mismatch_finish(&s->mm);
}

#define GUP_KINDS (KIND(FAM_GET) | KIND(FAM_PIN) | KIND(FAM_EXTRACT))

static bool hands_out(const cJSON *cl)
{
	const cJSON *n;

	cJSON_ArrayForEach(n, cJSON_GetObjectItemCaseSensitive(cl, "names"))
		if (cJSON_IsString(n) && (n->valuestring[0] == 'P' ||
					  n->valuestring[0] == 'R'))
			return true;
	return false;
}

static void learn_wrappers(const cJSON *summaries, struct strvec *out)
{
	const cJSON *fn, *cl;

	cJSON_ArrayForEach(fn, summaries) {
		bool does = false;

		if (strchr(fn->string, ':'))
			continue;
		/* it hands its callers pages from GUP */
		cJSON_ArrayForEach(cl, fn)
			does |= (own_num(cl, "kinds") & GUP_KINDS) &&
				hands_out(cl);
		if (does && !strvec_contains(out, fn->string))
			strvec_push(out, fn->string);
	}
}

static bool pair_known(const struct strvec *sv, const char *a,
		       const char *b)
{
	size_t i;

	for (i = 0; i + 1 < sv->n; i += 2)
		if (!strcmp(sv->v[i], a) && !strcmp(sv->v[i + 1], b))
			return true;
	return false;
}

static void learn_fields(struct uf *g, struct strvec *out)
{
	size_t i;

	for (i = 0; i < g->n; i++) {
		const char *n = g->name[i], *sp, *dot;
		char *tag, *field;

		if (n[0] != 'F' ||
		    !(g->c[uf_find(g, (int)i)].kinds & GUP_KINDS))
			continue;
		sp = strchr(n, ' ');
		dot = sp ? strchr(sp, '.') : NULL;
		if (!dot)
			continue;
		tag = xstrndup(sp + 1, (size_t)(dot - sp - 1));
		field = xstrndup(dot + 1, strcspn(dot + 1, ".~"));
		if (!pair_known(out, tag, field) && !strchr(tag, ':')) {
			strvec_push_nocopy(out, tag);
			strvec_push_nocopy(out, field);
		} else {
			free(tag);
			free(field);
		}
	}
}

/* Take the facts that rode along with the findings out of them. */
static cJSON *take_facts(cJSON *findings)
{
	cJSON *all = cJSON_CreateArray();
	int i;

	for (i = cJSON_GetArraySize(findings) - 1; i >= 0; i--) {
		cJSON *it = cJSON_GetArrayItem(findings, i);
		cJSON *f = cJSON_GetObjectItemCaseSensitive(it, "facts");

		if (!f)
			continue;
		json_move_items(all, f);
		cJSON_DeleteItemFromArray(findings, i);
	}
	return all;
}

/*
 * Solve FACTS and add the findings to FINDINGS.  WRAPPERS gets the
 * global functions that acquire or release for their callers, FIELDS
 * the struct tag and field name of each field holding acquired pages,
 * in pairs, FOLLOW where to look for the code acquired pages are handed
 * to that FACTS do not have (own_ops_follow()).  Returns the summaries;
 * the caller frees them.
 */
cJSON *own_solve(const struct rules *r, cJSON *facts, cJSON *findings,
		 struct strvec *wrappers, struct strvec *fields,
		 struct strvec *follow)
{
	struct solver s = { .r = r, .global = { .max = MAX_GLOBAL },
			    .follow = follow };
	cJSON *ops = own_ops_records(facts);
	const cJSON *rec;
	int rounds = 0;
	size_t i = 0;

	s.fn = xcalloc((size_t)(cJSON_GetArraySize(facts) +
				cJSON_GetArraySize(ops)) + 1, sizeof(*s.fn));
	cJSON_ArrayForEach(rec, facts) {
		s.fn[i].rec = (cJSON *)rec;
		s.fn[i].key = own_str(rec, "key");
		s.fn[i].name = own_str(rec, "fn");
		s.fn[i].file = own_str(rec, "file");
		i++;
	}
	cJSON_ArrayForEach(rec, ops) {
		s.fn[i].rec = (cJSON *)rec;
		s.fn[i].key = own_str(rec, "key");
		s.fn[i].name = own_str(rec, "fn");
		s.fn[i].file = own_str(rec, "file");
		s.fn[i++].ops = true;
	}
	jindex_init(&s.ops, ops);
	own_ops_targets(ops, &s.targets);
	s.nr_fn = i;
	qsort(s.fn, s.nr_fn, sizeof(*s.fn), fnrec_compare);
	s.user_only = user_only(&s);
	jindex_init(&s.users, s.user_only);
	own_mismatch_init(&s.mm, r, findings, &s.reported);
	s.summaries = cJSON_CreateObject();
	while (round_once(&s) && ++rounds < MAX_ROUNDS)
		;
	decide(&s);
	own_judge(r, facts, s.summaries, s.user_only, findings, &s.reported);
	own_flagged(r, facts, findings, &s.reported);
	if (wrappers)
		learn_wrappers(s.summaries, wrappers);
	if (fields)
		learn_fields(&s.global, fields);
	uf_free(&s.global);
	jindex_free(&s.sums);
	jindex_free(&s.users);
	strset_free(&s.changed);
	cJSON_Delete(s.user_only);
	strset_free(&s.reported);
	free(s.fn);
	jindex_free(&s.ops);
	strset_free(&s.targets);
	cJSON_Delete(ops);
	return s.summaries;
}

cJSON *own_take_facts(cJSON *findings)
{
	return take_facts(findings);
}
