// The formatter's output before it becomes text: lines of cells, aligned in a last pass.
//
// Renderers append lines as they walk the rule file; a line's cells are the columns that line up
// with the cells of the other lines of its alignment group (the tiers of one tier list, the rows
// of one table, the fields of one record), and its trailing comment lines up with the other
// trailing comments of its comment group. Widths are display widths: an East Asian wide or
// full-width character (Chinese labels) takes two columns, a combining mark none.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace strata::format {

// Terminal columns `text` (UTF-8) takes.
std::size_t display_width(std::string_view text);

struct Cell {
  std::string text;
  int span = 1;  // how many alignment columns the cell covers (a table's `otherwise`)
};

struct OutLine {
  int indent = 0;
  std::vector<Cell> cells;
  std::string comment;  // trailing `# ...`, empty when none
  int align = -1;       // alignment group; -1: cells joined by single spaces
  int comments = -1;    // comment group; -1: the comment follows the text by two spaces
  bool blank = false;
  bool raw = false;  // copied as written: cells[0] is the whole line, indentation included
};

class Layout {
 public:
  int new_group() { return next_group_++; }
  std::vector<OutLine>& lines() { return lines_; }
  // The text: every line padded per its groups, without trailing blanks, one final newline
  // (empty text for an empty layout).
  std::string render() const;

 private:
  std::vector<OutLine> lines_;
  int next_group_ = 0;
};

}  // namespace strata::format
