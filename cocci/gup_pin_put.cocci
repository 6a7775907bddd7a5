// SPDX-License-Identifier: GPL-2.0-only
/// Pages pinned with pin_user_pages*() (FOLL_PIN) must be released with
/// unpin_user_page() or unpin_user_pages(), not put_page() or
/// release_pages(): a pin is counted apart from ordinary references, and
/// put_page() leaves it counted forever.  Within one function, in the
/// manner of kfree_mismatch.cocci; gupcheck's libclang engine also follows
/// the pages through struct fields, scatterlists and wrappers.
///
// Confidence: Moderate
//# Releases after a test of how the pages were obtained (a pinned flag,
//# iov_iter_extract_will_pin()) are not matched when that test also leads
//# to the right release; pages that also got an ordinary reference
//# (get_page()) are not matched.
// Comments: gupcheck rule gup/pin-put-mismatch
// Options: --no-includes --include-headers

virtual patch
virtual context
virtual org
virtual report
virtual gupcheck

@loop depends on patch exists@
expression E, E1, E2, E3, E4, E5, E6, I, N, X;
@@
(
 pin_user_pages_fast(E1, E2, E3, E)
|
 pin_user_pages(E1, E2, E3, E)
|
 pin_user_pages(E1, E2, E3, E, E4)
|
 pin_user_pages_unlocked(E1, E2, E, E3)
|
 pin_user_pages_remote(E1, E2, E3, E4, E, E5)
|
 pin_user_pages_remote(E1, E2, E3, E4, E, E5, E6)
)
 ...
     when != E = X
     when != get_page(...)
     when != unpin_user_page(...)
     when != unpin_user_pages(...)
     when != unpin_user_pages_dirty_lock(...)
     when any
(
- for (I = 0; I < N; I++) {
-	\(set_page_dirty_lock\|set_page_dirty\)(E[I]);
-	put_page(E[I]);
- }
+ unpin_user_pages_dirty_lock(E, N, true);
|
- for (I = 0; I < N; I++)
-	put_page(E[I]);
+ unpin_user_pages(E, N);
)

@depends on patch exists@
expression E, E1, E2, E3, E4, E5, E6, I, N, X;
@@
(
 pin_user_pages_fast(E1, E2, E3, E)
|
 pin_user_pages(E1, E2, E3, E)
|
 pin_user_pages(E1, E2, E3, E, E4)
|
 pin_user_pages_unlocked(E1, E2, E, E3)
|
 pin_user_pages_remote(E1, E2, E3, E4, E, E5)
|
 pin_user_pages_remote(E1, E2, E3, E4, E, E5, E6)
)
 ...
     when != E = X
     when != get_page(...)
     when != unpin_user_page(...)
     when != unpin_user_pages(...)
     when != unpin_user_pages_dirty_lock(...)
     when any
(
- put_page(E[I])
+ unpin_user_page(E[I])
|
- put_page(*E)
+ unpin_user_page(*E)
|
- release_pages(E, N)
+ unpin_user_pages(E, N)
)

@depends on patch exists@
expression P, E1, E2, E3, E4, E5, E6, X;
@@
(
 pin_user_pages_fast(E1, E2, E3, &P)
|
 pin_user_pages(E1, E2, E3, &P)
|
 pin_user_pages(E1, E2, E3, &P, E4)
|
 pin_user_pages_unlocked(E1, E2, &P, E3)
|
 pin_user_pages_remote(E1, E2, E3, E4, &P, E5)
|
 pin_user_pages_remote(E1, E2, E3, E4, &P, E5, E6)
)
 ...
     when != P = X
     when != get_page(...)
     when != unpin_user_page(...)
     when != unpin_user_pages(...)
     when != unpin_user_pages_dirty_lock(...)
     when any
- put_page(P)
+ unpin_user_page(P)

