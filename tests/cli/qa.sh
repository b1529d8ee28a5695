# A new user's publication, end to end: the two-page statistics leaflet of
# tests/data/qa (a 40-row table from a CSV saved by Excel in CP932, a list
# from another CSV, an automatic org chart, a grouped repeat grid, a master
# with {page}/{pages}, a ja and an en edition with two English strings
# missing), then the mistakes a publication clerk makes, each with the exact
# message kumihan gives.  Checks that fail because of a known bug print
# "skip NAME: known bug: ..." until the bug is fixed (then they print ok).
. "$(dirname "$0")/../lib.sh"
export LC_ALL=C.UTF-8
Q=tests/data/qa
L=$Q/leaflet.yaml

# known NAME WHY CONDITION...: ok when the condition holds, else a skip
# naming the known bug.
known() {
	name=$1 why=$2; shift 2
	if "$@"; then ok "$name"; else skip "$name" "known bug: $why"; fi
}

# ---- the leaflet, both editions ----
expect_run "qa leaflet ja: builds without a message" 0 "" \
	-- "$KH" build "$L" -l ja -o "$TMP/ja.pdf"
expect_eq "qa leaflet ja: build says what it wrote, on standard output" "wrote $TMP/ja2.pdf (2 pages)" \
	"$("$KH" build "$L" -l ja -o "$TMP/ja2.pdf" 2>/dev/null)"
expect_run "qa leaflet en: builds, the two missing English strings reported (fallback to ja)" 0 \
"$L:83:15: warning: no 'en' text for 'org.title'; using 'ja'
$L:110:22: warning: no 'en' text for 'fac.culture'; using 'ja'" \
	-- "$KH" build "$L" -l en -o "$TMP/en.pdf"
expect_run "qa leaflet en --strict: the missing strings are errors" 1 \
"$L:83:15: error: no 'en' text for 'org.title' (--strict refuses the 'ja' fallback)
$L:110:22: error: no 'en' text for 'fac.culture' (--strict refuses the 'ja' fallback)" \
	-- "$KH" check "$L" -l en --strict
[ -s "$TMP/ja.pdf" ] && [ -s "$TMP/en.pdf" ] || { fail "qa leaflet" "no PDF to check"; exit 0; }

# The table's rows from the CSV itself (CP932, decoded by iconv): year, then
# population (already grouped in the file), households (grouped by
# {n:number}), change and the note, with the CP932 characters ① ㈱ № 髙 \ ~ ～.
iconv -f CP932 -t UTF-8 "$Q/population.csv" | tr -d '\r' | tail -n +2 |
	sed 's/^\([0-9]*\),"\([0-9,]*\)",\([0-9]*\)\([0-9][0-9][0-9]\),\([^,]*\),\(.*\)$/\1|\2\3,\4\5\6/' |
	tr -d ' ' > "$TMP/rows.exp"
expect_eq "qa leaflet: the CSV has 40 rows" "40" "$(wc -l < "$TMP/rows.exp")"
for c in ① ㈱ № 髙 '\' '~' ～; do
	grep -qF -- "$c" "$TMP/rows.exp" || fail "qa leaflet: CSV holds '$c'" "not found after iconv"
done

for loc in ja en; do
	pdf=$TMP/$loc.pdf
	# Every table row, in file order, from page 1: the year cell, then the
	# rest exactly (spaces dropped: pdftotext puts some at 和欧間 gaps).
	pdftotext -layout -f 1 -l 1 "$pdf" - | grep -E '^ *[0-9]{4}' | tr -d ' ' > "$TMP/rows.$loc"
	if [ $loc = ja ]; then
		sed 's/^\([0-9]*\)（[^）]*）年/\1|/' "$TMP/rows.$loc" > "$TMP/rows.$loc.cut"
	else
		sed 's/^\([0-9][0-9][0-9][0-9]\)/\1|/' "$TMP/rows.$loc" > "$TMP/rows.$loc.cut"
	fi
	expect_eq "qa leaflet $loc: the 40 table rows in file order, CP932 characters intact" \
		"$(cat "$TMP/rows.exp")" "$(cat "$TMP/rows.$loc.cut")"
	qpdf --check "$pdf" > "$TMP/qpdf" 2>&1
	expect_eq "qa leaflet $loc: qpdf --check" "0" "$?"
	pdffonts "$pdf" > "$TMP/fonts" 2>&1
	bad=$(awk 'NR > 2 && !($(NF-4) == "yes" && $(NF-3) == "yes" && $(NF-2) == "yes") { print $1 }' "$TMP/fonts")
	nf=$(awk 'NR > 2' "$TMP/fonts" | wc -l)
	if [ "$nf" -gt 0 ] && [ -z "$bad" ]; then ok "qa leaflet $loc: pdffonts: $nf fonts, all emb sub uni"
	else fail "qa leaflet $loc: pdffonts" "not embedded+subset+unicode: ${bad:-no fonts}"; sed 's/^/    /' "$TMP/fonts"; fi
	expect_eq "qa leaflet $loc: 2 pages" "2" "$(pdfinfo "$pdf" | awk '/^Pages:/ { print $2 }')"
