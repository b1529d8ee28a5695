# Everything data-driven paginates: a grouped repeat runs over pages, its
# groups splitting between their items with the heading repeated and marked;
# headings stay with what follows them; widow and orphan control; a flow
# through frames runs on to new pages; valign in a box of fixed height.
# Positions are read from the dump (pt, top-left origin of the media box).
. "$(dirname "$0")/../lib.sh"
export LC_ALL=C.UTF-8

# build DIR NAME: build DIR/NAME.yaml to DIR/NAME.pdf and DIR/NAME.dump
# (stderr in DIR/NAME.err, exit status in DIR/NAME.rc).
build() {
	timeout 60 "$KH" build "$1/$2.yaml" -o "$1/$2.pdf" --dump "$1/$2.dump" > /dev/null 2> "$1/$2.err"
	echo $? > "$1/$2.rc"
}
built() { echo "$(cat "$1/$2.rc") $(cat "$1/$2.err")"; }
# texts DUMP: "PAGE TEXT" for every text item
texts() { awk '$1 == "page" { p = $2 } $1 == "text" { match($0, /"[^"]*"$/); print p, substr($0, RSTART + 1, RLENGTH - 2) }' "$1"; }

# ---- a grouped repeat of 200 rows over pages ----
# Seven groups of 12, 70, 3, 45, 20, 40 and 10 rows; the group of 70 is
# taller than an A5 page (70 lines of 13pt: 910pt, the page has 510pt).
G=$TMP/groups
mkdir -p "$G"
awk 'BEGIN { print "id,grp,name"; split("12 70 3 45 20 40 10", n, " ");
	for (g = 1; g <= 7; g++) for (i = 0; i < n[g]; i++) { id++; printf "%d,G%d,item%03d\n", id, g, id } }' > "$G/rows.csv"
cat > "$G/groups.yaml" <<'EOF'
document:
  size: A5
data:
  rows: rows.csv
styles:
  default: { font: IPAexGothic, size: 9pt, leading: 13pt }
  head: { size: 11pt, leading: 15pt }
masters:
  default:
    margins: 15mm
pages:
  - content:
      - text: Groups
        style: head
      - repeat: rows
        group-by: grp
        continued: "（続き）"
        gap: 3mm
        each:
          box:
          fill: "#E8EEF7"
          padding: 2mm
          content:
            - text: "{key}"
              style: head
            - list: group
              item: "{name}"
              bullet: "・"
EOF
build "$G" groups
expect_eq "paginate groups: 200 rows in 7 groups build without a message (no group is too tall)" "0 " "$(built "$G" groups)"
expect_eq "paginate groups: six pages" "6" "$(grep -c '^page' "$G/groups.dump")"
expect_eq "paginate groups: every row exactly once, in order" "$(seq -f 'item%03g' 1 200)" \
	"$(texts "$G/groups.dump" | awk '$2 ~ /^item/ { print $2 }')"
expect_eq "paginate groups: every group's heading once, repeated with the mark on every page it goes on to" \
	"1 G1;1 G2;2 G2（続き）;3 G2（続き）;3 G3;3 G4;4 G4（続き）;4 G5;5 G5（続き）;5 G6;6 G6（続き）;6 G7;" \
	"$(texts "$G/groups.dump" | awk '$2 ~ /^G[0-9]/' | tr '\n' ';')"
# A continued part starts at the top margin (42.52) + padding (5.67): the
# heading's baseline its ascent (0.88 x 11pt) lower; the first item 13pt
# (the list's leading) below that; the part's background from the margin.
expect_eq "paginate groups: a repeated heading at the top of the page, its first item under it" \
	'text IPAexGothic 11.00 #000000 at 48.19,57.87 to 96.40 "G2（続き）"
