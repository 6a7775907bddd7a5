// SPDX-License-Identifier: GPL-2.0-only
/// The vmas parameter of get_user_pages(), pin_user_pages(),
/// get_user_pages_remote() and pin_user_pages_remote() was removed in
/// Linux 6.5.  A NULL vmas argument is dropped; a caller that uses the VMAs
/// looks them up with vma_lookup() under mmap_lock after the call, or uses
/// get_user_page_vma_remote() for a single page.
///
// Confidence: High
//# Matches by argument count, so run it on trees that still have the
//# old declarations (before 6.5); the six-argument get_user_pages_remote()
//# of 6.5 and later has no vmas and is not matched.
// Comments: gupcheck rule gup/vmas-param
// Options: --no-includes --include-headers

virtual patch
virtual context
virtual org
virtual report
virtual gupcheck

@depends on patch@
expression E1, E2, E3, E4, E5, E6;
@@
(
 get_user_pages(E1, E2, E3, E4,
-	NULL
 )
|
 pin_user_pages(E1, E2, E3, E4,
-	NULL
 )
|
 get_user_pages_remote(E1, E2, E3, E4, E5,
-	NULL,
 E6)
|
 pin_user_pages_remote(E1, E2, E3, E4, E5,
-	NULL,
 E6)
)

@depends on context@
expression E1, E2, E3, E4, E5, E6, V;
@@
(
* get_user_pages(E1, E2, E3, E4, V)
|
* pin_user_pages(E1, E2, E3, E4, V)
|
* get_user_pages_remote(E1, E2, E3, E4, E5, V, E6)
|
* pin_user_pages_remote(E1, E2, E3, E4, E5, V, E6)
)

@r depends on org || report || gupcheck@
expression E1, E2, E3, E4, E5, E6, V;
position p;
@@
(
 get_user_pages@p(E1, E2, E3, E4, V)
|
 pin_user_pages@p(E1, E2, E3, E4, V)
|
 get_user_pages_remote@p(E1, E2, E3, E4, E5, V, E6)
|
 pin_user_pages_remote@p(E1, E2, E3, E4, E5, V, E6)
)

@script:python depends on org@
p << r.p;
v << r.V;
@@
coccilib.org.print_todo(p[0], "vmas argument %s: removed in Linux 6.5" % v)

@script:python depends on report@
p << r.p;
v << r.V;
@@
msg = "vmas argument %s passed; Linux 6.5 removed the parameter" % v
coccilib.report.print_report(p[0], msg)

@script:python depends on gupcheck@
p << r.p;
v << r.V;
@@
import json
print(json.dumps({"rule": "gup/vmas-param", "file": p[0].file,
                  "line": int(p[0].line), "column": int(p[0].column) + 1,
                  "function": p[0].current_element,
                  "null": v in ("NULL", "0", "(void *)0"),
                  "message": "vmas argument %s passed; Linux 6.5 removed the parameter" % v}))
