/* SPDX-License-Identifier: GPL-2.0 */
/*
 * gupcheck: static checks for get_user_pages, page pinning and iov_iter.
 *
 * The data flow is: tree -> candidate files -> translation units ->
 * events -> findings -> reports.  Each stage has one file; this header is
 * the contract between them.
 */
#ifndef GUPCHECK_H
#define GUPCHECK_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <clang-c/Index.h>
#include <cjson/cJSON.h>

#define GUPCHECK_VERSION "0.1.0"
#define GUPCHECK_URI "https://example.invalid/gupcheck"

#define __printf(a, b) __attribute__((format(printf, a, b)))
#define __noreturn __attribute__((__noreturn__))
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* util.c */
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) __printf(1, 2);
char *xconcat(const char *a, const char *b);
char *xvasprintf(const char *fmt, va_list ap);
void fatal(const char *fmt, ...) __printf(1, 2) __noreturn;
extern void (*out_of_memory_hook)(void);
void warn(const char *fmt, ...) __printf(1, 2);
char *read_whole_file(const char *path, size_t *len, int *err);
bool str_starts(const char *s, const char *prefix);
bool str_ends(const char *s, const char *suffix);
char *path_join(const char *a, const char *b);
bool path_stays_inside(const char *rel);
char *path_dirname(const char *path);
const char *path_basename(const char *path);
char *path_real(const char *path);
const char *path_relative(const char *root, const char *path);
unsigned long long fnv1a64(const void *data, size_t len,
			   unsigned long long h);
double now_seconds(void);
double wall_seconds(void);

/* times.c: GUPCHECK_TIMES=1 prints where a scan's time went */
void times_start(void);
void times_mark(const char *name);
void times_report(void);
char *utf8_fix(const char *text, size_t len);

struct strvec {
	char **v;
	size_t n;
	size_t cap;
};

void strvec_push(struct strvec *sv, const char *s);
void strvec_push_nocopy(struct strvec *sv, char *s);
void strvec_free(struct strvec *sv);
bool strvec_contains(const struct strvec *sv, const char *s);
void strvec_remove_at(struct strvec *sv, size_t i);
bool strvec_remove(struct strvec *sv, const char *s);
void strs_sort(char **v, size_t n);

struct strbuf {
	char *buf;
	size_t len;
	size_t cap;
};

void sb_add(struct strbuf *sb, const char *s, size_t n);
void sb_adds(struct strbuf *sb, const char *s);
void sb_addf(struct strbuf *sb, const char *fmt, ...)
	__printf(2, 3);
char *sb_detach(struct strbuf *sb);

/* A string set: open addressing, owns its keys. */
struct strset {
	char **slot;
	size_t cap;
	size_t n;
};

bool strset_add(struct strset *set, const char *s);
bool strset_has(const struct strset *set, const char *s, size_t len);
void strset_free(struct strset *set);
void strset_sorted(const struct strset *set, struct strvec *out);

/* An index of a cJSON object's members by name (util.c). */
struct jindex {
	const cJSON **slot;
	size_t cap;
};

void jindex_init(struct jindex *x, const cJSON *obj);
const cJSON *jindex_get(const struct jindex *x, const char *key);
void jindex_free(struct jindex *x);
void json_move_items(cJSON *to, cJSON *from);

/* lex.c: a small C lexer, enough to find identifiers and call arguments. */
enum tok_kind { TOK_EOF, TOK_IDENT, TOK_NUMBER, TOK_STRING, TOK_PUNCT };

struct token {
	enum tok_kind kind;
	size_t start;
	size_t end;
	bool line_start;	/* first token on its line */
};

struct lexer {
	const char *buf;
	size_t len;
	size_t pos;
	bool at_line_start;
};

void lex_init(struct lexer *lx, const char *buf, size_t len, size_t pos);
void lex_next(struct lexer *lx, struct token *t);
bool tok_is(const struct lexer *lx, const struct token *t, const char *s);

struct call_args {
	size_t nargs;
	size_t *arg_start;	/* offset of the first token of each argument */
	size_t *arg_end;	/* offset just past its last token */
	size_t close;		/* offset of the closing parenthesis */
};

bool lex_call_args(const char *buf, size_t len, size_t name_off,
		   struct call_args *ca);
void call_args_free(struct call_args *ca);

/* rules.c: API knowledge, loaded from rules/ at start-up. */
enum param_role {
	ROLE_PAGES,
	ROLE_COUNT,
	ROLE_FLAGS,
	ROLE_VMAS,
	NR_ROLES
};

