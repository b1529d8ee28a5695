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
