// SPDX-License-Identifier: GPL-2.0
/*
 * The Coccinelle engine.  The semantic patches in cocci/ each name their
 * rule ("// Comments: gupcheck rule RULE") and have a gupcheck mode whose
 * python rules print one JSON object a finding.  A file is given to spatch
 * once per enabled script, from a worker like any other parse, so a
 * failure or a time-out is a coverage entry of that file.  spatch never
 * runs a shell and dies with its worker.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "gupcheck.h"

static char *find_on_path(const char *name)
{
	const char *path = getenv("PATH");
	char *copy, *dir, *save = NULL, *ret = NULL;

	if (!path)
		return NULL;
	copy = xstrdup(path);
	for (dir = strtok_r(copy, ":", &save); dir && !ret;
	     dir = strtok_r(NULL, ":", &save)) {
		char *p = path_join(*dir ? dir : ".", name);

		if (access(p, X_OK) == 0)
			ret = p;
		else
			free(p);
	}
	free(copy);
	return ret;
}

/*
 * Read both pipes to their ends at once, so that a child filling one
 * cannot block on it while we wait on the other.  ERR keeps 64 KiB.
 */
static void read_both(int out_fd, struct strbuf *out, int err_fd,
		      struct strbuf *err)
{
	struct pollfd p[2] = { { out_fd, POLLIN, 0 }, { err_fd, POLLIN, 0 } };
	struct strbuf *sb[2] = { out, err };
	int open_fds = 2, k;

	while (open_fds) {
		if (poll(p, 2, -1) < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		for (k = 0; k < 2; k++) {
			char buf[8192];
			ssize_t n;

			if (p[k].fd < 0 || !p[k].revents)
				continue;
			n = read(p[k].fd, buf, sizeof(buf));
			if (n < 0 && errno == EINTR)
				continue;
			if (n <= 0) {
				p[k].fd = -1;
				open_fds--;
			} else if (k == 0 || sb[k]->len < 65536) {
				sb_add(sb[k], buf, (size_t)n);
			}
		}
	}
}

/*
 * Run ARGV in DIR (or here), capturing its output; returns the exit
 * status or -1.
 */
static int run_capture(char **argv, const char *dir, struct strbuf *out,
		       struct strbuf *err)
{
	int po[2], pe[2], status = 0;
	pid_t pid;

	if (pipe(po) || pipe(pe))
		return -1;
	pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		int null = open("/dev/null", O_RDONLY);

		prctl(PR_SET_PDEATHSIG, SIGKILL);
		if (dir && chdir(dir) < 0)
			_exit(126);
		dup2(null, 0);
		dup2(po[1], 1);
		dup2(pe[1], 2);
		close(po[0]);
		close(pe[0]);
		execv(argv[0], argv);
		_exit(127);
	}
	close(po[1]);
	close(pe[1]);
	read_both(po[0], out, pe[0], err);
	close(po[0]);
	close(pe[0]);
	if (waitpid(pid, &status, 0) < 0)
		return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/* The rule a script serves, from its "// Comments: gupcheck rule X". */
static char *script_rule(const char *path)
{
	const char *key = "// Comments: gupcheck rule ";
	size_t len;
	int err;
	char *text = read_whole_file(path, &len, &err), *p, *ret = NULL;

	p = text ? strstr(text, key) : NULL;
	if (p) {
		p += strlen(key);
		ret = xstrndup(p, strcspn(p, " \t\n"));
	}
	free(text);
	return ret;
}

/*
 * The identifiers of the query spatch greps a file for before it parses
 * it ("Grep query" of --parse-cocci): a file that names none of them
 * cannot match, and spatch would do no more than start and say so.
 * NULL: the script has no query, every file is given to it.
 */
static struct words *grep_tokens(const struct cocci *c, const char *script)
{
	char *argv[] = { c->spatch, "--parse-cocci", "-D", "gupcheck",
			 (char *)script, NULL };
	struct strbuf out = { 0 }, err = { 0 };
	struct words *w = NULL;
	char *q = NULL;

