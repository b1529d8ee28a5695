# The flagship brochure (issue 6): both editions of
# layouts/mhlw-international-cooperation.yaml, built from data/ alone.
#
#   - the Japanese text layer holds every block of the reference brochure
#     (../shared/reference/brochure-text.txt, when present) and, always, every
#     ja string of data/strings.csv; the English one every en string and no
#     Japanese character, full-width form or Japanese font;
#   - qpdf --check, pdffonts (embedded, subset, unicode), no pdftotext warning;
#   - golden files: the display-list dump and the pdftotext -raw text of both
#     editions (tests/data/flagship/*.dump, *.txt; `make update-golden`);
#   - visual regression: every page at 50 dpi against tests/data/flagship/*.png;
#   - geometry from the dump: no two boxes overlap, every arrow starts and ends
#     on a box edge, no text crosses a box edge or other text, text in a box
#     keeps clear of its edges.
. "$(dirname "$0")/../lib.sh"
. "$ROOT/tests/geometry.sh"

LAYOUT=layouts/mhlw-international-cooperation.yaml
GOLD=tests/data/flagship
REF=$SHARED/reference/brochure-text.txt
export LC_ALL=C.UTF-8

# strip: remove every kind of white space (ASCII, U+3000, form feed) from stdin.
strip() { tr -d ' \t\r\n\f' | sed 's/\xe3\x80\x80//g'; }

# CSV parsing for awk (quoted fields, "" escapes; no newlines inside cells).
CSVAWK='
function csv(line, f,   n, i, c, q, cur, len) {
	n = 0; cur = ""; q = 0; len = length(line)
	for (i = 1; i <= len; i++) {
		c = substr(line, i, 1)
		if (q) {
			if (c == "\"") { if (substr(line, i + 1, 1) == "\"") { cur = cur "\""; i++ } else q = 0 }
			else cur = cur c
		} else if (c == "\"") q = 1
		else if (c == ",") { f[++n] = cur; cur = "" }
		else cur = cur c
	}
	f[++n] = cur
	return n
}'

# expected_strings LOCALE: every string of the edition that must be on a page,
# one a line: the string table (document info excluded), with the photo
# caption template expanded for every meeting row that has a photo.
expected_strings() {
	awk -v loc="$1" "$CSVAWK"'
	function era(y) {
		if (loc != "ja") return y
		if (y >= 2019) return y "（令和" (y - 2018) "）年"
		if (y >= 1989) return y "（平成" (y - 1988) "）年"
		return y "（昭和" (y - 1925) "）年"
	}
	FNR == 1 { file++; n = csv($0, h); for (i = 1; i <= n; i++) col[file, h[i]] = i; next }
	file == 1 { csv($0, f); S[f[1]] = f[col[1, loc]]; K[++nk] = f[1]; next }
	file == 2 && $0 != "" {
		csv($0, f)
		if (f[col[2, "photo"]] == "") next
		t = S["photo.caption"]
		gsub(/\{year:era\}/, era(f[col[2, "year"]]), t)
		gsub(/\{number\}/, f[col[2, "number"]], t)
		gsub(/\{caption:string\}/, S[f[col[2, "caption"]]], t)
		print t
	}
	END {
		for (i = 1; i <= nk; i++)
			if (K[i] !~ /^doc\./ && S[K[i]] !~ /[{}]/) print S[K[i]]
	}' data/strings.csv data/meetings.csv
}

# missing_lines TEXT: the lines of stdin that are not in TEXT (white space removed).
missing_lines() {
	strip < "$1" > "$TMP/flat"
	while IFS= read -r s; do
		[ -n "$s" ] || continue
		k=$(printf '%s' "$s" | strip)
		grep -qF -- "$k" "$TMP/flat" || printf '%s\n' "$s"
	done
}

