# `strata test`: results, failure details, skipping, discovery, JUnit XML, coverage, exit codes.
source "$(dirname "$0")/lib/assert.bash"
RETAIL="$SRC/rules/retail"
T="$WORK/tests"
mkdir -p "$T"

# A test file outside the rule set's folder names it with `rules:`.
cat >"$T/pyramid.test.yaml" <<YAML
rules: $RETAIL
params: {as_of: 2026-11-01}
defaults: {name: n, industry: retail, owner: o, revenue: 1}
tests:
  - name: passes
    customers:
      - {id: A, events: {Order: [{at: 2026-10-01T10:00:00, amount: 100000}]}}
    expect:
      - {customer: A, tiers: {pyramid: top}, lets: {monetary: 100_000.00}}
  - name: fails on purpose
    customers:
      - {id: B, events: {Order: [{at: 2026-10-01T10:00:00, amount: 99999.99}]}}
      - {id: C}
    expect:
      - {customer: B, tiers: {pyramid: top}, lets: {monetary: 5}}
      - {customer: C, tiers: {pyramid: small}}
    counts:
      pyramid: {small: 2}
  - name: not yet
    skip: waits for the new export
    customers: [{id: D}]
    expect: [{customer: D, tiers: {pyramid: small}}]
YAML

run "$STRATA" test "$T/pyramid.test.yaml" --color never
expect_status 1 "a failing case exits 1"
expect_same "$(tail -n 1 "$WORK/stdout")" "1 passed, 1 failed, 1 skipped" "summary line"
expect_stdout_has "  ok    passes"
expect_stdout_has "  FAIL  fails on purpose"
expect_stdout_has "customer B: tier of pyramid: expected \`top\`, got \`large\`"
expect_stdout_has "decided by large ("
expect_stdout_has "monetary = 99,999.99 >= pyramid_large = 20,000"
expect_stdout_has "top did not match: ✗ monetary = 99,999.99 >= pyramid_top = 100,000"
expect_stdout_has "customer B: let monetary: expected \`5\`, got \`99,999.99\`"
expect_stdout_has "customers in pyramid.small: expected \`2\`, got \`1\`"
expect_stdout_has "--> $T/pyramid.test.yaml:15:"
expect_stdout_has "  skip  not yet (waits for the new export)"

# JUnit XML: well-formed, with the counts and the failure text.
run "$STRATA" test "$T" --junit "$WORK/junit.xml" -q
expect_status 1 "junit run"
run python3 - "$WORK/junit.xml" <<'PY'
import sys, xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
assert root.tag == "testsuites", root.tag
assert (root.get("tests"), root.get("failures"), root.get("skipped"), root.get("errors")) == ("3", "1", "1", "0"), root.attrib
suite = root.find("testsuite")
cases = suite.findall("testcase")
assert [c.get("name") for c in cases] == ["passes", "fails on purpose", "not yet"], cases
assert cases[0].get("classname").endswith("tests.pyramid"), cases[0].get("classname")
failure = cases[1].find("failure")
assert failure.get("message") == "customer B: tier of pyramid: expected `top`, got `large`", failure.get("message")
assert "decided by large" in failure.text, failure.text
assert cases[2].find("skipped").get("message") == "waits for the new export"
print("junit ok")
PY
expect_status 0 "JUnit XML parses with the expected content"
expect_stdout_has "junit ok"

# Discovery: *.test.yaml under the current folder, recursively; dot-folders are not searched.
mkdir -p "$WORK/disc/a/b" "$WORK/disc/.hidden"
cat >"$WORK/disc/a/b/ok.test.yaml" <<YAML
rules: $RETAIL
tests:
  - name: one
    customers: [{id: X, name: n, industry: ict, owner: o, revenue: 1}]
    expect: [{customer: X, tiers: {lifecycle: prospect}}]
YAML
printf 'tests: [oops\n' >"$WORK/disc/.hidden/broken.test.yaml"
printf 'not a test file\n' >"$WORK/disc/a/notes.yaml"
run bash -c "cd '$WORK/disc' && '$STRATA' test"
expect_status 0 "discovery in the current folder"
expect_stdout_has "a/b/ok.test.yaml"
expect_same "$(tail -n 1 "$WORK/stdout")" "1 passed, 0 failed, 0 skipped" "discovered one file"

run "$STRATA" test "$WORK/disc/a/notes.yaml" "$WORK/nowhere"
expect_status 2 "a path that does not exist"
expect_stderr_has "is neither a test file nor a folder"
mkdir -p "$WORK/empty"
run "$STRATA" test "$WORK/empty"
expect_status 2 "no test files"
expect_stderr_has "no test files (*.test.yaml) under"

