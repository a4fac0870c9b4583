#!/usr/bin/env bash
# The main job on the bundled sample data: check the retail rule set, run it, explain a customer.
set -euo pipefail
BUILD="${1:-build}"
cd "$(dirname "$0")/.."
STRATA="$BUILD/strata"
DATA=rules/retail/data
mkdir -p out
echo "== strata check rules/retail"
"$STRATA" check rules/retail
echo
echo "== strata run rules/retail (assignments in out/assignments.csv)"
"$STRATA" run rules/retail --data "$DATA/customers.csv" --events "Order=$DATA/orders.csv" \
  --labels --columns recency,frequency,monetary --out out/assignments.csv
echo
echo "== strata run ... --explain C00042"
"$STRATA" run rules/retail --data "$DATA/customers.csv" --events "Order=$DATA/orders.csv" \
  --explain C00042 --quiet