# reference_blocks TEXT: check the reference text layer against TEXT.  Blocks
# are separated by blank lines; a line starting with an ASCII space starts a
# new block (the extractor's mark of a new text object, e.g. the slogan after
# the ILO paragraph).  A paragraph (2+ lines, one over 40 characters) must be
# found whole; a block of labels must have each of its pieces (split at
# white space), in order.  Prints the blocks not found, then a count line.
reference_blocks() {
	awk -v text="$1" '
	function strip(s) { gsub(/[ \t\r\n\f]/, "", s); gsub(/\343\200\200/, "", s); return s }
	function check(   i, j, np, joined, pieces, pos, rest, prose, bad, line) {
		if (nl == 0) return
		joined = ""; prose = 0
		for (i = 1; i <= nl; i++) { joined = joined strip(L[i]); if (length(L[i]) > 120) prose = 1 }
		if (nl < 2) prose = 0
		nb++
		if (index(T, joined) == 0) {
			bad = 1
			if (!prose) {
				rest = T; bad = 0
				for (i = 1; i <= nl && !bad; i++) {
					line = L[i]; gsub(/\343\200\200/, " ", line)
					np = split(line, pieces, /[ \t]+/)
					for (j = 1; j <= np; j++) {
						if (pieces[j] == "") continue
						pos = index(rest, pieces[j])
						if (pos == 0) { bad = 1; break }
						rest = substr(rest, pos + length(pieces[j]))
					}
				}
			}
			if (bad) { print "    missing: " joined; nm++ }
		}
		nl = 0
	}
	BEGIN { while ((getline line < text) > 0) T = T strip(line) }
	strip($0) == "" { check(); next }
	/^ / { check() }
	{ L[++nl] = $0 }
	END { check(); print nb " blocks, " nm + 0 " missing" }' "$REF"
}

# ---- build both editions ----
for loc in ja en; do
	out=$("$KH" build "$LAYOUT" -l $loc -o "$TMP/$loc.pdf" --dump "$TMP/$loc.dump" 2>&1 >/dev/null); rc=$?
	if [ $rc -ne 0 ] || [ ! -s "$TMP/$loc.pdf" ]; then
		fail "flagship $loc: builds" "exit status $rc"
		printf '%s\n' "$out" | head -20 | sed 's/^/    /'
		continue
	fi
	expect_eq "flagship $loc: builds without a message" "" "$out"
done
[ -s "$TMP/ja.pdf" ] && [ -s "$TMP/en.pdf" ] || exit 0

