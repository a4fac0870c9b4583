// Positions: each customer's place among all customers with a present value.
//
// Over the n present values sorted ascending (ties by record key where it matters):
//   ntile(x, k)         SQL NTILE(k) OVER (ORDER BY x, key): buckets 1..k of equal count, the
//                       first n % k buckets one larger;
//   rank(x)             SQL RANK() OVER (ORDER BY x): 1 + the number of smaller values;
//   percent_rank(x)     SQL PERCENT_RANK(): (rank - 1) / (n - 1), 0 when n = 1;
//   cumulative_share(x) SUM(x) OVER (ORDER BY x DESC, key ROWS UNBOUNDED PRECEDING) / SUM(x):
//                       the share of the total held by this customer and every customer before
//                       it in that order; none when the total is zero.
// Ratios are rounded to 6 places half away from zero. A customer whose value is none gets none.
#include <algorithm>

#include "population/argument.hpp"
#include "population/snapshot.hpp"

namespace strata::population {

namespace {

// Calls f(begin, end) for each run of equal values of `sorted`.
template <class F>
void for_runs(const Argument& a, const std::vector<std::uint32_t>& sorted, F&& f) {
  std::size_t begin = 0;
  while (begin < sorted.size()) {
    const Decimal::Rep v = a.at(sorted[begin]);
    std::size_t end = begin + 1;
    while (end < sorted.size() && a.at(sorted[end]) == v) ++end;
    f(begin, end);
    begin = end;
  }
}

}  // namespace

void order_ties(const std::vector<const vm::Statistic*>& stats, const Argument& a,
                const KeyColumn& keys, bool all, std::vector<std::uint32_t>& sorted) {
  const std::size_t n = sorted.size();
  for_runs(a, sorted, [&](std::size_t begin, std::size_t end) {
    if (end - begin < 2) return;
    // Only where the order inside the run changes a result: a run spanning two ntile buckets,
    // or a run of non-zero values for a cumulative share.
    bool needed = all;
    for (const vm::Statistic* s : stats) {
      if (s->kind == vm::StatKind::Ntile) {
        const auto k = static_cast<std::uint64_t>(s->buckets);
        needed = needed || ntile_bucket(begin, n, k) != ntile_bucket(end - 1, n, k);
      }
      if (s->kind == vm::StatKind::CumulativeShare) needed = needed || a.at(sorted[begin]) != 0;
    }
    if (!needed) return;
    std::stable_sort(sorted.begin() + static_cast<std::ptrdiff_t>(begin),
                     sorted.begin() + static_cast<std::ptrdiff_t>(end),
                     [&](std::uint32_t x, std::uint32_t y) { return keys.less(x, y); });
  });
}

std::optional<vm::EvalError> compute_position(const vm::Statistic& s, const Argument& a,
                                              const std::vector<std::uint32_t>& sorted,
                                              vm::ScratchColumn& out) {
  const std::size_t n = sorted.size();
  switch (s.kind) {
    case vm::StatKind::Ntile: {
      const auto k = static_cast<std::uint64_t>(s.buckets);
      for (std::size_t i = 0; i < n; ++i) {
        out.i[sorted[i]] = ntile_bucket(i, n, k);
        out.ok[sorted[i]] = 1;
      }
      return std::nullopt;
    }
    case vm::StatKind::Rank:
    case vm::StatKind::PercentRank: {
      const bool percent = s.kind == vm::StatKind::PercentRank;
      for_runs(a, sorted, [&](std::size_t begin, std::size_t end) {
        Decimal share;
        if (percent && n > 1) {
          Decimal::div(Decimal::from_int(static_cast<std::int64_t>(begin)),
                       Decimal::from_int(static_cast<std::int64_t>(n - 1)), share);
        }
        for (std::size_t i = begin; i < end; ++i) {
          if (percent) {
            out.d[sorted[i]] = share.units();
          } else {
            out.i[sorted[i]] = static_cast<std::int64_t>(begin + 1);
          }
          out.ok[sorted[i]] = 1;
        }
      });
      return std::nullopt;
    }
    case vm::StatKind::CumulativeShare: {
      Decimal::Rep total = 0;
      for (std::uint32_t row : sorted) {
        if (__builtin_add_overflow(total, a.at(row), &total)) {
          return statistic_error(s, DiagCode::DecimalOverflow,
                                 "the total over all customers does not fit in a decimal");
        }
      }
      if (total == 0) return std::nullopt;
      // Largest values first; inside a run of equal values, keys ascending (order_ties).
      std::vector<std::pair<std::size_t, std::size_t>> runs;
      for_runs(a, sorted, [&](std::size_t b, std::size_t e) { runs.emplace_back(b, e); });
      Decimal::Rep prefix = 0;
      for (auto run = runs.rbegin(); run != runs.rend(); ++run) {
        for (std::size_t i = run->first; i < run->second; ++i) {
          Decimal share;
          if (__builtin_add_overflow(prefix, a.at(sorted[i]), &prefix) ||
              !Decimal::div(Decimal::from_units(prefix), Decimal::from_units(total), share)) {
            return statistic_error(s, DiagCode::DecimalOverflow,
                                   "a cumulative share does not fit in a decimal");
          }
          out.d[sorted[i]] = share.units();
          out.ok[sorted[i]] = 1;
        }
      }
      return std::nullopt;
    }
    default:
      return std::nullopt;
  }
}

}  // namespace strata::population
