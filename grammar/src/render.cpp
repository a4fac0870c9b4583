// The terminal renderer: rustc-style diagnostics with a source excerpt, carets and notes.
//
// Column rule: the ` --> path:line:col` header counts Unicode code points (as editors do), while
// the excerpt is laid out in terminal cells so carets stay under the text they mark: East Asian
// wide characters (Chinese labels) take two cells and get two carets, a tab is shown as four
// spaces.
#include <algorithm>
#include <map>

#include "strata/diagnostic.hpp"
#include "utf8.hpp"

namespace strata {
namespace {

constexpr const char* kReset = "\x1b[0m";
constexpr const char* kBold = "\x1b[1m";
constexpr const char* kRed = "\x1b[1;31m";
constexpr const char* kYellow = "\x1b[1;33m";
constexpr const char* kGreen = "\x1b[1;32m";
constexpr const char* kBlue = "\x1b[1;34m";
constexpr int kTabWidth = 4;

class Painter {
 public:
  Painter(bool color, Severity severity) : color_(color), severity_(severity) {}
  std::string operator()(std::string_view text, const char* code) const {
    if (!color_ || text.empty()) return std::string(text);
    return std::string(code) + std::string(text) + kReset;
  }
  const char* severity_color() const {
    switch (severity_) {
      case Severity::Error:
        return kRed;
      case Severity::Warning:
        return kYellow;
      case Severity::Note:
        return kGreen;
    }
    return kBold;
  }

