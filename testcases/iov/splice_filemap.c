/* ->read_iter is generic_file_read_iter(): filemap_splice_read(). */
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

const struct file_operations simplefs_file_operations = {
	.read_iter	= generic_file_read_iter,
	.splice_read	= generic_file_splice_read,
};

/*
 * check-name: generic_file_read_iter means filemap_splice_read
 * check-exit-value: 1
 *
 * check-output-start
splice_filemap.c:23:17: warning: generic_file_splice_read() is used, removed in Linux 6.5; use filemap_splice_read(): ->read_iter is generic_file_read_iter(), which reads through the page cache [iov/splice-read]
 * check-output-end
 *
 * check-patch-start
diff --git a/splice_filemap.c b/splice_filemap.c
--- a/splice_filemap.c
+++ b/splice_filemap.c
@@ -20,7 +20,7 @@
 
 const struct file_operations simplefs_file_operations = {
 	.read_iter	= generic_file_read_iter,
-	.splice_read	= generic_file_splice_read,
+	.splice_read	= filemap_splice_read,
 };
 
 /*
 * check-patch-end
 */
