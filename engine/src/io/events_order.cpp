// Stable grouping of events by record and time (see events_order.hpp).
//
// A counting sort by record is linear and stable, and builds the offsets as a by-product; the
// time sort then runs per record on small runs, and is skipped for runs already in order, which
// is the common case of an events file written in time order.
#include "io/events_order.hpp"

#include <algorithm>
#include <numeric>

namespace strata::io {

namespace {

template <typename T>
void permute_vector(std::vector<T>& values, const std::vector<std::uint32_t>& order) {
  std::vector<T> moved(order.size());
  for (std::size_t i = 0; i < order.size(); ++i) moved[i] = values[order[i]];
  values = std::move(moved);
}

}  // namespace

void order_events(EventsTable& events, const EventsSchema& schema, std::size_t record_count) {
  const std::size_t n = events.table.rows;
  events.offsets.assign(record_count + 1, 0);
  for (std::uint32_t r : events.record_of) ++events.offsets[r + 1];
  std::partial_sum(events.offsets.begin(), events.offsets.end(), events.offsets.begin());

  std::vector<std::uint32_t> order(n);
  std::vector<std::uint64_t> cursor(events.offsets.begin(), events.offsets.end() - 1);
  for (std::size_t i = 0; i < n; ++i) {
    order[cursor[events.record_of[i]]++] = static_cast<std::uint32_t>(i);
  }

  if (schema.time_field) {
    const Column& time = events.table.columns[*schema.time_field];
    const auto& values = std::get<std::vector<std::int64_t>>(time.data);
    // Missing times sort first; the bool orders false (missing) before true.
    auto before = [&](std::uint32_t a, std::uint32_t b) {
      bool va = time.validity.valid(a);
      bool vb = time.validity.valid(b);
      if (va != vb) return !va;
      return va && values[a] < values[b];
    };
    for (std::size_t r = 0; r < record_count; ++r) {
      auto first = order.begin() + static_cast<std::ptrdiff_t>(events.offsets[r]);
      auto last = order.begin() + static_cast<std::ptrdiff_t>(events.offsets[r + 1]);
      if (last - first > 1 && !std::is_sorted(first, last, before)) {
        std::stable_sort(first, last, before);
      }
    }
  }

  bool identity = true;
  for (std::size_t i = 0; i < n && identity; ++i) identity = order[i] == i;
  if (!identity) {
    for (Column& column : events.table.columns) {
      std::visit([&order](auto& v) { permute_vector(v, order); }, column.data);
      column.validity.permute(order);
    }
  }
  for (std::size_t r = 0; r < record_count; ++r) {
    std::fill(events.record_of.begin() + static_cast<std::ptrdiff_t>(events.offsets[r]),
              events.record_of.begin() + static_cast<std::ptrdiff_t>(events.offsets[r + 1]),
              static_cast<std::uint32_t>(r));
  }
}

}  // namespace strata::io
