#include "lint/suppress.hpp"

#include <cctype>
#include <string_view>

namespace strata::linter {

namespace {

// The offset of the `#` that starts a comment on this line, outside any string literal.
std::optional<std::size_t> comment_start(std::string_view line) {
  bool in_string = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (in_string) {
      if (c == '\\') {
        ++i;
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '#') {
      return i;
    }
  }
  return std::nullopt;
}

bool blank(std::string_view text) {
  for (char c : text) {
    if (!std::isspace(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

bool holds_code(std::string_view line) {
  const auto hash = comment_start(line);
  return !blank(hash ? line.substr(0, *hash) : line);
}

std::size_t skip_spaces(std::string_view s, std::size_t i) {
  while (i < s.size() && (s[i] == ' ' || s[i] == '\t')) ++i;
  return i;
}

bool id_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_';
}

}  // namespace

std::vector<Suppression> find_suppressions(const SourceManager& sources) {
  std::vector<Suppression> out;
  for (FileId f = 0; f < sources.size(); ++f) {
    const SourceFile& file = sources.file(f);
    for (std::uint32_t line = 1; line <= file.line_count(); ++line) {
      const std::string_view text = file.line_text(line);
      const auto hash = comment_start(text);
      if (!hash) continue;
      const std::string_view comment = text.substr(*hash + 1);
      std::size_t i = skip_spaces(comment, 0);
      constexpr std::string_view kTag = "strata:";
      if (comment.substr(i, kTag.size()) != kTag) continue;
      i = skip_spaces(comment, i + kTag.size());
      constexpr std::string_view kAllow = "allow";
      if (comment.substr(i, kAllow.size()) != kAllow) continue;
      i = skip_spaces(comment, i + kAllow.size());
      if (i >= comment.size() || comment[i] != '(') continue;
      const std::size_t close = comment.find(')', i);
      if (close == std::string_view::npos) continue;

      std::uint32_t target = 0;
      if (!blank(text.substr(0, *hash))) {
        target = line;
      } else {
        for (std::uint32_t next = line + 1; next <= file.line_count(); ++next) {
          if (holds_code(file.line_text(next))) {
            target = next;
            break;
          }
        }
      }
      const std::uint32_t base = file.line_start(line) + static_cast<std::uint32_t>(*hash + 1);
      std::size_t j = i + 1;
      while (j < close) {
        j = skip_spaces(comment, j);
        std::size_t k = j;
        while (k < close && id_char(comment[k])) ++k;
        if (k > j) {
          Suppression s;
          s.id = std::string(comment.substr(j, k - j));
          s.rule = lint_rule_from_id(s.id);
          s.span =
              Span{f, base + static_cast<std::uint32_t>(j), base + static_cast<std::uint32_t>(k)};
          s.file = f;
          s.target_line = target;
          out.push_back(std::move(s));
        }
        j = skip_spaces(comment, k);
        if (j < close && comment[j] == ',') {
          ++j;
        } else if (j < close) {
          // Something that is not an id: skip to the next comma.
          while (j < close && comment[j] != ',') ++j;
        }
      }
    }
  }
  return out;
}

}  // namespace strata::linter
