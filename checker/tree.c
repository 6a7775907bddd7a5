// SPDX-License-Identifier: GPL-2.0
/*
 * The kernel tree: finding its root, reading its version, and listing the
 * C files of a scan.  Directories are walked with an explicit stack and
 * symbolic links are never followed, so a link loop cannot trap a scan.
 */
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "gupcheck.h"

static bool is_file(const char *dir, const char *name)
{
	char *p = path_join(dir, name);
	struct stat st;
	bool ok = stat(p, &st) == 0 && S_ISREG(st.st_mode);

	free(p);
	return ok;
}

static bool is_dir(const char *dir, const char *name)
{
	char *p = path_join(dir, name);
	struct stat st;
	bool ok = stat(p, &st) == 0 && S_ISDIR(st.st_mode);

	free(p);
	return ok;
}

/* A kernel tree has a top Makefile, Kbuild, include/linux and arch/. */
bool tree_is_kernel(const char *dir)
{
	return is_file(dir, "Makefile") && is_file(dir, "Kbuild") &&
	       is_dir(dir, "include/linux") && is_dir(dir, "arch");
}

/* The kernel tree that contains START (a file or directory), or NULL. */
char *tree_find_root(const char *start)
{
	char *dir = path_real(start);
	struct stat st;

	if (!dir)
		return NULL;
	if (stat(dir, &st) == 0 && !S_ISDIR(st.st_mode)) {
		char *up = path_dirname(dir);

		free(dir);
		dir = up;
	}
	for (;;) {
		char *up;

		if (tree_is_kernel(dir))
			return dir;
		if (strcmp(dir, "/") == 0)
			break;
		up = path_dirname(dir);
		free(dir);
		dir = up;
	}
	free(dir);
	return NULL;
}

static char *makefile_var(const char *text, const char *name)
{
	size_t n = strlen(name);
	const char *p = text;

	while (p && *p) {
		if (strncmp(p, name, n) == 0) {
			const char *q = p + n, *end;

			while (*q == ' ' || *q == '\t')
				q++;
			if (*q == '=') {
				q++;
				while (*q == ' ' || *q == '\t')
					q++;
				end = q;
				while (*end && *end != '\n' && *end != ' ' &&
				       *end != '\t' && *end != '#')
					end++;
				return xstrndup(q, (size_t)(end - q));
			}
		}
		p = strchr(p, '\n');
		if (p)
			p++;
	}
	return NULL;
}

/* "6.1.192" from the top Makefile's VERSION, PATCHLEVEL and SUBLEVEL. */
char *tree_kernel_version(const char *root)
{
	char *path = path_join(root, "Makefile");
	char *text, *v, *p, *s, *e, *ret = NULL;
	size_t len;
	int err;

	text = read_whole_file(path, &len, &err);
	free(path);
	if (!text)
		return NULL;
	v = makefile_var(text, "VERSION");
	p = makefile_var(text, "PATCHLEVEL");
	s = makefile_var(text, "SUBLEVEL");
	e = makefile_var(text, "EXTRAVERSION");
	if (v && p && *v && *p)
		ret = xasprintf("%s.%s.%s%s", v, p, s && *s ? s : "0",
				e ? e : "");
	free(v);
	free(p);
	free(s);
	free(e);
	free(text);
	return ret;
}

static void add_file(struct file_list *fl, const char *root, const char *path,
		     enum file_state state, const char *reason, bool explicit)
{
	struct scan_file *f;

	if (fl->n == fl->cap) {
		fl->cap = fl->cap ? fl->cap * 2 : 1024;
		fl->f = xrealloc(fl->f, fl->cap * sizeof(*fl->f));
	}
	f = &fl->f[fl->n++];
	f->path = xstrdup(path);
	f->rel = xstrdup(path_relative(root, path));
	f->state = state;
	f->reason = reason ? xstrdup(reason) : NULL;
	f->explicit = explicit;
	f->facts_only = false;
}

/* The path policy (rules/tree.json) that excludes REL, or NULL. */
const struct path_policy *tree_excluded(const struct rules *r,
					const char *rel)
{
	size_t i;

	for (i = 0; i < r->nr_exclude; i++)
		if (str_starts(rel, r->exclude[i].path))
			return &r->exclude[i];
	return NULL;
}

static int walk(const struct tree *t, const struct rules *r, const char *top,
		struct file_list *out)
{
	struct strvec stack = { 0 };
	const char *top_rel = path_relative(t->root, top);
	int ret = 0;

