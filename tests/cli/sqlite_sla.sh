#!/usr/bin/env bash
# Cross-checks the SOP compliance of rules/service-sop — each customer's obligation statuses, the
# compliance counts of the run summary and every KPI of kpis.strata (SLA compliance per service
# level and per SOP, NPS, customers, moves) — against an independent SQL model, value by value,
# compared as exact text.
#
# usage: sqlite_sla.sh STRATA_BIN SOURCE_DIR BINARY_DIR STRATA_GEN_BIN
#
# What SQL computes itself and what it takes from strata (tests/cli/sql/service_sla.sql):
#   - every cadence obligation (`every PERIOD EVENTS from START`) and every wall-clock `respond`
#     window: events, last, due, status, overdue seconds (open and late counts for respond),
#     from docs/sop.md;
#   - for the working-hour obligations (`respond ... on workdays`: a time zone, lunch breaks,
#     holidays and exchanged working days) SQL computes the events, open events and last event
#     only, and uses strata's own status of each customer (`strata run --sop-status`). The point
#     is the compliance aggregation on top: which customers each SOP covers (service levels with
#     `hold demote 2`), compliance per customer, per SOP and tier, per service level, `none` for
#     groups no customer of the SOP is in, and the KPI values as exact decimals.
# To check respond statuses fully as well, each dataset is also run with a copy of the rule set
# whose respond obligations have wall-clock windows (`within 2h warn 1h before`, `within 1d warn
# 20h before`):
# there SQL computes every status and uses nothing of strata's.
#
# For (a) the bundled sample data and (b) a generated population (strata_gen with its activity
# log), with each of the two rule sets, it makes a first run at RUN1 (writing the state), then
# at RUN2 with that state `strata run --sop-status` (statuses and the summary) and `strata kpi
# --format csv`, and compares. Last line:
#   sqlite SLA cross-check: 1234 values, 0 disagreements
# STRATA_CROSSCHECK_CUSTOMERS changes the generated size (default 20000).
set -euo pipefail

CHECK="sqlite SLA cross-check"
source "$(dirname "$0")/lib/sqlite_check.bash"
CUSTOMERS=${STRATA_CROSSCHECK_CUSTOMERS:-20000}
SQL_DIR=$SRC/tests/cli/sql

# The wall-clock copy of the rule set: rules/retail beside it, as service.strata uses it.
mkdir -p "$TMP/rules"
cp -r "$SRC/rules/retail" "$SRC/rules/service-sop" "$TMP/rules/"
WALLCLOCK=$TMP/rules/service-sop
sed -i -e 's/within 1h on workdays/within 2h/' -e 's/warn 15min before/warn 1h before/' \
  -e 's/within 4h on workdays/within 1d warn 20h before/' "$WALLCLOCK/service.strata"
[ "$(grep -c -e 'within 2h$' -e 'within 1d warn 20h before$' -e 'warn 1h before' \
  "$WALLCLOCK/service.strata")" = 3 ] ||
  fail "service.strata no longer has the respond obligations this check rewrites"

TOTAL_VALUES=0
TOTAL_DISAGREEMENTS=0

# Summary lines -> CSV: compliance per SOP and tier, and statuses per obligation.
summary_tables() {
  local log=$1 work=$2
  awk -v c="$work/compliance.csv" -v s="$work/status_counts.csv" '
    BEGIN { print "sop,scope,compliant,customers" > c; print "sop,number,ok,due_soon,overdue,violated" > s }
    /^SOP compliance as of/ { section = 1; next }
    /^obligations \(ok/ { section = 2; next }
    /^actions:/ { section = 0 }
    section == 1 && /^  [a-z_]+ / {
      for (i = 3; i < NF; i++) if ($i == "/") break
      print $1 "," ($2 == "all" ? "all" : $2) "," $(i - 1) "," $(i + 1) > c
    }
    section == 2 && /^  [a-z_]+#[0-9]+ / {
      split($1, name, "#")
      print name[1] "," name[2] "," $2 "," $3 "," $4 "," $5 > s
    }' "$log"
}

