// CSV scanning (see csv_reader.hpp for the accepted format).
//
// Line numbers are physical: a quoted field with line breaks makes its row span several lines,
// and the next row's number counts them, so a message always points at the line an editor shows.
#include "io/csv_reader.hpp"

#include <algorithm>
#include <cstring>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace strata::io {

namespace {

std::size_t count_newlines(const char* begin, const char* end) {
  return static_cast<std::size_t>(std::count(begin, end, '\n'));
}

std::string describe_char(char c) {
  if (c == ' ') return "a space";
  if (c == '\t') return "a tab";
  if (c == '"') return "a quote";
  return "`" + std::string(1, c) + "`";
}

// Splits the line at `p` at its commas when it has no quote. Returns false as soon as a quote
// shows up (the caller then takes the careful path); `line_end` is the '\n' or the file end.
bool split_simple(const char* p, const char* end, std::vector<std::string_view>& fields,
                  const char*& line_end) {
  const char* field = p;
#if defined(__SSE2__)
  // Sixteen bytes at a time: one compare per special character, then walk the comma bits.
  const __m128i comma = _mm_set1_epi8(',');
  const __m128i newline = _mm_set1_epi8('\n');
  const __m128i quote = _mm_set1_epi8('"');
  while (end - p >= 16) {
    __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    auto commas = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(v, comma)));
    auto newlines = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(v, newline)));
    auto quotes = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(v, quote)));
    unsigned before = newlines != 0 ? (newlines & (0u - newlines)) - 1 : 0xFFFFu;
    if ((quotes & before) != 0) return false;
    commas &= before;
    while (commas != 0) {
      const char* c = p + __builtin_ctz(commas);
      fields.emplace_back(field, static_cast<std::size_t>(c - field));
      field = c + 1;
      commas &= commas - 1;
    }
    if (newlines != 0) {
      line_end = p + __builtin_ctz(newlines);
      fields.emplace_back(field, static_cast<std::size_t>(line_end - field));
      return true;
    }
    p += 16;
  }
#endif
  for (; p < end && *p != '\n'; ++p) {
    if (*p == '"') return false;
    if (*p == ',') {
      fields.emplace_back(field, static_cast<std::size_t>(p - field));
      field = p + 1;
    }
  }
  line_end = p;
  fields.emplace_back(field, static_cast<std::size_t>(p - field));
  return true;
}

}  // namespace

CsvReader::CsvReader(std::string_view data) : data_(data) {
  if (data_.substr(0, 3) == "\xEF\xBB\xBF") pos_ = 3;
}

bool CsvReader::read_header(std::string& reason) {
  RawRow row;
  RowStatus status = split_row(row, reason);
  if (status == RowStatus::End) {
    reason = "the file is empty: a header row naming the columns is required";
    return false;
  }
  header_line_ = row.line;
  if (status == RowStatus::Malformed) {
    reason = "malformed header row: " + reason;
    return false;
  }
  names_.assign(row.fields.begin(), row.fields.end());
  return true;
}

RowStatus CsvReader::next(RawRow& row, std::string& reason) {
  RowStatus status = split_row(row, reason);
  if (status == RowStatus::Row && row.fields.size() != names_.size()) {
    reason = "the row has " + std::to_string(row.fields.size()) +
             (row.fields.size() == 1 ? " field" : " fields") + " but the header has " +
             std::to_string(names_.size());
    row.bad_column = 0;
    return RowStatus::Malformed;
  }
  return status;
}

RowStatus CsvReader::split_row(RawRow& row, std::string& reason) {
  const char* base = data_.data();
  const std::size_t size = data_.size();
  // Blank lines (LF or CRLF alone) carry no row.
  while (pos_ < size) {
    if (base[pos_] == '\n') {
      ++pos_;
    } else if (base[pos_] == '\r' && pos_ + 1 < size && base[pos_ + 1] == '\n') {
      pos_ += 2;
    } else {
      break;
    }
    ++line_;
  }
  if (pos_ >= size) return RowStatus::End;
  row.line = line_;
  row.bad_column = 0;
  row.fields.clear();
  const char* start = base + pos_;
  const char* line_end = nullptr;
  if (!split_simple(start, base + size, row.fields, line_end)) {
    row.fields.clear();
    return split_quoted(row, reason);
  }
  const char* newline = line_end < base + size ? line_end : nullptr;
  const char* content_end = line_end;
  if (content_end > start && content_end[-1] == '\r') {
    --content_end;
    std::string_view& last = row.fields.back();
    if (!last.empty()) last.remove_suffix(1);
  }
  row.raw = std::string_view(start, static_cast<std::size_t>(content_end - start));
  pos_ = newline ? static_cast<std::size_t>(newline - base) + 1 : size;
  ++line_;
  return RowStatus::Row;
}

