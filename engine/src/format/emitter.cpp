// Spacing between tokens, kept line breaks and comment placement.
#include "format/emitter.hpp"

#include <algorithm>
#include <array>

namespace strata::format {

namespace {

bool one_of(std::string_view text, std::initializer_list<std::string_view> set) {
  return std::find(set.begin(), set.end(), text) != set.end();
}

// Keywords that are values: a `-` after them subtracts.
bool value_keyword(std::string_view text) {
  return one_of(text, {"none", "today", "true", "false", "yes", "no"});
}

}  // namespace

Emitter::Emitter(std::string_view text, Layout& out) : text_(text), out_(out) {
  for (const SourceToken& t : tokenize(text)) tokens_.push_back({t.kind, t.begin, t.end});
}

void Emitter::merge_atomic(const std::vector<std::pair<std::uint32_t, std::uint32_t>>& spans) {
  std::vector<std::pair<std::uint32_t, std::uint32_t>> sorted = spans;
  std::sort(sorted.begin(), sorted.end());
  std::vector<Tok> merged;
  std::size_t s = 0;
  for (const Tok& t : tokens_) {
    while (s < sorted.size() && sorted[s].second <= t.begin) ++s;
    if (s < sorted.size() && t.begin >= sorted[s].first && t.begin < sorted[s].second) {
      if (!merged.empty() && merged.back().begin == sorted[s].first) {
        merged.back().end = std::max(merged.back().end, t.end);
      } else {
        merged.push_back({TokenKind::String, sorted[s].first, std::max(sorted[s].second, t.end)});
      }
      continue;
    }
    merged.push_back(t);
  }
  tokens_ = std::move(merged);
}

std::size_t Emitter::first_at(std::uint32_t offset) const {
  return static_cast<std::size_t>(
      std::lower_bound(tokens_.begin(), tokens_.end(), offset,
                       [](const Tok& t, std::uint32_t at) { return t.begin < at; }) -
      tokens_.begin());
}

void Emitter::keep_breaks(std::uint32_t after, std::uint32_t before) {
  for (std::size_t i = first_at(after + 1); i < tokens_.size() && tokens_[i].begin < before; ++i) {
    tokens_[i].keep_break = true;
  }
}

std::optional<std::uint32_t> Emitter::find(std::string_view text, std::uint32_t from,
                                           std::uint32_t before) const {
  for (std::size_t i = first_at(from); i < tokens_.size() && tokens_[i].begin < before; ++i) {
    if (tokens_[i].kind != TokenKind::Comment && text_of(tokens_[i]) == text) {
      return tokens_[i].begin;
    }
  }
  return std::nullopt;
}

std::uint32_t Emitter::token_end(std::uint32_t begin) const {
  const std::size_t i = first_at(begin);
  return i < tokens_.size() && tokens_[i].begin == begin ? tokens_[i].end : begin;
}

std::optional<std::uint32_t> Emitter::token_before(std::uint32_t offset) const {
  for (std::size_t i = first_at(offset); i > 0; --i) {
    if (tokens_[i - 1].kind != TokenKind::Comment) return tokens_[i - 1].begin;
  }
  return std::nullopt;
}

bool Emitter::newline_between(std::uint32_t from, std::uint32_t to) const {
  return newlines_between(from, to) > 0;
}

std::size_t Emitter::newlines_between(std::uint32_t from, std::uint32_t to) const {
  if (to <= from) return 0;
  return static_cast<std::size_t>(std::count(text_.begin() + from, text_.begin() + to, '\n'));
}

std::string Emitter::comment_text(const Tok& t) const {
  std::string text(text_of(t));
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.pop_back();
  return text;
}

// Whether one space separates the last token emitted and `t`. Calls keep their `(` on the name
// (the grammar requires it), clock times keep `09:00` together, and a unary minus its operand.
bool Emitter::space_before(const Tok& t) const {
  if (prev_ == nullptr) return false;
  const std::string_view a = text_of(*prev_);
  const std::string_view b = text_of(t);
  const bool adjacent = prev_->end == t.begin;
  if (t.kind == TokenKind::Punct && one_of(b, {")", "]", ",", ".", "..", "?", ":"})) return false;
  if (prev_->kind == TokenKind::Punct && one_of(a, {"(", "[", ".", ".."})) return false;
  if (a == ":" && t.kind == TokenKind::Int && adjacent) return false;
  if (b == "(" && adjacent && (prev_->kind == TokenKind::Identifier || a == "first")) return false;
  if (prev_unary_) return false;
  return true;
}

void Emitter::begin_line(int indent, int align, int comments) {
  line_ = OutLine{};
  line_.indent = indent;
  line_.cells.push_back({});
  line_.align = align;
  line_.comments = comments;
  item_indent_ = indent;
  comment_group_ = comments;
  continued_ = false;
  pending_break_ = false;
  open_ = true;
}

void Emitter::cell() {
  if (!continued_) line_.cells.push_back({});
}

void Emitter::set_span(int columns) {
  if (!continued_) line_.cells.back().span = columns;
}

void Emitter::push_line() {
  bool content = !line_.comment.empty();
  for (const Cell& c : line_.cells) content = content || !c.text.empty();
  if (content) out_.lines().push_back(line_);
}

void Emitter::break_line() {
  push_line();
  start_continuation();
}

void Emitter::start_continuation() {
  line_ = OutLine{};
  line_.indent = item_indent_ + kContinuationIndent;
  line_.cells.push_back({});
  line_.comments = comment_group_;
  continued_ = true;
  pending_break_ = false;
}

void Emitter::emit_token(const Tok& t) {
  if (pending_break_ || (t.keep_break && newline_between(last_end_, t.begin))) break_line();
  Cell& cell = line_.cells.back();
  if (!cell.text.empty() && space_before(t)) cell.text += ' ';
  cell.text += text_of(t);
  const std::string_view text = text_of(t);
  bool unary = false;
  if (t.kind == TokenKind::Punct && text == "-") {
    const bool after_value =
        prev_ != nullptr &&
        (prev_->kind == TokenKind::Identifier || prev_->kind == TokenKind::String ||
         (prev_->kind == TokenKind::Punct && one_of(text_of(*prev_), {")", "]"})) ||
         (prev_->kind == TokenKind::Keyword && value_keyword(text_of(*prev_))) ||
         (prev_->kind != TokenKind::Punct && prev_->kind != TokenKind::Keyword));
    unary = !after_value;
  }
  prev_ = &t;
  prev_unary_ = unary;
  last_end_ = t.end;
}

void Emitter::emit_comment(const Tok& t) {
  bool content = false;
  for (const Cell& c : line_.cells) content = content || !c.text.empty();
  if (content && line_.comment.empty() && !newline_between(last_end_, t.begin)) {
    line_.comment = comment_text(t);
    pending_break_ = true;
  } else {
    push_line();
    OutLine comment;
    comment.indent = item_indent_ + kContinuationIndent;
    comment.cells.push_back({comment_text(t)});
    out_.lines().push_back(comment);
    start_continuation();
  }
  last_end_ = t.end;
}

void Emitter::emit_through(std::uint32_t end) {
  while (next_ < tokens_.size() && tokens_[next_].begin < end) {
    const Tok& t = tokens_[next_++];
    if (t.kind == TokenKind::Comment) {
      emit_comment(t);
    } else {
      emit_token(t);
    }
  }
}

void Emitter::end_line() {
  if (next_ < tokens_.size() && tokens_[next_].kind == TokenKind::Comment &&
      !newline_between(last_end_, tokens_[next_].begin) && line_.comment.empty()) {
    line_.comment = comment_text(tokens_[next_]);
    last_end_ = tokens_[next_].end;
    ++next_;
  }
  push_line();
  open_ = false;
}

bool Emitter::leading(int indent, bool blank_first, bool blank_before_token) {
  bool blank = false;
  bool first = true;
  while (next_ < tokens_.size()) {
    const Tok& t = tokens_[next_];
    const bool comment = t.kind == TokenKind::Comment;
    const bool allowed =
        first ? blank_first && (comment || blank_before_token) : (comment || blank_before_token);
    if (allowed && last_end_ > 0 && newlines_between(last_end_, t.begin) >= 2) {
      OutLine empty;
      empty.blank = true;
      out_.lines().push_back(empty);
      blank = true;
    }
    if (!comment) break;
    OutLine line;
    line.indent = indent;
    line.cells.push_back({comment_text(t)});
    out_.lines().push_back(line);
    last_end_ = t.end;
    ++next_;
    first = false;
  }
  return blank;
}

void Emitter::verbatim_through(std::uint32_t end) {
  if (next_ >= tokens_.size()) return;
  const std::uint32_t begin = tokens_[next_].begin;
  while (next_ < tokens_.size() && tokens_[next_].begin < end) ++next_;
  if (next_ < tokens_.size() && tokens_[next_].kind == TokenKind::Comment &&
      !newline_between(end, tokens_[next_].begin)) {
    end = tokens_[next_].end;
    ++next_;
  }
  std::string_view text = text_.substr(begin, end - begin);
  while (true) {
    const std::size_t eol = text.find('\n');
    OutLine line;
    line.raw = true;
    std::string_view piece = text.substr(0, eol);
    if (!piece.empty() && piece.back() == '\r') piece.remove_suffix(1);
    line.cells.push_back({std::string(piece)});
    out_.lines().push_back(line);
    if (eol == std::string_view::npos) break;
    text.remove_prefix(eol + 1);
  }
  last_end_ = end;
  prev_ = nullptr;
  prev_unary_ = false;
}

}  // namespace strata::format
