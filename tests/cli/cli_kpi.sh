# `strata kpi`, `strata report` and the KPI part of `strata diff` end to end on the retail sample:
# formats, atomic output, comparing two tables, exit codes, escaping in the report.
source "$(dirname "$0")/lib/assert.bash"
cd "$SRC" || exit 2
DATA=(--data rules/retail/data/customers.csv --events Order=rules/retail/data/orders.csv)

run "$STRATA" kpi rules/retail "${DATA[@]}"
expect_status 0 "strata kpi"
expect_stdout_has "KPIs by rfm"
expect_stdout_has "important_value 重要价值客户"
expect_stdout_has "✗ >= 30"
expect_stdout_has "targets: "

run "$STRATA" kpi rules/retail "${DATA[@]}" --format json --out "$WORK/now.json"
expect_status 0 "strata kpi --format json --out"
expect_file_has "$WORK/now.json" '"strata_kpis": 1'
expect_file_has "$WORK/now.json" '"kpi": "repurchase_rfm"'
# No temporary file is left beside the output.
if ls "$WORK" | grep -q '\.tmp'; then fail "a temporary file was left: $(ls "$WORK")"; else pass; fi

# Exact values in CSV: the share of the top level is an exact decimal, not a rounded display.
run "$STRATA" kpi rules/retail "${DATA[@]}" --format csv
expect_status 0 "strata kpi --format csv"
expect_stdout_has "kpi,label,unit,by,group,group_label,customers,value,target,status"
expect_stdout_has "revenue_share_pyramid,收入占比,percent,pyramid,top,顶层客户,27,"

# Comparing with the table of another month: a higher as_of moves customers, deltas appear.
run "$STRATA" kpi rules/retail "${DATA[@]}" --param as_of=2026-12-01 --compare "$WORK/now.json" \
  --format json
expect_status 0 "strata kpi --compare"
expect_stdout_has '"compared_with":'
expect_stdout_has '"delta":'
run "$STRATA" kpi rules/retail "${DATA[@]}" --param as_of=2026-12-01 --compare "$WORK/now.json"
expect_stdout_has "changes since"
expect_stdout_has " pp)"

# Targets missed: exit 1 only when asked.
run "$STRATA" kpi rules/retail "${DATA[@]}" --fail-on-missed-target
expect_status 1 "--fail-on-missed-target with missed targets"
expect_stderr_has "targets missed"

# A previous table that is not one, or is missing: usage / I/O problems.
printf 'not json\n' >"$WORK/bad.json"
run "$STRATA" kpi rules/retail "${DATA[@]}" --compare "$WORK/bad.json"
expect_status 2 "--compare with a file that is not a KPI table"
expect_stderr_has "is not a KPI table"
run "$STRATA" kpi rules/retail "${DATA[@]}" --compare "$WORK/missing.json"
expect_status 2 "--compare with a missing file"
printf '{"strata_kpis": 1, "rows": [{"kpi": "x", "group": "all", "value": "1.2.3"}]}' >"$WORK/badvalue.json"
run "$STRATA" kpi rules/retail "${DATA[@]}" --compare "$WORK/badvalue.json"
expect_status 2 "--compare with a value that is not a decimal"
expect_stderr_has "not an exact decimal"

# The report: one file, escaped text, every section.
run "$STRATA" report rules/retail "${DATA[@]}" --out "$WORK/report.html" --title 'A <b>&</b> 报告'
expect_status 0 "strata report"
expect_file_has "$WORK/report.html" '<title>A &lt;b&gt;&amp;&lt;/b&gt; 报告</title>'
expect_file_has "$WORK/report.html" 'id="chart-customers-rfm"'
expect_file_has "$WORK/report.html" 'id="chart-revenue-pyramid"'
expect_file_has "$WORK/report.html" 'no previous state was given'
expect_file_has "$WORK/report.html" '<meta charset="utf-8">'
# Nothing is loaded from anywhere: no script, no link but the SVG namespace.
if grep -oE '<script|https?://[^" ]*' "$WORK/report.html" | grep -v 'www.w3.org/2000/svg' | grep -q .; then
  fail "the report loads something"
else
  pass
fi
run "$STRATA" report rules/retail "${DATA[@]}" --out "$WORK/r2.html" --revenue monetray
expect_status 2 "--revenue with an unknown let"
expect_stderr_has "did you mean \`monetary\`?"
run "$STRATA" report rules/retail "${DATA[@]}" --out "$WORK/no-such-dir/r.html"
expect_status 2 "report to a folder that does not exist"

# strata diff: KPI deltas when the rule sets have KPIs.
mkdir -p "$WORK/old" "$WORK/new"
cp rules/retail/*.strata "$WORK/old/"
cp rules/retail/*.strata "$WORK/new/"
sed -i 's/param high_value: money = 5_000/param high_value: money = 8_000/' "$WORK/new/rfm.strata"
run "$STRATA" diff "$WORK/old" "$WORK/new" "${DATA[@]}" --format json
expect_status 0 "strata diff with KPIs"
expect_stdout_has '"kpis": ['
expect_stdout_has '"kpi": "customers_rfm"'
run "$STRATA" diff "$WORK/old" "$WORK/new" "${DATA[@]}"
expect_stdout_has "KPIs: "
expect_stdout_has "customers_rfm"
finish
