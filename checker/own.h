/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The ownership engine's path walk, inside the worker: what it knows of a
 * value, of the pages it follows, and of one path's state.  The files
 * call in one direction:
 *
 *   own_facts.c     a function's facts; its subjects' paths
 *     own_subject.c   the subjects: calls that may put pages in a place
 *       own_walk.c      every path from the function's entry (own_cfg.c,
 *                       own_loops.c)
 *         own_step.c      what one statement does to a path's state
 *           own_release.c   releases, counted, and frees
 *             own_hold.c      where the pages are; the notes of a walk
 *               own_state.c     the state: values, holders, hand-offs
 *               own_cond.c      reading a condition, refining values
 *   own_util.c      small questions about cursors, for all of them
 *
 * The walk decides nothing about wrappers: it writes down, per subject,
 * the exits where the pages may still be held, the releases whose count
 * is wrong and the releases made twice, each with the value class of the
 * subject's result on that path and the calls the pages were passed to.
 * own_judge.c decides them over the whole tree, with the summaries.
 */
#ifndef GUPCHECK_OWN_H
#define GUPCHECK_OWN_H

#include "tu.h"

/*
 * A value is known as a set of classes.  For the result of a call that
 * takes a count of pages, positive splits in two: fewer than asked for
 * (short) and all of them (full).  Other values are positive as both.
 */
#define M_Z 1u			/* zero, NULL, false */
#define M_S 2u			/* positive; short of the count asked for */
#define M_N 4u			/* negative, an ERR_PTR */
#define M_F 8u			/* positive, the count asked for */
#define M_P (M_S | M_F)
#define M_ALL (M_Z | M_P | M_N)
#define F_RES 16u		/* holds the subject's result */
#define F_ERRNO 32u		/* an int from a call: not zero is an error */
#define F_DER 64u		/* a count computed from the result */
#define F_ACC 128u		/* the sum of results: pages taken so far */
#define F_REQ 256u		/* holds the count asked for (a copy of it) */

enum own_tri { T_FALSE, T_TRUE, T_UNKNOWN };

struct own_var {
	char *name;
	unsigned int m;
};

struct own_vars {
	struct own_var *v;
	size_t nv;
};

struct own_cond {
	const struct rules *r;
	const struct own_vars *vars;
	const struct strvec *holders;	/* variables holding the pages */
	const char *requested;	/* the count asked for, its tokens joined */
	bool held;		/* the pages were taken */
};

/* own_cond.c */
struct own_var *own_var_find(const struct own_vars *vs, const char *name);
unsigned int own_cond_value(const struct own_cond *cx, const struct strvec *t,
			    bool *res);
bool own_cond_refine(const struct own_cond *cx, struct own_vars *vs,
		     const struct strvec *t, bool yes);
enum own_tri own_tri_of(unsigned int m);
bool own_rel_op(const char *s);
bool own_is_ident(const char *s);
char *own_joined(const struct strvec *t, size_t from, size_t to);

/* own_guard.c */
bool own_tokens_name(struct tu *tu, CXCursor c, const struct strvec *list,
		     const struct strvec *words);
bool own_guarded(struct tu *tu, const CXCursor *stack, size_t depth,
		 const struct rules *r, enum page_family fam);
bool own_user_guarded(struct tu *tu, const CXCursor *stack, size_t depth,
		      const struct own_rules *o);
unsigned int own_user_exit(struct tu *tu, CXCursor fn,
			   const struct own_rules *o);

/* own_pfn.c */
CXCursor own_page_of_number(CXCursor e);
CXCursor own_number_of_page(CXCursor e);

/* own_pinflag.c */
int own_pinned_branch(struct tu *tu, const CXCursor *stack, size_t depth,
		      const struct own_rules *o, CXCursor *test, char **key);
char *own_pinned_set(struct tu *tu, CXCursor c, const CXCursor *stack,
		     size_t depth, const struct own_rules *o);

/* own_ops_facts.c */
char *own_local_dir(struct tu *tu, CXCursor decl);
char *own_ops_callee(struct tu *tu, CXCursor call, char **dir);
bool own_ops_assign(struct tu *tu, CXCursor lhs, CXCursor rhs, char **key,
		    char **target, char **dir);
