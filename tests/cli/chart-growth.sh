# Issue 5: adding a partner organisation to the flagship's CSV tables gives a
# correct chart with no change to the layout file.  The layout and data are
# copied; a partner is added to organisations.csv, links.csv and strings.csv;
# both editions must build without a message, show the new box, arrow and
# label, and pass the same geometry checks as the flagship.
. "$(dirname "$0")/../lib.sh"
. "$ROOT/tests/geometry.sh"

cp -r layouts data "$TMP/"
L=$TMP/layouts/mhlw-international-cooperation.yaml
# a free grid cell: column 2 of the top row
grep -q '^[a-z]*,[^,]*,[^,]*,2,0,' data/organisations.csv && { fail "chart growth" "cell 2,0 is taken"; exit 0; }
echo 'oecd,org.oecd,international,2,0,1' >> "$TMP/data/organisations.csv"
echo 'mhlw,oecd,link.oecd,top,bottom,no' >> "$TMP/data/links.csv"
printf '%s\n' 'org.oecd,経済協力開発機構 (OECD),Organisation for Economic Co-operation and Development (OECD)' \
	'link.oecd,政策対話,Policy dialogue' >> "$TMP/data/strings.csv"

for loc in ja en; do
	"$KH" build "$L" -l $loc -o "$TMP/$loc.pdf" --dump "$TMP/$loc.dump" 2> "$TMP/$loc.err"; rc=$?
	expect_eq "chart growth $loc: builds without a message" "0 " "$rc $(cat "$TMP/$loc.err")"
	[ $rc -eq 0 ] || continue
	case $loc in ja) box=経済協力開発機構 label=政策対話;; en) box=Organisation label=Policy;; esac
	n=$(grep -c "\"[^\"]*$box" "$TMP/$loc.dump"); l=$(grep -c "\"[^\"]*$label" "$TMP/$loc.dump")
	expect_eq "chart growth $loc: the new box and its arrow label are drawn" "yes yes" \
		"$([ "$n" -ge 1 ] && echo yes || echo no) $([ "$l" -ge 1 ] && echo yes || echo no)"
	g=$(geometry "$TMP/$loc.dump")
	probs=$(printf '%s\n' "$g" | sed '$d')
	arrows=$(printf '%s\n' "$g" | tail -1 | awk '{ print $3 }')
	want=$(awk -F, 'NR > 1 && $1 != "" { print $1 "," $2 }' "$TMP/data/links.csv" | sort -u | wc -l)
	expect_eq "chart growth $loc: $want arrows on box edges, no overlaps" "$want" "$arrows$probs"
done
