// The formatter's token cursor: every token of the file is emitted exactly once, in order.
//
// Renderers (formatter.hpp) say where the structure is — begin a line, start the next aligned
// cell, emit the tokens up to an offset, end the line — and the emitter decides the spacing
// between tokens, keeps the line breaks the author wrote where breaks are kept (inside
// expressions, SOP clauses, calendar lines, lists), re-indents continuation lines, and places
// comments: a comment on the same line as the token before it stays at the end of that line, a
// comment on a line of its own stays on a line of its own before what follows it. Because
// emission only ever moves forward through the token list, no token or comment can be dropped or
// reordered.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "format/layout.hpp"
#include "strata/parse.hpp"

namespace strata::format {

// Continuation lines are indented this much past the line they continue.
inline constexpr int kContinuationIndent = 4;
// One level of block nesting.
inline constexpr int kBlockIndent = 2;

class Emitter {
 public:
  Emitter(std::string_view text, Layout& out);

  // ---- set-up, before emitting ----
  // Tokens beginning inside each span become one token copied as written (messages whose
  // interpolations hold strings, which the flat token list splits at the inner quotes).
  void merge_atomic(const std::vector<std::pair<std::uint32_t, std::uint32_t>>& spans);
  // Tokens beginning strictly after `after` and before `before` keep a line break written before
  // them.
  void keep_breaks(std::uint32_t after, std::uint32_t before);
  // The offset of the first token (not a comment) spelled `text` at or after `from` and before
  // `before`.
  std::optional<std::uint32_t> find(std::string_view text, std::uint32_t from,
                                    std::uint32_t before) const;
  // The offset one past the end of the token beginning at `begin`.
  std::uint32_t token_end(std::uint32_t begin) const;
  // The offset of the last token (not a comment) beginning before `offset`.
  std::optional<std::uint32_t> token_before(std::uint32_t offset) const;

  // ---- emitting ----
  // Comments and blank lines before the next token, as lines of their own at `indent`; at most
  // one blank line where the author wrote one or more. `blank_first`: a blank line may precede
  // the first of them; `blank_before_token`: one may separate them from the next token. Returns
  // whether a blank line was written.
  bool leading(int indent, bool blank_first, bool blank_before_token);
  // Starts a line at `indent`; align and comments are the line's groups (Layout).
  void begin_line(int indent, int align, int comments);
  // Starts the next aligned cell of the line (nothing once the item went on to a continuation).
  void cell();
  // The current cell covers `columns` alignment columns.
  void set_span(int columns);
  // Emits every token beginning before `end` into the current line.
  void emit_through(std::uint32_t end);
  // Takes a comment on the same line as the last token, then finishes the line.
  void end_line();
  // Copies the text up to `end` (and a comment after it on the same line) as written.
  void verbatim_through(std::uint32_t end);
  bool done() const { return next_ >= tokens_.size(); }

 private:
  struct Tok {
    TokenKind kind;
    std::uint32_t begin;
    std::uint32_t end;
    bool keep_break = false;
  };

  // The index of the first token beginning at or after `offset`.
  std::size_t first_at(std::uint32_t offset) const;
  std::string_view text_of(const Tok& t) const { return text_.substr(t.begin, t.end - t.begin); }
  bool newline_between(std::uint32_t from, std::uint32_t to) const;
  std::size_t newlines_between(std::uint32_t from, std::uint32_t to) const;
  bool space_before(const Tok& t) const;
  void emit_token(const Tok& t);
  void emit_comment(const Tok& t);
  void break_line();
  // A fresh continuation line of the current item.
  void start_continuation();
  void push_line();
  std::string comment_text(const Tok& t) const;

  std::string_view text_;
  Layout& out_;
  std::vector<Tok> tokens_;
  std::size_t next_ = 0;
  std::uint32_t last_end_ = 0;  // end of the last token taken, comments included
  const Tok* prev_ = nullptr;   // the last token emitted, not a comment
  bool prev_unary_ = false;     // it is a unary minus

  bool open_ = false;  // a line is being built
  OutLine line_;
  int item_indent_ = 0;
  int comment_group_ = -1;
  bool continued_ = false;      // the item went on to a continuation line
  bool pending_break_ = false;  // a comment ended the line: the next token starts a new one
};

}  // namespace strata::format
