#!/bin/sh
# The flagship brochure, one edition at a time: wall time (median of 11),
# peak memory, PDF size; and the same with libharu's own whole-font
# embedding (KH_PDF_FULL_FONTS=1) measured in the same run, as a ratio.
# Targets (issue 6): under 50 ms and 40 MB per edition, PDF under 250 KB.
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
		if ! env $env "$KH" build "$layout" -l $loc -o "$pdf" 2>"$out/$loc.$mode.err"; then
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
