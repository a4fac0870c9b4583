// Syntax diagnostics: E0101 (syntax error), E0102, E0103, E0104 and E0106.
#include "syntax_error.hpp"

#include <algorithm>
#include <array>
#include <string>

#include "utf8.hpp"

namespace strata::internal {
namespace {

bool is_word_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

std::string replace_all(std::string text, std::string_view key, std::string_view value) {
  for (std::size_t at = text.find(key); at != std::string::npos;
       at = text.find(key, at + value.size())) {
    text.replace(at, key.size(), value);
  }
  return text;
}

struct FullWidth {
  char32_t wide;
  const char* ascii;
};

// Full-width punctuation typed with a Chinese input method, and its ASCII counterpart.
constexpr std::array kFullWidth = {
    FullWidth{U'，', ","}, FullWidth{U'（', "("}, FullWidth{U'）', ")"}, FullWidth{U'：', ":"},
    FullWidth{U'；', ";"}, FullWidth{U'“', "\""}, FullWidth{U'”', "\""}, FullWidth{U'【', "["},
    FullWidth{U'】', "]"}, FullWidth{U'｛', "{"}, FullWidth{U'｝', "}"}, FullWidth{U'＝', "="},
    FullWidth{U'！', "!"}, FullWidth{U'？', "?"}, FullWidth{U'。', "."}, FullWidth{U'＜', "<"},
    FullWidth{U'＞', ">"}, FullWidth{U'－', "-"}, FullWidth{U'＋', "+"}, FullWidth{U'＊', "*"},
    FullWidth{U'／', "/"}, FullWidth{U'％', "%"}, FullWidth{U'、', ","}, FullWidth{U'　', " "},
    FullWidth{U'．', "."}, FullWidth{U'［', "["}, FullWidth{U'］', "]"}};

const char* ascii_for(char32_t cp) {
  for (const auto& entry : kFullWidth) {
    if (entry.wide == cp) return entry.ascii;
  }
  return nullptr;
}

const char* help_for_ascii(char c) {
  switch (c) {
    case ';':
      return "no `;` is needed: declarations simply follow each other";
    case '\'':
      return "strings are written in double quotes: `\"...\"`";
    case '&':
      return "write `and` to combine conditions";
    case '|':
      return "write `or` to combine conditions";
    case '!':
      return "write `not` to negate a condition";
    default:
      return nullptr;
  }
}

constexpr std::array<std::string_view, 9> kDeclKeywords = {
    "record", "events", "param", "let", "use", "tiering", "calendar", "sop", "kpi"};
constexpr std::array<std::string_view, 8> kTypeNames = {
    "int", "decimal", "money", "bool", "string", "date", "datetime", "duration"};

}  // namespace

const std::vector<Token>& SyntaxErrorReporter::tokens() {
  if (!tokens_) tokens_ = lex(text_);
  return *tokens_;
}

const Token* SyntaxErrorReporter::token_at(std::size_t offset) {
  const auto& list = tokens();
  auto it = std::lower_bound(list.begin(), list.end(), offset,
                             [](const Token& t, std::size_t o) { return t.begin < o; });
  return it != list.end() && it->begin == offset ? &*it : nullptr;
}

const Token* SyntaxErrorReporter::token_before(std::size_t offset) {
  const auto& list = tokens();
  const Token* best = nullptr;
  for (const auto& token : list) {
    if (token.end > offset) break;
    if (token.kind != TokenKind::Comment) best = &token;
  }
  return best;
}

// E0104: a character that starts no token. Returns false when the character is fine.
bool SyntaxErrorReporter::report_bad_character(std::size_t at) {
  const CodePoint cp = decode_utf8(text_, at);
  if (!cp.valid) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    const auto byte = static_cast<unsigned char>(text_[at]);
    diags_
        .error(DiagCode::UnexpectedCharacter, span(at, at + 1),
               std::string("invalid UTF-8 byte 0x") + kHex[byte >> 4] + kHex[byte & 0xF],
               "not valid UTF-8")
        .help("save the file as UTF-8");
    return true;
  }
  const char32_t c = cp.value;
  if (c < 0x80) {
    const char ascii = static_cast<char>(c);
    const bool control = c < 0x20 || c == 0x7F;
    const bool stray = std::string_view("@$;'`^&|~\\").find(ascii) != std::string_view::npos ||
                       (ascii == '!' && text_.substr(at, 2) != "!=");
    if (!control && !stray) return false;
    // `&&` and `||` from other languages are underlined whole.
    const bool doubled =
        (ascii == '&' || ascii == '|') && at + 1 < text_.size() && text_[at + 1] == ascii;
    const std::string shown(doubled ? 2 : 1, ascii);
    auto builder =
        control
            ? diags_.error(DiagCode::UnexpectedCharacter, span(at, at + 1),
                           "unexpected control character " + code_point_name(c), "not valid here")
            : diags_.error(DiagCode::UnexpectedCharacter, span(at, at + shown.size()),
                           "unexpected character `" + shown + "`", "not valid here");
    if (const char* help = help_for_ascii(ascii)) builder.help(help);
    return true;
  }
  const std::string shown(text_.substr(at, cp.length));
  if (const char* ascii = ascii_for(c)) {
    const std::string replacement = c == U'　' ? "a space" : std::string("`") + ascii + "`";
    diags_
        .error(DiagCode::UnexpectedCharacter, span(at, at + cp.length),
               "unexpected character `" + shown + "` (" + code_point_name(c) + ")",
               "full-width punctuation")
        .help("use the ASCII " + replacement + " instead of the full-width `" + shown + "`");
    return true;
  }
  // Other text outside quotes, typically a label: underline the whole run.
  std::size_t end = at;
  while (end < text_.size()) {
    const CodePoint next = decode_utf8(text_, end);
    if (!next.valid || next.value < 0x80 || ascii_for(next.value) != nullptr) break;
    end += next.length;
  }
  const std::string run(text_.substr(at, end - at));
  const bool single = end == at + cp.length;
  diags_
      .error(DiagCode::UnexpectedCharacter, span(at, end),
             single ? "unexpected character `" + run + "` (" + code_point_name(c) + ")"
                    : "unexpected text `" + run + "`",
             "not valid outside a string")
      .help(
          "names use ASCII letters, digits and `_`; put labels and other text in double "
          "quotes, as in `\"" +
          run + "\"`");
  return true;
}

