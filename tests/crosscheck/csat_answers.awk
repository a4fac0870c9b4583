# Adds a `csat` column to a customers.csv of strata_gen: the answer 1..5 to a satisfaction
# survey, empty for the 30% of customers not asked. It is a function of the customer number
# alone (C00042 -> 42), so the same file always gets the same answers, and the column is last,
# so no other field is read (names may hold quoted commas). rules/key-accounts/data has it:
#   awk -f tests/crosscheck/csat_answers.awk customers.csv > with_csat.csv
# Answers lean to satisfied, as B2B surveys do: 1: 5%, 2: 10%, 3: 15%, 4: 35%, 5: 35% of those
# asked.
NR == 1 { print $0 ",csat"; next }
{
  n = substr($0, 2, index($0, ",") - 2) + 0
  # Two fractional parts of n times an irrational number: spread evenly, unrelated to n % 10.
  asked = n * 0.7548776662466927
  asked -= int(asked)
  if (asked < 0.3) { print $0 ","; next }
  h = n * 0.6180339887498949
  h = int((h - int(h)) * 20)
  answer = h < 1 ? 1 : h < 3 ? 2 : h < 6 ? 3 : h < 13 ? 4 : 5
  print $0 "," answer
}
