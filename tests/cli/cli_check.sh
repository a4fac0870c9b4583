# `strata check`, `disasm`, `explain` and `--help`: exit codes and output.
source "$(dirname "$0")/lib/assert.bash"

run "$STRATA" check "$SRC/rules/retail"
expect_status 0 "check of the sample rules"
expect_stderr_has "no problems"

for f in "$SRC"/rules/*/; do
  run "$STRATA" check "$f"
  expect_status 0 "check $f"
done

cat >"$WORK/bad.strata" <<'RULES'
record C key id {
  id: string
  revenue: money
}
let monetary = revenue * 2
tiering t {
  tier a when monetry > 5
}
RULES
run "$STRATA" check "$WORK/bad.strata"
expect_status 1 "check of a rule file with an error"
expect_stderr_has "error[E0201]: unknown name \`monetry\`"
expect_stderr_has "bad.strata:7:15"
expect_stderr_has "did you mean \`monetary\`?"

run "$STRATA" check --format json "$WORK/bad.strata"
expect_status 1 "json diagnostics"
expect_stdout_has '"code": "E0201"'
expect_stdout_has '"line": 7'

run "$STRATA" check --format short "$WORK/bad.strata"
expect_stderr_has "bad.strata:7:15: error[E0201]"

run "$STRATA" check "$WORK/does-not-exist.strata"
expect_status 2 "check of a missing file"

run "$STRATA" check
expect_status 2 "check without files"

run "$STRATA" frobnicate
expect_status 2 "unknown command"

for cmd in check run disasm explain; do
  run "$STRATA" $cmd --help
  expect_status 0 "$cmd --help"
  expect_stdout_has "Usage"
done

run "$STRATA" disasm "$SRC/rules/retail"
expect_status 0 "disasm"
expect_stdout_has "aggregate"
expect_stdout_has "tier.set"
expect_stdout_has "event program #0"

run "$STRATA" check --dump ast "$SRC/rules/retail"
expect_status 0 "dump ast"
run "$STRATA" check --dump tokens "$SRC/rules/retail"
expect_status 0 "dump tokens"

run "$STRATA" explain E0201
expect_status 0 "explain a code"
expect_stdout_has "E0201"
run "$STRATA" explain X999
expect_status 2 "explain an unknown code"

finish
