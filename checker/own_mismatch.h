/* SPDX-License-Identifier: GPL-2.0 */
/* The mismatch rules on the solved classes: own_mismatch.c. */
#ifndef GUPCHECK_OWN_MISMATCH_H
#define GUPCHECK_OWN_MISMATCH_H

#include "gupcheck.h"

struct cls;
struct rules;

struct own_mismatch {
	const struct rules *r;
	cJSON *findings;
	struct strset *reported;	/* the solver's, shared with own_judge.c */
	struct strset direct;	/* releases reported where they are */
	cJSON *by_way;		/* reports at a call that releases */
	struct strvec by_way_site;	/* ... and the release of each */
};

void own_mismatch_init(struct own_mismatch *s, const struct rules *r,
		       cJSON *findings, struct strset *reported);
void own_mismatch_judge(struct own_mismatch *s, const struct cls *c);
void own_mismatch_finish(struct own_mismatch *s);

/* own_flagged.c */
void own_flagged(const struct rules *r, const cJSON *facts, cJSON *findings,
		 struct strset *reported);

#endif