// E0102: the string runs to the end of its line; underline it from its opening quote.
void SyntaxErrorReporter::report_unterminated(std::size_t at) {
  const LineCol lc = source_.line_col(static_cast<std::uint32_t>(at));
  const std::size_t line_begin = source_.line_start(lc.line);
  std::size_t quote = at;
  for (std::size_t i = at; i-- > line_begin;) {
    if (text_[i] != '"') continue;
    std::size_t backslashes = 0;
    while (i > line_begin + backslashes && text_[i - 1 - backslashes] == '\\') ++backslashes;
    if (backslashes % 2 == 0) {
      quote = i;
      break;
    }
  }
  diags_
      .error(DiagCode::UnterminatedString, span(quote, std::max(at, quote + 1)),
             "unterminated string", "this string is never closed")
      .help("add the closing `\"` before the end of the line");
}

// E0103: `at` is just after the backslash.
void SyntaxErrorReporter::report_escape(std::size_t at) {
  const std::size_t begin = at - 1;
  std::size_t end = at < text_.size() ? at + decode_utf8(text_, at).length : at;
  if (at < text_.size() && text_[at] == 'u') {
    while (end < text_.size() && end < at + 10 && text_[end] != '"' && text_[end] != '\n' &&
           text_[end] != '\r') {
      ++end;
      if (text_[end - 1] == '}') break;
    }
  }
  const std::string shown(text_.substr(begin, end - begin));
  diags_
      .error(DiagCode::InvalidEscape, span(begin, end), "invalid escape sequence `" + shown + "`",
             "not a valid escape")
      .help(grammar::error_info<grammar::escape_code>.help);
}

// The last bracket `opener` between `from` and `to` that is still open at `to`.
std::optional<Span> SyntaxErrorReporter::unclosed(char opener, std::size_t from, std::size_t to) {
  std::vector<const Token*> open;
  for (const auto& token : tokens()) {
    if (token.begin < from || token.kind != TokenKind::Punct) continue;
    if (token.begin >= to) break;
    const char c = text_[token.begin];
    if (c == '(' || c == '[' || c == '{') {
      open.push_back(&token);
    } else if ((c == ')' || c == ']' || c == '}') && !open.empty()) {
      open.pop_back();
    }
  }
  for (auto it = open.rbegin(); it != open.rend(); ++it) {
    if (text_[(*it)->begin] == opener) return span((*it)->begin, (*it)->end);
  }
  return std::nullopt;
}

