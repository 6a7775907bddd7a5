// SPDX-License-Identifier: GPL-2.0
/*
 * Parsing runs in forked worker processes, one file at a time.  A worker
 * that crashes or runs past the per-file time limit costs only that file,
 * which becomes a coverage entry naming the cause; the scan goes on with
 * a fresh worker.
 *
 * A worker may grow by --max-memory over its size at the start (an
 * address-space limit; not in an ASan build, whose allocator aborts or
 * hangs when an mmap fails).  A file whose parse runs out of it is a coverage entry
 * naming the limit; the worker ends after it and a fresh one goes on.
 * Workers die with the parent.
 *
 * Parent to worker: a 4-byte file index.  Worker to parent: a 4-byte
 * length and the file's result as JSON.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "gupcheck.h"

#if defined(__SANITIZE_ADDRESS__)
#define UNDER_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define UNDER_ASAN 1
#endif
#endif

/*
 * A parse that fails within this much of the limit ran out of memory:
 * the allocation that failed was, at most, about this big.
 */
#define MEMORY_SLACK (64UL << 20)

struct worker {
	pid_t pid;
	int to;			/* parent writes file indexes */
	int from;		/* parent reads results */
	long file;		/* index being parsed, or -1 */
	bool retiring;		/* it ends after its last result */
	double started;
	struct strbuf in;
};

static int write_all(int fd, const void *p, size_t n)
{
	const char *c = p;

	while (n) {
		ssize_t w = write(fd, c, n);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		c += w;
		n -= (size_t)w;
	}
	return 0;
}

static int read_all(int fd, void *p, size_t n)
{
	char *c = p;

	while (n) {
		ssize_t r = read(fd, c, n);

		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return -1;
		c += r;
		n -= (size_t)r;
	}
	return 0;
}

/* In a worker: the limit, and the result it sends when memory ran out. */
static size_t mem_limit;
static char *limit_reason;
static char oom_frame[256];
static size_t oom_frame_len;
static int result_fd = -1;

/*
 * A "VmSize:" or "VmPeak:" of /proc/self/status in bytes, 0 if unknown.
 * Only system calls: a signal handler asks too.
 */
