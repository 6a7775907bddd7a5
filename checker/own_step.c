// SPDX-License-Identifier: GPL-2.0
/*
 * What one statement does to a path's state (own_walk.c): the subject's
 * call takes the pages and gives its result a class; a release or a
 * free is own_release.c's; a store or a return hands them on; a call
 * passed them is written down for the summaries to decide; an
 * assignment gives a variable a value, or makes it another name for the
 * pages or for the result.  Where the pages are is own_hold.c's.
 */
#include <stdlib.h>
#include <string.h>

#include "gupcheck.h"
#include "own.h"

/*
 * Is T a pointer to an unsigned long: where a pfn or an address goes (a
 * count, an int, is no such thing)?
 */
static bool integer_out(CXType t)
{
	t = clang_getCanonicalType(t);
	if (t.kind != CXType_Pointer)
		return false;
	t = clang_getCanonicalType(clang_getPointeeType(t));
	return t.kind == CXType_ULong || t.kind == CXType_ULongLong;
}

/*
 * A wrapper's other out-parameters of integer type (vaddr_get_pfns()'s
 * pfn) carry a value standing for the pages: "~pfn_base", which whatever
 * is later passed it (put_pfn(*pfn_base)) is taken to keep.
 */
static void handles(struct own_walk *w, CXCursor call)
{
	int i, n = clang_Cursor_getNumArguments(call);
	char *t, *h;

	for (i = 0; i < n; i++) {
		CXCursor a = expr_strip(clang_Cursor_getArgument(call, i));
		struct cursor_kids kd = cursor_kids(a);

		if (!integer_out(clang_getCursorType(a)))
			continue;
		if (clang_getCursorKind(a) == CXCursor_UnaryOperator &&
		    kd.n == 1)
			a = expr_strip(kd.c[0]);
		t = own_text(w, a);
		h = xasprintf("~%s", t);
		own_holder_add(w->st, h);
		free(h);
		free(t);
	}
}

/* The subject's call: it takes the pages. */
static void acquire(struct own_walk *w, CXCursor call, const char *into)
{
	struct own_subject *sj = w->sj;
	unsigned int cls = M_ALL, flags = F_RES;

	if (sj->result == R_COUNT && sj->requested &&
	    !strcmp(sj->requested, "1"))
		cls = M_Z | M_F | M_N;
	else if (sj->result == R_BYTES)
		cls = M_Z | M_S | M_N;
	else if (sj->result == R_NONE && !into && !w->in_cond)
		cls = M_F;
	if (sj->result == R_OTHER &&
	    own_signed_int(clang_getCursorType(call)))
		flags |= F_ERRNO;
	/* a loop's earlier rounds left pages in a place of the function */
	w->st->prior |= own_holding(w) && !w->sj->offset;
	w->st->held = true;
	w->st->released = 0;
	w->st->rel_call = 0;
	w->st->partial = 0;
	w->st->tested = false;
	w->st->cls = cls;
	own_holder_add(w->st, sj->var_name);
	if (sj->result == R_OTHER)
		handles(w, call);
	if (into)
		own_var_set(w->st, into, cls | flags);
	if (w->in_cond)
		own_var_set(w->st, "@r", cls | flags);
}

static bool keeps_nothing(const struct own_rules *o, const char *name)
{
	return strvec_contains(&o->page_readers, name) ||
	       strvec_contains(&o->borrowers, name) ||
	       strvec_contains(&o->error_tests, name) ||
	       strvec_contains(&o->error_or_null_tests, name) ||
	       strvec_contains(&o->see_through, name);
}

/*
 * A call the pages were passed to, by its summary key: "KEY#ARG@OFF",
 * "KEY#ARG/struct x.pages@OFF" when it was passed the object whose field
 * holds them, "KEY#ARG~@OFF" when it was passed a value made from them
 * (a pfn, an address), then "=VAR" if its result went into VAR.
 */
static char *on_pass(struct own_walk *w, CXCursor call, CXCursor decl,
		     const char *name, int arg, const char *how)
{
	char *key, *p;

	key = clang_getCursorKind(decl) == CXCursor_FunctionDecl ?
	      own_fn_key(w->tu, decl, name) : xstrdup("?");
	p = xasprintf("%s#%d%s@%u=%s", key, arg, how, own_offset(call),
		      w->into ? w->into : w->in_cond ? "@c" : "");
	if (!w->into && !w->in_cond)
		p[strlen(p) - 1] = 0;
	if (!own_pass_add(w->st, p))
		w->stop = true;
	free(key);
	return p;
}

