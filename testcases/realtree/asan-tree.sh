#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# make asan-tree: a whole-tree scan of 6.12 with the ASan+UBSan build, the
# clang engine and every output: no sanitizer report, exit 0 or 1; then
# again from the result cache the first scan filled.  40 s
# on two cores before the ownership analysis; with it, much longer, so
# not part of make check (.ci/run runs it).
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
trees=$top/testcases/realtree/trees.py
src=$(python3 "$trees" path src 6.12)
build=$(python3 "$trees" path build 6.12)
if ! why=$(python3 "$trees" status 6.12); then
	if [ "${GUPCHECK_REQUIRE_TREES:-}" = 1 ]; then
		echo "FAIL asan whole tree: $why"
	else
		echo "SKIP asan whole tree: $why"
	fi
	exit 0
fi
if ! nice -n 10 make -s -C "$top" asan >/dev/null 2>&1; then
	echo "FAIL asan whole tree: make asan failed"
	exit 0
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export GUPCHECK_RULES=${GUPCHECK_RULES:-$top/rules}
start=$(date +%s)
"$top/build/asan/gupcheck" scan --engine clang -j2 --tree "$src" \
	--build "$build" --json "$tmp/r.json" --sarif "$tmp/r.sarif" \
	--patch "$tmp/p.diff" --html "$tmp/r.html" --cache "$tmp/cache" \
	>"$tmp/out" 2>"$tmp/err"
rc=$?
secs=$(( $(date +%s) - start ))
cov=$(grep 'coverage:' "$tmp/err" | sed 's/^gupcheck: coverage: //')
if grep -q -e 'Sanitizer' -e 'runtime error:' "$tmp/err"; then
	echo "FAIL asan whole tree: $(grep -m3 -e 'ERROR' -e 'runtime error:' "$tmp/err")"
elif [ $rc -gt 1 ] || ! [ -s "$tmp/r.json" ] || ! [ -s "$tmp/r.html" ]; then
	echo "FAIL asan whole tree: exit $rc: $(tail -c 300 "$tmp/err")"
else
	echo "PASS asan whole tree: 6.12 scanned clean under ASan+UBSan in $secs s ($cov)"
fi
# the same scan again, every result from the cache the first one filled
"$top/build/asan/gupcheck" scan --engine clang -j2 --tree "$src" \
	--build "$build" --json "$tmp/w.json" --cache "$tmp/cache" \
	>/dev/null 2>"$tmp/werr"
rc=$?
if grep -q -e 'Sanitizer' -e 'runtime error:' "$tmp/werr"; then
	echo "FAIL asan warm re-scan: $(grep -m3 -e 'ERROR' -e 'runtime error:' "$tmp/werr")"
elif [ $rc -gt 1 ] || ! cmp -s <(grep -v '"time_seconds"' "$tmp/r.json") \
		<(grep -v '"time_seconds"' "$tmp/w.json"); then
	echo "FAIL asan warm re-scan: exit $rc, or its report differs from the cold scan's"
else
	echo "PASS asan warm re-scan: from the cache, clean under ASan+UBSan, the same report"
fi
exit 0
