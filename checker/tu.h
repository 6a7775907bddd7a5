/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The state of one translation unit while the engine walks it.  Only the
 * engine and the finding helpers see inside; checks use the accessors in
 * gupcheck.h.
 */
#ifndef GUPCHECK_TU_H
#define GUPCHECK_TU_H

#include "gupcheck.h"

struct tu_file {
	CXFile file;
	char *rel;		/* relative to the tree, or absolute */
	bool inside;		/* lies inside the tree */
	bool relevant;		/* main file or a header worth walking */
};

struct tu {
	struct engine *e;
	CXTranslationUnit tu;
	CXFile main;
	char *func;		/* the function being walked, or NULL */
	cJSON *findings;
	struct tu_file *files;
	size_t nr_files;
	struct tu_file *last;
	struct strset seen_calls;	/* "offset" of calls the AST showed */
	struct strset decl_names;	/* hooked functions declared */
	CXCursor *decls;
	size_t nr_decls;
	cJSON *answers;			/* the result answers go into */
	cJSON *facts;			/* own_facts.c's, for own_solve.c */
	CXCursor *stack;		/* ancestors of the cursor visited */
	size_t depth;
	bool too_deep;			/* the walk stopped at MAX_NESTING */
	size_t stack_cap;
};

const char *tu_file_rel(struct tu *tu, CXFile file, bool *relevant);
void own_facts_function(struct tu *tu, CXCursor fn);

/* own_cfg.c: a function's control-flow graph */
enum cfg_kind {
	CFG_STMT,	/* a statement or expression, then next */
	CFG_BRANCH,	/* a condition: yes or no */
	CFG_SWITCH,	/* a switch value: one of cases, or next */
	CFG_EXIT,	/* a return, or the end of the function */
	CFG_JOIN,	/* nothing to do: next (loop heads, labels) */
	CFG_STOP,	/* a jump the graph cannot follow */
};

struct cfg_node {
	enum cfg_kind kind;
	CXCursor c;		/* the statement, condition or return */
	int next, yes, no;
	bool bail_yes, bail_no;	/* the branch ends in goto or return */
	bool forever;		/* a for loop without a test */
	bool first_test;	/* a loop's test before its first round */
	bool has_default;
	int *cases;
	size_t nr_cases;
};

struct cfg {
	struct cfg_node *n;
	size_t nr, cap;
	int entry;
	struct {
		unsigned int off;
		int node;
	} *labels;
	size_t nr_labels, cap_labels;
	bool too_big;
};

bool cfg_build(struct cfg *g, const struct tu *tu, CXCursor fn);
void cfg_free(struct cfg *g);

bool own_one_page(CXType t);
unsigned int own_offset(CXCursor c);
char *own_fn_key(struct tu *tu, CXCursor decl, const char *name);

/* own_cond.c: reading a condition on a path */
#define M_Z 1u			/* zero, NULL */
#define M_P 2u			/* positive, a valid pointer */
#define M_N 4u			/* negative, an ERR_PTR */
#define M_ALL (M_Z | M_P | M_N)
#define F_REQ 8u		/* equals the count asked for */
#define F_RES 16u		/* the acquisition's result */
#define F_ERRNO 32u		/* an int from a call: not zero is an error */

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
	const char *tracked;	/* the variable holding the pages */
	const char *requested;	/* the count asked for, its tokens joined */
	bool held;		/* the pages were taken */
};

struct own_var *own_var_find(const struct own_vars *vs, const char *name);
unsigned int own_cond_value(const struct own_cond *cx, const struct strvec *t,
			    bool *res);
bool own_cond_refine(const struct rules *r, struct own_vars *vs,
		     const struct strvec *t, bool yes);
enum own_tri own_tri_of(unsigned int m);
bool own_rel_op(const char *s);
bool own_is_ident(const char *s);
char *own_joined(const struct strvec *t, size_t from, size_t to);
char *own_record_of(CXType t);

/* own_paths.c: the paths on which acquired pages leak */
cJSON *own_paths_function(struct tu *tu, CXCursor fn);
void own_returns(struct tu *tu, CXCursor fn, cJSON *rec);
bool tu_call_spelling(struct tu *tu, CXCursor call, const char *name,
		      CXFile *file, const char **buf, size_t *size,
		      size_t *off);

#endif /* GUPCHECK_TU_H */
