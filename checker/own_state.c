// SPDX-License-Identifier: GPL-2.0
/*
 * One path's state in own_walk.c: what the variables hold, the class of
 * the subject's result, which variables hold the pages, and the calls
 * they were passed to.  Two paths that reach a node in the same state go
 * on as one, so the state is also a key.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gupcheck.h"
#include "own.h"

#define MAX_PASSES 16

/* Does the test KEY ("? a == b "), name the variable NAME? */
static bool test_names(const char *key, const char *name)
{
	size_t n = strlen(name);
	const char *p = key;

	while ((p = strstr(p, name))) {
		if (p[-1] == ' ' && p[n] == ' ')
			return true;
		p += n;
	}
	return false;
}

/*
 * NAME was assigned: the switch cases it chose, and the tests that name
 * it, are forgotten.
 */
static void forget_switches(struct own_state *st, const char *name)
{
	size_t i, n = strlen(name);

	for (i = 0; i < st->vars.nv; ) {
		const char *v = st->vars.v[i].name;

		if ((v[0] == '#' && !strncmp(v + 1, name, n) &&
		     v[n + 1] == '@') || (v[0] == '?' && test_names(v, name))) {
			free(st->vars.v[i].name);
			st->vars.v[i] = st->vars.v[--st->vars.nv];
		} else {
			i++;
		}
	}
}

void own_var_set(struct own_state *st, const char *name, unsigned int m)
{
	struct own_var *v;

	if (name[0] != '#' && name[0] != '?')
		forget_switches(st, name);
	v = own_var_find(&st->vars, name);

	if (!v) {
		st->vars.v = xrealloc(st->vars.v, (st->vars.nv + 1) *
				      sizeof(*st->vars.v));
		v = &st->vars.v[st->vars.nv++];
		v->name = xstrdup(name);
	}
	v->m = m;
}

void own_state_copy(struct own_state *to, const struct own_state *from)
{
	size_t i;

	memset(to, 0, sizeof(*to));
	to->vars.nv = from->vars.nv;
	to->vars.v = xmalloc((from->vars.nv + 1) * sizeof(*to->vars.v));
	for (i = 0; i < from->vars.nv; i++) {
		to->vars.v[i].name = xstrdup(from->vars.v[i].name);
		to->vars.v[i].m = from->vars.v[i].m;
	}
	to->cls = from->cls;
	to->held = from->held;
	to->tested = from->tested;
	to->released = from->released;
	to->partial = from->partial;
	to->rel_call = from->rel_call;
	to->prior = from->prior;
	to->recorded = from->recorded ? xstrdup(from->recorded) : NULL;
	to->forgot = from->forgot;
	to->published = from->published;
	for (i = 0; i < from->holders.n; i++)
		strvec_push(&to->holders, from->holders.v[i]);
	for (i = 0; i < from->passes.n; i++)
		strvec_push(&to->passes, from->passes.v[i]);
	for (i = 0; i < from->trail.n; i++)
		strvec_push(&to->trail, from->trail.v[i]);
	for (i = 0; i < from->stores.n; i++)
		strvec_push(&to->stores, from->stores.v[i]);
}

void own_state_free(struct own_state *st)
{
	size_t i;

	for (i = 0; i < st->vars.nv; i++)
		free(st->vars.v[i].name);
	free(st->vars.v);
	strvec_free(&st->holders);
	strvec_free(&st->passes);
	strvec_free(&st->trail);
	strvec_free(&st->stores);
	free(st->recorded);
	memset(st, 0, sizeof(*st));
}

static int var_cmp(const void *a, const void *b)
{
	return strcmp(((const struct own_var *)a)->name,
		      ((const struct own_var *)b)->name);
}

static size_t strs_len(const struct strvec *sv)
{
	size_t i, len = 0;

	for (i = 0; i < sv->n; i++)
		len += strlen(sv->v[i]) + 1;
	return len;
}