text IPAexGothic 9.00 #000000 at 61.69,70.87 to 91.53 "item035"' \
	"$(awk '$1 == "page" { p = $2 } p == 2 && $1 == "text" && $3 != "9.00" || p == 2 && /item035/' "$G/groups.dump" | grep -v '"・"')"
# 37 items: the last one's baseline at 70.87 + 36 x 13 = 538.87, its descent
# (0.12 x 9pt) and the padding below it: 42.52 + 503.10 = 545.62; a 38th
# would pass the bottom margin (552.76).
expect_eq "paginate groups: the part on page 2 is one background from the top margin down to its last item" \
	"path fill #E8EEF7 stroke none rect 42.52,42.52 334.49x503.10
37" \
	"$(awk '$1 == "page" { p = $2 } p == 2 && $1 == "path"' "$G/groups.dump")
$(texts "$G/groups.dump" | awk '$1 == 2 && $2 ~ /^item/' | wc -l)" \
	"$(awk '$1 == "page" { p = $2 } p == 2 && $1 == "path"' "$G/groups.dump")"
expect_eq "paginate groups: every item's bullet stays with it (200 bullets)" "200" \
	"$(grep -c '"・"' "$G/groups.dump")"

# keep: true on each: the groups move whole; each one taller than a page is an
# error with its size (G2, G4 and G6).
sed 's/^          box:$/          box:\n          keep: true/' "$G/groups.yaml" > "$G/kept.yaml"
build "$G" kept
expect_eq "paginate groups: a kept group taller than a page is an error with its size" \
	"1 $G/kept.yaml:15:9: error: repeat is too tall for the page (328.8mm, 180.0mm available) on page 2
hint: make it smaller, or drop keep: true from 'each' so that a group can split (in layout: column)
$G/kept.yaml:15:9: error: repeat is too tall for the page (214.2mm, 180.0mm available) on page 4
hint: make it smaller, or drop keep: true from 'each' so that a group can split (in layout: column)
$G/kept.yaml:15:9: error: repeat is too tall for the page (191.2mm, 180.0mm available) on page 6
hint: make it smaller, or drop keep: true from 'each' so that a group can split (in layout: column)" "$(built "$G" kept)"
# In a grid every copy moves whole: a group taller than a page is an error
# whose hint names the layout that splits it.
sed 's/^        gap: 3mm$/        gap: 3mm\n        layout: grid\n        columns: 2/' "$G/groups.yaml" > "$G/grid.yaml"
build "$G" grid
expect_eq "paginate groups: in a grid, a group taller than a page is an error pointing at layout: column" \
	"1 $G/grid.yaml:15:9: error: repeat is too tall for the page (328.8mm, 180.0mm available) on page 2
hint: make it smaller, or use layout: column, where a group splits between its items over pages" \
	"$(cat "$G/grid.rc") $(head -2 "$G/grid.err")"
# Without group-by a copy is one row: one taller than the page is still an error.
cat > "$G/tall.yaml" <<'EOF'
document: { size: A5 }
data:
  rows: rows.csv
pages:
  - content:
      - repeat: rows
        where: "id == 1"
        each:
          box:
          height: 250mm
EOF
build "$G" tall
expect_eq "paginate groups: a single copy taller than a page is still an error, with its size" \
	"1 $G/tall.yaml:6:9: error: repeat is too tall for the page (250.0mm, 170.0mm available) on page 1
hint: make it smaller" "$(built "$G" tall)"

# table: group in the group's box: the heading and then the table's header row on every part.
sed -e 's/^            - list: group$/            - table: group\n              columns: [{ header: "名前", value: "{name}" }, { header: "番号", value: "{id}", width: 20mm }]/' \
	-e '/item: "{name}"/d' -e '/bullet: "・"/d' "$G/groups.yaml" > "$G/table.yaml"
build "$G" table
expect_eq "paginate groups: table: group builds without a message" "0 " "$(built "$G" table)"
expect_eq "paginate groups: table: group has every row once, in order" "$(seq -f 'item%03g' 1 200)" \
	"$(texts "$G/table.dump" | awk '$2 ~ /^item/ { print $2 }')"