@depends on context exists@
expression E, E1, E2, E3, E4, E5, E6, I, N, X;
@@
(
 pin_user_pages_fast(E1, E2, E3, E)
|
 pin_user_pages(E1, E2, E3, E)
|
 pin_user_pages(E1, E2, E3, E, E4)
|
 pin_user_pages_unlocked(E1, E2, E, E3)
|
 pin_user_pages_remote(E1, E2, E3, E4, E, E5)
|
 pin_user_pages_remote(E1, E2, E3, E4, E, E5, E6)
)
 ...
     when != E = X
     when != get_page(...)
     when != unpin_user_page(...)
     when != unpin_user_pages(...)
     when != unpin_user_pages_dirty_lock(...)
     when any
(
* put_page(E[I])
|
* put_page(*E)
|
* release_pages(E, N)
)

@r depends on org || report || gupcheck exists@
expression E, E1, E2, E3, E4, E5, E6, I, N, X;
position p;
identifier rel = {put_page, release_pages};
@@
(
 pin_user_pages_fast(E1, E2, E3, E)
|
 pin_user_pages(E1, E2, E3, E)
|
 pin_user_pages(E1, E2, E3, E, E4)
|
 pin_user_pages_unlocked(E1, E2, E, E3)
|
 pin_user_pages_remote(E1, E2, E3, E4, E, E5)
|
 pin_user_pages_remote(E1, E2, E3, E4, E, E5, E6)
)
 ...
     when != E = X
     when != get_page(...)
     when != unpin_user_page(...)
     when != unpin_user_pages(...)
     when != unpin_user_pages_dirty_lock(...)
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
identifier rel = {put_page};
@@
(
 pin_user_pages_fast(E1, E2, E3, &P)
|
 pin_user_pages(E1, E2, E3, &P)
|
 pin_user_pages(E1, E2, E3, &P, E4)
|
 pin_user_pages_unlocked(E1, E2, &P, E3)
|
 pin_user_pages_remote(E1, E2, E3, E4, &P, E5)
|
 pin_user_pages_remote(E1, E2, E3, E4, &P, E5, E6)
)
 ...
     when != P = X
     when != get_page(...)
     when != unpin_user_page(...)
     when != unpin_user_pages(...)
     when != unpin_user_pages_dirty_lock(...)
     when any
 rel@p(P)

@script:python depends on org@
p << r.p;
rel << r.rel;
@@
coccilib.org.print_todo(p[0], "pages pinned by pin_user_pages*() are released with %s(); use unpin_user_page() or unpin_user_pages()" % rel)

@script:python depends on org@
p << r1.p;
rel << r1.rel;
@@
coccilib.org.print_todo(p[0], "pages pinned by pin_user_pages*() are released with %s(); use unpin_user_page() or unpin_user_pages()" % rel)

@script:python depends on report@
p << r.p;
rel << r.rel;
@@
coccilib.report.print_report(p[0], "pages pinned by pin_user_pages*() are released with %s(); use unpin_user_page() or unpin_user_pages()" % rel)

@script:python depends on report@
p << r1.p;
rel << r1.rel;
@@
coccilib.report.print_report(p[0], "pages pinned by pin_user_pages*() are released with %s(); use unpin_user_page() or unpin_user_pages()" % rel)

@script:python depends on gupcheck@
p << r.p;
rel << r.rel;
@@
import json
print(json.dumps({"rule": "gup/pin-put-mismatch", "file": p[0].file,
                  "line": int(p[0].line), "column": int(p[0].column) + 1,
                  "function": p[0].current_element,
                  "message": "pages pinned by pin_user_pages*() are released with %s(); use unpin_user_page() or unpin_user_pages()" % rel}))

@script:python depends on gupcheck@
p << r1.p;
rel << r1.rel;
@@
import json
print(json.dumps({"rule": "gup/pin-put-mismatch", "file": p[0].file,
                  "line": int(p[0].line), "column": int(p[0].column) + 1,
                  "function": p[0].current_element,
                  "message": "pages pinned by pin_user_pages*() are released with %s(); use unpin_user_page() or unpin_user_pages()" % rel}))
