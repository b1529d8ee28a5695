# Every ```yaml example of docs/layout-format.md is a layout that `kumihan
# check` accepts, in every edition it has; and the key reference at the end
# of that page is exactly what `kumihan help layout` prints.
#
# An example is checked as it is when it has a pages: section and others
# (a complete layout).  Otherwise it is wrapped: a list of elements ("- ...")
# becomes the content of a page, and sections (pages alone too) are merged
# into a context layout (the context's sections that the example does not
# redefine are kept).  Examples read ../data/, which is
# tests/data/docs/.  KH_UPDATE_GOLDEN=1 rewrites the reference in the page.
. "$(dirname "$0")/../lib.sh"

DOC=docs/layout-format.md

# ---- the reference is the program's ----
"$KH" help layout > "$TMP/ref.md" 2> "$TMP/ref.err"
awk '/<!-- reference:end -->/ { on = 0 } on { print } /<!-- reference:begin -->/ { on = 1 }' "$DOC" > "$TMP/doc-ref.md"
if [ -n "$KH_UPDATE_GOLDEN" ]; then
	awk -v ref="$TMP/ref.md" '
		/<!-- reference:end -->/ { while ((getline l < ref) > 0) print l; on = 0 }
		!on { print }
		/<!-- reference:begin -->/ { on = 1 }' "$DOC" > "$TMP/doc.new" && cat "$TMP/doc.new" > "$DOC"
	ok "docs: key reference (updated)"
elif [ ! -s "$TMP/ref.md" ]; then
	fail "docs: key reference" "kumihan help layout printed nothing"
else
	expect_eq "docs: the key reference is what 'kumihan help layout' prints" \
		"$(cat "$TMP/ref.md")" "$(cat "$TMP/doc-ref.md")"
fi

# ---- the examples ----
mkdir -p "$TMP/layouts"
ln -s "$ROOT/tests/data/docs" "$TMP/data"

cat > "$TMP/context.yaml" <<'EOF'
data:
  strings: ../data/strings.csv
  programs: ../data/programs.csv
  meetings: ../data/meetings.csv
  orgs: ../data/orgs.csv
  links: ../data/links.csv
locales:
  ja: {}
  en: { fallback: ja, script: latin }
colors:
  navy: "#1F3A68"
  pale: "#E8EEF7"
styles:
  body: { font: IPAexMincho, size: 9.5pt, leading: 16pt }
  title: { font: IPAexGothic, size: 20pt, leading: 28pt }
  lead: { font: IPAexMincho, size: 10.5pt, leading: 18pt }
  small: { size: 8pt, leading: 12pt }
  small-bold: { font: IPAexGothic, size: 8pt, leading: 12pt }
  h3: { font: IPAexGothic, size: 10pt, leading: 14pt }
  label: { font: IPAexGothic, size: 7.5pt, leading: 10pt }
  caption: { font: IPAexGothic, size: 7pt, leading: 10pt }
  folio: { font: IPAexGothic, size: 8pt, align: center }
  node: { font: IPAexGothic, size: 8.5pt, leading: 11pt, align: center }
  edge: { font: IPAexGothic, size: 7pt, leading: 9pt }
masters:
  default: { margins: 20mm }
  cover: { margins: 0 }
EOF

# Split the page into ex-N.yaml files; ex-N.line holds the line of the fence.
awk -v dir="$TMP" '
	/^```yaml[ \t]*$/ { n++; f = dir "/ex-" n ".yaml"; print NR + 1 > (dir "/ex-" n ".line"); on = 1; next }
	/^```/ && on { on = 0; close(f); next }
	on { print > f }' "$DOC"

# merge CONTEXT SNIPPET: the snippet's top-level sections replace the context's.
merge() {
	awk '
		FNR == 1 { file++ }
		/^[A-Za-z_][A-Za-z0-9_-]*:/ { key = $0; sub(/:.*/, "", key) }
		file == 1 { ctx[key] = ctx[key] $0 "\n"; if (!(key in seen)) { order[++n] = key; seen[key] = 1 } next }
		{ mine[key] = 1; print }
		END { for (i = 1; i <= n; i++) if (!(order[i] in mine)) printf "%s", ctx[order[i]] }' "$1" "$2"
}

count=0
for ex in "$TMP"/ex-*.yaml; do
	[ -f "$ex" ] || continue
	count=$((count + 1))
	line=$(cat "${ex%.yaml}.line")
	name="docs: example at $DOC:$line"
	out="$TMP/layouts/example.yaml"
	first=$(grep -v '^[[:space:]]*\(#.*\)\{0,1\}$' "$ex" | head -1)
	if grep -q '^pages:' "$ex" && grep -v '^pages:' "$ex" | grep -q '^[A-Za-z]'; then
		cp "$ex" "$out"
	elif [ "${first#- }" != "$first" ]; then
		{ cat "$TMP/context.yaml"; echo "pages:"; echo "  - content:"; sed 's/^/      /' "$ex"; } > "$out"
	elif grep -q '^pages:' "$ex"; then
		merge "$TMP/context.yaml" "$ex" > "$out"
	else
		{ merge "$TMP/context.yaml" "$ex"; echo "pages:"; echo "  - content: []"; } > "$out"
	fi
	locales=ja
	if grep -q '^locales:' "$out"; then
		locales=$(awk '/^locales:/ { on = 1; next } /^[^ #]/ { on = 0 }
			on && /^  [A-Za-z][A-Za-z0-9_-]*:/ { l = $1; sub(/:$/, "", l); printf "%s ", l }' "$out")
	fi
	for l in $locales; do
		msgs=$("$KH" check "$out" -l "$l" 2>&1 >/dev/null); rc=$?
		if [ $rc -ne 0 ] || [ -n "$msgs" ]; then
			fail "$name ($l)" "exit status $rc"
			printf '%s\n' "$msgs" | head -20 | sed 's/^/    /'
			sed 's/^/    | /' "$out" | head -80
		else
			ok "$name ($l)"
		fi
	done
done
[ "$count" -ge 25 ] && ok "docs: $count examples" || fail "docs: $count examples" "expected at least 25 yaml examples"

# ---- every key of the schema is in the page (outside the generated part too) ----
awk '/<!-- reference:begin -->/ { exit } { print }' "$DOC" > "$TMP/doc-prose.md"
missing=""
for k in $("$KH" help layout | sed -n 's/^| `\([a-z-]*\)` |.*/\1/p' | sort -u); do
	grep -q "\`$k\`\|^ *$k:\| $k:\|{ $k:\|, $k:" "$TMP/doc-prose.md" || missing="$missing $k"
done
expect_eq "docs: every key is explained or shown in an example above the reference" "" "${missing# }"
