#!/bin/sh
# Font embedding: every distinct character of the reference brochure (or a
# generated Japanese text when ../shared is absent) set in IPAex Gothic and
# IPAex Mincho; PDF and embedded-font bytes with kumihan's hb-subset fonts
# against libharu's own whole-font embedding, render times (median of 5),
# and the ratio.  Target: subset fonts at most 1/5 of libharu's.
cd "$(dirname "$0")/.." || exit 2
. bench/lib.sh
B=${B:-build}
out=$B/bench/fonts
mkdir -p "$out"
objs="pdf png image font display util utf8 diag"
make -s B="$B" $(for o in $objs; do printf '%s/obj/%s.o ' "$B" "$o"; done) || exit 1
cc -std=c17 -D_GNU_SOURCE -O2 -Isrc -o "$out/pdfbench" bench/pdfbench.c \
	$(for o in $objs; do printf '%s/obj/%s.o ' "$B" "$o"; done) \
	$(pkg-config --libs harfbuzz harfbuzz-subset fontconfig libpng zlib) -lhpdf -lm || exit 1

text=../shared/reference/brochure-text.txt
if [ -f "$text" ]; then
	echo "text: $text"
else
	# no reference: 414 characters of common Japanese (kana, kanji, punctuation)
	text=$out/generated.txt
	awk 'BEGIN { for (c = 12353; c < 12436; c++) printf "%c", c; for (c = 12449; c < 12534; c++) printf "%c", c;
	             for (c = 19968; c < 20216; c++) printf "%c", c; print "、。「」（）・ー" }' > "$text"
	echo "text: generated ($text)"
fi

"$out/pdfbench" "$text" subset "$out/subset.pdf" 5 > "$out/subset.txt" || exit 1
"$out/pdfbench" "$text" full "$out/full.pdf" 5 > "$out/full.txt" || exit 1
val() { sed -n "s/.*$2=\([0-9.]*\).*/\1/p" "$out/$1.txt"; }
printf 'characters: %s in each of 2 fonts, %s pages\n' "$(val subset chars)" "$(val subset pages)"
printf '%-28s %12s %12s %10s\n' "" "PDF bytes" "font bytes" "render s"
printf '%-28s %12s %12s %10s\n' "hb-subset (kumihan)" "$(val subset pdf_bytes)" "$(val subset font_bytes)" "$(val subset render_s)"
printf '%-28s %12s %12s %10s\n' "whole fonts (libharu)" "$(val full pdf_bytes)" "$(val full font_bytes)" "$(val full render_s)"
fb=$(val subset font_bytes); ff=$(val full font_bytes)
echo "font bytes ratio subset/libharu: $(echo "scale=4; $fb / $ff" | bc -l) (target <= 0.2000)"
echo "PDF bytes ratio subset/libharu:  $(echo "scale=4; $(val subset pdf_bytes) / $(val full pdf_bytes)" | bc -l)"
echo "render time ratio subset/libharu: $(echo "scale=3; $(val subset render_s) / $(val full render_s)" | bc -l)"
echo "finding and opening both fonts: $(val subset open_s) s"
if command -v qpdf >/dev/null && command -v pdffonts >/dev/null; then
	qpdf --check "$out/subset.pdf" >/dev/null 2>&1 && echo "qpdf --check: ok" || echo "qpdf --check: FAILED"
	echo "pdffonts (subset):"; pdffonts "$out/subset.pdf" | tail -n +3 | awk '{print "  " $1, "emb=" $(NF-4), "sub=" $(NF-3), "uni=" $(NF-2)}'
fi
ok=$(echo "$fb * 5 <= $ff" | bc -l)

# The flagship Japanese edition itself, both ways (KH_PDF_FULL_FONTS=1: libharu's whole fonts).
layout=layouts/mhlw-international-cooperation.yaml
if [ -x "$KH" ] && [ -f "$layout" ] && "$KH" build "$layout" -l ja -o "$out/flagship.pdf" >/dev/null 2>&1 &&
	KH_PDF_FULL_FONTS=1 "$KH" build "$layout" -l ja -o "$out/flagship-full.pdf" >/dev/null 2>&1; then
	"$out/pdfbench" --font-bytes "$out/flagship.pdf" > "$out/flagship.txt"
	"$out/pdfbench" --font-bytes "$out/flagship-full.pdf" > "$out/flagship-full.txt"
	t1=$(median_time 5 "$KH" build "$layout" -l ja -o "$out/flagship.pdf")
	t2=$(median_time 5 env KH_PDF_FULL_FONTS=1 "$KH" build "$layout" -l ja -o "$out/flagship-full.pdf")
	echo
	echo "flagship ja edition ($layout):"
	printf '%-28s %12s %12s %10s\n' "" "PDF bytes" "font bytes" "build s"
	printf '%-28s %12s %12s %10s\n' "hb-subset (kumihan)" "$(val flagship pdf_bytes)" "$(val flagship font_bytes)" "$t1"
	printf '%-28s %12s %12s %10s\n' "whole fonts (libharu)" "$(val flagship-full pdf_bytes)" "$(val flagship-full font_bytes)" "$t2"
	ffb=$(val flagship font_bytes); fff=$(val flagship-full font_bytes)
	echo "flagship font bytes ratio subset/libharu: $(echo "scale=4; $ffb / $fff" | bc -l) (target <= 0.2000)"
	[ "$(echo "$ffb * 5 <= $fff" | bc -l)" = 1 ] || ok=0
else
	echo
	echo "flagship ja edition: skipped (it does not build yet)"
fi
[ "$ok" = 1 ]