static size_t proc_status(const char *key)
{
	char buf[8192], *p;
	size_t v = 0, klen = strlen(key);
	ssize_t n;
	int fd = open("/proc/self/status", O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return 0;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return 0;
	buf[n] = '\0';
	for (p = buf; p && *p; p = strchr(p, '\n'), p = p ? p + 1 : NULL) {
		if (strncmp(p, key, klen))
			continue;
		for (p += klen; *p == ' ' || *p == '\t'; p++)
			;
		while (*p >= '0' && *p <= '9')
			v = v * 10 + (size_t)(*p++ - '0');
		return v * 1024;
	}
	return 0;
}

static bool near_limit(void)
{
	return mem_limit && proc_status("VmPeak:") + MEMORY_SLACK >= mem_limit;
}

/* Out of memory in our own allocations: say so, and end the worker. */
static __noreturn void worker_oom(void)
{
	if (write_all(result_fd, oom_frame, oom_frame_len))
		_exit(1);
	_exit(0);
}

/*
 * A crash near the limit is the limit's doing.  Under the sanitizers,
 * they catch crashes themselves and report them.
 */
#ifndef UNDER_ASAN
static void crash_handler(int sig)
{
	if (near_limit())
		worker_oom();
	signal(sig, SIG_DFL);
	raise(sig);
}

static void catch_crashes(void)
{
	signal(SIGSEGV, crash_handler);
	signal(SIGBUS, crash_handler);
	signal(SIGABRT, crash_handler);
}
#else
static void catch_crashes(void)
{
}
#endif

static void limit_memory(size_t max, int out)
{
	size_t base = proc_status("VmSize:");
	struct rlimit rl;
	char *frame;
	uint32_t len;

	result_fd = out;
#ifdef UNDER_ASAN
	/* ASan's allocator does not take a failed mmap gracefully */
	max = 0;
#endif
	if (!max || !base)
		return;
	mem_limit = base + max;
	rl.rlim_cur = rl.rlim_max = mem_limit;
	if (setrlimit(RLIMIT_AS, &rl) < 0) {
		mem_limit = 0;
		return;
	}
	limit_reason = xasprintf("exceeded the memory limit of %zu MiB (--max-memory)",
				 max >> 20);
	frame = xasprintf("{\"status\":\"failed\",\"reason\":\"%s\",\"findings\":[],\"retire\":true}",
			  limit_reason);
	len = (uint32_t)strlen(frame);
	if (sizeof(len) + len <= sizeof(oom_frame)) {
		memcpy(oom_frame, &len, sizeof(len));
		memcpy(oom_frame + sizeof(len), frame, len);
		oom_frame_len = sizeof(len) + len;
		out_of_memory_hook = worker_oom;
	}
	free(frame);
	catch_crashes();
}

/*
 * libclang's visits recurse as deep as the code nests, and clang parses
 * code nested deeper than a default stack holds.  The stack is virtual
 * memory, used only as deep as the code goes.
 */
#define PARSE_STACK (512UL << 20)

struct parse_job {
	struct engine *e;
	const struct flags_ctx *fc;
	const char *path;
	bool show_flags;
	cJSON *res;
};

static void *parse_thread(void *data)
{
	struct parse_job *j = data;

	j->res = engine_parse_file(j->e, j->fc, j->path, j->show_flags);
	return NULL;
}

static cJSON *parse_on_big_stack(struct engine *e, const struct flags_ctx *fc,
				 const char *path, bool show_flags)
{
	struct parse_job j = { e, fc, path, show_flags, NULL };
	pthread_attr_t attr;
	pthread_t th;
	int err;

	if (e->cocci)	/* spatch: a child that must die with this thread */
		return engine_parse_file(e, fc, path, show_flags);
	pthread_attr_init(&attr);
	pthread_attr_setstacksize(&attr, PARSE_STACK);
	err = pthread_create(&th, &attr, parse_thread, &j);
	pthread_attr_destroy(&attr);
	if (err)	/* under a small --max-memory: the usual stack */
		return engine_parse_file(e, fc, path, show_flags);
	pthread_join(th, NULL);
	return j.res;
}

static void worker_main(struct engine *e, const struct flags_ctx *fc,
			struct file_list *fl, const struct scan_opts *o,
			int in, int out)
{
	uint32_t idx;

	prctl(PR_SET_PDEATHSIG, SIGKILL);
	if (getppid() == 1)
		_exit(0);
	/* parse on this thread's big stack, not on an 8 MiB one of its own */
	setenv("LIBCLANG_NOTHREADS", "1", 1);
	limit_memory(o->max_memory, out);
	while (read_all(in, &idx, sizeof(idx)) == 0) {
		bool spent;
		cJSON *res;
		char *text;
		uint32_t len;

		if (idx >= fl->n)
			break;
		res = parse_on_big_stack(e, fc, fl->f[idx].path,
					 o->show_flags);
		spent = near_limit();
		if (spent && strcmp(cJSON_GetStringValue(
				cJSON_GetObjectItem(res, "status")), "failed") == 0)
			cJSON_ReplaceItemInObject(res, "reason",
				cJSON_CreateString(limit_reason));
		if (spent)
			cJSON_AddTrueToObject(res, "retire");
		text = cJSON_PrintUnformatted(res);
		len = (uint32_t)strlen(text);
		if (write_all(out, &len, sizeof(len)) ||
		    write_all(out, text, len))
			_exit(1);
		cJSON_free(text);
		cJSON_Delete(res);
		/* a high-water mark: the next file gets a fresh worker */
		if (spent)
			_exit(0);
	}
	_exit(0);
}

/*
 * Start worker W of ALL[0..N).  The child closes its siblings' pipe ends:
 * a sibling holding them open would keep a finished worker from seeing
 * the end of its input.
 */
static void spawn(struct worker *w, struct worker *all, int n,
		  struct engine *e, const struct flags_ctx *fc,
		  struct file_list *fl, const struct scan_opts *o)
{
	int down[2], up[2], k;

	if (pipe(down) || pipe(up))
		fatal("cannot create a pipe: %s", strerror(errno));
	fflush(NULL);
	w->pid = fork();
	if (w->pid < 0)
		fatal("cannot fork a worker: %s", strerror(errno));
	if (w->pid == 0) {
		close(down[1]);
		close(up[0]);
		for (k = 0; k < n; k++) {
			if (&all[k] == w || !all[k].pid)
				continue;
			close(all[k].to);
			close(all[k].from);
		}
		signal(SIGINT, SIG_DFL);
		signal(SIGTERM, SIG_DFL);
		signal(SIGHUP, SIG_DFL);
		signal(SIGQUIT, SIG_DFL);
		worker_main(e, fc, fl, o, down[0], up[1]);
	}
	close(down[0]);
	close(up[1]);
	w->to = down[1];
	w->from = up[0];
	w->file = -1;
	w->retiring = false;
	w->in.len = 0;
}

static void set_state(struct scan_file *f, enum file_state s, char *reason)
{
	f->state = s;
	free(f->reason);
	f->reason = reason;
}

static char *exit_reason(int status)
{
	if (WIFSIGNALED(status))
		return xasprintf("the checker crashed on this file (%s)",
				 strsignal(WTERMSIG(status)));
	return xasprintf("the checker exited with status %d on this file",
			 WEXITSTATUS(status));
}

static void reap(struct worker *w, struct file_list *fl, char *reason)
{
	int status = 0;

	close(w->to);
	close(w->from);
	if (w->pid > 0)
		waitpid(w->pid, &status, 0);
	if (w->file >= 0)
		set_state(&fl->f[w->file], FILE_FAILED,
			  reason ? reason : exit_reason(status));
	else
		free(reason);
	w->pid = 0;
	w->file = -1;
}

/* Merge one worker result: coverage state and de-duplicated findings. */
static void take_result(struct scan_file *f, cJSON *res, cJSON *findings,
			struct strset *seen)
{
	const char *status = cJSON_GetStringValue(
		cJSON_GetObjectItem(res, "status"));
	const char *reason = cJSON_GetStringValue(
		cJSON_GetObjectItem(res, "reason"));
	cJSON *list = cJSON_GetObjectItem(res, "findings"), *it;
	cJSON *answers = cJSON_GetObjectItem(res, "answers");
	cJSON *facts = cJSON_DetachItemFromObject(res, "facts");

	if (status && strcmp(status, "clean") == 0)
		set_state(f, FILE_CLEAN, NULL);
	else if (status && strcmp(status, "errors") == 0)
		set_state(f, FILE_ERRORS, xstrdup(reason ? reason : "errors"));
	else
		set_state(f, FILE_FAILED, xstrdup(reason ? reason : "failed"));
	if (answers) {
		/* answers ride along in a finding-less item for resolve.c */
		it = cJSON_CreateObject();
		cJSON_AddItemToObject(it, "answers",
				      cJSON_Duplicate(answers, true));
		cJSON_AddItemToArray(findings, it);
	}
	if (facts) {
		/* and so do the ownership facts, for own_solve.c */
		it = cJSON_CreateObject();
		cJSON_AddItemToObject(it, "facts", facts);
		cJSON_AddItemToArray(findings, it);
	}
	while (cJSON_GetArraySize(list) > 0) {
		char *key;

		it = cJSON_DetachItemFromArray(list, 0);
		key = xasprintf("%s|%s|%d|%d|%s",
			cJSON_GetStringValue(cJSON_GetObjectItem(it, "rule")),
			cJSON_GetStringValue(cJSON_GetObjectItem(it, "file")),
			cJSON_GetObjectItem(it, "line")->valueint,
			cJSON_GetObjectItem(it, "column")->valueint,
			cJSON_GetStringValue(cJSON_GetObjectItem(it,
								 "message")));
		/* A header's finding comes from every file including it. */
		if (strset_add(seen, key))
			cJSON_AddItemToArray(findings, it);
		else
			cJSON_Delete(it);
		free(key);
	}
}

/* Read what W has sent; returns -1 when the worker is gone. */
static int drain(struct worker *w, struct file_list *fl, cJSON *findings,
		 struct strset *seen, size_t *done, const struct scan_opts *o,
		 char **keys)
{
	char buf[65536];
	ssize_t r = read(w->from, buf, sizeof(buf));
	uint32_t len;

	if (r < 0 && errno == EINTR)
		return 0;
	if (r <= 0)
		return -1;
	sb_add(&w->in, buf, (size_t)r);
	while (w->in.len >= sizeof(len)) {
		cJSON *res;

		memcpy(&len, w->in.buf, sizeof(len));
		if (w->in.len < sizeof(len) + len)
			break;
		res = cJSON_ParseWithLength(w->in.buf + sizeof(len), len);
		if (cJSON_IsTrue(cJSON_GetObjectItem(res, "retire")))
			w->retiring = true;
		if (res && w->file >= 0 && keys && keys[w->file])
			cache_put(o->cache, keys[w->file], res, o->started);
		if (res && w->file >= 0)
			take_result(&fl->f[w->file], res, findings, seen);
		else if (w->file >= 0)
			set_state(&fl->f[w->file], FILE_FAILED,
				  xstrdup("the worker sent a garbled result"));
		cJSON_Delete(res);
		memmove(w->in.buf, w->in.buf + sizeof(len) + len,
			w->in.len - sizeof(len) - len);
		w->in.len -= sizeof(len) + len;
		w->file = -1;
		(*done)++;
	}
	return 0;
}

static long next_file(struct file_list *fl, size_t *cursor)
{
	while (*cursor < fl->n) {
		size_t i = (*cursor)++;

		if (fl->f[i].state == FILE_CANDIDATE)
			return (long)i;
	}
	return -1;
}

/* On a terminal: files done, findings so far and the time left. */
static void progress(const struct scan_opts *o, size_t done, size_t total,
		     const cJSON *findings, double began)
{
	double spent = now_seconds() - began;
	const cJSON *f;
	int n = 0;

	if (!o->progress)
		return;
	/* facts and answers ride along in finding-less items */
	cJSON_ArrayForEach(f, findings)
		n += cJSON_HasObjectItem(f, "rule");
	fprintf(stderr, "\rgupcheck: %zu/%zu files, %d findings", done,
		total, n);
	if (done && done < total)
		fprintf(stderr, ", about %.0f s left ",
			spent / (double)done * (double)(total - done));
	else
		fputs("                ", stderr);
	if (done == total)
		fputc('\n', stderr);
}

/*
 * With a cache, the files whose results it holds are taken from it, and
 * KEYS gets the key of each of the others, to keep what their parse finds.
 */
static void from_cache(struct engine *e, const struct flags_ctx *fc,
		       struct file_list *fl, const struct scan_opts *o,
		       cJSON *findings, struct strset *seen, char **keys)
{
	size_t i;

	e->want_inputs = true;
	cache_engine(o->cache, e);
	for (i = 0; i < fl->n; i++) {
		struct strvec args = { 0 };
		char *how = NULL;
		cJSON *res;

		if (fl->f[i].state != FILE_CANDIDATE)
			continue;
		/* spatch is given the file alone */
		if (!e->cocci)
			flags_for_file(fc, fl->f[i].path, &args, &how);
		keys[i] = cache_key(o->cache, fl->f[i].path, &args, how);
		strvec_free(&args);
		free(how);
		res = keys[i] ? cache_get(o->cache, keys[i]) : NULL;
		if (res) {
			take_result(&fl->f[i], res, findings, seen);
			cJSON_Delete(res);
			free(keys[i]);
			keys[i] = NULL;
		}
	}
}

void workers_run(struct engine *e, const struct flags_ctx *fc,
		 struct file_list *fl, const struct scan_opts *o,
		 cJSON *findings)
{
	size_t i, total = 0, done = 0, cursor = 0;
	struct strset seen = { 0 };
	char **keys = NULL;
	struct worker *w;
	int n, live = 0;
	double began;

	if (o->cache && o->cache->dir) {
		keys = xcalloc(fl->n + 1, sizeof(*keys));
		from_cache(e, fc, fl, o, findings, &seen, keys);
	}
	for (i = 0; i < fl->n; i++)
		if (fl->f[i].state == FILE_CANDIDATE)
			total++;
	if (!total) {
		free(keys);
		strset_free(&seen);
		return;
	}
	began = now_seconds();
	n = o->jobs < 1 ? 1 : o->jobs;
	if ((size_t)n > total)
		n = (int)total;
	signal(SIGPIPE, SIG_IGN);
	w = xcalloc((size_t)n, sizeof(*w));
	for (;;) {
		struct pollfd *pfd = xcalloc((size_t)n, sizeof(*pfd));
		double now = now_seconds();
		int k;

		live = 0;
		for (k = 0; k < n; k++)
			pfd[k].fd = -1;
		for (k = 0; k < n; k++) {
			/* a worker near its memory limit gives way */
			if (w[k].pid && w[k].file < 0 && w[k].retiring)
				reap(&w[k], fl, NULL);
			if (w[k].pid == 0 && cursor < fl->n) {
				long f = next_file(fl, &cursor);

				if (f < 0)
					continue;
				spawn(&w[k], w, n, e, fc, fl, o);
				w[k].file = f;
			} else if (w[k].pid && w[k].file < 0) {
				long f = next_file(fl, &cursor);

				if (f < 0) {
					reap(&w[k], fl, NULL);
					continue;
				}
				w[k].file = f;
			} else if (w[k].pid == 0) {
				continue;
			}
			if (w[k].file >= 0 && !w[k].started) {
				uint32_t idx = (uint32_t)w[k].file;

				w[k].started = now;
				if (write_all(w[k].to, &idx, sizeof(idx)))
					reap(&w[k], fl, NULL);
			}
			pfd[k].fd = w[k].pid ? w[k].from : -1;
			pfd[k].events = POLLIN;
			live += w[k].pid != 0;
		}
		if (!live) {
			free(pfd);
			break;
		}
		poll(pfd, (nfds_t)n, 500);
		now = now_seconds();
		for (k = 0; k < n; k++) {
			if (!w[k].pid)
				continue;
			if (pfd[k].revents & (POLLIN | POLLHUP | POLLERR)) {
				if (drain(&w[k], fl, findings, &seen,
					  &done, o, keys) < 0) {
					reap(&w[k], fl, NULL);
					done++;
				} else if (w[k].file < 0) {
					w[k].started = 0;
				}
				progress(o, done, total, findings, began);
			} else if (w[k].file >= 0 &&
				   now - w[k].started > o->file_timeout) {
				kill(w[k].pid, SIGKILL);
				reap(&w[k], fl,
				     xasprintf("timed out after %.0f s",
					       o->file_timeout));
				done++;
			}
			if (!w[k].pid)
				w[k].started = 0;
		}
		free(pfd);
	}
	for (i = 0; i < (size_t)n; i++)
		free(w[i].in.buf);
	free(w);
	strset_free(&seen);
	for (i = 0; keys && i < fl->n; i++)
		free(keys[i]);
	free(keys);
}
