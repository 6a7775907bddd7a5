// SPDX-License-Identifier: GPL-2.0
#include <linux/mm.h>
#include <linux/uio.h>

static long pin_range(unsigned long start, struct page **pages,
		      struct vm_area_struct **vmas)
{
	/*
	 * gupcheck: ignore gup/vmas-param, gup/pin-put-mismatch -- the
	 * 6.1 stable backport keeps the vmas array; the pages go back
	 * through release_pages() in pin_done(), reviewed in 2024
	 */
	return pin_user_pages(start, 1, FOLL_WRITE | FOLL_LONGTERM, pages,
			      vmas);
}

static ssize_t pipe_read(struct file *in, loff_t *ppos,
			 struct pipe_inode_info *pipe, size_t len,
			 unsigned int flags)
{
	struct iov_iter to;

	iov_iter_pipe(&to, ITER_DEST, pipe, len); // gupcheck: ignore iov/iter-pipe -- out of tree, 5.15 only
	return generic_file_splice_read(in, ppos, pipe, len, flags); /* gupcheck:ignore iov/splice-read--kept */
}

static const char msg[] = "/* gupcheck: ignore gup/vmas-param -- not a comment */";
static const char quote = '"'; /* gupcheck: ignore gup/vmas-param */
static const char *esc = "\" /* gupcheck: ignore in a string \"";

/* gupcheck: ignored gup/vmas-param -- not the keyword */
/* gupcheck: ignore -- a reason and no rule */
/* gupcheck: ignore gup/vmas-param -- */
/* gupcheck: ignore gup/vmas-param -- unterminated
