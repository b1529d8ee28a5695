# The layout engine end to end: small layouts of tests/data/engine built to a
# PDF and a display-list dump.  Positions are asserted from the dump (pt,
# top-left origin of the media box); every layout also has a golden dump
# (tests/data/engine/NAME.dump, rewritten by `make update-golden`).
. "$(dirname "$0")/../lib.sh"
export LC_ALL=C.UTF-8
D=tests/data/engine

# build NAME [ARGS]: build $D/NAME.yaml to $TMP/NAME.pdf and $TMP/NAME.full
# (the dump), and $TMP/NAME.dump, the dump without its role lines (what the
# position checks read; the goldens hold the roles, paginate.sh tests them);
# stderr in $TMP/NAME.err, exit status in $TMP/NAME.rc.
build() {
	n=$1; shift
	"$KH" build "$D/$n.yaml" -o "$TMP/$n.pdf" --dump "$TMP/$n.full" "$@" > "$TMP/$n.out" 2> "$TMP/$n.err"
	echo $? > "$TMP/$n.rc"
	grep -v '^role ' "$TMP/$n.full" > "$TMP/$n.dump"
}
# built NAME: "0 " when it built without a message
built() { echo "$(cat "$TMP/$1.rc") $(cat "$TMP/$1.err")"; }
# line N of the dump's items matching a pattern (awk regex)
item() { awk -v re="$2" '$0 ~ re' "$TMP/$1.dump" | sed -n "${3:-1}p"; }

# ---- stacking, 50% width, wrapping, absolute placement ----
build stack
expect_eq "engine stack: builds without a message" "0 " "$(built stack)"
# A5 (419.53 x 595.28), margins 20mm/15mm: margin box x 42.52, width 334.49.
# The title's baseline is its ascent (0.88 em of 14pt) below the top margin.
expect_eq "engine stack: title at the top margin" \
	'text IPAexGothic 14.00 #000000 at 42.52,69.01 to 98.52 "組版の試験"' "$(item stack '^text' 1)"
# The first box: 5mm (14.17) under the title's descent (69.01 + 1.68), 20mm tall, full width.
expect_eq "engine stack: box stacked under the title, 20mm tall" \
	"path fill #E8EEF7 stroke none rect 42.52,84.87 334.49x56.69" "$(item stack 'E8EEF7')"
# The second box: 5mm under the first, half the margin box wide, as tall as its text plus padding.
expect_eq "engine stack: 50% box stacked under the first" \
	"path fill #1F3A68 stroke none rect 42.52,155.73 167.24x27.01" "$(item stack '1F3A68')"
expect_eq "engine stack: text inside the box at its padding" \
	'text IPAexMincho 10.00 #FFFFFF at 51.02,173.04 to 101.02 "世界保健機関"' "$(item stack 'FFFFFF')"
# The lead, 60mm (170.08) wide, justified: every line but the last ends at the
# right edge (last glyph at 42.52 + 170.08 - 10 = 202.60; a closing 」 at the
# end half an em further, its blank half past the edge); a line starting
# with 「 starts half an em left of the margin (JIS X 4051); 16pt apart.
widths=$(awk '$1 == "text" && $4 == "#000000" && $2 == "IPAexMincho" { print $6 " " $8 }' "$TMP/stack.dump" | sed '$d')
expect_eq "engine stack: justified lines end at the 60mm edge" \
	"42.52,191.54 202.60
42.52,207.54 207.60
42.52,223.54 202.60
37.52,239.54 202.60
42.52,255.54 202.60
42.52,271.54 202.60" "$(printf '%s\n' "$widths" | sed -n '1,6p')"
expect_eq "engine stack: absolute text at [100mm, 10mm] of the trim box" \
	'text IPAexMincho 10.00 #000000 at 283.46,37.15 to 333.46 "国際労働機関"' "$(tail -1 "$TMP/stack.dump")"
golden "engine stack: golden dump" "$D/stack.dump" "$(cat "$TMP/stack.full")"

