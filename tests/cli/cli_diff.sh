# `strata diff`: a rule set against itself moves nobody; a threshold change moves exactly the
# customers an independent SQL query finds between the old and new threshold; formats, limits,
# added and removed tierings, schema differences and git revisions.
source "$(dirname "$0")/lib/assert.bash"
RETAIL="$SRC/rules/retail"
DATA=(--data "$RETAIL/data/customers.csv" --events "Order=$RETAIL/data/orders.csv")

# 1. Against itself: zero moves, in every format.
run "$STRATA" diff "$RETAIL" "$RETAIL" "${DATA[@]}" --format json --out "$WORK/self.json"
expect_status 0 "diff against itself"
run python3 -c "
import json
r = json.load(open('$WORK/self.json'))
assert r['customers'] == 3000 and r['moved'] == 0, r
assert sorted(t['name'] for t in r['tierings']) == ['lifecycle', 'pyramid', 'rfm']
for t in r['tierings']:
    assert t['presence'] == 'both' and t['moved'] == 0 and t['sample'] == [], t['name']
    assert sum(t['matrix'][i][i] for i in range(len(t['matrix']))) == 3000, t['name']
print('self ok')"
expect_stdout_has "self ok"
run "$STRATA" diff "$RETAIL" "$RETAIL" "${DATA[@]}"
expect_stdout_has "0 of 3000 customers move (0.00%)"
expect_stdout_has "pyramid \"价值金字塔\": 0 move (0.00%)"
# Options before the two versions take one value each.
run "$STRATA" diff --events "Order=$RETAIL/data/orders.csv" --data "$RETAIL/data/customers.csv" "$RETAIL" "$RETAIL"
expect_status 0 "options first"
expect_stdout_has "0 of 3000 customers move"

# 2. pyramid_top 100,000 -> 150,000: the movers are the customers with 100,000 <= monetary
# < 150,000, found by the SQL model of the measures (integer cents), customer by customer.
cp -r "$RETAIL" "$WORK/new"
sed -i 's/^param pyramid_top: money = 100_000 /param pyramid_top: money = 150_000 /' "$WORK/new/pyramid.strata"
grep -q "pyramid_top: money = 150_000" "$WORK/new/pyramid.strata" || fail "the threshold edit did not apply"
run "$STRATA" diff "$RETAIL" "$WORK/new" "${DATA[@]}" --format json --sample 100000 --out "$WORK/top.json"
expect_status 0 "threshold diff"
python3 -c "
import json
r = json.load(open('$WORK/top.json'))
t = next(t for t in r['tierings'] if t['name'] == 'pyramid')
for m in t['sample']:
    assert (m['from'], m['to']) == ('top', 'large'), m
    assert m['old']['tier'] == 'top' and m['new']['tier'] == 'large', m
print('\n'.join(m['key'] for m in t['sample']))
" >"$WORK/strata_moved.txt" || fail "reading the diff report"
sqlite3 -bail "$WORK/check.db" >"$WORK/sqlite.log" 2>&1 <<SQL || fail "the SQL model failed: $(cat "$WORK/sqlite.log")"
.mode csv
.import '$RETAIL/data/customers.csv' customers
.import '$RETAIL/data/orders.csv' orders
.read '$SRC/tests/cli/sql/retail_tiers.sql'
SQL
sqlite3 "$WORK/check.db" \
  "SELECT id FROM measures WHERE monetary >= 10000000 AND monetary < 15000000 ORDER BY id" \
  >"$WORK/sql_moved.txt"
sql_count=$(wc -l <"$WORK/sql_moved.txt")
if ((sql_count > 0)); then pass; else fail "the SQL query finds no customer between the thresholds"; fi
if diff "$WORK/sql_moved.txt" "$WORK/strata_moved.txt" >"$WORK/moved.diff"; then
  pass
else
  fail "moved customers differ from the SQL query: $(head -20 "$WORK/moved.diff")"
fi
run python3 -c "
import json
r = json.load(open('$WORK/top.json'))
t = next(t for t in r['tierings'] if t['name'] == 'pyramid')
i, j = t['from_tiers'].index('top'), t['to_tiers'].index('large')
assert t['moved'] == $sql_count == t['matrix'][i][j] == r['moved'], (t['moved'], t['matrix'])
assert all(x['moved'] == 0 for x in r['tierings'] if x['name'] != 'pyramid')
print('matrix ok')"
expect_stdout_has "matrix ok"

