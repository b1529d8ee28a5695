#!/bin/sh
# The flagship brochure, one edition at a time: wall time (median of 11),
# peak memory, PDF size; and the same with whole font files embedded
# (KH_PDF_FULL_FONTS=1) measured in the same run, as a ratio.
# Targets (issue 6): under 50 ms and 40 MB per edition, PDF under 250 KB.
# Then the same builds before and after against a baseline commit (below).
cd "$(dirname "$0")/.." || exit 2
. bench/lib.sh
B=${B:-build}
KH=${KH:-$B/kumihan}
out=$B/bench/flagship
mkdir -p "$out"
layout=layouts/mhlw-international-cooperation.yaml
printf '%-8s %-14s %10s %10s %12s\n' edition embedding "median ms" "peak MB" "PDF bytes"
for loc in ja en; do
	for mode in subset full; do
		if [ $mode = full ]; then env="KH_PDF_FULL_FONTS=1"; else env="KH_PDF_FULL_FONTS="; fi
		pdf=$out/$loc.$mode.pdf
		if ! env $env "$KH" build "$layout" -l $loc -o "$pdf" >/dev/null 2>"$out/$loc.$mode.err"; then
			echo "$loc $mode: build failed:"; cat "$out/$loc.$mode.err"; exit 1
		fi
		t=$(median_time 11 env $env "$KH" build "$layout" -l $loc -o "$pdf")
		kb=$(peak_kb env $env "$KH" build "$layout" -l $loc -o "$pdf")
		size=$(stat -c %s "$pdf")
		eval "t_${loc}_$mode=$t size_${loc}_$mode=$size"
		printf '%-8s %-14s %10.1f %10.1f %12d\n' $loc $mode "$(echo "$t * 1000" | bc -l)" \
			"$(echo "$kb / 1024" | bc -l)" "$size"
	done
done
for loc in ja en; do
	eval "ts=\$t_${loc}_subset tf=\$t_${loc}_full ss=\$size_${loc}_subset sf=\$size_${loc}_full"
	printf '%s: subset/full time ratio %.3f, size ratio %.3f\n' $loc "$(echo "$ts / $tf" | bc -l)" \
		"$(echo "$ss / $sf" | bc -l)"
done
echo "targets: < 50 ms, < 40 MB, < 250000 bytes per edition (subset)"

# ---- before / after (issue 9): this tree against a baseline built from git
# (KH_BASE, default main) into $B/bench/base, in the same run: the flagship
# editions and the shared spec's 100-page text (../shared/bench/SPEC.md,
# brochure-100p: the title and paragraph.txt repeated 125 times; here in
# one stacked column, as kumihan's flows with frames do not run on to new
# pages yet).
base=${KH_BASE:-main}
bdir=$B/bench/base
rev=$(git rev-parse --verify -q "$base^{commit}" 2>/dev/null)
if [ -z "$rev" ]; then
	echo "before/after: skipped (no git commit '$base')"
	exit 0
fi
if [ ! -x "$bdir/build/kumihan" ] || [ "$(cat "$bdir/REV" 2>/dev/null)" != "$rev" ]; then
	rm -rf "$bdir" && mkdir -p "$bdir"
	if ! git archive "$rev" | tar -x -C "$bdir" || ! nice make -C "$bdir" -j2 B=build build >"$bdir/make.log" 2>&1; then
		echo "before/after: skipped (cannot build $base; see $bdir/make.log)"
		exit 0
	fi
	echo "$rev" > "$bdir/REV"
fi
OLD=$bdir/build/kumihan
spec=../shared/bench/input/paragraph.txt
if [ -f "$spec" ]; then
	{
		printf 'document:\n  size: A4\nstyles:\n'
		printf '  default: { font: IPAexMincho, size: 10.5pt, leading: 16pt, indent: 1em }\n'
		printf '  title: { font: IPAexGothic, size: 24pt, leading: 30pt, indent: 0 }\n'
		printf 'pages:\n  - content:\n      - text: "厚生労働省の国際協力"\n        style: title\n      - flow:\n'
		i=0
		while [ $i -lt 125 ]; do sed "s/'/''/g; s/^/          - '/; s/\$/'/" "$spec"; i=$((i + 1)); done
	} > "$out/spec100.yaml"
fi
echo
echo "before/after: $base ($(echo "$rev" | cut -c1-10)) -> this tree; median wall ms, PDF bytes"
printf '%-10s %9s %9s %7s %10s %10s\n' document before after ratio "bytes bef" "bytes aft"
for doc in ja en spec100; do
	case $doc in
	spec100) [ -f "$out/spec100.yaml" ] || { echo "spec100: skipped (no $spec)"; continue; }
		args="$out/spec100.yaml"; n=5 ;;
	*) args="$layout -l $doc"; n=11 ;;
	esac
	if ! "$OLD" build $args -o "$out/$doc.before.pdf" >/dev/null 2>&1 ||
	   ! "$KH" build $args -o "$out/$doc.after.pdf" >/dev/null 2>&1; then
		echo "$doc: a build failed"; continue
	fi
	t0=$(median_time $n "$OLD" build $args -o "$out/$doc.before.pdf")
	t1=$(median_time $n "$KH" build $args -o "$out/$doc.after.pdf")
	printf '%-10s %9.1f %9.1f %7.3f %10d %10d\n' $doc "$(echo "$t0 * 1000" | bc -l)" "$(echo "$t1 * 1000" | bc -l)" \
		"$(echo "$t1 / $t0" | bc -l)" "$(stat -c %s "$out/$doc.before.pdf")" "$(stat -c %s "$out/$doc.after.pdf")"
done
