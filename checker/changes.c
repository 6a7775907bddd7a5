// SPDX-License-Identifier: GPL-2.0
/*
 * What a change touches, for scoped runs (--changes FILE, --changed-since
 * REV).  The change is a unified diff: git diff's, a patch, or an mbox of
 * several (git format-patch, b4).  For each file of the changed tree it
 * gives the lines the change added and the places where it deleted lines;
 * a later patch of a series moves the lines an earlier one changed.  The
 * functions around those lines are found lexically in the changed tree.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "gupcheck.h"

struct hunk {
	unsigned int os, ol, ns, nl;	/* starts are of the first line */
	char *ops;			/* ' ', '-', '+' for each line */
	size_t nops;
};

struct diff {
	char *old_path;		/* NULL for /dev/null */
	char *new_path;
	bool have_old, have_new;	/* from ---/+++ or the git header */
	struct hunk *h;
	size_t nh;
};

static void diff_reset(struct diff *d)
{
	size_t i;

	for (i = 0; i < d->nh; i++)
		free(d->h[i].ops);
	free(d->h);
	free(d->old_path);
	free(d->new_path);
	memset(d, 0, sizeof(*d));
}

static void add_line(struct changed_file *f, unsigned int line)
{
	if (!line)
		return;
	f->lines = xrealloc(f->lines, (f->nr_lines + 1) * sizeof(*f->lines));
	f->lines[f->nr_lines++] = line;
}

/*
 * Where old line X of a diff is after it; a deleted line maps to where
 * the deletion was.
 */
static unsigned int map_line(const struct diff *d, unsigned int x)
{
	long delta = 0;
	size_t i, k;

	for (i = 0; i < d->nh; i++) {
		const struct hunk *h = &d->h[i];
		unsigned int o = h->os, n = h->ns;

		if (x < h->os)
			break;
		for (k = 0; k < h->nops; k++) {
			if (h->ops[k] == '+') {
				n++;
				continue;
			}
			if (o == x)
				return n;
			o++;
			n += h->ops[k] == ' ';
		}
		delta = (long)(h->ns + h->nl) - (long)(h->os + h->ol);
	}
	return (unsigned int)((long)x + delta);
}

static int finish(struct change_set *cs, struct diff *d)
{
	struct changed_file *f = NULL;
	size_t i, k;

	if (!d->have_old && !d->have_new) {
		diff_reset(d);
		return 0;
	}
	for (i = 0; d->old_path && i < cs->n; i++)
		if (cs->f[i].path && !strcmp(cs->f[i].path, d->old_path)) {
			f = &cs->f[i];
			break;
		}
	if (f) {
		/* an earlier patch of the series changed it: move its lines */
		for (k = 0; k < f->nr_lines; k++)
			f->lines[k] = map_line(d, f->lines[k]);
		free(f->path);
		f->path = d->new_path ? xstrdup(d->new_path) : NULL;
	} else {
		cs->f = xrealloc(cs->f, (cs->n + 1) * sizeof(*cs->f));
		f = &cs->f[cs->n++];
		memset(f, 0, sizeof(*f));
		f->path = d->new_path ? xstrdup(d->new_path) : NULL;
		f->old_path = d->old_path ? xstrdup(d->old_path) : NULL;
	}
	if (!f->path)
		f->nr_lines = 0;
	for (i = 0; f->path && i < d->nh; i++) {
		const struct hunk *h = &d->h[i];
		unsigned int n = h->ns;

		for (k = 0; k < h->nops; k++) {
			if (h->ops[k] == '+') {
				add_line(f, n++);
			} else if (h->ops[k] == '-') {
				add_line(f, n - 1);
				add_line(f, n);
			} else {
				n++;
			}
		}
	}
	f->header = f->path && str_ends(f->path, ".h");
	diff_reset(d);
	return 0;
}