# Markdown for a pull-request comment, with the deciding condition of each version.
run "$STRATA" diff "$RETAIL" "$WORK/new" "${DATA[@]}" --format markdown --sample 3
expect_status 0 "markdown"
expect_stdout_has "## strata diff: $sql_count of 3000 customers move"
expect_stdout_has "| old \\ new |"
expect_stdout_has "| **top** |"
expect_stdout_has "<details><summary>Moved customers (first 3 by key)</summary>"
expect_stdout_has "monetary = "
expect_stdout_has "top did not match: ✗ monetary = "
expect_stdout_has ">= pyramid_top = 150,000"
first=$(head -1 "$WORK/sql_moved.txt")
expect_stdout_has "| $first | top → large |"

# --max-moved compares exactly; the report is written either way.
run "$STRATA" diff "$RETAIL" "$WORK/new" "${DATA[@]}" --max-moved 0% --out "$WORK/r.txt"
expect_status 1 "more moves than --max-moved 0%"
expect_stderr_has "customers move"
expect_file_has "$WORK/r.txt" "customers move"
run "$STRATA" diff "$RETAIL" "$WORK/new" "${DATA[@]}" --max-moved 100%
expect_status 0 "--max-moved 100%"

# Exact shares on a small population: 1 of 4 moves (25%).
mkdir -p "$WORK/small"
printf 'record C key id {\n  id: string\n  x: int\n}\ntiering t {\n  tier hi when x >= 10\n  tier lo otherwise\n}\n' >"$WORK/small/old.strata"
sed 's/x >= 10/x >= 20/' "$WORK/small/old.strata" >"$WORK/small/new.strata"
printf 'id,x\na,5\nb,15\nc,25\nd,30\n' >"$WORK/small/c.csv"
run "$STRATA" diff "$WORK/small/old.strata" "$WORK/small/new.strata" --data "$WORK/small/c.csv" --max-moved 25%
expect_status 0 "25% moved is not more than 25%"
expect_stdout_has "1 of 4 customers move (25.00%)"
expect_stdout_has "    b  hi -> lo"
run "$STRATA" diff "$WORK/small/old.strata" "$WORK/small/new.strata" --data "$WORK/small/c.csv" --max-moved 24.99%
expect_status 1 "25% moved is more than 24.99%"
run "$STRATA" diff "$WORK/small/old.strata" "$WORK/small/new.strata" --data "$WORK/small/c.csv" --max-moved lots
expect_status 2 "a --max-moved that is not a share"

# Added and removed tierings.
mkdir -p "$WORK/less"
cp "$RETAIL/customer.strata" "$RETAIL/pyramid.strata" "$WORK/less/"
run "$STRATA" diff "$RETAIL" "$WORK/less" "${DATA[@]}"
expect_status 0 "a removed tiering"
expect_stdout_has "lifecycle \"生命周期\": removed in the new version"
run "$STRATA" diff "$WORK/less" "$RETAIL" "${DATA[@]}" --format json
expect_stdout_has '"presence": "added"'

# Parameters apply to each version that declares them.
run "$STRATA" diff "$RETAIL" "$RETAIL" "${DATA[@]}" --param pyramid_top=1 --param nope=1
expect_status 2 "a parameter no version declares"
expect_stderr_has "neither version declares a parameter \`nope\`"

# Sub-tiers and decision tables (rules/combined): a higher pyramid_top moves customers from
# top.* to large.*, and the service table's platinum row widened to all of `top` moves gold
# customers; the samples name each level of a sub-tier and the deciding row of a table.
mkdir -p "$WORK/forms"
cp -r "$SRC/rules/retail" "$SRC/rules/combined" "$WORK/forms/"
sed -i 's/^param pyramid_top: money = 100_000 /param pyramid_top: money = 150_000 /' "$WORK/forms/retail/pyramid.strata"
sed -i 's/^  (top.important_value, *-) *-> platinum/  (top, -) -> platinum/' "$WORK/forms/combined/key_accounts.strata"
grep -q '^  (top, -) ' "$WORK/forms/combined/key_accounts.strata" || fail "the table edit did not apply"
run "$STRATA" diff "$SRC/rules/combined" "$WORK/forms/combined" "${DATA[@]}" --format json --sample 100000 --out "$WORK/forms.json"
expect_status 0 "combined diff"
run python3 - "$WORK/forms.json" <<'PY'
import json, sys
t = {x["name"]: x for x in json.load(open(sys.argv[1]))["tierings"]}
k = t["key_accounts"]
assert k["from_tiers"] == ["top", "top.important_value", "top.at_risk", "top.other", "large",
                           "large.important", "large.other", "rest", "none"], k["from_tiers"]