# ---- every element ----
build elements
expect_eq "engine elements: builds without a message" "0 " "$(built elements)"
expect_eq "engine elements: two pages of A5 plus 3mm bleed" "2 436.54x612.28 bleed 8.50" \
	"$(grep -c '^page' "$TMP/elements.dump") $(sed -n 1p "$TMP/elements.dump" | cut -d' ' -f3-)"
expect_eq "engine elements: master band into the bleed, drawn first" \
	"path fill #1F3A68 stroke none rect 0.00,0.00 436.54x28.35" "$(sed -n 2p "$TMP/elements.dump")"
expect_eq "engine elements: folio {page} / {pages}, centred on the trim box" \
	'at 210.22,590.10 to 221.91 "1 / 2"|at 210.22,590.10 to 221.91 "2 / 2"' \
	"$(grep ' / 2"$' "$TMP/elements.dump" | sed 's/.* at /at /' | paste -s -d '|')"
# Connector a.right -> b.left, orthogonal: from the right edge of a
# (12mm + 40mm + bleed = 155.91) to the left edge of b (90mm + bleed = 263.62).
expect_eq "engine elements: orthogonal connector from a.right to b.left" \
	"path fill none stroke gray(0) 0.50 M 155.91,86.46 L 209.76,86.46 L 209.76,171.50 L 259.62,171.50
path fill gray(0) stroke none M 263.62,171.50 L 258.62,173.40 L 258.62,169.60 Z" \
	"$(grep -A1 'M 155.91,86.46' "$TMP/elements.dump")"
expect_eq "engine elements: connector label beside the line, clear of both boxes" \
	'text IPAexGothic 7.00 #1F3A68 at 212.76,131.64 to 233.76 "資金拠出"' "$(item elements '資金拠出' 1)"
expect_eq "engine elements: straight connector from a.bottom@25% with two heads" \
	"path fill none stroke gray(0) 0.50 M 74.65,109.01 L 316.53,191.47|M 70.87,107.72 L|M 320.31,192.76 L" \
	"$(grep -o -E 'path fill none stroke gray\(0\) 0.50 M 74.65.*|M 70.87,107.72 L|M 320.31,192.76 L' "$TMP/elements.dump" | paste -s -d '|')"
expect_eq "engine elements: dashed line with an arrowhead" \
	"path fill none stroke #1F3A68 0.50 dash 3.00,2.00 M 42.52,221.10 L 390.02,221.10" "$(item elements 'dash 3.00')"
# wide.png is 80x60: contain in 40x40mm gives 40x30mm, centred vertically.
expect_eq "engine elements: image contain, centred in its frame" \
	"image tests/data/engine/photos/wide.png 42.52,249.45 113.39x85.04" "$(item elements 'wide.png')"
# tall.jpg is 60x80: cover in 40x20mm scales to 40x53.3mm, clipped to the frame.
expect_eq "engine elements: image cover, clipped to its frame" \
	"image tests/data/engine/photos/tall.jpg 178.58,188.03 113.39x151.18 clip 178.58,235.28 113.39x56.69" \
	"$(item elements 'tall.jpg')"
expect_eq "engine elements: caption under the image frame" \
	'text IPAexGothic 7.00 #000000 at 42.52,357.62 to 62.95 "contain"' "$(item elements '"contain"')"
expect_eq "engine elements: vertical label, brackets rotated" \
	'text IPAexGothic 7.00 #1F3A68 at 348.66,241.43 vertical to 348.66,311.43 rotated 2 "協働事業（ASEAN）"' \
	"$(item elements 'vertical')"
# the bullet at the list's x, the item text the full-width ● (9pt) and half
# an em further (13.5pt: they never touch); numbers as wide as the widest
# ("5.") plus half an em
expect_eq "engine elements: bullets and numbers hang left of the item text" "42.52 56.02 235.28 247.82" \
	"$(awk '$1 == "text" && $6 ~ /,399.10$/ { split($6, p, ","); printf "%s%s", s, p[1]; s = " " }' "$TMP/elements.dump" |
	   tr ' ' '\n' | sort -n | tr '\n' ' ' | sed 's/ $//')"
expect_eq "engine elements: each bullet comes before its item in the display list (text layer order)" \
	'"●" "世界保健機関" "●" "国際労働機関"' \
	"$(awk '$1 == "text" && $6 ~ /^42.52,(399|413).10$|^56.02,(399|413).10$/ { printf "%s%s", s, $NF; s = " " }' "$TMP/elements.dump")"
