// SPDX-License-Identifier: GPL-2.0-only
/// ITER_PIPE, iov_iter_pipe(), iov_iter_is_pipe() and the pipe fields of
/// struct iov_iter were removed in Linux 6.5 with the pipe-backed
/// iov_iter.  Splice reads go through filemap_splice_read() and
/// copy_splice_read() now; code using the old API needs redesigning, so
/// there is no patch mode.
///
// Confidence: High
//# Fields are matched only where the iterator's type is known to be
//# struct iov_iter from the file itself (a parameter or local).  The
//# static ITER_PIPE helpers of lib/iov_iter.c are left to gupcheck's
//# libclang engine: scoping a rule to that file hangs spatch's parallel
//# mode under coccicheck.
// Comments: gupcheck rule iov/iter-pipe
// Options: --no-includes --include-headers

virtual patch
virtual context
virtual org
virtual report
virtual gupcheck

@depends on context@
symbol ITER_PIPE;
struct iov_iter *i;
struct iov_iter it;
identifier f = {pipe, head, start_head, last_offset};
@@
(
* ITER_PIPE
|
* iov_iter_pipe(...)
|
* iov_iter_is_pipe(...)
|
* i->f
|
* it.f
)

@r depends on org || report || gupcheck@
symbol ITER_PIPE;
struct iov_iter *i;
struct iov_iter it;
identifier f = {pipe, head, start_head, last_offset};
position p;
@@
(
 ITER_PIPE@p
|
 iov_iter_pipe@p(...)
|
 iov_iter_is_pipe@p(...)
|
 i->f@p
|
 it.f@p
)

@script:python depends on org@
p << r.p;
@@
coccilib.org.print_todo(p[0], "ITER_PIPE API removed in Linux 6.5")

@script:python depends on report@
p << r.p;
@@
coccilib.report.print_report(p[0], "ITER_PIPE API removed in Linux 6.5: redesign around filemap_splice_read() or copy_splice_read()")

@script:python depends on gupcheck@
p << r.p;
@@
import json
print(json.dumps({"rule": "iov/iter-pipe", "file": p[0].file,
                  "line": int(p[0].line), "column": int(p[0].column) + 1,
                  "function": p[0].current_element,
                  "message": "ITER_PIPE API removed in Linux 6.5"}))
