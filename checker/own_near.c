// SPDX-License-Identifier: GPL-2.0
/*
 * The other files of the directories a scan of named files reaches.
 *
 * A whole-tree scan lists every file, and its round two and its following
 * of pages (check_ownership.c) choose among them.  A scan of one file of
 * a driver lists that file alone, so what its other files do with the
 * pages (io_pin_pages() of io_uring/memmap.c, for io_uring/kbuf.c) was
 * unknown.  Here the directories of the files parsed, and those the
 * facts follow pages into, are listed, and their other files are offered
 * to round two and the following as files no rule chose: the files the
 * directory's Kbuild makefile builds (a directory with no Makefile or
 * Kbuild is no driver, and offers nothing) that would be parsed with
 * flags as good as the scanned files' (flags_exact(): with a compile
 * database, the files it has; Kbuild's checker run of one file reads no
 * other).  A file that defines a function a scanned file defines too is
 * not another part of the same driver but an alternative of a file
 * scanned (a configuration's variant, a copy): it is not offered.
 */
#include <stdlib.h>
#include <string.h>

#include "own_near.h"

static void defs_of(const char *path, struct strset *out)
{
	struct func_span *fs = NULL;
	size_t len, n, i;
	int err;
	char *buf = read_whole_file(path, &len, &err);

	if (!buf)
		return;
	n = functions_of(buf, len, &fs);
	for (i = 0; i < n; i++) {
		strset_add(out, fs[i].name);
		free(fs[i].name);
	}
	free(fs);
	free(buf);
}

static bool parsed(const struct scan_file *f)
{
	return f->state != FILE_NOT_CANDIDATE && f->state != FILE_EXCLUDED;
}

void own_near_init(struct own_near *n, const struct file_list *from)
{
	size_t i;

	memset(n, 0, sizeof(*n));
	for (i = 0; i < from->n; i++)
		strset_add(&n->ours, from->f[i].rel);
}

void own_near_free(struct own_near *n)
{
	strset_free(&n->ours);
	strset_free(&n->dirs);
	strset_free(&n->defs);
}

/* Does the file at PATH define a function the scan's files define? */
static bool alternative(struct own_near *n, const struct file_list *from,
			const char *path)
{
	struct strset mine = { 0 };
	bool alt = false;
	size_t i;

	if (!n->have_defs) {
		for (i = 0; i < from->n; i++)
			if (parsed(&from->f[i]))
				defs_of(from->f[i].path, &n->defs);
		n->have_defs = true;
	}
	defs_of(path, &mine);
	for (i = 0; i < mine.cap && !alt; i++)
		alt = mine.slot[i] &&
		      strset_has(&n->defs, mine.slot[i], strlen(mine.slot[i]));
	strset_free(&mine);
	return alt;
}

/* The text of DIR's Makefile and Kbuild, or NULL when it has neither. */
static char *kbuild_of(const struct engine *e, const char *dir)
{
	static const char *const names[] = { "Makefile", "Kbuild" };
	char *all = NULL;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(names); i++) {
		char *d = path_join(e->tree->root, dir);
		char *p = path_join(d, names[i]);
		size_t len;
		int err;
		char *buf = read_whole_file(p, &len, &err), *cat;

		free(d);
		free(p);
		if (!buf)
			continue;
		cat = xasprintf("%s\n%s", all ? all : "", buf);
		free(all);
		free(buf);
		all = cat;
	}
	return all;
}

static bool ident_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '_' || c == '-';
}

/* Does the makefile text MK build REL's object ("foo.o" for x/foo.c)? */
static bool builds(const char *mk, const char *rel)
{
	const char *base = strrchr(rel, '/') ? strrchr(rel, '/') + 1 : rel;
	char *obj = xasprintf("%.*s.o", (int)(strlen(base) - 2), base);
	size_t len = strlen(obj);
	const char *p;
	bool found = false;

	for (p = strstr(mk, obj); p && !found; p = strstr(p + 1, obj))
		found = (p == mk || !ident_char(p[-1])) &&
			!ident_char(p[len]) && p[len] != '.';
	free(obj);
	return found;
}

static void near_dir(struct own_near *n, const struct engine *e,
		     const struct flags_ctx *fc, const struct file_list *from,
		     const char *dir, struct file_list *near)
{
	struct file_list d = { 0 };
	size_t i;
	char *mk;

	if (!strset_add(&n->dirs, dir))
		return;
	mk = kbuild_of(e, dir);
	if (mk)
		tree_dir_files(e->tree, e->rules, dir, &d);
	for (i = 0; i < d.n; i++) {
		if (strset_has(&n->ours, d.f[i].rel, strlen(d.f[i].rel)) ||
		    !builds(mk, d.f[i].rel) || !flags_exact(fc, d.f[i].path))
			continue;
		if (alternative(n, from, d.f[i].path)) {
			if (getenv("GUPCHECK_DEBUG_LEARN"))
				fprintf(stderr, "near alternative %s\n",
					d.f[i].rel);
			continue;
		}
		file_list_copy(near, &d.f[i]);
	}
	file_list_free(&d);
	free(mk);
}

/*
 * Into NEAR, once each: the files of the directories of FROM's parsed
 * files and of FOLLOW's threes (own_ops_follow()) that FROM does not
 * list.
 */
void own_near_files(struct own_near *n, const struct engine *e,
		    const struct flags_ctx *fc, const struct file_list *from,
		    const struct strvec *follow, struct file_list *near)
{
	size_t i;

	for (i = 0; i < from->n; i++) {
		const struct scan_file *f = &from->f[i];
		const char *slash = strrchr(f->rel, '/');
		char *dir;

		if (!parsed(f))
			continue;
		dir = slash ? xstrndup(f->rel, (size_t)(slash - f->rel + 1)) :
			      xstrdup("");
		near_dir(n, e, fc, from, dir, near);
		free(dir);
	}
	for (i = 0; i + 2 < follow->n; i += 3)
		near_dir(n, e, fc, from, follow->v[i], near);
}

/*
 * The files of MORE that FL does not list (own_near_files()'s) join it,
 * read for their facts alone.  Returns FL's own files when there were
 * such, an empty set otherwise: a finding is then kept only in FL's own
 * files or with evidence there, as with a summary index's facts.
 */
struct strset own_near_join(struct file_list *fl,
			    const struct file_list *more)
{
	struct strset own = { 0 }, none = { 0 };
	size_t i, n = fl->n;
	bool joined = false;

	for (i = 0; i < n; i++)
		strset_add(&own, fl->f[i].rel);
	for (i = 0; i < more->n; i++) {
		struct scan_file *f;

		if (strset_has(&own, more->f[i].rel, strlen(more->f[i].rel)))
			continue;
		f = file_list_copy(fl, &more->f[i]);
		f->explicit = false;
		f->facts_only = true;
		joined = true;
	}
	if (joined)
		return own;
	strset_free(&own);
	return none;
}
