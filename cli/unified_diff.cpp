// Unified diffs with dtl (Debian's libdtl-dev), hunks laid out as `diff -u` does.
#include "unified_diff.hpp"

#include <dtl/dtl.hpp>

#include <vector>

namespace strata::cli {

namespace {

std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::size_t at = 0;
  while (at < text.size()) {
    const std::size_t eol = text.find('\n', at);
    if (eol == std::string::npos) {
      lines.push_back(text.substr(at) + "\n\\ No newline at end of file");
      break;
    }
    lines.push_back(text.substr(at, eol - at));
    at = eol + 1;
  }
  return lines;
}

// `-a,b`: an empty range is written as the line before it, as diff does.
std::string range(long long first, long long count) {
  if (count == 0) first -= 1;
  return std::to_string(first) + (count == 1 ? "" : "," + std::to_string(count));
}

}  // namespace

std::string unified_diff(const std::string& old_name, const std::string& new_name,
                         const std::string& before, const std::string& after) {
  if (before == after) return {};
  const std::vector<std::string> a = split_lines(before);
  const std::vector<std::string> b = split_lines(after);
  dtl::Diff<std::string, std::vector<std::string>> diff(a, b);
  diff.compose();
  diff.composeUnifiedHunks();
  std::string out = "--- " + old_name + "\n+++ " + new_name + "\n";
  for (const auto& hunk : diff.getUniHunks()) {
    out += "@@ -" + range(hunk.a, hunk.b) + " +" + range(hunk.c, hunk.d) + " @@\n";
    const auto line = [&](char mark, const std::string& text) {
      out += mark;
      out += text;
      out += '\n';
    };
    for (const auto& [text, info] : hunk.common[0]) line(' ', text);
    for (const auto& [text, info] : hunk.change) {
      line(info.type == dtl::SES_ADD ? '+' : info.type == dtl::SES_DELETE ? '-' : ' ', text);
    }
    for (const auto& [text, info] : hunk.common[1]) line(' ', text);
  }
  return out;
}

}  // namespace strata::cli
