# Decision tables and combined models through the CLI: outputs with dotted ids and path labels,
# the summary's tree of sub-tiers, explanations, the disassembly of a lowered table, and the
# shipped combined example.
source "$(dirname "$0")/lib/assert.bash"

cat >"$WORK/rules.strata" <<'RULES'
record C key id {
  id: string
  revenue: money
  orders: int?
  industry: enum { ict, retail, other }
}
let r_high = orders >= 3
tiering rfm "RFM" table (r_high, revenue >= 1000) {
  (yes, yes) -> important "重要"
  (yes, no)  -> develop "发展"
  (no,  yes) -> important
  otherwise  -> general "一般"
}
tiering size unique table (orders, industry) {
  (>= 10, -)         -> big "大"
  (1..9, [ict])      -> mid "中"
  (1..9, != ict)     -> mid
  (0, -)             -> none_yet
}
tiering accounts "重点客户" {
  tier top "顶层" when revenue >= 5000 {
    tier vip "贵宾" when r_high
  }
  tier rest otherwise
}
tiering grid = rfm * size
let in_top = accounts is top
RULES
printf 'id,revenue,orders,industry\nA,6000,5,ict\nB,6000,1,retail\nC,100,,other\nD,2000,0,retail\n' >"$WORK/c.csv"
RUN=("$STRATA" run "$WORK/rules.strata" --data "$WORK/c.csv")

run "$STRATA" check "$WORK/rules.strata"
expect_status 0 "check of tables and combined models"

run "${RUN[@]}" --labels --columns in_top -q
expect_status 0 "run with labels"
expect_stdout_has "id,rfm,rfm_label,size,size_label,accounts,accounts_label,grid,grid_label,in_top"
expect_stdout_has "A,important,重要,mid,中,top.vip,顶层 / 贵宾,important.mid,重要 / 中,true"
# B is in `top` but in none of its sub-tiers; C has no `size` tier, so `grid` stops at `general`.
expect_stdout_has "B,important,重要,mid,中,top,顶层,important.mid,重要 / 中,true"
expect_stdout_has "C,general,一般,,,rest,,general,一般,false"

run "${RUN[@]}" --out "$WORK/out.jsonl" --labels
expect_status 0 "run to JSON Lines"
expect_file_has "$WORK/out.jsonl" '"accounts":"top.vip","accounts_label":"顶层 / 贵宾"'
expect_file_has "$WORK/out.jsonl" '"size":null'

run "${RUN[@]}" --out "$WORK/out.csv"
expect_status 0 "summary"
expect_stderr_has "tiering accounts \"重点客户\""
expect_stderr_has "  top                           2   50.00%  顶层"
expect_stderr_has "    top (no sub-tier)           1   25.00%  no sub-tier matched"
expect_stderr_has "    top.vip                     1   25.00%  顶层 / 贵宾"
expect_stderr_has "  (none)                        1   25.00%  no tier matched"

run "${RUN[@]}" --explain A -q
expect_status 0 "explain"
expect_stdout_has "rfm \"RFM\" -> important \"重要\"  (decision table, first matching row)"
expect_stdout_has "  ✓ row 1 (yes, yes) -> important \"重要\""
expect_stdout_has "      ✓ revenue >= 1000 = yes"
expect_stdout_has "size -> mid \"中\"  (decision table, unique: every row is checked)"
expect_stdout_has "      ✓ industry = ict in [ict]"
expect_stdout_has "    ✓ vip \"贵宾\""
expect_stdout_has "grid -> important.mid \"重要 / 中\"  (product rfm * size)"

run "$STRATA" disasm "$WORK/rules.strata"
expect_status 0 "disasm"
expect_stdout_has "tier map #0: row -> tier 0 1 1 2"
expect_stdout_has "tier.first"
expect_stdout_has "tier.unique"
expect_stdout_has "tier.map"
expect_stdout_has "(1..9, [ict])      -> mid"
# Source excerpts are cut between characters, so the listing stays valid UTF-8 with Chinese labels.
run "$STRATA" disasm "$SRC/rules/retail"
if iconv -f UTF-8 -t UTF-8 "$WORK/stdout" >/dev/null 2>&1; then pass; else fail "disasm is not valid UTF-8"; fi

# The shipped combined example runs on the retail data.
DATA="$SRC/rules/retail/data"
run "$STRATA" run "$SRC/rules/combined" --data "$DATA/customers.csv" --events "Order=$DATA/orders.csv" --labels --out "$WORK/combined.csv"
expect_status 0 "run of rules/combined"
expect_same "$(head -1 "$WORK/combined.csv")" \
  "id,pyramid,pyramid_label,rfm,rfm_label,key_accounts,key_accounts_label,value_grid,value_grid_label,service,service_label" \
  "combined header"
expect_stderr_has "    top.important_value         11    0.37%  顶层客户 / 重要价值"
run "$STRATA" run "$SRC/rules/combined" --data "$DATA/customers.csv" --events "Order=$DATA/orders.csv" --explain C00042 -q
expect_status 0 "explain on rules/combined"
expect_stdout_has "value_grid \"金字塔 × RFM\" -> middle.important_retain"

finish
