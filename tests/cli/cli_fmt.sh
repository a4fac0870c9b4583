# strata fmt end to end: printing one file, --write, --check with its unified diff, folders, exit
# codes, files with syntax errors left untouched; and that formatting keeps the meaning: the
# shipped rule sets with their layout destroyed give the same tiers on their sample data before
# and after `strata fmt --write`, formatting them gives the shipped text back, and every output
# of the formatted rule sets equals the shipped ones' byte for byte.
source "$(dirname "$0")/lib/assert.bash"
G="$SRC/tests/golden/fmt"

# 1. One file to standard output.
run "$STRATA" fmt "$G/tiers.strata"
expect_status 0 "print"
if cmp -s "$WORK/stdout" "$G/tiers.expected"; then pass; else fail "printed text differs from tiers.expected"; fi

# 2. --check: a unified diff and exit 1 for an unformatted file, which stays as it is.
cp "$G/tiers.strata" "$WORK/t.strata"
run "$STRATA" fmt --check "$WORK/t.strata"
expect_status 1 "check an unformatted file"
expect_stdout_has "--- $WORK/t.strata"
expect_stdout_has "+++ $WORK/t.strata (formatted)"
expect_stdout_has "@@ -1,"
expect_stdout_has "+  tier top    \"顶层客户\" when monetary >= pyramid_top  # the top"
expect_stderr_has "1 of 1 file(s) not formatted"
if cmp -s "$WORK/t.strata" "$G/tiers.strata"; then pass; else fail "--check changed the file"; fi
# The diff applies with patch and gives the formatted text.
cp "$WORK/stdout" "$WORK/t.diff"
cp "$WORK/t.strata" "$WORK/p.strata"
if patch -s "$WORK/p.strata" "$WORK/t.diff" && cmp -s "$WORK/p.strata" "$G/tiers.expected"; then
  pass; else fail "the diff does not turn the file into its formatted text"; fi

# 3. --write rewrites in place; then --check is clean and silent.
run "$STRATA" fmt --write "$WORK/t.strata"
expect_status 0 "write"
expect_stderr_has "1 of 1 file(s) reformatted"
if cmp -s "$WORK/t.strata" "$G/tiers.expected"; then pass; else fail "--write result differs"; fi
run "$STRATA" fmt --check "$WORK/t.strata"
expect_status 0 "check a formatted file"
expect_same "$(cat "$WORK/stdout" "$WORK/stderr")" "" "nothing printed for a formatted file"

# 4. A folder means every .strata file below it; hidden folders are skipped.
mkdir -p "$WORK/tree/a/b" "$WORK/tree/.hidden"
cp "$G/table.strata" "$WORK/tree/a/b/x.strata"
cp "$G/table.expected" "$WORK/tree/y.strata"
cp "$G/table.strata" "$WORK/tree/.hidden/z.strata"
cp "$G/table.strata" "$WORK/tree/a/notes.txt"
run "$STRATA" fmt --check "$WORK/tree"
expect_status 1 "check a folder"
expect_stdout_has "--- $WORK/tree/a/b/x.strata"
expect_stderr_has "1 of 2 file(s) not formatted"
if grep -q "hidden\|notes.txt" "$WORK/stdout"; then fail "a hidden folder or a .txt file was formatted"; else pass; fi

# 5. Usage and I/O problems exit 2.
run "$STRATA" fmt "$G/tiers.strata" "$G/table.strata"
expect_status 2 "two files to standard output"
expect_stderr_has "error[E0501]: strata fmt prints one file (got 2); use --write to rewrite them or --check to check them"
run "$STRATA" fmt "$WORK/tree"
expect_status 2 "a folder to standard output"
run "$STRATA" fmt --check "$WORK/missing.strata"
expect_status 2 "a missing file"
expect_stderr_has "error[E0502]: cannot read \`$WORK/missing.strata\`: no such file or folder"
run "$STRATA" fmt --write --check "$WORK/t.strata"
expect_status 2 "--write with --check"
mkdir -p "$WORK/ro"
cp "$G/tiers.strata" "$WORK/ro/t.strata"
chmod 0555 "$WORK/ro"
if [[ $(id -u) -ne 0 ]]; then
  run "$STRATA" fmt --write "$WORK/ro/t.strata"
  expect_status 2 "a file in a folder that cannot be written"
  expect_stderr_has "error[E0502]"
fi
chmod 0755 "$WORK/ro"