for loc in ja en; do
	pdf=$TMP/$loc.pdf
	# ---- PDF validity ----
	qpdf --check "$pdf" > "$TMP/qpdf" 2>&1; rc=$?
	expect_eq "flagship $loc: qpdf --check" "0" "$rc"
	pdffonts "$pdf" > "$TMP/fonts" 2>&1
	bad=$(awk 'NR > 2 && !($(NF-4) == "yes" && $(NF-3) == "yes" && $(NF-2) == "yes") { print $1 }' "$TMP/fonts")
	nf=$(awk 'NR > 2' "$TMP/fonts" | wc -l)
	if [ "$nf" -gt 0 ] && [ -z "$bad" ]; then ok "flagship $loc: pdffonts: $nf fonts, all emb sub uni"
	else fail "flagship $loc: pdffonts" "not embedded+subset+unicode: ${bad:-no fonts}"; sed 's/^/    /' "$TMP/fonts"; fi
	# -raw: the text in the order the engine wrote it (reading order).  The
	# default mode's layout analysis reads lines more than 1.5 em apart (the
	# 1.8 em leading of Japanese body text) as separate blocks and interleaves
	# the lines of neighbouring columns.
	pdftotext -raw "$pdf" "$TMP/$loc.txt" 2> "$TMP/$loc.err"
	pdftotext "$pdf" /dev/null 2>> "$TMP/$loc.err"
	expect_eq "flagship $loc: pdftotext prints no warning" "" "$(cat "$TMP/$loc.err")"
	expect_eq "flagship $loc: three A4 pages, 3 mm bleed" "3 pages, trim 595.28 x 841.89, media 612.28 x 858.90" \
		"$(pdfinfo -box "$pdf" | awk '/^Pages:/ { n = $2 }
			/^TrimBox:/ { t = sprintf("%.2f x %.2f", $4 - $2, $5 - $3) }
			/^MediaBox:/ { m = sprintf("%.2f x %.2f", $4 - $2, $5 - $3) }
			END { print n " pages, trim " t ", media " m }')"
	title=$(awk -v loc=$loc "$CSVAWK"'NR == 1 { n = csv($0, h); for (i = 1; i <= n; i++) c[h[i]] = i; next }
		{ csv($0, f); if (f[1] == "doc.title") print f[c[loc]] }' data/strings.csv)
	expect_eq "flagship $loc: document title from the string table" "Title: $title" \
		"$(pdfinfo "$pdf" | grep '^Title:' | sed 's/^Title: */Title: /')"

	# ---- every string of the edition is on a page ----
	expected_strings $loc > "$TMP/$loc.expected"
	n=$(wc -l < "$TMP/$loc.expected")
	miss=$(missing_lines "$TMP/$loc.txt" < "$TMP/$loc.expected")
	if [ -z "$miss" ] && [ "$n" -gt 60 ]; then ok "flagship $loc: all $n strings of the edition are in the text"
	else fail "flagship $loc: strings missing from the text" "$(printf '%s\n' "$miss" | wc -l) of $n"; printf '%s\n' "$miss" | head -20 | sed 's/^/    /'; fi

	# ---- geometry ----
	g=$(geometry "$TMP/$loc.dump")
	probs=$(printf '%s\n' "$g" | sed '$d')
	counts=$(printf '%s\n' "$g" | tail -1)
	arrows=$(printf '%s\n' "$counts" | awk '{ print $3 }')
	# one arrow per pair of linked organisations (several labels may share one)
	want=$(awk -F, 'NR > 1 && $1 != "" { print $1 "," $2 }' data/links.csv | sort -u | wc -l)
	if [ -z "$probs" ] && [ "$arrows" -eq "$want" ]; then ok "flagship $loc: geometry: $counts, none overlapping"
	else fail "flagship $loc: geometry" "$counts (want $want arrows)"; printf '%s\n' "$probs" | head -20 | sed 's/^/    /'; fi

	# ---- golden files ----
	golden "flagship $loc: display list" "$GOLD/$loc.dump" "$(cat "$TMP/$loc.dump")"
	golden "flagship $loc: text layer" "$GOLD/$loc.txt" "$(cat "$TMP/$loc.txt")"

	# ---- visual regression: 50 dpi, 5% fuzz, at most 0.1% of the pixels ----
	pdftoppm -r 50 -png "$pdf" "$TMP/$loc" 2> /dev/null
	for p in 1 2 3; do
		img=$TMP/$loc-$p.png ref=$GOLD/$loc-$p.png
		if [ ! -f "$img" ]; then fail "flagship $loc: page $p image" "pdftoppm made no $img"; continue; fi
		if [ -n "$KH_UPDATE_GOLDEN" ]; then cp "$img" "$ref"; ok "flagship $loc: page $p image (updated)"; continue; fi
		if [ ! -f "$ref" ]; then fail "flagship $loc: page $p image" "no reference $ref (make update-golden)"; continue; fi
		ae=$(compare -metric AE -fuzz 5% "$ref" "$img" "$TMP/diff.png" 2>&1 >/dev/null | awk '{ printf "%d", $1 }')
		total=$(identify -format '%[fx:w*h]' "$ref")
		if [ -n "$ae" ] && [ "$ae" -le $((total / 1000)) ]; then ok "flagship $loc: page $p looks as before ($ae of $total pixels differ)"
		else fail "flagship $loc: page $p looks different" "$ae of $total pixels differ (limit $((total / 1000)))"; fi
	done
done

# ---- the English edition: no Japanese left ----
cjk=$(grep -P '[\x{3000}-\x{9FFF}\x{F900}-\x{FAFF}\x{FF00}-\x{FFEF}]' "$TMP/en.txt" | head -5)
expect_eq "flagship en: no Japanese character or full-width form in the text" "" "$cjk"
expect_eq "flagship en: no Japanese font" "" "$(pdffonts "$TMP/en.pdf" | grep -i -E 'ipa|gothic|mincho|cjk|droid')"
expect_eq "flagship en: every text item set in Liberation" "" \
	"$(awk '$1 == "text" && $2 !~ /^Liberation/' "$TMP/en.dump" | head -5)"
cjk=$(awk "$CSVAWK"'NR > 1 { csv($0, f); print f[3] }' data/strings.csv | grep -n -P '[^\x{0}-\x{7E}]' | head -5)
expect_eq "flagship en: the string table en column is ASCII" "" "$cjk"

# ---- the Japanese edition against the reference brochure ----
if [ -f "$REF" ]; then
	r=$(reference_blocks "$TMP/ja.txt")
	last=$(printf '%s\n' "$r" | tail -1)
	case "$last" in
	*", 0 missing") ok "flagship ja: every block of the reference text is in the text layer ($last)";;
	*) fail "flagship ja: reference blocks missing" "$last"; printf '%s\n' "$r" | sed '$d' | head -20;;
	esac
else
	skip "flagship ja: reference text" "$REF is absent"
fi