expect_eq "engine elements: list items 14pt apart (the leading)" "399.10 413.10 427.10 441.10 455.10" \
	"$(awk '$NF ~ /^"[0-9]\."$/ { split($6, p, ","); printf "%s%s", s, p[2]; s = " " }' "$TMP/elements.dump")"
# The chart: the top node spans the three columns; arrows run straight down
# from its bottom edge to the top edge of each node under it.
expect_eq "engine elements: chart arrows from the spanning box to each node" \
	"M 101.10,139.15 L 101.10,241.77|M 218.27,139.15 L 218.27,241.77|M 335.43,139.15 L 335.43,241.77" \
	"$(awk '/stroke gray\(0\) 0.75 M/ { printf "%s%s %s %s %s", s, $7, $8, $9, $10; s = "|" }' "$TMP/elements.dump")"
expect_eq "engine elements: arrowheads end on the node tops (y 246.37)" "246.37 246.37 246.37" \
	"$(awk '/fill gray\(0\) stroke none M [0-9.]*,246.37/ { split($7, p, ","); printf "%s%s", s, p[2]; s = " " }' "$TMP/elements.dump")"
expect_eq "engine elements: repeat grid: a row's boxes share the tallest's height" \
	"42.52,377.50 111.50x34.34|162.52,377.50 111.50x34.34" \
	"$(awk '/E8EEF7 stroke none rect [0-9.]*,377.50/ { printf "%s%s %s", s, $7, $8; s = "|" }' "$TMP/elements.dump")"
golden "engine elements: golden dump" "$D/elements.dump" "$(cat "$TMP/elements.full")"
pdftotext "$TMP/elements.pdf" - > "$TMP/elements.txt" 2> "$TMP/elements.pdferr"
expect_eq "engine elements: the PDF's text layer has the texts" "1 3 3" \
	"$(for w in 厚生労働省 世界保健機関 資金拠出; do grep -c "$w" "$TMP/elements.txt"; done | paste -s -d ' ')"
qpdf --check "$TMP/elements.pdf" > /dev/null 2>&1
expect_eq "engine elements: qpdf --check" "0" "$?"
expect_eq "engine elements: PDF title from the string table" "Title: 組版の試験" \
	"$(pdfinfo "$TMP/elements.pdf" | sed -n 's/^Title: */Title: /p')"

# ---- flow over frames and pages; a box split; a kept box moved ----
build flow
expect_eq "engine flow: builds without a message" "0 " "$(built flow)"
expect_eq "engine flow: four pages (a flow run on to the second, a box split over the third and fourth)" "4" "$(grep -c '^page' "$TMP/flow.dump")"
# Frames: 10mm and 55mm from the left (28.35, 155.91), 40mm wide.
# (a line starting with an opening bracket starts half an em further left:
# the bracket's blank half stands out of the frame, its ink at the edge)
expect_eq "engine flow: the lines start in the two frames" "28.35 155.91" \
	"$(awk '/^page 2/ { exit } $1 == "text" && $NF !~ /^"「/ { split($6, p, ","); x[p[1]] = 1 } END { for (k in x) print k }' "$TMP/flow.dump" | sort -n | tr '\n' ' ' | sed 's/ $//')"
src=$(awk -F, '$1 == "lead" { print $2 }' "$D/strings.csv")
flowed=$(awk '/^page 3/ { exit } $1 == "text" { q = index($0, "\""); print substr($0, q + 1, length($0) - q - 1) }' "$TMP/flow.dump" | tr -d '\n')
expect_eq "engine flow: the four paragraphs in order, nothing lost or doubled" "$src$src$src$src" "$flowed"
expect_eq "engine flow: the unkept box splits: a background on each page" \
	"3 path fill #E8EEF7 stroke none rect 28.35,28.35 240.94x357.35|4 path fill #E8EEF7 stroke none rect 28.35,28.35 240.94x34.34" \
	"$(awk '/^page/ { p = $2 } /E8EEF7/ { printf "%s%s %s", s, p, $0; s = "|" }' "$TMP/flow.dump")"