check_dataset() {
  local name=$1 dir=$2 rules=$3 variant=$4 run1=$5 run2=$6
  local work=$TMP/$name-$variant
  mkdir -p "$work"
  echo "== $name, $variant rules: $dir (runs $run1, $run2)"
  # The first run sees the orders up to its date (tiering windows have no upper bound); touches
  # after a run's time are ignored by the run itself.
  awk -F, -v d="$run1" 'NR == 1 || substr($2, 1, 10) <= d' "$dir/orders.csv" >"$work/orders_run1.csv"
  local inputs=(--data "$dir/customers.csv" --events "Touch=$dir/touches.csv")

  (cd "$work" && "$STRATA" run "$rules" "${inputs[@]}" --events "Order=$work/orders_run1.csv" \
    --param "as_of=$run1" --state "$work/state.jsonl" --out "$work/run1.csv" --quiet) \
    >"$work/run1.log" 2>&1 || {
    tail -n 30 "$work/run1.log" >&2
    fail "$name/$variant: the first run failed"
  }
  cp "$work/state.jsonl" "$work/state_run2.jsonl"
  (cd "$work" && "$STRATA" run "$rules" "${inputs[@]}" --events "Order=$dir/orders.csv" \
    --param "as_of=$run2" --state "$work/state_run2.jsonl" --out "$work/run2.csv" \
    --sop-status "$work/status.jsonl") >"$work/run2.log" 2>&1 || {
    tail -n 30 "$work/run2.log" >&2
    fail "$name/$variant: the second run failed"
  }
  (cd "$work" && "$STRATA" kpi "$rules" "${inputs[@]}" --events "Order=$dir/orders.csv" \
    --param "as_of=$run2" --state "$work/state.jsonl" --format csv --out "$work/kpis.csv") \
    >"$work/kpi.log" 2>&1 || {
    tail -n 30 "$work/kpi.log" >&2
    fail "$name/$variant: strata kpi failed"
  }
  [ -s "$work/kpis.csv" ] || fail "$name/$variant: strata kpi wrote no table"
  summary_tables "$work/run2.log" "$work"
  [ "$(wc -l <"$work/compliance.csv")" -gt 1 ] || fail "$name/$variant: no compliance in the summary"
  # JSON Lines -> one JSON array, for SQLite's json_each.
  { echo '['; sed '$!s/$/,/' "$work/status.jsonl"; echo ']'; } >"$work/status.json"

  local tiers_sql
  for d in run1 run2; do
    tiers_sql=$work/tiers_$d.sql
    sed "s/'2026-11-01' AS as_of/'${!d}' AS as_of/" "$SQL_DIR/retail_tiers.sql" >"$tiers_sql"
    grep -q "'${!d}' AS as_of" "$tiers_sql" || fail "retail_tiers.sql has no as_of to set"
  done
  sqlite3 -bail "$work/check.db" >"$work/sqlite.log" 2>&1 <<EOF || {
.mode csv
.import '$dir/customers.csv' customers
.import '$work/orders_run1.csv' orders
.read '$work/tiers_run1.sql'
CREATE TABLE tiers_run1 AS SELECT id, rfm, pyramid FROM expected;
DROP TABLE orders;
.import '$dir/orders.csv' orders
.read '$work/tiers_run2.sql'
.import '$dir/touches.csv' touches
.import '$work/run2.csv' strata_tiers
.import '$work/kpis.csv' strata_kpis
.import '$work/compliance.csv' strata_compliance
.import '$work/status_counts.csv' strata_status_counts
CREATE TABLE strata_status AS
SELECT json_extract(value, '$.id') AS id, json_extract(value, '$.sop') AS sop,
       json_extract(value, '$.obligation') AS obligation, json_extract(value, '$.kind') AS kind,
       json_extract(value, '$.status') AS status, json_extract(value, '$.last') AS last,
       json_extract(value, '$.due') AS due,
       json_extract(value, '$.overdue_seconds') AS overdue_seconds,
       json_extract(value, '$.events') AS events, json_extract(value, '$.open') AS open,
       json_extract(value, '$.late') AS late
FROM json_each(readfile('$work/status.json'));
CREATE TABLE sla_params AS SELECT '$run1' AS run1, '$run2' AS run2, '$variant' AS variant;
.read '$SQL_DIR/service_sla.sql'
EOF
    sed 's/^/  sqlite3: /' "$work/sqlite.log" >&2
    fail "$name/$variant: the SQL model failed"
  }
  local values disagreements
  values=$(sqlite3 "$work/check.db" "SELECT count(*) FROM comparisons")
  disagreements=$(sqlite3 "$work/check.db" "SELECT count(*) FROM sla_disagreements")
  if [ "$disagreements" != 0 ]; then
    sqlite3 -header -column "$work/check.db" \
      "SELECT * FROM sla_disagreements ORDER BY what, key LIMIT 20" | sed 's/^/  /'
  fi
  # What the check must cover: a model that compared nothing would pass.
  local kpis statuses
  kpis=$(sqlite3 "$work/check.db" "SELECT count(*) FROM comparisons WHERE what LIKE 'kpi %'")
  statuses=$(sqlite3 "$work/check.db" "SELECT count(*) FROM comparisons WHERE what = 'status.status'")
  [ "$kpis" -ge 28 ] || fail "$name/$variant: only $kpis KPI values were compared"
  [ "$statuses" -gt 0 ] || fail "$name/$variant: no obligation status was compared"
  sqlite3 -separator ' ' "$work/check.db" \
    "SELECT '  statuses:', group_concat(status || ' ' || n, ', ')
     FROM (SELECT status, count(*) AS n FROM final_status GROUP BY status ORDER BY status)"
  echo "  $name/$variant: $values values ($kpis KPI values, $statuses statuses computed in SQL), $disagreements disagreements"
  TOTAL_VALUES=$((TOTAL_VALUES + values))
  TOTAL_DISAGREEMENTS=$((TOTAL_DISAGREEMENTS + disagreements))
}

