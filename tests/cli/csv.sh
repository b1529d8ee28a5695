# `kumihan data`: how CSV files in every encoding are read, the summary and
# JSON views, and the exact message for every kind of bad input.
. "$(dirname "$0")/../lib.sh"
D=tests/data/csv

# ---- encodings: the same table in each ----

SAMPLE='[
["番号","名前","備考"],
["1","髙橋 ①","C:\\data\\file ～"],
["2","㈱テスト","№2 ｶﾅ"],
["3","複数\n行","\"引用\""]
]'
for f in cp932 utf8-bom utf16le utf16be; do
	out=$("$KH" data --json $D/$f.csv); rc=$?
	expect_eq "csv data: $f.csv read exactly (JSON)" "0 $SAMPLE" "$rc $out"
done
out=$("$KH" data --json --encoding cp932 $D/cp932.csv)
expect_eq "csv data: cp932 declared" "$SAMPLE" "$out"
out=$("$KH" data --json --encoding Shift_JIS $D/cp932.csv)
expect_eq "csv data: shift_jis means CP932 (backslash, ～, ①, ㈱, №, 髙 intact)" "$SAMPLE" "$out"
out=$("$KH" data --json --encoding utf-16 $D/utf16be.csv)
expect_eq "csv data: utf-16 takes the byte order from the BOM" "$SAMPLE" "$out"
out=$("$KH" data --json $D/eucjp.csv)
expect_eq "csv data: EUC-JP with half-width kana and JIS X 0212" '[
["番号","名前"],
["1","山田 太郎"],
["2","ﾃｽﾄ"],
["3","丂"]
]' "$out"

# ---- the summary view ----

out=$("$KH" data $D/cp932.csv 2>&1)
expect_eq "csv data: summary of a CP932 file" "file:     $D/cp932.csv
encoding: CP932 (detected)
columns:  3 (header on line 1)
    1  番号
    2  名前
    3  備考
rows:     3

line | 番号 | 名前     | 備考
-----+------+----------+----------------
   2 | 1    | 髙橋 ①   | C:\\data\\file ～
   3 | 2    | ㈱テスト | №2 ｶﾅ
   4 | 3    | 複数\\n行 | \"引用\"" "$out"

out=$("$KH" data --encoding utf-8 $D/utf8-bom.csv | sed -n 2p)
expect_eq "csv data: summary says declared and BOM" "encoding: UTF-8, with a byte-order mark (declared)" "$out"

awk 'BEGIN { print "n,sq"; for (i = 1; i <= 12; i++) print i "," i * i }' > "$TMP/twelve.csv"
out=$("$KH" data "$TMP/twelve.csv" | sed -n '/^rows/p; $p')
expect_eq "csv data: the first ten rows" "rows:     12 (the first 10 shown; --all shows every row)
  11 | 10 | 100" "$out"
out=$("$KH" data --all "$TMP/twelve.csv" | sed -n '/^rows/p; $p')
expect_eq "csv data: --all shows every row" "rows:     12
  13 | 12 | 144" "$out"

printf 'a,b,c\n"x\ty","%s",\n' "$(printf '%045d' 0)" > "$TMP/wide.csv"
out=$("$KH" data "$TMP/wide.csv" | tail -1)
expect_eq "csv data: summary escapes tabs, cuts long cells, shows empty ones" \
	"   2 | x\\ty | 0000000000000000000000000000000000000... |" "$out"

# ---- JSON ----

printf 'k,v\r\na,"q""uote\\back\r\nslash"\r\nb,\001\r\n' > "$TMP/esc.csv"
out=$("$KH" data --json "$TMP/esc.csv"); rc=$?
expect_eq "csv data: JSON escapes quotes, backslashes, newlines and control characters" '0 [
["k","v"],
["a","q\"uote\\back\nslash"],
["b","\u0001"]
]' "$rc $out"
printf 'only,header\n' > "$TMP/hdr.csv"
out=$("$KH" data --json "$TMP/hdr.csv" 2>/dev/null); rc=$?
expect_eq "csv data: JSON of a header-only table" '0 [
["only","header"]
]' "$rc $out"
expect_run "csv data: a header-only table is a warning" 0 "$TMP/hdr.csv: warning: the table has a header but no rows" \
	-- "$KH" data --json "$TMP/hdr.csv"

# ---- line ends ----

printf 'a,b\r1,2\r\r3,"x\ry"\r' > "$TMP/cr.csv"
out=$("$KH" data --json "$TMP/cr.csv")
expect_eq "csv data: CR line ends, blank line skipped, quoted CR read as LF" '[
["a","b"],
["1","2"],
["3","x\ny"]
]' "$out"
out=$("$KH" data "$TMP/cr.csv" | tail -2)
expect_eq "csv data: rows keep their source lines with CR line ends" "   2 | 1 | 2
   4 | 3 | x\\ny" "$out"

