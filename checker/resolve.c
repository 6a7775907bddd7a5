// SPDX-License-Identifier: GPL-2.0
/*
 * Findings that wait on a function defined in another file.  A check
 * that needs to know whether such a function reaches some API (does this
 * ->read_iter read through the page cache?) records a pending question
 * and the two outcomes.  After the scan the functions' definitions are
 * found lexically among the tree's files, those files are parsed with the
 * questions, and each pending finding is settled: its message, and its
 * patch when the answer gives one.  Unanswered findings keep their
 * explanation and get no patch.
 */
#include <stdlib.h>
#include <string.h>

#include "gupcheck.h"

void finding_set_pending(cJSON *f, const char *function,
			 const struct strvec *targets, const char *yes,
			 const char *yes_message, const char *no,
			 const char *no_message)
{
	cJSON *p;

	if (!f)
		return;
	p = cJSON_AddObjectToObject(f, "pending");
	cJSON_AddStringToObject(p, "function", function);
	cJSON_AddItemToObject(p, "targets",
			      cJSON_CreateStringArray((const char **)targets->v,
						      (int)targets->n));
	cJSON_AddStringToObject(p, "yes", yes);
	cJSON_AddStringToObject(p, "yes_message", yes_message);
	cJSON_AddStringToObject(p, "no", no);
	cJSON_AddStringToObject(p, "no_message", no_message);
}

/* Does BUF define NAME at file scope: NAME ( ... ) { ? */
static bool defines(const char *buf, size_t len, const char *name)
{
	size_t n = strlen(name);
	struct lexer lx;
	struct token t;
	int depth = 0, parens = 0;
	bool after = false;

	if (!memmem(buf, len, name, n))
		return false;
	lex_init(&lx, buf, len, 0);
	for (lex_next(&lx, &t); t.kind != TOK_EOF; lex_next(&lx, &t)) {
		char c = t.kind == TOK_PUNCT ? buf[t.start] : 0;

		if (depth == 0 && t.kind == TOK_IDENT &&
		    t.end - t.start == n && !strncmp(buf + t.start, name, n)) {
			after = true;
			parens = 0;
			continue;
		}
		if (c == '{' && depth++ == 0 && after && parens == 0)
			return true;
		if (c == '}' && depth > 0)
			depth--;
		if (!after || depth)
			continue;
		if (c == '(')
			parens++;
		else if (c == ')')
			parens--;
		else if (parens == 0 && (c == ';' || c == ','  || c == '='))
			after = false;
	}
	return false;
}

static bool in_targets(const cJSON *pending, const char *name)
{
	const cJSON *t;

	cJSON_ArrayForEach(t, cJSON_GetObjectItem(pending, "targets"))
		if (cJSON_IsString(t) && strcmp(t->valuestring, name) == 0)
			return true;
	return false;
}

static void settle(cJSON *f, const cJSON *answers)
{
	cJSON *p = cJSON_GetObjectItem(f, "pending");
	const char *fn = cJSON_GetStringValue(cJSON_GetObjectItem(p,
								  "function"));
	const cJSON *a = cJSON_GetObjectItem(answers, fn);
	const char *to, *msg;
	cJSON *fix, *edit;
	char *full;
	bool yes;

	if (!a)
		goto done;
	yes = cJSON_IsString(a) && in_targets(p, a->valuestring);
	to = cJSON_GetStringValue(cJSON_GetObjectItem(p, yes ? "yes" : "no"));
	msg = cJSON_GetStringValue(cJSON_GetObjectItem(p, yes ? "yes_message" :
						       "no_message"));
	fix = cJSON_GetObjectItem(f, "fix");
	edit = cJSON_GetArrayItem(cJSON_GetObjectItem(fix, "edits"), 0);
	if (!edit)
		goto done;
	cJSON_ReplaceItemInObject(edit, "replacement", cJSON_CreateString(to));
	full = yes ? xasprintf("%s (it calls %s())", msg, a->valuestring) :
		     xstrdup(msg);
	cJSON_ReplaceItemInObject(f, "message", cJSON_CreateString(full));
	free(full);
	full = xasprintf("replace with %s", to);
	cJSON_ReplaceItemInObject(fix, "description", cJSON_CreateString(full));
	free(full);
	cJSON_DeleteItemFromObject(f, "no_fix_reason");
	cJSON_DeleteItemFromObject(f, "pending");
	return;
done:
	/* no answer: the finding keeps its explanation and has no patch */
	cJSON_DeleteItemFromObject(f, "fix");
	cJSON_DeleteItemFromObject(f, "pending");
}

