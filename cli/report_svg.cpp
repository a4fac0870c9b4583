#include "report_svg.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "common.hpp"
#include "strata/diagnostic.hpp"

namespace strata::cli {

namespace {

// Text widths are estimated from display cells (a CJK character is two), at 7 px per cell for
// the 13 px labels used here; enough to lay out labels without measuring fonts.
constexpr double kCell = 7.2;

double text_px(const std::string& text) {
  return static_cast<double>(display_width(text)) * kCell;
}

}  // namespace

std::string bar_chart(const std::string& id, const std::string& title, const std::vector<Bar>& bars,
                      const std::string& color) {
  double label_w = 80;
  double value_w = 40;
  double largest = 0;
  for (const Bar& b : bars) {
    label_w = std::max(label_w, text_px(b.label) + 14.0 * b.indent + 12);
    value_w = std::max(value_w, text_px(b.text) + 12);
    largest = std::max(largest, b.value);
  }
  const double bar_area = 360;
  const double row_h = 26;
  const double width = label_w + bar_area + value_w;
  const double height = row_h * static_cast<double>(bars.size()) + 12;
  std::string out = fmt::format(
      "<svg id=\"{}\" class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{:.0f}\" "
      "height=\"{:.0f}\" viewBox=\"0 0 {:.0f} {:.0f}\" role=\"img\"><title>{}</title>\n",
      xml_escape(id), width, height, width, height, xml_escape(title));
  for (std::size_t i = 0; i < bars.size(); ++i) {
    const Bar& b = bars[i];
    const double y = 6 + row_h * static_cast<double>(i);
    const double len = largest > 0 ? bar_area * b.value / largest : 0;
    out += fmt::format(
        "<text x=\"{:.1f}\" y=\"{:.1f}\" class=\"label\">{}</text>"
        "<rect class=\"bar\" x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"{:.1f}\" "
        "fill=\"{}\"/>"
        "<text x=\"{:.1f}\" y=\"{:.1f}\" class=\"value\">{}</text>\n",
        4 + 14.0 * b.indent, y + 17, xml_escape(b.label), label_w, y + 3,
        std::max(len, b.value > 0 ? 1.0 : 0.0), row_h - 8, color, label_w + len + 6, y + 17,
        xml_escape(b.text));
  }
  return out + "</svg>\n";
}

std::string heat_map(const std::string& id, const std::string& title,
                     const std::vector<std::string>& rows, const std::vector<std::string>& columns,
                     const std::vector<std::vector<std::uint64_t>>& counts,
                     const std::string& row_axis, const std::string& column_axis) {
  double label_w = text_px(row_axis) + 12;
  for (const std::string& r : rows) label_w = std::max(label_w, text_px(r) + 12);
  double cell_w = 56;
  for (const std::string& c : columns) cell_w = std::max(cell_w, text_px(c) + 10);
  const double cell_h = 30;
  const double top = 58;
  const double width = label_w + cell_w * static_cast<double>(columns.size()) + 8;
  const double height = top + cell_h * static_cast<double>(rows.size()) + 8;
  std::uint64_t largest = 0;
  for (const auto& row : counts) {
    for (std::uint64_t v : row) largest = std::max(largest, v);
  }
  std::string out = fmt::format(
      "<svg id=\"{}\" class=\"chart heatmap\" xmlns=\"http://www.w3.org/2000/svg\" "
      "width=\"{:.0f}\" height=\"{:.0f}\" viewBox=\"0 0 {:.0f} {:.0f}\" role=\"img\">"
      "<title>{}</title>\n"
      "<text x=\"{:.1f}\" y=\"16\" class=\"axis\">{} →</text>"
      "<text x=\"4\" y=\"{:.1f}\" class=\"axis\">{} ↓</text>\n",
      xml_escape(id), width, height, width, height, xml_escape(title), label_w,
      xml_escape(column_axis), top - 10, xml_escape(row_axis));
  for (std::size_t c = 0; c < columns.size(); ++c) {
    out += fmt::format(
        "<text x=\"{:.1f}\" y=\"{:.1f}\" class=\"label\" text-anchor=\"middle\">{}"
        "</text>\n",
        label_w + cell_w * (static_cast<double>(c) + 0.5), top - 22, xml_escape(columns[c]));
  }
  for (std::size_t r = 0; r < rows.size(); ++r) {
    const double y = top + cell_h * static_cast<double>(r);
    out += fmt::format("<text x=\"4\" y=\"{:.1f}\" class=\"label\">{}</text>", y + 20,
                       xml_escape(rows[r]));
    for (std::size_t c = 0; c < columns.size(); ++c) {
      const std::uint64_t v = r < counts.size() && c < counts[r].size() ? counts[r][c] : 0;
      // White to a deep blue by the share of the largest cell; the diagonal is not special.
      const double t = largest ? static_cast<double>(v) / static_cast<double>(largest) : 0;
      const int red = static_cast<int>(255 - t * (255 - 33));
      const int green = static_cast<int>(255 - t * (255 - 102));
      const int blue = static_cast<int>(255 - t * (255 - 172));
      out += fmt::format(
          "<rect class=\"cell\" x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"{:.1f}\" "
          "fill=\"rgb({},{},{})\" stroke=\"#d0d7de\"/><text x=\"{:.1f}\" y=\"{:.1f}\" "
          "class=\"count\" text-anchor=\"middle\" fill=\"{}\">{}</text>",
          label_w + cell_w * static_cast<double>(c), y, cell_w, cell_h, red, green, blue,
          label_w + cell_w * (static_cast<double>(c) + 0.5), y + 20, t > 0.55 ? "#fff" : "#222", v);
    }
    out += "\n";
  }
  return out + "</svg>\n";
}

}  // namespace strata::cli
