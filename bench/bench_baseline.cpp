#include "baseline.hpp"

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

void baseline_classify(const BaselineInput& in, std::int8_t* rfm, std::int8_t* pyramid) {
  const std::int64_t as_of = timeutil::days_from_civil(2026, 11, 1);
  const std::int64_t cutoff = (as_of - 365) * timeutil::kSecondsPerDay;
  const Decimal::Rep one = Decimal::kOne;
  for (std::size_t c = 0; c < in.customers; ++c) {
    std::int64_t last = INT64_MIN;
    std::int64_t count = 0;
    Decimal::Rep sum = 0;
    for (std::uint64_t e = in.offsets[c]; e < in.offsets[c + 1]; ++e) {
      const std::int64_t at = in.at[e];
      last = at > last ? at : last;
      if (at > cutoff) {
        ++count;
        sum += in.amount[e];
      }
    }
    const bool has = in.offsets[c + 1] > in.offsets[c];
    const bool r = has && as_of - timeutil::floor_div(last, timeutil::kSecondsPerDay) <= 90;
    const bool f = count >= 4;
    const bool m = sum >= 5000 * one;
    // Tier order of rfm.strata: value, develop, keep, retain (important, then general).
    rfm[c] = static_cast<std::int8_t>((m ? 0 : 4) + (r ? (f ? 0 : 1) : (f ? 2 : 3)));
    pyramid[c] = static_cast<std::int8_t>(sum >= 100000 * one  ? 0
                                          : sum >= 20000 * one ? 1
                                          : sum >= 5000 * one  ? 2
                                                               : 3);
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
