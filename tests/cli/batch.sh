# kumihan batch: incremental rebuilds and manifest messages.
#
# The flagship layout and its data are copied into $TMP so that files can be
# touched.  Every input is dated 2020 first; a file "changes" by being dated
# one second after the newest PDF, and is dated back to 2020 after the run
# that must rebuild, so that each step tests one change only.
. "$(dirname "$0")/../lib.sh"
export LC_ALL=C.UTF-8

W=$TMP/w
mkdir -p "$W" && cp -R layouts data "$W/" || exit 2
find "$W" -type f -exec touch -d '2020-01-01 00:00:00' {} +
cat > "$W/m.yaml" <<EOF
output-dir: out
editions:
  - layout: layouts/mhlw-international-cooperation.yaml
    locales: [ja, en]
EOF
JA=$W/out/mhlw-international-cooperation.ja.pdf
EN=$W/out/mhlw-international-cooperation.en.pdf
WROTE="wrote $JA
wrote $EN"
UPTODATE="up to date $JA
up to date $EN"

# batch ARGS...: run kumihan batch -j 1 on m.yaml; "rc=N", stdout, stderr.
batch() {
	"$KH" batch -j 1 "$@" "$W/m.yaml" > "$TMP/out" 2> "$TMP/err"
	echo "rc=$?"; cat "$TMP/out" "$TMP/err"
}
mtimes() { stat -c '%y' "$JA" "$EN"; }
# change FILE: date it one second after the newer PDF.
change() {
	t=$(stat -c '%Y' "$JA" "$EN" | sort -n | tail -1)
	touch -d "@$((t + 1))" "$1"
}
old() { touch -d '2020-01-01 00:00:00' "$@"; }

expect_eq "batch: the first run builds both editions" "rc=0
$WROTE" "$(batch)"
expect_eq "batch: each PDF has its .d" "yes yes" \
	"$([ -f "$JA.d" ] && echo yes) $([ -f "$EN.d" ] && echo yes)"
want="$W/layouts/mhlw-international-cooperation.yaml
$W/data/strings.csv
$W/data/meetings.csv
$W/data/photos/meeting07-plenary.jpg
$W/data/photos/meeting07-visit.jpg
$W/data/photos/meeting07-facility.jpg
$(readlink -f "$KH")"
got=$(printf '%s\n' "$want" | while IFS= read -r p; do grep -qxF "$p" "$JA.d" && echo "$p"; done)
expect_eq "batch: the .d lists the layout, tables, images and the binary" "$want" "$got"
got=$(grep -c '\.tt[fc]$' "$JA.d"; grep -c '\.tt[fc]$' "$EN.d")
expect_eq "batch: the .d lists font files" "0" "$(printf '%s\n' "$got" | grep -cx 0)"
expect_eq "batch: every path in the .d exists" "" "$(cat "$JA.d" "$EN.d" | while IFS= read -r p; do [ -e "$p" ] || echo "$p"; done)"

before=$(mtimes)
expect_eq "batch: the second run builds nothing" "rc=0
$UPTODATE" "$(batch)"
expect_eq "batch: an up-to-date PDF is not touched" "$before" "$(mtimes)"

"$KH" batch "$W/m.yaml" > "$TMP/par" 2>&1; rc=$?
expect_eq "batch: up to date in parallel too" "rc=0
$(printf '%s\n' "$UPTODATE" | sort)" "rc=$rc
$(sort "$TMP/par")"

change "$W/data/README.md"
expect_eq "batch: a file the editions do not read changes nothing" "rc=0
$UPTODATE" "$(batch)"
old "$W/data/README.md"

change "$W/data/strings.csv"
expect_eq "batch: a changed string table rebuilds both" "rc=0
$WROTE" "$(batch)"
old "$W/data/strings.csv"
expect_eq "batch: and then they are up to date" "rc=0
$UPTODATE" "$(batch)"

change "$W/data/photos/meeting07-visit.jpg"
expect_eq "batch: a changed image (page 3) rebuilds both" "rc=0
$WROTE" "$(batch)"
old "$W/data/photos/meeting07-visit.jpg"

change "$W/layouts/mhlw-international-cooperation.yaml"
expect_eq "batch: a changed layout rebuilds both" "rc=0
$WROTE" "$(batch)"
old "$W/layouts/mhlw-international-cooperation.yaml"

before=$(mtimes)
expect_eq "batch: -B builds what is up to date" "rc=0
$WROTE" "$(batch -B)"
expect_eq "batch: -B writes the PDFs again" "no" "$([ "$before" = "$(mtimes)" ] && echo yes || echo no)"
expect_eq "batch: --always too" "rc=0
$WROTE" "$(batch --always)"

rm "$EN.d"
expect_eq "batch: a PDF without its .d is built" "rc=0
up to date $JA
wrote $EN" "$(batch)"
printf '%s\n' "$W/data/no-such.csv" >> "$EN.d"
expect_eq "batch: a .d naming a file that is gone is built" "rc=0
up to date $JA
wrote $EN" "$(batch)"

