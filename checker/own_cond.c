// SPDX-License-Identifier: GPL-2.0
/*
 * Reading a condition on a path of own_paths.c.  A value is known as a
 * set of signs: zero (or NULL), positive (or a valid pointer), negative
 * (or an ERR_PTR).  The acquisition's result is read as the call having
 * taken every page asked for; variables have what the path gave them;
 * ERR_PTR(), IS_ERR() and the macros a test is wrapped in are rules/
 * data.  Anything else is unknown, and a condition is known only when
 * its tokens are read whole.
 */
#include <stdlib.h>
#include <string.h>

#include "gupcheck.h"
#include "tu.h"

struct own_var *own_var_find(const struct own_vars *vs, const char *name)
{
	size_t i;

	for (i = 0; i < vs->nv; i++)
		if (!strcmp(vs->v[i].name, name))
			return &vs->v[i];
	return NULL;
}

struct val {
	unsigned int m;
	bool lit;		/* a literal */
	bool reqx;		/* the tokens of the count asked for */
};

struct ev {
	const struct own_cond *cx;
	const struct strvec *t;
	size_t i;
	bool res;		/* mentions the result or the pages */
};

static const char *peek(const struct ev *e)
{
	return e->i < e->t->n ? e->t->v[e->i] : "";
}

static bool accept(struct ev *e, const char *s)
{
	if (strcmp(peek(e), s))
		return false;
	e->i++;
	return true;
}

