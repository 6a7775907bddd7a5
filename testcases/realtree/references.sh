#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# make references: the reference reports of reports/reference/ made again
# on the trees as 'make trees' prepared them (after the versions in
# reports/reference/trees.mk changed, or after a deliberate change of
# results).  Each writer prints the findings that came and went, for the
# person who reviews the change; reports/triage/ownership.json is not
# rewritten: every gup/* finding of a new version is triaged by hand.
here=$(dirname "$0")
rc=0
for t in reference engines iov; do
	echo "=== $t --update"
	"$here/$t" --update || rc=1
done
echo "references: review 'git diff reports/reference/' and triage every new"
echo "gup/* finding in reports/triage/ownership.json"
exit $rc
