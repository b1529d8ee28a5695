#!/bin/sh
# make bench: run every bench/NN-*.sh in order; each prints its own figures
# (medians of several runs, and ratios measured in the same run).
cd "$(dirname "$0")/.." || exit 2
ROOT=$(pwd); export ROOT
B=${B:-build}
case $B in /*) ;; *) B=$ROOT/$B;; esac
export B
KH="$B/kumihan"; export KH
mkdir -p $B/bench
status=0
for b in bench/[0-9]*.sh; do
	[ -f "$b" ] || continue
	echo "== $(basename "$b" .sh)"
	sh "$b" || status=1
	echo
done
exit $status
