// SPDX-License-Identifier: GPL-2.0
/* Register every check listed in check_list.h whose rule is enabled. */
#include "gupcheck.h"

void checks_register(struct engine *e)
{
#define CHECK(fn, id)				\
	do {					\
		if (rules_enabled(e->rules, id))	\
			fn(e);			\
	} while (0);
#include "check_list.h"
#undef CHECK
}
