#!/bin/sh
# make leakcheck: run the flagship editions and the CSV reader under valgrind;
# fails on any definite leak or invalid access in kumihan's own code.
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
[ $status -eq 0 ] && echo "no leaks or invalid accesses"
exit $status
