# Every SARIF log strata writes is valid against the SARIF 2.1.0 JSON schema: lint findings of
# each golden lint case (with related locations and Chinese text), check errors, a clean run.
# The schema comes from scripts/test-tools.sh (make test fetches it); without it the test is
# skipped (exit 77), never passed.
source "$(dirname "$0")/lib/assert.bash"
cd "$SRC" || exit 2
SCHEMA="${STRATA_TOOLS:-$SRC/build-tools}/sarif-schema-2.1.0.json"
if [[ ! -s "$SCHEMA" ]] || ! /usr/bin/python3 -c 'import jsonschema' 2>/dev/null; then
  echo "skipped: run scripts/test-tools.sh build-tools and install python3-jsonschema"
  exit 77
fi
logs=()
for case in tests/golden/lint/*.strata; do
  name=$(basename "$case" .strata)
  "$STRATA" lint --format sarif --today 2026-11-01 "$case" >"$WORK/lint-$name.sarif" 2>/dev/null
  logs+=("$WORK/lint-$name.sarif")
done
printf 'record C key id { id: string }\nlet x = y + 1\n' >"$WORK/broken.strata"
"$STRATA" check --format sarif "$WORK/broken.strata" >"$WORK/check-broken.sarif" 2>/dev/null
"$STRATA" check --format sarif rules/retail >"$WORK/check-clean.sarif" 2>/dev/null
logs+=("$WORK/check-broken.sarif" "$WORK/check-clean.sarif")
run /usr/bin/python3 "$SRC/tests/cli/lib/validate_json_schema.py" "$SCHEMA" "${logs[@]}"
expect_status 0 "${#logs[@]} SARIF logs valid against the SARIF 2.1.0 schema"
# The validator itself must reject a broken log, or the check above proves nothing.
/usr/bin/python3 - "$WORK/lint-tier-overlap.sarif" "$WORK/invalid.sarif" <<'PY'
import json, sys
log = json.load(open(sys.argv[1]))
log["runs"][0]["results"][0]["level"] = "severe"
json.dump(log, open(sys.argv[2], "w"))
PY
run /usr/bin/python3 "$SRC/tests/cli/lib/validate_json_schema.py" "$SCHEMA" "$WORK/invalid.sarif"
expect_status 1 "an invalid level is rejected"
expect_stdout_has "'severe' is not one of"
finish
