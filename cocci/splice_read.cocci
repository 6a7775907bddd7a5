// SPDX-License-Identifier: GPL-2.0-only
/// Linux 6.5 removed generic_file_splice_read() and renamed
/// direct_splice_read() to copy_splice_read() and do_splice_to() to
/// vfs_splice_read().  A file_operations whose ->read_iter is
/// generic_file_read_iter() reads through the page cache and gets
/// filemap_splice_read(); other uses are reported, to be decided by
/// whether ->read_iter reads through the page cache (filemap_splice_read())
/// or not (copy_splice_read()).
///
// Confidence: High
//# The patch for generic_file_splice_read only covers the certain case;
//# gupcheck's libclang engine also follows ->read_iter into other files.
// Comments: gupcheck rule iov/splice-read
// Options: --no-includes --include-headers

virtual patch
virtual context
virtual org
virtual report
virtual gupcheck

@depends on patch@
symbol direct_splice_read, do_splice_to;
@@
(
- direct_splice_read
+ copy_splice_read
|
- do_splice_to
+ vfs_splice_read
)

@depends on patch@
identifier fops;
symbol generic_file_splice_read, generic_file_read_iter;
@@
struct file_operations fops = {
	...,
	.read_iter = generic_file_read_iter,
	...,
	.splice_read =
-		generic_file_splice_read
+		filemap_splice_read
	,...
};

@depends on context@
symbol generic_file_splice_read, direct_splice_read, do_splice_to;
@@
(
* generic_file_splice_read
|
* direct_splice_read
|
* do_splice_to
)

@r depends on org || report || gupcheck@
symbol generic_file_splice_read, direct_splice_read, do_splice_to;
position p;
@@
(
 generic_file_splice_read@p
|
 direct_splice_read@p
|
 do_splice_to@p
)

@script:python depends on org@
p << r.p;
@@
coccilib.org.print_todo(p[0], "splice API removed or renamed in Linux 6.5")

@script:python depends on report@
p << r.p;
@@
coccilib.report.print_report(p[0], "removed or renamed in Linux 6.5: use filemap_splice_read(), copy_splice_read() or vfs_splice_read()")

@script:python depends on gupcheck@
p << r.p;
@@
import json
print(json.dumps({"rule": "iov/splice-read", "file": p[0].file,
                  "line": int(p[0].line), "column": int(p[0].column) + 1,
                  "function": p[0].current_element,
                  "message": "splice API removed or renamed in Linux 6.5"}))
