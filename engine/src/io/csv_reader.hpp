// RFC 4180 CSV rows over an in-memory file.
//
// A header row is required; fields are separated by commas; a field may be enclosed in double
// quotes, and then holds commas, line breaks and quotes written twice (""). Lines end with LF or
// CRLF, a leading UTF-8 byte order mark is skipped and blank lines are ignored. The scanner has
// two paths: a line without any quote is split directly (sixteen bytes at a time, looking for
// commas, the line end and quotes at once) and its fields point into the file; only lines
// containing a quote take the careful state machine, and only fields with "" escapes are copied.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "io/row_source.hpp"

namespace strata::io {

class CsvReader final : public RowSource {
 public:
  explicit CsvReader(std::string_view data);

  // Reads the header row. False when the file has no header (it is empty) or the header is
  // malformed; `reason` says which.
  bool read_header(std::string& reason);
  std::uint64_t header_line() const { return header_line_; }

  const std::vector<std::string>& column_names() const override { return names_; }
  bool has_header() const override { return true; }
  RowStatus next(RawRow& row, std::string& reason) override;
  std::uint32_t display_column(const RawRow&, std::size_t index) const override {
    return static_cast<std::uint32_t>(index + 1);
  }

 private:
  // Splits the row at pos_ into row.fields; advances pos_ and line_ past it.
  RowStatus split_row(RawRow& row, std::string& reason);
  RowStatus split_quoted(RawRow& row, std::string& reason);

  struct Piece {
    std::size_t offset;  // into data_, or into scratch_ when `copied`
    std::size_t size;
    bool copied;
  };

  std::string_view data_;
  std::size_t pos_ = 0;
  std::uint64_t line_ = 1;  // physical line at pos_
  std::uint64_t header_line_ = 0;
  std::vector<std::string> names_;
  std::string scratch_;  // unescaped text of fields with "" in them
  std::vector<Piece> pieces_;
};

}  // namespace strata::io
