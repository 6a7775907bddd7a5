// SPDX-License-Identifier: GPL-2.0
/*
 * Classes of places for the solve (own_class.h): union-find over place
 * names, a container's contents following the container, and flows of
 * pages from one class into another.
 */
#include <stdlib.h>
#include <string.h>

#include "gupcheck.h"
#include "own_class.h"

int uf_find(struct uf *u, int i)
{
	while (u->up[i] != i) {
		u->up[i] = u->up[u->up[i]];
		i = u->up[i];
	}
	return i;
}

static size_t slot_of(const struct uf *u, const char *name)
{
	size_t h = (size_t)fnv1a64(name, strlen(name),
				   1469598103934665603ULL);

	for (h &= u->hcap - 1; u->hash[h]; h = (h + 1) & (u->hcap - 1))
		if (strcmp(u->name[u->hash[h] - 1], name) == 0)
			break;
	return h;
}

static void rehash(struct uf *u)
{
	size_t i;

	free(u->hash);
	u->hcap = u->hcap ? u->hcap * 2 : 64;
	u->hash = xcalloc(u->hcap, sizeof(*u->hash));
	for (i = 0; i < u->n; i++)
		u->hash[slot_of(u, u->name[i])] = (int)i + 1;
}

int uf_node(struct uf *u, const char *name)
{
	size_t h;

	if (u->n * 2 >= u->hcap)
		rehash(u);
	h = slot_of(u, name);
	if (u->hash[h])
		return u->hash[h] - 1;
	if (u->n >= u->max)
		return -1;
	if (u->n == u->cap) {
		u->cap = u->cap ? u->cap * 2 : 32;
		u->name = xrealloc(u->name, u->cap * sizeof(*u->name));
		u->up = xrealloc(u->up, u->cap * sizeof(*u->up));
		u->c = xrealloc(u->c, u->cap * sizeof(*u->c));
	}
	u->name[u->n] = xstrdup(name);
	u->up[u->n] = (int)u->n;
	u->c[u->n].kinds = 0;
	u->c[u->n].acqs = cJSON_CreateArray();
	u->c[u->n].rels = cJSON_CreateArray();
	u->hash[h] = (int)u->n + 1;
	return (int)u->n++;
}

bool uf_union(struct uf *u, int a, int b)
{
	if (a < 0 || b < 0)
		return false;
	a = uf_find(u, a);
	b = uf_find(u, b);
	if (a == b)
		return false;
	u->up[b] = a;
	u->c[a].kinds |= u->c[b].kinds;
	json_move_items(u->c[a].acqs, u->c[b].acqs);
	json_move_items(u->c[a].rels, u->c[b].rels);
	return true;
}

/*
 * Is there room in TO (acquisitions or releases) for IT?  MAX_ITEMS of
 * each release family ("f"): a put_page() among many unpins of a field
 * is still there to judge.
 */
bool own_room_for(const cJSON *to, const cJSON *it)
{
	const char *f = own_str(it, "f");
	const cJSON *x;
	size_t n = 0;

	cJSON_ArrayForEach(x, to)
		n += !strcmp(own_str(x, "f"), f);
	return n < MAX_ITEMS;
}

void uf_free(struct uf *u)
{
	size_t i;

	for (i = 0; i < u->n; i++) {
		free(u->name[i]);
		cJSON_Delete(u->c[i].acqs);
		cJSON_Delete(u->c[i].rels);
	}
	free(u->name);
	free(u->up);
	free(u->c);
	free(u->hash);
	free(u->flow);
	memset(u, 0, sizeof(*u));
}

/* The root of a place: P:1 of P:1~sgl~sg. */
size_t own_root_len(const char *name)
{
	return strcspn(name, "~");
}

static int depth(const char *name)
{
	int n = 0;

	while ((name = strchr(name, '~'))) {
		name++;
		n++;
	}
	return n;
}

int uf_lookup(struct uf *u, const char *name)
{
	size_t h;

	if (!u->hcap)
		return -1;
	h = slot_of(u, name);
	return u->hash[h] ? u->hash[h] - 1 : -1;
}