expect_eq "engine flow: the kept box moves whole to the next page" \
	"4 path fill #1F3A68 stroke none rect 28.35,62.69 240.94x76.34" \
	"$(awk '/^page/ { p = $2 } /1F3A68/ { print p, $0 }' "$TMP/flow.dump")"
expect_eq "engine flow: the flow in its own box runs on at the same place on page 2 (80mm down)" \
	"28.35,234.69" "$(awk '/^page 2/ { p = 1; next } /^page 3/ { p = 0 } p && $1 == "text" { print $6; exit }' "$TMP/flow.dump")"
golden "engine flow: golden dump" "$D/flow.dump" "$(cat "$TMP/flow.full")"

# ---- balance: a flow's last frames end at one height ----
build balance
expect_eq "engine balance: builds without a message" "0 " "$(built balance)"
# last baseline of each column (x 28.35 and 155.91) per page
lasts=$(awk '/^page/ { p = $2 } $1 == "text" { split($6, a, ","); last[p " " (a[1] < 140 ? 1 : 2)] = a[2] }
	END { for (k in last) print k, last[k] }' "$TMP/balance.dump" | sort -n -k1,1 -k2,2 | awk '{ printf "%s%s", s, $3; s = " " }')
# 27 lines of 14pt: unbalanced, 24 in the first column (to the 120mm frame's
# foot) and 3 in the second; balanced, 14 and 13, a line's difference
expect_eq "engine balance: the columns end a line apart, not 21 lines (14pt leading)" \
	"218.93 204.93 359.60 64.27 246.93 233.63" "$lasts"
expect_eq "engine balance: balanced and unbalanced set the same lines" \
	"$(awk '/^page 2/ { p = 1; next } /^page 3/ { p = 0 } p && $1 == "text"' "$TMP/balance.dump" | sort -k6 | awk '{ print $NF }' | sort)" \
	"$(awk '/^page 2/ { exit } $1 == "text"' "$TMP/balance.dump" | awk '{ print $NF }' | sort)"
expect_eq "engine balance: frames with different tops: the second column starts at its own top (30mm)" \
	"155.91,92.96" "$(awk '/^page 3/ { p = 1 } p && $6 ~ /^155.91/ { print $6; exit }' "$TMP/balance.dump")"
golden "engine balance: golden dump" "$D/balance.dump" "$(cat "$TMP/balance.full")"

# ---- a stroked box split across pages: the border open where it is cut ----
build split
expect_eq "engine split: builds without a message" "0 " "$(built split)"
expect_eq "engine split: the first part: rounded top, sides down to the cut, no bottom" \
	"path fill none stroke #1F3A68 1.00 M 28.35,188.69 L 28.35,34.02 C 28.35,30.88 30.88,28.35 34.02,28.35 L 263.62,28.35 C 266.75,28.35 269.29,30.88 269.29,34.02 L 269.29,188.69" \
	"$(awk '/^page 2/ { exit } /stroke #1F3A68/' "$TMP/split.dump")"
expect_eq "engine split: the middle part: a square background and its two sides only" \
	"path fill #E8EEF7 stroke none rect 28.35,28.35 240.94x160.34
path fill none stroke #1F3A68 1.00 M 28.35,28.35 L 28.35,188.69 M 269.29,28.35 L 269.29,188.69" \
	"$(awk '/^page 2/ { p = 1; next } /^page 3/ { p = 0 } p && /^path/' "$TMP/split.dump")"
expect_eq "engine split: the last part: sides from the cut, rounded bottom, no top" \
	"path fill none stroke #1F3A68 1.00 M 28.35,28.35 L 28.35,57.02 C 28.35,60.15 30.88,62.69 34.02,62.69 L 263.62,62.69 C 266.75,62.69 269.29,60.15 269.29,57.02 L 269.29,28.35" \
	"$(awk '/^page 3/ { p = 1; next } /^page 4/ { p = 0 } p && /stroke #1F3A68/' "$TMP/split.dump")"
expect_eq "engine split: the background and border come before the text of each part" \
	"path path text|path path text|path path text" \
	"$(awk '/^page [4-9]/ { exit } /^page/ { if (n) printf "%s|", l; l = ""; n = 0; next } n < 3 { l = l (n ? " " : "") $1; n++ } END { printf "%s", l }' "$TMP/split.dump")"
expect_eq "engine split: split-border: closed outlines each part" \
	"4 path fill none stroke #D9822B 0.50 rect 28.35,28.35 240.94x160.34|5 path fill none stroke #D9822B 0.50 rect 28.35,28.35 240.94x20.34" \
	"$(awk '/^page/ { p = $2 } /D9822B/ { printf "%s%s %s", s, p, $0; s = "|" }' "$TMP/split.dump")"
golden "engine split: golden dump" "$D/split.dump" "$(cat "$TMP/split.full")"

# ---- repeat: groups in a grid, a group's list sorted, a filtered column ----
build repeat
expect_eq "engine repeat: builds without a message" "0 " "$(built repeat)"
expect_eq "engine repeat: one box per group, two columns, rows as tall as their tallest box" \
	"34.02,42.52 170.08x47.22|215.43,42.52 170.08x47.22|34.02,101.08 170.08x60.22" \
	"$(awk '/E8EEF7/ { printf "%s%s %s", s, $7, $8; s = "|" }' "$TMP/repeat.dump")"
expect_eq "engine repeat: group keys, and each group's rows sorted by -order" \
	"WELFARE 2 高齢化対策支援 1 障害者福祉対策支援 LABOUR 2 移民労働者の権利保護支援 1 労働安全衛生対策支援 HEALTH 3 産業保健支援 2 保健システム支援 1 感染症対策支援" \
	"$(awk '$1 == "text" && $NF != "\"・\"" && !/: / { q = index($0, "\""); printf "%s%s", s, substr($0, q + 1, length($0) - q - 1); s = " " }' "$TMP/repeat.dump")"
expect_eq "engine repeat: where partner != '' and sort: label (code point order)" \
	"ILO: 労働安全衛生対策支援|WHO: 感染症対策支援|WHO: 産業保健支援|ILO: 移民労働者の権利保護支援|WHO: 高齢化対策支援" \
	"$(awk '$1 == "text" && /: / { q = index($0, "\""); printf "%s%s", s, substr($0, q + 1, length($0) - q - 1); s = "|" }' "$TMP/repeat.dump")"
