// JSON Lines rows: one JSON object per line, keys matched to field names.
//
// The source columns are fixed up front (the schema's field names, then the events' join column),
// and each object's keys are looked up among them; other keys are ignored. A null value, an
// absent key and an empty string are all the missing value. Numbers are passed on as their text
// so that `0.1` becomes exactly 0.1 as a decimal; nested objects and arrays are flagged so that
// the loader can report them as bad values.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "io/row_source.hpp"

namespace strata::io {

class JsonlReader final : public RowSource {
 public:
  JsonlReader(std::string_view data, std::vector<std::string> column_names);
  ~JsonlReader() override;

  const std::vector<std::string>& column_names() const override { return names_; }
  bool has_header() const override { return false; }
  RowStatus next(RawRow& row, std::string& reason) override;
  std::uint32_t display_column(const RawRow& row, std::size_t index) const override {
    return index < row.key_position.size() ? row.key_position[index] : 0;
  }

  struct Handler;  // the SAX handler, defined in the .cpp

 private:
  std::string_view data_;
  std::size_t pos_ = 0;
  std::uint64_t line_ = 1;
  std::vector<std::string> names_;
  std::unique_ptr<Handler> handler_;
};

}  // namespace strata::io
