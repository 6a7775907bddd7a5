// SPDX-License-Identifier: GPL-2.0
/*
 * The loops of a function, read from their headers: which variable each
 * counts with and what part of an array it covers.  A release of
 * pages[i] in "for (i = 0; i < n; i++)" releases n pages, in
 * "while (i--)" the i pages before i, in "while (j < n)" the pages from
 * wherever j is: some of them.  A loop a macro writes (for_each_sg()) is
 * one whose header is not read.
 */
#include <stdlib.h>
#include <string.h>

#include "gupcheck.h"
#include "own.h"

struct build {
	struct tu *tu;
	struct own_loops *ls;
};

/* The index of the ")" that closes the "(" at I, or T->n. */
static size_t closing(const struct strvec *t, size_t i)
{
	int depth = 0;

	for (; i < t->n; i++) {
		if (!strcmp(t->v[i], "("))
			depth++;
		else if (!strcmp(t->v[i], ")") && --depth == 0)
			return i;
	}
	return t->n;
}

static bool is_ident(const char *s)
{
	return own_is_ident(s) && strcmp(s, "sizeof");
}

/* The part [A, B) of T joined, or NULL if it is empty. */
static char *part(const struct strvec *t, size_t a, size_t b)
{
	return a < b ? own_joined(t, a, b) : NULL;
}

/* "I < B", "I != B", "B > I": the bound B of index I. */
static char *upper_bound(const struct strvec *t, size_t a, size_t b,
			 const char *i)
{
	if (b - a >= 3 && !strcmp(t->v[a], i) &&
	    (!strcmp(t->v[a + 1], "<") || !strcmp(t->v[a + 1], "!=")))
		return part(t, a + 2, b);
	if (b - a >= 3 && !strcmp(t->v[b - 1], i) &&
	    !strcmp(t->v[b - 2], ">"))
		return part(t, a, b - 2);
	return NULL;
}

/* "I--", "I-- > 0", "--I >= 0", "I > 0", "I >= 0": counting down. */
static bool counts_down(const struct strvec *t, size_t a, size_t b,
			char **index)
{
	size_t n = b - a;
	const char *v = NULL;

	if (n >= 2 && is_ident(t->v[a]) && !strcmp(t->v[a + 1], "--"))
		v = t->v[a];
	else if (n >= 2 && !strcmp(t->v[a], "--") && is_ident(t->v[a + 1]))
		v = t->v[a + 1];
	else if (n == 3 && is_ident(t->v[a]) &&
		 (!strcmp(t->v[a + 1], ">") || !strcmp(t->v[a + 1], ">=")) &&
		 !strcmp(t->v[a + 2], "0"))
		v = t->v[a];
	if (!v)
		return false;
	*index = xstrdup(v);
	return true;
}

static void read_for(struct own_loop *l, const struct strvec *t,
		     size_t open, size_t close)
{
	size_t semi[2], ns = 0, i, a;
	int depth = 0;
	char *start = NULL;

	for (i = open + 1; i < close && ns < 2; i++) {
		if (!strcmp(t->v[i], "(") || !strcmp(t->v[i], "["))
			depth++;
		else if (!strcmp(t->v[i], ")") || !strcmp(t->v[i], "]"))
			depth--;
		else if (!depth && !strcmp(t->v[i], ";"))
			semi[ns++] = i;
	}
	if (ns != 2)
		return;
	/* init: "I = A" or "T I = A" */
	for (a = open + 1; a + 1 < semi[0]; a++)
		if (!strcmp(t->v[a + 1], "=") && is_ident(t->v[a])) {
			l->index = xstrdup(t->v[a]);
			start = part(t, a + 2, semi[0]);
			break;
		}
	if (l->index) {
		l->bound = upper_bound(t, semi[0] + 1, semi[1], l->index);
		l->from0 = l->bound && start && !strcmp(start, "0");
		/* for (i = n - 1; i >= 0; i--) */
		if (!l->bound && start && semi[1] - semi[0] == 4 &&
		    !strcmp(t->v[semi[0] + 1], l->index) &&
		    !strcmp(t->v[semi[0] + 2], ">=") &&
		    !strcmp(t->v[semi[0] + 3], "0") &&
		    strlen(start) > 2 && !strcmp(start + strlen(start) - 2,
						 "-1")) {
			l->bound = xstrndup(start, strlen(start) - 2);
			l->from0 = l->down = true;
		}
	} else if (counts_down(t, semi[0] + 1, semi[1], &l->index)) {
		l->bound = xstrdup(l->index);
		l->from0 = l->down = true;
	} else if (semi[1] > semi[0] + 1 && is_ident(t->v[semi[0] + 1])) {
		l->index = xstrdup(t->v[semi[0] + 1]);
		l->bound = upper_bound(t, semi[0] + 1, semi[1], l->index);
	}
	free(start);
}

static void read_while(struct own_loop *l, const struct strvec *t,
		       size_t open, size_t close)
{
	if (counts_down(t, open + 1, close, &l->index)) {
		l->bound = xstrdup(l->index);
		l->from0 = l->down = true;
	} else if (close > open + 1 && is_ident(t->v[open + 1])) {
		l->index = xstrdup(t->v[open + 1]);
		l->bound = upper_bound(t, open + 1, close, l->index);
	}
}

static enum CXChildVisitResult loop_visitor(CXCursor c, CXCursor parent,
					    CXClientData data)
{
	struct build *b = data;
	enum CXCursorKind k = clang_getCursorKind(c);
	struct own_loop *l;
	struct strvec t = { 0 };
	size_t open;

	(void)parent;
	if (k != CXCursor_ForStmt && k != CXCursor_WhileStmt &&
	    k != CXCursor_DoStmt)
		return CXChildVisit_Recurse;
	b->ls->v = xrealloc(b->ls->v, (b->ls->n + 1) * sizeof(*b->ls->v));
	l = &b->ls->v[b->ls->n++];
	memset(l, 0, sizeof(*l));
	l->c = c;
	l->start = own_start(c);
	l->end = own_end(c);
	cursor_tokens(b->tu, c, &t);
	if (k != CXCursor_DoStmt && t.n > 2 && !strcmp(t.v[1], "(") &&
	    (!strcmp(t.v[0], "for") || !strcmp(t.v[0], "while"))) {
		open = 1;
		if (k == CXCursor_ForStmt)
			read_for(l, &t, open, closing(&t, open));
		else
			read_while(l, &t, open, closing(&t, open));
	}
	strvec_free(&t);
	return CXChildVisit_Recurse;
}

void own_loops_build(struct tu *tu, CXCursor fn, struct own_loops *ls)
{
	struct build b = { .tu = tu, .ls = ls };

	memset(ls, 0, sizeof(*ls));
	clang_visitChildren(fn, loop_visitor, &b);
}

/* The innermost loop whose statement holds OFF, or NULL. */
const struct own_loop *own_loop_at(const struct own_loops *ls,
				   unsigned int off)
{
	const struct own_loop *best = NULL;
	size_t i;

	for (i = 0; i < ls->n; i++)
		if (ls->v[i].start <= off && off < ls->v[i].end &&
		    (!best || ls->v[i].start >= best->start))
			best = &ls->v[i];
	return best;
}

void own_loops_free(struct own_loops *ls)
{
	size_t i;

	for (i = 0; i < ls->n; i++) {
		free(ls->v[i].index);
		free(ls->v[i].bound);
	}
	free(ls->v);
	memset(ls, 0, sizeof(*ls));
}