golden "engine repeat: golden dump" "$D/repeat.dump" "$(cat "$TMP/repeat.full")"

# ---- repeat layout: flow ----
build repeat-flow
expect_eq "engine repeat-flow: builds without a message" "0 " "$(built repeat-flow)"
# a box as wide as its text (7 characters of 9pt) and its 2mm padding each
# side; 2mm (5.67) apart; the fourth does not fit the 85mm line and wraps
# 2mm under the first line
expect_eq "engine repeat-flow: boxes as wide as their text, along the line, then wrapped" \
	"28.35,28.35 74.35x14.67|108.36,28.35 83.35x14.67|197.38,28.35 65.35x14.67|28.35,48.69 110.35x14.67|144.36,48.69 74.35x14.67" \
	"$(awk '/E8EEF7/ { printf "%s%s %s", s, $7, $8; s = "|" }' "$TMP/repeat-flow.dump")"
expect_eq "engine repeat-flow: text copies 3mm apart on one line" \
	"28.35,82.61 59.14,82.61 82.16,82.61 112.95,82.61 143.74,82.61" \
	"$(awk '$NF ~ /^"(WHO|ILO)"$/ { printf "%s%s", s, $6; s = " " }' "$TMP/repeat-flow.dump")"
expect_eq "engine repeat-flow: copies with a width: four to a line, the line that does not fit on the next page" \
	"1 28.35,95.03|1 87.87,95.03|1 147.40,95.03|1 206.93,95.03|2 28.35,28.35|2 87.87,28.35|2 147.40,28.35" \
	"$(awk '/^page/ { p = $2 } /1F3A68/ { printf "%s%s %s", s, p, $8; s = "|" }' "$TMP/repeat-flow.dump")"
golden "engine repeat-flow: golden dump" "$D/repeat-flow.dump" "$(cat "$TMP/repeat-flow.full")"