struct gup_api {
	char *name;
	char *family;		/* get, pin, extract, unpin, put, ... */
	char *param[NR_ROLES];	/* parameter name for each role, or NULL */
};

struct removed_param {
	char *rule;
	char *function;
	char *param;
	char *type;
	char *removed_in;
	char *commit;
	char *guidance;
};

/* rules/removed-api.json: what the splice rework of 6.5 removed. */
struct removed_api {
	char *rule;
	char *name;
	char *kind;		/* function, enumerator, field */
	char *record;		/* for a field: its struct */
	char *scope;		/* only a declaration in this file counts */
	char *removed_in;
	char *fix_type;		/* rename, splice-read-choice, or NULL */
	char *fix_to;
	char *guidance;
	bool prefilter;
};

struct dead_helper {
	char *rule;
	char *name;
	char *header;
	char *note;
};

enum explain_part {
	EXPLAIN_FINDS, EXPLAIN_WHY, EXPLAIN_WRONG, EXPLAIN_RIGHT, EXPLAIN_FIX,
	EXPLAIN_SUPPRESS, NR_EXPLAIN
};

struct rule_info {
	char *id;
	char *level;		/* SARIF level: warning, error, note */
	char *summary;
	char *help;
	char *explain[NR_EXPLAIN];
	struct strvec docs;	/* the documentation it rests on */
	bool enabled;
};

extern const char * const explain_keys[NR_EXPLAIN];
char *rule_explanation(const struct rule_info *ri);

struct path_policy {
	char *path;
	char *reason;
};

/*
 * rules/ownership.json and the families of rules/gup-api.json: what the
 * get/pin ownership analysis knows about the page API.
 */
enum page_family {
	FAM_NONE, FAM_GET, FAM_PIN, FAM_EXTRACT, FAM_PUT, FAM_UNPIN,
	FAM_OTHER, FAM_REF, NR_FAMILIES
};

extern const char * const family_names[NR_FAMILIES];

struct own_api {
	const char *name;
	enum page_family family;
	const char *pages;	/* parameter names, or NULL */
	const char *count;
	const char *flags;
	bool returns;		/* the call returns the page */
	bool bytes;		/* its result counts bytes, not pages */
};

struct own_transfer {
	char *name;
	int store, into, load, same;	/* parameter indexes, or -1 */
	char *suffix;
	bool field;		/* the suffix is one field of an element */
	bool stored_on_zero;	/* it stored them only if it returned 0 */
};

/* A call that takes a page over only when its out-parameter says so. */
struct own_contract {
	const char *name;
	const char *flag;	/* the out-parameter, bool * */
	const char *page;	/* the page (or folio) parameter */
	bool success_nonzero;	/* it took the page when it returns non-zero */
};

struct own_rules {
	struct own_api *api;
	size_t nr_api;
	struct own_transfer *xfer;
	size_t nr_xfer;
	struct own_contract *contract;
	size_t nr_contracts;
	struct strvec carriers;
	struct strvec guards;
	struct strvec guard_words;
	struct strvec pinned_tests;	/* true: the pages are pinned */
	struct strvec referenced_tests;
	struct strvec pinned_flag_words;
	struct strvec flag_setters;
	struct strvec user_guards;
	struct strvec user_types;
	struct strvec fillers;
	struct strvec same_fields;
	struct strvec internal_flags;
	struct strvec internal_dirs;
	struct strvec array_allocs;	/* own_subject.c: a fresh array */
	struct strvec array_frees;
	struct strvec error_values;
	struct strvec error_tests;
	struct strvec error_or_null_tests;
	struct strvec see_through;
	struct strvec page_readers;
	struct strvec neutral_pages;
	struct strvec unmappers;	/* a put after them: the mapping's */
	struct strvec borrowers;	/* passed pages, keep nothing */
	struct strvec assertions;	/* WARN_ON(): a broken invariant */
	struct strvec byte_results;
	char *will_pin;
	cJSON *fix;
	cJSON *doc;		/* owns the strings of api */
};