/* A path of a ---/+++ line or of the git header, without a/ or b/. */
static char *header_path(const char *s, size_t n, bool *dev_null)
{
	const char *tab = memchr(s, '\t', n);

	if (tab)
		n = (size_t)(tab - s);
	while (n && s[n - 1] == ' ')
		n--;
	if (n >= 2 && s[0] == '"' && s[n - 1] == '"') {
		s++;
		n -= 2;
	}
	*dev_null = n == 9 && !strncmp(s, "/dev/null", 9);
	if (*dev_null)
		return NULL;
	if (n > 2 && (s[0] == 'a' || s[0] == 'b') && s[1] == '/') {
		s += 2;
		n -= 2;
	}
	return xstrndup(s, n);
}

static bool num(const char **p, unsigned int *v)
{
	char *end;
	unsigned long x = strtoul(*p, &end, 10);

	if (end == *p || x > 100000000)
		return false;
	*v = (unsigned int)x;
	*p = end;
	return true;
}

/* "@@ -OS[,OL] +NS[,NL] @@" */
static bool hunk_header(const char *s, struct hunk *h)
{
	const char *p = s + 3;

	h->ol = h->nl = 1;
	if (*p++ != '-' || !num(&p, &h->os))
		return false;
	if (*p == ',' && (p++, !num(&p, &h->ol)))
		return false;
	if (*p++ != ' ' || *p++ != '+' || !num(&p, &h->ns))
		return false;
	if (*p == ',' && (p++, !num(&p, &h->nl)))
		return false;
	if (strncmp(p, " @@", 3))
		return false;
	/* only an empty side starts at line 0 */
	if ((h->ol && !h->os) || (h->nl && !h->ns))
		return false;
	/* an empty side names the line before it */
	if (!h->ol)
		h->os++;
	if (!h->nl)
		h->ns++;
	return true;
}

static void set_path(char **slot, bool *have, const char *s, size_t n)
{
	bool dev_null;

	free(*slot);
	*slot = header_path(s, n, &dev_null);
	*have = true;
}

/*
 * Parse the unified diff, patch or mbox BUF[0..LEN) into CS.  Lines may
 * end in CRLF.  Returns -1 with the line and the cause in *ERR.
 */