	if (run_capture(argv, NULL, &out, &err) == 0 && out.buf)
		q = strstr(out.buf, "\nGrep query\n");
	if (q) {
		struct lexer lx;
		struct token t;
		size_t end;

		q += strlen("\nGrep query\n");
		end = strcspn(q, "\n");
		w = xcalloc(1, sizeof(*w));
		lex_init(&lx, q, end, 0);
		for (lex_next(&lx, &t); t.kind != TOK_EOF; lex_next(&lx, &t))
			if (t.kind == TOK_IDENT) {
				char *id = xstrndup(q + t.start,
						    t.end - t.start);

				words_add(w, id);
				free(id);
			}
		if (!w->v.n) {
			words_free(w);
			free(w);
			w = NULL;
		}
	}
	free(out.buf);
	free(err.buf);
	return w;
}

int cocci_init(struct cocci *c, const struct rules *r)
{
	char *dir = path_join(r->dir, "../cocci"), *real = path_real(dir);
	struct strbuf out = { 0 }, err = { 0 };
	struct dirent *de;
	char *argv[3];
	DIR *d;

	memset(c, 0, sizeof(*c));
	free(dir);
	c->spatch = find_on_path("spatch");
	if (!c->spatch || !real) {
		free(real);
		return -1;
	}
	argv[0] = c->spatch;
	argv[1] = "--version";
	argv[2] = NULL;
	if (run_capture(argv, NULL, &out, &err) != 0 || !out.buf ||
	    !str_starts(out.buf, "spatch version ")) {
		warn("%s: not a working spatch", c->spatch);
		free(out.buf);
		free(err.buf);
		free(real);
		return -1;
	}
	c->version = xstrndup(out.buf + 15, strcspn(out.buf + 15, " \n"));
	free(out.buf);
	free(err.buf);
	d = opendir(real);
	while (d && (de = readdir(d))) {
		char *p, *rule;

		if (!str_ends(de->d_name, ".cocci"))
			continue;
		p = path_join(real, de->d_name);
		rule = script_rule(p);
		if (rule && rules_enabled(r, rule)) {
			strvec_push(&c->scripts, p);
			strvec_push(&c->rules, rule);
			c->tokens = xrealloc(c->tokens, c->scripts.n *
					     sizeof(*c->tokens));
			c->tokens[c->scripts.n - 1] = grep_tokens(c, p);
		}
		free(rule);
		free(p);
	}
	if (d)
		closedir(d);
	free(real);
	return 0;
}

void cocci_free(struct cocci *c)
{
	size_t i;

	for (i = 0; i < c->scripts.n; i++) {
		if (c->tokens[i])
			words_free(c->tokens[i]);
		free(c->tokens[i]);
	}
	free(c->tokens);
	free(c->spatch);
	free(c->version);
	strvec_free(&c->scripts);
	strvec_free(&c->rules);
}

/* The text of line LINE of BUF, white space folded, for the fingerprint. */
static char *line_text(const char *buf, size_t len, int line)
{
	const char *p = buf, *e;
	struct strbuf sb = { 0 };
	bool space = false;

	while (p && --line > 0) {
		p = memchr(p, '\n', len - (size_t)(p - buf));
		if (p)
			p++;
	}
	if (!p)
		return xstrdup("");
	e = memchr(p, '\n', len - (size_t)(p - buf));
	for (; p < (e ? e : buf + len); p++) {
		if (*p == ' ' || *p == '\t') {
			space = sb.len > 0;
			continue;
		}
		if (space)
			sb_add(&sb, " ", 1);
		space = false;
		sb_add(&sb, p, 1);
	}
	return sb_detach(&sb);
}

static void take_line(const struct engine *e, const char *rel,
		      const char *buf, size_t len, const char *line,
		      cJSON *findings)
{
	cJSON *o = cJSON_Parse(line), *f;
	const char *rule = cJSON_GetStringValue(cJSON_GetObjectItem(o, "rule"));
	const char *fn = cJSON_GetStringValue(cJSON_GetObjectItem(o,
								  "function"));
	const struct rule_info *ri = rule ? rules_rule(e->rules, rule) : NULL;
	int ln = cJSON_GetObjectItem(o, "line") ?
		 cJSON_GetObjectItem(o, "line")->valueint : 0;
	int col = cJSON_GetObjectItem(o, "column") ?
		  cJSON_GetObjectItem(o, "column")->valueint : 0;
	char *code;

	if (!ri || !ri->enabled || ln < 1 || col < 1) {
		cJSON_Delete(o);
		return;
	}
	/* spatch's name for file scope */
	if (fn && strcmp(fn, "something_else") == 0)
		fn = NULL;
	code = line_text(buf, len, ln);
	f = finding_new(rule, ri->level, rel, (unsigned int)ln,
			(unsigned int)col, fn,
			cJSON_GetStringValue(cJSON_GetObjectItem(o, "message")),
			code, "cocci");
	cJSON_ReplaceItemInObject(f, "engines",
				  cJSON_CreateStringArray((const char *[]){ "cocci" }, 1));
	cJSON_AddStringToObject(f, "no_fix_reason",
				"found by the Coccinelle engine only; its patch mode (make coccicheck MODE=patch) writes the mechanical conversions");
	cJSON_AddItemToArray(findings, f);
	free(code);
	cJSON_Delete(o);
}

/*
 * Run every enabled script on PATH.  The result has the shape of
 * engine_parse_file()'s: status, reason and findings.
 */
cJSON *cocci_parse_file(const struct engine *e, const char *path)
{
	const struct cocci *c = e->cocci;
	cJSON *res = cJSON_CreateObject(), *findings = cJSON_CreateArray();
	const char *rel = path_relative(e->tree->root, path);
	char *reason = NULL, *buf;
	size_t i, len;
	int err;

	buf = read_whole_file(path, &len, &err);
	cJSON_AddStringToObject(res, "file", path);
	cJSON_AddStringToObject(res, "flags", "spatch");
	for (i = 0; buf && i < c->scripts.n && !reason; i++) {
		struct strbuf out = { 0 }, errs = { 0 };
		char *argv[] = { c->spatch, "--very-quiet", "--no-includes",
				 "--include-headers", "-D", "gupcheck",
				 "--sp-file", c->scripts.v[i], (char *)rel,
				 NULL };
		/*
		 * From the tree's root, with the tree-relative name, as
		 * coccicheck does: 'file in' constraints see that name.
		 */
		char *line, *save = NULL;
		int rc;

		/* spatch's own grep would turn the file away */
		if (c->tokens[i] && !words_any(c->tokens[i], buf, len))
			continue;
		rc = run_capture(argv, e->tree->root, &out, &errs);

		if (rc != 0) {
			const char *msg = errs.buf ? errs.buf : "no message";

			reason = xasprintf("spatch %s exited %d: %.*s",
					   path_basename(c->scripts.v[i]), rc,
					   (int)strcspn(msg, "\n"), msg);
		}
		for (line = out.buf ? strtok_r(out.buf, "\n", &save) : NULL;
		     line && !reason; line = strtok_r(NULL, "\n", &save))
			if (line[0] == '{')
				take_line(e, rel, buf, len, line, findings);
		free(out.buf);
		free(errs.buf);
	}
	if (!buf)
		reason = xasprintf("cannot read: %s", strerror(err));
	cJSON_AddStringToObject(res, "status", reason ? "failed" : "clean");
	if (reason)
		cJSON_AddStringToObject(res, "reason", reason);
	cJSON_AddItemToObject(res, "findings", findings);
	free(reason);
	free(buf);
	return res;
}

static bool has_cocci(const cJSON *g)
{
	const cJSON *it;

	cJSON_ArrayForEach(it, cJSON_GetObjectItem(g, "engines"))
		if (!strcmp(it->valuestring, "cocci"))
			return true;
	return false;
}

/*
 * Is F where G is: the same column, or (LOOSE) the same line, or where
 * G's fix edits the code?
 */
static bool same_place(const cJSON *g, const cJSON *f, bool loose)
{
	const char *file = cJSON_GetObjectItem(f, "file")->valuestring;
	int line = cJSON_GetObjectItem(f, "line")->valueint;
	const cJSON *e;

	bool same_file = !strcmp(cJSON_GetObjectItem(g, "file")->valuestring,
				 file);

	if (strcmp(cJSON_GetObjectItem(g, "rule")->valuestring,
		   cJSON_GetObjectItem(f, "rule")->valuestring))
		return false;
	if (!loose)
		return same_file &&
		       cJSON_GetObjectItem(g, "line")->valueint == line &&
		       cJSON_GetObjectItem(g, "column")->valueint ==
		       cJSON_GetObjectItem(f, "column")->valueint;
	if (has_cocci(g))
		return false;
	if (same_file && cJSON_GetObjectItem(g, "line")->valueint == line)
		return true;
	/* a macro's call: Coccinelle sees it where the patch edits */
	cJSON_ArrayForEach(e, cJSON_GetObjectItem(cJSON_GetObjectItem(g, "fix"),
						  "edits"))
		if (!strcmp(cJSON_GetObjectItem(e, "file")->valuestring, file) &&
		    cJSON_GetObjectItem(e, "line")->valueint == line)
			return true;
	return false;
}

/*
 * Join the cocci engine's findings to the clang engine's: the same rule
 * at the same place is one finding naming both engines.  The same column
 * is tried first, then the same line; Coccinelle sees a call made by a
 * macro in the macro's body, where the clang engine's patch for it goes.
 */
void cocci_merge(cJSON *findings, cJSON *cocci)
{
	while (cJSON_GetArraySize(cocci) > 0) {
		cJSON *f = cJSON_DetachItemFromArray(cocci, 0), *g, *twin = NULL;
		int pass;

		for (pass = 0; pass < 2 && !twin; pass++)
			cJSON_ArrayForEach(g, findings)
				if (same_place(g, f, pass == 1)) {
					twin = g;
					break;
				}
		if (twin && !has_cocci(twin)) {
			cJSON_AddItemToArray(cJSON_GetObjectItem(twin, "engines"),
					     cJSON_CreateString("cocci"));
			cJSON_Delete(f);
		} else if (twin) {
			cJSON_Delete(f);
		} else {
			cJSON_AddItemToArray(findings, f);
		}
	}
}
