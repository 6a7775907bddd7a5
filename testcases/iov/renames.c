/* direct_splice_read() and do_splice_to() are renames: patched. */
struct file;
struct pipe_inode_info;
typedef long ssize_t;
typedef long long loff_t;
typedef unsigned long size_t;

ssize_t direct_splice_read(struct file *in, loff_t *ppos,
			   struct pipe_inode_info *pipe, size_t len,
			   unsigned int flags);
long do_splice_to(struct file *in, loff_t *ppos,
		  struct pipe_inode_info *pipe, size_t len,
		  unsigned int flags);

long read_both(struct file *in, loff_t *pos, struct pipe_inode_info *p)
{
	long a = direct_splice_read(in, pos, p, 4096, 0);

	return a < 0 ? a : do_splice_to(in, pos, p, 4096, 0);
}

/*
 * check-name: direct_splice_read and do_splice_to are renamed
 * check-exit-value: 1
 *
 * check-output-start
renames.c:17:11: warning: direct_splice_read() is used; Linux 6.5: 6.5 renamed it copy_splice_read(), with the same arguments [iov/splice-read]
renames.c:19:21: warning: do_splice_to() is used; Linux 6.5: 6.5 made it the exported vfs_splice_read(), with the same arguments [iov/splice-read]
 * check-output-end
 *
 * check-patch-start
diff --git a/renames.c b/renames.c
--- a/renames.c
+++ b/renames.c
@@ -14,9 +14,9 @@
 
 long read_both(struct file *in, loff_t *pos, struct pipe_inode_info *p)
 {
-	long a = direct_splice_read(in, pos, p, 4096, 0);
+	long a = copy_splice_read(in, pos, p, 4096, 0);
 
-	return a < 0 ? a : do_splice_to(in, pos, p, 4096, 0);
+	return a < 0 ? a : vfs_splice_read(in, pos, p, 4096, 0);
 }
 
 /*
 * check-patch-end
 */