static char *put_strs(char *p, struct strvec *sv)
{
	size_t i;

	if (sv->n > 1)
		strs_sort(sv->v, sv->n);
	for (i = 0; i < sv->n; i++)
		p += sprintf(p, "%s,", sv->v[i]);
	*p++ = '|';
	return p;
}

/* NODE and the state, as the key of the places a path has been. */
char *own_state_key(struct own_state *st, int node)
{
	size_t i, len = 64 + strs_len(&st->holders) + strs_len(&st->passes) +
		   strs_len(&st->trail) + strs_len(&st->stores) +
		   (st->recorded ? strlen(st->recorded) : 0);
	char *k, *p;

	if (st->vars.nv > 1)
		qsort(st->vars.v, st->vars.nv, sizeof(*st->vars.v), var_cmp);
	for (i = 0; i < st->vars.nv; i++)
		len += strlen(st->vars.v[i].name) + 12;
	k = xmalloc(len);
	p = k + sprintf(k, "%d:%u%s%s%s%s:%u:%u:%u:%s%s|", node, st->cls,
			st->held ? "h" : "", st->tested ? "t" : "",
			st->prior ? "p" : "", st->published ? "o" : "",
			st->released, st->partial, st->rel_call,
			st->recorded ? st->recorded : "",
			st->forgot ? "!" : "");
	for (i = 0; i < st->vars.nv; i++)
		p += sprintf(p, "%s=%u,", st->vars.v[i].name,
			     st->vars.v[i].m);
	*p++ = '|';
	p = put_strs(p, &st->holders);
	p = put_strs(p, &st->passes);
	p = put_strs(p, &st->stores);
	for (i = 0; i < st->trail.n; i++)
		p += sprintf(p, "%s,", st->trail.v[i]);
	*p = 0;
	return k;
}

bool own_holder(const struct own_state *st, const char *name)
{
	return strvec_contains(&st->holders, name);
}

void own_holder_add(struct own_state *st, const char *name)
{
	if (!own_holder(st, name))
		strvec_push(&st->holders, name);
}

/* A call was passed the pages: "KEY#ARG@OFFSET=VAR", VAR its result. */
/*
 * PASS: a call the pages were passed to, for the judge to decide by its
 * summary.  False when the path has too many of them to keep: then it is
 * not followed further (nothing is guessed about the call left out).
 */
bool own_pass_add(struct own_state *st, const char *pass)
{
	if (strvec_contains(&st->passes, pass))
		return true;
	if (st->passes.n >= MAX_PASSES)
		return false;
	strvec_push(&st->passes, pass);
	return true;
}

/*
 * The pass of the call at offset OFF on this path, or "": also for a
 * call the path saw fail ("!"), of which it is not known what it did.
 */
const char *own_pass_at(const struct own_state *st, unsigned int off)
{
	char *at = xasprintf("@%u", off);
	const char *found = "";
	size_t i, n = strlen(at);

	for (i = 0; i < st->passes.n && !*found; i++) {
		const char *s = strstr(st->passes.v[i], at);

		if (s && (!s[n] || s[n] == '='))
			found = st->passes.v[i];
	}
	free(at);
	return found;
}

/* Drop the passes written twice after a rewrite. */
static void passes_unique(struct own_state *st)
{
	size_t i, j;

	for (i = 0; i < st->passes.n; i++)
		for (j = i + 1; j < st->passes.n; )
			if (!strcmp(st->passes.v[i], st->passes.v[j]))
				strvec_remove_at(&st->passes, j);
			else
				j++;
}

/* Does the store STORE ("VAR=HOLDER") wait on VAR? */
static bool store_of(const char *store, const char *var)
{
	size_t n = strlen(var);

	return !strncmp(store, var, n) && store[n] == '=';
}

/*
 * VAR holds something else now: no test of it tells of a call passed, or
 * of a store whose result it held (the store stands).
 */