# ---- a flow's frames inside a repeat mean what they mean outside ----
build repeat-frames
expect_eq "engine repeat-frames: builds without a message" "0 " "$(built repeat-frames)"
expect_eq "engine repeat-frames: both flows on one baseline, 50mm apart (bleed counted once)" \
	"65.20,300.77 206.93,300.77" "$(awk '/"(outside|inside 2003)"/ { printf "%s%s", s, $6; s = " " }' "$TMP/repeat-frames.dump")"

# ---- names in master content: page connectors may join them ----
build masters
expect_eq "engine masters: builds without a message" "0 " "$(built masters)"
# the master's logo at [5mm, 5mm] (14.17, 14.17; 20x8mm) on every page: page
# 1's connector from its right side (70.87) to the page's box; page 2's from
# the page's box to the same side
expect_eq "engine masters: a page connector from the master's box to the page's" \
	"path fill none stroke gray(0) 0.50 M 70.87,25.51 L 120.47,25.51 L 120.47,85.04 L 166.08,85.04" \
	"$(awk '/^page 2/ { exit } /stroke gray\(0\) 0.50 M 70.87/' "$TMP/masters.dump")"
expect_eq "engine masters: on page 2, to its own copy of the master's box" \
	"path fill none stroke gray(0) 0.50 M 155.91,113.39 L 155.91,25.51 L 74.87,25.51|path fill gray(0) stroke none M 70.87,25.51 L 75.87,23.61 L 75.87,27.41 Z" \
	"$(awk '/^page 2/ { p = 1 } p && /gray\(0\)/ && !/dash/' "$TMP/masters.dump" | paste -s -d '|')"
expect_eq "engine masters: the master's own connector on both pages, under the page's content" \
	"2 2" "$(grep -c 'dash 1.00,1.00 M 42.52,36.85 L 42.52,184.25 L 226.77,184.25' "$TMP/masters.dump") $(awk '/^page/ { n = 0 } { n++ } /dash 1.00/ && n == 4 { c++ } END { print c }' "$TMP/masters.dump")"
golden "engine masters: golden dump" "$D/masters.dump" "$(cat "$TMP/masters.full")"

# ---- editions ----
build locale
expect_eq "engine locale: ja builds" "0 " "$(built locale)"
golden "engine locale: ja golden dump" "$D/locale.ja.dump" "$(cat "$TMP/locale.full")"
"$KH" build "$D/locale.yaml" -l en -o "$TMP/locale-en.pdf" --dump "$TMP/locale-en.full" > /dev/null 2> "$TMP/locale-en.err"
grep -v '^role ' "$TMP/locale-en.full" > "$TMP/locale-en.dump"
expect_eq "engine locale: en builds" "0 " "$? $(cat "$TMP/locale-en.err")"
expect_eq "engine locale: en: fonts substituted, the en size override" \
	'text LiberationSans 14.00 #000000 at 56.69,69.37 to 150.86 "Typesetting test"' "$(sed -n 2p "$TMP/locale-en.dump")"
expect_eq "engine locale: en: Latin lines broken at spaces" \
	'"The Ministry of Health, Labour and Welfare covers a"' "$(sed -n 3p "$TMP/locale-en.dump" | sed 's/.* "/"/')"
expect_eq "engine locale: en: a vertical label turned sideways, every glyph rotated" \
	'text LiberationSerif 10.00 #000000 at 340.44,64.79 vertical to 342.66,165.99 rotated 25 "World Health Organization"' \
	"$(tail -1 "$TMP/locale-en.dump")"
expect_eq "engine locale: ja: the same label upright, one character a line" \
	'text IPAexMincho 10.00 #000000 at 340.16,65.49 vertical to 340.16,115.49 "世界保健機関"' "$(tail -1 "$TMP/locale.dump")"
golden "engine locale: en golden dump" "$D/locale.en.dump" "$(cat "$TMP/locale-en.full")"
expect_eq "engine locale: en PDF title" "Title: Typesetting test" \
	"$(pdfinfo "$TMP/locale-en.pdf" | sed -n 's/^Title: */Title: /p')"

