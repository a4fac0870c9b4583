#include "baseline.hpp"

#include <algorithm>
#include <chrono>

#include "strata/time.hpp"

namespace strata::bench {

BaselineInput baseline_input(const Dataset& data) {
  const Schema& schema = *data.schema;
  const auto orders = *schema.events_index("Order");
  const EventsSchema& es = schema.events[orders];
  const EventsTable& et = data.events[orders];
  BaselineInput in;
  in.customers = data.size();
  in.offsets = et.offsets.data();
  in.at = std::get<std::vector<std::int64_t>>(et.table.columns[*es.field_index("at")].data).data();
  in.amount =
      std::get<std::vector<Decimal::Rep>>(et.table.columns[*es.field_index("amount")].data).data();
  return in;
}

namespace {

// The measures of customer c: whether it has orders, its latest order time, and the count and sum
// of its orders after `cutoff`.
struct Measures {
  bool has;
  std::int64_t last;
  std::int64_t count;
  Decimal::Rep sum;
};

inline Measures measure(const BaselineInput& in, std::size_t c, std::int64_t cutoff) {
  Measures m{in.offsets[c + 1] > in.offsets[c], INT64_MIN, 0, 0};
  for (std::uint64_t e = in.offsets[c]; e < in.offsets[c + 1]; ++e) {
    const std::int64_t at = in.at[e];
    m.last = at > m.last ? at : m.last;
    if (at > cutoff) {
      ++m.count;
      m.sum += in.amount[e];
    }
  }
  return m;
}

}  // namespace

void baseline_classify(const BaselineInput& in, std::int8_t* rfm, std::int8_t* pyramid) {
  const std::int64_t as_of = timeutil::days_from_civil(2026, 11, 1);
  const std::int64_t cutoff = (as_of - 365) * timeutil::kSecondsPerDay;
  const Decimal::Rep one = Decimal::kOne;
  for (std::size_t c = 0; c < in.customers; ++c) {
    const Measures x = measure(in, c, cutoff);
    const bool r = x.has && as_of - timeutil::floor_div(x.last, timeutil::kSecondsPerDay) <= 90;
    const bool f = x.count >= 4;
    const bool m = x.sum >= 5000 * one;
    // Tier order of rfm.strata: value, develop, keep, retain (important, then general).
    rfm[c] = static_cast<std::int8_t>((m ? 0 : 4) + (r ? (f ? 0 : 1) : (f ? 2 : 3)));
    pyramid[c] = static_cast<std::int8_t>(x.sum >= 100000 * one  ? 0
                                          : x.sum >= 20000 * one ? 1
                                          : x.sum >= 5000 * one  ? 2
                                                                 : 3);
  }
}

namespace {

// NTILE(5) over the present values, ties by row: 1..5 per row, 0 where the value is missing.
template <class V>
std::vector<std::int8_t> quintiles(const std::vector<V>& value,
                                   const std::vector<std::uint8_t>& has) {
  std::vector<std::pair<V, std::uint32_t>> order;
  order.reserve(value.size());
  for (std::uint32_t r = 0; r < value.size(); ++r) {
    if (has[r]) order.emplace_back(value[r], r);
  }
  std::sort(order.begin(), order.end());
  std::vector<std::int8_t> out(value.size(), 0);
  const std::size_t n = order.size(), size = n / 5, larger = n % 5;
  std::size_t i = 0;
  for (std::size_t b = 1; b <= 5; ++b) {
    const std::size_t count = size + (b <= larger ? 1 : 0);
    for (std::size_t k = 0; k < count; ++k) out[order[i++].second] = static_cast<std::int8_t>(b);
  }
  return out;
}

// The average of the present scores in millionths, rounded half up (as the engine's avg).
std::int64_t average(const std::vector<std::int8_t>& score) {
  std::int64_t sum = 0, count = 0;
  for (std::int8_t s : score) {
    if (s == 0) continue;
    sum += s;
    ++count;
  }
  return count == 0 ? 0 : (2 * sum * Decimal::kOne + count) / (2 * count);
}

}  // namespace

void baseline_quintiles(const BaselineInput& in, std::int8_t* rfm) {
  const std::int64_t as_of = timeutil::days_from_civil(2026, 11, 1);
  const std::int64_t cutoff = (as_of - 365) * timeutil::kSecondsPerDay;
  const std::size_t n = in.customers;
  std::vector<std::int64_t> recency(n), frequency(n);
  std::vector<Decimal::Rep> monetary(n);
  std::vector<std::uint8_t> has(n), all(n, 1);
  for (std::size_t c = 0; c < n; ++c) {
    const Measures x = measure(in, c, cutoff);
    has[c] = x.has;
    recency[c] = x.has ? as_of - timeutil::floor_div(x.last, timeutil::kSecondsPerDay) : 0;
    frequency[c] = x.count;
    monetary[c] = x.sum;
  }
  std::vector<std::int8_t> r = quintiles(recency, has);
  for (std::int8_t& x : r) x = static_cast<std::int8_t>(x == 0 ? 0 : 6 - x);
  const std::vector<std::int8_t> f = quintiles(frequency, all);
  const std::vector<std::int8_t> m = quintiles(monetary, all);
  const std::int64_t avg_r = average(r), avg_f = average(f), avg_m = average(m);
  for (std::size_t c = 0; c < n; ++c) {
    const bool rh = r[c] * Decimal::kOne > avg_r;
    const bool fh = f[c] * Decimal::kOne > avg_f;
    const bool mh = m[c] * Decimal::kOne > avg_m;
    rfm[c] = static_cast<std::int8_t>((mh ? 0 : 4) + (rh ? (fh ? 0 : 1) : (fh ? 2 : 3)));
  }
}

void baseline_rfm8(const BaselineInput& in, std::int8_t* rfm, BaselineParts* parts) {
  using Clock = std::chrono::steady_clock;
  const auto t0 = Clock::now();
  const std::int64_t as_of = timeutil::days_from_civil(2026, 11, 1);
  const std::int64_t cutoff = (as_of - 365) * timeutil::kSecondsPerDay;
  const std::size_t n = in.customers;
  std::vector<std::int64_t> recency(n), frequency(n);
  std::vector<Decimal::Rep> monetary(n);
  std::vector<std::uint8_t> active(n);
  for (std::size_t c = 0; c < n; ++c) {
    const Measures x = measure(in, c, cutoff);
    active[c] = x.count > 0;
    recency[c] = x.has ? as_of - timeutil::floor_div(x.last, timeutil::kSecondsPerDay) : 0;
    frequency[c] = x.count;
    monetary[c] = x.sum;
  }
  const auto t1 = Clock::now();
  std::vector<std::int8_t> r = quintiles(recency, active);
  for (std::int8_t& x : r) x = static_cast<std::int8_t>(x == 0 ? 0 : 6 - x);
  const std::vector<std::int8_t> f = quintiles(frequency, active);
  const std::vector<std::int8_t> m = quintiles(monetary, active);
  const std::int64_t avg_r = average(r), avg_f = average(f), avg_m = average(m);
  const auto t2 = Clock::now();
  for (std::size_t c = 0; c < n; ++c) {
    // A score of 0 (not scored) is never above a mean of scores 1..5.
    const bool rh = r[c] * Decimal::kOne > avg_r;
    const bool fh = f[c] * Decimal::kOne > avg_f;
    const bool mh = m[c] * Decimal::kOne > avg_m;
    rfm[c] = static_cast<std::int8_t>((mh ? 0 : 4) + (rh ? (fh ? 0 : 1) : (fh ? 2 : 3)));
  }
  if (parts != nullptr) {
    parts->measures = std::chrono::duration<double>(t1 - t0).count();
    parts->statistics = std::chrono::duration<double>(t2 - t1).count();
    parts->classes = std::chrono::duration<double>(Clock::now() - t2).count();
  }
}

std::size_t count_mismatches(const RuleSet& rules, const RunResult& result,
                             const std::vector<std::int8_t>& rfm,
                             const std::vector<std::int8_t>& pyramid) {
  std::size_t bad = 0;
  for (std::size_t t = 0; t < rules.tierings().size(); ++t) {
    const std::string& name = rules.tierings()[t].name;
    const std::vector<std::int8_t>* expected = name == "rfm"       ? &rfm
                                               : name == "pyramid" ? &pyramid
                                                                   : nullptr;
    if (!expected) continue;
    for (std::size_t c = 0; c < expected->size(); ++c) {
      bad += result.tierings[t].ints[c] != (*expected)[c];
    }
  }
  return bad;
}

}  // namespace strata::bench