void SyntaxErrorReporter::report(const grammar::SyntaxErrorInfo& info, std::size_t at,
                                 std::size_t decl_begin) {
  at = std::min(at, text_.size());
  if (info.code == DiagCode::UnterminatedString) return report_unterminated(at);
  if (info.code == DiagCode::InvalidEscape) return report_escape(at);

  // A keyword rule that failed on its last check (`duration` in `durations`) may leave the
  // position inside a word; no token splits a word, so report from the word's start.
  if (!(info.flags & grammar::kNoSkip)) {
    while (at > 0 && at < text_.size() && is_word_char(text_[at]) && is_word_char(text_[at - 1])) {
      --at;
    }
  }
  std::size_t found = (info.flags & grammar::kNoSkip) ? at : skip_trivia(text_, at);
  if (found < text_.size() && report_bad_character(found)) return;
  const Token* token = found < text_.size() ? token_at(found) : nullptr;
  const Token* next = token != nullptr ? token_at(skip_trivia(text_, token->end)) : nullptr;

  // E0106: a keyword where a name belongs (`let tier = 1`, a field called `key`). A declaration
  // keyword at the start of a later line begins the next declaration: the name is missing.
  const Token* before = token != nullptr ? token_before(token->begin) : nullptr;
  const bool next_declaration =
      token != nullptr && before != nullptr &&
      std::find(kDeclKeywords.begin(), kDeclKeywords.end(), token_text(*token)) !=
          kDeclKeywords.end() &&
      source_.line_col(before->end).line != source_.line_col(token->begin).line;
  if (token != nullptr && token->kind == TokenKind::Keyword && !next_declaration &&
      ((info.flags & grammar::kExpectsName) ||
       (next != nullptr && (token_text(*next) == ":" || token_text(*next) == "=") &&
        &info != &grammar::error_info<grammar::declaration>))) {
    const std::string word(token_text(*token));
    diags_
        .error(DiagCode::ReservedWord, span(token->begin, token->end),
               "`" + word + "` is a keyword and cannot be a name", "this is a keyword")
        .help("choose another name, for example `" + word + "_value`");
    return;
  }

  // E0101. Underline the found token when it is on the same line as the text before it;
  // otherwise the missing piece belongs right after that text.
  const Token* previous = token_before(found);
  std::size_t begin = found;
  std::size_t end = found;
  if (token != nullptr) end = token->end;
  const auto date_char = [&](std::size_t i) {
    return is_word_char(text_[i]) || text_[i] == '-' || text_[i] == ':' || text_[i] == '.';
  };
  if (info.flags & grammar::kWordStart) {
    while (found > 0 && date_char(found - 1)) --found;
    begin = found;
  }
  if (info.flags & grammar::kSpanWord) {
    end = found;
    while (end < text_.size() && date_char(end)) ++end;
  }
  const bool same_line =
      previous == nullptr || token == nullptr
          ? token != nullptr
          : source_.line_col(previous->end).line == source_.line_col(token->begin).line;
  if (!same_line && !(info.flags & grammar::kNoSkip)) {
    begin = end = previous != nullptr ? previous->end : found;
  }

  std::string message = info.message;
  std::string label = info.label;
  std::optional<std::string> help;
  if (info.help != nullptr) help = info.help;
  if (previous != nullptr) message = replace_all(message, "{prev}", token_text(*previous));
  message = replace_all(message, "{word}", text_.substr(found, end - found));

  const std::string found_text = token != nullptr ? std::string(token_text(*token)) : "";
  if ((info.flags & grammar::kExpectsType) && token != nullptr &&
      token->kind == TokenKind::Identifier) {
    message = "unknown type `" + found_text + "`";
    label = "not a type";
    const std::vector<std::string> names(kTypeNames.begin(), kTypeNames.end());
    if (auto suggestion = closest_name(found_text, names)) {
      help = "did you mean `" + *suggestion + "`?";
    }
  } else if (found_text == "=" && &info != &grammar::error_info<grammar::let_assign>) {
    help = "to compare two values, write `==`";
  } else if (&info == &grammar::error_info<grammar::table_close> && found_text == "tier") {
    help =
        "a decision table holds rows such as `(yes, -) -> tier`; `tier ... when` lines belong in "
        "a tiering written without `table`";
  } else if (&info == &grammar::error_info<grammar::declaration> && found_text == "tier") {
    help = "`tier` lines belong inside a `tiering name { ... }` block";
  } else if (&info == &grammar::error_info<grammar::declaration> && token != nullptr &&
             token->kind == TokenKind::Keyword) {
    help = "a file holds `record`, `events`, `param`, `let`, `use` and `tiering` declarations";
  }

  auto diag = diags_.error(DiagCode::SyntaxError, span(begin, end), message, label);
  if (info.opener != 0) {
    if (auto open = unclosed(info.opener, decl_begin, found)) {
      diag.label(*open, std::string("`") + info.opener + "` opened here");
    }
  }
  if (help) diag.help(*help);
}

// Where to continue after a broken declaration: the next line, after the one the declaration
// starts on, whose first word is a declaration keyword.
std::size_t recovery_point(std::string_view text, std::size_t decl_begin) {
  std::size_t at = text.find('\n', decl_begin);
  while (at != std::string_view::npos) {
    std::size_t word = at + 1;
    while (word < text.size() && (text[word] == ' ' || text[word] == '\t' || text[word] == '\r')) {
      ++word;
    }
    for (auto keyword : kDeclKeywords) {
      const std::size_t end = word + keyword.size();
      if (text.substr(word, keyword.size()) == keyword &&
          (end >= text.size() || !is_word_char(text[end]))) {
        return word;
      }
    }
    at = text.find('\n', at + 1);
  }
  return text.size();
}

}  // namespace strata::internal
