// SPDX-License-Identifier: GPL-2.0-only
/// Pages got with get_user_pages*() or iov_iter_get_pages2() hold
/// ordinary references (FOLL_GET) and are released with put_page() or
/// release_pages(), not unpin_user_page() or unpin_user_pages(), which drop
/// a pin that was never taken.  Within one function, in the manner of
/// kfree_mismatch.cocci; gupcheck's libclang engine also follows the pages
/// through struct fields, scatterlists and wrappers.
///
// Confidence: Moderate
//# Releases after a test of how the pages were obtained (a pinned flag,
//# iov_iter_extract_will_pin()) are not matched when that test also leads
//# to the right release; pages that also got an ordinary reference
//# (get_page()) are not matched.
// Comments: gupcheck rule gup/get-unpin-mismatch
// Options: --no-includes --include-headers

virtual patch
virtual context
virtual org
virtual report
virtual gupcheck

@depends on patch exists@
expression E, E1, E2, E3, E4, E5, E6, I, N, X;
@@
(
 get_user_pages_fast(E1, E2, E3, E)
|
 get_user_pages(E1, E2, E3, E)
|
 get_user_pages(E1, E2, E3, E, E4)
|
 get_user_pages_unlocked(E1, E2, E, E3)
|
 get_user_pages_remote(E1, E2, E3, E4, E, E5)
|
 get_user_pages_remote(E1, E2, E3, E4, E, E5, E6)
|
 iov_iter_get_pages2(E1, E, E2, E3, E4)
)
 ...
     when != E = X
     when != get_page(...)
     when != put_page(...)
     when != release_pages(...)
     when any
(
- unpin_user_page(E[I])
+ put_page(E[I])
|
- unpin_user_page(*E)
+ put_page(*E)
|
- unpin_user_pages(E, N)
+ release_pages(E, N)
)

@depends on patch exists@
expression P, E1, E2, E3, E4, E5, E6, X;
@@
(
 get_user_pages_fast(E1, E2, E3, &P)
|
 get_user_pages(E1, E2, E3, &P)
|
 get_user_pages(E1, E2, E3, &P, E4)
|
 get_user_pages_unlocked(E1, E2, &P, E3)
|
 get_user_pages_remote(E1, E2, E3, E4, &P, E5)
|
 get_user_pages_remote(E1, E2, E3, E4, &P, E5, E6)
)
 ...
     when != P = X
     when != get_page(...)
     when != put_page(...)
     when != release_pages(...)
     when any
- unpin_user_page(P)
+ put_page(P)

@depends on context exists@
expression E, E1, E2, E3, E4, E5, E6, I, N, X;
@@
(
 get_user_pages_fast(E1, E2, E3, E)
|
 get_user_pages(E1, E2, E3, E)
|
 get_user_pages(E1, E2, E3, E, E4)
|
 get_user_pages_unlocked(E1, E2, E, E3)
|
 get_user_pages_remote(E1, E2, E3, E4, E, E5)
|
 get_user_pages_remote(E1, E2, E3, E4, E, E5, E6)
|
 iov_iter_get_pages2(E1, E, E2, E3, E4)
)
 ...
     when != E = X
     when != get_page(...)
     when != put_page(...)
     when != release_pages(...)
     when any
(
* unpin_user_page(E[I])
|
* unpin_user_page(*E)
|
* unpin_user_pages(E, N)
)

@r depends on org || report || gupcheck exists@
expression E, E1, E2, E3, E4, E5, E6, I, N, X;
position p;
identifier rel = {unpin_user_page, unpin_user_pages};
@@
(
 get_user_pages_fast(E1, E2, E3, E)
|
 get_user_pages(E1, E2, E3, E)
|
 get_user_pages(E1, E2, E3, E, E4)
|
 get_user_pages_unlocked(E1, E2, E, E3)
|
 get_user_pages_remote(E1, E2, E3, E4, E, E5)
|
 get_user_pages_remote(E1, E2, E3, E4, E, E5, E6)
|
 iov_iter_get_pages2(E1, E, E2, E3, E4)
)
 ...
     when != E = X
     when != get_page(...)
     when != put_page(...)
     when != release_pages(...)
     when any
(
 rel@p(E[I])
|
 rel@p(*E)
|
 rel@p(E, N)
)

@r1 depends on org || report || gupcheck exists@
expression P, E1, E2, E3, E4, E5, E6, X;
position p;
identifier rel = {unpin_user_page};
@@
(
 get_user_pages_fast(E1, E2, E3, &P)
|
 get_user_pages(E1, E2, E3, &P)
|
 get_user_pages(E1, E2, E3, &P, E4)
|
 get_user_pages_unlocked(E1, E2, &P, E3)
|
 get_user_pages_remote(E1, E2, E3, E4, &P, E5)
|
 get_user_pages_remote(E1, E2, E3, E4, &P, E5, E6)
)
 ...
     when != P = X
     when != get_page(...)
     when != put_page(...)
     when != release_pages(...)
     when any
 rel@p(P)

@script:python depends on org@
p << r.p;
rel << r.rel;
@@
coccilib.org.print_todo(p[0], "pages got by get_user_pages*() hold references, not pins, and are released with %s(); use put_page() or release_pages()" % rel)

@script:python depends on org@
p << r1.p;
rel << r1.rel;
@@
coccilib.org.print_todo(p[0], "pages got by get_user_pages*() hold references, not pins, and are released with %s(); use put_page() or release_pages()" % rel)

@script:python depends on report@
p << r.p;
rel << r.rel;
@@
coccilib.report.print_report(p[0], "pages got by get_user_pages*() hold references, not pins, and are released with %s(); use put_page() or release_pages()" % rel)

@script:python depends on report@
p << r1.p;
rel << r1.rel;
@@
coccilib.report.print_report(p[0], "pages got by get_user_pages*() hold references, not pins, and are released with %s(); use put_page() or release_pages()" % rel)

@script:python depends on gupcheck@
p << r.p;
rel << r.rel;
@@
import json
print(json.dumps({"rule": "gup/get-unpin-mismatch", "file": p[0].file,
                  "line": int(p[0].line), "column": int(p[0].column) + 1,
                  "function": p[0].current_element,
                  "message": "pages got by get_user_pages*() hold references, not pins, and are released with %s(); use put_page() or release_pages()" % rel}))

@script:python depends on gupcheck@
p << r1.p;
rel << r1.rel;
@@
import json
print(json.dumps({"rule": "gup/get-unpin-mismatch", "file": p[0].file,
                  "line": int(p[0].line), "column": int(p[0].column) + 1,
                  "function": p[0].current_element,
                  "message": "pages got by get_user_pages*() hold references, not pins, and are released with %s(); use put_page() or release_pages()" % rel}))
