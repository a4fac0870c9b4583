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

// Calls f(begin, end) for each run of equal values.
template <class F>
void for_runs(const Sorted& sorted, F&& f) {
  const std::vector<Decimal::Rep>& v = sorted.values;
  std::size_t begin = 0;
  while (begin < v.size()) {
    std::size_t end = begin + 1;
    while (end < v.size() && v[end] == v[begin]) ++end;
    f(begin, end);
    begin = end;
  }
}

// The first position (0-based) of bucket `bucket` (1-based) of ntile over `rows` rows.
std::uint64_t bucket_start(std::uint64_t bucket, std::uint64_t rows, std::uint64_t n) {
  const std::uint64_t size = rows / n, larger = rows % n, j = bucket - 1;
  return j < larger ? j * (size + 1) : larger * (size + 1) + (j - larger) * size;
}

// More boundaries than this inside one run of ties: sort the run instead of partitioning it.
constexpr std::size_t kMaxPartitions = 16;

// Writes value(i) to the row of the i-th smallest value, for every i. The rows are in random
// order, so each write would wait for memory; prefetching the rows a little ahead overlaps them.
template <class T, class F>
void scatter(const std::vector<std::uint32_t>& rows, T* out, F&& value) {
  constexpr std::size_t kAhead = 16;
  const std::size_t n = rows.size();
  for (std::size_t i = 0; i < n; ++i) {
    if (i + kAhead < n) __builtin_prefetch(out + rows[i + kAhead], 1);
    out[rows[i]] = value(i);
  }
}

}  // namespace

void order_ties(const std::vector<const vm::Statistic*>& stats, const KeyColumn& keys, bool all,
                Sorted& sorted) {
  const std::size_t n = sorted.rows.size();
  bool shares = false;
  for (const vm::Statistic* s : stats) shares = shares || s->kind == vm::StatKind::CumulativeShare;
  auto by_key = [&](std::uint32_t x, std::uint32_t y) { return keys.less(x, y); };
  std::vector<std::uint64_t> cuts;
  for_runs(sorted, [&](std::size_t begin, std::size_t end) {
    if (end - begin < 2) return;
    const auto first = sorted.rows.begin() + static_cast<std::ptrdiff_t>(begin);
    const auto last = sorted.rows.begin() + static_cast<std::ptrdiff_t>(end);
    // A cumulative share gives each customer of a run of non-zero values its own share.
    if (all || (shares && sorted.values[begin] != 0)) {
      std::sort(first, last, by_key);
      return;
    }
    // ntile: only which customers fall before each bucket boundary inside the run matters.
    cuts.clear();
    for (const vm::Statistic* s : stats) {
      if (s->kind != vm::StatKind::Ntile) continue;
      const auto k = static_cast<std::uint64_t>(s->buckets);
      const auto low = static_cast<std::uint64_t>(ntile_bucket(begin, n, k));
      const auto high = static_cast<std::uint64_t>(ntile_bucket(end - 1, n, k));
      for (std::uint64_t b = low + 1; b <= high && cuts.size() <= kMaxPartitions; ++b) {
        cuts.push_back(bucket_start(b, n, k));
      }
    }
    if (cuts.empty()) return;
    if (cuts.size() > kMaxPartitions) {
      std::sort(first, last, by_key);
      return;
    }
    std::sort(cuts.begin(), cuts.end());
    auto from = first;
    for (std::uint64_t cut : cuts) {
      const auto at = sorted.rows.begin() + static_cast<std::ptrdiff_t>(cut);
      if (at <= from) continue;
      std::nth_element(from, at, last, by_key);
      from = at;
    }
  });
}

std::optional<vm::EvalError> compute_position(const vm::Statistic& s, const Argument& a,
                                              const Sorted& sorted, vm::ScratchColumn& out) {
  const std::vector<std::uint32_t>& rows = sorted.rows;
  const std::size_t n = rows.size();
  // Every customer with a value gets a position (but a cumulative share of a zero total).
  auto mark_present = [&] { std::copy_n(a.ok, a.rows, out.ok.begin()); };
  switch (s.kind) {
    case vm::StatKind::Ntile: {
      const auto k = static_cast<std::uint64_t>(s.buckets);
      scatter(rows, out.i.data(), [&](std::size_t i) { return ntile_bucket(i, n, k); });
      mark_present();
      return std::nullopt;
    }
    case vm::StatKind::Rank:
    case vm::StatKind::PercentRank: {
      // The rank of each position: the start of its run of ties, plus one.
      std::vector<std::uint32_t> first(n);
      for_runs(sorted, [&](std::size_t begin, std::size_t end) {
        std::fill(first.begin() + static_cast<std::ptrdiff_t>(begin),
                  first.begin() + static_cast<std::ptrdiff_t>(end),
                  static_cast<std::uint32_t>(begin));
      });
      if (s.kind == vm::StatKind::Rank) {
        scatter(rows, out.i.data(), [&](std::size_t i) { return std::int64_t{first[i]} + 1; });
      } else {
        // One division per run of ties.
        Decimal share;
        std::uint32_t last = 0xFFFFFFFFu;
        scatter(rows, out.d.data(), [&](std::size_t i) {
          if (first[i] != last && n > 1) {
            last = first[i];
            Decimal::div(Decimal::from_int(first[i]),
                         Decimal::from_int(static_cast<std::int64_t>(n - 1)), share);
          }
          return share.units();
        });
      }
      mark_present();
      return std::nullopt;
    }
    case vm::StatKind::CumulativeShare: {
      Decimal::Rep total = 0;
      for (Decimal::Rep v : sorted.values) {
        if (__builtin_add_overflow(total, v, &total)) {
          return statistic_error(s, DiagCode::DecimalOverflow,
                                 "the total over all customers does not fit in a decimal");
        }
      }
      if (total == 0) return std::nullopt;
      // Largest values first; inside a run of equal values, keys ascending (order_ties). Shares
      // are computed in that order, then written to the customers' rows.
      std::vector<std::pair<std::size_t, std::size_t>> runs;
      for_runs(sorted, [&](std::size_t b, std::size_t e) { runs.emplace_back(b, e); });
      std::vector<Decimal::Rep> shares(n);
      Decimal::Rep prefix = 0;
      for (auto run = runs.rbegin(); run != runs.rend(); ++run) {
        for (std::size_t i = run->first; i < run->second; ++i) {
          Decimal share;
          if (__builtin_add_overflow(prefix, sorted.values[i], &prefix) ||
              !Decimal::div(Decimal::from_units(prefix), Decimal::from_units(total), share)) {
            return statistic_error(s, DiagCode::DecimalOverflow,
                                   "a cumulative share does not fit in a decimal");
          }
          shares[i] = share.units();
        }
      }
      scatter(rows, out.d.data(), [&](std::size_t i) { return shares[i]; });
      mark_present();
      return std::nullopt;
    }
    default:
      return std::nullopt;
  }
}

}  // namespace strata::population
