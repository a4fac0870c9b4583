// Turning a SyntaxFailure from the grammar into a Diagnostic.
//
// The grammar knows what it expected; this step looks at the text around the failure to say what
// was found instead: an invalid character (E0104), a keyword used as a name (E0106), an unknown
// type name, or the token to underline. A missing token at the end of a line is reported right
// after the previous token, where it belongs, rather than at the start of the next line.
#pragma once

#include <optional>
#include <vector>

#include "grammar_errors.hpp"
#include "lexer.hpp"
#include "strata/diagnostic.hpp"
#include "strata/source.hpp"

namespace strata::internal {

class SyntaxErrorReporter {
 public:
  SyntaxErrorReporter(const SourceFile& source, FileId file, Diagnostics& diags)
      : text_(source.text()), source_(source), file_(file), diags_(diags) {}

  void report(const grammar::SyntaxErrorInfo& info, std::size_t at, std::size_t decl_begin);

 private:
  const std::vector<Token>& tokens();
  const Token* token_at(std::size_t offset);
  const Token* token_before(std::size_t offset);
  bool report_bad_character(std::size_t at);
  void report_unterminated(std::size_t at);
  void report_escape(std::size_t at);
  std::optional<Span> unclosed(char opener, std::size_t from, std::size_t to);
  std::string_view token_text(const Token& token) const {
    return text_.substr(token.begin, token.end - token.begin);
  }
  Span span(std::size_t begin, std::size_t end) const {
    return Span{file_, static_cast<std::uint32_t>(begin), static_cast<std::uint32_t>(end)};
  }

  std::string_view text_;
  const SourceFile& source_;
  FileId file_;
  Diagnostics& diags_;
  std::optional<std::vector<Token>> tokens_;
};

// Where to continue after a broken declaration that starts at `decl_begin`: the start of the
// next line whose first word is a declaration keyword, or the end of the text.
std::size_t recovery_point(std::string_view text, std::size_t decl_begin);

}  // namespace strata::internal
