// "Did you mean ...?": the closest candidate by restricted Damerau-Levenshtein distance.
#include <algorithm>
#include <cctype>
#include <vector>

#include "strata/diagnostic.hpp"
#include "utf8.hpp"

namespace strata {
namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Optimal string alignment distance: insertions, deletions, substitutions and transpositions of
// adjacent characters each cost 1 (a transposition is the most common typo: `monetray`).
std::size_t edit_distance(const std::string& a, const std::string& b) {
  const std::size_t n = a.size();
  const std::size_t m = b.size();
  std::vector<std::vector<std::size_t>> d(n + 1, std::vector<std::size_t>(m + 1));
  for (std::size_t i = 0; i <= n; ++i) d[i][0] = i;
  for (std::size_t j = 0; j <= m; ++j) d[0][j] = j;
  for (std::size_t i = 1; i <= n; ++i) {
    for (std::size_t j = 1; j <= m; ++j) {
      const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[n][m];
}

}  // namespace

std::optional<std::string> closest_name(std::string_view name,
                                        const std::vector<std::string>& candidates) {
  // Distances are doubled so a match differing only in case can score 1 (half an edit): it beats
  // every real edit but never an exact match.
  const std::string wanted = lower(name);
  const std::size_t limit = 2 * std::max<std::size_t>(1, name.size() / 3);
  std::optional<std::string> best;
  std::size_t best_score = limit + 1;
  for (const auto& candidate : candidates) {
    std::size_t score = 0;
    if (candidate == name) {
      score = 0;
    } else {
      // Very different lengths cannot be within the limit; skip the quadratic work.
      const std::size_t gap = candidate.size() > name.size() ? candidate.size() - name.size()
                                                             : name.size() - candidate.size();
      if (2 * gap > limit) continue;
      const std::size_t d = edit_distance(wanted, lower(candidate));
      score = d == 0 ? 1 : 2 * d;
    }
    if (score < best_score) {
      best_score = score;
      best = candidate;
    }
  }
  return best;
}

std::size_t display_width(std::string_view utf8) {
  std::size_t width = 0;
  for (std::size_t at = 0; at < utf8.size();) {
    const internal::CodePoint cp = internal::decode_utf8(utf8, at);
    width += static_cast<std::size_t>(cp.valid ? internal::display_width(cp.value) : 1);
    at += cp.length;
  }
  return width;
}

}  // namespace strata