/*
 * The node of the container of node I (P:1~sgl of P:1~sgl~sg), or -1;
 * *SUFFIX is where I's last suffix starts in its name.
 */
static int container_of(struct uf *u, size_t i, const char **suffix)
{
	char *b;
	int base;

	*suffix = strrchr(u->name[i], '~');
	if (!*suffix)
		return -1;
	b = xstrndup(u->name[i], (size_t)(*suffix - u->name[i]));
	base = uf_lookup(u, b);
	free(b);
	return base;
}

/*
 * If X and Y are one class, so are X~s and Y~s: a container's contents
 * follow the container.  Iterated until nothing changes.
 */
void uf_close_suffixes(struct uf *u)
{
	bool changed = true;
	int rounds = 0;
	size_t i, n;

	while (changed && rounds++ < 8) {
		int *head, *next;

		changed = false;
		n = u->n;
		head = xmalloc(n * sizeof(*head));
		next = xmalloc(n * sizeof(*next));
		for (i = 0; i < n; i++)
			head[i] = -1;
		for (i = n; i-- > 0; ) {
			int r = uf_find(u, (int)i);

			next[i] = head[r];
			head[r] = (int)i;
		}
		for (i = 0; i < n; i++) {
			const char *tilde;
			int base = container_of(u, i, &tilde), j;

			if (base < 0 || (size_t)base >= n)
				continue;
			for (j = head[uf_find(u, base)]; j >= 0; j = next[j]) {
				char *other;

				/* p = p->next: no p~next~next~... */
				if (j == base || depth(u->name[j]) >= MAX_DEPTH)
					continue;
				other = xconcat(u->name[j], tilde);
				changed |= uf_union(u, (int)i,
						    uf_node(u, other));
				free(other);
			}
		}
		free(head);
		free(next);
	}
}

/* Pages of node FROM are also in node TO (not the other way round). */
void uf_flow(struct uf *u, int from, int to)
{
	if (from < 0 || to < 0 || from == to)
		return;
	if (u->nflow == u->flowcap) {
		u->flowcap = u->flowcap ? u->flowcap * 2 : 16;
		u->flow = xrealloc(u->flow, u->flowcap * sizeof(*u->flow));
	}
	u->flow[u->nflow][0] = from;
	u->flow[u->nflow][1] = to;
	u->nflow++;
}

static bool same_site(const cJSON *a, const cJSON *b)
{
	return !strcmp(own_str(a, "file"), own_str(b, "file")) &&
	       own_num(a, "line") == own_num(b, "line") &&
	       own_num(a, "column") == own_num(b, "column");
}

/* Add the acquisitions of FROM that TO does not have; did TO change? */
static bool add_acqs(cJSON *to, const cJSON *from)
{
	const cJSON *a, *b;
	bool changed = false;

	cJSON_ArrayForEach(a, from) {
		bool have = false;

		if (cJSON_GetArraySize(to) >= MAX_ITEMS)
			break;
		cJSON_ArrayForEach(b, to)
			have |= same_site(a, b);
		if (!have) {
			cJSON_AddItemToArray(to, cJSON_Duplicate(a, true));
			changed = true;
		}
	}
	return changed;
}

/* Flow FROM's NAME~SUFFIX into TO's: a container's contents follow it. */
static void flow_suffix(struct uf *u, int from, int to, const char *suffix)
{
	char *a = xconcat(u->name[from], suffix);
	char *b = xconcat(u->name[to], suffix);

	if (depth(a) <= MAX_DEPTH && depth(b) <= MAX_DEPTH)
		uf_flow(u, uf_node(u, a), uf_node(u, b));
	free(a);
	free(b);
}

/*
 * If X flows into Y, X~s flows into Y~s, for each X~s or Y~s there is:
 * the table a cursor walks holds what the cursor finds.
 */
