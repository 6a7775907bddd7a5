// SPDX-License-Identifier: GPL-2.0
/*
 * gup/vmas-param: a vmas argument passed to get_user_pages(),
 * pin_user_pages(), get_user_pages_remote() or pin_user_pages_remote().
 * Linux 6.5 removed the parameter.
 *
 * The decision comes from the declaration the call resolves to, never
 * from counting arguments: a tree whose declaration has no vmas parameter
 * yields nothing, and a call made through a macro is seen like any other.
 * A call the parser did not see (a branch the configuration skips, code
 * that did not parse) is judged from its tokens against the same
 * declaration, and only when its argument count matches it.  Which
 * functions lost which parameter is data, in rules/removed-params.json.
 */
#include <stdlib.h>
#include <string.h>

#include "gupcheck.h"

#define RULE "gup/vmas-param"

static void null_vmas(struct tu *tu, cJSON *f, CXCursor call,
		      CXCursor callee, const struct lexical_call *lc,
		      unsigned int idx)
{
	char *why = NULL;
	bool ok;

	if (!f)
		return;
	finding_set_fix(f, "drop the NULL vmas argument");
	if (lc)
		ok = tu_drop_lexical_argument(tu, f, lc, idx, &why);
	else
		ok = tu_drop_call_argument(tu, f, call, callee, idx, &why);
	if (!ok) {
		cJSON_DeleteItemFromObject(f, "fix");
		cJSON_AddStringToObject(f, "no_fix_reason", why);
	}
	free(why);
}

static const char null_msg[] =
	"%s() is passed a NULL %s argument%s; Linux %s removed the parameter, drop the argument";
static const char used_msg[] =
	"%s() is passed '%.*s' as its %s argument%s, a parameter Linux %s removed; %s";
static const char no_fix[] =
	"the caller uses the VMAs; the conversion needs vma_lookup() by hand";

static void vmas_call(struct tu *tu, CXCursor call, CXCursor callee,
		      void *data)
{
	const struct removed_param *rp = data;
	int idx = decl_param_index(callee, rp->param, rp->type);
	CXCursor a;
	char *arg;
	cJSON *f;

	if (idx < 0 || idx >= clang_Cursor_getNumArguments(call))
		return;
	a = clang_Cursor_getArgument(call, (unsigned int)idx);
	if (expr_is_null(a)) {
		f = tu_report(tu, RULE, call, null_msg, rp->function,
			      rp->param, "", rp->removed_in);
		null_vmas(tu, f, call, callee, NULL, (unsigned int)idx);
		return;
	}
	arg = cursor_text(tu, a);
	f = tu_report(tu, RULE, call, used_msg, rp->function,
		      (int)strlen(arg), arg, rp->param, "", rp->removed_in,
		      rp->guidance);
	if (f) {
		finding_add_evidence(tu, f, a, "the vmas array is filled here");
		cJSON_AddStringToObject(f, "no_fix_reason", no_fix);
	}
	free(arg);
}

static void vmas_lexical(struct tu *tu, const struct lexical_call *lc,
			 CXCursor decl, void *data)
{
	const struct removed_param *rp = data;
	const struct call_args *ca = &lc->args;
	CXCursor none = clang_getNullCursor();
	int idx;
	cJSON *f;

	if (clang_Cursor_isNull(decl))
		return;
	idx = decl_param_index(decl, rp->param, rp->type);
	if (idx < 0 || ca->nargs != (size_t)clang_Cursor_getNumArguments(decl))
		return;
	if (lexical_arg_is_null(lc, (unsigned int)idx)) {
		f = tu_report_lexical(tu, RULE, lc, null_msg, rp->function,
				      rp->param, lexical_context(lc), rp->removed_in);
		null_vmas(tu, f, none, none, lc, (unsigned int)idx);
		return;
	}
	f = tu_report_lexical(tu, RULE, lc, used_msg, rp->function,
			      (int)(ca->arg_end[idx] - ca->arg_start[idx]),
			      lc->buf + ca->arg_start[idx], rp->param,
			      lexical_context(lc), rp->removed_in, rp->guidance);
	if (f)
		cJSON_AddStringToObject(f, "no_fix_reason", no_fix);
}

void check_vmas_param(struct engine *e)
{
	size_t i;

	for (i = 0; i < e->rules->nr_removed; i++) {
		struct removed_param *rp = &e->rules->removed[i];

		if (strcmp(rp->rule, RULE) == 0)
			engine_add_call_hook(e, rp->function, vmas_call,
					     vmas_lexical, rp);
	}
}
