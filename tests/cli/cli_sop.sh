# SOP runs end to end: the shipped service-sop sample against its hand-checked statuses and
# actions, a sequence of runs carrying the state (hold, tier changes, enter/exit actions), a run
# killed while writing the state, and a state file that is not one.
source "$(dirname "$0")/lib/assert.bash"
RULES="$SRC/rules/service-sop"
DATA="$RULES/data"
cp "$DATA"/*.csv "$WORK/"
sop_run() {  # sop_run AS_OF [extra args...]
  local as_of="$1"; shift
  run "$STRATA" run "$RULES" --data "$WORK/customers.csv" --events "Order=$WORK/orders.csv" \
    --events "Touch=$WORK/touches.csv" --param "as_of=$as_of" --out "$WORK/assign.csv" "$@"
}

# 1. The sample as shipped: statuses and actions as checked by hand in rules/service-sop/README.md.
sop_run 2026-11-04 --state "$WORK/state.jsonl" --sop-status "$WORK/status.jsonl" \
  --actions "$WORK/actions.jsonl" --changes "$WORK/changes.jsonl"
expect_status 0 "first run"
for f in status actions; do
  if diff "$RULES/expected/$f.jsonl" "$WORK/$f.jsonl" >"$WORK/diff"; then pass; else
    fail "$f.jsonl differs from rules/service-sop/expected/$f.jsonl: $(head -20 "$WORK/diff")"; fi
done
expect_same "$(wc -c <"$WORK/changes.jsonl" | tr -d ' ')" "0" "a first run has no changes"
expect_stderr_has "first run: no previous state, so no tier changes"
expect_stderr_has "vip_service      service_level.vip \"VIP 服务\"                2 / 3         66.67%"
expect_stderr_has "actions: 2 task, 2 notify, 4 release to pool"
expect_file_has "$WORK/state.jsonl" '{"strata_state":1,'
expect_file_has "$WORK/state.jsonl" '{"id":"S002","seen":"2026-11-04","tiers":{"rfm":{"tier":"important_value","since":"2026-11-04"},"pyramid":{"tier":"middle","since":"2026-11-04"},"service_level":{"tier":"vip","since":"2026-11-04"}},"sops":{"vip_service":{"1":"violated","2":"overdue"},"pool_recycle":{"1":"overdue"}}}'

# 2. A week later: S001 spends little (its service level is held one run), S006 becomes a VIP
# (an `enter` task), S008 is gone (exits). Released customers are not released again.
sed -i 's/^S001,\(.*\),30000.00$/S001,\1,900.00/' "$WORK/orders.csv"
for m in 06 07 08 09 10; do echo "S006,2026-$m-03T10:00:00,30000.00" >>"$WORK/orders.csv"; done
sed -i '/^S008,/d' "$WORK/customers.csv" "$WORK/orders.csv" "$WORK/touches.csv"
cp "$WORK/state.jsonl" "$WORK/state.run1"
sop_run 2026-11-11 --state "$WORK/state.run1" --explain S001 -q
expect_status 0 "explain with the state"
expect_stdout_has "service_level \"服务等级\" -> vip \"VIP 服务\""
expect_stdout_has "held by \`hold\`: the conditions give basic"
if cmp -s "$WORK/state.run1" "$WORK/state.jsonl"; then pass; else
  fail "--explain must not write the state"; fi
sop_run 2026-11-11 --state "$WORK/state.jsonl" --changes "$WORK/changes.jsonl" \
  --actions "$WORK/actions.jsonl" -q
expect_status 0 "second run"
expect_file_has "$WORK/changes.jsonl" '{"id":"S001","tiering":"pyramid","event":"downgrade","from":"top","to":"small","from_label":"顶层客户","to_label":"小客户","as_of":"2026-11-11"}'
expect_file_has "$WORK/changes.jsonl" '{"id":"S006","tiering":"service_level","event":"upgrade","from":"basic","to":"vip","from_label":"自动化服务","to_label":"VIP 服务","as_of":"2026-11-11"}'
expect_file_has "$WORK/changes.jsonl" '{"id":"S008","tiering":"service_level","event":"exit","from":"basic","to":null,"from_label":"自动化服务","to_label":null,"as_of":"2026-11-11"}'
if grep -q '"id":"S001","tiering":"service_level"' "$WORK/changes.jsonl"; then
  fail "S001's service level must be held for one run"; else pass; fi
expect_file_has "$WORK/state.jsonl" '"service_level":{"tier":"vip","since":"2026-11-04","pending":"basic","streak":-1}'
expect_file_has "$WORK/actions.jsonl" '{"id":"S006","sop":"vip_service","action":"task","owner":"孙丽","message":"新 VIP 客户，安排高层拜访: 武汉新程制造有限公司","due":"2026-11-19T00:00:00","reason":"enter service_level","as_of":"2026-11-11"}'
if grep -q '"id":"S002","sop":"pool_recycle"' "$WORK/actions.jsonl"; then
  fail "S002 was released last week and must not be released again"; else pass; fi
if grep -q '"id":"S008"' "$WORK/state.jsonl"; then fail "S008 left the data"; else pass; fi

# 3. Another week: the second lower run moves S001 down, and its owner hears of it.
sop_run 2026-11-18 --state "$WORK/state.jsonl" --changes "$WORK/changes.jsonl" \
  --actions "$WORK/actions.jsonl" -q
expect_status 0 "third run"
expect_file_has "$WORK/changes.jsonl" '{"id":"S001","tiering":"service_level","event":"downgrade","from":"vip","to":"basic","from_label":"VIP 服务","to_label":"自动化服务","as_of":"2026-11-18"}'
expect_file_has "$WORK/actions.jsonl" '{"id":"S001","sop":"vip_service","action":"notify","owner":"王芳","message":"北京华信科技有限公司: VIP 服务 -> 自动化服务","due":null,"reason":"exit service_level","as_of":"2026-11-18"}'
expect_file_has "$WORK/state.jsonl" '"service_level":{"tier":"basic","since":"2026-11-18"}'

# 4. Killed while writing the state: the previous state file is untouched, and the next run
# goes on from it.
cp "$WORK/state.jsonl" "$WORK/state.before"
STRATA_TEST_KILL_WRITING_STATE=1 sop_run 2026-11-25 --state "$WORK/state.jsonl" -q
expect_status 137 "a run killed by SIGKILL"
if cmp -s "$WORK/state.before" "$WORK/state.jsonl"; then pass; else
  fail "the state file changed although the run was killed"; fi
sop_run 2026-11-25 --state "$WORK/state.jsonl" -q
expect_status 0 "the run after the killed one"
expect_file_has "$WORK/state.jsonl" '"as_of":"2026-11-25"'

# 5. A state file that is not one stops the run before anything is written.
echo "not json" >"$WORK/bad.jsonl"
sop_run 2026-11-25 --state "$WORK/bad.jsonl" -q
expect_status 1 "a bad state file"
expect_stderr_has "error[E0405]: line 1 is not a JSON object"
expect_same "$(cat "$WORK/bad.jsonl")" "not json" "a bad state file is left alone"

# 6. --explain shows the customer's obligations and why.
sop_run 2026-11-04 --explain S003 -q
expect_status 0 "explain"
expect_stdout_has "overdue standard_service#1: respond Touch where kind == ticket within 4h on workdays"
expect_stdout_has "last 2026-10-30T16:00:00 (1 events, 1 open, 0 late), due 2026-11-02T11:00:00, overdue by 22h"

# 7. An SOP whose tier has no customer: its compliance row is 0 / 0 with no share, not 100%.
for f in customers orders touches; do
  grep -v -e '^S001,' -e '^S002,' -e '^S007,' "$DATA/$f.csv" >"$WORK/no_vip_$f.csv"
done
run "$STRATA" run "$RULES" --data "$WORK/no_vip_customers.csv" \
  --events "Order=$WORK/no_vip_orders.csv" --events "Touch=$WORK/no_vip_touches.csv" \
  --param as_of=2026-11-04 --out "$WORK/assign.csv"
expect_status 0 "a run without VIPs"
expect_stderr_has "vip_service      service_level.vip \"VIP 服务\"                0 / 0              —"
if grep -q "0 / 0 .*100.00%" "$WORK/stderr"; then fail "an empty tier is not 100% compliant"; else
  pass; fi
finish