# ---- bad input: exact messages ----

# bad NAME BYTES EXPECTED [OPTIONS]: BYTES (printf format) into $TMP/NAME.csv,
# `kumihan data` must exit 1 with EXPECTED ("@" stands for the file name).
bad() {
	printf "$2" > "$TMP/$1.csv"
	exp=$(printf '%s' "$3" | sed "s|@|$TMP/$1.csv|g")
	f=$1 x=$3; shift 3
	expect_run "csv error: $f" 1 "$exp" -- "$KH" data "$@" "$TMP/$f.csv"
}

bad unterminated 'a,b\n1,"open\n2,3\n' '@:2:3: error: quoted field is not closed
hint: the quote opened here runs to the end of the file; a quote inside a quoted field is written twice: ""'
bad quote-in-unquoted 'a,b\n1,say "hi"\n' '@:2:7: error: quote inside an unquoted field
hint: quote the field and double the quotes in it: "say ""hi"""'
bad text-after-quote 'a,b\r\n1,"x\r\ny"z\r\n' "@:3:3: error: 'z' after the closing quote of a field
hint: a quote inside a quoted field is written twice: \"\""
bad space-after-quote 'a,b\n"1" ,2\n' "@:2:4: error: ' ' after the closing quote of a field
hint: a quote inside a quoted field is written twice: \"\""
bad ragged-more 'a,b\n1,2\n3,4,5\n' '@:3:5: error: row has 3 fields, the header has 2
hint: a value with a comma in it must be quoted: "1,234"'
bad ragged-trailing-comma 'a,b\n1,2,\n' '@:2:5: error: row has 3 fields, the header has 2
hint: the row ends with 1 empty field too many: remove the extra comma at its end'
bad ragged-fewer 'a,b,c\n"名\n前",2\n' '@:3:5: error: row has 2 fields, the header has 3
hint: an empty value still needs its comma: a row of 3 fields has 2 commas'
bad ragged-several 'a,b\n1\n2,3\n4\n' '@:2:2: error: row has 1 field, the header has 2
hint: an empty value still needs its comma: a row of 2 fields has 1 comma
@:4:2: error: row has 1 field, the header has 2
hint: an empty value still needs its comma: a row of 2 fields has 1 comma'
bad header-empty-name 'a,,c\n1,2,3\n' '@:1:3: error: column 2 has no name
hint: every column needs a name in the header row (the first row)'
bad header-blank-name 'a,　,c\n1,2,3\n' '@:1:3: error: column 2 has no name
hint: every column needs a name in the header row (the first row)'
bad header-duplicate '名前,番号,名前\n1,2,3\n' "@:1:7: error: duplicate column name '名前'
hint: column 1 has the same name; columns are addressed by name, so names must differ"
bad empty '' '@: error: the file is empty
hint: a table starts with a header row naming its columns'
bad bom-only '\357\273\277' '@: error: the file is empty
hint: a table starts with a header row naming its columns'
bad blank-lines '\r\n\n\r\n' '@: error: the file has only blank lines
hint: a table starts with a header row naming its columns'
bad nul 'a,b\n1,2\000\n' '@:2:4: error: NUL byte (byte offset 7)
hint: a CSV file is text and cannot contain NUL characters'
bad nul-utf16-no-bom 'a\000,\000b\000\n\000名\000' '@:1:2: error: NUL byte (byte offset 1)
hint: the file looks like UTF-16LE without a byte-order mark: declare '"'utf-16le'"
bad nul-xlsx 'PK\003\004\024\000\006\000' '@:1:6: error: NUL byte (byte offset 5)
hint: this is a ZIP file (an Excel workbook?), not CSV: save it as CSV'
bad invalid-utf8 'a,b\n名前,\377\n' '@:2:4: error: byte 0xff is not valid UTF-8 (byte offset 11)
hint: the rest of the file is UTF-8: was this part pasted from a file in another encoding?'
bad invalid-utf8-cut 'a,b\n1,名名\345\220\n' '@:2:5: error: bytes 0xe5 0x90 are not valid UTF-8 (byte offset 12)
hint: the rest of the file is UTF-8: was this part pasted from a file in another encoding?'
bad invalid-utf8-at-end 'a,b\n1,名名\345\220' '@:2:5: error: bytes 0xe5 0x90 are not valid UTF-8 (byte offset 12)
hint: the file ends in the middle of a character: was it cut short?'
bad invalid-utf8-surrogate 'a,b\n名前,名前\355\240\200\n' '@:2:6: error: byte 0xed is not valid UTF-8 (byte offset 17)
hint: the rest of the file is UTF-8: was this part pasted from a file in another encoding?'
bad invalid-utf8-declared '\226\274\221\117,b\n1,2\n' "@:1:1: error: byte 0x96 is not valid UTF-8 (byte offset 0)
hint: the encoding is declared as UTF-8, but the file looks like CP932: declare 'cp932', or leave the encoding to detection" \
	--encoding utf-8
