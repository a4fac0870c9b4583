// Records and events given in memory instead of in files.
//
// Test files (strata test) and embedders that already hold rows build a Dataset from rows whose
// cells are text, exactly as they would appear in a CSV cell; every check of file input applies
// (types, declared ranges, required values, unique keys, events joined to a known record), and
// every problem is reported at the DataLocation the caller gave the cell — for a test file, the
// line and column of the YAML node.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "strata/dataset.hpp"
#include "strata/diagnostic.hpp"

namespace strata {

struct InlineCell {
  std::string field;  // the field (or, for events, the join column) this cell fills
  std::string text;   // as in a CSV cell; "" is the missing value
  DataLocation where;
};

struct InlineRow {
  DataLocation where;  // the row as a whole, for problems that concern no one cell
  std::vector<InlineCell> cells;
};

struct InlineData {
  std::vector<InlineRow> records;
  // One list per events declaration, in Schema::events order (may be shorter: no events). Each
  // event names its record with a cell for the declaration's `by` column.
  std::vector<std::vector<InlineRow>> events;
};

// Builds a Dataset from in-memory rows. Every bad row is reported (not only the first); returns
// nullopt when any row is bad or a cell names no field.
std::optional<Dataset> load_inline(std::shared_ptr<const Schema> schema, const InlineData& data,
                                   Diagnostics& diags);

}  // namespace strata
