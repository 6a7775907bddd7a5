/* Part of elsewhere/fops.c's testcase: the ->read_iter it names. */
struct kiocb;
struct iov_iter;
typedef long ssize_t;

ssize_t generic_file_read_iter(struct kiocb *iocb, struct iov_iter *iter);
int netfs_revalidate(struct kiocb *iocb);

ssize_t netfs_read_iter(struct kiocb *iocb, struct iov_iter *iter)
{
	int err = netfs_revalidate(iocb);

	return err ? err : generic_file_read_iter(iocb, iter);
}