struct rules {
	char *dir;
	struct gup_api *api;
	size_t nr_api;
	struct removed_param *removed;
	size_t nr_removed;
	struct rule_info *rule;
	size_t nr_rules;
	struct removed_api *gone;
	size_t nr_gone;
	struct dead_helper *dead;
	size_t nr_dead;
	struct strvec page_cache_readers;
	char *splice_ops_field;		/* file_operations' splice_read */
	char *splice_read_field;	/* ... and read_iter */
	char *splice_page_cache;	/* filemap_splice_read */
	char *splice_no_page_cache;	/* copy_splice_read */
	struct path_policy *exclude;
	size_t nr_exclude;
	struct strvec drop_flags;	/* exact compiler flags libclang rejects */
	struct strvec drop_prefixes;	/* ... and their prefixes */
	struct strvec drop_with_arg;	/* flags whose next argument goes too */
	struct strvec keep_with_arg;	/* ... and flags it stays with */
	cJSON *arch;			/* per-architecture target data */
	struct own_rules own;
};

char *rules_find_dir(const char *argv0, const char *override);
int rules_load(struct rules *r, const char *dir);
void rules_load_or_die(struct rules *r, const char *argv0,
		       const char *override);
void rules_free(struct rules *r);
cJSON *rules_read_json(const char *dir, const char *name);
int rules_load_strings(const cJSON *doc, const char *key, struct strvec *sv,
		       const char *file);
int rules_load_ownership(struct rules *r);
void rules_free_ownership(struct rules *r);
const struct own_api *own_api(const struct rules *r, const char *name);
const struct own_transfer *own_transfer(const struct rules *r,
					const char *name);
const struct own_contract *own_contract(const struct rules *r,
					const char *name);
struct rule_info *rules_rule(const struct rules *r, const char *id);
int rules_select(struct rules *r, const char *list);
bool rules_enabled(const struct rules *r, const char *id);

/* tree.c: where the kernel tree is and which files it has. */
struct tree {
	char *root;		/* absolute, no trailing slash */
	char *version;		/* from the top Makefile, "6.1.0" */
};

char *tree_find_root(const char *start);
bool tree_is_kernel(const char *dir);
char *tree_kernel_version(const char *root);

enum file_state {
	FILE_NOT_CANDIDATE,	/* has none of the identifiers rules ask for */
	FILE_CANDIDATE,
	FILE_EXCLUDED,		/* by path policy (tools/, scripts/) */
	FILE_UNREADABLE,
	FILE_CLEAN,
	FILE_ERRORS,
	FILE_FAILED,
};

struct scan_file {
	char *path;		/* absolute */
	char *rel;		/* relative to the tree root */
	enum file_state state;
	char *reason;
	bool explicit;		/* named on the command line */
	bool facts_only;	/* parsed for the ownership facts alone */
};

struct file_list {
	struct scan_file *f;
	size_t n;
	size_t cap;
};

int tree_collect(const struct tree *t, const struct rules *r,
		 const char *path, struct file_list *out);
void tree_dir_files(const struct tree *t, const struct rules *r,
		    const char *dir, struct file_list *out);
const struct path_policy *tree_excluded(const struct rules *r,
					const char *rel);
struct scan_file *file_list_copy(struct file_list *fl,
				 const struct scan_file *f);
void file_list_free(struct file_list *fl);

/* words.c: many whole words searched in one pass over a file */
struct words {
	struct strvec v;		/* the words, by index */
	unsigned int *slot;		/* index + 1, open addressing */
	size_t cap;
	unsigned char pairs[8192];	/* first two characters, a bit each */
	unsigned long long lens;	/* lengths, a bit each (63: longer) */
};

size_t words_add(struct words *w, const char *s);
void words_add_set(struct words *w, const struct strset *set);
bool words_any(const struct words *w, const char *buf, size_t len);
size_t words_find(const struct words *w, const char *buf, size_t len,
		  bool *seen);
long words_index(const struct words *w, const char *s);
unsigned long long words_digest(const struct words *w, const char *what);
void words_free(struct words *w);

/* lexmemo.c: answers of the lexical passes, kept while a file's stat is */
struct lexmemo_entry;
struct lexmemo {
	char *path;			/* NULL: no memory */
	long long trust_before;		/* ns: files changed later are read */
	struct words keys;		/* "QUESTION PATH" */
	struct lexmemo_entry *e;
	size_t n, cap, hits;
	bool dirty;
};

struct stat;
void lexmemo_open(struct lexmemo *m, const char *dir, double started);
typedef unsigned long long (*lexmemo_answer_fn)(const char *buf, size_t len,
						void *data);
int lexmemo_ask(struct lexmemo *m, unsigned long long question,
		const char *path, const struct stat *st,
		lexmemo_answer_fn answer, void *data,
		unsigned long long *out, int *err);
void lexmemo_close(struct lexmemo *m);
char *lexmemo_recall(struct lexmemo *m, unsigned long long question);
void lexmemo_keep(struct lexmemo *m, unsigned long long question,
		  const char *text);