static void take_answers(cJSON *findings, cJSON *into)
{
	int i;

	for (i = cJSON_GetArraySize(findings) - 1; i >= 0; i--) {
		cJSON *it = cJSON_GetArrayItem(findings, i);
		cJSON *a = cJSON_GetObjectItem(it, "answers"), *x;

		if (!a)
			continue;
		cJSON_ArrayForEach(x, a)
			if (!cJSON_GetObjectItem(into, x->string))
				cJSON_AddItemToObject(into, x->string,
						      cJSON_Duplicate(x, true));
		cJSON_DeleteItemFromArray(findings, i);
	}
}

static unsigned long long defines_answer(const char *buf, size_t len,
					 void *data)
{
	const struct strvec *names = data;
	size_t k;

	for (k = 0; k < names->n; k++)
		if (defines(buf, len, names->v[k]))
			return 1;
	return 0;
}

/*
 * Does the file at PATH define one of NAMES?  From the lexical memory
 * while the file is unchanged.
 */
static bool defines_any(const char *path, struct strvec *names,
			struct lexmemo *memo, unsigned long long question)
{
	unsigned long long answer;
	int err;

	return lexmemo_ask(memo, question, path, NULL, defines_answer, names,
			   &answer, &err) == 0 && answer;
}

void resolve_pending(struct engine *e, const struct flags_ctx *fc,
		     const struct file_list *fl, const struct scan_opts *o,
		     cJSON *findings)
{
	struct file_list defs = { 0 };
	cJSON *answers = cJSON_CreateObject(), *found, *f;
	struct strvec names = { 0 }, targets = { 0 };
	struct lexmemo *memo = o->cache && o->cache->dir ? &o->cache->lex :
				NULL;
	unsigned long long question = fnv1a64("definitions", 12, 0);
	size_t i, k;

	take_answers(findings, answers);
	cJSON_ArrayForEach(f, findings) {
		const cJSON *p = cJSON_GetObjectItem(f, "pending"), *t;
		const char *fn = cJSON_GetStringValue(
			cJSON_GetObjectItem(p, "function"));

		if (fn && !strvec_contains(&names, fn))
			strvec_push(&names, fn);
		cJSON_ArrayForEach(t, cJSON_GetObjectItem(p, "targets"))
			if (cJSON_IsString(t) &&
			    !strvec_contains(&targets, t->valuestring))
				strvec_push(&targets, t->valuestring);
	}
	for (k = 0; k < names.n; k++)
		question = fnv1a64(names.v[k], strlen(names.v[k]) + 1,
				   question);
	for (i = 0; names.n && i < fl->n; i++) {
		const struct scan_file *sf = &fl->f[i];

		if (sf->state == FILE_EXCLUDED || sf->state == FILE_UNREADABLE)
			continue;
		if (defines_any(sf->path, &names, memo, question)) {
			if (defs.n == defs.cap) {
				defs.cap = defs.cap ? defs.cap * 2 : 16;
				defs.f = xrealloc(defs.f, defs.cap *
						  sizeof(*defs.f));
			}
			memset(&defs.f[defs.n], 0, sizeof(*defs.f));
			defs.f[defs.n].path = xstrdup(sf->path);
			defs.f[defs.n].rel = xstrdup(sf->rel);
			defs.f[defs.n].state = FILE_CANDIDATE;
			defs.n++;
		}
	}
	if (defs.n) {
		struct engine q = *e;

		/* the defining files are parsed for answers, not findings */
		q.nr_calls = 0;
		q.nr_functions = 0;
		q.questions = names;
		q.question_targets = &targets;
		found = cJSON_CreateArray();
		workers_run(&q, fc, &defs, o, found);
		take_answers(found, answers);
		cJSON_Delete(found);
	}
	cJSON_ArrayForEach(f, findings)
		if (cJSON_GetObjectItem(f, "pending"))
			settle(f, answers);
	strvec_free(&names);
	strvec_free(&targets);
	file_list_free(&defs);
	cJSON_Delete(answers);
}