/* "struct x.pages" for the object A of type struct x and REST "->pages". */
static char *outer_field(CXCursor a, const char *rest)
{
	char *rec = own_record_of(clang_getCursorType(a)), *f;
	size_t skip = rest[0] == '.' ? 1 : 2;

	if (!rec[0] || (rest[0] != '.' && rest[0] != '-')) {
		free(rec);
		return xstrdup("");
	}
	f = xasprintf("/%s.%.*s", rec, (int)strcspn(rest + skip, ".-["),
		      rest + skip);
	free(rec);
	return f;
}

/*
 * Does A point further into an array than its start: &pages[n] with n not
 * 0, or pages + n?  Pages taken there join the ones before them.
 */
static bool further_in(CXCursor a)
{
	struct cursor_kids kd;
	char *n;
	bool yes;

	a = expr_strip(a);
	kd = cursor_kids(a);
	if (clang_getCursorKind(a) == CXCursor_BinaryOperator && kd.n == 2)
		return own_pointer_ish(clang_getCursorType(a));
	if (clang_getCursorKind(a) != CXCursor_UnaryOperator || kd.n != 1)
		return false;
	a = expr_strip(kd.c[0]);
	kd = cursor_kids(a);
	if (clang_getCursorKind(a) != CXCursor_ArraySubscriptExpr || kd.n != 2)
		return false;
	if (clang_getCursorKind(expr_strip(kd.c[1])) != CXCursor_IntegerLiteral)
		return true;
	n = cursor_name(expr_strip(kd.c[1]));
	yes = n[0] && strcmp(n, "0");
	free(n);
	return yes;
}

/*
 * The pages go into the container HOLDER.  A store that holds only when
 * the call returns 0 waits for a test of its result (own_stores_settle()).
 */
static void store(struct own_walk *w, const struct own_transfer *x,
		  const char *holder, const char *into)
{
	const char *var = into ? into : w->in_cond ? "@c" : NULL;
	char *s;

	if (x->stored_on_zero && var && !own_holder(w->st, holder)) {
		s = xasprintf("%s=%s", var, holder);
		if (!strvec_contains(&w->st->stores, s))
			strvec_push(&w->st->stores, s);
		free(s);
	}
	own_holder_add(w->st, holder);
}

static void on_call(struct own_walk *w, CXCursor call)
{
	const struct own_rules *o = &w->r->own;
	CXCursor decl = clang_getCursorReferenced(call);
	int i, n = clang_Cursor_getNumArguments(call);
	const struct own_transfer *x;
	const struct own_api *api;
	bool exact;
	char *name, *into = w->into;
	enum hold h;

	w->into = NULL;
	if (own_offset(call) == w->sj->call_off) {
		acquire(w, call, into);
		return;
	}
	if (into)
		own_pass_forget(w->st, into);
	name = cursor_name(call);
	api = own_api(w->r, name);
	x = own_transfer(w->r, name);
	for (i = 0; w->st->held && i < n && !w->stop; i++) {
		CXCursor a = clang_Cursor_getArgument(call, i);
		char *c, *rest = NULL;

		h = own_holder_match(w, a, &exact, &rest);
		if (h == H_NONE) {
			if (!api && !x && !keeps_nothing(o, name) &&
			    own_mentions(w, a)) {
				w->into = into;
				free(on_pass(w, call, decl, name, i, "~"));
				w->into = NULL;
			}
			continue;
		}
		if (api && (api->family == FAM_REF || api->family == FAM_GET ||
			    api->family == FAM_PIN ||
			    api->family == FAM_EXTRACT)) {
			/* one more reference, or other pages in the place */
			if (h == H_NONE || !further_in(a))
				w->stop = true;
		} else if (api && (api->family == FAM_PUT ||
			    api->family == FAM_UNPIN)) {
			if (i == own_api_arg(w->r, decl, api->name,
					     api->pages, "pages"))
				own_release(w, call, decl, api, h, exact);
		} else if (strvec_contains(&o->array_frees, name)) {
			if (h != H_ELEM)
				own_free(w, call, a, h);
		} else if (x && x->store == i) {
			c = own_transfer_holder(w, clang_Cursor_getArgument(call,
								   x->into), x);
			if (c)
				store(w, x, c, into);
			else if (x->stored_on_zero)
				/* a table of the caller's: theirs too */
				w->st->published = true;
			else
				w->stop = true;	/* into the caller's */
			free(c);
		} else if (!keeps_nothing(o, name) && !x && !api) {
			unsigned int off = own_offset(call);
			bool outer;
			char *p;

			c = h == H_OUTER ? outer_field(a, rest) : xstrdup("");
			outer = c[0] != '\0';
			w->into = into;
			p = on_pass(w, call, decl, name, i, c);
			w->into = NULL;
			free(c);
			own_negative_with(w, call, decl);
			/*
			 * a call given all of them, or the object whose field
			 * holds them, may release them (a wrapper): a second
			 * release on the path is for the judge to confirm
			 * with the summaries
			 */
			if (((h == H_SAME && exact) || outer) && !w->stop &&
			    own_may_release(decl)) {
				if (w->st->released && w->st->released != off)
					own_twice(w, call, NULL, p);
				else if (w->st->rel_call &&
					 w->st->rel_call != off)
					own_twice(w, call,
						  own_pass_at(w->st, w->st->rel_call), p);
				w->st->rel_call = off;
			}
			free(p);
		}
		free(rest);
	}
	if (into) {
		if (strvec_contains(&o->error_values, name))
			own_var_set(w->st, into, M_N);
		else
			own_var_set(w->st, into, M_ALL |
				    (own_signed_int(clang_getCursorType(call)) ?
				     F_ERRNO : 0));
	}
	free(name);
}

