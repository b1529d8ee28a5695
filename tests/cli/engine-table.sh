# A 500-row table paginates: the header row on every page, every row once and
# in order, checked from the PDF's extracted text and from the dump.  (The
# 5,000-row version is bench/40-layout.sh.)
. "$(dirname "$0")/../lib.sh"
export LC_ALL=C.UTF-8

# table_layout DIR ROWS: a CSV of ROWS rows and an A5 layout with a table of it.
table_layout() {
	awk -v n="$2" 'BEGIN { print "no,name,amount"; for (i = 1; i <= n; i++) printf "%d,行%05d の名前,%d\n", i, i, (i * 7919) % 100000 }' > "$1/rows.csv"
	cat > "$1/table.yaml" <<'EOF'
document: { size: A5 }
data:
  rows: rows.csv
styles:
  default: { font: IPAexGothic, size: 8pt, leading: 11pt }
  head: { color: "#FFFFFF" }
masters:
  default:
    margins: [15mm, 12mm, 15mm, 12mm]
pages:
  - content:
      - text: "表の試験"
        space-after: 3mm
      - table: rows
        columns:
          - { header: "番号", value: "{no}", width: 15mm, align: right }
          - { header: "名前", value: "{name}" }
          - { header: "金額", value: "{amount:number}", width: 25mm, align: right }
        header-style: head
        header-fill: "#1F3A68"
        rule: "#B9C5D8"
        padding: [0.8mm, 2mm]
EOF
}

mkdir -p "$TMP/t"
table_layout "$TMP/t" 500
"$KH" build "$TMP/t/table.yaml" -o "$TMP/t.pdf" --dump "$TMP/t.dump" 2> "$TMP/t.err"
expect_eq "engine table: 500 rows build without a message" "0 " "$? $(cat "$TMP/t.err")"
pages=$(grep -c '^page' "$TMP/t.dump")
pdftotext "$TMP/t.pdf" "$TMP/t.txt" 2> "$TMP/t.pdferr"
expect_eq "engine table: pdftotext reads it without a warning" "" "$(cat "$TMP/t.pdferr")"
expect_eq "engine table: the PDF has the dump's pages" "Pages: $pages" \
	"$(pdfinfo "$TMP/t.pdf" | grep '^Pages:' | sed 's/  */ /')"
# per page (pages end with a form feed): header cells and rows
perpage=$(awk 'BEGIN { RS = "\f" } NF { h = gsub(/番号/, "&"); r = gsub(/行 *[0-9]+/, "&"); print h, r }' "$TMP/t.txt")
expect_eq "engine table: the header row on each of the $pages pages" "$pages" \
	"$(printf '%s\n' "$perpage" | awk '$1 == 1' | wc -l | tr -d ' ')"
expect_eq "engine table: more than one page, rows on every page" "yes" \
	"$( [ "$pages" -gt 5 ] && ! printf '%s\n' "$perpage" | awk '$2 == 0' | grep -q . && echo yes || echo no)"
grep -o '行 *[0-9]*' "$TMP/t.txt" | sed 's/行 *//' > "$TMP/rows"
expect_eq "engine table: every row once, in order (from the text)" "$(seq -f '%05g' 1 500)" "$(cat "$TMP/rows")"
expect_eq "engine table: every row once, in order (from the dump)" "$(seq -f '%05g' 1 500)" \
	"$(grep -o '"行[0-9]*' "$TMP/t.dump" | sed 's/"行//')"
expect_eq "engine table: the header is the first text of every page after the first" "$((pages - 1))" \
	"$(awk '/^page/ { p = $2; first = 1; next } $1 == "text" && first { first = 0; if (p > 1 && $NF == "\"番号\"") n++ } END { print n + 0 }' "$TMP/t.dump")"
# the last row of a page and the header of the next: nothing between the
# last rule and the bottom margin (595.28 - 15mm = 552.76) could have held
# another row
expect_eq "engine table: rows fill each page down to the bottom margin" "" \
	"$(awk '/^page/ { if (last) { if (552.76 - last >= rowh) print "page " p " ends at " last; } p = $2; last = 0; next }
	        /stroke #B9C5D8/ { split($8, a, ","); y = a[2]; if (prev) rowh = y - prev; prev = y; last = y }
	        END {}' "$TMP/t.dump" | sed '$d')"
