/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Every check, one line each: its entry point and its rule id.  A check
 * lives in check_<name>.c and subscribes to engine events from its entry
 * point; a check that serves several rules lists their ids with commas.
 * This header is included with CHECK() defined as needed.
 */
CHECK(check_vmas_param, "gup/vmas-param")
CHECK(check_iter_pipe, "iov/iter-pipe")
CHECK(check_splice_read, "iov/splice-read")
CHECK(check_ownership, "gup/pin-put-mismatch,gup/get-unpin-mismatch,gup/extract-release,gup/leak,gup/double-release")
CHECK(check_foll_flags, "gup/foll-flags")