# An unusable test file: exit 2, the other files still run, the summary is still last.
cp "$WORK/disc/.hidden/broken.test.yaml" "$WORK/disc/a/broken.test.yaml"
run bash -c "cd '$WORK/disc' && '$STRATA' test --junit '$WORK/j2.xml' --color never"
expect_status 2 "an unusable file"
expect_stderr_has "error[E0601]: not valid YAML"
expect_stderr_has "a/broken.test.yaml:2:1"
expect_same "$(tail -n 1 "$WORK/stdout")" "1 passed, 0 failed, 0 skipped" "summary after an unusable file"
run python3 -c "
import xml.etree.ElementTree as ET
r = ET.parse('$WORK/j2.xml').getroot()
assert r.get('errors') == '1', r.attrib
assert r.find('testsuite/testcase/error') is not None
print('error case ok')"
expect_stdout_has "error case ok"

# Coverage: 4 tiers and 4 terms (12 items), 10 covered; exact comparison with the minimum.
mkdir -p "$WORK/cov"
cat >"$WORK/cov/rules.strata" <<'RULES'
record C key id {
  id: string
  x: int?
}
tiering t {
  tier a when x >= 10 and x <= 20
  tier b when x > 20
  tier c when x < 0
  tier d otherwise
}
RULES
cat >"$WORK/cov/cov.test.yaml" <<'YAML'
tests:
  - name: a, b and d, never c
    customers: [{id: "1", x: 15}, {id: "2", x: 30}, {id: "3", x: 5}, {id: "4", x: ~}]
    expect:
      - {customer: "1", tiers: {t: a}}
      - {customer: "2", tiers: {t: b}}
      - {customer: "3", tiers: {t: d}}
      - {customer: "4", tiers: {t: d}}
YAML
run "$STRATA" test "$WORK/cov" --coverage --coverage-json "$WORK/cov.json" --min-coverage 83.33%
expect_status 0 "coverage 10/12 meets 83.33%"
expect_stdout_has "coverage of $WORK/cov: 10/12 (83.33%)"
expect_stdout_has "never chosen: tier c ("
expect_stdout_has "never true: \`x < 0\` in tier c"
run "$STRATA" test "$WORK/cov" --min-coverage 83.34%
expect_status 1 "coverage 10/12 is below 83.34%"
expect_stdout_has "is 83.33%, below the minimum 83.34%"
run "$STRATA" test "$WORK/cov" --min-coverage 0.8
expect_status 0 "a fraction works like a percentage"
run "$STRATA" test "$WORK/cov" --min-coverage 100%
expect_status 1 "10/12 is not 100%"
run "$STRATA" test "$WORK/cov" --min-coverage 120%
expect_status 2 "a share above 100%"
run python3 - "$WORK/cov.json" <<'PY'
import json, sys
report = json.load(open(sys.argv[1]))
rs = report["rule_sets"][0]
assert (rs["covered"], rs["required"]) == (10, 12), rs
t = rs["tierings"][0]
assert [x["chosen"] for x in t["tiers"]] == [1, 1, 0, 2], t
a = t["tiers"][0]["terms"]
# x >= 10: true for 15 and 30 (30 reaches tier a), false for 5, unknown for the missing x.
assert (a[0]["true"], a[0]["false"], a[0]["unknown"], a[0]["can_be_unknown"]) == (2, 1, 1, True), a[0]
# x <= 20 is only evaluated where x >= 10 did not decide (and: not false): 15, 30 and none.
assert (a[1]["true"], a[1]["false"], a[1]["unknown"]) == (1, 1, 1), a[1]
# Tier b is tried only by customers a did not take.
assert t["tiers"][1]["terms"][0]["true"] == 1 and t["tiers"][1]["terms"][0]["false"] == 1, t["tiers"][1]
print("coverage json ok")
PY
expect_stdout_has "coverage json ok"

# Sub-tiers, decision tables and products: what coverage counts, and how failures explain them.
mkdir -p "$WORK/forms"
cat >"$WORK/forms/rules.strata" <<'RULES'
record C key id {
  id: string
  x: int
  y: bool
}
tiering s {
  tier hi when x >= 10 {
    tier top when x >= 20
    tier mid otherwise
  }
  tier lo otherwise
}
tiering g table (x, y) {
  (>= 10, yes) -> a
  (>= 10, -)   -> b
  (-,     yes) -> c
  otherwise    -> d
}
tiering flag {
  tier on when y
  tier off otherwise
}
tiering p = flag * g
RULES
cat >"$WORK/forms/forms.test.yaml" <<'YAML'
tests:
  - name: every form
    customers: [{id: A, x: 25, y: true}, {id: B, x: 5, y: false}]
    expect:
      - {customer: A, tiers: {s: hi.top, g: a, p: on.a}}
      - {customer: B, tiers: {s: lo, g: d, p: off.d}}
    counts:
      s: {hi: 1, hi.top: 1, hi.mid: 0, lo: 1}
  - name: fails on purpose
    customers: [{id: A, x: 25, y: true}, {id: B, x: 5, y: false}]
    expect:
      - {customer: A, tiers: {s: hi.mid, p: on.b}}
      - {customer: B, tiers: {s: hi.top, g: b}}