static void walk_expr(struct own_walk *w, CXCursor e);

/* A plain variable's name, or NULL. */
static char *var_name(struct own_walk *w, CXCursor e)
{
	CXCursor v = own_named_var(e), d;

	/* a parameter is a variable of the function's own too */
	e = expr_strip(e);
	if (clang_Cursor_isNull(v) &&
	    clang_getCursorKind(e) == CXCursor_DeclRefExpr) {
		d = clang_getCursorReferenced(e);
		if (clang_getCursorKind(d) == CXCursor_ParmDecl)
			return cursor_name(d);
	}
	/* a global, or a static, is memory: whoever owns it */
	if (clang_Cursor_isNull(v) || !own_local_var(v, w->fn))
		return NULL;
	return cursor_name(v);
}

/* Is RHS the result, or a count of it: dma->nr_pages = ret > 0 ? ret : 0? */
static bool a_count(struct own_walk *w, CXCursor rhs)
{
	struct strvec t = { 0 };
	const struct own_var *v;
	bool yes = false;
	size_t i;

	cursor_tokens(w->tu, expr_strip(rhs), &t);
	for (i = 0; i < t.n && !yes; i++) {
		v = own_var_find(&w->st->vars, t.v[i]);
		yes = v && (v->m & (F_RES | F_DER | F_ACC));
	}
	strvec_free(&t);
	return yes;
}

/* Is RHS the count the call asked for, or a copy of it? */
static bool a_request(struct own_walk *w, CXCursor rhs)
{
	struct strvec t = { 0 };
	const struct own_var *v;
	bool yes;
	char *s;

	if (!w->sj->requested)
		return false;
	cursor_tokens(w->tu, expr_strip(rhs), &t);
	s = own_joined(&t, 0, t.n);
	v = t.n == 1 ? own_var_find(&w->st->vars, t.v[0]) : NULL;
	yes = !strcmp(s, w->sj->requested) || (v && (v->m & F_REQ));
	free(s);
	strvec_free(&t);
	return yes;
}

/*
 * obj->nr = nr_pages: the field holds the count asked for, and a release
 * of obj->nr releases that many (shm->num_pages in tee_shm.c).
 */
static void store_request(struct own_walk *w, CXCursor lhs, CXCursor rhs)
{
	char *s = own_text(w, expr_strip(lhs));
	const struct own_var *v = own_var_find(&w->st->vars, s);

	if (a_request(w, rhs))
		own_var_set(w->st, s, M_P | F_REQ);
	else if (v && (v->m & F_REQ))
		own_var_set(w->st, s, M_ALL);
	free(s);
}

/*
 * Is LHS a part of a struct or array the function has on its stack
 * (data.address, descs[i].addr)?  What is stored there dies with the
 * function: an address of the pages written there hands nothing on.
 */
