# Temporary files: a build writes OUT.pdf.tmp-HOST-PID-XXXXXX beside its
# output and renames it; one left by a writer that was killed (kill -9
# between write and rename) is removed by the next build of that output,
# while one whose process is still running, another host's, or another
# output's is left alone.
. "$(dirname "$0")/../lib.sh"

host=$(hostname | tr -cd 'A-Za-z0-9.')
mkdir -p "$TMP/t"
cat > "$TMP/t/doc.yaml" <<'YAML'
pages:
  - content:
      - text: "Hello"
        at: [20mm, 20mm]
YAML
out="$TMP/t/doc.pdf"
# a writer that died: a process id that cannot exist (above pid_max)
dead="$out.tmp-$host-2147483646-Ab3dEf"
# a writer that is alive: this shell
alive="$out.tmp-$host-$$-Qw3rTy"
# another host's writer (shared storage): not ours to judge
other="$out.tmp-otherhost-2147483646-Zx9cVb"
# another output's leftover
elsewhere="$TMP/t/else.pdf.tmp-$host-2147483646-Mn8bVc"
for f in "$dead" "$alive" "$other" "$elsewhere"; do printf 'partial' > "$f"; done
"$KH" build "$TMP/t/doc.yaml" -o "$out" >/dev/null 2>"$TMP/err"; rc=$?
expect_eq "temp files: the build succeeds" "0 " "$rc $(cat "$TMP/err")"
left=$(cd "$TMP/t" && ls | grep '\.tmp-' | sort | tr '\n' ' ')
expect_eq "temp files: a dead writer's file is removed, the others stay" \
	"$(printf '%s\n' "$(basename "$elsewhere")" "$(basename "$alive")" "$(basename "$other")" | sort | tr '\n' ' ')" "$left"

# the temporary name carries the host and the process id (seen through strace when available)
if command -v strace >/dev/null 2>&1; then
	strace -f -e trace=openat,rename -o "$TMP/trace" "$KH" build "$TMP/t/doc.yaml" -o "$out" >/dev/null 2>&1
	pid=$(grep -o "doc.pdf.tmp-$host-[0-9]*-" "$TMP/trace" | head -1 | sed "s/.*tmp-$host-\([0-9]*\)-/\1/")
	first=$(awk '{print $1; exit}' "$TMP/trace")
	expect_eq "temp files: named PATH.tmp-HOST-PID-XXXXXX by the writing process" "$first" "$pid"
else
	skip "temp files: named PATH.tmp-HOST-PID-XXXXXX by the writing process" "strace is not installed"
fi