YAML
run "$STRATA" test "$WORK/forms" --coverage --coverage-json "$WORK/forms.json" --color never
expect_status 1 "the failing case fails"
expect_stdout_has "  ok    every form"
expect_stdout_has "customer A: tier of s: expected \`hi.mid\`, got \`hi.top\`"
expect_stdout_has "decided by hi.top: hi ($WORK/forms/rules.strata:7): ✓ x = 25 >= 10; top ($WORK/forms/rules.strata:8): ✓ x = 25 >= 20"
expect_stdout_has "hi.mid was not tried: hi.top matched first"
expect_stdout_has "decided by on.a (flag is on, g is a)"
expect_stdout_has "on.b was not chosen: g is a, not b"
expect_stdout_has "hi.top was not tried: its tier hi did not match: ✗ x = 5 >= 10"
expect_stdout_has "decided by d (otherwise: no row matched)"
expect_stdout_has "b did not match: row 2 (>= 10, -): ✗ x = 5 >= 10"
# Coverage counts a sub-tier only for customers its parent took: B never tries hi.top, so
# `x >= 20` is never false. Table rows are items; a cell counts where its row was tried.
expect_stdout_has "coverage of $WORK/forms: 18/24 (75.00%)"
expect_stdout_has "  s                6/8 (75.00%)  tiers 3/4, term outcomes 3/4"
expect_stdout_has "    never chosen: tier hi.mid ($WORK/forms/rules.strata:9)"
expect_stdout_has "    never false: \`x >= 20\` in tier hi.top ($WORK/forms/rules.strata:8)"
expect_stdout_has "  g                8/12 (66.66%)  rows 2/4, cell outcomes 6/8"
expect_stdout_has "    never chosen: row 2 (>= 10, -) -> b ($WORK/forms/rules.strata:15)"
expect_stdout_has "    never true: \`>= 10\` under \`x\` in row 2 ($WORK/forms/rules.strata:15)"
expect_stdout_has "    never true: \`yes\` under \`y\` in row 3 ($WORK/forms/rules.strata:16)"
expect_stdout_has "  flag             4/4 (100.00%)  tiers 2/2, term outcomes 2/2"
expect_stdout_has "  p                0/0 (100.00%)  product of flag * g: covered through its operands"
run python3 - "$WORK/forms.json" <<'PY'
import json, sys
t = {x["name"]: x for x in json.load(open(sys.argv[1]))["rule_sets"][0]["tierings"]}
assert [x["chosen"] for x in t["s"]["tiers"]] == [2, 2, 0, 2], t["s"]["tiers"]
g = t["g"]
assert g["form"] == "table" and [r["chosen"] for r in g["rows"]] == [2, 0, 0, 2], g["rows"]
assert [r["text"] for r in g["rows"]] == ["(>= 10, yes)", "(>= 10, -)", "(-, yes)", "otherwise"]
row1 = g["rows"][0]["cells"]
assert [(c["source"], c["cell"], c["true"], c["false"]) for c in row1] == [("x", ">= 10", 2, 2), ("y", "yes", 2, 2)], row1
assert [c["cell"] for c in g["rows"][1]["cells"]] == [">= 10"], g["rows"][1]  # `-` is no item
assert t["p"]["form"] == "product" and t["p"]["operands"] == ["flag", "g"], t["p"]
print("forms json ok")
PY
expect_stdout_has "forms json ok"

# A rule set that cannot be read makes the test file unusable (2); one with errors fails (1).
printf 'rules: %s\ntests: [{name: x, customers: [{id: a}], expect: [{customer: a, tiers: {t: a}}]}]\n' \
  "$WORK/no-such-rules" >"$WORK/missing.test.yaml"
run "$STRATA" test "$WORK/missing.test.yaml"
expect_status 2 "rules that cannot be read"
expect_stderr_has "error[E0502]"
mkdir -p "$WORK/bad_rules"
printf 'record C key id {\n  id: string\n}\ntiering t {\n  tier a when nope\n}\n' >"$WORK/bad_rules/r.strata"
printf 'tests: [{name: x, customers: [{id: a}], expect: [{customer: a, tiers: {t: a}}]}]\n' \
  >"$WORK/bad_rules/r.test.yaml"
run "$STRATA" test "$WORK/bad_rules"
expect_status 1 "rules with errors"
expect_stderr_has "error[E0201]"
printf 'rules: %s\ntests: []\n' "$RETAIL" >"$WORK/none.test.yaml"
run "$STRATA" test "$WORK/none.test.yaml"
expect_status 2 "a test file without cases"
expect_stderr_has "\`tests\` has no cases"

# docs/testing.md describes every key of the test-file format (engine/src/testing/test_keys.def).
while read -r key; do
  if grep -qF "| \`$key\` |" "$SRC/docs/testing.md"; then pass; else fail "docs/testing.md does not describe \`$key\`"; fi
done < <(grep -o '^STRATA_TEST_KEY([A-Za-z]*, *"[a-z]*"' "$SRC/engine/src/testing/test_keys.def" | sed 's/.*"\(.*\)"/\1/')
finish
