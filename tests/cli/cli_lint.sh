# `strata lint`: exit codes, formats (SARIF structure, GitHub annotations), configuration errors.
source "$(dirname "$0")/lib/assert.bash"
cd "$SRC" || exit 2
run "$STRATA" lint rules/retail
expect_status 0 "the sample rules lint clean"

run "$STRATA" lint --today 2026-11-01 tests/golden/lint/tier-gap.strata
expect_status 0 "warnings only"
run "$STRATA" lint --today 2026-11-01 --deny warnings tests/golden/lint/tier-gap.strata
expect_status 1 "--deny warnings"
run "$STRATA" lint --today 2026-11-01 -W tier-gap=error tests/golden/lint/tier-gap.strata
expect_status 1 "-W tier-gap=error"
run "$STRATA" lint -W tier-gapp=error rules/retail
expect_status 2 "unknown rule on the command line"
expect_stderr_has "did you mean \`tier-gap\`?"
run "$STRATA" lint
expect_status 2 "no files"

run "$STRATA" lint --format sarif --today 2026-11-01 tests/golden/lint/tier-overlap.strata
expect_status 1 "sarif: an error-level finding"
printf '%s' "$(cat "$WORK/stdout")" >"$WORK/log.sarif"
if python3 - "$WORK/log.sarif" <<'PY'
import json, sys
log = json.load(open(sys.argv[1]))
assert log["version"] == "2.1.0"
run = log["runs"][0]
assert run["columnKind"] == "unicodeCodePoints"
rules = run["tool"]["driver"]["rules"]
ids = [r["id"] for r in rules]
assert "tier-overlap" in ids and "E0201" in ids
for r in rules:
    assert r["shortDescription"]["text"] and r["help"]["text"]
    assert r["defaultConfiguration"]["level"] in ("none", "note", "warning", "error")
results = run["results"]
assert any(r["ruleId"] == "tier-overlap" for r in results)
for r in results:
    assert rules[r["ruleIndex"]]["id"] == r["ruleId"]
    assert r["level"] in ("note", "warning", "error")
    loc = r["locations"][0]["physicalLocation"]
    assert loc["artifactLocation"]["uri"] == "tests/golden/lint/tier-overlap.strata"
    assert loc["artifactLocation"]["uriBaseId"] == "SRCROOT"
    assert loc["region"]["startLine"] >= 1 and loc["region"]["startColumn"] >= 1
overlap = [r for r in results if r["ruleId"] == "tier-overlap"][0]
assert overlap["relatedLocations"][0]["physicalLocation"]["region"]["startLine"] >= 1
PY
then pass; else fail "SARIF log structure"; fi

run "$STRATA" lint --format github --today 2026-11-01 tests/golden/lint/tier-overlap.strata
expect_stdout_has "::error file=tests/golden/lint/tier-overlap.strata,line="
expect_stdout_has "title=tier-overlap::"

run "$STRATA" check --format sarif rules/retail
expect_status 0 "check --format sarif"
expect_stdout_has '"version": "2.1.0"'

cat >"$WORK/strata.yaml" <<'YAML'
lint:
  rules:
    tier-gaps: error
  max-tier-share: 160%
YAML
run "$STRATA" lint --config "$WORK/strata.yaml" rules/retail
expect_status 2 "invalid configuration"
expect_stderr_has "error[E0503]: \`tier-gaps\` is not a lint rule"
expect_stderr_has "strata.yaml:3:5"
expect_stderr_has "error[E0503]: \`max-tier-share\` must be a share between 0% and 100%"

cat >"$WORK/ok.yaml" <<'YAML'
lint:
  rules:
    tier-gap: off
YAML
run "$STRATA" lint --config "$WORK/ok.yaml" --today 2026-11-01 --deny warnings tests/golden/lint/tier-gap.strata
expect_status 0 "a rule turned off in strata.yaml"
run "$STRATA" lint --config "$WORK/ok.yaml" --list-rules
expect_stdout_has "tier-gap                     off"

run "$STRATA" explain tier-gap
expect_stdout_has "# tier-gap"
finish
