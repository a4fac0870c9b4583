// Grouping loaded events by record and ordering them in time.
//
// Events are appended in file order with the record each belongs to. Afterwards they are moved
// so that record r's events are the contiguous rows [offsets[r], offsets[r+1]) in time order
// (rows with a missing time first, ties in file order), which is what the aggregates and the
// batch evaluation of consecutive records rely on (dataset.hpp).
#pragma once

#include <cstddef>

#include "strata/dataset.hpp"

namespace strata::io {

void order_events(EventsTable& events, const EventsSchema& schema, std::size_t record_count);

}  // namespace strata::io
