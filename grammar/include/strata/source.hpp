// Source files and spans.
//
// A SourceManager owns the text of every file of a compilation; it outlives every AST, model and
// diagnostic that points into it. A Span is a byte range in one file; line and column are computed
// on demand from the file's line table, so nodes stay small.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace strata {

using FileId = std::uint32_t;
inline constexpr FileId kNoFile = 0xFFFFFFFFu;

struct Span {
  FileId file = kNoFile;
  std::uint32_t begin = 0;  // byte offset of the first byte
  std::uint32_t end = 0;    // byte offset one past the last byte

  bool valid() const { return file != kNoFile; }
  static Span merge(const Span& a, const Span& b) {
    if (!a.valid()) return b;
    if (!b.valid()) return a;
    return Span{a.file, a.begin < b.begin ? a.begin : b.begin, a.end > b.end ? a.end : b.end};
  }
};

// 1-based line and column; the column counts Unicode code points, as editors show them.
struct LineCol {
  std::uint32_t line = 0;
  std::uint32_t column = 0;
};

class SourceFile {
 public:
  SourceFile(std::string path, std::string text);

  const std::string& path() const { return path_; }
  const std::string& text() const { return text_; }
  LineCol line_col(std::uint32_t offset) const;
  // The text of 1-based line `line`, without its line terminator.
  std::string_view line_text(std::uint32_t line) const;
  std::uint32_t line_count() const { return static_cast<std::uint32_t>(line_starts_.size()); }
  std::uint32_t line_start(std::uint32_t line) const { return line_starts_[line - 1]; }

 private:
  std::string path_;
  std::string text_;
  std::vector<std::uint32_t> line_starts_;
};

class SourceManager {
 public:
  FileId add(std::string path, std::string text);
  const SourceFile& file(FileId id) const { return *files_[id]; }
  std::size_t size() const { return files_.size(); }
  // The id of an already added file with this path, or kNoFile.
  FileId find(std::string_view path) const;
  std::string_view text(const Span& span) const;

 private:
  std::vector<std::unique_ptr<SourceFile>> files_;
};

}  // namespace strata
