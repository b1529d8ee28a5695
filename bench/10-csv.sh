#!/bin/sh
# CSV load throughput and memory: a 50 MB UTF-8 file and a 50 MB CP932 file
# (written by bench/csv-gen.c into $B/bench, not committed), each loaded by
# `kumihan data FILE` (the summary goes to /dev/null; loading is all of the
# work).  Prints the median of 5 runs, MB/s, and peak resident memory as a
# multiple of the file size.  Targets: UTF-8 >= 100 MB/s, CP932 >= 50 MB/s,
# peak < 3x the file.
cd "$ROOT" || exit 2
. bench/lib.sh
W=$B/bench
SIZE=${CSV_BENCH_BYTES:-50000000}
RUNS=5
mkdir -p "$W"

if [ ! -x "$W/csv-gen" ] || [ bench/csv-gen.c -nt "$W/csv-gen" ]; then
	${CC:-cc} -O2 -o "$W/csv-gen" bench/csv-gen.c || exit 1
fi
if [ ! -f "$W/csv-utf8.csv" ] || [ "$W/csv-gen" -nt "$W/csv-utf8.csv" ]; then
	"$W/csv-gen" "$SIZE" utf-8 > "$W/csv-utf8.csv" || exit 1
fi
if [ ! -f "$W/csv-cp932.csv" ] || [ "$W/csv-gen" -nt "$W/csv-cp932.csv" ]; then
	"$W/csv-gen" "$SIZE" cp932 | iconv -f UTF-8 -t CP932 > "$W/csv-cp932.csv" || exit 1
fi

status=0
for enc in utf8 cp932; do
	f=$W/csv-$enc.csv
	bytes=$(wc -c < "$f")
	head=$("$KH" data "$f" | sed -n '2p;/^rows/p' | tr '\n' ' ')
	case $head in
	*"encoding: UTF-8 (detected)"*|*"encoding: CP932 (detected)"*) ;;
	*) echo "csv $enc: kumihan did not read $f: $head"; status=1; continue;;
	esac
	t=$(median_time $RUNS "$KH" data "$f")
	kb=$(peak_kb "$KH" data "$f")
	target=100
	[ $enc = cp932 ] && target=50
	echo "$bytes $t $kb $target $enc" | awk '{
		mb = $1 / 1e6; rate = mb / $2; ratio = $3 * 1024 / $1
		printf "csv %-5s %.1f MB: load %.3f s (median of '"$RUNS"') = %.0f MB/s (target >= %d); peak RSS %.1f MB = %.2fx the file (target < 3x)%s\n",
			$5, mb, $2, rate, $4, $3 / 1024, ratio, (rate >= $4 && ratio < 3) ? "" : "  BELOW TARGET"
	}'
	echo "          $head"
done
exit $status
