/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The classes of places the solve (own_solve.c) works on: places that
 * alias are one class (union-find), and a class knows how its pages were
 * obtained and where they are released.  Pages that go from one class
 * into another without the two being one place (a page stored into a
 * scatterlist, read back out of it) are a flow from the first class to
 * the second: the second holds the first's pages, not the other way
 * round, so a table filled from pinned and from allocated pages does not
 * make the pinned array look mixed.
 */
#ifndef GUPCHECK_OWN_CLASS_H
#define GUPCHECK_OWN_CLASS_H

#include <stdbool.h>
#include <stddef.h>
#include <cjson/cJSON.h>

#define KIND(f) (1u << (f))	/* a page family's bit in cls.kinds */
#define MAX_DEPTH 3		/* p~next~next~next and no deeper */
#define MAX_ITEMS 8		/* acquisitions or releases a class keeps */

struct cls {
	unsigned int kinds;
	cJSON *acqs;		/* where its pages were obtained */
	cJSON *rels;		/* where they are released */
};

struct uf {
	char **name;
	int *up;
	struct cls *c;
	size_t n, cap;
	int *hash;		/* open addressing: node index + 1, or 0 */
	size_t hcap;
	size_t max;		/* bound on the number of places */
	int (*flow)[2];		/* node pairs: pages of [0] also in [1] */
	size_t nflow, flowcap;
};

int uf_find(struct uf *u, int i);
bool uf_unmapped(struct uf *u, const cJSON *unmaps, int i, int line);
int uf_node(struct uf *u, const char *name);
int uf_lookup(struct uf *u, const char *name);
bool uf_union(struct uf *u, int a, int b);
void uf_free(struct uf *u);
bool own_room_for(const cJSON *to, const cJSON *it);
void uf_flow(struct uf *u, int from, int to);
void uf_close_suffixes(struct uf *u);
void uf_close_flows(struct uf *u);
size_t uf_downstream(struct uf *u, int root, int *out);
size_t uf_upstream(struct uf *u, int root, int *out);
size_t own_root_len(const char *name);

struct jindex;
struct strvec;
void own_ops_ambiguous(cJSON *sum);
void own_ops_follow(struct uf *u, const cJSON *rec, const struct jindex *sums,
		    const struct jindex *ops, bool entry, struct strvec *out);
struct strset;
void own_ops_targets(const cJSON *ops, struct strset *out);

#endif