	strvec_push(&stack, top);
	while (stack.n) {
		char *dir = stack.v[--stack.n];
		struct dirent *de;
		DIR *d = opendir(dir);

		if (!d) {
			warn("%s: cannot read directory: %s", dir,
			     strerror(errno));
			ret = -1;
			free(dir);
			continue;
		}
		while ((de = readdir(d))) {
			const struct path_policy *pp;
			char *p;
			struct stat st;

			if (de->d_name[0] == '.')
				continue;	/* ., .., .git and friends */
			p = path_join(dir, de->d_name);
			if (lstat(p, &st) < 0) {
				free(p);
				continue;
			}
			pp = tree_excluded(r, path_relative(t->root, p));
			/* A path named on the command line is scanned. */
			if (pp && str_starts(top_rel, pp->path))
				pp = NULL;
			if (S_ISDIR(st.st_mode)) {
				strvec_push_nocopy(&stack, p);
				continue;
			}
			if (str_ends(de->d_name, ".c")) {
				if (S_ISLNK(st.st_mode))
					add_file(out, t->root, p,
						 FILE_EXCLUDED,
						 "symbolic link, not followed",
						 false);
				else if (pp)
					add_file(out, t->root, p,
						 FILE_EXCLUDED, pp->reason,
						 false);
				else if (S_ISREG(st.st_mode))
					add_file(out, t->root, p,
						 FILE_CANDIDATE, NULL, false);
			}
			free(p);
		}
		closedir(d);
		free(dir);
	}
	strvec_free(&stack);
	return ret;
}

static int cmp_rel(const void *a, const void *b)
{
	const struct scan_file *x = a, *y = b;

	return strcmp(x->rel, y->rel);
}

/*
 * Add the files of PATH (absolute, resolved) to OUT.  A file named
 * directly is always parsed; a directory contributes its .c files.
 */
int tree_collect(const struct tree *t, const struct rules *r,
		 const char *path, struct file_list *out)
{
	struct stat st;
	size_t first = out->n;
	int ret = 0;

	if (stat(path, &st) < 0) {
		warn("%s: %s", path, strerror(errno));
		return -1;
	}
	if (S_ISDIR(st.st_mode))
		ret = walk(t, r, path, out);
	else
		add_file(out, t->root, path, FILE_CANDIDATE, NULL, true);
	qsort(out->f + first, out->n - first, sizeof(*out->f), cmp_rel);
	return ret;
}

/* A copy of F (its strings too) at the end of FL; returns the copy. */
struct scan_file *file_list_copy(struct file_list *fl,
				 const struct scan_file *f)
{
	struct scan_file *c;

	if (fl->n == fl->cap) {
		fl->cap = fl->cap ? fl->cap * 2 : 64;
		fl->f = xrealloc(fl->f, fl->cap * sizeof(*fl->f));
	}
	c = &fl->f[fl->n++];
	*c = *f;
	c->path = xstrdup(f->path);
	c->rel = xstrdup(f->rel);
	c->reason = f->reason ? xstrdup(f->reason) : NULL;
	return c;
}

void file_list_free(struct file_list *fl)
{
	size_t i;

	for (i = 0; i < fl->n; i++) {
		free(fl->f[i].path);
		free(fl->f[i].rel);
		free(fl->f[i].reason);
	}
	free(fl->f);
	memset(fl, 0, sizeof(*fl));
}

/*
 * The .c files directly in DIR (relative to the tree's root, with or
 * without its '/'), not its subdirectories, into OUT as files no rule
 * chose (FILE_NOT_CANDIDATE): the other files of a driver, which the
 * ownership analysis may read for their facts.  Links and the files a
 * path policy excludes are left out.  A directory that cannot be read
 * adds nothing.
 */
void tree_dir_files(const struct tree *t, const struct rules *r,
		    const char *dir, struct file_list *out)
{
	char *top = path_join(t->root, dir);
	size_t first = out->n;
	struct dirent *de;
	DIR *d = opendir(top);

	while (d && (de = readdir(d))) {
		struct stat st;
		char *p;

		if (de->d_name[0] == '.' || !str_ends(de->d_name, ".c"))
			continue;
		p = path_join(top, de->d_name);
		if (lstat(p, &st) == 0 && S_ISREG(st.st_mode) &&
		    !tree_excluded(r, path_relative(t->root, p)))
			add_file(out, t->root, p, FILE_NOT_CANDIDATE, NULL,
				 false);
		free(p);
	}
	if (d)
		closedir(d);
	free(top);
	qsort(out->f + first, out->n - first, sizeof(*out->f), cmp_rel);
}