void own_pass_forget(struct own_state *st, const char *var)
{
	size_t i, n = strlen(var);

	for (i = 0; i < st->stores.n; )
		if (store_of(st->stores.v[i], var))
			strvec_remove_at(&st->stores, i);
		else
			i++;
	for (i = 0; i < st->passes.n; i++) {
		char *p = st->passes.v[i], *eq = strrchr(p, '=');

		if (!eq || strlen(eq + 1) != n || strncmp(eq + 1, var, n))
			continue;
		st->passes.v[i] = xstrndup(p, (size_t)(eq - p));
		free(p);
	}
	passes_unique(st);
}

/*
 * The result of a call passed the pages, held in VAR, was found to be a
 * failure on this path: the call did not keep them.  It stays in the
 * list, marked with "!", for the summary to say.
 */
void own_pass_failed(struct own_state *st, const char *var)
{
	size_t i, n = strlen(var);

	for (i = 0; i < st->passes.n; i++) {
		char *p = st->passes.v[i], *eq = strrchr(p, '=');

		if (!eq || strlen(eq + 1) != n || strncmp(eq + 1, var, n))
			continue;
		st->passes.v[i] = xasprintf("%.*s!", (int)(eq - p), p);
		free(p);
	}
	passes_unique(st);
}

/*
 * A branch was taken: a store that holds only when the call returned 0
 * (rules/ownership.json's stored_on) is settled by what the branch left
 * of the variable holding that result.  Not zero: the call stored
 * nothing, the container is no holder.  Zero: the store stands.  A call
 * tested in the condition itself ("@c") failed when the branch leaves
 * the function (BAIL), the way a call passed the pages is judged.
 */
void own_stores_settle(struct own_state *st, bool bail)
{
	size_t i;

	for (i = 0; i < st->stores.n; ) {
		char *s = st->stores.v[i], *eq = strchr(s, '=');
		char *var = xstrndup(s, (size_t)(eq - s));
		const struct own_var *v = own_var_find(&st->vars, var);
		bool cond = !strcmp(var, "@c");
		bool failed = cond ? bail : v && !(v->m & M_Z);
		bool kept = cond ? !bail : v && (v->m & M_ALL) == M_Z;

		free(var);
		if (failed)
			strvec_remove(&st->holders, eq + 1);
		if (failed || kept)
			strvec_remove_at(&st->stores, i);
		else
			i++;
	}
}

/*
 * A branch at LINE:COL told the class of the result: the way a finding
 * shows, the last few of them.
 */
void own_trail_add(struct own_state *st, unsigned int line,
		   unsigned int col)
{
	char *t = xasprintf("%u:%u:%u", line, col, st->cls);
	size_t n = strcspn(t, ":") + 1;

	n += strcspn(t + n, ":");
	/* the same branch again, a loop's next round: the last word */
	if (st->trail.n && !strncmp(st->trail.v[st->trail.n - 1], t, n) &&
	    st->trail.v[st->trail.n - 1][n] == ':') {
		free(st->trail.v[st->trail.n - 1]);
		st->trail.v[st->trail.n - 1] = t;
		return;
	}
	if (st->trail.n == 4) {
		free(st->trail.v[0]);
		memmove(st->trail.v, st->trail.v + 1,
			--st->trail.n * sizeof(*st->trail.v));
	}
	strvec_push_nocopy(&st->trail, t);
}

/*
 * A condition refined the variables: the subject's result is what the
 * variables holding it still allow, and they all agree on it.
 */
void own_result_refined(struct own_state *st)
{
	size_t i;

	for (i = 0; i < st->vars.nv; i++)
		if (st->vars.v[i].m & F_RES)
			st->cls &= st->vars.v[i].m & M_ALL;
	for (i = 0; i < st->vars.nv; i++)
		if (st->vars.v[i].m & F_RES)
			st->vars.v[i].m = (st->vars.v[i].m & ~M_ALL) |
					  (st->vars.v[i].m & st->cls);
}