unsigned long long lexmemo_mix(const struct lexmemo *m, const char *path,
			       const struct stat *st, unsigned long long h,
			       bool *trusted);

/* cache.c: results of parsing, kept by the content of what was read */
struct hash2 {
	unsigned long long a, b;	/* two FNV-1a streams: 128 bits */
};

struct cache {
	char *dir;			/* NULL: no cache */
	struct hash2 base, engine;
	struct words paths;		/* files hashed in this scan ... */
	struct strvec hashes;		/* ... and their hashes, or "" */
	size_t hits, misses, stored;
	struct lexmemo lex;
};

struct engine;
int cache_open(struct cache *c, const char *dir, const struct rules *r,
	       double started);
void cache_engine(struct cache *c, const struct engine *e);
char *cache_key(struct cache *c, const char *path, const struct strvec *args,
		const char *how);
cJSON *cache_get(struct cache *c, const char *key);
void cache_put(struct cache *c, const char *key, const cJSON *res,
	       double started);
char *cache_items_key(const struct cache *c, const char *what,
		      const cJSON *items);
cJSON *cache_blob_get(struct cache *c, const char *key);
void cache_blob_put(struct cache *c, const char *key, const cJSON *blob);
void cache_close(struct cache *c);
char *content_hex(const void *buf, size_t len);
char *index_identity(const struct rules *r, const char *version,
		     const char *config_file);

/* prefilter.c: a lexical pass that picks the files worth parsing. */
struct prefilter {
	struct strset idents;		/* identifiers that make a candidate */
	struct strset learned;		/* macro names learned from headers */
	struct strset headers;		/* headers that mention an identifier */
	struct lexmemo *memo;		/* or NULL */
};

void prefilter_run(struct prefilter *pf, const struct tree *t,
		   struct file_list *fl);
void prefilter_free(struct prefilter *pf);

/* flags.c: the compiler arguments a file is parsed with. */
enum flags_mode { FLAGS_TOLERANT, FLAGS_BUILD, FLAGS_COMPDB, FLAGS_ARGV };

struct flags_ctx {
	enum flags_mode mode;
	const struct tree *tree;
	const struct rules *rules;
	char *build;		/* prepared O= build directory */
	char *arch;		/* SRCARCH of the build */
	char *target;		/* clang --target triple */
	struct strvec arch_flags;
	char *std;		/* -std= of this kernel */
	cJSON *compdb;		/* compile_commands.json, indexed below */
	struct strset compdb_files;
	struct strvec extra;	/* --extra-arg */
	char *argv_file;	/* FLAGS_ARGV: the file the command line is for */
	struct strvec argv_args;	/* ... and its libclang arguments */
	char *tolerant_inc;	/* rules/tolerant-include */
};

int flags_init(struct flags_ctx *fc, const struct tree *t,
	       const struct rules *r, const char *build, const char *compdb);
int flags_for_file(const struct flags_ctx *fc, const char *path,
		   struct strvec *args, char **how);
bool flags_exact(const struct flags_ctx *fc, const char *path);
void flags_filter(const struct rules *r, const char *dir, char **argv,
		  size_t argc, struct strvec *out);
int flags_set_argv(struct flags_ctx *fc, const char *file, char **argv,
		   size_t argc);
bool shell_split(const char *cmd, struct strvec *out);
void flags_free(struct flags_ctx *fc);

/* engine.c: parses a file and walks it, dispatching events to checks. */
struct tu;

typedef void (*call_hook_fn)(struct tu *tu, CXCursor call, CXCursor callee,
			     void *data);

/*
 * A call the AST does not show: in a preprocessor branch the configuration
 * skips, or in code the parser could not make sense of.  It is known from
 * its tokens only; DECL is the declaration the tree's headers give the
 * callee, or a null cursor.
 */
struct lexical_call {
	bool call;		/* NAME(...), else a plain identifier */
	CXFile file;
	const char *buf;	/* the file's text */
	size_t size;
	size_t name_off;	/* offset of the callee's name */
	struct call_args args;
	const char *name;
	const char *function;	/* enclosing function, or NULL */
	bool skipped;		/* in a skipped preprocessor branch */
};

typedef void (*lexical_call_fn)(struct tu *tu, const struct lexical_call *lc,
				CXCursor decl, void *data);

