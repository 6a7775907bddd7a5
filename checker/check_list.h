/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Every check, one line each: its entry point and its rule id.  A check
 * lives in check_<name>.c and subscribes to engine events from its entry
 * point.  This header is included with CHECK() defined as needed.
 */
CHECK(check_vmas_param, "gup/vmas-param")
