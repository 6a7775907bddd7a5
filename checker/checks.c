// SPDX-License-Identifier: GPL-2.0
/* Register every check listed in check_list.h whose rule is enabled. */
#include <stdlib.h>
#include <string.h>

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

	for (i = 0; i < ARRAY_SIZE(checks); i++) {
		const char *id = checks[i].rule;
		bool on = false;

		while (*id && !on) {
			size_t n = strcspn(id, ",");
			char *one = xstrndup(id, n);

			on = rules_enabled(e->rules, one);
			free(one);
			id += n + (id[n] == ',');
		}
		if (on)
			checks[i].fn(e);
	}
}
