#include "kpi/groups.hpp"

#include "population/argument.hpp"

namespace strata::kpi {

ComplianceColumns compliance_columns(const std::vector<ObligationResult>& results,
                                     const std::vector<ObligationInfo>& obligations,
                                     std::size_t sops, std::size_t rows) {
  ComplianceColumns c;
  c.under.assign(sops + 1, std::vector<std::uint8_t>(rows, 0));
  c.compliant.assign(sops + 1, std::vector<std::uint8_t>(rows, 1));
  for (const ObligationResult& r : results) {
    if (r.row >= rows || r.obligation >= obligations.size()) continue;
    const bool ok = r.status == SopStatus::Ok || r.status == SopStatus::DueSoon;
    for (const std::size_t s : {obligations[r.obligation].sop, sops}) {
      c.under[s][r.row] = 1;
      if (!ok) c.compliant[s][r.row] = 0;
    }
  }
  return c;
}

Grouping make_grouping(const Model& model, int tiering, const ResultColumn* tiers,
                       std::size_t rows) {
  Grouping g;
  g.tiering = tiering;
  g.begin.push_back(0);
  g.end.push_back(rows);
  g.tier.push_back(kAllCustomers);
  if (tiering < 0 || tiers == nullptr) return g;
  const TieringSymbol& t = model.tierings[static_cast<std::size_t>(tiering)];
  const std::size_t n = t.tiers.size();
  // Slot of a customer: its tier, or n when it has none.
  std::vector<std::size_t> start(n + 2, 0);
  for (std::size_t r = 0; r < rows; ++r) {
    const std::size_t slot = tiers->present[r] ? static_cast<std::size_t>(tiers->ints[r]) : n;
    ++start[slot + 1];
  }
  for (std::size_t s = 1; s < start.size(); ++s) start[s] += start[s - 1];
  g.order.resize(rows);
  std::vector<std::size_t> next(start.begin(), start.end() - 1);
  for (std::size_t r = 0; r < rows; ++r) {
    const std::size_t slot = tiers->present[r] ? static_cast<std::size_t>(tiers->ints[r]) : n;
    g.order[next[slot]++] = static_cast<std::uint32_t>(r);
  }
  for (std::size_t tier = 0; tier < n; ++tier) {
    g.begin.push_back(start[tier]);
    g.end.push_back(start[t.tiers[tier].end]);
    g.tier.push_back(static_cast<int>(tier));
  }
  if (!t.has_otherwise) {
    g.begin.push_back(start[n]);
    g.end.push_back(rows);
    g.tier.push_back(kNoTier);
  }
  return g;
}

Aggregator::Aggregator(const Plan& plan, const Columns& columns,
                       const ComplianceColumns& compliance, const Grouping& grouping,
                       std::vector<std::optional<std::optional<Decimal>>>& every_customer)
    : plan_(plan),
      columns_(columns),
      compliance_(compliance),
      grouping_(grouping),
      gathered_(plan.inputs.size()),
      every_customer_(every_customer),
      memo_(plan.aggregates.size(),
            std::vector<std::optional<std::optional<Decimal>>>(grouping.tier.size())) {}

const Column& Aggregator::gathered(std::uint32_t input) {
  const Column& c = columns_.columns()[input];
  if (grouping_.order.empty()) return c;
  std::optional<Column>& out = gathered_[input];
  if (out) return *out;
  out.emplace();
  out->bank = c.bank;
  out->kind = c.kind;
  const std::vector<std::uint32_t>& order = grouping_.order;
  out->present.resize(order.size());
  for (std::size_t i = 0; i < order.size(); ++i) out->present[i] = c.present[order[i]];
  if (c.bank == vm::Bank::D) {
    out->decimals.resize(order.size());
    for (std::size_t i = 0; i < order.size(); ++i) out->decimals[i] = c.decimals[order[i]];
  } else {
    out->ints.resize(order.size());
    for (std::size_t i = 0; i < order.size(); ++i) out->ints[i] = c.ints[order[i]];
  }
  return *out;
}

std::optional<vm::EvalError> Aggregator::value(std::uint32_t a, std::size_t g,
                                               std::optional<Decimal>& out) {
  std::optional<std::optional<Decimal>>& known = g == 0 ? every_customer_[a] : memo_[a][g];
  if (known) {
    out = *known;
    return std::nullopt;
  }
  auto error = compute(a, g, out);
  if (!error) known = out;
  return error;
}

std::optional<vm::EvalError> Aggregator::compute(std::uint32_t a, std::size_t g,
                                                 std::optional<Decimal>& out) {
  const Aggregate& agg = plan_.aggregates[a];
  out.reset();
  const std::size_t begin = grouping_.begin[g];
  const std::size_t size = grouping_.size(g);
  if (agg.builtin == BuiltinId::Compliance) {
    const std::size_t s = agg.sop ? *agg.sop : compliance_.under.size() - 1;
    std::uint64_t under = 0;
    std::uint64_t compliant = 0;
    for (std::size_t i = begin; i < begin + size; ++i) {
      const std::size_t row = grouping_.order.empty() ? i : grouping_.order[i];
      under += compliance_.under[s][row];
      compliant += compliance_.under[s][row] & compliance_.compliant[s][row];
    }
    Decimal share;
    if (under != 0 && Decimal::div(Decimal::from_int(static_cast<std::int64_t>(compliant)),
                                   Decimal::from_int(static_cast<std::int64_t>(under)), share)) {
      out = share;
    }
    return std::nullopt;
  }
  if (!agg.input) {  // count(): the group's customers
    out = Decimal::from_int(static_cast<std::int64_t>(size));
    return std::nullopt;
  }
  const Column& c = gathered(*agg.input);
  population::Argument arg;
  arg.bank = c.bank;
  arg.kind = c.kind;
  arg.ok = c.present.data() + begin;
  arg.rows = size;
  if (c.bank == vm::Bank::D) {
    arg.d = c.decimals.data() + begin;
  } else {
    arg.i = c.ints.data() + begin;
  }
  vm::Statistic s;
  s.kind = agg.kind;
  s.fraction = agg.fraction;
  s.span = agg.call->span;
  population::Sorted sorted;
  if (agg.kind == vm::StatKind::Percentile) {
    sorted = c.bank == vm::Bank::D ? population::sort_rows(arg.d, arg.ok, size)
                                   : population::sort_rows(arg.i, arg.ok, size);
  }
  vm::ParamValue v;
  if (auto error = population::compute_aggregate(s, arg, sorted, v)) return error;
  if (!v.valid) return std::nullopt;
  // Results in the argument's bank: ints for count, and for sum, min and max of ints.
  const bool in_units = agg.kind == vm::StatKind::Avg || agg.kind == vm::StatKind::Stddev ||
                        agg.kind == vm::StatKind::Percentile ||
                        (c.bank == vm::Bank::D && agg.kind != vm::StatKind::Count);
  out = in_units ? Decimal::from_units(v.d) : Decimal::from_int(v.i);
  return std::nullopt;
}

}  // namespace strata::kpi