bool own_is_ident(const char *s)
{
	return (*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
	       *s == '_' || *s == '@';
}

static bool is_upper(const char *s)
{
	for (; *s; s++)
		if ((*s >= 'a' && *s <= 'z'))
			return false;
	return true;
}

enum own_tri own_tri_of(unsigned int m)
{
	m &= M_ALL;
	if (m && !(m & M_Z))
		return T_TRUE;
	if (m == M_Z)
		return T_FALSE;
	return T_UNKNOWN;
}

static struct val of_tri(enum own_tri t)
{
	struct val v = { .m = t == T_TRUE ? M_P : t == T_FALSE ? M_Z :
			 M_Z | M_P };

	return v;
}

static struct val unknown(void)
{
	struct val v = { .m = M_ALL };

	return v;
}

static struct val parse_assign(struct ev *e);

static void skip_balanced(struct ev *e, const char *open, const char *close)
{
	int depth = 1;

	while (e->i < e->t->n && depth) {
		if (!strcmp(peek(e), open))
			depth++;
		else if (!strcmp(peek(e), close))
			depth--;
		if (!strcmp(peek(e), "@r"))
			e->res = true;
		e->i++;
	}
}

/* The arguments of a call, "(" already taken; the first one's value. */
static struct val parse_args(struct ev *e)
{
	struct val first = unknown();
	bool one = true;

	if (accept(e, ")"))
		return first;
	while (e->i < e->t->n) {
		struct val v = parse_assign(e);

		if (one)
			first = v;
		one = false;
		if (accept(e, ")"))
			break;
		if (!accept(e, ",")) {
			skip_balanced(e, "(", ")");
			break;
		}
	}
	return first;
}

static struct val call_value(struct ev *e, const char *name)
{
	const struct own_rules *o = &e->cx->r->own;
	struct val v = parse_args(e);

	if (strvec_contains(&o->see_through, name))
		return v;
	if (strvec_contains(&o->error_or_null_tests, name))
		return of_tri((v.m & M_ALL) == M_P ? T_FALSE :
			      !(v.m & M_P) ? T_TRUE : T_UNKNOWN);
	if (strvec_contains(&o->error_tests, name))
		return of_tri((v.m & M_ALL) == M_N ? T_TRUE :
			      !(v.m & M_N) ? T_FALSE : T_UNKNOWN);
	if (strvec_contains(&o->error_values, name)) {
		struct val n = { .m = M_N };

		return n;
	}
	return unknown();
}

static struct val ident_value(struct ev *e, const char *s)
{
	struct val v = unknown();
	const struct own_var *x;

	if (!strcmp(s, "@r")) {
		e->res = true;
		v.m = M_P | F_REQ;
		return v;
	}
	if (e->cx->tracked && !strcmp(s, e->cx->tracked)) {
		/* fresh and allocated: the path where that failed is over */
		e->res |= e->cx->held;
		v.m = M_P;
		return v;
	}
	x = own_var_find(e->cx->vars, s);
	if (x) {
		if (x->m & F_RES)
			e->res = true;
		v.m = x->m;
		return v;
	}
	if (!strcmp(s, "NULL") || !strcmp(s, "false")) {
		v.m = M_Z;
		v.lit = true;
	} else if (!strcmp(s, "true") || is_upper(s)) {
		v.m = M_P;	/* EFAULT, PAGE_SIZE */
	}
	return v;
}

static struct val parse_primary(struct ev *e)
{
	const char *s = peek(e);
	struct val v = unknown();

	if (!*s)
		return v;
	e->i++;
	if (!strcmp(s, "(")) {
		v = parse_assign(e);
		if (!accept(e, ")"))
			skip_balanced(e, "(", ")");
	} else if (*s >= '0' && *s <= '9') {
		v.lit = true;
		v.m = strtoull(s, NULL, 0) ? M_P : M_Z;
	} else if (own_is_ident(s)) {
		if (accept(e, "("))
			return call_value(e, s);
		v = ident_value(e, s);
	}
	return v;
}

static struct val parse_postfix(struct ev *e)
{
	struct val v = parse_primary(e);

	for (;;) {
		if (accept(e, "->") || accept(e, ".")) {
			e->i++;
			v = unknown();
		} else if (accept(e, "[")) {
			skip_balanced(e, "[", "]");
			v = unknown();
		} else if (accept(e, "(")) {
			parse_args(e);
			v = unknown();
		} else if (accept(e, "++") || accept(e, "--")) {
			v = unknown();
		} else {
			return v;
		}
	}
}

static bool starts_operand(const char *s)
{
	return own_is_ident(s) || (*s >= '0' && *s <= '9') || !strcmp(s, "(") ||
	       !strcmp(s, "!") || !strcmp(s, "~") || !strcmp(s, "&") ||
	       !strcmp(s, "*");
}

/* Is the "(" at I a cast: type words, then an operand? */
static bool is_cast(const struct ev *e)
{
	size_t j = e->i + 1;
	size_t words = 0;

	for (; j < e->t->n && strcmp(e->t->v[j], ")"); j++) {
		if (!own_is_ident(e->t->v[j]) && strcmp(e->t->v[j], "*"))
			return false;
		words++;
	}
	if (j + 1 >= e->t->n || !words)
		return false;
	if (words == 1 && !own_is_ident(e->t->v[j + 1]) &&
	    !(e->t->v[j + 1][0] >= '0' && e->t->v[j + 1][0] <= '9') &&
	    strcmp(e->t->v[j + 1], "("))
		return false;
	return starts_operand(e->t->v[j + 1]);
}

static struct val parse_unary(struct ev *e)
{
	struct val v;

	if (accept(e, "!")) {
		v = parse_unary(e);
		return of_tri(own_tri_of(v.m) == T_TRUE ? T_FALSE :
			      own_tri_of(v.m) == T_FALSE ? T_TRUE : T_UNKNOWN);
	}
	if (accept(e, "-")) {
		v = parse_unary(e);
		v.m = (v.m & M_Z) | (v.m & M_P ? M_N : 0) |
		      (v.m & M_N ? M_P : 0);
		return v;
	}
	if (accept(e, "&")) {
		parse_unary(e);
		v.m = M_P;
		v.lit = false;
		v.reqx = false;
		return v;
	}
	if (accept(e, "~") || accept(e, "*") || accept(e, "++") ||
	    accept(e, "--")) {
		parse_unary(e);
		return unknown();
	}
	if (accept(e, "sizeof")) {
		if (accept(e, "("))
			skip_balanced(e, "(", ")");
		else
			parse_unary(e);
		v = unknown();
		v.m = M_P;
		return v;
	}
	if (!strcmp(peek(e), "(") && is_cast(e)) {
		e->i++;
		skip_balanced(e, "(", ")");
		return parse_unary(e);
	}
	return parse_postfix(e);
}

char *own_joined(const struct strvec *t, size_t from, size_t to)
{
	size_t i, len = 1;
	char *s;

	for (i = from; i < to; i++)
		len += strlen(t->v[i]);
	s = xmalloc(len);
	*s = 0;
	for (i = from; i < to; i++)
		strcat(s, t->v[i]);
	return s;
}

static bool arith_op(const char *s)
{
	static const char * const ops[] = {
		"+", "-", "*", "/", "%", "<<", ">>", "&", "|", "^",
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(ops); i++)
		if (!strcmp(s, ops[i]))
			return true;
	return false;
}

static struct val parse_arith(struct ev *e)
{
	size_t from = e->i;
	struct val v = parse_unary(e);
	const char *req = e->cx->requested;
	char *j;

	while (arith_op(peek(e))) {
		e->i++;
		parse_unary(e);
		v = unknown();
	}
	j = own_joined(e->t, from, e->i);
	v.reqx = req && *req && !strcmp(j, req);
	free(j);
	return v;
}

static enum own_tri sign_cmp(unsigned int m, const char *op)
{
	m &= M_ALL;
	if (!strcmp(op, "=="))
		return m == M_Z ? T_TRUE : !(m & M_Z) ? T_FALSE : T_UNKNOWN;
	if (!strcmp(op, "!="))
		return m == M_Z ? T_FALSE : !(m & M_Z) ? T_TRUE : T_UNKNOWN;
	if (!strcmp(op, "<"))
		return m == M_N ? T_TRUE : !(m & M_N) ? T_FALSE : T_UNKNOWN;
	if (!strcmp(op, ">="))
		return m == M_N ? T_FALSE : !(m & M_N) ? T_TRUE : T_UNKNOWN;
	if (!strcmp(op, ">"))
		return m == M_P ? T_TRUE : !(m & M_P) ? T_FALSE : T_UNKNOWN;
	return m == M_P ? T_FALSE : !(m & M_P) ? T_TRUE : T_UNKNOWN;
}

static const char *flip(const char *op)
{
	if (!strcmp(op, "<"))
		return ">";
	if (!strcmp(op, ">"))
		return "<";
	if (!strcmp(op, "<="))
		return ">=";
	if (!strcmp(op, ">="))
		return "<=";
	return op;
}

bool own_rel_op(const char *s)
{
	return !strcmp(s, "==") || !strcmp(s, "!=") || !strcmp(s, "<") ||
	       !strcmp(s, ">") || !strcmp(s, "<=") || !strcmp(s, ">=");
}

static struct val parse_cmp(struct ev *e)
{
	struct val a = parse_arith(e), b;
	const char *op = peek(e);
	bool eq;

	if (!own_rel_op(op))
		return a;
	e->i++;
	b = parse_arith(e);
	if (((a.m & F_REQ) && b.reqx) || ((b.m & F_REQ) && a.reqx)) {
		eq = !strcmp(op, "==") || !strcmp(op, "<=") ||
		     !strcmp(op, ">=");
		return of_tri(eq ? T_TRUE : T_FALSE);
	}
	if (b.lit && (b.m & M_ALL) == M_Z)
		return of_tri(sign_cmp(a.m, op));
	if (a.lit && (a.m & M_ALL) == M_Z)
		return of_tri(sign_cmp(b.m, flip(op)));
	return of_tri(T_UNKNOWN);
}

static struct val parse_and(struct ev *e)
{
	struct val v = parse_cmp(e);

	while (accept(e, "&&")) {
		enum own_tri a = own_tri_of(v.m), b = own_tri_of(parse_cmp(e).m);

		v = of_tri(a == T_FALSE || b == T_FALSE ? T_FALSE :
			   a == T_TRUE && b == T_TRUE ? T_TRUE : T_UNKNOWN);
	}
	return v;
}

static struct val parse_or(struct ev *e)
{
	struct val v = parse_and(e);

	while (accept(e, "||")) {
		enum own_tri a = own_tri_of(v.m), b = own_tri_of(parse_and(e).m);

		v = of_tri(a == T_TRUE || b == T_TRUE ? T_TRUE :
			   a == T_FALSE && b == T_FALSE ? T_FALSE : T_UNKNOWN);
	}
	return v;
}

static struct val parse_assign(struct ev *e)
{
	struct val v = parse_or(e);

	if (accept(e, "?")) {
		parse_assign(e);
		accept(e, ":");
		parse_assign(e);
		return unknown();
	}
	if (accept(e, "="))
		return parse_assign(e);
	return v;
}

/*
 * The value of the tokens T, whole, as M_ bits and F_ flags; unknown if
 * they are not all read.  RES tells whether they name the result.
 */
unsigned int own_cond_value(const struct own_cond *cx, const struct strvec *t,
			    bool *res)
{
	struct ev e = { .cx = cx, .t = t };
	struct val v = parse_assign(&e);

	if (e.i != t->n)
		v = unknown();
	if (res)
		*res = e.res;
	return v.m;
}

/*
 * What taking an edge teaches of one variable, for the conditions
 * "v", "!v", "v OP 0", and the error tests of rules/ (IS_ERR(v),
 * IS_ERR_OR_NULL(v)); false if
 * the edge cannot be taken.
 */
bool own_cond_refine(const struct rules *r, struct own_vars *vs,
		     const struct strvec *t, bool yes)
{
	const struct own_rules *o = &r->own;
	size_t a = 0, b = t->n;
	const char *v = NULL, *op = NULL, *fn = NULL;
	unsigned int m = 0;
	struct own_var *x;

	for (;;) {
		if (b - a >= 3 && own_is_ident(t->v[a]) &&
		    strvec_contains(&o->see_through, t->v[a]) &&
		    !strcmp(t->v[a + 1], "(") && !strcmp(t->v[b - 1], ")"))
			a += 2, b--;
		else if (b - a >= 2 && !strcmp(t->v[a], "(") &&
			 !strcmp(t->v[b - 1], ")"))
			a++, b--;
		else
			break;
	}
	if (b - a >= 2 && !strcmp(t->v[a], "!")) {
		yes = !yes;
		a++;
	}
	if (b - a == 1 && own_is_ident(t->v[a])) {
		v = t->v[a];
	} else if (b - a == 3 && own_is_ident(t->v[a]) && own_rel_op(t->v[a + 1]) &&
		   (!strcmp(t->v[a + 2], "0") || !strcmp(t->v[a + 2], "NULL"))) {
		v = t->v[a];
		op = t->v[a + 1];
	} else if (b - a == 4 && own_is_ident(t->v[a + 2]) &&
		   !strcmp(t->v[a + 1], "(") && !strcmp(t->v[a + 3], ")") &&
		   (strvec_contains(&o->error_tests, t->v[a]) ||
		    strvec_contains(&o->error_or_null_tests, t->v[a]))) {
		v = t->v[a + 2];
		fn = t->v[a];
	}
	if (!v)
		return true;
	x = own_var_find(vs, v);
	if (!x)
		return true;
	if (fn && strvec_contains(&o->error_tests, fn))
		m = yes ? M_N : M_Z | M_P;
	else if (fn)
		m = yes ? M_Z | M_N : M_P;
	else if (!op || !strcmp(op, "!="))
		m = yes ? M_P | M_N : M_Z;
	else if (!strcmp(op, "=="))
		m = yes ? M_Z : M_P | M_N;
	else if (!strcmp(op, "<"))
		m = yes ? M_N : M_Z | M_P;
	else if (!strcmp(op, ">="))
		m = yes ? M_Z | M_P : M_N;
	else if (!strcmp(op, ">"))
		m = yes ? M_P : M_Z | M_N;
	else
		m = yes ? M_Z | M_N : M_P;
	if ((x->m & F_ERRNO) && !(m & M_Z))
		m = M_N;
	m &= x->m & M_ALL;
	x->m = (x->m & ~M_ALL) | m;
	return m != 0;
}
