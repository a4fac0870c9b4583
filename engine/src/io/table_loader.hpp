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
#include <unordered_map>
#include <vector>

#include "io/row_source.hpp"
#include "io/value_parse.hpp"
#include "strata/dataset.hpp"

namespace strata::io {

// Record keys -> record index. Keys are compared by value after parsing with the key field's
// type (so an int key written `007` in an events file matches record `7`); string keys by their
// pool id.
class KeyIndex {
 public:
  explicit KeyIndex(ValueKind kind = ValueKind::String) : kind_(kind) {}
  ValueKind kind() const { return kind_; }
  std::optional<std::uint32_t> find(const Scalar& key) const;
  // Adds `key` for `record`; returns the record that already has it, if any.
  std::optional<std::uint32_t> insert(const Scalar& key, std::uint32_t record);
  // Keys (as written) of record rows that were skipped as bad, with their lines, so that their
  // events can say why they have no record.
  void note_skipped(std::string_view key_text, std::uint64_t line);
  std::optional<std::uint64_t> skipped_line(std::string_view key_text) const;

 private:
  struct RepHash {
    std::size_t operator()(Decimal::Rep v) const {
      auto lo = static_cast<std::uint64_t>(v);
      auto hi = static_cast<std::uint64_t>(static_cast<std::uint64_t>(v >> 64));
      return std::hash<std::uint64_t>{}(lo ^ (hi * 0x9E3779B97F4A7C15ull));
    }
  };
  Decimal::Rep as_rep(const Scalar& key) const;
  ValueKind kind_;
  std::vector<std::uint32_t> by_string_id_;  // kNone where no record has the string
  std::unordered_map<Decimal::Rep, std::uint32_t, RepHash> by_value_;
  std::unordered_map<std::string, std::uint64_t> skipped_;
};

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