/*
 * A reference to a declaration named NAME: a DeclRefExpr (a call's callee,
 * an enumerator, a function taken by address or put in an initializer) or
 * a MemberRefExpr (a field).  DECL is what it refers to.
 */
typedef void (*ref_hook_fn)(struct tu *tu, CXCursor ref, CXCursor decl,
			    void *data);

enum hook_kind { HOOK_CALL, HOOK_REF };

/* Called with each function and variable defined in a file worth walking. */
typedef void (*function_hook_fn)(struct tu *tu, CXCursor fn, void *data);

struct function_hook {
	function_hook_fn fn;
	void *data;
};

struct call_hook {
	char *name;
	enum hook_kind kind;
	bool prefilter;		/* the name alone makes a file a candidate */
	call_hook_fn fn;
	ref_hook_fn ref;
	lexical_call_fn lexical;
	void *data;
};

struct engine {
	const struct rules *rules;
	const struct tree *tree;
	struct call_hook *calls;
	size_t nr_calls;
	struct function_hook *functions;
	size_t nr_functions;
	struct strset *relevant_headers;
	/*
	 * Questions about functions defined in the file being parsed, asked
	 * by findings in other files: does the function reach one of
	 * question_targets?  The answers go into the file's result.
	 */
	struct strvec questions;
	const struct strvec *question_targets;
	const struct cocci *cocci;	/* parse with spatch instead */
	bool want_inputs;		/* results list the files read */
};

void engine_init(struct engine *e, const struct rules *r,
		 const struct tree *t);
void engine_add_call_hook(struct engine *e, const char *callee,
			  call_hook_fn fn, lexical_call_fn lexical,
			  void *data);
void engine_add_ref_hook(struct engine *e, const char *name, bool prefilter,
			 ref_hook_fn fn, lexical_call_fn lexical, void *data);
void engine_add_function_hook(struct engine *e, function_hook_fn fn,
			      void *data);
void engine_add_identifier(struct engine *e, const char *name);
void engine_identifiers(const struct engine *e, struct strset *out);
cJSON *engine_parse_file(struct engine *e, const struct flags_ctx *fc,
			 const char *path, bool show_flags);
void engine_free(struct engine *e);

/* Facts about a translation unit that checks may ask for. */
const char *tu_function(const struct tu *tu);
const struct rules *tu_rules(const struct tu *tu);
CXTranslationUnit tu_clang(const struct tu *tu);
const char *tu_decl_file(struct tu *tu, CXCursor decl);

/* ast.c: questions about the AST, answered the same way for every check */
char *cursor_name(CXCursor c);
int decl_param_index(CXCursor fn, const char *name, const char *type);
bool expr_is_null(CXCursor expr);
CXCursor expr_strip(CXCursor expr);
CXCursor generic_chosen(CXCursor sel);
bool expr_offset_into(CXCursor e);
bool expr_is_integer(CXCursor e);
CXCursor cursor_last_kid(CXCursor c);
CXCursor stored_into(const CXCursor *up, size_t n);
char *cursor_text(const struct tu *tu, CXCursor c);
char *extent_text(const struct tu *tu, CXCursor c);
void cursor_tokens(const struct tu *tu, CXCursor c, struct strvec *out);
bool expr_assigns(const struct tu *tu, CXCursor c);
bool expr_is_assignment(const struct tu *tu, CXCursor c, CXCursor lhs);

/* the first four children of a cursor, and how many it has in all */
struct cursor_kids {
	CXCursor c[4];
	unsigned int n;
};

struct cursor_kids cursor_kids(CXCursor c);
bool field_of_struct(CXCursor field, const char *record);
bool tu_designated_init(const struct tu *tu, const char *field,
			CXCursor *init_list);
CXCursor init_list_value(CXCursor init_list, const char *field);
CXCursor tu_find_init_list(const struct tu *tu, const char *field,
			   const char *value);
bool function_reaches(CXCursor fn, const struct strvec *names, int depth,
		      char **via);

/* finding.c: findings are cJSON objects from the moment they are made. */
cJSON *finding_new(const char *rule, const char *level, const char *file,
		   unsigned int line, unsigned int column,
		   const char *function, const char *message,
		   const char *code, const char *seen);
cJSON *tu_report(struct tu *tu, const char *rule, CXCursor at,
		 const char *fmt, ...) __printf(4, 5);
void finding_add_evidence(struct tu *tu, cJSON *f, CXCursor at,
			  const char *msg);
void finding_set_fix(cJSON *f, const char *description);
bool tu_drop_call_argument(struct tu *tu, cJSON *f, CXCursor call,
			   CXCursor callee, unsigned int idx, char **why);
