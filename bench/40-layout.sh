#!/bin/sh
# Layout: a generated 5,000-row table on A5 pages, three columns, header row
# repeated on every page.  Checks that it paginates correctly (header on
# every page, every row once and in order, from the extracted text), then
# prints the median wall time of 5 runs of `kumihan build` (PDF written) and
# of `kumihan check` (no PDF), the pages and the peak memory.  Target: build
# under 1 s.
cd "$(dirname "$0")/.." || exit 2
. bench/lib.sh
B=${B:-build}
KH=${KH:-$B/kumihan}
out=$B/bench/layout
mkdir -p "$out"
n=5000

awk -v n="$n" 'BEGIN { print "no,name,amount"; for (i = 1; i <= n; i++) printf "%d,行%05d の名前,%d\n", i, i, (i * 7919) % 100000 }' > "$out/rows.csv"
cat > "$out/table.yaml" <<'EOF'
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

"$KH" build "$out/table.yaml" -o "$out/table.pdf" || exit 1
pages=$(pdfinfo "$out/table.pdf" | awk '/^Pages:/ { print $2 }')
pdftotext "$out/table.pdf" "$out/table.txt"
headers=$(awk 'BEGIN { RS = "\f" } NF && gsub(/番号/, "&") == 1 { h++ } END { print h + 0 }' "$out/table.txt")
grep -o '行 *[0-9]*' "$out/table.txt" | sed 's/行 *//' > "$out/rows.txt"
seq -f '%05g' 1 $n > "$out/rows.want"
if cmp -s "$out/rows.txt" "$out/rows.want" && [ "$headers" -eq "$pages" ]; then
	ok=yes
else
	ok=NO
fi
echo "rows: $n, pages: $pages, header on $headers pages, every row once and in order: $ok"

tb=$(median_time 5 "$KH" build "$out/table.yaml" -o "$out/table.pdf")
tc=$(median_time 5 "$KH" check "$out/table.yaml")
echo "build (PDF written): median $tb s of 5 (target < 1 s)"
echo "check (layout only): median $tc s of 5"
echo "PDF bytes: $(wc -c < "$out/table.pdf"), peak memory of a build: $(peak_kb "$KH" build "$out/table.yaml" -o "$out/table.pdf") KiB"
[ "$ok" = yes ]
