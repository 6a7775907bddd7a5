/*
 * Out-of-tree compat code keeps the old API in the branch the build does
 * not take.  Both remnants are reported as such; the first is patched
 * because its ->read_iter is generic_file_read_iter(), the second is not
 * because only tokens are known and its ->read_iter is the module's own.
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
ssize_t filemap_splice_read(struct file *in, loff_t *ppos,
			    struct pipe_inode_info *pipe, size_t len,
			    unsigned int flags);
ssize_t mod_read_iter(struct kiocb *iocb, struct iov_iter *iter);

#define HAVE_FILEMAP_SPLICE_READ 1

const struct file_operations mod_fops = {
	.read_iter	= generic_file_read_iter,
#ifdef HAVE_FILEMAP_SPLICE_READ
	.splice_read	= filemap_splice_read,
#else
	.splice_read	= generic_file_splice_read,
#endif
};

const struct file_operations mod_other_fops = {
	.read_iter	= mod_read_iter,
#ifdef HAVE_FILEMAP_SPLICE_READ
	.splice_read	= filemap_splice_read,
#else
	.splice_read	= generic_file_splice_read,
#endif
};

/*
 * check-name: remnants in #else compat branches are reported, marked as skipped
 * check-exit-value: 1
 *
 * check-output-start
compat_skipped.c:34:17: warning: generic_file_splice_read() is used (in a preprocessor branch this configuration skips); Linux 6.5: use filemap_splice_read() [iov/splice-read]
compat_skipped.c:43:17: warning: generic_file_splice_read() is used (in a preprocessor branch this configuration skips), removed in Linux 6.5; use filemap_splice_read() when the file's data comes through the page cache, copy_splice_read() when it does not [iov/splice-read]
 * check-output-end
 *
 * check-patch-start
diff --git a/compat_skipped.c b/compat_skipped.c
--- a/compat_skipped.c
+++ b/compat_skipped.c
@@ -31,7 +31,7 @@
 #ifdef HAVE_FILEMAP_SPLICE_READ
 	.splice_read	= filemap_splice_read,
 #else
-	.splice_read	= generic_file_splice_read,
+	.splice_read	= filemap_splice_read,
 #endif
 };
 
 * check-patch-end
 *
 * check-json: findings.0.seen = "skipped-branch"
 * check-json: findings.1.seen = "skipped-branch"
 * check-json: summary.fixable = 1
 */
