#!/bin/sh
# Run every test: unit programs (tests/unit), command-line and golden tests
# (tests/cli/*.sh), once with the normal build and once under ASan+UBSan.
# Each test prints "ok NAME", "not ok NAME: why" or "skip NAME: why";
# this script counts them and ends with "N passed, N failed, N skipped".
cd "$(dirname "$0")/.." || exit 2
ROOT=$(pwd)
export ROOT
B=${B:-build}
case $B in /*) ;; *) B=$ROOT/$B;; esac
export B
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=0:exitcode=99"
export LSAN_OPTIONS="suppressions=$ROOT/tests/lsan.supp:print_suppressions=0"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
modes="normal asan"
[ "$1" = "--normal-only" ] && modes=normal
log=$B/test.log
mkdir -p $B
: > "$log"
status=0
for mode in $modes; do
	if [ $mode = normal ]; then
		KH="$B/kumihan"; UNITDIR=$B/obj/tests
	else
		KH="$B/asan/kumihan"; UNITDIR=$B/asan/tests
	fi
	export KH KH_MODE=$mode
	for t in $UNITDIR/test_*; do
		[ -x "$t" ] || continue
		case "$t" in *.d) continue;; esac
		name=$(basename "$t")
		out=$("$t" 2>&1); rc=$?
		printf '%s\n' "$out" | sed "s/^/[$mode] /" >> "$log"
		printf '%s\n' "$out" | grep -E '^(ok|not ok|skip) |^    ' | sed -E "s/^(ok|not ok|skip) /[$mode] &/"
		if [ $rc -ne 0 ] && ! printf '%s\n' "$out" | grep -q '^not ok '; then
			echo "[$mode] not ok $name: exited with status $rc"
			printf '%s\n' "$out" | tail -20 | sed 's/^/    /'
		fi
	done
	for t in tests/cli/*.sh; do
		[ -f "$t" ] || continue
		out=$(sh "$t" 2>&1); rc=$?
		printf '%s\n' "$out" | sed "s/^/[$mode] /" >> "$log"
		printf '%s\n' "$out" | grep -E '^(ok|not ok|skip) |^    ' | sed -E "s/^(ok|not ok|skip) /[$mode] &/"
		if [ $rc -ne 0 ] && ! printf '%s\n' "$out" | grep -q '^not ok '; then
			echo "[$mode] not ok $(basename "$t"): script exited with status $rc"
		fi
	done
done > $B/test.results
cat $B/test.results
passed=$(grep -c '^\[[a-z]*\] ok ' $B/test.results)
failed=$(grep -c '^\[[a-z]*\] not ok ' $B/test.results)
skipped=$(grep -c '^\[[a-z]*\] skip ' $B/test.results)
echo
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ] || exit 1
[ "$passed" -gt 0 ] || exit 1
exit 0
