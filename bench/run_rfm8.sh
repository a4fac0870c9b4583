#!/usr/bin/env bash
# Runs the rules/rfm-8 benchmark of bench/RESULTS.md: generates the data sets (deterministic,
# 40% one-time buyers as the models' sample data), then for each size runs `strata_bench rfm8` in
# a fresh process: loading, the run phase by phase, the hand-written rfm-8 and peak memory.
# Usage: bench/run_rfm8.sh BUILD_DIR [SIZES...]   (default: 1000000 10000000)
# 1M customers get about 10M orders (16.6 per customer on average), 10M about 20M (2.75).
# STRATA_BENCH_DATA: where the data goes (default /tmp/strata-bench-models; never in the tree).
set -euo pipefail
BUILD="${1:-build}"
shift || true
SIZES=("${@:-1000000 10000000}")
SIZES=(${SIZES[@]})
DATA="${STRATA_BENCH_DATA:-/tmp/strata-bench-models}"
REPS="${STRATA_BENCH_REPS:-3}"
cd "$(dirname "$0")/.."
mkdir -p "$DATA"
for n in "${SIZES[@]}"; do
  dir="$DATA/$n"
  per=16.6
  if ((n >= 10000000)); then per=2.75; fi
  if [[ ! -f "$dir/orders.csv" ]]; then
    "$BUILD/strata_gen" --customers "$n" --orders-per-customer "$per" --one-time-buyers 40 \
      --seed 7 --out "$dir" >&2
  fi
  echo "### rules/rfm-8, $n customers"
  echo '```'
  "$BUILD/strata_bench" rfm8 rules/rfm-8 --data "$dir/customers.csv" \
    --events "Order=$dir/orders.csv" --reps "$REPS"
  echo '```'
done