# 6. A file with syntax errors is reported and left untouched; the others are still formatted.
cp "$SRC/tests/golden/syntax/missing_brace.strata" "$WORK/bad.strata"
cp "$G/fields.strata" "$WORK/good.strata"
run "$STRATA" fmt --write "$WORK/bad.strata" "$WORK/good.strata" --color never
expect_status 1 "a file with syntax errors"
expect_stderr_has "error[E01"
expect_stderr_has "1 of 2 file(s) reformatted"
if cmp -s "$WORK/bad.strata" "$SRC/tests/golden/syntax/missing_brace.strata"; then pass; else
  fail "a file with syntax errors was changed"; fi
if cmp -s "$WORK/good.strata" "$G/fields.expected"; then pass; else fail "the good file was not formatted"; fi

# 7. Meaning: the shipped rule sets with every indentation, alignment and run of spaces removed
#    (outside strings and comments) and spaces added inside parentheses and around commas.
cp -r "$SRC/rules" "$WORK/messy"
deform() {
  awk '{
    out = ""; in_string = 0; line = $0
    for (i = 1; i <= length(line); i++) {
      c = substr(line, i, 1)
      if (in_string) { out = out c; if (c == "\\") { i++; out = out substr(line, i, 1) } else if (c == "\"") in_string = 0; continue }
      if (c == "#") { out = out " " substr(line, i); break }
      if (c == "\"") { in_string = 1; out = out c; continue }
      if (c == " " || c == "\t") { if (out != "" && substr(out, length(out), 1) != " ") out = out " "; continue }
      if (c == ",") { out = out " , "; continue }
      if (c == "(") { out = out "( "; continue }
      if (c == ")") { out = out " )"; continue }
      out = out c
    }
    print out
  }' "$1" >"$1.tmp" && mv "$1.tmp" "$1"
}
while IFS= read -r f; do deform "$f"; done < <(find "$WORK/messy" -name '*.strata')
if diff -r -q "$SRC/rules" "$WORK/messy" >/dev/null; then fail "deforming changed nothing"; else pass; fi

RETAIL="$SRC/rules/retail/data"
SOPDATA="$SRC/rules/service-sop/data"
MODELS="rfm-8 rfm-segments lifecycle pyramid pareto key-accounts"
run_sets() {  # run_sets RULES_ROOT OUT_PREFIX
  "$STRATA" run "$1/retail" --data "$RETAIL/customers.csv" --events "Order=$RETAIL/orders.csv" \
    --labels --columns monetary,recency,frequency --out "$2-retail.csv" -q || return 1
  "$STRATA" run "$1/combined" --data "$RETAIL/customers.csv" --events "Order=$RETAIL/orders.csv" \
    --labels --out "$2-combined.csv" -q || return 1
  "$STRATA" run "$1/service-sop" --data "$SOPDATA/customers.csv" --events "Order=$SOPDATA/orders.csv" \
    --events "Touch=$SOPDATA/touches.csv" --param as_of=2026-11-04 --out "$2-sop.csv" \
    --sop-status "$2-status.jsonl" --actions "$2-actions.jsonl" -q || return 1
  for model in $MODELS; do
    "$STRATA" run "$1/$model" --data "$SRC/rules/$model/data/customers.csv" \
      --events "Order=$SRC/rules/$model/data/orders.csv" --labels --out "$2-$model.csv" -q || return 1
  done
}
if run_sets "$SRC/rules" "$WORK/shipped" && run_sets "$WORK/messy" "$WORK/deformed"; then pass; else
  fail "running the rule sets failed"; fi
run "$STRATA" fmt --write "$WORK/messy"
expect_status 0 "formatting the deformed rule sets"
if run_sets "$WORK/messy" "$WORK/formatted"; then pass; else fail "running the formatted rule sets failed"; fi
# SOP statuses and actions quote each obligation as written, so only the assignments compare
# with the deformed text; every output compares with the shipped rule sets.
for out in retail.csv combined.csv sop.csv $(for m in $MODELS; do echo "$m.csv"; done); do
  if cmp -s "$WORK/deformed-$out" "$WORK/formatted-$out"; then pass; else
    fail "$out differs between the deformed and the formatted rule sets"; fi
done
for out in retail.csv combined.csv sop.csv status.jsonl actions.jsonl \
  $(for m in $MODELS; do echo "$m.csv"; done); do
  if cmp -s "$WORK/shipped-$out" "$WORK/formatted-$out"; then pass; else
    fail "$out differs between the shipped and the formatted rule sets"; fi
done
if diff -r "$SRC/rules" "$WORK/messy" >"$WORK/rules.diff"; then pass; else
  fail "formatting the deformed rule sets does not give the shipped text: $(head -40 "$WORK/rules.diff")"; fi
finish