SAMPLE=$SRC/rules/service-sop/data
check_dataset bundled "$SAMPLE" "$SRC/rules/service-sop" shipped 2026-10-28 2026-11-04
check_dataset bundled "$SAMPLE" "$WALLCLOCK" wallclock 2026-10-28 2026-11-04
# The sample without its VIPs: the vip group is empty, so its KPIs must be 0 customers and none.
mkdir -p "$TMP/no-vip"
for f in customers orders touches; do
  grep -v -e '^S001,' -e '^S002,' -e '^S007,' "$SAMPLE/$f.csv" >"$TMP/no-vip/$f.csv"
done
check_dataset no-vip "$TMP/no-vip" "$SRC/rules/service-sop" shipped 2026-10-28 2026-11-04
[ "$(sqlite3 "$TMP/no-vip-shipped/check.db" "SELECT group_concat(sql_value, ',') FROM (SELECT sql_value
   FROM comparisons WHERE what LIKE 'kpi %' AND key = 'vip' ORDER BY what)")" = "0,0,,,," ] ||
  fail "no-vip: the vip group is not empty, or its KPIs are not 0 and none"
# Touches fall in the 180 days before the generator's as_of, so the last day before it is the
# second run's date: tickets opened that evening are still open, some inside their warning time.
"$GEN" --customers "$CUSTOMERS" --seed 11 --as-of 2026-11-05 --touches-per-customer 12 \
  --out "$TMP/generated" >"$TMP/gen.log" 2>&1 || {
  cat "$TMP/gen.log" >&2
  fail "strata_gen failed"
}
check_dataset generated "$TMP/generated" "$SRC/rules/service-sop" shipped 2026-09-30 2026-11-04
check_dataset generated "$TMP/generated" "$WALLCLOCK" wallclock 2026-09-30 2026-11-04

echo "sqlite SLA cross-check: $TOTAL_VALUES values, $TOTAL_DISAGREEMENTS disagreements"
[ "$TOTAL_DISAGREEMENTS" = 0 ]
