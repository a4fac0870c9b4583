// Alignment of cells and trailing comments, and the final text.
#include "format/layout.hpp"

#include <unicode/uchar.h>

#include <algorithm>
#include <map>

namespace strata::format {

namespace {

// One code point of `text` at `at` (malformed bytes count as one narrow character each).
char32_t next_code_point(std::string_view text, std::size_t& at) {
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
  const unsigned char b0 = byte(at);
  std::size_t length = b0 < 0x80 ? 1 : (b0 & 0xE0) == 0xC0 ? 2 : (b0 & 0xF0) == 0xE0 ? 3 : 4;
  if (b0 >= 0x80 && (b0 & 0xC0) == 0x80) length = 1;
  if (at + length > text.size()) length = 1;
  char32_t value = length == 1 ? b0 : b0 & (0x7F >> length);
  for (std::size_t i = 1; i < length; ++i) value = (value << 6) | (byte(at + i) & 0x3F);
  at += length;
  return value;
}

// Unicode's East Asian Width (UAX #11) as terminals use it: wide and full-width characters take
// two columns; nonspacing and enclosing marks and zero-width characters none.
int code_point_width(char32_t cp) {
  if (cp < 0x80) return 1;
  const auto c = static_cast<UChar32>(cp);
  const auto category = static_cast<UCharCategory>(u_charType(c));
  if (category == U_NON_SPACING_MARK || category == U_ENCLOSING_MARK || cp == 0x200B) return 0;
  const auto width = static_cast<UEastAsianWidth>(u_getIntPropertyValue(c, UCHAR_EAST_ASIAN_WIDTH));
  return width == U_EA_WIDE || width == U_EA_FULLWIDTH ? 2 : 1;
}

struct Columns {
  std::vector<std::size_t> width;  // per alignment column
};

// The width a cell starting at column `first` covering `span` columns is padded to: the columns'
// widths plus the separators between those that are in use.
std::size_t spanned_width(const Columns& cols, std::size_t first, int span) {
  std::size_t total = 0;
  int used = 0;
  for (std::size_t c = first; c < first + static_cast<std::size_t>(span) && c < cols.width.size();
       ++c) {
    if (cols.width[c] == 0) continue;
    total += cols.width[c];
    ++used;
  }
  return total + (used > 1 ? static_cast<std::size_t>(used - 1) : 0);
}

void widen(Columns& cols, std::size_t column) {
  if (cols.width.size() <= column) cols.width.resize(column + 1, 0);
}

// Column widths of one alignment group: every cell but a line's last one counts; a cell covering
// several columns widens the last of them when it does not fit.
Columns measure(const std::vector<const OutLine*>& lines) {
  Columns cols;
  for (const OutLine* line : lines) {
    std::size_t column = 0;
    for (std::size_t i = 0; i + 1 < line->cells.size(); ++i) {
      const Cell& cell = line->cells[i];
      widen(cols, column + static_cast<std::size_t>(cell.span) - 1);
      if (cell.span == 1)
        cols.width[column] = std::max(cols.width[column], display_width(cell.text));
      column += static_cast<std::size_t>(cell.span);
    }
  }
  for (const OutLine* line : lines) {
    std::size_t column = 0;
    for (std::size_t i = 0; i + 1 < line->cells.size(); ++i) {
      const Cell& cell = line->cells[i];
      if (cell.span > 1) {
        const std::size_t need = display_width(cell.text);
        const std::size_t have = spanned_width(cols, column, cell.span);
        const std::size_t last = column + static_cast<std::size_t>(cell.span) - 1;
        if (need > have) {
          // A column in use adds a separator of its own.
          const std::size_t extra = cols.width[last] == 0 && have > 0 ? 1 : 0;
          cols.width[last] += std::max<std::size_t>(need - have - extra, 1);
        }
      }
      column += static_cast<std::size_t>(cell.span);
    }
  }
  return cols;
}

void pad(std::string& out, std::size_t from, std::size_t to) {
  if (to > from) out.append(to - from, ' ');
}

std::string rstrip(std::string text) {
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.pop_back();
  return text;
}

std::string line_text(const OutLine& line, const Columns* cols) {
  if (line.raw) return rstrip(line.cells.empty() ? std::string() : line.cells.front().text);
  std::string out(static_cast<std::size_t>(line.indent), ' ');
  std::size_t column = 0;
  for (std::size_t i = 0; i < line.cells.size(); ++i) {
    const Cell& cell = line.cells[i];
    const bool last = i + 1 == line.cells.size();
    if (cols == nullptr) {
      if (!cell.text.empty()) {
        if (out.size() > static_cast<std::size_t>(line.indent)) out += ' ';
        out += cell.text;
      }
      continue;
    }
    const std::size_t width = spanned_width(*cols, column, cell.span);
    column += static_cast<std::size_t>(cell.span);
    if (last) {
      out += cell.text;
    } else if (width > 0) {
      out += cell.text;
      pad(out, display_width(cell.text), width);
      out += ' ';
    }
  }
  return rstrip(std::move(out));
}

}  // namespace

std::size_t display_width(std::string_view text) {
  std::size_t width = 0;
  for (std::size_t at = 0; at < text.size();) width += code_point_width(next_code_point(text, at));
  return width;
}

std::string Layout::render() const {
  std::map<int, std::vector<const OutLine*>> groups;
  for (const OutLine& line : lines_) {
    if (line.align >= 0) groups[line.align].push_back(&line);
  }
  std::map<int, Columns> columns;
  for (const auto& [group, members] : groups) columns[group] = measure(members);

  std::vector<std::string> texts;
  texts.reserve(lines_.size());
  for (const OutLine& line : lines_) {
    texts.push_back(line.blank ? std::string()
                               : line_text(line, line.align >= 0 ? &columns[line.align] : nullptr));
  }
  // A comment group's trailing comments start two columns after its longest line with one.
  std::map<int, std::size_t> comment_column;
  for (std::size_t i = 0; i < lines_.size(); ++i) {
    if (lines_[i].comment.empty() || lines_[i].comments < 0) continue;
    std::size_t& column = comment_column[lines_[i].comments];
    column = std::max(column, display_width(texts[i]) + 2);
  }
  std::string out;
  for (std::size_t i = 0; i < lines_.size(); ++i) {
    std::string text = texts[i];
    if (!lines_[i].comment.empty()) {
      const std::size_t at =
          lines_[i].comments >= 0 ? comment_column[lines_[i].comments] : display_width(text) + 2;
      if (text.empty()) {
        text.assign(static_cast<std::size_t>(lines_[i].indent), ' ');
      } else {
        pad(text, display_width(text), at);
      }
      text += rstrip(lines_[i].comment);
    }
    out += text;
    out += '\n';
  }
  return out;
}

}  // namespace strata::format
