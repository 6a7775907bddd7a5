/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The other files of a driver that a scan of named files reads for the
 * ownership facts (own_near.c).
 */
#ifndef GUPCHECK_OWN_NEAR_H
#define GUPCHECK_OWN_NEAR_H

#include "gupcheck.h"

struct own_near {
	struct strset ours;	/* the scan's own files */
	struct strset dirs;	/* the directories listed so far */
	struct strset defs;	/* the functions the scan's files define */
	bool have_defs;
};

void own_near_init(struct own_near *n, const struct file_list *from);
void own_near_files(struct own_near *n, const struct engine *e,
		    const struct flags_ctx *fc, const struct file_list *from,
		    const struct strvec *follow, struct file_list *near);
void own_near_free(struct own_near *n);
struct strset own_near_join(struct file_list *fl,
			    const struct file_list *more);

#endif
