# Helpers for tests/cli/*.sh.  Source it; $KH is the kumihan binary under
# test, $ROOT the project folder.  Each check prints "ok NAME" or
# "not ok NAME: why" (plus an indented diff).
: "${ROOT:=$(cd "$(dirname "$0")/../.." && pwd)}"
: "${B:=$ROOT/build}"
: "${KH:=$B/kumihan}"
SHARED="$ROOT/../shared"
TMP=$(mktemp -d "${TMPDIR:-/tmp}/kh-test.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
cd "$ROOT" || exit 2

ok() { echo "ok $1"; }
fail() { echo "not ok $1: $2"; }
skip() { echo "skip $1: $2"; }

# expect_eq NAME EXPECTED ACTUAL
expect_eq() {
	if [ "$2" = "$3" ]; then ok "$1"; else
		fail "$1" "output differs"
		printf '%s\n' "$2" > "$TMP/exp"; printf '%s\n' "$3" > "$TMP/act"
		diff -u "$TMP/exp" "$TMP/act" | head -40 | sed 's/^/    /'
	fi
}

# expect_run NAME STATUS EXPECTED_STDERR -- CMD...: run, compare exit status and stderr
expect_run() {
	name=$1 want=$2 exp=$3; shift 4
	act=$("$@" 2>&1 >/dev/null); rc=$?
	if [ $rc -ne "$want" ]; then fail "$name" "exit status $rc, expected $want"; printf '%s\n' "$act" | head -20 | sed 's/^/    /'; return; fi
	expect_eq "$name" "$exp" "$act"
}

# golden NAME FILE ACTUAL: compare with a golden file; KH_UPDATE_GOLDEN=1 rewrites it.
golden() {
	if [ -n "$KH_UPDATE_GOLDEN" ]; then printf '%s\n' "$3" > "$2"; ok "$1 (updated)"; return; fi
	if [ ! -f "$2" ]; then fail "$1" "no golden file $2 (make update-golden)"; return; fi
	expect_eq "$1" "$(cat "$2")" "$3"
}

have_shared() { [ -d "$SHARED/corpora" ]; }

# expect_run_head NAME STATUS EXPECTED -- CMD...: like expect_run, but compares
# only as many leading lines of stderr as EXPECTED has (for usage texts).
expect_run_head() {
	name=$1 want=$2 exp=$3; shift 4
	act=$("$@" 2>&1 >/dev/null); rc=$?
	if [ $rc -ne "$want" ]; then fail "$name" "exit status $rc, expected $want"; return; fi
	n=$(printf '%s\n' "$exp" | wc -l)
	expect_eq "$name" "$exp" "$(printf '%s\n' "$act" | head -n "$n")"
}
