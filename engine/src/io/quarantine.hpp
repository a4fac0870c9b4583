// The quarantine file: every row skipped under `--on-bad-row skip`, with why it was skipped.
//
// One JSON object per line, keys in this order:
//   {"file", "line", "column", "field", "code", "reason", "row"}
// `row` is the row's raw text as it was in the file (for CSV the whole record, line breaks in
// quoted fields included). Entries are collected in memory and written once at the end of the
// load through a temporary file and a rename, so the file is either complete or absent; it is
// not created at all when no row was skipped.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "strata/diagnostic.hpp"

namespace strata::io {

struct QuarantineEntry {
  std::string_view file;
  std::uint64_t line = 0;
  std::uint32_t column = 0;
  std::string_view field;
  DiagCode code{};
  std::string_view reason;
  std::string_view row;
};

class Quarantine {
 public:
  void add(const QuarantineEntry& entry);
  std::size_t size() const { return count_; }
  // Writes the collected entries to `path` atomically. False with `error` set on failure.
  bool write(const std::string& path, std::string& error) const;

 private:
  std::string text_;
  std::size_t count_ = 0;
};

}  // namespace strata::io
