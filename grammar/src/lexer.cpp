// The token dumper's lexer, built from the grammar's own token rules.
#include "lexer.hpp"

#include <array>
#include <optional>
#include <string>

#include "grammar_errors.hpp"
#include "strata/parse.hpp"
#include "utf8.hpp"

namespace strata::internal {
namespace {

namespace pegtl = tao::pegtl;

// The end offset of `Rule` matched at `at`, or nullopt; a SyntaxFailure escapes to the caller.
template <typename Rule>
std::optional<std::size_t> match_at(std::string_view text, std::size_t at) {
  pegtl::memory_input<pegtl::tracking_mode::lazy> in(text.data(), text.data() + text.size(), "");
  in.bump(at);
  if (!pegtl::parse<Rule, pegtl::nothing, grammar::Control>(in)) return std::nullopt;
  return static_cast<std::size_t>(in.current() - text.data());
}

bool is_word_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

// The end of a malformed number or date: everything that could belong to it.
std::size_t word_end(std::string_view text, std::size_t at) {
  while (at < text.size() && (is_word_char(text[at]) || text[at] == '-' || text[at] == ':' ||
                              text[at] == '.' || text[at] == '%')) {
    ++at;
  }
  return at;
}

std::size_t line_end(std::string_view text, std::size_t at) {
  while (at < text.size() && text[at] != '\n' && text[at] != '\r') ++at;
  return at;
}

// The end of a comment: as the grammar's `until<eolf>`, only a line feed (or CR LF) ends it; a
// carriage return on its own is part of the comment.
std::size_t comment_end(std::string_view text, std::size_t at) {
  while (at < text.size() && text[at] != '\n' &&
         !(text[at] == '\r' && at + 1 < text.size() && text[at + 1] == '\n')) {
    ++at;
  }
  return at;
}

struct Lexed {
  TokenKind kind;
  std::size_t end;
};

Lexed lex_number(std::string_view text, std::size_t at) {
  namespace g = grammar;
  try {
    if (auto end = match_at<g::dateish>(text, at)) {
      const bool has_time = text.substr(at, *end - at).find('T') != std::string_view::npos;
      return {has_time ? TokenKind::DateTime : TokenKind::Date, *end};
    }
    if (auto end = match_at<g::duration_lit>(text, at)) return {TokenKind::Duration, *end};
    if (auto end = match_at<g::period_lit>(text, at)) return {TokenKind::Period, *end};
    if (auto end = match_at<g::percent_lit>(text, at)) return {TokenKind::Percent, *end};
    if (auto end = match_at<g::decimal_lit>(text, at)) return {TokenKind::Decimal, *end};
    if (auto end = match_at<g::int_lit>(text, at)) return {TokenKind::Int, *end};
  } catch (const grammar::SyntaxFailure&) {
  }
  return {TokenKind::Error, word_end(text, at)};
}

Lexed lex_one(std::string_view text, std::size_t at) {
  const char c = text[at];
  if (c == '#') return {TokenKind::Comment, comment_end(text, at)};
  if (c == '"') {
    try {
      if (auto end = match_at<grammar::string_lit>(text, at)) return {TokenKind::String, *end};
    } catch (const grammar::SyntaxFailure&) {
    }
    return {TokenKind::Error, line_end(text, at)};
  }
  if (c >= '0' && c <= '9') return lex_number(text, at);
  if (auto end = match_at<grammar::ident_word>(text, at)) {
    const auto keyword_end = match_at<grammar::keyword>(text, at);
    return {keyword_end == end ? TokenKind::Keyword : TokenKind::Identifier, *end};
  }
  static constexpr std::array<std::string_view, 7> kPairs = {
      "==", "!=", "<=", ">=", "??", "..", "->"};
  for (auto pair : kPairs) {
    if (text.substr(at, 2) == pair) return {TokenKind::Punct, at + 2};
  }
  if (std::string_view("{}()[],:.?=<>+-*/%").find(c) != std::string_view::npos) {
    return {TokenKind::Punct, at + 1};
  }
  return {TokenKind::Error, at + decode_utf8(text, at).length};
}

}  // namespace

std::string_view token_kind_name(TokenKind kind) {
  static constexpr std::string_view kNames[] = {
#define STRATA_TOKEN(Name, text) text,
#include "strata/tokens.def"
  };
  return kNames[static_cast<std::size_t>(kind)];
}

std::size_t skip_trivia(std::string_view text, std::size_t at) {
  while (at < text.size()) {
    const char c = text[at];
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
      ++at;
    } else if (c == '#') {
      at = comment_end(text, at);
    } else {
      break;
    }
  }
  return at;
}

std::vector<Token> lex(std::string_view text) {
  std::vector<Token> tokens;
  std::size_t at = 0;
  while (true) {
    // Comments are tokens here, so skip only blanks.
    while (at < text.size() &&
           (text[at] == ' ' || text[at] == '\t' || text[at] == '\r' || text[at] == '\n')) {
      ++at;
    }
    if (at >= text.size()) break;
    const Lexed token = lex_one(text, at);
    const std::size_t end = token.end > at ? token.end : at + 1;
    tokens.push_back({token.kind, static_cast<std::uint32_t>(at), static_cast<std::uint32_t>(end)});
    at = end;
  }
  return tokens;
}

}  // namespace strata::internal

namespace strata {

std::vector<SourceToken> tokenize(std::string_view text) {
  return internal::lex(text);
}

std::string dump_tokens(const SourceManager& sources, FileId file) {
  const SourceFile& source = sources.file(file);
  std::string out;
  for (const auto& token : internal::lex(source.text())) {
    const LineCol lc = source.line_col(token.begin);
    out += std::to_string(lc.line) + ":" + std::to_string(lc.column) + " " +
           std::string(internal::token_kind_name(token.kind)) + " " +
           source.text().substr(token.begin, token.end - token.begin) + "\n";
  }
  return out;
}

}  // namespace strata
