#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# make valgrind: memcheck over a scan of N (default 20) candidate files of
# 6.12 with -j1, workers included.  Slow (tens of minutes on two cores),
# so not part of make check.  Prints PASS or FAIL and keeps the logs in
# build/valgrind/.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
trees=$top/testcases/realtree/trees.py
src=$(python3 "$trees" path src 6.12)
build=$(python3 "$trees" path build 6.12)
python3 "$trees" status 6.12 || exit 1
n=${VALGRIND_FILES:-20}
G=$top/gupcheck
logs=$top/build/valgrind
rm -rf "$logs"
mkdir -p "$logs"
export GUPCHECK_RULES=$top/rules
# the candidates: the files a scan parses (-j1: lines not interleaved)
"$G" scan --engine clang -j1 --show-flags --tree "$src" --build "$build" \
	2>&1 >/dev/null | sed -n 's/^gupcheck: \(\/[^:]*\): .*/\1/p' |
	sort -u | head -n "$n" >"$logs/files"
start=$(date +%s)
valgrind --tool=memcheck --trace-children=yes --error-exitcode=99 \
	--log-file="$logs/vg.%p.log" "$G" scan --engine clang -j1 \
	--timeout 3000 --tree "$src" --build "$build" \
	--json "$logs/r.json" $(cat "$logs/files") >"$logs/out" 2>"$logs/err"
rc=$?
secs=$(( $(date +%s) - start ))
errors=$(grep -h 'ERROR SUMMARY' "$logs"/vg.*.log | awk '{s += $4} END {print s + 0}')
procs=$(ls "$logs"/vg.*.log | wc -l)
if [ "$errors" = 0 ] && [ $rc -le 1 ]; then
	echo "PASS valgrind: $(wc -l <"$logs/files") files of 6.12, $procs processes, 0 errors, $secs s"
else
	echo "FAIL valgrind: exit $rc, $errors errors in $procs processes; see $logs"
	exit 1
fi
