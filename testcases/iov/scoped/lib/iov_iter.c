/*
 * A static ITER_PIPE helper of lib/iov_iter.c is reported there; a helper
 * of the same name in another file (drivers/other.c) is not.
 */
struct iov_iter { int type; };

static int sanity(const struct iov_iter *i)
{
	return i->type == 3;
}

int check(const struct iov_iter *i)
{
	return sanity(i);
}

/*
 * check-name: static ITER_PIPE helpers count only in lib/iov_iter.c
 * check-command: scan --external --tree .. --rules iov/ ../lib/iov_iter.c ../drivers/other.c
 * check-exit-value: 1
 *
 * check-output-start
lib/iov_iter.c:14:9: warning: sanity() is used; Linux 6.5 removed it: a static ITER_PIPE helper of lib/iov_iter.c; it went with ITER_PIPE, and the code around it is the pipe-backed iov_iter implementation that 6.5 removed [iov/iter-pipe]
 * check-output-end
 *
 * check-json: coverage.candidates = 2
 */
