#!/bin/sh
# Paragraph setting speed (issue 4): 100 pages of Japanese body text
# (40 lines of 40 characters a page, justified, strict kinsoku, 追い込み on)
# under 0.2 s; a 100,000-character run with no break opportunity (emergency
# breaks) under 1 s.  The same pages with 追い込み off give the cost of
# squeezing as a ratio measured in the same run.  bench/typeset_bench.c is built against the library objects;
# each figure is the median of 7 timed runs inside one process (fonts
# loaded and ICU warmed up before the clock starts).
cd "$(dirname "$0")/.." || exit 2
. bench/lib.sh
B=${B:-build}
mkdir -p "$B/bench"
bin=$B/bench/typeset_bench
objs=""
for o in paragraph linebreak font util utf8 diag display; do
	objs="$objs $B/obj/$o.o"
done
# shellcheck disable=SC2086
if ! ${CC:-cc} -std=c17 -D_POSIX_C_SOURCE=200809L -O2 -Isrc -o "$bin" bench/typeset_bench.c $objs \
	$(pkg-config --libs harfbuzz harfbuzz-subset icu-uc icu-i18n fontconfig) -lm; then
	echo "typeset: cannot build bench/typeset_bench.c"
	exit 1
fi
verdict() { # seconds limit
	if [ "$(echo "$1 < $2" | bc -l)" = 1 ]; then echo "under $2 s"; else echo "OVER $2 s"; fi
}
pages=$("$bin" pages 100) || exit 1
solid=$("$bin" solid 100) || exit 1
run=$("$bin" run 100000) || exit 1
url=$("$bin" url 100000) || exit 1
cells=$("$bin" cells 50000) || exit 1
tp=${pages%% *}; ts=${solid%% *}; tr=${run%% *}; tu=${url%% *}
echo "100 pages of Japanese body text:       $pages  ($(verdict "$tp" 0.2))"
echo "... the same without 追い込み:           $solid"
echo "100,000 'a' without a break, Japanese: $run  ($(verdict "$tr" 1))"
echo "URL + 100,000 'a', Latin style:        $url  ($(verdict "$tu" 1))"
echo "50,000 table cells, a setter each:     $cells"
echo "ratio: 100,000-character run / 100 pages: $(echo "$tr / $tp" | bc -l | cut -c1-5)"
echo "ratio: 100 pages with / without 追い込み: $(echo "$tp / $ts" | bc -l | cut -c1-5)"