cJSON *tu_report_lexical(struct tu *tu, const char *rule,
			 const struct lexical_call *lc, const char *fmt, ...)
	__printf(4, 5);
bool tu_drop_lexical_argument(struct tu *tu, cJSON *f,
			      const struct lexical_call *lc, unsigned int idx,
			      char **why);
bool lexical_arg_is_null(const struct lexical_call *lc, unsigned int idx);
const char *lexical_context(const struct lexical_call *lc);
bool tu_replace_ref(struct tu *tu, cJSON *f, CXCursor ref, const char *name,
		    const char *text, char **why);
bool tu_replace_extent(struct tu *tu, cJSON *f, CXCursor c, const char *text,
		       bool statement, char **why);
void tu_replace_lexical(struct tu *tu, cJSON *f,
			const struct lexical_call *lc, const char *text);
void findings_keep(cJSON *findings,
		   bool (*at)(const cJSON *loc, const void *data),
		   const void *data);
void findings_finalize(cJSON *findings);
int finding_compare(const void *a, const void *b);
char *code_normalize(const char *s, size_t n);

/*
 * suppress.c: in-source suppression comments,
 * gupcheck: ignore RULE[,RULE...] -- reason
 */
struct suppression {
	unsigned int line;	/* the comment's first line */
	unsigned int end_line;	/* and its last */
	unsigned int column;
	char *rules;		/* comma-separated, or NULL */
	char *reason;		/* NULL when none is given */
	char *error;		/* what is wrong with it, or NULL */
};

struct suppression_list {
	struct suppression *v;
	size_t n;
};

void suppress_parse(const char *buf, size_t len, struct suppression_list *sl);
void suppression_list_free(struct suppression_list *sl);
void suppressions_apply(const struct tree *t, const struct rules *r,
			const struct file_list *fl, cJSON *findings);
bool finding_suppressed(const cJSON *f);

/* baseline.c: reports read back, baselines by fingerprint */
int reports_parse(const char *buf, size_t len, cJSON *out, char **err);
cJSON *reports_read(const char *path);
int baseline_parse(const char *buf, size_t len, struct strset *fps,
		   char **err);
int baseline_read(const char *path, struct strset *fps);
void baseline_mark(cJSON *findings, const struct strset *fps);
bool finding_gates(const cJSON *f);
cJSON *baseline_of(const cJSON *docs);

/* cmd_merge.c: reports joined into one, as 'gupcheck merge' does */
bool report_is_scan(const cJSON *doc);
cJSON *reports_merge(const cJSON *docs, const struct rules *rules,
		     const char *root, const struct strset *known);

/*
 * changes.c: what a change touches.  A unified diff or an mbox of
 * patches (git format-patch, several in a row) gives, for each file of
 * the tree after the change, the lines it added and the places it
 * deleted lines; the functions around them are the touched functions.
 */
struct changed_file {
	char *path;		/* in the changed tree; NULL when deleted */
	char *old_path;		/* before the change; NULL when new */
	unsigned int *lines;	/* changed lines, in the changed tree */
	size_t nr_lines;
	bool header;		/* a .h file */
};

struct change_set {
	struct changed_file *f;
	size_t n;
	int patches;		/* how many patches the input held */
};

int changes_parse(const char *buf, size_t len, struct change_set *cs,
		  char **err);
int changes_from_git(const char *root, const char *rev,
		     struct change_set *cs);
void change_set_free(struct change_set *cs);

/*
 * A scoped run: the functions a change touches, found lexically in the
 * changed tree.  A finding is the change's when it is located in a
 * touched function or on a changed line, or one of its evidence entries
 * is.  Analyses with whole-tree knowledge (resolve.c; function summaries)
 * still see the whole tree: the scope only chooses what is parsed for
 * findings and what is reported.
 */
struct func_span {
	char *name;
	unsigned int first;	/* line of the name */
	unsigned int last;	/* line of the closing brace */
};

struct scope {
	const struct change_set *cs;
	struct func_span *spans;	/* touched, of every changed file */
	char **span_file;		/* the file of each span */
	size_t nr_spans;
	bool headers;		/* a header changed: scan every candidate */
};

size_t functions_of(const char *buf, size_t len, struct func_span **out);
void scope_init(struct scope *s, const char *root,
		const struct change_set *cs);
bool scope_covers(const struct scope *s, const char *file,
		  unsigned int line);
