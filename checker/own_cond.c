// SPDX-License-Identifier: GPL-2.0
/*
 * Reading a condition on a path of own_walk.c.  A value is known as a
 * set of classes (own.h): zero (or NULL), negative (or an ERR_PTR), and
 * positive, which for the result of a call taking a count of pages is
 * either short of the count asked for or all of it.  Variables have what
 * the path gave them; the variables holding the pages are valid
 * pointers; ERR_PTR(), IS_ERR() and the macros a test is wrapped in are
 * rules/ data.  Anything else is unknown, and a condition is known only
 * when its tokens are read whole.
 */
#include <stdlib.h>
#include <string.h>

#include "gupcheck.h"
#include "own.h"

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
	bool resv;		/* a variable holding the subject's result */
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

static bool is_zero(const char *s)
{
	return !strcmp(s, "0") || !strcmp(s, "NULL");
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

	x = own_var_find(e->cx->vars, s);
	if (x) {
		if (x->m & F_RES) {
			e->res = true;
			v.resv = true;
		}
		v.m = x->m;
		return v;
	}
	if (!strcmp(s, "@r")) {
		e->res = true;
		return v;
	}
	if (e->cx->holders && strvec_contains(e->cx->holders, s)) {
		/* fresh and allocated: the path where that failed is over */
		e->res |= e->cx->held;
		v.m = M_P;
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

/* The values for which "v OP 0" holds. */
static unsigned int zero_set(const char *op)
{
	if (!strcmp(op, "=="))
		return M_Z;
	if (!strcmp(op, "!="))
		return M_P | M_N;
	if (!strcmp(op, "<"))
		return M_N;
	if (!strcmp(op, ">="))
		return M_Z | M_P;
	if (!strcmp(op, ">"))
		return M_P;
	return M_Z | M_N;
}

/*
 * The values of a result for which "r OP N" holds, N the count asked
 * for: a call never takes more than that.
 */
static unsigned int req_set(const char *op)
{
	if (!strcmp(op, "==") || !strcmp(op, ">="))
		return M_F;
	if (!strcmp(op, "!=") || !strcmp(op, "<"))
		return M_Z | M_S | M_N;
	if (!strcmp(op, ">"))
		return 0;
	return M_ALL;
}

static enum own_tri tri_in(unsigned int m, unsigned int yes)
{
	m &= M_ALL;
	if (!m)
		return T_UNKNOWN;
	if (!(m & ~yes))
		return T_TRUE;
	if (!(m & yes))
		return T_FALSE;
	return T_UNKNOWN;
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

	if (!own_rel_op(op))
		return a;
	e->i++;
	b = parse_arith(e);
	if (a.resv && b.reqx)
		return of_tri(tri_in(a.m, req_set(op)));
	if (b.resv && a.reqx)
		return of_tri(tri_in(b.m, req_set(flip(op))));
	if (b.lit && (b.m & M_ALL) == M_Z)
		return of_tri(tri_in(a.m, zero_set(op)));
	if (a.lit && (a.m & M_ALL) == M_Z)
		return of_tri(tri_in(b.m, zero_set(flip(op))));
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

/*
 * In "x OP 0 ? A : B", a side that is x itself holds only the values
 * the test lets through: ret < 0 ? ret : -ENOMEM is negative.
 */
static void narrow_side(struct ev *e, size_t c, size_t side, size_t end,
			bool yes, struct val *v)
{
	const struct strvec *t = e->t;
	unsigned int set;

	if (side + 1 != end || !own_is_ident(t->v[c]) ||
	    strcmp(t->v[c], t->v[side]) || !own_rel_op(t->v[c + 1]) ||
	    !is_zero(t->v[c + 2]) || c + 3 + 1 != side)
		return;
	set = zero_set(t->v[c + 1]);
	v->m &= (yes ? set : M_ALL & ~set) | ~M_ALL;
}

static struct val parse_assign(struct ev *e)
{
	size_t c = e->i, sa, sb;
	struct val v = parse_or(e), a, b;
	enum own_tri tc;

	if (accept(e, "?")) {
		/* c ? a : b, GNU c ?: b: the side the condition leaves */
		tc = own_tri_of(v.m);
		sa = e->i;
		a = strcmp(peek(e), ":") ? parse_assign(e) : v;
		narrow_side(e, c, sa, e->i, true, &a);
		accept(e, ":");
		sb = e->i;
		b = parse_assign(e);
		narrow_side(e, c, sb, e->i, false, &b);
		if (tc == T_TRUE)
			return a;
		if (tc == T_FALSE)
			return b;
		a.m = (a.m | b.m) & M_ALL;
		a.lit = a.reqx = a.resv = false;
		return a;
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

/* Do the tokens [A, B) of T open with "(" that closes at B - 1? */
static bool wrapped(const struct strvec *t, size_t a, size_t b)
{
	size_t i;
	int depth = 0;

	if (b - a < 2 || strcmp(t->v[a], "(") || strcmp(t->v[b - 1], ")"))
		return false;
	for (i = a; i < b; i++) {
		if (!strcmp(t->v[i], "("))
			depth++;
		else if (!strcmp(t->v[i], ")") && --depth == 0 && i + 1 < b)
			return false;
	}
	return true;
}

/* [A, B) without the parentheses and see-through macros around it. */
static void unwrap(const struct own_rules *o, const struct strvec *t,
		   size_t *a, size_t *b)
{
	for (;;) {
		if (*b - *a >= 3 && own_is_ident(t->v[*a]) &&
		    strvec_contains(&o->see_through, t->v[*a]) &&
		    wrapped(t, *a + 1, *b))
			*a += 2, (*b)--;
		else if (wrapped(t, *a, *b))
			(*a)++, (*b)--;
		else
			return;
	}
}

/* Does [A, B) hold the count asked for, whole? */
static bool is_req(const struct own_cond *cx, const struct strvec *t,
		   size_t a, size_t b)
{
	char *j;
	bool yes;

	if (!cx->requested || !*cx->requested || a >= b)
		return false;
	j = own_joined(t, a, b);
	yes = !strcmp(j, cx->requested);
	free(j);
	return yes;
}

/* Is the token a constant error, "- EFAULT" starting at T->v[I]? */
static bool negative_const(const struct strvec *t, size_t i, size_t b)
{
	return b - i == 2 && !strcmp(t->v[i], "-") &&
	       (is_upper(t->v[i + 1]) ||
		(t->v[i + 1][0] >= '1' && t->v[i + 1][0] <= '9'));
}

/*
 * The one result variable that [A, B) of T computes a count from, as
 * DIV_ROUND_UP(len + off, PAGE_SIZE) does from the bytes len, or NULL;
 * such counts grow with the result, so comparing them with the count
 * asked for compares the result.
 */
static const char *count_from_result(struct own_vars *vs,
				     const struct strvec *t, size_t a,
				     size_t b)
{
	const char *name = NULL;
	const struct own_var *v;
	size_t i;

	if (b - a < 2)
		return NULL;
	for (i = a; i < b; i++) {
		if (own_rel_op(t->v[i]) || !strcmp(t->v[i], "-") ||
		    !strcmp(t->v[i], "?"))
			return NULL;
		v = own_is_ident(t->v[i]) ? own_var_find(vs, t->v[i]) : NULL;
		if (!v || !(v->m & F_RES))
			continue;
		if (name && strcmp(name, t->v[i]))
			return NULL;
		name = t->v[i];
	}
	return name;
}

/* The place of the comparison operator of [A, B) at depth 0, or B. */
static size_t rel_at(const struct strvec *t, size_t a, size_t b)
{
	int depth = 0;
	size_t i;

	for (i = a; i < b; i++) {
		if (!strcmp(t->v[i], "("))
			depth++;
		else if (!strcmp(t->v[i], ")"))
			depth--;
		else if (!depth && own_rel_op(t->v[i]))
			return i;
	}
	return b;
}

/*
 * One comparison or test of one variable, [A, B) of T: the variable, in
 * *V, and the values for which the test is YES; false if the tokens are
 * no such test.
 */
static bool test_of(const struct own_cond *cx, struct own_vars *vs,
		    const struct strvec *t, size_t a, size_t b, bool yes,
		    struct own_var **v, unsigned int *values)
{
	const struct own_rules *o = &cx->r->own;
	const char *name = NULL, *op = NULL;
	unsigned int set = M_P | M_N;
	bool req = false;
	size_t k = rel_at(t, a, b);

	if (b - a == 1 && own_is_ident(t->v[a])) {
		name = t->v[a];
	} else if (b - a == 3 && own_is_ident(t->v[a]) &&
		   own_rel_op(t->v[a + 1]) && is_zero(t->v[a + 2])) {
		name = t->v[a];
		set = zero_set(op = t->v[a + 1]);
	} else if (b - a == 3 && own_is_ident(t->v[a + 2]) &&
		   own_rel_op(t->v[a + 1]) && is_zero(t->v[a])) {
		name = t->v[a + 2];
		set = zero_set(op = flip(t->v[a + 1]));
	} else if (b - a == 4 && own_is_ident(t->v[a]) &&
		   (!strcmp(t->v[a + 1], "==") || !strcmp(t->v[a + 1], "!=")) &&
		   negative_const(t, a + 2, b)) {
		/* ret == -EOPNOTSUPP: an error */
		name = t->v[a];
		set = !strcmp(t->v[a + 1], "==") ? M_N : M_ALL;
	} else if (b - a >= 3 && own_is_ident(t->v[a]) &&
		   own_rel_op(t->v[a + 1]) && is_req(cx, t, a + 2, b)) {
		name = t->v[a];
		set = req_set(t->v[a + 1]);
		req = true;
	} else if (b - a >= 3 && own_is_ident(t->v[b - 1]) &&
		   own_rel_op(t->v[b - 2]) && is_req(cx, t, a, b - 2)) {
		name = t->v[b - 1];
		set = req_set(flip(t->v[b - 2]));
		req = true;
	} else if (k < b && is_req(cx, t, k + 1, b) &&
		   count_from_result(vs, t, a, k)) {
		/* DIV_ROUND_UP(len + off, PAGE_SIZE) != num_pages */
		name = count_from_result(vs, t, a, k);
		set = req_set(t->v[k]);
		req = true;
	} else if (b - a == 4 && own_is_ident(t->v[a + 2]) &&
		   !strcmp(t->v[a + 1], "(") && !strcmp(t->v[a + 3], ")") &&
		   (strvec_contains(&o->error_tests, t->v[a]) ||
		    strvec_contains(&o->error_or_null_tests, t->v[a]))) {
		name = t->v[a + 2];
		set = strvec_contains(&o->error_tests, t->v[a]) ? M_N :
		      M_Z | M_N;
	}
	(void)op;
	*v = name ? own_var_find(vs, name) : NULL;
	/* compared with the count asked for: only a result knows it */
	if (!*v || (req && !((*v)->m & F_RES)))
		return false;
	set = yes ? set : M_ALL & ~set;
	if (((*v)->m & F_ERRNO) && set == (M_P | M_N))
		set = M_N;
	*values = set;
	return true;
}

static bool apply(struct own_var *x, unsigned int set)
{
	set &= x->m & M_ALL;
	x->m = (x->m & ~M_ALL) | set;
	return set != 0;
}

/* One comparison or test of one variable, [A, B) of T. */
static bool refine_one(const struct own_cond *cx, struct own_vars *vs,
		       const struct strvec *t, size_t a, size_t b, bool yes)
{
	struct own_var *x;
	unsigned int set;

	if (!test_of(cx, vs, t, a, b, yes, &x, &set))
		return true;
	return apply(x, set);
}

static bool refine(const struct own_cond *cx, struct own_vars *vs,
		   const struct strvec *t, size_t a, size_t b, bool yes);

/* The value of the tokens [A, B) of T, as own_cond_value() reads them. */
static enum own_tri part_value(const struct own_cond *cx,
			       struct own_vars *vs, const struct strvec *t,
			       size_t a, size_t b)
{
	struct own_cond in = *cx;
	struct strvec sub = { .v = t->v + a, .n = b - a };

	in.vars = vs;
	return own_tri_of(own_cond_value(&in, &sub, NULL));
}

/*
 * "x && y" not taken, or "x || y" taken: if the values decide all parts
 * but one, that one is what the edge teaches.  Else one part alone.
 */
static bool other_join(const struct own_cond *cx, struct own_vars *vs,
		       const struct strvec *t, size_t a, size_t b, bool yes)
{
	const char *join = yes ? "||" : "&&";
	enum own_tri settled = yes ? T_FALSE : T_TRUE;
	size_t i, from, open_a = b, open_b = b, parts = 0, open = 0;
	struct own_var *one = NULL, *x;
	unsigned int values = 0, set;
	bool same = true;
	int depth = 0;

	for (i = from = a; i <= b; i++) {
		if (i < b && (!strcmp(t->v[i], "(") || !strcmp(t->v[i], "[")))
			depth++;
		else if (i < b && (!strcmp(t->v[i], ")") ||
				   !strcmp(t->v[i], "]")))
			depth--;
		else if (i < b && !depth && !strcmp(t->v[i], "?"))
			return true;
		else if (i == b || (!depth && !strcmp(t->v[i], join))) {
			parts++;
			if (part_value(cx, vs, t, from, i) != settled) {
				open++;
				open_a = from;
				open_b = i;
				/* ret < 0 || ret != n: one variable's values */
				if (test_of(cx, vs, t, from, i, yes, &x, &set) &&
				    (!one || one == x)) {
					one = x;
					values |= set;
				} else {
					same = false;
				}
			}
			from = i + 1;
		}
	}
	if (parts == 1)
		return refine_one(cx, vs, t, a, b, yes);
	if (!open)
		return false;	/* every part says the edge is not taken */
	if (open == 1)
		return refine(cx, vs, t, open_a, open_b, yes);
	return same && one ? apply(one, values) : true;
}

static bool refine(const struct own_cond *cx, struct own_vars *vs,
		   const struct strvec *t, size_t a, size_t b, bool yes)
{
	const char *join;
	size_t i, from;
	int depth = 0;
	bool split = false;

	unwrap(&cx->r->own, t, &a, &b);
	if (b - a >= 2 && !strcmp(t->v[a], "!") &&
	    (b - a == 2 || wrapped(t, a + 1, b) ||
	     (b - a == 5 && own_is_ident(t->v[a + 1]) &&
	      wrapped(t, a + 2, b))))
		return refine(cx, vs, t, a + 1, b, !yes);
	/* "x && y" taken teaches both, and so does "x || y" not taken */
	join = yes ? "&&" : "||";
	for (i = a; i < b && !split; i++) {
		if (!strcmp(t->v[i], "(") || !strcmp(t->v[i], "["))
			depth++;
		else if (!strcmp(t->v[i], ")") || !strcmp(t->v[i], "]"))
			depth--;
		else if (!depth && (!strcmp(t->v[i], "?") ||
				    !strcmp(t->v[i], "&&") ||
				    !strcmp(t->v[i], "||")))
			split = !strcmp(t->v[i], join);
	}
	if (!split)
		return other_join(cx, vs, t, a, b, yes);
	for (i = from = a, depth = 0; i <= b; i++) {
		if (i < b && (!strcmp(t->v[i], "(") || !strcmp(t->v[i], "[")))
			depth++;
		else if (i < b && (!strcmp(t->v[i], ")") ||
				   !strcmp(t->v[i], "]")))
			depth--;
		else if (i == b || (!depth && !strcmp(t->v[i], join))) {
			if (!refine(cx, vs, t, from, i, yes))
				return false;
			from = i + 1;
		}
	}
	return true;
}

/*
 * What taking an edge teaches of the variables: for the conditions "v",
 * "!v", "v OP 0", "v OP N" of a result (N the count asked for), the
 * error tests of rules/ (IS_ERR(v), IS_ERR_OR_NULL(v)), and several of
 * them joined by && on the edge taken, or by || on the other.  False if
 * the edge cannot be taken.
 */
bool own_cond_refine(const struct own_cond *cx, struct own_vars *vs,
		     const struct strvec *t, bool yes)
{
	return refine(cx, vs, t, 0, t->n, yes);
}
