// Tokens, comments, the parse and stability of a formatted text, compared with its input.
#include "format/verify.hpp"

#include <algorithm>

#include "format/fingerprint.hpp"
#include "format/formatter.hpp"
#include "strata/parse.hpp"

namespace strata::format {

namespace {

struct Significant {
  std::vector<std::string_view> tokens;
  std::vector<std::uint32_t> token_offsets;
  std::vector<std::string_view> comments;
  std::vector<std::uint32_t> comment_offsets;
};

std::string_view rstrip(std::string_view text) {
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

Significant significant(std::string_view text) {
  Significant s;
  for (const SourceToken& t : tokenize(text)) {
    const std::string_view piece = text.substr(t.begin, t.end - t.begin);
    if (t.kind == TokenKind::Comment) {
      s.comments.push_back(rstrip(piece));
      s.comment_offsets.push_back(t.begin);
    } else {
      s.tokens.push_back(piece);
      s.token_offsets.push_back(t.begin);
    }
  }
  return s;
}

// Where two lists first differ, or nullopt.
std::optional<std::size_t> first_difference(const std::vector<std::string_view>& a,
                                            const std::vector<std::string_view>& b) {
  for (std::size_t i = 0; i < a.size() || i < b.size(); ++i) {
    if (i >= a.size() || i >= b.size() || a[i] != b[i]) return i;
  }
  return std::nullopt;
}

std::string shown(std::string_view text) {
  constexpr std::size_t kMax = 40;
  return "`" + std::string(text.substr(0, kMax)) + (text.size() > kMax ? "...`" : "`");
}

std::uint32_t offset_at(const std::vector<std::uint32_t>& offsets, std::size_t i,
                        std::string_view input) {
  return i < offsets.size() ? offsets[i] : static_cast<std::uint32_t>(input.size());
}

}  // namespace

std::optional<Mismatch> verify_layout(std::string_view input, const ast::Module& input_ast,
                                      std::string_view output) {
  const Significant before = significant(input);
  const Significant after = significant(output);
  if (auto i = first_difference(before.tokens, after.tokens)) {
    const std::uint32_t at = offset_at(before.token_offsets, *i, input);
    if (*i >= before.tokens.size()) return Mismatch{"a token would be added at the end", at};
    if (*i >= after.tokens.size())
      return Mismatch{"the token " + shown(before.tokens[*i]) + " would be lost", at};
    return Mismatch{
        "the token " + shown(before.tokens[*i]) + " would become " + shown(after.tokens[*i]), at};
  }
  if (auto i = first_difference(before.comments, after.comments)) {
    const std::uint32_t at = offset_at(before.comment_offsets, *i, input);
    if (*i >= before.comments.size()) return Mismatch{"a comment would be added at the end", at};
    if (*i >= after.comments.size()) {
      return Mismatch{"the comment " + shown(before.comments[*i]) + " would be lost", at};
    }
    return Mismatch{
        "the comment " + shown(before.comments[*i]) + " would become " + shown(after.comments[*i]),
        at};
  }

  SourceManager sources;
  const FileId file = sources.add("formatted", std::string(output));
  Diagnostics diags;
  ast::ExprId next_id = 0;
  const ast::Module reparsed = parse_module(sources, file, diags, next_id);
  if (diags.has_errors()) {
    return Mismatch{"the formatted text would not parse: " + diags.all().front().message, 0};
  }
  if (fingerprint(reparsed, output) != fingerprint(input_ast, input)) {
    return Mismatch{"the formatted text would parse to different rules", 0};
  }
  if (layout_module(reparsed, output) != output) {
    return Mismatch{"formatting the formatted text would change it again", 0};
  }
  return std::nullopt;
}

void report_mismatch(Diagnostics& diags, FileId file, std::size_t input_size,
                     const Mismatch& mismatch) {
  const auto at = static_cast<std::uint32_t>(std::min<std::size_t>(mismatch.offset, input_size));
  diags
      .error(DiagCode::FormatInternalError, Span{file, at, at},
             "internal error: formatting would change this file beyond its layout",
             "the difference starts here")
      .note(mismatch.reason)
      .help("the file was left as it is; please report this problem together with the file");
}

}  // namespace strata::format