bool scope_has_file(const struct scope *s, const char *rel);
void scope_filter(const struct scope *s, cJSON *findings);
cJSON *scope_json(const struct scope *s, const char *what);
void scope_free(struct scope *s);

/* shard.c: a deterministic share of a whole-tree scan */
struct shard {
	unsigned int k;		/* 1..n */
	unsigned int n;
};

int shard_parse(const char *s, struct shard *sh);
void shard_split(const struct shard *sh, const struct file_list *all,
		 struct file_list *mine);
bool shard_owns(const struct shard *sh, const char *rel);

/* cmd_scan.c: what a scan parses and reports, a shard or a change's */
struct part {
	bool sharded;
	struct shard shard;
	bool scoped;
	bool every_candidate;	/* scoped, but summaries need every file */
	struct change_set cs;
	struct scope scope;
};

bool part_owns(const struct part *p, const char *rel);
int output_check(const char *opt, const char *path, const char *root);
bool findings_worth_failing(const cJSON *findings);

/* checks: one file each, listed in check_list.h */
#define CHECK(fn, id) void fn(struct engine *e);
#include "check_list.h"
#undef CHECK
void checks_register(struct engine *e);

/* worker.c: files are parsed by forked workers, one file at a time. */
struct scan_opts {
	int jobs;
	bool show_flags;
	double file_timeout;
	size_t max_memory;	/* bytes a worker may add, 0: no bound */
	bool progress;
	struct cache *cache;	/* or NULL */
	struct index *index;	/* or NULL */
	double started;		/* when the scan began: seconds since 1970 */
};

void workers_run(struct engine *e, const struct flags_ctx *fc,
		 struct file_list *fl, const struct scan_opts *o,
		 cJSON *findings);

/* own_*.c: the get/pin ownership analysis over the whole scan */
cJSON *own_take_facts(cJSON *findings);
const char *own_str(const cJSON *o, const char *k);
int own_num(const cJSON *o, const char *k);
void own_evidence(cJSON *f, const cJSON *s, const char *msg);
void own_way(cJSON *f, const cJSON *item, const char *verb);
char *own_callee_text(const char *what);
cJSON *own_coverage(const cJSON *facts);
cJSON *own_learned_json(const struct strvec *wrappers,
			const struct strvec *fields);
void own_judge(const struct rules *r, const cJSON *facts,
	       const cJSON *summaries, const cJSON *user_only,
	       cJSON *findings, struct strset *reported);
cJSON *own_solve(const struct rules *r, cJSON *facts, cJSON *findings,
		 struct strvec *wrappers, struct strvec *fields,
		 struct strvec *follow);
cJSON *own_ops_records(const cJSON *facts);
cJSON *own_ops_coverage(const cJSON *facts);
bool ownership_enabled(const struct rules *r);
cJSON *own_collect(struct engine *e, const struct flags_ctx *fc,
		   const struct file_list *from,
		   const struct file_list *elsewhere,
		   const struct scan_opts *o, cJSON *findings,
		   struct file_list *more, cJSON **learned);
cJSON *own_run(struct engine *e, const struct flags_ctx *fc,
	       struct file_list *fl, const struct scan_opts *o,
	       cJSON *findings);

/* own_shard.c: a shard carries its facts, 'gupcheck merge' solves them */
cJSON *own_shard_json(cJSON *facts, cJSON *learned,
		      const struct file_list *more);
int own_merge(const cJSON *docs, const struct rules *r, const char *root,
	      cJSON **solved, cJSON **across);
void own_merge_coverage(const cJSON *docs, cJSON *coverage);

/* cocci.c: the Coccinelle engine, run on the same candidate files. */
struct cocci {
	char *spatch;
	char *version;
	struct strvec scripts;	/* enabled semantic patches */
	struct strvec rules;	/* the rule of each */
	struct words **tokens;	/* what spatch greps for, or NULL */
};

int cocci_init(struct cocci *c, const struct rules *r);
void cocci_free(struct cocci *c);
cJSON *cocci_parse_file(const struct engine *e, const char *path);
void cocci_merge(cJSON *findings, cJSON *cocci);

/* resolve.c: settle findings that wait on a function in another file. */
void finding_set_pending(cJSON *f, const char *function,
			 const struct strvec *targets, const char *yes,
			 const char *yes_message, const char *no,
			 const char *no_message);
void resolve_pending(struct engine *e, const struct flags_ctx *fc,
		     const struct file_list *fl, const struct scan_opts *o,
		     cJSON *findings);