done

# Years in the edition's format: the ja default, an era's first year as 元.
expect_eq "qa leaflet ja: {year:era}" \
"1984（昭和59）年
1989（平成元）年
1990（平成2）年
2019（令和元）年
2023（令和5）年" \
	"$(grep -oE '^(1984|1989|1990|2019|2023)（[^）]*）年' "$TMP/rows.ja")"
# -raw: reading order, each grid box whole.
expect_eq "qa leaflet ja: {year:era} inside a string-table template, in a grouped repeat grid" \
"図書館
●中央図書館（1978（昭和53）年開設）
●北分館（1996（平成8）年開設）
●南分館（2012（平成24）年開設）
スポーツ施設
●市民体育館（1985（昭和60）年開設）
●総合運動公園（2004（平成16）年開設）
文化施設
●市民会館（1972（昭和47）年開設）
●郷土資料館（1991（平成3）年開設）
●美術ギャラリー（2019（令和元）年開設）" \
	"$(pdftotext -raw -f 2 -l 2 "$TMP/ja.pdf" - | sed -n '/^図書館$/,$p' | tr -d ' \f' |
		awk '/^●/ || /^[^●]*施設$/ || /^図書館$/ { if (l != "") print l; l = $0; next } { l = l $0 } END { if (l != "") print l }')"
expect_eq "qa leaflet en: years as {year} in the English template" \
	"Central Library (opened 1978)" \
	"$(pdftotext -raw -f 2 -l 2 "$TMP/en.pdf" - | tr '\n' ' ' | grep -o 'Central Library (opened 1978)')"
# The folio {page}/{pages} on both pages (ja: full-width slash from the string).
expect_eq "qa leaflet ja: folio {page}／{pages}" "1／2
2／2" "$(pdftotext "$TMP/ja.pdf" - | grep -E '^[0-9]+／[0-9]+$')"
expect_eq "qa leaflet en: folio {page}/{pages}" "1/2
2/2" "$(pdftotext "$TMP/en.pdf" - | grep -E '^[0-9]+/[0-9]+$')"
# The list from points.csv ({項目:string}) and the fallback texts in en.
expect_eq "qa leaflet ja: bulleted list from a CSV, sorted by 順" \
"・人口は40年間で増加しました
・世帯数は人口より速く増えています
・国勢調査の年は①で示します" "$(pdftotext -f 1 -l 1 "$TMP/ja.pdf" - | grep '^・' | tr -d ' ')"
en2=$(pdftotext -f 2 -l 2 "$TMP/en.pdf" -)
expect_eq "qa leaflet en: the missing strings are set in Japanese" "統計を担当する組織
文化施設" "$(printf '%s\n' "$en2" | grep -E '^(統計を担当する組織|文化施設)$')"
# The chart: every node once; the grid: one box per category, in file order.
expect_eq "qa leaflet en: chart nodes and group headings" \
"Mayor Deputy Mayor General Affairs Planning Statistics Division IT Policy Division Census Section Libraries Sports" \
	"$(for w in Mayor 'Deputy Mayor' 'General Affairs' Planning 'Statistics Division' 'IT Policy Division' 'Census Section' Libraries Sports; do
		printf '%s\n' "$en2" | grep -qx "$w" && printf '%s ' "$w"; done | sed 's/ $//')"