static void close_flow_suffixes(struct uf *u)
{
	size_t i, e, n = u->n, nflow = u->nflow, k = 0;
	int *head = xmalloc((n + 1) * sizeof(*head));
	int *edge = xmalloc((2 * nflow + 1) * sizeof(*edge));
	int *next = xmalloc((2 * nflow + 1) * sizeof(*next));

	/* the flows at each class, in their order (lists built backwards) */
	for (i = 0; i < n; i++)
		head[i] = -1;
	for (e = nflow; e-- > 0; ) {
		int from = uf_find(u, u->flow[e][0]);
		int to = uf_find(u, u->flow[e][1]);

		edge[k] = (int)e;
		next[k] = head[to];
		head[to] = (int)k++;
		if (from == to)
			continue;
		edge[k] = (int)e;
		next[k] = head[from];
		head[from] = (int)k++;
	}
	for (i = 0; i < n; i++) {
		const char *tilde;
		int base = container_of(u, i, &tilde), j;
		char *suffix;

		if (base < 0)
			continue;
		/* a node made in this loop has none of the flows */
		base = uf_find(u, base);
		if ((size_t)base >= n)
			continue;
		suffix = xstrdup(tilde);
		for (j = head[base]; j >= 0; j = next[j])
			flow_suffix(u, u->flow[edge[j]][0], u->flow[edge[j]][1],
				    suffix);
		free(suffix);
	}
	free(head);
	free(edge);
	free(next);
}

/*
 * A class holds the pages of every class that flows into it: its kinds
 * and acquisitions are theirs too.  Iterated until nothing changes.
 */
void uf_close_flows(struct uf *u)
{
	bool changed = true;
	size_t i, rounds = 0;

	if (u->nflow)
		close_flow_suffixes(u);
	while (changed && rounds++ <= u->nflow) {
		changed = false;
		for (i = 0; i < u->nflow; i++) {
			int a = uf_find(u, u->flow[i][0]);
			int b = uf_find(u, u->flow[i][1]);

			if (a == b)
				continue;
			if ((u->c[b].kinds | u->c[a].kinds) != u->c[b].kinds) {
				u->c[b].kinds |= u->c[a].kinds;
				changed = true;
			}
			changed |= add_acqs(u->c[b].acqs, u->c[a].acqs);
		}
	}
}

/*
 * The classes reachable from ROOT along the flows (DOWN) or against them,
 * ROOT left out, into OUT (room for u->n); their number.
 */
static size_t reach(struct uf *u, int root, int *out, bool down)
{
	bool *seen = xcalloc(u->n + 1, sizeof(bool));
	size_t n = 0, k = 0, i;

	root = uf_find(u, root);
	seen[root] = true;
	out[n++] = root;
	while (k < n) {
		int at = out[k++];

		for (i = 0; i < u->nflow; i++) {
			int a = uf_find(u, u->flow[i][down ? 0 : 1]);
			int b = uf_find(u, u->flow[i][down ? 1 : 0]);

			if (a == at && !seen[b]) {
				seen[b] = true;
				out[n++] = b;
			}
		}
	}
	free(seen);
	memmove(out, out + 1, (n - 1) * sizeof(*out));
	return n - 1;
}

size_t uf_downstream(struct uf *u, int root, int *out)
{
	return reach(u, root, out, true);
}

size_t uf_upstream(struct uf *u, int root, int *out)
{
	return reach(u, root, out, false);
}

/*
 * Is class I's page one an unmapper of the rules took out of a mapping
 * before LINE (UNMAPS: its calls' events)?  A put of it then drops the
 * mapping's reference (rules/ownership.json "unmappers").
 */
bool uf_unmapped(struct uf *u, const cJSON *unmaps, int i, int line)
{
	const cJSON *ev, *a;
	int n;

	cJSON_ArrayForEach(ev, unmaps)
		cJSON_ArrayForEach(a, cJSON_GetObjectItemCaseSensitive(ev, "a")) {
			n = cJSON_IsString(a) ? uf_lookup(u, a->valuestring) :
						-1;
			if (n >= 0 && own_num(ev, "l") <= line &&
			    uf_find(u, n) == i)
				return true;
		}
	return false;
}
