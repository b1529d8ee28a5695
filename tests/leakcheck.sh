#!/bin/sh
# make leakcheck: run the flagship editions, the CSV reader and every unit
# test program under valgrind; fails on any definite leak or invalid access in
# kumihan's own code, or on a unit test that fails under valgrind.
cd "$(dirname "$0")/.." || exit 2
command -v valgrind >/dev/null || { echo "make leakcheck needs valgrind (apt-get install valgrind)"; exit 1; }
B=${B:-build}
KH=$B/kumihan
status=0
run() {
	echo "== $*"
	valgrind -q --error-exitcode=3 --leak-check=full --errors-for-leak-kinds=definite \
		--suppressions=tests/valgrind.supp \
		"$KH" "$@" >/dev/null 2>"$B/leakcheck.log"
	rc=$?
	if [ $rc -eq 3 ]; then status=1; cat "$B/leakcheck.log"; else grep -v '^==' "$B/leakcheck.log"; fi
}
mkdir -p "$B"
for l in ja en; do
	run build layouts/mhlw-international-cooperation.yaml -l $l -o "$B/leakcheck.$l.pdf"
done
for f in data/*.csv; do run data --all "$f"; done
# The unit tests: their own checks must pass too (a failure under valgrind
# only is as real as one under ASan).
for t in "$B"/obj/tests/test_*; do
	[ -x "$t" ] || continue
	case "$t" in *.d) continue;; esac
	echo "== $(basename "$t")"
	valgrind -q --error-exitcode=3 --leak-check=full --errors-for-leak-kinds=definite \
		--suppressions=tests/valgrind.supp "$t" >"$B/leakcheck.out" 2>"$B/leakcheck.log"
	rc=$?
	if [ $rc -eq 3 ]; then status=1; cat "$B/leakcheck.log"
	elif [ $rc -ne 0 ]; then status=1; grep '^not ok' "$B/leakcheck.out"; echo "$(basename "$t") exited with status $rc"
	else grep -v '^==' "$B/leakcheck.log"; fi
done
[ $status -eq 0 ] && echo "no leaks or invalid accesses"
exit $status
