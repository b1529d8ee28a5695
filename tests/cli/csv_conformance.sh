# CSV conformance: every csv-spectrum case, and every rust-csv and PapaParse
# case with default settings (../shared/corpora/csv, see its README), read
# through `kumihan data --json --all` and compared with what the corpus
# says.  Where kumihan deliberately reads a case otherwise, DEVIATIONS below
# says how and why (docs/csv.md, "Malformed input"), and the test checks
# kumihan's own answer exactly.
. "$(dirname "$0")/../lib.sh"

if ! have_shared; then
	skip "csv conformance" "../shared/corpora is absent"
	exit 0
fi
if ! command -v python3 >/dev/null; then
	skip "csv conformance" "python3 is not installed"
	exit 0
fi
case $KH in /*) ;; *) KH=$ROOT/$KH;; esac

python3 - "$KH" "$SHARED/corpora/csv" "$TMP" <<'EOF'
import json, os, subprocess, sys

kh, corpus, tmp = sys.argv[1:4]
BLANK = ("case.csv: error: the file has only blank lines\n"
         "hint: a table starts with a header row naming its columns")
AFTER = "hint: a quote inside a quoted field is written twice: \"\""

def no_name(*cols):
    return "\n".join("case.csv:1:%d: error: column %d has no name\n"
                     "hint: every column needs a name in the header row (the first row)" % c for c in cols)

# Cases kumihan reads otherwise, on purpose.  kind:
#   error   -- kumihan refuses the input with exactly this message (exit 1);
#              header: True means only the table rules refuse it, so the records
#              are also checked with a header row of our own put in front
#   records -- kumihan reads these records instead
#   lf      -- as expected, but quoted CRLF line ends read as LF
DEVIATIONS = {
    # a table's header names every column: a trailing comma in the first row
    # makes a column without a name
    "rust-csv/one_row_trailing_comma": ("error", no_name((5, 3)), True),
    "rust-csv/one_row_trailing_comma_crlf": ("error", no_name((5, 3)), True),
    "rust-csv/many_rows_trailing_comma": ("error", no_name((5, 3)), True),
    "rust-csv/many_rows_trailing_comma_crlf": ("error", no_name((5, 3)), True),
    "rust-csv/quote_lf": ("error", no_name((1, 1)), True),
    "papaparse/Input is just the delimiter (2 empty fields)": ("error", no_name((1, 1), (2, 2)), True),
    "papaparse/Multiple consecutive empty fields": ("error", no_name((5, 3), (6, 4)), True),
    # no header row at all: a table needs one
    "rust-csv/empty_lines": ("error", BLANK, True),
    "rust-csv/empty_lines_crlf": ("error", BLANK, True),
    "rust-csv/empty_lines_mixed": ("error", BLANK, True),
    "rust-csv/empty_lines_cr": ("error", BLANK, True),
    # strict RFC 4180: text after a closing quote is an error, not more text
    "rust-csv/quote_no_escapes": ("error", "case.csv:1:5: error: 'b' after the closing quote of a field\n" + AFTER, False),
    "papaparse/Quoted field has invalid trailing quote after delimiter with a valid closer":
        ("error", "case.csv:1:5: error: 'b' after the closing quote of a field\n" + AFTER, False),
    "papaparse/Quoted field has invalid trailing quote before delimiter":
        ("error", "case.csv:1:6: error: 'c' after the closing quote of a field\n" + AFTER, False),
    # strict RFC 4180: a quote in an unquoted field is an error, not a character
    "papaparse/Unquoted field with quotes at end of field":
        ("error", "case.csv:1:4: error: quote inside an unquoted field\n"
                  "hint: quote the field and double the quotes in it: \"B\"\"\"", False),
    "papaparse/Misplaced quotes in data, not as opening quotes":
        ("error", "case.csv:1:5: error: quote inside an unquoted field\n"
                  "hint: quote the field and double the quotes in it: \"B \"\"B\"\"\"", False),
    # blank lines are skipped (as rust-csv does), not records of one empty field
    "papaparse/One column input with empty fields": ("records", [["a"], ["b"], ["c"], ["d"], ["e"]], False),
    # line ends inside quoted fields are read as LF whatever the file uses
    "spectrum/newlines_crlf": ("lf", None, False),
}

def run(data):
    with open(os.path.join(tmp, "case.csv"), "wb") as f:
        f.write(data)
    p = subprocess.run([kh, "data", "--json", "--all", "case.csv"], cwd=tmp, capture_output=True)
    return p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace").rstrip("\n")

seen = set()

def check(name, data, expected):
    seen.add(name)
    dev = DEVIATIONS.get(name)
    rc, out, err = run(data)
    label = "csv conformance: " + name
    if dev and dev[0] == "error":
        if rc == 1 and out == "" and err == dev[1]:
            print("ok " + label + " (refused on purpose)")
        else:
            print("not ok %s: expected exit 1 and\n    %s\n    got exit %d, stdout %r, stderr:\n    %s"
                  % (label, dev[1].replace("\n", "\n    "), rc, out[:200], err.replace("\n", "\n    ")))
        if dev[2]:
            # the same records under a header row of our own
            n = len(expected[0]) if expected else 1
            head = ["h%d" % (i + 1) for i in range(n)]
            check_records(label + " (records under a header)",
                          (",".join(head) + "\n").encode() + data, [head] + expected)
        return
    if dev and dev[0] == "records":
        expected = dev[1]
    if dev and dev[0] == "lf":
        expected = [[v.replace("\r\n", "\n") for v in r] for r in expected]
    check_records(label + (" (read otherwise on purpose)" if dev else ""), data, expected)

def check_records(label, data, expected):
    rc, out, err = run(data)
    try:
        got = json.loads(out) if rc == 0 else None
    except ValueError as e:
        print("not ok %s: stdout is not one JSON value: %s" % (label, e))
        return
    if rc == 0 and got == expected:
        print("ok " + label)
    else:
        print("not ok %s: exit %d\n    expected %s\n    got      %s\n    stderr: %s"
              % (label, rc, json.dumps(expected, ensure_ascii=False), json.dumps(got, ensure_ascii=False), err))

spectrum = os.path.join(corpus, "spectrum")
for f in sorted(os.listdir(spectrum)):
    if not f.endswith(".csv"):
        continue
    with open(os.path.join(spectrum, f), "rb") as fh:
        data = fh.read()
    with open(os.path.join(spectrum, f[:-4] + ".json"), encoding="utf-8") as fh:
        objs = json.load(fh)
    records = [list(objs[0].keys())] + [list(o.values()) for o in objs]
    check("spectrum/" + f[:-4], data, records)

with open(os.path.join(corpus, "rust-csv-core.json"), encoding="utf-8") as fh:
    for case in json.load(fh):
        check("rust-csv/" + case["name"], case["input"].encode("utf-8"), case["data"])

with open(os.path.join(corpus, "papaparse-core.json"), encoding="utf-8") as fh:
    for case in json.load(fh):
        if case["config"] != {}:
            continue
        check("papaparse/" + case["description"], case["input"].encode("utf-8"), case["data"])

for name in sorted(set(DEVIATIONS) - seen):
    print("not ok csv conformance: deviation %r names no case in the corpus" % name)
EOF
