// From text rows to typed columns, with every check of data input.
//
// A TableLoader serves one table (the records, or one events declaration) across its files. It
// binds a file's columns to the schema's fields (reporting missing columns), then checks and
// appends rows: each field is parsed for its type, range and presence, the record key must be
// present and unique, and an event's join value must name a loaded record. A row is appended
// only when all of it is good; otherwise add() describes the first problem and leaves the table
// unchanged, and the caller applies the bad-row policy.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "io/key_index.hpp"
#include "io/row_source.hpp"
#include "io/value_parse.hpp"
#include "strata/dataset.hpp"

namespace strata::io {

// Why a row is bad, in the terms of the diagnostic and the quarantine entry.
struct BadRow {
  DiagCode code = DiagCode::BadValue;
  std::uint32_t column = 0;  // 1-based, 0 for the whole row
  std::string field;
  std::string reason;
  std::optional<std::string> help;
  std::optional<std::string> note;
};

struct TableTarget {
  const TableSchema* schema = nullptr;
  Table* table = nullptr;
  std::vector<std::uint32_t>* record_of = nullptr;  // events only: row -> record
  const EventsSchema* events = nullptr;             // null for the record table
};

class TableLoader {
 public:
  // `keys` is filled while loading records and read while loading events; `record` is the record
  // schema (for the key field's type and the record's name in messages).
  TableLoader(TableTarget target, const RecordSchema& record, StringPool& pool, KeyIndex& keys);

  // Binds the columns of the next file. Returns one problem (E0301) per required column that is
  // missing; with `check_missing` false (JSON Lines) nothing is reported here and absent keys are
  // missing values row by row.
  std::vector<BadRow> bind(const RowSource& source, bool check_missing);
  // Checks the row and appends it, or returns why it cannot be used.
  std::optional<BadRow> add(const RawRow& row, const RowSource& source);
  // Records that `row` was skipped as bad (records only: remembers its key for its events).
  void skipped(const RawRow& row);

 private:
  BadRow problem_at(const RawRow& row, const RowSource& source, std::size_t field,
                    ValueProblem&& problem) const;

  TableTarget target_;
  const RecordSchema& record_;
  StringPool& pool_;
  KeyIndex& keys_;
  std::vector<int> source_of_field_;          // per schema field: source column, -1 when absent
  int source_of_by_ = -1;                     // events: the join column
  std::vector<std::size_t> string_fields_;    // string fields present in the source
  std::vector<std::uint64_t> string_hashes_;  // per field: the row's string hash
  std::vector<Scalar> values_;                // the row being checked
  std::vector<std::uint8_t> missing_;
  std::vector<std::uint64_t> record_lines_;  // records: line of each record, for duplicates
  ValueProblem problem_;
};

}  // namespace strata::io
