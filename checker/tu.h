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
void own_add_facts(struct tu *tu, cJSON *rec);

/* own_cfg.c: a function's control-flow graph, for own_walk.c */
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

bool tu_call_spelling(struct tu *tu, CXCursor call, const char *name,
		      CXFile *file, const char **buf, size_t *size,
		      size_t *off);

#endif /* GUPCHECK_TU_H */