assert k["moved"] > 0
for m in k["sample"]:
    assert m["from"].startswith("top.") and m["to"].startswith("large."), m
    assert m["old"]["text"].startswith(m["from"] + ": top ("), m["old"]["text"]
    assert "its tier top did not match: ✗ pyramid = large is top" in m["new"]["other_tier"], m["new"]
s = t["service"]
assert s["moved"] > 0
rows = {(m["old"]["row"], m["new"]["row"]) for m in s["sample"]}
# platinum is row 1, gold row 2, silver 3, standard 4 in both versions; a top customer that
# becomes large.other leaves gold for silver or standard.
assert (1, 2) in rows and rows <= {(1, 2), (2, 1), (2, 3), (2, 4)}, rows
for m in s["sample"]:
    assert m["old"]["terms"][0]["cell"] in ("top.important_value", "[top, large.important]"), m["old"]
print("forms ok")
PY
expect_stdout_has "forms ok"
run "$STRATA" diff "$SRC/rules/combined" "$WORK/forms/combined" "${DATA[@]}" --sample 100000
expect_stdout_has "old: gold by row 2 ([top, large.important], -) ("
expect_stdout_has "new: platinum by row 1 (top, -) ("
expect_stdout_has "platinum did not match: row 1 (top.important_value, -): ✗ key_accounts = top.at_risk, the row needs top.important_value"
expect_stdout_has "  old \\ new                  top top.important_value"

# 3. git:REV:PATH, in a repository made here: the committed version against the working tree.
REPO="$WORK/repo"
mkdir -p "$REPO/rules" "$REPO/common"
cp -r "$RETAIL" "$REPO/rules/retail"
# A `use` outside the rule-set folder must resolve as it did at that revision.
mv "$REPO/rules/retail/customer.strata" "$REPO/common/customer.strata"
sed -i 's|^use "customer.strata"|use "../../common/customer.strata"|' "$REPO"/rules/retail/*.strata
(cd "$REPO" && git init -q && git add -A && git -c user.name=t -c user.email=t@t commit -qm v1) ||
  fail "creating the test repository"
sed -i 's/^param pyramid_top: money = 100_000 /param pyramid_top: money = 150_000 /' "$REPO/rules/retail/pyramid.strata"
run bash -c "cd '$REPO' && '$STRATA' diff git:HEAD:rules/retail rules/retail ${DATA[*]} --format json --sample 100000"
expect_status 0 "git:HEAD against the working tree"
cp "$WORK/stdout" "$WORK/git.json"
run python3 -c "
import json, sys
r = json.loads(open('$WORK/git.json').read())
t = next(t for t in r['tierings'] if t['name'] == 'pyramid')
keys = [m['key'] for m in t['sample']]
assert keys == open('$WORK/sql_moved.txt').read().split(), len(keys)
assert r['old'] == 'git:HEAD:rules/retail'
assert t['sample'][0]['old']['where'].startswith('HEAD:rules/retail/pyramid.strata:'), t['sample'][0]['old']
print('git ok')"
expect_stdout_has "git ok"
run bash -c "cd '$REPO/rules' && '$STRATA' diff git:HEAD:retail retail ${DATA[*]} --sample 1"
expect_status 0 "a git path relative to the current folder"
expect_stdout_has "old: top (HEAD:rules/retail/pyramid.strata:"

run bash -c "cd '$REPO' && '$STRATA' diff git:no-such-rev:rules/retail rules/retail ${DATA[*]}"
expect_status 2 "an unknown revision"
expect_stderr_has "error[E0605]: \`no-such-rev\` is not a revision"
run bash -c "cd '$REPO' && '$STRATA' diff git:HEAD:rules/wholesale rules/retail ${DATA[*]}"
expect_status 2 "a path missing at the revision"
expect_stderr_has "\`rules/wholesale\` does not exist at HEAD"
mkdir -p "$WORK/norepo"
run bash -c "cd '$WORK/norepo' && GIT_CEILING_DIRECTORIES='$WORK' '$STRATA' diff git:HEAD:x '$RETAIL' ${DATA[*]}"
expect_status 2 "not a git repository"
expect_stderr_has "is not inside a git repository"
finish
