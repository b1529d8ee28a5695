#!/bin/sh
# Layout: a generated 5,000-row table on A5 pages, three columns, header row
# repeated on every page.  Checks that it paginates correctly (header on
# every page, every row once and in order, from the extracted text), then
# prints the median wall time of 5 runs of `kumihan build` (PDF written) and
# of `kumihan check` (no PDF), the pages and the peak memory.  Target: build
# under 1 s.
#
# Before and after: the same table built by the binary of a baseline
# revision (BEFORE_REV, default: where this branch left main; built once
# from `git archive` into build/bench/before-REV) in the same run, the two
# taken in turns, with the ratios after / before (< 1: faster, smaller).  KH_BEFORE=path uses that
# binary instead; BEFORE_REV=none skips it.  Then the same 5,000 rows as a
# grouped repeat (50 groups of 100, each taller than a page), which the
# baseline refuses as too tall.
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

# the baseline binary
rev=${BEFORE_REV:-$(git merge-base HEAD main 2>/dev/null)}
before=${KH_BEFORE:-}
short=
if [ -z "$before" ] && [ -n "$rev" ] && [ "$rev" != none ]; then
	short=$(git rev-parse --short "$rev" 2>/dev/null)
	bdir=$B/bench/before-$short
	if [ -n "$short" ] && [ ! -x "$bdir/build/kumihan" ]; then
		rm -rf "$bdir" && mkdir -p "$bdir" &&
			git archive "$rev" | tar -x -C "$bdir" &&
			make -C "$bdir" -j2 build > "$bdir.log" 2>&1 || echo "baseline $short did not build (see $bdir.log)"
	fi
	[ -x "$bdir/build/kumihan" ] && before=$bdir/build/kumihan
fi
ratio() { echo "$1 / $2" | bc -l | xargs printf '%.2f'; }

tb=$(median_time 5 "$KH" build "$out/table.yaml" -o "$out/table.pdf")
tc=$(median_time 5 "$KH" check "$out/table.yaml")
mb=$(peak_kb "$KH" build "$out/table.yaml" -o "$out/table.pdf")
echo "build (PDF written): median $tb s of 5 (target < 1 s)"
echo "check (layout only): median $tc s of 5"
echo "PDF bytes: $(wc -c < "$out/table.pdf"), peak memory of a build: $mb KiB"
if [ -n "$before" ]; then
	# after and before taken in turns, so that a busy machine slows both
	i=0
	while [ $i -lt 7 ]; do
		for who in after before; do
			bin=$KH; [ $who = before ] && bin=$before
			s=$(date +%s.%N); "$bin" build "$out/table.yaml" -o "$out/table-$who.pdf" > /dev/null 2>&1; e=$(date +%s.%N)
			echo "$e - $s" | bc -l >> "$out/$who.build"
			s=$(date +%s.%N); "$bin" check "$out/table.yaml" > /dev/null 2>&1; e=$(date +%s.%N)
			echo "$e - $s" | bc -l >> "$out/$who.check"
		done
		i=$((i + 1))
	done
	med() { sort -n "$1" | awk '{ a[NR] = $1 } END { printf "%.4f", a[(NR + 1) / 2] }'; rm -f "$1"; }
	ab=$(med "$out/after.build") ac=$(med "$out/after.check") ob=$(med "$out/before.build") oc=$(med "$out/before.check")
	om=$(peak_kb "$before" build "$out/table.yaml" -o "$out/table-before.pdf")
	echo "before (${short:-$before}) and after, 7 runs each in turns: build median $ob s -> $ab s, check median $oc s -> $ac s; peak memory $om KiB -> $mb KiB"
	echo "after / before: build $(ratio "$ab" "$ob"), check $(ratio "$ac" "$oc"), memory $(ratio "$mb" "$om")"
fi

# the same rows as a grouped repeat: 50 groups of 100 rows, each group a box
# with its heading and a list, splitting over pages with the heading repeated
awk -v n="$n" 'BEGIN { print "no,grp,name"; for (i = 1; i <= n; i++) printf "%d,g%02d,行%05d の名前\n", i, int((i - 1) / 100), i }' > "$out/grouped.csv"
cat > "$out/grouped.yaml" <<'EOF'
document: { size: A5 }
data:
  rows: grouped.csv
styles:
  default: { font: IPAexGothic, size: 8pt, leading: 11pt }
  h3: { size: 10pt, leading: 14pt }
masters:
  default:
    margins: [15mm, 12mm, 15mm, 12mm]
pages:
  - content:
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
              style: h3
            - list: group
              item: "{no} {name}"
              bullet: "・"
EOF
"$KH" build "$out/grouped.yaml" -o "$out/grouped.pdf" || exit 1
gpages=$(pdfinfo "$out/grouped.pdf" | awk '/^Pages:/ { print $2 }')
pdftotext "$out/grouped.pdf" - | grep -o '行 *[0-9]*' | sed 's/行 *//' > "$out/grouped.txt"
if cmp -s "$out/grouped.txt" "$out/rows.want"; then gok=yes; else gok=NO; ok=NO; fi
tg=$(median_time 5 "$KH" build "$out/grouped.yaml" -o "$out/grouped.pdf")
echo "grouped repeat: $n rows in 50 groups, pages: $gpages, every row once and in order: $gok"
echo "grouped repeat: build median $tg s of 5, peak memory $(peak_kb "$KH" build "$out/grouped.yaml" -o "$out/grouped.pdf") KiB"
[ "$ok" = yes ]