expect_eq "paginate groups: table: group repeats the heading, then the header row, on every part" \
	"1 G1 名前;1 G2 名前;2 G2（続き） 名前;3 G2（続き） 名前;3 G3 名前;3 G4 名前;4 G4（続き） 名前;5 G4（続き） 名前;5 G5 名前;6 G5（続き） 名前;6 G6 名前;7 G6（続き） 名前;7 G7 名前;" \
	"$(texts "$G/table.dump" | awk '$2 ~ /^G[0-9]/ { h = $0 } $2 == "名前" { print h, $2 }' | tr '\n' ';')"

# A group whose box would start at the foot with room for its heading and
# no item: the whole group starts on the next page (no empty part is left).
sed 's/^        style: head$/        style: head\n        space-before: 103mm/' "$G/groups.yaml" | awk '!(/space-before/ && n++)' > "$G/foot.yaml"
build "$G" foot
expect_eq "paginate groups: a group heading that would stand alone at the foot starts the next page with its items" \
	"1 path fill #E8EEF7 stroke none rect 42.52,345.49 334.49x178.10
2 path fill #E8EEF7 stroke none rect 42.52,42.52 334.49x503.10
1 G1
2 G2
2 item013" \
	"$(awk '$1 == "page" { p = $2 } p <= 2 && $1 == "path" { print p, $0 }' "$G/foot.dump")
$(texts "$G/foot.dump" | awk '$1 <= 2 && ($2 ~ /^G[0-9]/ || $2 == "item013")')"

# ---- widows, orphans, keep-with-next (tests/data/engine/paginate.yaml) ----
# The page's content runs from 28.35 to 198.43; 9pt lines 14pt apart, a
# line's ascent 7.92 and descent 1.08; the five-line paragraph is the same
# in every case.  "PAGE BASELINE FIRST-CHARACTERS" per line.
P=$TMP/p
mkdir -p "$P"
cp tests/data/engine/paginate.yaml tests/data/engine/orgs.csv tests/data/engine/links.csv "$P/"
build "$P" paginate
expect_eq "paginate wo: builds without a message, 16 pages" "0 16" "$(cat "$P/paginate.rc") $(grep -c '^page' "$P/paginate.dump")"
lines() { awk -v a="$1" -v b="$2" '$1 == "page" { p = $2 } $1 == "text" && p >= a && p <= b { split($6, xy, ","); match($0, /"[^"]*"$/); t = substr($0, RSTART + 1, RLENGTH - 2); print p, xy[2], substr(t, 1, 9) }' "$P/paginate.dump"; }
expect_eq "paginate wo: one line's room at the foot (orphans 2): the paragraph starts the next page" \
	"2 36.27 一行目
2 50.27 験で二
2 64.27 る試験
2 78.27 数える
2 92.27 字を数" "$(lines 1 2)"
expect_eq "paginate wo: orphans: 1 leaves that line at the foot (191.35), four on the next page" \
	"3 191.35 一行目
4 36.27 験で二
4 50.27 る試験
4 64.27 数える
4 78.27 字を数" "$(lines 3 4)"
expect_eq "paginate wo: room for four lines (widows 2): three stay, two go on" \
	"5 147.92 一行目
5 161.92 験で二
5 175.92 る試験
6 36.27 数える
6 50.27 字を数" "$(lines 5 6)"
expect_eq "paginate wo: widows: 1 lets four stay and one go on" \
	"7 189.92 数える
8 36.27 字を数" "$(lines 7 8 | tail -2)"
# 12pt heading: ascent 10.56, 16pt leading; the paragraph's first line 14pt under its baseline.
expect_eq "paginate keep: an h2 heading with room for one line under it moves on with the paragraph" \
	"10 38.91 見出し