# ---- the mistakes a clerk makes: each reported at its place, exit 1 ----
W=$TMP/q
mkdir -p "$W" && cp "$Q"/*.csv "$Q"/leaflet.yaml "$W"/
inq() { (cd "$W" && "$@"); }
mut() { sed "$1" "$W/leaflet.yaml" > "$W/$2"; }

mut 's/{世帯数:number}/{世帯:number}/' col.yaml
expect_run "qa mistake: a typo in a column name" 1 \
"col.yaml:71:41: error: no column '世帯' in 'population.csv'
hint: did you mean '世帯数'? the columns are '年', '人口', '世帯数', '前年比', '備考'" -- inq "$KH" check col.yaml

iconv -f CP932 -t UTF-8 "$Q/population.csv" | sed -e '12s/\r$/,余分\r/' -e '4s/,\r$/\r/' | iconv -f UTF-8 -t CP932 > "$W/ragged.csv"
mut 's/file: population.csv/file: ragged.csv/' ragged.yaml
expect_run "qa mistake: ragged CSV rows (a comma missing, one too many)" 1 \
"ragged.csv:4:27: error: row has 4 fields, the header has 5
hint: an empty value still needs its comma: a row of 5 fields has 4 commas
ragged.csv:12:29: error: row has 6 fields, the header has 5
hint: a value with a comma in it must be quoted: \"1,234\"" -- inq "$KH" check ragged.yaml

iconv -f CP932 -t UTF-16 "$Q/population.csv" > "$W/pop16.csv"
mut 's/file: population.csv/file: pop16.csv/' u16.yaml
expect_run "qa mistake: saved as UTF-16 (with BOM), declared cp932" 1 \
"pop16.csv: error: the encoding is declared as CP932, but the file is UTF-16LE (it starts with a UTF-16LE byte-order mark)
hint: declare 'utf-16le', or leave the encoding to detection" -- inq "$KH" check u16.yaml
mut 's/{ file: population.csv, encoding: cp932 }/pop16.csv/' u16auto.yaml
expect_run "qa: UTF-16 with BOM, encoding detected" 0 "" -- inq "$KH" check u16auto.yaml
iconv -f CP932 -t UTF-16LE "$Q/population.csv" > "$W/pop16le.csv"
mut 's/{ file: population.csv, encoding: cp932 }/pop16le.csv/' u16le.yaml
expect_run "qa mistake: saved as UTF-16LE without BOM" 1 \
"pop16le.csv:1:4: error: NUL byte (byte offset 3)
hint: the file looks like UTF-16LE without a byte-order mark: declare 'utf-16le'" -- inq "$KH" check u16le.yaml
mut 's/encoding: cp932/encoding: utf-8/' decl8.yaml
expect_run "qa mistake: a CP932 file declared UTF-8" 1 \
"population.csv:1:1: error: byte 0x94 is not valid UTF-8 (byte offset 0)
hint: the encoding is declared as UTF-8, but the file looks like CP932: declare 'cp932', or leave the encoding to detection" -- inq "$KH" check decl8.yaml

mut 's|^      - text: "@org.title"$|      - image: photos/cityhall.jpg\n        size: [40mm, 30mm]\n      - text: "@org.title"|' img.yaml
expect_run "qa mistake: a missing image" 1 \
"img.yaml:83:16: error: cannot open the image 'photos/cityhall.jpg': No such file or directory
hint: image paths are relative to the layout file's folder" -- inq "$KH" check img.yaml

mut 's/^        style: lead$/        style: lead\n        height: 8mm/' long.yaml
expect_run "qa mistake: too long a text for a fixed height" 1 \
"long.yaml:57:9: error: text does not fit its frame on page 1; it stops before '回り、一世帯あたりの人員は減り続…'
hint: give the frame more room, shorten the text or use a smaller style" -- inq "$KH" check long.yaml

mut 's/size: 20pt, leading: 1.3/size: 20px, leading: 1.3/' px.yaml
expect_run "qa mistake: a wrong unit" 1 \
"px.yaml:34:33: error: unknown unit 'px' in '20px'
hint: use one of mm cm pt in Q em %" -- inq "$KH" check px.yaml
mut 's/size: 20pt, leading: 1.3/size: 20 pt, leading: 1.3/' sp.yaml
expect_run "qa mistake: a space before the unit" 1 \
"sp.yaml:34:33: error: no space between a number and its unit: '20 pt'" -- inq "$KH" check sp.yaml
mut 's/width: 32mm/width: 32/' nounit.yaml
expect_run "qa mistake: no unit" 1 \
"nounit.yaml:69:60: error: '32' needs a unit
hint: write 32pt or 32mm (units: mm cm pt in Q em %)" -- inq "$KH" check nounit.yaml

mut 's/style: lead$/style: leed/' leed.yaml
expect_run "qa mistake: a style name typo" 1 \
"leed.yaml:58:16: error: unknown style 'leed'
hint: did you mean 'lead'?" -- inq "$KH" check leed.yaml
mut 's/color: green }/colour: green }/' colour.yaml
expect_run "qa mistake: British 'colour'" 1 \
"colour.yaml:34:53: error: unknown key 'colour' in style 'title'
hint: did you mean 'color'?
colour.yaml:35:36: error: unknown key 'colour' in style 'h2'
hint: did you mean 'color'?" -- inq "$KH" check colour.yaml

mut 's/^        style: lead$/\tstyle: lead/' tab.yaml
expect_run "qa mistake: a tab in the YAML" 1 \
"tab.yaml:58:1: error: a tab cannot indent YAML; use spaces" -- inq "$KH" check tab.yaml
iconv -f UTF-8 -t CP932 "$W/leaflet.yaml" > "$W/sjis-layout.yaml"
expect_run "qa mistake: the layout saved in CP932 (Notepad)" 1 \
"sjis-layout.yaml:1:3: error: invalid UTF-8 (byte 0x82); layout files must be UTF-8
hint: save it as UTF-8" -- inq "$KH" check sjis-layout.yaml

mut 's/"@points.title"/"@point.title"/' key.yaml
expect_run "qa mistake: a string key typo" 1 \
"key.yaml:74:15: error: unknown string '@point.title'
hint: did you mean '@points.title'?" -- inq "$KH" check key.yaml

expect_run "qa mistake: an unknown locale with -l" 1 \
"leaflet.yaml:10:1: error: unknown locale 'eng'
hint: did you mean 'en'? the layout's locales are ja, en" -- inq "$KH" build leaflet.yaml -l eng
expect_eq "qa mistake: ... and no PDF" "" "$(ls "$W"/out 2>/dev/null)"

iconv -f CP932 -t UTF-8 "$Q/population.csv" | sed '5s/^1987/昭和62/' | iconv -f UTF-8 -t CP932 > "$W/badyear.csv"
mut 's/file: population.csv/file: badyear.csv/' year.yaml
expect_run "qa mistake: a year cell that is not a year" 1 \
"badyear.csv:5:1: error: '{年:era}': '昭和62' is not a year
hint: the template at year.yaml:69:43 formats this column as a year" -- inq "$KH" check year.yaml

# ---- the problems of tests/data/qa/README.md: the fixed ones checked
# exactly, the others "known" until they are fixed ----

# 1. encoding: takes every name `kumihan data --encoding` takes
mkdir -p "$TMP/enc"
cp "$Q/repro-encoding-name/sjis.csv" "$TMP/enc/"
for e in Shift_JIS shift_jis SJIS CP932 windows-31j MS932; do
	sed "s/encoding: Shift_JIS/encoding: $e/" "$Q/repro-encoding-name/layout.yaml" > "$TMP/enc/l.yaml"
	expect_run "qa: encoding: $e in a layout reads the CP932 file" 0 "" -- "$KH" check "$TMP/enc/l.yaml"
done
"$KH" build "$Q/repro-encoding-name/layout.yaml" -o "$TMP/enc.pdf" > /dev/null 2>&1
expect_eq "qa: encoding: Shift_JIS: the cell read as CP932" \
	"$(iconv -f CP932 -t UTF-8 "$Q/repro-encoding-name/sjis.csv" | tail -1 | cut -d, -f2 | tr -d '\r')" \
	"$(pdftotext "$TMP/enc.pdf" - | sed -n 2p)"
sed "s/encoding: Shift_JIS/encoding: utf-16/" "$Q/repro-encoding-name/layout.yaml" > "$TMP/enc/l.yaml"
expect_run "qa: encoding: utf-16 is a name (the CP932 file is then refused)" 1 \
"$TMP/enc/sjis.csv: error: the encoding is declared as UTF-16, but the file is CP932 (it has no NUL bytes, UTF-16 text always has)
hint: declare 'cp932', or leave the encoding to detection" -- "$KH" check "$TMP/enc/l.yaml"
sed "s/encoding: Shift_JIS/encoding: shift-jiz/" "$Q/repro-encoding-name/layout.yaml" > "$TMP/enc/l.yaml"
expect_run "qa: encoding: an unknown name: the closest, and every name" 1 \
"$TMP/enc/l.yaml:2:39: error: unknown encoding 'shift-jiz'
hint: did you mean 'shift_jis'? the encodings are auto, utf-8, cp932 (shift_jis, sjis, windows-31j, ms932), euc-jp, utf-16le, utf-16be, utf-16 (case, '-' and '_' do not matter)" \
	-- "$KH" check "$TMP/enc/l.yaml"
sed "s/encoding: Shift_JIS/encoding: latin1/" "$Q/repro-encoding-name/layout.yaml" > "$TMP/enc/l.yaml"
expect_run "qa: encoding: a name near none: every name" 1 \
"$TMP/enc/l.yaml:2:39: error: unknown encoding 'latin1'
hint: the encodings are auto, utf-8, cp932 (shift_jis, sjis, windows-31j, ms932), euc-jp, utf-16le, utf-16be, utf-16 (case, '-' and '_' do not matter)" \
	-- "$KH" check "$TMP/enc/l.yaml"

# 2, 3. the locale's fonts: map matches names as font lookup does, and
# replaces the font, not the fallbacks; a fallback that repeats the font (or
# an earlier fallback) is left out
fontsof() { "$KH" fonts "$@" 2>&1 | sed 's| -> [^;]*||g'; }
expect_eq "qa: fonts: the map applies to 'IPAex Gothic' as to 'IPAexGothic'; en keeps the fallback" \
"default: Liberation Sans 10.0pt; fallback IPAexGothic
spaced: Liberation Sans 10.0pt; fallback IPAexGothic" "$(fontsof "$Q/repro-font-map/layout.yaml" -l en)"
expect_eq "qa: fonts: in ja the fallback, the font itself, is left out (IPAmj Mincho ends the default Japanese chain)" \
"default: IPAexGothic 10.0pt; fallback IPAmjMincho
spaced: IPAexGothic 10.0pt; fallback IPAmjMincho" "$(fontsof "$Q/repro-font-map/layout.yaml" -l ja)"
for l in ja en; do
	expect_run "qa: fonts: ① is found in $l (no warning)" 0 "" -- "$KH" check "$Q/repro-font-map/layout.yaml" -l $l
done
cat > "$TMP/dup.yaml" <<'END'
styles:
  default: { font: Liberation Sans, fallback: [Liberation Sans, IPAexGothic, IPAex Gothic, liberation sans] }
pages:
  - content:
      - text: "Seoul 한"
END
expect_run "qa: a missing glyph names each font once" 0 \
"$TMP/dup.yaml:5:15: warning: '한' (U+D55C) is not in Liberation Sans, IPAexGothic or IPAmjMincho
hint: add a font that has it to the style's 'fallback' list" -- "$KH" check "$TMP/dup.yaml"

n=$("$KH" check "$Q/repro-glyph-warnings/layout.yaml" 2>&1 | grep -c 'U+2460')
known "qa: a character missing from a font is reported once per place" \
	"one warning per table row ($n for ①)" [ "$n" -eq 1 ]

out=$("$KH" check "$Q/repro-value-row/layout.yaml" 2>&1)
known "qa: a bad year cell names its CSV row" "the message gives only the layout template" \
	sh -c 'printf "%s\n" "$1" | grep -q "rows.csv:4"' _ "$out"

# 6. an unquoted #RRGGBB is a YAML comment
expect_run "qa: an unquoted #RRGGBB in colors: says that # starts a YAML comment" 1 \
"$Q/repro-hex-colour/layout.yaml:2:10: error: the colour 'green' is empty: '#' starts a comment in YAML
hint: quote the colour: \"#2E6B3A\"" -- "$KH" check "$Q/repro-hex-colour/layout.yaml"
cat > "$TMP/hex.yaml" <<'END'
pages:
  - content:
      - box:
        fill: #FFF   # white
        stroke: # none yet
        size: [10mm, 10mm]
END
expect_run "qa: an unquoted #RGB on an element; an empty value with a real comment as before" 1 \
"$TMP/hex.yaml:4:15: error: 'fill' is empty: '#' starts a comment in YAML
hint: quote the colour: \"#FFF\"
$TMP/hex.yaml:5:16: error: unknown colour ''
hint: define it under colors:, or write \"#RRGGBB\", cmyk(C, M, Y, K) or gray(P)" -- "$KH" check "$TMP/hex.yaml"

# 7. a filter that keeps no row; a bare word in a filter
expect_run "qa: a where that keeps no row is a warning, with the value it was near" 0 \
"$Q/repro-empty-filter/layout.yaml:6:16: warning: the filter 'name == 'B'' keeps no row of 't'
hint: did you mean 'b'?" -- "$KH" build "$Q/repro-empty-filter/layout.yaml" -o "$TMP/empty.pdf"
mkdir -p "$TMP/flt" && cp "$Q/repro-empty-filter/t.csv" "$TMP/flt/"
sed "s/name == 'B'/id >= 3/" "$Q/repro-empty-filter/layout.yaml" > "$TMP/flt/l.yaml"
expect_run "qa: a number filter that keeps no row: the warning alone" 0 \
"$TMP/flt/l.yaml:6:16: warning: the filter 'id >= 3' keeps no row of 't'" -- "$KH" check "$TMP/flt/l.yaml"
sed "s/name == 'B'/id == 2 and name == 'a'/" "$Q/repro-empty-filter/layout.yaml" > "$TMP/flt/l.yaml"
expect_run "qa: conditions that keep rows each but none together: no value suggested" 0 \
"$TMP/flt/l.yaml:6:16: warning: the filter 'id == 2 and name == 'a'' keeps no row of 't'" -- "$KH" check "$TMP/flt/l.yaml"
mut "s/^              sort: opened\$/              sort: opened\n              where: \"name == '市民会舘'\"/" grp.yaml
expect_run "qa: a filter on a group's rows that keeps no row of the whole table" 0 \
"grp.yaml:114:22: warning: the filter 'name == '市民会舘'' keeps no row of 'facilities'
hint: did you mean '市民会館'?" -- inq "$KH" check grp.yaml
expect_run "qa: a bare word in a filter is an error (values are quoted or numbers)" 1 \
"$Q/repro-filter-bare/layout.yaml:6:25: error: the value 'b' in the filter 'name == b' is not quoted
hint: text values are quoted: \"name == 'b'\"" -- "$KH" check "$Q/repro-filter-bare/layout.yaml"

# 8. layout: auto keeps siblings in the nodes table's order, a child under
# its parent
"$KH" build "$Q/repro-chart-order/layout.yaml" -o "$TMP/chart.pdf" --dump "$TMP/chart.dump" > /dev/null 2>&1
expect_eq "qa: layout: auto keeps siblings in CSV order (統計課 left of 情報政策課)" \
	"市長 企画部 統計課 情報政策課 国勢調査係" \
	"$(awk '$1 == "text" { split($6, p, ","); print p[2], p[1], $NF }' "$TMP/chart.dump" | sort -n -k1,1 -k2,2 |
		awk '{ gsub(/"/, "", $3); printf "%s%s", s, $3; s = " " }')"
# label centres: start + characters * 10pt / 2
expect_eq "qa: layout: auto: 国勢調査係 centred under 統計課" "統計課 263.46 国勢調査係 263.46" \
	"$(awk '$1 == "text" && ($NF == "\"統計課\"" || $NF == "\"国勢調査係\"") { split($6, p, ","); t = $NF; gsub(/"/, "", t);
		printf "%s%s %.2f", s, t, p[1] + (t == "統計課" ? 3 : 5) * 5; s = " " }' "$TMP/chart.dump")"

# 9. faces: bold, italic
expect_run "qa: a face written into the family name: the hint names font and face" 1 \
"$Q/repro-bold/layout.yaml:2:20: error: font 'Liberation Sans Bold' is not installed
hint: 'Bold' is a face of 'Liberation Sans': write 'font: Liberation Sans' and 'face: Bold'" \
	-- "$KH" check "$Q/repro-bold/layout.yaml"
cat > "$TMP/bold.yaml" <<'END'
locales:
  ja: {}
  en: { script: latin, fonts: { IPAexGothic: Liberation Sans } }
styles:
  default: { font: IPAexGothic }
  heading: { font: Liberation Sans, face: Bold, size: 14pt }
  strong: { face: bold, ja: { face: Regular } }
pages:
  - content:
      - text: Annual statistics
        style: heading
      - text: Strong words
        style: strong
      - text: Italic words
        font: Liberation Sans
        face: Italic
END
expect_eq "qa: faces: kumihan fonts names the face (en: the mapped family's bold)" \
"default: Liberation Sans 10.0pt
heading: Liberation Sans (Bold) 14.0pt
strong: Liberation Sans (Bold) 10.0pt" "$(fontsof "$TMP/bold.yaml" -l en)"
for l in ja en; do
	"$KH" build "$TMP/bold.yaml" -l $l -o "$TMP/bold-$l.pdf" --dump "$TMP/bold-$l.dump" > /dev/null 2>&1
done
expect_eq "qa: faces: ja: Liberation Sans Bold, IPAexGothic regular (its ja key), Liberation Sans Italic" \
'LiberationSans-Bold "Annual statistics"
IPAexGothic "Strong words"
LiberationSans-Italic "Italic words"' "$(sed -n 's/^text \([^ ]*\) .* \("[^"]*"\)$/\1 \2/p' "$TMP/bold-ja.dump")"
expect_eq "qa: faces: en: the bold face of the mapped family" \
'LiberationSans-Bold "Annual statistics"
LiberationSans-Bold "Strong words"
LiberationSans-Italic "Italic words"' "$(sed -n 's/^text \([^ ]*\) .* \("[^"]*"\)$/\1 \2/p' "$TMP/bold-en.dump")"
expect_eq "qa: faces: the PDF embeds the bold and the italic file" "LiberationSans-Bold LiberationSans-Italic" \
	"$(pdffonts "$TMP/bold-en.pdf" | awk 'NR > 2 { sub(/^[A-Z]*\+/, "", $1); sub(/,.*/, "", $1); print $1 }' | sort | tr '\n' ' ' | sed 's/ $//')"