void own_ops_table(struct tu *tu, CXCursor var);

/* own_util.c */
bool own_one_page(CXType t);
bool own_page_array(CXType t);
bool own_pointer_ish(CXType t);
bool own_signed_int(CXType t);
unsigned int own_offset(CXCursor c);
unsigned int own_start(CXCursor c);
unsigned int own_end(CXCursor c);
char *own_fn_key(struct tu *tu, CXCursor decl, const char *name);
char *own_record_of(CXType t);
CXCursor own_named_var(CXCursor e);
bool own_local_var(CXCursor d, CXCursor fn);
bool own_may_release(CXCursor decl);
bool own_names_var(CXCursor e, unsigned int off);
CXCursor own_names_which(CXCursor e, const struct strvec *names);
int own_api_arg(const struct rules *r, CXCursor decl, const char *name,
		const char *param, const char *role);
char *own_place_text(struct tu *tu, CXCursor e);
char *own_tokens_place(struct tu *tu, CXCursor e);

/*
 * The loops of a function (own_loops.c), for the count a release in one
 * covers: for (i = 0; i < n; i++) covers [0, n); while (i--) covers
 * [0, i).  BOUND is NULL where the loop does not start from 0.
 */
struct own_loop {
	CXCursor c;			/* the statement */
	unsigned int start, end;	/* its extent */
	char *index;		/* the variable it counts with, or NULL */
	char *bound;		/* what it counts to, its tokens joined */
	bool from0;		/* it covers [0, bound) */
	bool down;		/* it counts down to 0 */
};

struct own_loops {
	struct own_loop *v;
	size_t n;
};

void own_loops_build(struct tu *tu, CXCursor fn, struct own_loops *ls);
const struct own_loop *own_loop_at(const struct own_loops *ls,
				   unsigned int off);
void own_loops_free(struct own_loops *ls);

/* What the result of a subject's call counts. */
enum own_result {
	R_NONE,		/* not kept */
	R_COUNT,	/* pages taken: short or full */
	R_BYTES,	/* bytes: some pages, never known to be all */
	R_OTHER,	/* a wrapper's: judged with its summary */
};

enum own_mode { OM_ARRAY, OM_PAGE, OM_OBJECT };

/* A subject: a call that may put pages into a place of the function. */
struct own_subject {
	CXCursor call;
	unsigned int call_off;
	char *callee;		/* the summary key, or the API's name */
	const struct own_api *api;
	char *role;		/* "R" or "P:<i>" */
	enum own_mode mode;
	CXCursor var;		/* the place's variable */
	unsigned int var_off;
	char *var_name;
	bool fresh;		/* a local nobody else can release from */
	int param;		/* the pages are the caller's: this parameter */
	bool in_loop;		/* the call is repeated by a loop */
	char *field;		/* OM_OBJECT: the field filled, if known */
	char *rec;		/* OM_OBJECT: the struct */
	char *requested;	/* the count argument's tokens, joined */
	char *res_name;		/* the variable the result goes into */
	char *total;		/* in a loop: the count of all rounds */
	char *offset;		/* pages + OFFSET: the rounds before took it */
	enum own_result result;
	struct strvec call_tokens;
};

/* One path's state. */
struct own_state {
	struct own_vars vars;
	unsigned int cls;	/* the subject's result, M_ bits; 0 before */
	bool held;		/* the subject's call is behind */
	bool tested;		/* the result was compared with the count */
	unsigned int released;	/* the release that let go of them all */
	unsigned int partial;	/* a release of some of them */
	unsigned int rel_call;	/* a call given them all that may release */
	bool prior;		/* a loop's earlier rounds left pages */
	char *recorded;		/* the object's field that counts them */
	bool forgot;		/* ... set to 0 while they are held */
	bool published;		/* the object holding them is the caller's too */
	struct strvec holders;	/* local variables the pages are in */
	struct strvec passes;	/* calls passed the pages: "key#i@off[!]" */
	struct strvec trail;	/* branches that told the result's class */
	struct strvec stores;	/* "VAR=HOLDER": a store that holds if VAR is 0 */
};

