// A declaration's text on one line, for showing SOP obligations and KPI formulas as written:
// every run of whitespace (line breaks included) becomes one space.
#pragma once

#include <string>
#include <string_view>

namespace strata::check {

inline std::string one_line(std::string_view text) {
  std::string out;
  bool space = false;
  for (char c : text) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

}  // namespace strata::check
