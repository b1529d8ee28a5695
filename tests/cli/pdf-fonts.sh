# `kumihan fonts`: the installed families kumihan can embed, one face a line.
. "$(dirname "$0")/../lib.sh"

out=$("$KH" fonts 2>&1); rc=$?
expect_eq "fonts: exit status" 0 "$rc"
expect_eq "fonts: IPAex fonts listed once each, with their files" \
"IPAexGothic	Regular	/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf
IPAexMincho	Regular	/usr/share/fonts/opentype/ipaexfont-mincho/ipaexm.ttf" \
	"$(printf '%s\n' "$out" | grep '^IPAex')"
expect_eq "fonts: IPAmj Mincho (fonts-ipamj-mincho, the default Japanese fallback) listed" \
"IPAmjMincho	Regular	/usr/share/fonts/truetype/ipamj/ipamjm.ttf" \
	"$(printf '%s\n' "$out" | grep '^IPAmj')"
expect_eq "fonts: Liberation Serif's four styles" "Bold
Bold Italic
Italic
Regular" "$(printf '%s\n' "$out" | awk -F '\t' '$1 == "Liberation Serif" {print $2}')"
expect_eq "fonts: no CFF or Type 1 font offered" "" "$(printf '%s\n' "$out" | grep -E '\.(otf|pfb|t1)$')"
expect_eq "fonts: every line is family, style, file" "" \
	"$(printf '%s\n' "$out" | awk -F '\t' 'NF != 3 || $3 !~ /^\//')"

# a project's fonts/ folder (here a copy of an installed font) is listed too
mkdir -p "$TMP/proj/fonts"
cp /usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf "$TMP/proj/fonts/house.ttf"
out=$(cd "$TMP/proj" && "$KH" fonts 2>&1)
expect_eq "fonts: the fonts/ folder in the current folder is listed" \
	"Liberation Sans	Regular	$(cd "$TMP/proj/fonts" && pwd -P)/house.ttf" \
	"$(printf '%s\n' "$out" | grep 'house.ttf$')"