static bool stack_memory(struct own_walk *w, CXCursor lhs)
{
	CXCursor e = expr_strip(lhs), d;
	enum CXCursorKind k;

	for (;;) {
		struct cursor_kids kd = cursor_kids(e);

		k = clang_getCursorKind(e);
		if (k == CXCursor_MemberRefExpr) {
			/* a.b, never a->b */
			if (!kd.n || clang_getCanonicalType(clang_getCursorType(
				    kd.c[0])).kind == CXType_Pointer)
				return false;
			e = expr_strip(kd.c[0]);
		} else if (k == CXCursor_ArraySubscriptExpr && kd.n) {
			if (clang_getCanonicalType(clang_getCursorType(
				    kd.c[0])).kind == CXType_Pointer)
				return false;
			e = expr_strip(kd.c[0]);
		} else {
			break;
		}
	}
	if (k != CXCursor_DeclRefExpr)
		return false;
	d = clang_getCursorReferenced(e);
	return clang_getCursorKind(d) == CXCursor_VarDecl &&
	       own_local_var(d, w->fn) &&
	       clang_Cursor_getStorageClass(d) != CX_SC_Static;
}

/*
 * A store into memory: the pages go with it, unless it is theirs; and
 * an object that records the count taken, outside the function, is
 * released by whoever owns it.
 */
static char *text_of(struct own_walk *w, CXCursor e)
{
	struct strvec t = { 0 };
	char *s;

	cursor_tokens(w->tu, e, &t);
	s = own_joined(&t, 0, t.n);
	strvec_free(&t);
	return s;
}

/*
 * Is E a pointer to an object of the function's that holds the pages in
 * a field (not the pages, not their array)?  Stored where the caller
 * sees it (*out = obj), the object is the caller's too: an error return
 * leaves it to the caller, but a free of it still loses the pages.
 */
static bool an_object(CXCursor e)
{
	CXType t = clang_getCanonicalType(clang_getCursorType(expr_strip(e)));

	return t.kind == CXType_Pointer && !own_one_page(t) &&
	       !own_page_array(t) &&
	       clang_getCanonicalType(clang_getPointeeType(t)).kind ==
	       CXType_Record;
}

static void store_memory(struct own_walk *w, CXCursor lhs, CXCursor rhs)
{
	struct strvec t = { 0 };
	char *c;

	store_request(w, lhs, rhs);
	if (w->st->held && own_holding(w) && w->st->recorded) {
		/* dma->page_count = 0: the object forgets them */
		c = text_of(w, lhs);
		cursor_tokens(w->tu, expr_strip(rhs), &t);
		if (!strcmp(c, w->st->recorded) && t.n == 1 &&
		    !strcmp(t.v[0], "0"))
			w->st->forgot = true;
		strvec_free(&t);
		free(c);
	}
	if (w->st->held && own_holding(w) && a_count(w, rhs)) {
		c = own_container(w, lhs);
		if (!c && !w->st->recorded) {
			/* dma->page_count = ret: the object's, from here */
			w->st->recorded = text_of(w, lhs);
			return;
		}
		if (!c) {
			w->stop = true;
			return;
		}
		free(c);
	}
	if (!w->st->held || own_holder_match(w, lhs, NULL, NULL) != H_NONE)
		return;
	if (own_holder_match(w, rhs, NULL, NULL) == H_NONE) {
		/* a pfn or an address of them: their owner tracks it */
		if (own_mentions(w, rhs) && !stack_memory(w, lhs))
			w->stop = true;
		return;
	}
	c = own_container(w, lhs);
	if (c)
		own_holder_add(w->st, c);	/* obj->pages = pages */
	else if (an_object(rhs))
		w->st->published = true;	/* *out = obj */
	else
		w->stop = true;			/* dma->pages = pages */
	free(c);
}

/* The value NAME gets from RHS's tokens, and what it is of the result. */
static void store_value(struct own_walk *w, const char *name, CXCursor rhs)
{
	struct strvec t = { 0 };
	const struct own_var *v;
	unsigned int m, flags = 0;
	size_t i;

	cursor_tokens(w->tu, rhs, &t);
	m = own_value(w, &t, NULL);
	/* ret2 = ret: the same result; n = ret + off: a count of it */
	v = t.n == 1 ? own_var_find(&w->st->vars, t.v[0]) : NULL;
	if (v && (v->m & (F_RES | F_DER | F_ACC)))
		flags = v->m & (F_RES | F_DER | F_ACC | F_ERRNO);
	for (i = 0; !flags && i < t.n; i++) {
		v = own_var_find(&w->st->vars, t.v[i]);
		if (v && (v->m & (F_RES | F_DER | F_ACC)))
			flags = F_DER;
	}
	if (!flags && a_request(w, rhs))
		flags = F_REQ;
	own_var_set(w->st, name, (m & M_ALL) | flags);
	strvec_free(&t);
}

