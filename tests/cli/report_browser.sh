# `strata report` renders in a real browser: the report of the retail sample (with the state of a
# previous run) is opened in headless Chromium, which must draw every chart (the rendered DOM has
# each chart's SVG), paint a screenshot that is not blank (ink and many colours), and log nothing
# to the console (no error, no warning). Chromium is the Debian package `chromium`
# (scripts/setup.sh installs it); without it the test is skipped (exit 77), never passed.
# STRATA_REPORT_SCREENSHOT=PATH keeps the screenshot (docs/report-retail.png is made so).
source "$(dirname "$0")/lib/assert.bash"
cd "$SRC" || exit 2
CHROMIUM=$(command -v chromium || command -v chromium-browser || true)
if [[ -z "$CHROMIUM" ]]; then
  echo "skipped: chromium is not installed (apt-get install chromium)"
  exit 77
fi
# Headless, as root in a container: no sandbox, no GPU, no shared-memory assumptions.
browser() {
  timeout 120 "$CHROMIUM" --headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage \
    --no-first-run --hide-scrollbars --user-data-dir="$WORK/profile" --enable-logging=stderr \
    --v=0 "$@"
}
# What a page logged to its console, from Chromium's log on stderr. Chromium logs every console
# message (errors and uncaught exceptions included) as `INFO:CONSOLE`, whatever its level; the
# report has no script, so any message at all is a problem.
console_errors() { grep -E ':CONSOLE|Uncaught' "$1" || true; }

DATA=rules/retail/data
awk -F, 'NR == 1 || substr($2, 1, 10) < "2026-08-01"' $DATA/orders.csv >"$WORK/orders_prev.csv"
"$STRATA" run rules/retail --data $DATA/customers.csv --events "Order=$WORK/orders_prev.csv" \
  --param as_of=2026-08-01 --state "$WORK/state.jsonl" --out "$WORK/prev.csv" --quiet
run "$STRATA" report rules/retail --data $DATA/customers.csv --events Order=$DATA/orders.csv \
  --state "$WORK/state.jsonl" --out "$WORK/report.html" --title "零售客户分层报告 Retail tiering"
expect_status 0 "strata report"

# The DOM after rendering holds every chart: customers and revenue per tier and a migration heat
# map for each of the three tierings.
browser --dump-dom "file://$WORK/report.html" >"$WORK/dom.html" 2>"$WORK/dom.log"
for tiering in rfm pyramid lifecycle; do
  for chart in customers revenue migration; do
    expect_file_has "$WORK/dom.html" "id=\"chart-$chart-$tiering\""
  done
done
expect_file_has "$WORK/dom.html" '<table id="kpis">'
expect_file_has "$WORK/dom.html" '零售客户分层报告 Retail tiering'
expect_file_has "$WORK/dom.html" '重要价值客户'
charts=$(grep -o '<svg id="chart-' "$WORK/dom.html" | wc -l)
if [[ "$charts" -ge 9 ]]; then pass; else fail "the rendered page has $charts charts, expected 9"; fi
errors=$(console_errors "$WORK/dom.log")
if [[ -z "$errors" ]]; then pass; else fail "console errors: $errors"; fi

# The screenshot shows a page: more than a few inked pixels and the charts' colours.
browser --screenshot="$WORK/report.png" --window-size=1280,3600 "file://$WORK/report.html" \
  >/dev/null 2>"$WORK/shot.log"
if [[ -s "$WORK/report.png" ]]; then pass; else fail "no screenshot"; fi
read -r width height inked colours < <(/usr/bin/python3 "$SRC/tests/cli/lib/png_stats.py" "$WORK/report.png")
if [[ "$width" == 1280 && "${inked:-0}" -ge 20 && "${colours:-0}" -ge 8 ]]; then
  pass
else
  fail "the screenshot looks blank: ${width}x${height}, ${inked} per mille inked, ${colours} colours"
fi
if [[ -n "${STRATA_REPORT_SCREENSHOT:-}" ]]; then cp "$WORK/report.png" "$STRATA_REPORT_SCREENSHOT"; fi

# The checks themselves catch what they look for: a blank page is blank, and a page that logs an
# error is caught.
printf '<!DOCTYPE html><html><body></body></html>' >"$WORK/blank.html"
browser --screenshot="$WORK/blank.png" --window-size=1280,800 "file://$WORK/blank.html" \
  >/dev/null 2>&1
read -r _ _ blank_inked _ < <(/usr/bin/python3 "$SRC/tests/cli/lib/png_stats.py" "$WORK/blank.png")
if [[ "${blank_inked:-1}" -lt 20 ]]; then pass; else fail "a blank page measured ${blank_inked} per mille inked"; fi
printf '<!DOCTYPE html><html><body><script>console.error("broken chart")</script></body></html>' \
  >"$WORK/error.html"
browser --dump-dom "file://$WORK/error.html" >/dev/null 2>"$WORK/error.log"
if [[ -n "$(console_errors "$WORK/error.log")" ]]; then pass; else fail "a console error went unnoticed"; fi
finish
