// Schemas and column-batch datasets.
//
// Data is held column by column (ARCHITECTURE.md decision 1): a Table has one typed Column per
// field with a validity bitmap for missing values. Strings are dictionary-encoded into int32 ids
// of the dataset's StringPool; enum values are their member's ordinal. Events are stored grouped
// by the record they belong to — rows of record r are [offsets[r], offsets[r+1]) — and in event
// time order within a record, so a batch of consecutive records owns one contiguous run of events.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <variant>
#include <vector>

#include "strata/decimal.hpp"
#include "strata/diagnostic.hpp"

namespace strata {

// ---- schema -------------------------------------------------------------------------------------

enum class ValueKind : std::uint8_t {
  Int,
  Decimal,
  Bool,
  String,
  Date,
  DateTime,
  Duration,
  Enum,
};
std::string_view value_kind_name(ValueKind kind);

struct FieldSchema {
  std::string name;
  ValueKind kind = ValueKind::Int;
  bool optional = false;
  bool money = false;                     // declared as money (a decimal)
  std::vector<std::string> enum_members;  // for Enum, in declaration order
  std::optional<Decimal> range_low;       // declared `in low..high` (Int and Decimal fields)
  std::optional<Decimal> range_high;
};

struct TableSchema {
  std::string name;
  std::vector<FieldSchema> fields;
  std::optional<std::size_t> field_index(std::string_view field) const;
};

struct RecordSchema : TableSchema {
  std::size_t key_field = 0;  // index into fields
};

struct EventsSchema : TableSchema {
  std::string by;                         // join column in the events data, matched to the key
  std::optional<std::size_t> time_field;  // first date/datetime field: orders events in time
};

struct Schema {
  RecordSchema record;
  std::vector<EventsSchema> events;
  std::optional<std::size_t> events_index(std::string_view name) const;
};

// ---- storage ------------------------------------------------------------------------------------

// One bit per row, set when the value is present. An empty bitmap means every value is present.
class Validity {
 public:
  bool all_valid() const { return words_.empty(); }
  bool valid(std::size_t row) const {
    return words_.empty() || ((words_[row >> 6] >> (row & 63)) & 1u);
  }
  // Marks `row` missing; rows before it stay present. Grows the bitmap as needed.
  void set_missing(std::size_t row, std::size_t row_count);
  void set_valid_all(std::size_t row_count);
  void resize(std::size_t row_count);
  void permute(const std::vector<std::uint32_t>& order);
  std::size_t memory_bytes() const { return words_.size() * 8; }
  const std::vector<std::uint64_t>& words() const { return words_; }

 private:
  std::vector<std::uint64_t> words_;
};

// Physical storage of a column, chosen by its ValueKind:
//   Int, Date, DateTime, Duration -> int64;  String, Enum -> int32;  Decimal -> Decimal::Rep;
//   Bool -> uint8 (0/1).
using ColumnData = std::variant<std::vector<std::int64_t>, std::vector<std::int32_t>,
                                std::vector<Decimal::Rep>, std::vector<std::uint8_t>>;

struct Column {
  ValueKind kind = ValueKind::Int;
  ColumnData data;
  Validity validity;

  static Column make(ValueKind kind);
  std::size_t size() const;
  std::size_t memory_bytes() const;
  void reserve(std::size_t rows);
};

struct Table {
  std::vector<Column> columns;  // one per schema field, same order
  std::size_t rows = 0;
  std::size_t memory_bytes() const;
};

// Interned strings; ids are dense from 0. Built while loading, read-only afterwards.
// The text of a string never moves once interned (it lives in fixed-size blocks), so a view
// returned by text() stays valid for the pool's lifetime, even if more strings are added.
class StringPool {
 public:
  StringPool() = default;
  StringPool(const StringPool&) = delete;
  StringPool& operator=(const StringPool&) = delete;
  StringPool(StringPool&&) noexcept = default;
  StringPool& operator=(StringPool&&) noexcept = default;

  std::int32_t intern(std::string_view text);
  std::optional<std::int32_t> find(std::string_view text) const;
  std::string_view text(std::int32_t id) const { return views_[static_cast<std::size_t>(id)]; }
  std::size_t size() const { return views_.size(); }
  std::size_t memory_bytes() const;
  // Prepares for about `strings` more distinct strings, so that loading does not rehash.
  void reserve(std::size_t strings);
  // For loaders, which hash a row's strings first and hint the pool to start loading their table
  // slots (prefetch), so that the cache misses overlap with parsing the rest of the row.
  static std::uint64_t hash(std::string_view text);
  void prefetch(std::uint64_t hash) const;
  std::int32_t intern(std::string_view text, std::uint64_t hash);
  std::optional<std::int32_t> find(std::string_view text, std::uint64_t hash) const;

 private:
  void grow_table(std::size_t min_slots);
  const char* store(std::string_view text);

  std::vector<std::string_view> views_;          // id -> text, pointing into blocks_
  std::vector<std::unique_ptr<char[]>> blocks_;  // the characters, never moved
  std::size_t block_used_ = 0, block_size_ = 0;  // fill of the last block
  std::size_t char_bytes_ = 0;
  // Open addressing with linear probing: (hash high 32 bits << 32) | (id + 1); 0 is empty.
  std::vector<std::uint64_t> slots_;
};

struct EventsTable {
  Table table;
  std::vector<std::uint32_t> record_of;  // row -> record index
  std::vector<std::uint64_t> offsets;    // record r owns rows [offsets[r], offsets[r+1])
};

// Counts for the run summary. Nothing is dropped without being counted here.
struct FileStats {
  std::string path;
  std::uint64_t rows_read = 0;
  std::uint64_t bad_rows = 0;
  std::uint64_t bytes = 0;
};

struct Dataset {
  std::shared_ptr<const Schema> schema;
  Table records;
  std::vector<EventsTable> events;  // same order as schema->events
  std::shared_ptr<StringPool> strings;
  std::vector<FileStats> files;
  std::uint64_t bad_rows = 0;
  std::string quarantine_path;  // where skipped rows were written, when any were

  std::size_t size() const { return records.rows; }
  std::size_t memory_bytes() const;
  // The index of the record with this key (its text form), if present.
  std::optional<std::size_t> find_key(std::string_view key) const;
  // The key of record `row` as text.
  std::string key_text(std::size_t row) const;
};

// ---- loading ------------------------------------------------------------------------------------

enum class BadRowPolicy : std::uint8_t { Fail, Skip };

struct EventsInput {
  std::string name;  // events declaration name, e.g. "Order"
  std::string path;
};

struct LoadOptions {
  BadRowPolicy on_bad_row = BadRowPolicy::Fail;
  // With Skip: each bad row, with its file, line and reason, is written here (JSON Lines).
  std::string quarantine_path = "quarantine.jsonl";
};

// Loads the record file and each events file (CSV by default; JSON Lines for .jsonl/.ndjson).
// Every problem becomes a diagnostic with a DataLocation. Returns nullopt when the data cannot be
// used: an unreadable file, a missing required column, or a bad row under BadRowPolicy::Fail.
std::optional<Dataset> load_dataset(std::shared_ptr<const Schema> schema,
                                    const std::string& records_path,
                                    const std::vector<EventsInput>& events,
                                    const LoadOptions& options, Diagnostics& diags);

}  // namespace strata