/* LHS = RHS, or a declaration's initializer (LHS the variable). */
static void on_store(struct own_walk *w, CXCursor lhs, CXCursor rhs,
		     bool decl)
{
	CXCursor call = expr_strip(rhs);
	bool is_call = clang_getCursorKind(call) == CXCursor_CallExpr;
	char *name = decl ? cursor_name(lhs) : var_name(w, lhs);

	enum hold h;

	w->into = is_call ? name : NULL;
	walk_expr(w, rhs);
	w->into = NULL;
	if (w->stop || !name) {
		if (!w->stop)
			store_memory(w, lhs, rhs);
		free(name);
		return;
	}
	h = w->st->held ? own_holder_match(w, rhs, NULL, NULL) : H_NONE;
	if (is_call && h == H_NONE) {
		/* pages = other(): the pages it held are out of sight */
		if (own_holder(w->st, name) &&
		    own_offset(call) != w->sj->call_off && own_holding(w) &&
		    !own_holder_drop(w, name))
			w->stop = true;
		free(name);
		return;
	}
	if (!is_call)
		own_pass_forget(w->st, name);
	if (h == H_SAME) {
		own_holder_add(w->st, name);
	} else if (h == H_ELEM) {
		char *e = xasprintf("=%s", name);

		own_holder_add(w->st, e);
		free(e);
	} else if (own_holder(w->st, name) && !own_holder_drop(w, name) &&
		   own_holding(w)) {
		w->stop = true;		/* pages = other: out of sight */
	} else if (w->st->held && own_one_page(clang_getCursorType(lhs)) &&
		   own_mentions(w, rhs)) {
		/* folio = page_folio(page): one of them, by another name */
		char *e = xasprintf("=%s", name);

		own_holder_add(w->st, e);
		free(e);
	}
	if (!is_call)
		store_value(w, name, rhs);
	free(name);
}

/* X += Y, X -= Y, ...: an accumulated count when Y is a result. */
static void on_compound(struct own_walk *w, CXCursor c,
			struct cursor_kids *kd)
{
	char *name = var_name(w, kd->c[0]);
	struct strvec t = { 0 }, all = { 0 };
	const struct own_var *x, *y;
	unsigned int m = M_ALL;
	bool add;

	walk_expr(w, kd->c[1]);
	if (!name) {
		/* *pinned += ret: whoever owns that counts what was taken */
		if (!w->stop && w->st->held && own_holding(w) &&
		    a_count(w, kd->c[1]))
			w->stop = true;
		return;
	}
	cursor_tokens(w->tu, c, &all);
	cursor_tokens(w->tu, kd->c[0], &t);
	add = t.n < all.n && !strcmp(all.v[t.n], "+=");
	strvec_free(&t);
	strvec_free(&all);
	cursor_tokens(w->tu, kd->c[1], &t);
	y = t.n == 1 ? own_var_find(&w->st->vars, t.v[0]) : NULL;
	x = own_var_find(&w->st->vars, name);
	if (add && y && (y->m & (F_RES | F_ACC | F_DER))) {
		m = F_ACC | ((!(y->m & ~(M_P | F_RES | F_ACC | F_DER |
					 F_ERRNO)) &&
			      (!x || !(x->m & M_N))) ? M_P : M_ALL);
	} else if (add && x && !(x->m & M_N) &&
		   !(own_value(w, &t, NULL) & (M_N | M_Z))) {
		m = M_P | (x->m & F_ACC);
	}
	/* ret += offset: still a count made from the result */
	if (x && (x->m & (F_RES | F_DER | F_ACC)) && !(m & F_ACC))
		m |= F_DER;
	strvec_free(&t);
	own_pass_forget(w->st, name);
	own_var_set(w->st, name, m);
	free(name);
}

