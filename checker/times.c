// SPDX-License-Identifier: GPL-2.0
/*
 * Where a scan's time goes, phase by phase.  GUPCHECK_TIMES=1 prints the
 * phases on stderr at the end; 'make bench' reads them.  Without it the
 * marks cost a clock read each.
 */
#include <stdio.h>
#include <stdlib.h>

#include "gupcheck.h"

#define MAX_PHASES 16

static struct {
	const char *name;
	double seconds;
} phases[MAX_PHASES];
static int nr_phases;
static double last;

void times_start(void)
{
	nr_phases = 0;
	last = now_seconds();
}

/* The time since the last mark was spent in NAME (a string literal). */
void times_mark(const char *name)
{
	double now = now_seconds();
	int i;

	for (i = 0; i < nr_phases; i++)
		if (phases[i].name == name)
			break;
	if (i == nr_phases) {
		if (nr_phases == MAX_PHASES)
			return;
		phases[nr_phases++].name = name;
	}
	phases[i].seconds += now - last;
	last = now;
}

void times_report(void)
{
	const char *env = getenv("GUPCHECK_TIMES");
	int i;

	if (!env || !*env || *env == '0')
		return;
	fputs("gupcheck: times:", stderr);
	for (i = 0; i < nr_phases; i++)
		fprintf(stderr, " %s %.3f", phases[i].name, phases[i].seconds);
	fputc('\n', stderr);
}