void own_var_set(struct own_state *st, const char *name, unsigned int m);
void own_state_copy(struct own_state *to, const struct own_state *from);
void own_state_free(struct own_state *st);
char *own_state_key(struct own_state *st, int node);
bool own_holder(const struct own_state *st, const char *name);
void own_holder_add(struct own_state *st, const char *name);
bool own_pass_add(struct own_state *st, const char *pass);
const char *own_pass_at(const struct own_state *st, unsigned int off);
void own_pass_failed(struct own_state *st, const char *var);
void own_pass_forget(struct own_state *st, const char *var);
void own_stores_settle(struct own_state *st, bool bail);
void own_result_refined(struct own_state *st);
void own_trail_add(struct own_state *st, unsigned int line,
		   unsigned int col);

/* The walk of one subject, shared by own_walk.c and own_step.c. */
struct own_walk {
	struct tu *tu;
	const struct rules *r;
	CXCursor fn;
	struct cfg *g;
	struct own_subject *sj;
	struct own_state *st;
	const struct own_loops *loops;
	const struct strvec *fresh;	/* local pointers to memory of its own */
	struct strset seen;
	struct strset noted;	/* facts written already, by offset */
	cJSON *exits;		/* where the pages may still be held */
	cJSON *counts;		/* releases of a wrong count, or twice */
	size_t steps;
	bool stop;		/* this path is over */
	bool in_cond;		/* the statement is a branch's condition */
	bool budget;		/* the walk ran out of steps */
	bool handed;		/* a success returns with the pages held */
	bool handed_zero;	/* ... and returns 0, not their count */
	char *into;		/* the variable a call's value goes to */
	CXCursor *up;		/* the ancestors of the cursor visited */
	size_t depth, cap;
};

/* own_hold.c: where the pages are */
enum hold {
	H_NONE,
	H_SAME,		/* the holder, or a field of it */
	H_ELEM,		/* one page of it: pages[i], sg_page(sg) */
	H_OUTER,	/* the object a holder is a field of: dma of dma->pages */
};

unsigned int own_value(struct own_walk *w, const struct strvec *t,
		       bool *res);
char *own_text(struct own_walk *w, CXCursor e);
char *own_place(struct own_walk *w, CXCursor e);
bool own_field_of(const char *text, const char *h);
enum hold own_holder_match(struct own_walk *w, CXCursor e, bool *exact,
			   char **outer);
bool own_mentions(struct own_walk *w, CXCursor e);
bool own_holder_drop(struct own_walk *w, const char *name);
char *own_container(struct own_walk *w, CXCursor e);
char *own_transfer_holder(struct own_walk *w, CXCursor container,
			  const struct own_transfer *x);
bool own_prior(struct own_walk *w);
bool own_holding(struct own_walk *w);
cJSON *own_note_new(const char *kind);
void own_twice(struct own_walk *w, CXCursor call, const char *first,
	       const char *second);
void own_note(struct own_walk *w, cJSON *to, CXCursor at, cJSON *x);
void own_add_passes(struct own_walk *w, cJSON *x);
cJSON *own_where_is(struct own_walk *w, unsigned int off);

/* own_release.c: releases and frees */
void own_release(struct own_walk *w, CXCursor call, CXCursor decl,
		 const struct own_api *api, enum hold h, bool exact);
void own_free(struct own_walk *w, CXCursor call, CXCursor arg,
	      enum hold h);
void own_negative_with(struct own_walk *w, CXCursor call, CXCursor decl);
void own_release_loop(struct own_walk *w, CXCursor cond);

/* own_step.c: a statement's events, a return */
void own_step_events(struct own_walk *w, CXCursor c);
void own_step_exit(struct own_walk *w, CXCursor ret);

/* own_walk.c */
cJSON *own_walk_subject(struct tu *tu, CXCursor fn, struct cfg *g,
			const struct own_loops *loops,
			const struct strvec *fresh, struct own_subject *sj,
			bool *budget, bool *handed, bool *zero);

/* own_contract.c: calls that keep a page only on a flag's word */
void own_contracts_function(struct tu *tu, CXCursor fn);

/* own_subject.c and own_returns.c */
cJSON *own_subjects_function(struct tu *tu, CXCursor fn, cJSON *rec);
void own_returns(struct tu *tu, CXCursor fn, cJSON *rec);

#endif /* GUPCHECK_OWN_H */
