/*
 * A character device whose ->read_iter makes its data up, as
 * drivers/char/random.c does: copy_splice_read().
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
size_t copy_to_iter(const void *addr, size_t bytes, struct iov_iter *i);

static ssize_t zero_read_iter(struct kiocb *iocb, struct iov_iter *to)
{
	static const char zeros[64];

	return copy_to_iter(zeros, sizeof(zeros), to);
}

const struct file_operations zero_fops = {
	.read_iter	= zero_read_iter,
	.splice_read	= generic_file_splice_read,
};

/*
 * check-name: a ->read_iter that does not read the page cache means copy_splice_read
 * check-exit-value: 1
 *
 * check-output-start
splice_copy.c:33:17: warning: generic_file_splice_read() is used, removed in Linux 6.5; use copy_splice_read(): ->read_iter is zero_read_iter(), which does not read through the page cache [iov/splice-read]
 * check-output-end
 *
 * check-patch-start
diff --git a/splice_copy.c b/splice_copy.c
--- a/splice_copy.c
+++ b/splice_copy.c
@@ -30,7 +30,7 @@
 
 const struct file_operations zero_fops = {
 	.read_iter	= zero_read_iter,
-	.splice_read	= generic_file_splice_read,
+	.splice_read	= copy_splice_read,
 };
 
 /*
 * check-patch-end
 */