sed 's/  strong: { face: bold, ja: { face: Regular } }/  strong: { face: bold }/' "$TMP/bold.yaml" > "$TMP/bold2.yaml"
expect_run "qa: faces: IPAexGothic has no bold face" 1 \
"$TMP/bold2.yaml:7:19: error: font 'IPAexGothic' has no face 'bold'
hint: its faces are 'Regular'" -- "$KH" check "$TMP/bold2.yaml" -l ja

# 10. a list's default indent: the bullet's width and half an em
"$KH" build "$Q/repro-bullet-gap/layout.yaml" -o "$TMP/bullet.pdf" --dump "$TMP/bullet.dump" > /dev/null 2>&1
expect_eq "qa: a full-width ● (12pt) and its text 18pt apart (1.5em)" "56.69 74.69 56.69 74.69" \
	"$(awk '$1 == "text" { split($6, p, ","); printf "%s%s", s, p[1]; s = " " }' "$TMP/bullet.dump")"
sed 's/font: IPAexGothic/font: Liberation Sans/; s/\[中央図書館, 北分館\]/[Central, North]/' \
	"$Q/repro-bullet-gap/layout.yaml" > "$TMP/bullet-en.yaml"
"$KH" build "$TMP/bullet-en.yaml" -o "$TMP/bullet-en.pdf" --dump "$TMP/bullet-en.dump" > /dev/null 2>&1
expect_eq "qa: Liberation Sans's ● (7.25pt) and its text 13.25pt apart (half an em more)" "56.69 69.94 56.69 69.94" \
	"$(awk '$1 == "text" { split($6, p, ","); printf "%s%s", s, p[1]; s = " " }' "$TMP/bullet-en.dump")"

