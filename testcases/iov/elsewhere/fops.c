/*
 * ->read_iter is defined in another file of the filesystem, read.c.  The
 * question whether it reads through the page cache is settled by parsing
 * read.c after the scan: it does, so filemap_splice_read().
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

ssize_t generic_file_splice_read(struct file *in, loff_t *ppos,
				 struct pipe_inode_info *pipe, size_t len,
				 unsigned int flags);
ssize_t netfs_read_iter(struct kiocb *iocb, struct iov_iter *iter);

const struct file_operations netfs_file_operations = {
	.read_iter	= netfs_read_iter,
	.splice_read	= generic_file_splice_read,
};

/*
 * check-name: a ->read_iter in another file is looked up there
 * check-command: scan --external --tree . .
 * check-exit-value: 1
 *
 * check-output-start
fops.c:27:17: warning: generic_file_splice_read() is used, removed in Linux 6.5; use filemap_splice_read(): ->read_iter is netfs_read_iter(), defined in another file, which reads through the page cache (it calls generic_file_read_iter()) [iov/splice-read]
 * check-output-end
 *
 * check-patch-start
diff --git a/fops.c b/fops.c
--- a/fops.c
+++ b/fops.c
@@ -24,7 +24,7 @@
 
 const struct file_operations netfs_file_operations = {
 	.read_iter	= netfs_read_iter,
-	.splice_read	= generic_file_splice_read,
+	.splice_read	= filemap_splice_read,
 };
 
 /*
 * check-patch-end
 */
