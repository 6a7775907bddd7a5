/*
 * ITER_PIPE and its API in the 6.1 shape: every use is reported, with
 * guidance and no patch.  A 'head' field of another struct is not.
 */
struct pipe_inode_info;
enum iter_type { ITER_IOVEC, ITER_KVEC, ITER_BVEC, ITER_PIPE, ITER_XARRAY };
struct iov_iter {
	unsigned char iter_type;
	union {
		unsigned long iov_offset;
		int last_offset;
	};
	union {
		const void *kvec;
		struct pipe_inode_info *pipe;
	};
	union {
		unsigned long nr_segs;
		struct {
			unsigned int head;
			unsigned int start_head;
		};
	};
};
struct ring { unsigned int head; };

void iov_iter_pipe(struct iov_iter *i, unsigned int direction,
		   struct pipe_inode_info *pipe, unsigned long count);

static inline int iov_iter_is_pipe(const struct iov_iter *i)
{
	return i->iter_type == ITER_PIPE;
}

unsigned int fill(struct iov_iter *to, struct pipe_inode_info *pipe,
		  struct ring *r)
{
	iov_iter_pipe(to, 0, pipe, 4096);
	if (iov_iter_is_pipe(to))
		return to->head - to->start_head + (to->pipe != 0);
	return r->head;
}

/*
 * check-name: every ITER_PIPE token and iov_iter pipe field is reported
 * check-exit-value: 1
 *
 * check-output-start
iter_pipe.c:32:25: warning: ITER_PIPE is used; Linux 6.5 removed it: a pipe-backed iov_iter has no successor: splice reads now fill pipe buffers themselves, through filemap_splice_read() for page-cache data or copy_splice_read() (bulk-allocate pages, read into them with ->read_iter, push them into the pipe); a caller that built an ITER_PIPE iterator needs redesigning around one of those [iov/iter-pipe]
iter_pipe.c:38:2: warning: iov_iter_pipe() is used; Linux 6.5 removed it: a pipe-backed iov_iter has no successor: splice reads now fill pipe buffers themselves, through filemap_splice_read() for page-cache data or copy_splice_read() (bulk-allocate pages, read into them with ->read_iter, push them into the pipe); a caller that built an ITER_PIPE iterator needs redesigning around one of those [iov/iter-pipe]
iter_pipe.c:39:6: warning: iov_iter_is_pipe() is used; Linux 6.5 removed it: no iov_iter can be pipe-backed any more: the test is always false and the branch it guards can go [iov/iter-pipe]
iter_pipe.c:40:14: warning: struct iov_iter's 'head' field is used; Linux 6.5 removed it: struct iov_iter's 'head' field (the pipe slot an ITER_PIPE iterator writes next) went with ITER_PIPE [iov/iter-pipe]
iter_pipe.c:40:25: warning: struct iov_iter's 'start_head' field is used; Linux 6.5 removed it: struct iov_iter's 'start_head' field (the pipe slot an ITER_PIPE iterator started at) went with ITER_PIPE [iov/iter-pipe]
iter_pipe.c:40:43: warning: struct iov_iter's 'pipe' field is used; Linux 6.5 removed it: struct iov_iter's 'pipe' field (the pipe an ITER_PIPE iterator fills) went with ITER_PIPE [iov/iter-pipe]
 * check-output-end
 *
 * check-json: summary.fixable = 0
 * check-json: findings.0.no_fix_reason = "converting ITER_PIPE code is a redesign, not a rename"
 */