# A failed edition: nothing written for it, the other layout's edition is.
cp -p "$W/layouts/mhlw-international-cooperation.yaml" "$W/layouts/second.yaml"
cat > "$W/m2.yaml" <<EOF
output-dir: out2
editions:
  - layout: layouts/mhlw-international-cooperation.yaml
    locales: [ja]
  - layout: layouts/second.yaml
    locales: [ja]
EOF
FJA=$W/out2/mhlw-international-cooperation.ja.pdf
SJA=$W/out2/second.ja.pdf
printf 'stlyes: {}\n' >> "$W/layouts/second.yaml"
"$KH" batch -j 1 "$W/m2.yaml" > "$TMP/out" 2> "$TMP/err"; rc=$?
expect_eq "batch: a failed edition fails the run, the other is built" "rc=1
wrote $FJA
kumihan: error: edition 'ja' of '$W/layouts/second.yaml' failed; nothing was written" \
	"rc=$rc
$(cat "$TMP/out")
$(tail -1 "$TMP/err")"
expect_eq "batch: the failed edition's error is reported" "1" "$(grep -c "^$W/layouts/second.yaml:[0-9]*:1: error: unknown section 'stlyes'$" "$TMP/err")"
expect_eq "batch: a failed edition leaves no PDF and no .d" "no no yes yes" \
	"$([ -e "$SJA" ] && echo yes || echo no) $([ -e "$SJA.d" ] && echo yes || echo no) $([ -f "$FJA" ] && echo yes) $([ -f "$FJA.d" ] && echo yes)"

# A layout that built and then fails: its .d goes, so that the edition is
# built again once the layout is put back as it was (dated as before).
cp -p "$W/layouts/mhlw-international-cooperation.yaml" "$W/layouts/second.yaml"
"$KH" batch -j 1 "$W/m2.yaml" > "$TMP/out" 2>&1; rc=$?
expect_eq "batch: the mended layout builds" "rc=0
up to date $FJA
wrote $SJA" "rc=$rc
$(cat "$TMP/out")"
cp -p "$W/layouts/second.yaml" "$TMP/second.yaml"
printf 'stlyes: {}\n' >> "$W/layouts/second.yaml"
"$KH" batch -j 1 "$W/m2.yaml" > /dev/null 2>&1; rc=$?
expect_eq "batch: a failed rebuild removes the stale .d" "1 no" "$rc $([ -e "$SJA.d" ] && echo yes || echo no)"
cp -p "$TMP/second.yaml" "$W/layouts/second.yaml"
"$KH" batch -j 1 "$W/m2.yaml" > "$TMP/out" 2>&1; rc=$?
expect_eq "batch: so the edition is built again" "rc=0
up to date $FJA
wrote $SJA" "rc=$rc
$(cat "$TMP/out")"

# `kumihan build` always builds, and leaves a .d too.
"$KH" build "$W/layouts/mhlw-international-cooperation.yaml" -l ja -o "$JA" > "$TMP/out" 2>&1; rc=$?
expect_eq "batch: build always builds" "rc=0
wrote $JA (3 pages)" "rc=$rc
$(cat "$TMP/out")"
expect_eq "batch: build writes the .d" "$W/layouts/mhlw-international-cooperation.yaml" "$(head -1 "$JA.d")"

# Manifest errors: reported at their position, nothing is built.
printf 'output-dir: out3\nedtions:\n  - layout: layouts/mhlw-international-cooperation.yaml\n' > "$W/bad1.yaml"
expect_run "batch: an unknown manifest key" 1 "$W/bad1.yaml:2:1: error: unknown key 'edtions' in the manifest
hint: did you mean 'editions'?
$W/bad1.yaml:1:1: error: the manifest lists no editions
hint: add 'editions:' with a list of '- layout: FILE' entries" -- "$KH" batch "$W/bad1.yaml"
printf 'output-dir: out3\neditions:\n  - layout: layouts/mhlw-international-cooperation.yaml\n    locale: en\n' > "$W/bad2.yaml"
expect_run "batch: an unknown edition key" 1 "$W/bad2.yaml:4:5: error: unknown key 'locale' in an edition
hint: did you mean 'locales'?" -- "$KH" batch "$W/bad2.yaml"
printf 'output-dir: out3\neditions:\n  - layout: layouts/mhlw-international-cooperation.yaml\n  - layout: layouts/brochure.yaml\n    locales: [ja]\n' > "$W/bad3.yaml"
expect_run "batch: a layout that does not exist" 1 "$W/bad3.yaml:4:13: error: cannot open '$W/layouts/brochure.yaml': No such file or directory
hint: layout paths are relative to the manifest's folder" -- "$KH" batch "$W/bad3.yaml"
expect_eq "batch: a manifest error builds nothing" "no" "$([ -e "$W/out3" ] && echo yes || echo no)"

out=$("$KH" batch --help | grep -e '-B')
expect_eq "batch: --help lists -B" "usage: kumihan batch MANIFEST [-j N] [-B]
  -B, --always    build every edition, changed or not" "$out"