bad cp932-unmapped '\226\274,b\n1,\205\100\n' '@:2:3: error: bytes 0x85 0x40 are not valid CP932 (byte offset 7)
hint: the file is not UTF-8, so it was read as CP932 (Excel'"'"'s Shift_JIS); if it is in another encoding, declare it'
bad cp932-invalid-byte '\226\274,b\n1,\240\n' '@:2:3: error: byte 0xa0 is not valid CP932 (byte offset 7)
hint: the file is not UTF-8, so it was read as CP932 (Excel'"'"'s Shift_JIS); if it is in another encoding, declare it'
bad cp932-bad-trail '\226\274,b\n\226\274,\201\177\n' '@:2:3: error: bytes 0x81 0x7f are not valid CP932 (byte offset 8)
hint: the file is not UTF-8, so it was read as CP932 (Excel'"'"'s Shift_JIS); if it is in another encoding, declare it'
bad cp932-declared '\226\274,b\n1,\375\n' "@:2:3: error: byte 0xfd is not valid CP932 (byte offset 7)" --encoding cp932
bad eucjp-declared 'a,b\n1,\244\n' "@:2:3: error: bytes 0xa4 0x0a are not valid EUC-JP (byte offset 6)
hint: the encoding is declared as EUC-JP, but the file looks like CP932: declare 'cp932', or leave the encoding to detection" --encoding euc-jp
bad utf16-lone-surrogate '\377\376a\000,\000b\000\n\000\000\330\n\000' '@:2:1: error: bytes 0x00 0xd8 are not valid UTF-16LE (byte offset 10)
hint: the file starts with a UTF-16LE byte-order mark'
bad utf16-odd-length '\376\377\000a\000,\000b\000\n\000' '@:2:1: error: byte 0x00 is not valid UTF-16BE (byte offset 10)
hint: the file ends in the middle of a character: was it cut short?'
bad utf16-nul '\377\376a\000,\000b\000\n\000\000\000' '@:2:1: error: NUL character (byte offset 10)
hint: a CSV file is text and cannot contain NUL characters'

# declared and detected disagree
bad declared-vs-bom '\357\273\277a,b\n1,2\n' "@: error: the encoding is declared as CP932, but the file is UTF-8 (it starts with a UTF-8 byte-order mark)
hint: declare 'utf-8', or leave the encoding to detection" --encoding cp932
bad declared-vs-utf8 'a,b\n名前,2\n' "@: error: the encoding is declared as CP932, but the file is UTF-8
hint: declare 'utf-8', or leave the encoding to detection" --encoding cp932
bad declared-utf16-vs-ascii 'a,b\n1,2\n' "@: error: the encoding is declared as UTF-16LE, but the file is UTF-8 (it has no NUL bytes, UTF-16 text always has)
hint: declare 'utf-8', or leave the encoding to detection" --encoding utf-16le
bad declared-utf16le-vs-be '\000a\000,\000b\000\n\000x\000,\000y\000\n' "@: error: the encoding is declared as UTF-16LE, but the file is UTF-16BE (by where its NUL bytes are)
hint: declare 'utf-16be', or leave the encoding to detection" --encoding utf-16le
bad declared-utf16-le-bom '\377\376a\000\n\000' "@: error: the encoding is declared as UTF-16BE, but the file is UTF-16LE (it starts with a UTF-16LE byte-order mark)
hint: declare 'utf-16le', or leave the encoding to detection" --encoding utf-16be

# files that cannot be read
expect_run "csv error: missing file" 1 "kumihan: error: cannot open 'no/such.csv': No such file or directory" \
	-- "$KH" data no/such.csv
expect_run "csv error: a directory" 1 "kumihan: error: cannot read 'tests/data/csv': Is a directory" \
	-- "$KH" data tests/data/csv
printf 'a\n1\n' > "$TMP/secret.csv"
chmod 000 "$TMP/secret.csv"
if [ -r "$TMP/secret.csv" ]; then
	skip "csv error: unreadable file" "running as root, who can read anything"
else
	expect_run "csv error: unreadable file" 1 "kumihan: error: cannot open '$TMP/secret.csv': Permission denied" \
		-- "$KH" data "$TMP/secret.csv"
fi
