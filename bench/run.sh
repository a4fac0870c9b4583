#!/usr/bin/env bash
# Runs the benchmarks of bench/RESULTS.md: generates the data sets (deterministic), then for each
# size measures evaluation from memory against the hand-written loop, and end-to-end ingest in a
# fresh process. Usage: bench/run.sh BUILD_DIR [SIZES...]   (default sizes: 1000000 10000000)
set -euo pipefail
BUILD="${1:-build}"
shift || true
SIZES=("${@:-1000000 10000000}")
SIZES=(${SIZES[@]})
DATA="${STRATA_BENCH_DATA:-/tmp/strata-bench}"
RULES=(rules/retail/customer.strata rules/retail/rfm.strata rules/retail/pyramid.strata)
cd "$(dirname "$0")/.."
mkdir -p "$DATA"
for n in "${SIZES[@]}"; do
  dir="$DATA/$n"
  per=7
  # Ten million customers get two orders each on average, so the set fits comfortably in memory.
  if (( n >= 10000000 )); then per=2; fi
  if [[ ! -f "$dir/orders.csv" ]]; then
    "$BUILD/strata_gen" --customers "$n" --orders-per-customer "$per" --seed 7 --out "$dir" >&2
  fi
  echo "### $n customers"
  echo '```'
  "$BUILD/strata_bench" eval "${RULES[@]}" --data "$dir/customers.csv" \
    --events "Order=$dir/orders.csv" --reps 5
  for model in bench/rfm_quintiles.strata tests/data/population/rfm_quintiles.strata; do
    "$BUILD/strata_bench" population "$model" \
      --data "$dir/customers.csv" --events "Order=$dir/orders.csv" --reps 5
  done
  "$BUILD/strata_bench" ingest "${RULES[@]}" --data "$dir/customers.csv" \
    --events "Order=$dir/orders.csv"
  echo '```'
done
