// SPDX-License-Identifier: GPL-2.0
/*
 * Outputs are written next to their destination under a temporary name,
 * flushed, and renamed into place: a reader sees the old file or the
 * whole new one, never a part.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "gupcheck.h"

/* mkstemp() makes 0600 files; give the output the usual 0666 & ~umask. */
static int fchmod_default(const char *path)
{
	mode_t mask = umask(0);

	umask(mask);
	return chmod(path, 0666 & ~mask);
}

int write_file_atomic(const char *path, const char *data, size_t len)
{
	char *dir = path_dirname(path);
	char *tmp = xasprintf("%s/.%s.XXXXXX", dir, path_basename(path));
	int fd = mkstemp(tmp), err = 0;
	size_t off = 0;

	free(dir);
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
	if (!err && fchmod_default(tmp) < 0)
		err = errno;
	if (!err && rename(tmp, path) < 0)
		err = errno;
	if (err) {
		warn("%s: cannot write: %s", path, strerror(err));
		unlink(tmp);
		free(tmp);
		return -1;
	}
	free(tmp);
	return 0;
}