int changes_parse(const char *buf, size_t len, struct change_set *cs,
		  char **err)
{
	struct diff d = { 0 };
	size_t pos = 0;
	unsigned int lineno = 0;
	bool git = false, binary = false, prev_blank = true, any = false;
	struct hunk *h = NULL;
	unsigned int left_old = 0, left_new = 0;

	*err = NULL;
	while (pos < len) {
		const char *s = buf + pos, *nl = memchr(s, '\n', len - pos);
		size_t n = nl ? (size_t)(nl - s) : len - pos;
		char *line;

		pos += n + (nl != NULL);
		lineno++;
		if (n && s[n - 1] == '\r')
			n--;
		if (memchr(s, '\0', n)) {
			*err = xasprintf("line %u: a NUL byte; not a text patch",
					 lineno);
			goto fail;
		}
		line = xstrndup(s, n);
		if (h && (left_old || left_new)) {
			char op = n ? line[0] : ' ';

			if (op == '\\') {
				free(line);
				continue;
			}
			if ((op == ' ' && (!left_old || !left_new)) ||
			    (op == '-' && !left_old))
				op = 0;
			if (op == '+' && !left_new)
				op = 0;
			if (op != ' ' && op != '-' && op != '+') {
				*err = xasprintf("line %u: the hunk ends early: %u old and %u new lines are missing",
						 lineno, left_old, left_new);
				free(line);
				goto fail;
			}
			h->ops = xrealloc(h->ops, h->nops + 1);
			h->ops[h->nops++] = op;
			left_old -= op != '+';
			left_new -= op != '-';
			free(line);
			continue;
		}
		h = NULL;
		if (str_starts(line, "From ") && prev_blank) {
			finish(cs, &d);
			git = binary = false;
			cs->patches++;
		} else if (str_starts(line, "diff --git ")) {
			const char *b = strstr(line + 11, " b/");
			const char *a = line + 11;

			finish(cs, &d);
			git = true;
			binary = false;
			if (!b) {
				*err = xasprintf("line %u: a 'diff --git' line without a b/ path",
						 lineno);
				free(line);
				goto fail;
			}
			while (strstr(b + 1, " b/"))
				b = strstr(b + 1, " b/");
			set_path(&d.old_path, &d.have_old, a, (size_t)(b - a));
			set_path(&d.new_path, &d.have_new, b + 1, strlen(b + 1));
			any = true;
		} else if (git && str_starts(line, "new file mode")) {
			free(d.old_path);
			d.old_path = NULL;
		} else if (git && str_starts(line, "deleted file mode")) {
			free(d.new_path);
			d.new_path = NULL;
		} else if (git && str_starts(line, "rename from ")) {
			set_path(&d.old_path, &d.have_old, line + 12,
				 strlen(line + 12));
		} else if (git && str_starts(line, "rename to ")) {
			set_path(&d.new_path, &d.have_new, line + 10,
				 strlen(line + 10));
		} else if (git && (str_starts(line, "GIT binary patch") ||
				   str_starts(line, "Binary files "))) {
			binary = true;
		} else if (!binary && str_starts(line, "--- ")) {
			if (!git || d.nh)
				finish(cs, &d);
			git = false;
			set_path(&d.old_path, &d.have_old, line + 4,
				 strlen(line + 4));
			any = true;
		} else if (!binary && str_starts(line, "+++ ")) {
			if (!d.have_old) {
				*err = xasprintf("line %u: a '+++' line with no '---' line before it",
						 lineno);
				free(line);
				goto fail;
			}
			set_path(&d.new_path, &d.have_new, line + 4,
				 strlen(line + 4));
		} else if (!binary && str_starts(line, "@@ ")) {
			struct hunk nh = { 0 };

			if (!d.have_old || !d.have_new) {
				*err = xasprintf("line %u: a hunk with no file header ('---' and '+++') before it",
						 lineno);
				free(line);
				goto fail;
			}
			if (!hunk_header(line, &nh)) {
				*err = xasprintf("line %u: a malformed hunk header '%.60s'",
						 lineno, line);
				free(line);
				goto fail;
			}
			if (d.nh && nh.os < d.h[d.nh - 1].os +
					    d.h[d.nh - 1].ol) {
				*err = xasprintf("line %u: hunks out of order",
						 lineno);
				free(line);
				goto fail;
			}
			d.h = xrealloc(d.h, (d.nh + 1) * sizeof(*d.h));
			d.h[d.nh] = nh;
			h = &d.h[d.nh++];
			left_old = nh.ol;
			left_new = nh.nl;
		}
		prev_blank = n == 0;
		free(line);
	}
	if (h && (left_old || left_new)) {
		*err = xasprintf("the last hunk is cut short: %u old and %u new lines are missing",
				 left_old, left_new);
		goto fail;
	}
	finish(cs, &d);
	if (!any) {
		*err = xstrdup("no patch in it (no 'diff --git' or '---'/'+++' lines)");
		return -1;
	}
	if (!cs->patches)
		cs->patches = 1;
	return 0;
fail:
	diff_reset(&d);
	return -1;
}

void change_set_free(struct change_set *cs)
{
	size_t i;

	for (i = 0; i < cs->n; i++) {
		free(cs->f[i].path);
		free(cs->f[i].old_path);
		free(cs->f[i].lines);
	}
	free(cs->f);
	memset(cs, 0, sizeof(*cs));
}

/*
 * The changes of the working tree at ROOT since REV, from
 * 'git diff REV' run without a shell.
 */
int changes_from_git(const char *root, const char *rev,
		     struct change_set *cs)
{
	const char *argv[] = {
		"git", "-C", root, "diff", "--no-color", "--no-ext-diff",
		"--no-textconv", "-M", "--relative", rev, "--", NULL,
	};
	struct strbuf out = { 0 };
	char buf[65536], *err;
	int fd[2], status;
	ssize_t r;
	pid_t pid;