 private:
  bool color_;
  Severity severity_;
};

std::string_view severity_word(Severity severity) {
  switch (severity) {
    case Severity::Error:
      return "error";
    case Severity::Warning:
      return "warning";
    case Severity::Note:
      return "note";
  }
  return "error";
}

// The line as shown (tabs expanded) and the cell at which byte `offset` of the line starts.
std::string expand_tabs(std::string_view line) {
  std::string out;
  for (char c : line) {
    if (c == '\t') {
      out.append(kTabWidth, ' ');
    } else {
      out += c;
    }
  }
  return out;
}

std::uint32_t cells(std::string_view text) {
  std::uint32_t width = 0;
  for (std::size_t i = 0; i < text.size();) {
    const auto cp = internal::decode_utf8(text, i);
    width += cp.value == '\t' ? kTabWidth
                              : static_cast<std::uint32_t>(internal::display_width(cp.value));
    i += cp.length;
  }
  return width;
}

std::string location(const SourceFile& file, std::uint32_t offset) {
  const LineCol lc = file.line_col(offset);
  return file.path() + ":" + std::to_string(lc.line) + ":" + std::to_string(lc.column);
}

std::string data_location(const DataLocation& where) {
  // Line 0 means the whole file (it could not be opened or read).
  std::string out = where.file;
  if (where.line != 0) out += ":" + std::to_string(where.line);
  if (where.line != 0 && where.column != 0) out += ":" + std::to_string(where.column);
  if (!where.field.empty()) out += " (column `" + where.field + "`)";
  return out;
}

// One label placed on its first source line, in terminal cells.
struct Mark {
  std::uint32_t start = 0;
  std::uint32_t width = 1;
  bool primary = false;
  std::string message;
};

struct Excerpt {
  const SourceFile* file;
  std::uint32_t first_offset;  // of the file's first label, for the ` ::: ` header
  std::map<std::uint32_t, std::vector<Mark>> lines;
};

Mark place(const SourceFile& file, const Label& label, std::uint32_t& line_out) {
  const auto size = static_cast<std::uint32_t>(file.text().size());
  const std::uint32_t begin = std::min(label.span.begin, size);
  const std::uint32_t end = std::clamp(label.span.end, begin, size);
  const LineCol lc = file.line_col(begin);
  line_out = lc.line;
  const std::uint32_t line_start = file.line_start(lc.line);
  const std::string_view line = file.line_text(lc.line);
  const std::uint32_t line_end = line_start + static_cast<std::uint32_t>(line.size());
  const std::uint32_t in_line_begin = std::min(begin, line_end) - line_start;
  const std::uint32_t in_line_end = std::min(end, line_end) - line_start;
  Mark mark;
  mark.start = cells(line.substr(0, in_line_begin));
  mark.width =
      std::max<std::uint32_t>(1, cells(line.substr(in_line_begin, in_line_end - in_line_begin)));
  mark.primary = label.primary;
  mark.message = label.message;
  return mark;
}

void render_marks(std::string& out, const std::string& gutter, std::vector<Mark> marks,
                  const Painter& paint) {
  std::sort(marks.begin(), marks.end(), [](const Mark& a, const Mark& b) {
    return a.start != b.start ? a.start < b.start : a.primary > b.primary;
  });
  const char* primary_color = paint.severity_color();
  // First line: every underline, then the message of the rightmost label.
  std::uint32_t length = 0;
  for (const auto& m : marks) length = std::max(length, m.start + m.width);
  std::string kinds(length, ' ');
  for (const auto& m : marks) {
    if (m.primary) continue;
    std::fill_n(kinds.begin() + m.start, m.width, '-');
  }
  for (const auto& m : marks) {
    if (!m.primary) continue;
    std::fill_n(kinds.begin() + m.start, m.width, '^');
  }
  std::string line = gutter;
  for (std::size_t i = 0; i < kinds.size();) {
    std::size_t j = i;
    while (j < kinds.size() && kinds[j] == kinds[i]) ++j;
    const std::string run = kinds.substr(i, j - i);
    line += kinds[i] == ' ' ? run : paint(run, kinds[i] == '^' ? primary_color : kBlue);
    i = j;
  }
  const Mark& last = marks.back();
  if (!last.message.empty()) {
    line += " " + paint(last.message, last.primary ? primary_color : kBlue);
  }
  out += line + "\n";
  // Other messages hang below their labels, rightmost first, joined by `|` connectors.
  std::vector<const Mark*> pending;
  for (std::size_t i = 0; i + 1 < marks.size(); ++i) {
    if (!marks[i].message.empty()) pending.push_back(&marks[i]);
  }
  while (!pending.empty()) {
    const Mark* current = pending.back();
    std::string connectors(current->start + 1, ' ');
    for (const Mark* m : pending) connectors[m->start] = '|';
    out += gutter + paint(connectors, kBlue) + "\n";
    pending.pop_back();
    std::string lead(current->start, ' ');
    for (const Mark* m : pending) lead[m->start] = '|';
    out += gutter + paint(lead, kBlue) +
           paint(current->message, current->primary ? primary_color : kBlue) + "\n";
  }
}

std::string render_full(const Diagnostic& diag, const SourceManager& sources,
                        const RenderOptions& opt) {
  const Painter paint(opt.color, diag.severity);
  std::string out =
      paint(std::string(severity_word(diag.severity)) + "[" + std::string(diag.id()) + "]",
            paint.severity_color()) +
      paint(": " + diag.message, kBold) + "\n";

  // Group labels by file (the primary label's file first) and by line.
  std::vector<Excerpt> excerpts;
  std::uint32_t max_line = 0;
  std::vector<const Label*> ordered;
  if (const Label* p = diag.primary(); p != nullptr && p->span.valid()) ordered.push_back(p);
  for (const auto& label : diag.labels) {
    if (&label != diag.primary() && label.span.valid()) ordered.push_back(&label);
  }
  for (const Label* label : ordered) {
    if (label->span.file >= sources.size()) continue;
    const SourceFile& file = sources.file(label->span.file);
    auto it = std::find_if(excerpts.begin(), excerpts.end(),
                           [&](const Excerpt& e) { return e.file == &file; });
    if (it == excerpts.end()) {
      excerpts.push_back({&file, label->span.begin, {}});
      it = excerpts.end() - 1;
    }
    std::uint32_t line = 0;
    Mark mark = place(file, *label, line);
    it->lines[line].push_back(std::move(mark));
    max_line = std::max(max_line, line);
  }

  const auto width = static_cast<std::uint32_t>(std::to_string(std::max(max_line, 1u)).size());
  const std::string pad(width, ' ');
  const std::string arrow_pad(std::max<std::uint32_t>(1, width - 1), ' ');
  const std::string bar = paint("|", kBlue);
  const std::string empty_gutter = pad + " " + bar;

  if (excerpts.empty() && diag.data_location) {
    out += arrow_pad + paint("-->", kBlue) + " " + data_location(*diag.data_location) + "\n";
  }
  for (std::size_t e = 0; e < excerpts.size(); ++e) {
    const Excerpt& excerpt = excerpts[e];
    if (e > 0) out += empty_gutter + "\n";
    const char* arrow = e == 0 ? "-->" : ":::";
    out += arrow_pad + paint(arrow, kBlue) + " " + location(*excerpt.file, excerpt.first_offset) +
           "\n";
    out += empty_gutter + "\n";
    std::uint32_t previous = 0;
    for (const auto& [line, marks] : excerpt.lines) {
      if (previous != 0 && line > previous + 1) out += paint("...", kBlue) + "\n";
      previous = line;
      const std::string number = std::to_string(line);
      const std::string text = expand_tabs(excerpt.file->line_text(line));
      out += paint(std::string(width - number.size(), ' ') + number + " |", kBlue);
      out += text.empty() ? "\n" : " " + text + "\n";
      render_marks(out, empty_gutter + " ", marks, paint);
    }
  }

  const bool has_tail = !diag.notes.empty() || diag.help.has_value();
  if (has_tail && !excerpts.empty()) out += empty_gutter + "\n";
  for (const auto& note : diag.notes) {
    out += pad + " " + paint("=", kBlue) + " " + paint("note", kBold) + ": " + note + "\n";
  }
  if (diag.help) {
    out += pad + " " + paint("=", kBlue) + " " + paint("help", kBold) + ": " + *diag.help + "\n";
  }
  return out;
}

std::string render_short(const Diagnostic& diag, const SourceManager& sources,
                         const RenderOptions& opt) {
  const Painter paint(opt.color, diag.severity);
  std::string where;
  if (const Label* p = diag.primary();
      p != nullptr && p->span.valid() && p->span.file < sources.size()) {
    where = location(sources.file(p->span.file), p->span.begin) + ": ";
  } else if (diag.data_location) {
    where = data_location(*diag.data_location) + ": ";
  }
  return paint(where, kBold) +
         paint(std::string(severity_word(diag.severity)) + "[" + std::string(diag.id()) + "]",
               paint.severity_color()) +
         ": " + diag.message + "\n";
}

}  // namespace

std::string render(const Diagnostic& diag, const SourceManager& sources, const RenderOptions& opt) {
  return opt.short_form ? render_short(diag, sources, opt) : render_full(diag, sources, opt);
}

std::string render(const Diagnostics& diags, const SourceManager& sources,
                   const RenderOptions& opt) {
  std::string out;
  for (const auto& diag : diags.all()) {
    if (!out.empty() && !opt.short_form) out += "\n";
    out += render(diag, sources, opt);
  }
  return out;
}

}  // namespace strata
