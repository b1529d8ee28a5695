# The command line itself: usage errors, help, version.
. "$(dirname "$0")/../lib.sh"

expect_run_head "cli: unknown command suggests the closest" 2 "kumihan: error: unknown command 'bild'
hint: did you mean 'build'?
usage: kumihan <command> [options]" -- "$KH" bild

"$KH" --version > "$TMP/v"; rc=$?
expect_eq "cli: --version" "0 kumihan $(sed -n 's/.*KH_VERSION "\(.*\)"/\1/p' src/version.h)" "$rc $(cat "$TMP/v")"

for c in build check data fonts batch; do
	out=$("$KH" $c --help); rc=$?
	case "$out" in "usage: kumihan $c"*) r=usage;; *) r="no usage";; esac
	expect_eq "cli: $c --help prints its usage" "0 usage" "$rc $r"
done

expect_run_head "cli: build without a layout" 2 "kumihan: error: a layout file is required
usage: kumihan build LAYOUT [-l LOCALE] [-o FILE] [--dump FILE] [--strict]" -- "$KH" build
expect_run "cli: bad -j" 2 "kumihan: error: -j takes a number from 1 to 256, not 'x'" -- "$KH" batch -j x m.yaml
expect_run "cli: unknown encoding" 2 "kumihan: error: unknown encoding 'latin9'
hint: use utf-8, cp932, euc-jp, utf-16le, utf-16be or auto" -- "$KH" data --encoding latin9 x.csv

# The README's first layout builds, and its title comes out of the string table.
mkdir -p "$TMP/layouts" && ln -s "$ROOT/data" "$TMP/data"
awk '/^## A first layout/{s=1} s&&/^```yaml/{f=1;next} f&&/^```/{exit} f' README.md > "$TMP/layouts/first.yaml"
"$KH" build "$TMP/layouts/first.yaml" -o "$TMP/first.pdf" 2>"$TMP/first.err"; rc=$?
expect_eq "readme: the first layout builds" "0 " "$rc $(cat "$TMP/first.err")"
if command -v pdftotext >/dev/null; then
	expect_eq "readme: the title comes from data/strings.csv" \
		"$(awk -F, '$1 == "doc.title" {print $2}' data/strings.csv)" "$(pdftotext "$TMP/first.pdf" - | head -1)"
fi

expect_run "cli: a layout that does not exist" 1 "kumihan: error: cannot open 'nothing.yaml': No such file or directory" -- "$KH" check nothing.yaml
expect_run "cli: a layout that is a folder" 1 "kumihan: error: cannot read 'tests': Is a directory" -- "$KH" check tests