# ---- per-class node styles in a chart ----
build chart-styles
expect_eq "engine chart-styles: builds without a message" "0 " "$(built chart-styles)"
# ministry: navy fill, the chart's navy stroke, 2mm (5.67) corners, node-main
# (12pt white); international: white fill; the empty cell: the chart's pale
expect_eq "engine chart-styles: the ministry's box: its fill and radius, the chart's stroke" \
	"path fill #1F3A68 stroke #1F3A68 0.75 M 42.52,59.20 L 382.68,59.20 C 385.81,59.20" \
	"$(grep -o 'path fill #1F3A68 stroke #1F3A68 0.75 M 42.52,59.20 L 382.68,59.20 C 385.81,59.20' "$TMP/chart-styles.dump")"
expect_eq "engine chart-styles: its label in its own style, centred in the taller box" \
	'text IPAexGothic 12.00 #FFFFFF at 182.60,75.42 to 230.60 "厚生労働省"' "$(item chart-styles '厚生労働省')"
expect_eq "engine chart-styles: international boxes white; the node with no class the chart's pale" \
	"gray(100) 36.85,146.24|gray(100) 159.69,146.24|#E8EEF7 282.52,146.24" \
	"$(awk '/rect .*,146.24/ { printf "%s%s %s", s, $3, $8; s = "|" }' "$TMP/chart-styles.dump")"
expect_eq "engine chart-styles: the other labels in the chart's node style" "3" \
	"$(grep -c 'text IPAexGothic 8.00 #000000 at .*,158.94' "$TMP/chart-styles.dump")"
golden "engine chart-styles: golden dump" "$D/chart-styles.dump" "$(cat "$TMP/chart-styles.full")"

# ---- automatic org chart; a node added to the CSV needs no layout change ----
build chart-auto
expect_eq "engine chart auto: builds without a message" "0 " "$(built chart-auto)"
golden "engine chart auto: golden dump" "$D/chart-auto.dump" "$(cat "$TMP/chart-auto.full")"
# ranks: the root above its four children, the grandchildren below them
expect_eq "engine chart auto: three ranks of 1, 4 and 2 boxes" "1 4 2" \
	"$(awk '/E8EEF7.* rect / { split($8, p, ","); y[p[2]]++ } END { for (k in y) print k, y[k] }' "$TMP/chart-auto.dump" | sort -n | awk '{ printf "%s%s", s, $2; s = " " }')"