/* i++, --i: an index moves. */
static void on_unary(struct own_walk *w, CXCursor c, struct cursor_kids *kd)
{
	struct strvec t = { 0 };
	struct own_var *v;
	char *name = var_name(w, kd->c[0]);
	bool up;

	if (!name)
		return;
	cursor_tokens(w->tu, c, &t);
	up = t.n == 2 && (!strcmp(t.v[0], "++") || !strcmp(t.v[1], "++"));
	v = own_var_find(&w->st->vars, name);
	if (v && t.n == 2 && (up || !strcmp(t.v[0], "--") ||
			      !strcmp(t.v[1], "--"))) {
		if (up)
			v->m = (v->m & ~M_ALL) |
			       (v->m & M_N ? M_ALL : M_P);
		else
			v->m = (v->m & ~M_ALL) |
			       (v->m & M_P ? (v->m & M_N) | M_Z | M_P : M_ALL);
	}
	strvec_free(&t);
	free(name);
}

static enum CXChildVisitResult event_visitor(CXCursor c, CXCursor parent,
					     CXClientData data)
{
	struct own_walk *w = data;
	enum CXCursorKind k = clang_getCursorKind(c);
	struct cursor_kids kd;

	(void)parent;
	if (w->stop)
		return CXChildVisit_Break;
	switch (k) {
	case CXCursor_CallExpr:
		/* the arguments first: foo(bar(pages)) */
		{
			char *into = w->into;

			w->into = NULL;
			clang_visitChildren(c, event_visitor, w);
			w->into = into;
		}
		if (!w->stop)
			on_call(w, c);
		return CXChildVisit_Continue;
	case CXCursor_BinaryOperator:
		kd = cursor_kids(c);
		if (kd.n != 2 || !expr_is_assignment(w->tu, c, kd.c[0]))
			break;
		on_store(w, kd.c[0], kd.c[1], false);
		return CXChildVisit_Continue;
	case CXCursor_CompoundAssignOperator:
		kd = cursor_kids(c);
		if (kd.n == 2)
			on_compound(w, c, &kd);
		return CXChildVisit_Continue;
	case CXCursor_UnaryOperator:
		kd = cursor_kids(c);
		if (kd.n == 1)
			on_unary(w, c, &kd);
		break;
	case CXCursor_VarDecl:
		kd = cursor_kids(c);
		if (!kd.n || !clang_isExpression(clang_getCursorKind(
				cursor_last_kid(c))))
			break;
		on_store(w, c, cursor_last_kid(c), true);
		return CXChildVisit_Continue;
	default:
		break;
	}
	return CXChildVisit_Recurse;
}

static void walk_expr(struct own_walk *w, CXCursor e)
{
	if (event_visitor(e, e, w) == CXChildVisit_Recurse)
		clang_visitChildren(e, event_visitor, w);
}

/* The events of statement or condition C. */
void own_step_events(struct own_walk *w, CXCursor c)
{
	if (clang_getCursorKind(c) == CXCursor_ReturnStmt)
		clang_visitChildren(c, event_visitor, w);
	else
		walk_expr(w, c);
}

/*
 * A return: its value's events, then, if the pages may still be held
 * and the function returns an error, an exit to judge.  Returning the
 * pages, or the count of them, hands them to the caller.
 */
void own_step_exit(struct own_walk *w, CXCursor ret)
{
	struct cursor_kids kd = { 0 };
	const struct own_var *v;
	struct strvec t = { 0 };
	unsigned int m = M_Z;
	cJSON *x;

	if (!clang_Cursor_isNull(ret)) {
		kd = cursor_kids(ret);
		own_step_events(w, ret);
	}
	if (w->stop || !own_holding(w))
		return;
	if (kd.n && own_holder_match(w, kd.c[0], NULL, NULL)) {
		w->handed = true;	/* return pages: the caller has them */
		return;
	}
	if (kd.n) {
		cursor_tokens(w->tu, kd.c[0], &t);
		v = t.n == 1 ? own_var_find(&w->st->vars, t.v[0]) : NULL;
		m = own_value(w, &t, NULL);
		strvec_free(&t);
		if (v && (v->m & (F_RES | F_ACC | F_DER)) && (v->m & M_P)) {
			w->handed = true;	/* the caller gets the count */
			return;
		}
	}
	if ((m & M_ALL) != M_N || (w->st->recorded && !w->st->forgot) ||
	    w->st->published) {
		/* return 0: success is told by zero, not by a count */
		if (kd.n && (m & M_ALL) == M_Z)
			w->handed_zero = true;
		/*
		 * a success that leaves them in the place: its caller's; an
		 * object that counts them: its owner's
		 */
		w->handed = true;
		return;
	}
	x = own_note_new("err");
	own_add_passes(w, x);
	own_note(w, w->exits, ret, x);
}
