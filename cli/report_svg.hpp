// Charts for `strata report`, drawn as inline SVG by strata itself: horizontal bar charts and a
// heat map with counts. The page needs no script, no font download and no network; text is
// escaped for HTML and SVG alike (xml_escape, common.hpp), so labels in any language (顶层客户,
// <b>) show as written.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace strata::cli {

struct Bar {
  std::string label;
  double value = 0;  // bar length, relative to the largest bar
  std::string text;  // the value as shown at the bar's end
  int indent = 0;    // sub-tiers are indented
};

// A horizontal bar chart with an id (for tests) and an accessible title.
std::string bar_chart(const std::string& id, const std::string& title, const std::vector<Bar>& bars,
                      const std::string& color);

// A heat map: rows x columns of counts, each cell shaded by its count and showing it.
std::string heat_map(const std::string& id, const std::string& title,
                     const std::vector<std::string>& rows, const std::vector<std::string>& columns,
                     const std::vector<std::vector<std::uint64_t>>& counts,
                     const std::string& row_axis, const std::string& column_axis);

}  // namespace strata::cli