/* dead_helpers.c: helpers that outlived their callers (whole tree) */
void dead_helpers_check(const struct tree *t, const struct rules *r,
			struct lexmemo *memo, cJSON *findings);

/* outfile.c: outputs are written to a temporary file and renamed. */
int write_file_atomic(const char *path, const char *data, size_t len);
int chmod_default(const char *path);
int outfile_tmp_open(char *tmp);
int outfile_tmp_close(const char *tmp, const char *path, bool keep);
void outfile_guard_signals(void);

/* index_db.c: the summary index of a whole tree's facts (SQLite) */
struct index_meta {
	const char *identity;
	const char *root;		/* the tree indexed */
	const char *version;		/* its kernel version */
	const struct strvec *files;	/* the files parsed, relative */
	const cJSON *learned;		/* own_learned_json() */
};

struct index {
	char *path;			/* NULL: no index for this run */
	char *root;			/* the tree scanned */
	char *identity;
	char *version;			/* the tree's kernel version */
	char *why;			/* why it is not used, or NULL */
	bool write;			/* this run writes it */
	bool written;
	cJSON *facts;			/* read: the facts still fresh */
	struct strvec stale;		/* read: files changed since */
	struct strvec wrappers, fields;	/* read: what the tree taught */
	size_t files;			/* read: files in the index */
	size_t used;			/* facts the run took from it */
};

int index_write(const char *path, const struct index_meta *m,
		const cJSON *facts);
int index_read(struct index *x, const char *identity);
void index_free(struct index *x);

/* index_scan.c: which index a run reads or writes, and what it adds */
void index_setup(struct index *x, const char *opt, const char *cache_dir,
		 const struct tree *t, const struct rules *r,
		 const char *build, const char *compdb, bool write);
void index_store(struct index *x, const cJSON *facts, const cJSON *learned,
		 const struct file_list *fl);
cJSON *index_take(struct index *x, const cJSON *facts,
		  const struct strset *parsed);
void index_keep_ours(cJSON *found, const struct strset *parsed);
cJSON *index_json(const struct index *x);

/* reports */
struct scan_result {
	bool clang;			/* the libclang engine ran */
	const struct cocci *cocci;	/* the cocci engine ran, or NULL */
	const struct file_list *cocci_files;	/* its coverage, with clang */
	const struct tree *tree;
	const struct rules *rules;
	const struct file_list *files;
	const struct flags_ctx *flags;
	cJSON *findings;
	const cJSON *scope;		/* shard or change scope, or NULL */
	cJSON *ownership;		/* a shard's facts, or NULL */
	cJSON *own_coverage;		/* own_coverage() of the scan, or NULL */
	double seconds;
	int jobs;
};

cJSON *report_json(const struct scan_result *res);
cJSON *report_summary_json(const cJSON *findings);
void report_insert_sorted(cJSON *a, cJSON *it, const char *key);
cJSON *report_sarif(const cJSON *report, const struct rules *rules);
void report_text(const struct scan_result *res, FILE *out);
void report_text_findings(const cJSON *findings, FILE *out);
void report_summary_doc(const cJSON *rep, FILE *out);
char *report_patch(const struct scan_result *res, int *nr_files);
char *patch_of(const char *root, const cJSON *findings, int *nr_files);
char *report_html(const struct scan_result *res);
void report_summary(const struct scan_result *res, FILE *out);

/* commands */
int cmd_scan(int argc, char **argv, const char *argv0);
int cmd_index(int argc, char **argv, const char *argv0);
int cmd_rules(int argc, char **argv, const char *argv0);
int cmd_explain(int argc, char **argv, const char *argv0);
int cmd_baseline(int argc, char **argv, const char *argv0);
int cmd_diff(int argc, char **argv, const char *argv0);
int cmd_merge(int argc, char **argv, const char *argv0);

/* cmd_kbuild.c: run by Kbuild as $(CHECK) $(CHECKFLAGS) $(c_flags) FILE */
struct kbuild_args {
	bool fail;		/* --fail: exit 1 on findings */
	bool show_flags;
	bool help;
	const char *rules;	/* --rules=LIST */
	const char *rules_dir;	/* --rules-dir=DIR */
	const char *file;	/* the source file */
	struct strvec cflags;	/* everything else, in order */
};

bool kbuild_invoked(int argc, char **argv);
int kbuild_parse_args(int argc, char **argv, struct kbuild_args *ka);
void kbuild_args_free(struct kbuild_args *ka);
int cmd_kbuild(int argc, char **argv);

#endif /* GUPCHECK_H */
