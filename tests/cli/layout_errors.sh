# Mistakes in layout files: one file per error class under
# tests/data/layouts-bad/, NAME.yaml and NAME.err (the exact messages
# `kumihan check` prints, exit status 1).  An .err file whose first line is
# "# head: why" is compared on its remaining lines only, as the first lines
# of the output.
. "$(dirname "$0")/../lib.sh"

DIR=tests/data/layouts-bad
count=0
for y in "$DIR"/*.yaml; do
	name=$(basename "$y" .yaml)
	err="$DIR/$name.err"
	[ -f "$err" ] || continue
	count=$((count + 1))
	if head -1 "$err" | grep -q '^# head:'; then
		expect_run_head "layout error: $name" 1 "$(tail -n +2 "$err")" -- "$KH" check "$y"
	else
		expect_run "layout error: $name" 1 "$(cat "$err")" -- "$KH" check "$y"
	fi
done
[ "$count" -ge 40 ] && ok "layout errors: $count classes" || fail "layout errors: $count classes" "expected at least 40 .err files"

# Locales on the command line and missing translations.
L=$DIR/locales.yaml
expect_run "layout error: unknown -l locale" 1 "$L:4:1: error: unknown locale 'fr'
hint: the layout's locales are ja, en" -- "$KH" check "$L" -l fr
expect_run "layout error: close -l locale" 1 "$L:4:1: error: unknown locale 'eng'
hint: did you mean 'en'? the layout's locales are ja, en" -- "$KH" check "$L" -l eng
expect_run "layout: a missing translation is a warning" 0 \
	"$L:10:15: warning: no 'en' text for 'nothing.en'; using 'ja'" -- "$KH" check "$L" -l en
expect_run "layout: the default edition has every string" 0 "" -- "$KH" check "$L"
expect_run "layout: --strict makes a missing translation an error" 1 \
	"$L:10:15: error: no 'en' text for 'nothing.en' (--strict refuses the 'ja' fallback)" -- "$KH" check "$L" -l en --strict

# kumihan help layout prints the reference.
out=$("$KH" help layout); rc=$?
case "$out" in "## Key reference"*"### \`connector\`"*) r=reference;; *) r="no reference";; esac
expect_eq "layout: help layout prints the key reference" "0 reference" "$rc $r"
