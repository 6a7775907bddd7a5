// SPDX-License-Identifier: GPL-2.0
/* Register every check listed in check_list.h whose rule is enabled. */
#include "gupcheck.h"

static const struct {
	void (*fn)(struct engine *e);
	const char *rule;
} checks[] = {
#define CHECK(fn, id) { fn, id },
#include "check_list.h"
#undef CHECK
};

void checks_register(struct engine *e)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(checks); i++)
		if (rules_enabled(e->rules, checks[i].rule))
			checks[i].fn(e);
}
