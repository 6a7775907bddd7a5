/*
 * A filesystem whose ->read_iter locks before generic_file_read_iter(),
 * and whose own ->splice_read calls generic_file_splice_read(): the call
 * becomes filemap_splice_read(), and the message points at the locking.
 */
struct file;
struct kiocb;
struct iov_iter;
struct pipe_inode_info;
typedef long ssize_t;
typedef long long loff_t;
typedef unsigned long size_t;

struct file_operations {
	ssize_t (*read_iter)(struct kiocb *, struct iov_iter *);
	ssize_t (*splice_read)(struct file *, loff_t *,
			       struct pipe_inode_info *, size_t, unsigned int);
};

ssize_t generic_file_read_iter(struct kiocb *iocb, struct iov_iter *iter);
ssize_t generic_file_splice_read(struct file *in, loff_t *ppos,
				 struct pipe_inode_info *pipe, size_t len,
				 unsigned int flags);
void myfs_lock(void);
void myfs_unlock(void);

static ssize_t myfs_read_iter(struct kiocb *iocb, struct iov_iter *to)
{
	ssize_t ret;

	myfs_lock();
	ret = generic_file_read_iter(iocb, to);
	myfs_unlock();
	return ret;
}

static ssize_t myfs_splice_read(struct file *in, loff_t *ppos,
				struct pipe_inode_info *pipe, size_t len,
				unsigned int flags)
{
	return generic_file_splice_read(in, ppos, pipe, len, flags);
}

const struct file_operations myfs_file_operations = {
	.read_iter	= myfs_read_iter,
	.splice_read	= myfs_splice_read,
};

/*
 * check-name: a direct call in a filesystem's own splice_read, locking read_iter
 * check-exit-value: 1
 *
 * check-output-start
splice_wrapper_call.c:41:9: warning: generic_file_splice_read() is used, removed in Linux 6.5; use filemap_splice_read(): ->read_iter is myfs_read_iter(), which reads through the page cache by way of generic_file_read_iter(); if myfs_read_iter() takes locks or revalidates first, a wrapper that does the same before filemap_splice_read() may be needed, as ext4 and xfs have [iov/splice-read]
 * check-output-end
 *
 * check-patch-start
diff --git a/splice_wrapper_call.c b/splice_wrapper_call.c
--- a/splice_wrapper_call.c
+++ b/splice_wrapper_call.c
@@ -38,7 +38,7 @@
 				struct pipe_inode_info *pipe, size_t len,
 				unsigned int flags)
 {
-	return generic_file_splice_read(in, ppos, pipe, len, flags);
+	return filemap_splice_read(in, ppos, pipe, len, flags);
 }
 
 const struct file_operations myfs_file_operations = {
 * check-patch-end
 */
