// SPDX-License-Identifier: GPL-2.0
/*
 * Outputs are written next to their destination under a temporary name,
 * flushed, and renamed into place: a reader sees the old file or the
 * whole new one, never a part.
 */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "gupcheck.h"

/* The temporary file being written, for a signal to remove. */
static char *volatile live_tmp;

static void on_signal(int sig)
{
	char *tmp = live_tmp;

	if (tmp)
		unlink(tmp);
	signal(sig, SIG_DFL);
	raise(sig);
}

/*
 * An interrupted scan leaves nothing behind: no output (they are written
 * last) and no temporary file.  Workers die with the parent (worker.c).
 */
void outfile_guard_signals(void)
{
	static const int sigs[] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT };
	size_t i;

	for (i = 0; i < ARRAY_SIZE(sigs); i++)
		signal(sigs[i], on_signal);
}

/* mkstemp() makes 0600 files; give the output the usual 0666 & ~umask. */
int chmod_default(const char *path)
{
	mode_t mask = umask(0);

	umask(mask);
	return chmod(path, 0666 & ~mask);
}

/*
 * The temporary file TMP (a mkstemp() template) of an output, or of what
 * another writer fills (the summary index, which SQLite writes): made
 * and noted with no signal between, so that a signal removes it.
 * Returns mkstemp()'s descriptor.
 */
int outfile_tmp_open(char *tmp)
{
	sigset_t block, old;
	int fd;

	sigfillset(&block);
	sigprocmask(SIG_BLOCK, &block, &old);
	fd = mkstemp(tmp);
	if (fd >= 0)
		live_tmp = tmp;
	sigprocmask(SIG_SETMASK, &old, NULL);
	return fd;
}

/* Rename TMP to PATH (KEEP) or remove it; -1 with errno if rename fails. */
int outfile_tmp_close(const char *tmp, const char *path, bool keep)
{
	sigset_t block, old;
	int err = 0;

	sigfillset(&block);
	sigprocmask(SIG_BLOCK, &block, &old);
	if (keep && (chmod_default(tmp) || rename(tmp, path)))
		err = errno;
	if (!keep || err)
		unlink(tmp);
	live_tmp = NULL;
	sigprocmask(SIG_SETMASK, &old, NULL);
	errno = err;
	return err ? -1 : 0;
}

int write_file_atomic(const char *path, const char *data, size_t len)
{
	char *dir = path_dirname(path);
	char *tmp = xasprintf("%s/.%s.XXXXXX", dir, path_basename(path));
	int fd, err = 0;
	size_t off = 0;

	free(dir);
	fd = outfile_tmp_open(tmp);
	if (fd < 0) {
		warn("%s: cannot write: %s", path, strerror(errno));
		free(tmp);
		return -1;
	}
	while (off < len) {
		ssize_t w = write(fd, data + off, len - off);

		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0) {
			err = errno;
			break;
		}
		off += (size_t)w;
	}
	if (!err && fsync(fd) < 0)
		err = errno;
	if (close(fd) < 0 && !err)
		err = errno;
	if (outfile_tmp_close(tmp, path, !err) && !err)
		err = errno;
	if (err) {
		warn("%s: cannot write: %s", path, strerror(err));
		free(tmp);
		return -1;
	}
	free(tmp);
	return 0;
}
