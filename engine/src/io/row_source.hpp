// Rows of a data file as text fields, whatever the file format.
//
// The CSV and JSON Lines readers both produce RawRows: the physical line where the row starts,
// the raw text (for the quarantine file) and one text per source column. The table loader turns
// those into typed column values, so the checks and messages of data input do not depend on the
// format. Every string_view in a RawRow stays valid until the next call to next().
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace strata::io {

struct RawRow {
  std::uint64_t line = 0;                // physical line (1-based) where the row starts
  std::string_view raw;                  // the row as written, without its line end
  std::vector<std::string_view> fields;  // one per source column; "" is a missing value
  // JSON Lines only (empty for CSV): the field holds an object or array, and the 1-based position
  // of its key in the object (0 when the key is absent).
  std::vector<std::uint8_t> structured;
  std::vector<std::uint32_t> key_position;
  std::uint32_t bad_column = 0;  // for a malformed row: the field at fault, 0 for the whole row
};

enum class RowStatus : std::uint8_t { Row, Malformed, End };

class RowSource {
 public:
  virtual ~RowSource() = default;
  // The names of the source columns, in the order of RawRow::fields.
  virtual const std::vector<std::string>& column_names() const = 0;
  // True when the names come from a header, so that a missing column can be reported before any
  // row is read; false for JSON Lines, where each row names its own keys.
  virtual bool has_header() const = 0;
  // The next row. Malformed: `reason` says why, and the row is consumed so reading can go on.
  virtual RowStatus next(RawRow& row, std::string& reason) = 0;
  // The 1-based column number that a diagnostic should show for source column `index`.
  virtual std::uint32_t display_column(const RawRow& row, std::size_t index) const = 0;
};

}  // namespace strata::io
