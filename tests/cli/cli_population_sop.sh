# Statistics over all customers with `hold` and an SOP, end to end: a tiering by quintile with
# `hold demote 2` and an SOP for its top tier, run twice with a state file (held tiers, changes,
# SOP statuses and actions), `--explain` of the held customer, and `strata test --coverage` of the
# same rule set with the first run's state file and an inline state.
source "$(dirname "$0")/lib/assert.bash"
R="$WORK/rules"
mkdir -p "$R"
cat >"$R/value.strata" <<'RULES'
record Customer key id {
  id:    string
  name:  string
  owner: string
  spend: money
}
events Touch of Customer by customer_id {
  at:          datetime
  kind:        enum { ticket, call, visit }
  answered_at: datetime?
}
param as_of: date = 2026-11-04
let q = quintile(spend)
tiering value "价值" {
  tier top  "顶层" when q == 5
  tier high "高"   when q >= 4
  tier rest "其他" otherwise
  hold demote 2
}
let is_top = if value is top then 1 else 0
let top_share = avg(is_top)
sop top_service "顶层服务" for value.top {
  respond Touch where kind == ticket within 4h
  every 30d Touch where kind == visit else task owner "拜访 {name} ({value}, q{q})" due 7d
  on enter value: task owner "欢迎 {name}" due 7d
  on exit value: notify owner "{name}: {value.previous} -> {value}"
}
RULES
customers() {  # customers SPEND_OF_A10 SPEND_OF_A05
  echo "id,name,owner,spend"
  for i in 01 02 03 04 05 06 07 08 09 10; do
    spend=$((10#$i * 100))
    [[ $i == 10 ]] && spend=$1
    [[ $i == 05 ]] && spend=$2
    echo "A$i,客户$i,owner$i,$spend"
  done
}
cat >"$WORK/touches.csv" <<'CSV'
customer_id,at,kind,answered_at
A09,2026-10-20T10:00:00,visit,
A10,2026-10-20T10:00:00,visit,
A10,2026-11-09T10:00:00,ticket,2026-11-09T11:00:00
CSV
value_run() {  # value_run AS_OF [args...]
  local as_of="$1"; shift
  run "$STRATA" run "$R" --data "$WORK/customers.csv" --events "Touch=$WORK/touches.csv" \
    --param "as_of=$as_of" --state "$WORK/state.jsonl" "$@"
}

# Run 1, a first run: A09 and A10 are the top quintile.
customers 1000 500 >"$WORK/customers.csv"
value_run 2026-11-04 --out "$WORK/a1.csv" --changes "$WORK/c1.jsonl" --actions "$WORK/x1.jsonl" -q
expect_status 0 "first run"
expect_file_has "$WORK/a1.csv" "A10,top"
expect_same "$(wc -c <"$WORK/c1.jsonl" | tr -d ' ')" "0" "a first run has no changes"
cp "$WORK/state.jsonl" "$WORK/state_run1.jsonl"

# Run 2: A10 falls to the bottom quintile and is held in top; A05 rises and is welcomed. The
# statistic over the held tiering counts A10 in top (3 of 10).
customers 50 5000 >"$WORK/customers.csv"
value_run 2026-11-11 --explain A10 -q
expect_status 0 "explain the held customer"
expect_stdout_has "value \"价值\" -> top \"顶层\""
expect_stdout_has "held by \`hold\`: the conditions give rest"
expect_stdout_has "quintile(spend) = 1  (its position among 10 customers)"
expect_stdout_has "avg(is_top) = 0.30  (over 10 customers)"
expect_stdout_has "ok top_service#1: respond Touch where kind == ticket within 4h"
if cmp -s "$WORK/state.jsonl" "$WORK/state_run1.jsonl"; then pass; else fail "--explain wrote the state"; fi
value_run 2026-11-11 --out "$WORK/a2.csv" --columns q,top_share --changes "$WORK/c2.jsonl" \
  --sop-status "$WORK/s2.jsonl" --actions "$WORK/x2.jsonl" -q
expect_status 0 "second run"
expect_file_has "$WORK/a2.csv" "A10,top,1,0.3"
expect_file_has "$WORK/a2.csv" "A05,top,5,0.3"
expect_file_has "$WORK/c2.jsonl" '{"id":"A05","tiering":"value","event":"upgrade","from":"rest","to":"top","from_label":"其他","to_label":"顶层","as_of":"2026-11-11"}'
if grep -q '"id":"A10"' "$WORK/c2.jsonl"; then fail "A10 is held: no change"; else pass; fi
expect_file_has "$WORK/s2.jsonl" '{"id":"A10","sop":"top_service","obligation":1,"kind":"respond","status":"ok","last":"2026-11-09T10:00:00","due":null'
expect_file_has "$WORK/x2.jsonl" '{"id":"A05","sop":"top_service","action":"task","owner":"owner05","message":"欢迎 客户05","due":"2026-11-19T00:00:00","reason":"enter value","as_of":"2026-11-11"}'
expect_file_has "$WORK/state.jsonl" '{"id":"A10","seen":"2026-11-04","tiers":{"value":{"tier":"top","since":"2026-11-04","pending":"rest","streak":-1}}'

# Run 3: the second lower run moves A10 down, and its owner is told.
value_run 2026-11-18 --out "$WORK/a3.csv" --changes "$WORK/c3.jsonl" --actions "$WORK/x3.jsonl" -q
expect_status 0 "third run"
expect_file_has "$WORK/a3.csv" "A10,rest"
expect_file_has "$WORK/c3.jsonl" '{"id":"A10","tiering":"value","event":"downgrade","from":"top","to":"rest","from_label":"顶层","to_label":"其他","as_of":"2026-11-18"}'
expect_file_has "$WORK/x3.jsonl" '"message":"客户10: 顶层 -> 其他"'

# The same runs as rule tests: the second run from the first run's state file, and the third from
# the state written inline; with rule coverage over both.
cp "$WORK/state_run1.jsonl" "$R/state_run1.jsonl"
cp "$WORK/touches.csv" "$R/touches.csv"
cat >"$R/value.test.yaml" <<'YAML'
params: {as_of: 2026-11-11}
defaults: {owner: 王芳}
tests:
  - name: held in top after the first run (a state file)
    state: state_run1.jsonl
    data:
      records: customers.csv
      events: {Touch: touches.csv}
    expect:
      - customer: A10
        tiers: {value: top}
        lets: {q: 1, top_share: 0.3}
        sop: {top_service: {1: {status: ok, due: none}, 2: ok}}
        actions: []
      - customer: A05
        tiers: {value: top}
        actions: [{kind: task, sop: top_service, message: 欢迎 客户05, due: 7d}]
      - customer: A04
        sop: {top_service: none}
    counts:
      value: {top: 3, high: 2, rest: 5}
  - name: moved on the second lower run (the state inline)
    params: {as_of: 2026-11-18}
    state:
      as_of: 2026-11-11
      customers:
        - customer: A10
          tiers: {value: {tier: top, since: 2026-11-04, placed_lower: 1}}
        - {customer: A09, tiers: {value: top}}
    customers: &population
      - {id: B1, name: b1, spend: 100}
      - {id: B2, name: b2, spend: 200}
      - {id: B3, name: b3, spend: 300}
      - {id: B4, name: b4, spend: 400}
      - {id: A09, name: a9, spend: 900}
      - {id: A10, name: a10, spend: 50}
    expect:
      - customer: A10
        tiers: {value: rest}
        sop: {top_service: none}
        actions: [{kind: notify, owner: 王芳, message: "a10: 顶层 -> 其他"}]
      - customer: A09
        tiers: {value: top}
        sop: {top_service: {2: {status: ok, due: 2026-12-11}}}
  - name: fails on purpose
    state:
      as_of: 2026-11-04
      customers: [{customer: A10, tiers: {value: top}}]
    customers: *population      # the customers of the case before (a YAML alias)
    expect:
      - customer: A10
        tiers: {value: rest}
        sop: {top_service: none}
        actions: [{kind: notify, message_contains: 顶层}]
      - customer: A09
        sop: {top_service: {2: overdue}}
        actions: []
YAML
cp "$WORK/customers.csv" "$R/customers.csv"
run "$STRATA" test "$R" --coverage --color never
expect_status 1 "the case that fails on purpose fails"
expect_stdout_has "  ok    held in top after the first run (a state file)"
expect_stdout_has "  ok    moved on the second lower run (the state inline)"
expect_stdout_has "  FAIL  fails on purpose"
expect_stdout_has "customer A10: tier of value: expected \`rest\`, got \`top\`"
expect_stdout_has "decided by top, held by \`hold\`; the conditions give rest (otherwise: no earlier tier matched)"
expect_stdout_has "rest is where the conditions place the customer, but its \`hold\` rule keeps it in top until enough consecutive runs agree"
expect_stdout_has "customer A10: SOP top_service: expected \`none\`, got \`under the SOP (1: ok, 2: ok)\`"
expect_stdout_has "top_service is for value.top"
expect_stdout_has "customer A10: action: expected \`notify with \"顶层\"\`, got \`no actions\`"
expect_stdout_has "customer A09: top_service#2 \`every 30d Touch where kind == visit\`: expected \`overdue\`, got \`ok\`"
expect_stdout_has "no matching event, due 2026-12-11T00:00:00"
expect_stdout_has "customer A09: actions: expected \`0 actions\`, got \`1 action\`"
expect_stdout_has "not expected:"
expect_stdout_has "task 王芳: 欢迎 a9 (due 2026-11-19T00:00:00)  (top_service: enter value)"
expect_stdout_has "coverage of $R:"
expect_stdout_has "2 passed, 1 failed, 0 skipped"
finish