	if (rev[0] == '-' || !rev[0]) {
		warn("--changed-since: '%s' is not a revision", rev);
		return -1;
	}
	if (pipe(fd)) {
		warn("cannot create a pipe: %s", strerror(errno));
		return -1;
	}
	fflush(NULL);
	pid = fork();
	if (pid < 0) {
		warn("cannot fork git: %s", strerror(errno));
		return -1;
	}
	if (pid == 0) {
		close(fd[0]);
		dup2(fd[1], 1);
		close(fd[1]);
		execvp("git", (char **)argv);
		fprintf(stderr, "gupcheck: cannot run git: %s\n",
			strerror(errno));
		_exit(127);
	}
	close(fd[1]);
	while ((r = read(fd[0], buf, sizeof(buf))) != 0) {
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			break;
		sb_add(&out, buf, (size_t)r);
	}
	close(fd[0]);
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	if (!WIFEXITED(status) || WEXITSTATUS(status)) {
		warn("--changed-since %s: 'git diff %s' in %s failed (%s %d)",
		     rev, rev, root,
		     WIFEXITED(status) ? "exit status" : "signal",
		     WIFEXITED(status) ? WEXITSTATUS(status) :
					 WTERMSIG(status));
		free(out.buf);
		return -1;
	}
	if (!out.len) {
		/* nothing changed: an empty scope */
		free(out.buf);
		cs->patches = 0;
		return 0;
	}
	if (changes_parse(out.buf, out.len, cs, &err)) {
		warn("--changed-since %s: git diff's output: %s", rev, err);
		free(err);
		free(out.buf);
		return -1;
	}
	free(out.buf);
	return 0;
}

/*
 * The functions defined at file scope in BUF: a name, its parameters in
 * parentheses and a body in braces, from the name's line to the closing
 * brace's.  Lexical, so it needs no parse; callable on any bytes.
 */
size_t functions_of(const char *buf, size_t len, struct func_span **out)
{
	struct lexer lx;
	struct token t, prev = { 0 };
	size_t n = 0, counted = 0, name_s = 0, name_e = 0;
	unsigned int line = 1, name_line = 0;
	int depth = 0, parens = 0;
	bool have_name = false, prev_ident = false, directive = false;

	*out = NULL;
	lex_init(&lx, buf, len, 0);
	for (lex_next(&lx, &t); t.kind != TOK_EOF; lex_next(&lx, &t)) {
		char c = t.kind == TOK_PUNCT ? buf[t.start] : 0;

		for (; counted < t.start; counted++)
			line += buf[counted] == '\n';
		/* preprocessor lines are not code: #define F(x) { ... } */
		if (t.line_start)
			directive = c == '#';
		if (directive) {
			prev_ident = false;
			continue;
		}
		if (depth == 0 && parens == 0 && c == '(' && prev_ident &&
		    !have_name) {
			have_name = true;
			name_s = prev.start;
			name_e = prev.end;
			name_line = line;
		}
		if (c == '(')
			parens++;
		else if (c == ')' && parens > 0)
			parens--;
		if (c == '{') {
			if (depth == 0 && parens == 0 && have_name) {
				*out = xrealloc(*out, (n + 1) * sizeof(**out));
				(*out)[n].name = xstrndup(buf + name_s,
							  name_e - name_s);
				(*out)[n].first = name_line;
				(*out)[n].last = 0;
				n++;
			}
			depth++;
		} else if (c == '}' && depth > 0) {
			if (--depth == 0) {
				if (n && !(*out)[n - 1].last)
					(*out)[n - 1].last = line;
				have_name = false;
			}
		} else if (depth == 0 && parens == 0 &&
			   (c == ';' || c == '=')) {
			have_name = false;
		}
		prev = t;
		prev_ident = t.kind == TOK_IDENT;
	}
	/* a body left open runs to the end */
	for (; counted < len; counted++)
		line += buf[counted] == '\n';
	if (n && !(*out)[n - 1].last)
		(*out)[n - 1].last = line;
	return n;
}

static bool has_line(const struct changed_file *f, unsigned int a,
		     unsigned int b)
{
	size_t i;

	for (i = 0; i < f->nr_lines; i++)
		if (f->lines[i] >= a && f->lines[i] <= b)
			return true;
	return false;
}

