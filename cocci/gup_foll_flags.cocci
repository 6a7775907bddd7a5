// SPDX-License-Identifier: GPL-2.0-only
/// FOLL_GET and FOLL_PIN belong to the GUP core: get_user_pages*() sets
/// FOLL_GET and pin_user_pages*() sets FOLL_PIN themselves, and
/// Documentation/core-api/pin_user_pages.rst says FOLL_PIN must never be
/// passed at call sites.  The flag the function sets anyway is dropped;
/// the other one changes how the pages are held and is only reported.
/// Findings in mm/, where the flags are used as they should be, are
/// left out.
///
// Confidence: High
// Comments: gupcheck rule gup/foll-flags
// Options: --no-includes --include-headers

virtual patch
virtual context
virtual org
virtual report
virtual gupcheck

@depends on patch@
expression E;
@@
 \(get_user_pages\|get_user_pages_fast\|get_user_pages_unlocked\|get_user_pages_remote\|get_user_pages_fast_only\)(...,
(
- FOLL_GET | E
+ E
|
- E | FOLL_GET
+ E
|
- FOLL_GET
+ 0
)
 ,...)

@depends on patch@
expression E;
@@
 \(pin_user_pages\|pin_user_pages_fast\|pin_user_pages_unlocked\|pin_user_pages_remote\|pin_user_pages_fast_only\)(...,
(
- FOLL_PIN | E
+ E
|
- E | FOLL_PIN
+ E
|
- FOLL_PIN
+ 0
)
 ,...)

@depends on context@
@@
(
* \(get_user_pages\|get_user_pages_fast\|get_user_pages_unlocked\|get_user_pages_remote\|get_user_pages_fast_only\)(..., <+... \(FOLL_GET\|FOLL_PIN\) ...+>, ...)
|
* \(pin_user_pages\|pin_user_pages_fast\|pin_user_pages_unlocked\|pin_user_pages_remote\|pin_user_pages_fast_only\)(..., <+... \(FOLL_GET\|FOLL_PIN\) ...+>, ...)
)

@initialize:python@
@@
import os


def in_mm(path):
    """Is PATH in the kernel tree's top-level mm/ (its root holds
    MAINTAINERS)?"""
    d = os.path.dirname(os.path.abspath(path))
    while d != '/' and not os.path.exists(os.path.join(d, 'MAINTAINERS')):
        d = os.path.dirname(d)
    return os.path.relpath(os.path.abspath(path), d).startswith('mm/')

@has depends on org || report || gupcheck@
@@
 \(get_user_pages\|get_user_pages_fast\|get_user_pages_unlocked\|get_user_pages_remote\|get_user_pages_fast_only\|pin_user_pages\|pin_user_pages_fast\|pin_user_pages_unlocked\|pin_user_pages_remote\|pin_user_pages_fast_only\)(...)

@r depends on has@
identifier fn = {get_user_pages, get_user_pages_fast, get_user_pages_unlocked,
		 get_user_pages_remote, get_user_pages_fast_only,
		 pin_user_pages, pin_user_pages_fast, pin_user_pages_unlocked,
		 pin_user_pages_remote, pin_user_pages_fast_only};
identifier flag = {FOLL_GET, FOLL_PIN};
position p;
@@
 fn@p(..., <+... flag ...+>, ...)

@script:python depends on org@
p << r.p;
fn << r.fn;
flag << r.flag;
@@
if not in_mm(p[0].file):
    coccilib.org.print_todo(p[0], "%s passed by hand to %s()" % (flag, fn))

@script:python depends on report@
p << r.p;
fn << r.fn;
flag << r.flag;
@@
if not in_mm(p[0].file):
    coccilib.report.print_report(p[0], "%s passed by hand to %s(); FOLL_PIN and FOLL_GET belong to the GUP core" % (flag, fn))

@script:python depends on gupcheck@
p << r.p;
fn << r.fn;
flag << r.flag;
@@
import json
if not in_mm(p[0].file):
  print(json.dumps({"rule": "gup/foll-flags", "file": p[0].file,
                  "line": int(p[0].line), "column": int(p[0].column) + 1,
                  "function": p[0].current_element,
                  "message": "%s passed by hand to %s(); FOLL_PIN and FOLL_GET belong to the GUP core" % (flag, fn)}))
