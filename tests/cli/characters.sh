# Every character a Japanese office has: characters above U+FFFF (𠮷 U+20BB7,
# 𩸽 U+29E3D) and ideographic variation sequences (葛 U+845B + U+E0100 in
# IPAex, + U+E0102 in IPAmj Mincho, + U+E01EF in no font) from CSV cells,
# through a real build: the text layer, the fonts, the glyphs in the dump,
# the warning and --strict.  Also the flagship's glyph dump (golden).
. "$(dirname "$0")/../lib.sh"

D=tests/data/characters
if ! fc-list | grep -q 'ipamjm\.ttf'; then
	skip "characters" "IPAmj Mincho is not installed (scripts/deps.sh installs fonts-ipamj-mincho)"
	exit 0
fi

VS_WARN="$D/names.yaml:14:17: warning: '葛󠇯' (U+845B U+E01EF) is not in IPAexMincho or IPAmjMincho; set as '葛' (U+845B)
hint: add a font that has the variation sequence to the style's 'fallback' list (IPAmj Mincho has the resident-register forms)"
expect_run "characters: builds; the sequence no font has is the one warning" 0 "$VS_WARN" \
	-- "$KH" build "$D/names.yaml" -o "$TMP/n.pdf" --dump "$TMP/n.dump" --dump-glyphs

# the text layer: exactly the cells (葛 U+E01EF set as plain 葛)
expect_eq "characters: pdftotext gives 𠮷野家, 𩸽, 葛󠄀飾 and 葛󠄂 exactly" \
"𠮷野家 𩸽の塩焼き
葛󠄀飾区 葛󠄂城
葛西 辻" "$(pdftotext -raw "$TMP/n.pdf" - 2>&1 | tr -d '\f')"
expect_eq "characters: the variation sequences are in the text as base + selector" \
	"e8919bf3a08480 e8919bf3a08482" \
	"$(pdftotext -raw "$TMP/n.pdf" - | od -An -tx1 | tr -d ' \n' | grep -o 'e8919bf3a084[0-9a-f][0-9a-f]' | paste -s -d ' ')"
expect_eq "characters: pdftotext prints no warning" "" "$(pdftotext "$TMP/n.pdf" /dev/null 2>&1)"
expect_eq "characters: two fonts, each embedded, subset, with a Unicode map" \
"IPAmjMincho CID TrueType Identity-H yes yes yes
IPAexMincho CID TrueType Identity-H yes yes yes" \
	"$(pdffonts "$TMP/n.pdf" | awk 'NR > 2 { print $1, $2, $3, $4, $5, $6, $7 }' | sed -E 's/^[A-Z]{6}\+//')"
qpdf --check "$TMP/n.pdf" > "$TMP/qpdf.out" 2>&1; rc=$?
expect_eq "characters: qpdf --check is clean" "0" "$rc"

# the dump: 𠮷 from IPAmj Mincho (IPAex lacks it), 𩸽 from IPAex; one glyph
# for 葛 + U+E0100 (7 bytes: the next glyph's cluster is 7), IPAex's variant
# glyph rather than plain 葛's; 葛 + U+E01EF set as plain 葛
expect_eq "characters: 𠮷 from IPAmj Mincho, 野家 and 𩸽 from IPAexMincho" \
	'IPAmjMincho "𠮷"|IPAexMincho "野家 𩸽の塩焼き"' \
	"$(sed -n 's/^text \([^ ]*\) .* \("[^"]*"\)$/\1 \2/p' "$TMP/n.dump" | sed -n '1,2p' | paste -s -d '|')"
# the glyphs line of the run whose quoted text is $1
glyphs() { awk -v t="$1" '$1 == "text" { cur = substr($0, index($0, "\"")) } $1 == "glyphs" && cur == t { print }' "$TMP/n.dump"; }
g_ivs=$(glyphs '"葛󠄀飾区 "' | awk '{ split($2, a, "@"); print a[1] }')
g_base=$(glyphs '"葛西 辻"' | awk '{ split($2, a, "@"); print a[1] }')
expect_eq "characters: 葛 U+E0100 is one glyph for two characters: clusters 0, 7, 10, 13" "@0 @7 @10 @13" \
	"$(glyphs '"葛󠄀飾区 "' | sed 's/ [0-9]*@/ @/g; s/^ *glyphs //')"
expect_eq "characters: ... IPAex's variant glyph, not plain 葛's" "yes" \
	"$([ -n "$g_ivs" ] && [ -n "$g_base" ] && [ "$g_ivs" != "$g_base" ] && [ "$g_ivs" -gt 0 ] && echo yes)"
expect_eq "characters: 葛 U+E0102 from IPAmj Mincho, one glyph" 'IPAmjMincho "葛󠄂" 1' \
	"$(awk '$1 == "text" && $NF == "\"葛󠄂\"" { t = $2 " " $NF; next } $1 == "glyphs" && t { print t, NF - 1; exit }' "$TMP/n.dump")"
expect_eq "characters: no .notdef anywhere" "" "$(grep -o ' 0@[0-9]*' "$TMP/n.dump")"

# --strict: the sequence no font has is an error, no PDF
expect_run "characters: --strict makes the missing sequence an error" 1 \
"$D/names.yaml:14:17: error: '葛󠇯' (U+845B U+E01EF) is not in IPAexMincho or IPAmjMincho
hint: add a font that has the variation sequence to the style's 'fallback' list (IPAmj Mincho has the resident-register forms)" \
	-- "$KH" build "$D/names.yaml" -o "$TMP/strict.pdf" --strict
expect_eq "characters: --strict leaves no PDF" "no" "$([ -e "$TMP/strict.pdf" ] && echo yes || echo no)"

# a Latin edition has no Japanese fallback chain: 𠮷 is missing there
cat > "$TMP/en.yaml" <<'END'
styles:
  default: { font: Liberation Serif }
locales:
  en: { script: latin }
pages:
  - content:
      - text: "𠮷"
END
expect_run "characters: a Latin edition does not add IPAmj Mincho" 0 \
"$TMP/en.yaml:7:15: warning: '𠮷' (U+20BB7) is not in Liberation Serif
hint: add a font that has it to the style's 'fallback' list" -- "$KH" check "$TMP/en.yaml"

# the flagship's glyphs: the fonts' glyph IDs and clusters of every run (golden)
for loc in ja en; do
	"$KH" check layouts/mhlw-international-cooperation.yaml -l "$loc" --dump "$TMP/$loc.glyphs" --dump-glyphs > /dev/null 2>&1
	golden "characters: flagship $loc: glyph IDs and clusters" "tests/data/flagship/$loc.glyphs" \
		"$(grep '^  glyphs' "$TMP/$loc.glyphs")"
done
