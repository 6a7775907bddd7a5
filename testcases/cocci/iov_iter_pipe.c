/* Input of cocci/iov_iter_pipe.cocci: report only, so .res is the same. */
size_t fill(struct iov_iter *to, struct pipe_inode_info *pipe,
	    struct ring *r)
{
	iov_iter_pipe(to, ITER_DEST, pipe, 4096);
	if (iov_iter_is_pipe(to))
		return to->head - to->start_head;
	return r->head;
}
