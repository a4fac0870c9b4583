# The embedding example (docs/examples/embed.cpp) builds and runs on the sample data: batch counts
# and single records evaluated on two threads.
source "$(dirname "$0")/lib/assert.bash"
DATA="$SRC/rules/retail/data"
run "$BIN/embed_example" "$SRC/rules/retail" "$DATA/customers.csv" "$DATA/orders.csv"
expect_status 0 "embed_example"
expect_stdout_has "rfm: important_value="
expect_stdout_has "thread 0: pyramid = middle"
expect_stdout_has "thread 1: pyramid = middle"
finish