void scope_init(struct scope *s, const char *root,
		const struct change_set *cs)
{
	size_t i, k;

	memset(s, 0, sizeof(*s));
	s->cs = cs;
	for (i = 0; i < cs->n; i++) {
		const struct changed_file *f = &cs->f[i];
		struct func_span *fs;
		char *path, *buf;
		size_t len, nf;
		int err;

		if (!f->path)
			continue;
		s->headers |= f->header;
		/* a patch's path outside the tree is read by no one */
		if (!path_stays_inside(f->path)) {
			warn("%s: the change names a file outside the tree; it is not read",
			     f->path);
			continue;
		}
		path = path_join(root, f->path);
		buf = read_whole_file(path, &len, &err);
		free(path);
		if (!buf)
			continue;
		nf = functions_of(buf, len, &fs);
		for (k = 0; k < nf; k++) {
			if (has_line(f, fs[k].first, fs[k].last)) {
				s->spans = xrealloc(s->spans, (s->nr_spans + 1) *
						    sizeof(*s->spans));
				s->span_file = xrealloc(s->span_file,
							(s->nr_spans + 1) *
							sizeof(*s->span_file));
				s->spans[s->nr_spans] = fs[k];
				s->span_file[s->nr_spans++] =
					xstrdup(f->path);
			} else {
				free(fs[k].name);
			}
		}
		free(fs);
		free(buf);
	}
}

bool scope_has_file(const struct scope *s, const char *rel)
{
	size_t i;

	for (i = 0; i < s->cs->n; i++)
		if (s->cs->f[i].path && !strcmp(s->cs->f[i].path, rel))
			return true;
	return false;
}

/* Is LINE of FILE changed, or in a function the change touches? */
bool scope_covers(const struct scope *s, const char *file,
		  unsigned int line)
{
	size_t i;

	for (i = 0; i < s->nr_spans; i++)
		if (!strcmp(s->span_file[i], file) &&
		    line >= s->spans[i].first && line <= s->spans[i].last)
			return true;
	for (i = 0; i < s->cs->n; i++)
		if (s->cs->f[i].path && !strcmp(s->cs->f[i].path, file) &&
		    has_line(&s->cs->f[i], line, line))
			return true;
	return false;
}

static bool covered(const cJSON *loc, const void *data)
{
	const char *file = cJSON_GetStringValue(cJSON_GetObjectItem(loc,
								    "file"));
	const cJSON *line = cJSON_GetObjectItem(loc, "line");

	return file && cJSON_IsNumber(line) && line->valueint > 0 &&
	       scope_covers(data, file, (unsigned int)line->valueint);
}

/* Keep the findings the change is in: by place or by evidence. */
void scope_filter(const struct scope *s, cJSON *findings)
{
	findings_keep(findings, covered, s);
}

cJSON *scope_json(const struct scope *s, const char *what)
{
	cJSON *o = cJSON_CreateObject(), *t;
	size_t i;
	int files = 0;

	for (i = 0; i < s->cs->n; i++)
		files += s->cs->f[i].path != NULL;
	cJSON_AddStringToObject(o, "changes", what);
	cJSON_AddNumberToObject(o, "patches", s->cs->patches);
	cJSON_AddNumberToObject(o, "files", files);
	cJSON_AddNumberToObject(o, "functions", (double)s->nr_spans);
	t = cJSON_AddArrayToObject(o, "touched");
	for (i = 0; i < s->nr_spans; i++) {
		char *x = xasprintf("%s:%s()", s->span_file[i],
				    s->spans[i].name);

		cJSON_AddItemToArray(t, cJSON_CreateString(x));
		free(x);
	}
	return o;
}

void scope_free(struct scope *s)
{
	size_t i;

	for (i = 0; i < s->nr_spans; i++) {
		free(s->spans[i].name);
		free(s->span_file[i]);
	}
	free(s->spans);
	free(s->span_file);
	memset(s, 0, sizeof(*s));
}