10 52.91 一行目" "$(lines 9 10 | head -2)"
expect_eq "paginate keep: keep-with-next: false leaves it at the foot (175.56), alone" \
	"11 175.56 見出し
12 36.27 一行目" "$(lines 11 12 | head -2)"
expect_eq "paginate keep: a lead-in (keep-with-next in its style) and an h2 stay together with the paragraph" \
	"14 38.91 章
14 54.91 見出し
14 68.91 一行目" "$(lines 13 14 | head -3)"
# The chart's 40mm (113.39pt) do not fit under the heading at 165: the
# heading starts page 16 and the chart's area right under it (its first
# box's label at 72.11).
expect_eq "paginate keep: a heading with no room for its chart under it moves on with the chart" \
	"0
16 38.91 組織図
16 72.11 厚生労" "$(awk '$1 == "page" { p = $2 } p == 15 && $1 == "text"' "$P/paginate.dump" | wc -l)
$(lines 16 16 | head -2)"
golden "paginate wo: golden dump" tests/data/engine/paginate.dump "$(cat "$P/paginate.dump")"

# ---- a flow through frames runs on to new pages ----
F=$TMP/f
mkdir -p "$F"
cp tests/data/engine/flow-pages.yaml tests/data/engine/strings.csv "$F/"
build "$F" flow-pages
expect_eq "paginate flow: five paragraphs through two frames build on three pages without a message" "0 3" \
	"$(cat "$F/flow-pages.rc") $(grep -c '^page' "$F/flow-pages.dump")"
# Frames at x 28.35 and 155.91, from 28.35 (first baseline 36.27) down to
# 184.25: 11 lines and the paragraph gaps; "PAGE FRAME-X FIRST-BASELINE
# LINES" per frame (a line that starts with 「 sits half an em left, 23.85
# and 151.41).  The last paragraph would leave one line for page 3: widow
# control carries two there (page 2's second frame ends a line early), and
# balancing page 3 sets them one a frame.
expect_eq "paginate flow: both frames filled on pages 1 and 2 from their tops, two lines (widows) on page 3, each page its folio" \
	"1 28.35 36.27 11
1 155.91 36.27 11
2 28.35 36.27 11
2 155.91 36.27 10
3 28.35 36.27 1
3 155.91 36.27 1
1 / 3|2 / 3|3 / 3" \
	"$(awk '$1 == "page" { p = $2 } $1 == "text" && $6 !~ /,212.01$/ { split($6, xy, ","); c = xy[1] < 100 ? 28.35 : 155.91; k = p " " c;
		if (!(k in n)) { o[++m] = k; top[k] = xy[2] } else if (xy[2] < top[k]) top[k] = xy[2]; n[k]++ }
		END { for (i = 1; i <= m; i++) print o[i], top[o[i]], n[o[i]] }' "$F/flow-pages.dump")
$(grep ',212.01 ' "$F/flow-pages.dump" | sed 's/.*"\(.*\)"$/\1/' | paste -sd'|')"
lead=$(awk -F, '$1 == "lead" { print $2 }' tests/data/engine/strings.csv)
expect_eq "paginate flow: every character of the five paragraphs set once, in order" "$lead$lead$lead$lead$lead" \
	"$(awk '$1 == "text" && $6 !~ /,212.01$/ { match($0, /"[^"]*"$/); printf "%s", substr($0, RSTART + 1, RLENGTH - 2) }' "$F/flow-pages.dump")"
golden "paginate flow: golden dump" tests/data/engine/flow-pages.dump "$(cat "$F/flow-pages.dump")"

# ---- valign in a box of fixed height (tests/data/engine/valign.yaml) ----
# Content box 34.02 to 136.06 (40mm less 2mm padding each side): 102.05pt;
# the two lines take 23.99 (ascent 8.80, 14pt, descent 1.20), 78.06 free.
V=$TMP/v
mkdir -p "$V"
cp tests/data/engine/valign.yaml "$V/"
build "$V" valign
expect_eq "paginate valign: builds without a message" "0 " "$(built "$V" valign)"
expect_eq "paginate valign: top, middle (39.03 lower), bottom (78.06 lower: the last descent on the content box's bottom)" \
	"34.02,42.81 34.02,56.81