# 13. a length typed in full width
for v in ３２mm 32ｍｍ; do
	sed "s/３２mm/$v/" "$Q/repro-fullwidth-length/layout.yaml" > "$TMP/fw.yaml"
	if [ $v = 32ｍｍ ]; then what="unknown unit 'ｍｍ' in '32ｍｍ'"
	else what="'width' must be a length such as 10pt or 3.5mm, not '３２mm'"; fi
	expect_run "qa: a length typed in full width ($v): the ASCII form as a hint" 1 \
"$TMP/fw.yaml:4:16: error: $what
hint: write it in ASCII (half-width) characters: 32mm" -- "$KH" check "$TMP/fw.yaml"
done

expect_run "qa: --strict names the fallback it refuses" 1 \
"$Q/repro-strict-wording/layout.yaml:8:15: error: no 'en' text for 'title' (--strict refuses the 'ja' fallback)" \
	-- "$KH" check "$Q/repro-strict-wording/layout.yaml" -l en --strict
for l in EN en-GB; do
	expect_run "qa: -l $l suggests 'en'" 1 "$Q/repro-locale-case/layout.yaml:1:1: error: unknown locale '$l'
hint: did you mean 'en'? the layout's locales are ja, en" -- "$KH" check "$Q/repro-locale-case/layout.yaml" -l $l
done
