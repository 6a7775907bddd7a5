// SPDX-License-Identifier: GPL-2.0
/*
 * gup/vmas-param: a vmas argument passed to get_user_pages(),
 * pin_user_pages(), get_user_pages_remote() or pin_user_pages_remote().
 * Linux 6.5 removed the parameter.
 *
 * The decision comes from the declaration the call resolves to, never
 * from counting arguments: a tree whose declaration has no vmas parameter
 * yields nothing, and a call made through a macro is seen like any other.
 * Which functions lost which parameter is data, in
 * rules/removed-params.json.
 */
#include <stdlib.h>
#include <string.h>

#include "gupcheck.h"

#define RULE "gup/vmas-param"

static void vmas_call(struct tu *tu, CXCursor call, CXCursor callee,
		      void *data)
{
	const struct removed_param *rp = data;
	int idx = decl_param_index(callee, rp->param, rp->type);
	char *arg, *why = NULL;
	CXCursor a;
	cJSON *f;

	if (idx < 0 || idx >= clang_Cursor_getNumArguments(call))
		return;
	a = clang_Cursor_getArgument(call, (unsigned int)idx);
	if (expr_is_null(a)) {
		f = tu_report(tu, RULE, call,
			      "%s() is passed a NULL %s argument; Linux %s removed the parameter, drop the argument",
			      rp->function, rp->param, rp->removed_in);
		if (!f)
			return;
		finding_set_fix(f, "drop the NULL vmas argument");
		if (!tu_drop_call_argument(tu, f, call, callee,
					   (unsigned int)idx, &why)) {
			cJSON_DeleteItemFromObject(f, "fix");
			cJSON_AddStringToObject(f, "no_fix_reason", why);
		}
		free(why);
		return;
	}
	arg = cursor_text(tu, a);
	f = tu_report(tu, RULE, call,
		      "%s() is passed '%s' as its %s argument, a parameter Linux %s removed; %s",
		      rp->function, arg, rp->param, rp->removed_in,
		      rp->guidance);
	if (f) {
		finding_add_evidence(tu, f, a, "the vmas array is filled here");
		cJSON_AddStringToObject(f, "no_fix_reason",
					"the caller uses the VMAs; the conversion needs vma_lookup() by hand");
	}
	free(arg);
}

void check_vmas_param(struct engine *e)
{
	size_t i;

	for (i = 0; i < e->rules->nr_removed; i++) {
		struct removed_param *rp = &e->rules->removed[i];

		if (strcmp(rp->rule, RULE) == 0)
			engine_add_call_hook(e, rp->function, vmas_call, rp);
	}
}