# every arrowhead's tip lies on the top edge of a box
tips=$(awk '/E8EEF7.* rect / { split($8, p, ","); split($9, q, "x"); n++; X0[n] = p[1]; Y0[n] = p[2]; X1[n] = p[1] + q[1] }
	/fill gray\(0\) stroke none M/ { split($7, t, ","); ok = 0; for (i = 1; i <= n; i++) if (t[1] >= X0[i] && t[1] <= X1[i] && t[2] - Y0[i] < 0.01 && Y0[i] - t[2] < 0.01) ok = 1; printf "%s", ok }' "$TMP/chart-auto.dump")
expect_eq "engine chart auto: every arrow ends on the top edge of a box" "1111111" "$tips"
mkdir -p "$TMP/grow"
cp "$D/chart-auto.yaml" "$D/tree-edges.csv" "$TMP/grow/"
cp "$D/tree-nodes.csv" "$TMP/grow/"
printf 'apec,アジア太平洋経済協力\n' >> "$TMP/grow/tree-nodes.csv"
printf 'mhlw,apec,連携,\n' >> "$TMP/grow/tree-edges.csv"
"$KH" build "$TMP/grow/chart-auto.yaml" -o "$TMP/grow.pdf" --dump "$TMP/grow.dump" > /dev/null 2> "$TMP/grow.err"
expect_eq "engine chart auto: a node row added to the CSV builds" "0 " "$? $(cat "$TMP/grow.err")"
expect_eq "engine chart auto: ... and shows the new box and arrow (5 under the root, 8 arrows)" "1 5 2 8" \
	"$(awk '/E8EEF7.* rect / { split($8, p, ","); y[p[2]]++ } END { for (k in y) print k, y[k] }' "$TMP/grow.dump" | sort -n | awk '{ printf "%s ", $2 }')$(grep -c 'fill gray(0) stroke none M' "$TMP/grow.dump")"
expect_eq "engine chart auto: ... with no two boxes overlapping" "" \
	"$(awk '/E8EEF7.* rect / { split($8, p, ","); split($9, q, "x"); n++; X0[n] = p[1]; Y0[n] = p[2]; X1[n] = p[1] + q[1]; Y1[n] = p[2] + q[2] }
	END { for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (X0[i] < X1[j] && X0[j] < X1[i] && Y0[i] < Y1[j] && Y0[j] < Y1[i]) print i, j }' "$TMP/grow.dump")"

# ---- check, default output, no partial output ----
out=$("$KH" check "$D/elements.yaml" 2>&1); rc=$?
expect_eq "engine check: a good layout: exit 0, no message" "0 " "$rc $out"
( cd "$TMP" && "$KH" build "$ROOT/$D/stack.yaml" > said 2> err ); rc=$?
expect_eq "engine build: default output out/NAME.LOCALE.pdf (out/ created)" "0 yes" \
	"$rc $( [ -s "$TMP/out/stack.ja.pdf" ] && echo yes || echo no)"
expect_eq "engine build: says what it wrote on standard output, nothing on standard error" \
	"wrote out/stack.ja.pdf (1 page)|" "$(cat "$TMP/said")|$(cat "$TMP/err")"
"$KH" check "$D/stack.yaml" --dump - > "$TMP/stdout.dump" 2>&1
expect_eq "engine check: --dump - writes the dump to standard output" "$(cat "$D/stack.dump")" "$(cat "$TMP/stdout.dump")"
ln -s "$TMP/target.dump" "$TMP/link.dump"
"$KH" check "$D/stack.yaml" --dump "$TMP/link.dump" 2>&1
expect_eq "engine check: a dump through a symbolic link writes its target, the link stays" "yes yes" \
	"$([ -L "$TMP/link.dump" ] && echo yes || echo no) $(cmp -s "$TMP/target.dump" "$D/stack.dump" && echo yes || echo no)"
out=$("$KH" fonts "$D/locale.yaml" -l en 2>&1); rc=$?
expect_eq "engine fonts: the styles' fonts in an edition, after substitution" \
	"0 default: Liberation Serif 10.0pt|head: Liberation Sans 14.0pt" \
	"$rc $(printf '%s\n' "$out" | sed 's/ -> .*//' | paste -s -d '|')"
f=$(printf '%s\n' "$out" | sed -n 's/^head: .* -> //p')
expect_eq "engine fonts: ... and the file each resolves to" "yes" "$([ -f "$f" ] && echo yes || echo no)"
printf 'document:\n  title: 表題\n  author: 著者\n  subject: 主題\n  keywords: "組版, PDF"\npages:\n  - content:\n      - text: x\n' > "$TMP/info.yaml"
"$KH" build "$TMP/info.yaml" -o "$TMP/info.pdf" > /dev/null 2>&1
if command -v pdfinfo >/dev/null; then
	expect_eq "engine build: document title, subject, keywords and author reach the PDF" \
		"表題|主題|組版, PDF|著者" \
		"$(pdfinfo "$TMP/info.pdf" | sed -n 's/^\(Title\|Author\|Subject\|Keywords\): *//p' | paste -s -d '|')"
fi

# A style's compress key: 追い込み takes 。」 onto the line; without it they go to the next.
for c in true false; do
	printf 'styles:\n  default: { font: IPAexMincho, size: 10pt, compress: %s }\npages:\n  - content:\n      - text: 彼は「吾輩は猫である。」と言った。\n        width: 110pt\n' $c > "$TMP/compress-$c.yaml"
	eval "lines_$c=\"\$("$KH" check "$TMP/compress-$c.yaml" --dump - 2>&1 | sed -n 's/^text .*\"\(.*\)\"$/\1/p' | paste -s -d '|')\""
done
expect_eq "engine style compress: true squeezes 。」 onto the line" "彼は「吾輩は猫である。」|と言った。" "$lines_true"
expect_eq "engine style compress: false breaks before る。」" "彼は「吾輩は猫であ|る。」と言った。" "$lines_false"