119.06,81.84 119.06,95.84
204.09,120.86 204.09,134.86" \
	"$(awk '$1 == "text" { printf "%s%s", $6, (++n % 2 ? " " : "\n") }' "$V/valign.dump")"
golden "paginate valign: golden dump" tests/data/engine/valign.dump "$(cat "$V/valign.dump")"
# Content taller than the box: from the top, and the overflow reported once.
awk '{ print } /valign: bottom/ { b = 1 } b && /content: \*two/ { print "      - box:\n        at: [10mm, 55mm]\n        size: [40mm, 8mm]\n        valign: bottom\n        content:\n          - text: 一行目\n          - text: 二行目"; b = 0 }' \
	"$V/valign.yaml" > "$V/over.yaml"
build "$V" over
expect_eq "paginate valign: content taller than its box is an error, as at the top" \
	"1 $V/over.yaml:41:13: error: text does not fit its frame on page 1; it stops before '二行目'
hint: give the frame more room, shorten the text or use a smaller style" "$(built "$V" over)"

# ---- roles (tests/data/engine/roles.yaml) ----
# "ROLE | TEXT" for every text item, "ROLE | image" for images, in order.
R=$TMP/r
mkdir -p "$R"
timeout 60 "$KH" build tests/data/engine/roles.yaml -o "$R/roles.pdf" --dump "$R/roles.dump" > /dev/null 2> "$R/roles.err"
echo $? > "$R/roles.rc"
roles() { awk '$1 == "page" { p = $2 } /^role / { r = substr($0, 6); next }
	$1 == "text" { match($0, /"[^"]*"$/); print p, r, "|", substr($0, RSTART + 1, RLENGTH - 2) }
	$1 == "image" || $1 == "path" { print p, r, "|", $1 }' "$1"; }
expect_eq "paginate roles: builds without a message" "0 " "$(built "$R" roles)"
expect_eq "paginate roles: furniture, a heading (style h2), a paragraph, list items of their list" \
	"1 Artifact | 1
1 H2 #1 | 事業の一覧
1 P #2 | 分野ごとの事業です。
1 LI #4 in #3 item 1 | ●
1 LI #4 in #3 item 1 | 一つ目
1 LI #5 in #3 item 2 | ●
1 LI #5 in #3 item 2 | 二つ目" "$(roles "$R/roles.dump" | sed -n 1,7p)"
expect_eq "paginate roles: an image is a figure with its alt text from the row, its caption the figure's" \
	'1 Figure #7 alt "高齢化対策支援の写真" | image
1 Caption #8 in #7 | WHO' "$(roles "$R/roles.dump" | sed -n 8,9p)"
expect_eq "paginate roles: role: caption from a style; a box with role: figure is one figure (background and text); a box with role: artifact" \
	'1 Caption #17 | 写真の説明
1 Figure #18 alt "図の説明" | path
1 Figure #18 alt "図の説明" | 図の中の文字
1 Artifact | path' "$(roles "$R/roles.dump" | sed -n 18,21p)"
expect_eq "paginate roles: table header cells, body cells by row (each once), rules and fills artifacts" \
	"TH #22 in #21|TH #23 in #21|TD in #21 row 1|TD in #21 row 1|TD in #21 row 2|TD in #21 row 2|TD in #21 row 3|TD in #21 row 3|TD in #21 row 4|TD in #21 row 4|TD in #21 row 5|TD in #21 row 5|TD in #21 row 6|TD in #21 row 6|TD in #21 row 7|TD in #21 row 7" \
	"$(roles "$R/roles.dump" | awk -F' [|] ' '$1 ~ / (TH|TD) / { sub(/^[0-9]+ /, "", $1); if ($1 ~ /^TD/) sub(/ #[0-9]+/, "", $1); print $1 }' | paste -sd'|')"
expect_eq "paginate roles: the header row repeated on page 2 and the page's folio are artifacts" \
	"2 Artifact | 2
2 Artifact | path
2 Artifact | path
2 Artifact | 分野
2 Artifact | 事業
2 Artifact | path" "$(roles "$R/roles.dump" | awk '$1 == 2' | sed -n 1,6p)"
expect_eq "paginate roles: a group's repeated heading is an artifact, its first heading not" \
	"1 P | G2
2 Artifact | G2（続き）
3 Artifact | G2（続き）" \
	"$(roles "$G/groups.dump" | awk '$NF ~ /^G2/' | sed 's/ #[0-9]*//')"
golden "paginate roles: golden dump" tests/data/engine/roles.dump "$(cat "$R/roles.dump")"

# ---- widows and orphans between a flow's frames (tests/data/engine/flow-wo.yaml) ----
# Frames at x 28.35 and 155.91, five lines each (baselines 36.27 + 14k);
# "PAGE X,BASELINE FIRST-TWO-CHARACTERS" per line (6 bytes: awk counts bytes).
W=$TMP/w
mkdir -p "$W"
cp tests/data/engine/flow-wo.yaml "$W/"
build "$W" flow-wo
expect_eq "paginate flow wo: builds without a message" "0 " "$(built "$W" flow-wo)"
flines() { awk -v p0="$1" '$1 == "page" { p = $2 } $1 == "text" && p == p0 { match($0, /"[^"]*"$/); t = substr($0, RSTART + 1, RLENGTH - 2); print p, $6, substr(t, 1, 6) }' "$W/flow-wo.dump" | sed -n "$2"; }
expect_eq "paginate flow wo: one line's room at the first frame's foot (orphans 2): the paragraph starts the second frame" \
	"1 28.35,78.27 あい
1 155.91,36.27 三あ" "$(flines 1 4,5p)"
expect_eq "paginate flow wo: orphans: 1 leaves its first line there" \
	"2 28.35,92.27 三あ
2 155.91,36.27 しあ" "$(flines 2 5,6p)"
expect_eq "paginate flow wo: room for three of four lines (widows 2): two stay, two go on" \
	"3 28.35,64.27 四あ
3 28.35,78.27 しあ
3 155.91,36.27 しあ
3 155.91,50.27 し終" "$(flines 3 3,6p)"
expect_eq "paginate flow wo: widows: 1: three stay, one goes on" \
	"4 28.35,92.27 しあ
4 155.91,36.27 し終" "$(flines 4 5,6p)"
golden "paginate flow wo: golden dump" tests/data/engine/flow-wo.dump "$(cat "$W/flow-wo.dump")"

# ---- the new keys are checked like every key ----
K=$TMP/k
mkdir -p "$K"
printf 'pages:\n  - content:\n      - text: a\n        keep-with-nxt: true\n        widow: 3\n      - box:\n        height: 10mm\n        valign: center\n      - text: b\n        role: heading\n' > "$K/bad.yaml"
expect_run "paginate keys: misspelt keep-with-next and widows, a bad valign and role: all said, with the closest key" 1 \
"$K/bad.yaml:4:9: error: unknown key 'keep-with-nxt' in a 'text' element
hint: did you mean 'keep-with-next'?
$K/bad.yaml:5:9: error: unknown key 'widow' in a 'text' element
hint: did you mean 'widows'?
$K/bad.yaml:8:17: error: 'valign' must be top, middle or bottom, not 'center'
$K/bad.yaml:10:15: error: 'role' must be h1, h2, h3, h4, h5, h6, p, caption, figure or artifact, not 'heading'" \
	-- "$KH" check "$K/bad.yaml"
