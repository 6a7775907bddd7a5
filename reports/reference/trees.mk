# SPDX-License-Identifier: GPL-2.0
#
# The two reference trees, written once: Debian's linux-source packages at
# the versions every file in reports/reference/ and every real-tree test
# was made on.  Debian replaces a package with each point release, so
# 'make trees' fetches exactly these ('apt-get download PKG=VERSION').
#
# Moving to another version: change it here, run 'make trees', then
# 'make references', which rewrites reports/reference/ and prints the
# findings that differ between the two versions, for review.
#
# Read by the Makefile and by testcases/realtree/trees.py.

TREE_VERSION_6.1 := 6.1.192-3
TREE_VERSION_6.12 := 6.12.117-1~deb12u1