RowStatus CsvReader::split_quoted(RawRow& row, std::string& reason) {
  const char* base = data_.data();
  const char* end = base + data_.size();
  const char* start = base + pos_;
  const char* p = start;
  scratch_.clear();
  pieces_.clear();
  std::size_t extra_lines = 0;    // line breaks inside quoted fields
  const char* row_end = nullptr;  // end of the row's text, before its line end
  bool malformed = false;
  while (true) {
    if (p < end && *p == '"') {
      const char* open = p;
      const char* segment = ++p;
      bool copied = false;
      std::size_t copy_start = scratch_.size();
      const char* close = nullptr;
      while (true) {
        const auto* q =
            static_cast<const char*>(std::memchr(p, '"', static_cast<std::size_t>(end - p)));
        if (q == nullptr) break;
        if (q + 1 < end && q[1] == '"') {  // "" is one quote
          scratch_.append(segment, static_cast<std::size_t>(q + 1 - segment));
          copied = true;
          p = q + 2;
          segment = p;
          continue;
        }
        close = q;
        break;
      }
      if (close == nullptr) {
        reason = "the quoted field " + std::to_string(pieces_.size() + 1) +
                 " is never closed (a quote is missing)";
        row.bad_column = static_cast<std::uint32_t>(pieces_.size() + 1);
        extra_lines += count_newlines(open, end);
        row.raw = std::string_view(start, static_cast<std::size_t>(end - start));
        pos_ = data_.size();
        line_ += extra_lines + 1;
        return RowStatus::Malformed;
      }
      extra_lines += count_newlines(open, close);
      if (copied) {
        scratch_.append(segment, static_cast<std::size_t>(close - segment));
        pieces_.push_back({copy_start, scratch_.size() - copy_start, true});
      } else {
        pieces_.push_back({static_cast<std::size_t>(open + 1 - base),
                           static_cast<std::size_t>(close - open - 1), false});
      }
      p = close + 1;
      bool at_row_end = p == end || *p == '\n' || (*p == '\r' && (p + 1 == end || p[1] == '\n'));
      if (!at_row_end && *p != ',') {
        reason = "unexpected " + describe_char(*p) + " after the closing quote of field " +
                 std::to_string(pieces_.size());
        row.bad_column = static_cast<std::uint32_t>(pieces_.size());
        malformed = true;
        // Resynchronise at the next line end.
        const auto* nl =
            static_cast<const char*>(std::memchr(p, '\n', static_cast<std::size_t>(end - p)));
        p = nl ? nl : end;
        row_end = p > start && p[-1] == '\r' ? p - 1 : p;
        break;
      }
      if (at_row_end) {
        row_end = p;
        if (p < end && *p == '\r') ++p;
        break;
      }
      ++p;  // the comma
    } else {
      const char* field = p;
      while (p < end && *p != ',' && *p != '\n') ++p;
      const char* field_end = p;
      bool last = p == end || *p == '\n';
      if (last && field_end > field && field_end[-1] == '\r') --field_end;
      pieces_.push_back({static_cast<std::size_t>(field - base),
                         static_cast<std::size_t>(field_end - field), false});
      if (last) {
        row_end = field_end;
        break;
      }
      ++p;  // the comma
    }
  }
  // p is at the row's line end (or the file end).
  row.raw = std::string_view(start, static_cast<std::size_t>(row_end - start));
  pos_ = p < end ? static_cast<std::size_t>(p - base) + 1 : data_.size();
  line_ += extra_lines + 1;
  if (malformed) return RowStatus::Malformed;
  for (const Piece& piece : pieces_) {
    const char* from = piece.copied ? scratch_.data() : base;
    row.fields.emplace_back(from + piece.offset, piece.size);
  }
  return RowStatus::Row;
}

}  // namespace strata::io
