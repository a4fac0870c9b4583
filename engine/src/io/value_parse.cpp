// Typed value parsing and the reasons given when a value is bad (see value_parse.hpp).
//
// The success path allocates nothing and makes one pass over the text; messages are only built
// once a value has failed, so a million good rows pay nothing for good error reporting.
#include "io/value_parse.hpp"

#include <cstring>

#include "strata/time.hpp"

namespace strata::io {

namespace {

char lower(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (lower(a[i]) != b[i]) return false;
  }
  return true;
}

std::string_view article_kind(ValueKind kind) {
  switch (kind) {
    case ValueKind::Int:
      return "an int";
    case ValueKind::Decimal:
      return "a decimal";
    case ValueKind::Bool:
      return "a bool";
    case ValueKind::String:
      return "a string";
    case ValueKind::Date:
      return "a date";
    case ValueKind::DateTime:
      return "a datetime";
    case ValueKind::Duration:
      return "a duration";
    case ValueKind::Enum:
      return "an enum member";
  }
  return "a value";
}

std::string join_members(const std::vector<std::string>& members) {
  std::string out;
  for (std::size_t i = 0; i < members.size(); ++i) {
    if (i != 0) out += ", ";
    out += members[i];
  }
  return out;
}

}  // namespace

bool parse_int64(std::string_view text, std::int64_t& out) {
  const char* p = text.data();
  const char* end = p + text.size();
  bool negative = false;
  if (p != end && (*p == '-' || *p == '+')) negative = *p++ == '-';
  if (p == end) return false;
  // Accumulate the magnitude in unsigned arithmetic so that INT64_MIN parses too.
  std::uint64_t magnitude = 0;
  constexpr std::uint64_t kLimit = std::uint64_t(1) << 63;
  for (; p != end; ++p) {
    auto digit = static_cast<unsigned>(*p - '0');
    if (digit > 9) return false;
    if (magnitude > (kLimit - digit) / 10) return false;
    magnitude = magnitude * 10 + digit;
  }
  if (!negative && magnitude == kLimit) return false;
  out = negative ? static_cast<std::int64_t>(0 - magnitude) : static_cast<std::int64_t>(magnitude);
  return true;
}

std::optional<bool> parse_bool(std::string_view text) {
  if (text == "1" || iequals(text, "true") || iequals(text, "yes")) return true;
  if (text == "0" || iequals(text, "false") || iequals(text, "no")) return false;
  return std::nullopt;
}

std::size_t valid_utf8_prefix(std::string_view text) {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  std::size_t n = text.size();
  std::size_t i = 0;
  while (i < n) {
    // ASCII runs, eight bytes at a time.
    while (i + 8 <= n) {
      std::uint64_t word;
      std::memcpy(&word, s + i, 8);
      if (word & 0x8080808080808080ull) break;
      i += 8;
    }
    if (i >= n) break;
    unsigned char c = s[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    std::size_t len;
    std::uint32_t cp;
    if (c >= 0xC2 && c <= 0xDF) {
      len = 2, cp = c & 0x1Fu;
    } else if (c >= 0xE0 && c <= 0xEF) {
      len = 3, cp = c & 0x0Fu;
    } else if (c >= 0xF0 && c <= 0xF4) {
      len = 4, cp = c & 0x07u;
    } else {
      return i;  // a continuation byte, an overlong lead (C0, C1) or F5..FF
    }
    if (i + len > n) return i;
    for (std::size_t k = 1; k < len; ++k) {
      if ((s[i + k] & 0xC0u) != 0x80u) return i;
      cp = (cp << 6) | (s[i + k] & 0x3Fu);
    }
    // Overlong forms, UTF-16 surrogates and code points past U+10FFFF are not UTF-8.
    if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
        (cp >= 0xD800 && cp <= 0xDFFF)) {
      return i;
    }
    i += len;
  }
  return n;
}

ParseStatus parse_value(ValueKind kind, std::string_view text, Scalar& out,
                        const std::vector<std::string>* enum_members) {
  if (text.empty()) return ParseStatus::Missing;
  switch (kind) {
    case ValueKind::Int:
      return parse_int64(text, out.i64) ? ParseStatus::Ok : ParseStatus::Bad;
    case ValueKind::Decimal: {
      auto d = Decimal::parse(text);
      if (!d) return ParseStatus::Bad;
      out.dec = *d;
      return ParseStatus::Ok;
    }
    case ValueKind::Bool: {
      auto b = parse_bool(text);
      if (!b) return ParseStatus::Bad;
      out.i64 = *b ? 1 : 0;
      return ParseStatus::Ok;
    }
    case ValueKind::String:
      if (valid_utf8_prefix(text) != text.size()) return ParseStatus::Bad;
      out.text = text;
      return ParseStatus::Ok;
    case ValueKind::Date: {
      auto d = timeutil::parse_date(text);
      if (!d) return ParseStatus::Bad;
      out.i64 = *d;
      return ParseStatus::Ok;
    }
    case ValueKind::DateTime: {
      auto t = text.size() == 10 ? timeutil::parse_date(text) : timeutil::parse_datetime(text);
      if (!t) return ParseStatus::Bad;
      out.i64 = text.size() == 10 ? *t * timeutil::kSecondsPerDay : *t;
      return ParseStatus::Ok;
    }
    case ValueKind::Duration: {
      if (parse_int64(text, out.i64)) return ParseStatus::Ok;
      auto d = timeutil::parse_duration(text);
      if (!d) return ParseStatus::Bad;
      out.i64 = *d;
      return ParseStatus::Ok;
    }
    case ValueKind::Enum:
      if (enum_members == nullptr) return ParseStatus::Bad;
      for (std::size_t i = 0; i < enum_members->size(); ++i) {
        if ((*enum_members)[i] == text) {
          out.i64 = static_cast<std::int64_t>(i);
          return ParseStatus::Ok;
        }
      }
      return ParseStatus::Bad;
  }
  return ParseStatus::Bad;
}

std::string quote_value(std::string_view text) {
  constexpr std::size_t kMax = 60;
  if (text.size() <= kMax) return "`" + std::string(text) + "`";
  std::size_t cut = kMax;
  // Do not cut a UTF-8 sequence in half.
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0u) == 0x80u) --cut;
  return "`" + std::string(text.substr(0, cut)) + "...`";
}

std::string bad_value_reason(ValueKind kind, std::string_view text,
                             const std::vector<std::string>* enum_members) {
  std::string shown = quote_value(text);
  switch (kind) {
    case ValueKind::Int: {
      std::string_view digits = text.substr(!text.empty() && (text[0] == '-' || text[0] == '+'));
      bool all_digits = !digits.empty() && digits.find_first_not_of("0123456789") == digits.npos;
      if (all_digits) return shown + " does not fit in a 64-bit int";
      return shown + " is not an int";
    }
    case ValueKind::Decimal: {
      std::size_t dot = text.find('.');
      if (text.find(',') != text.npos) {
        return shown + " is not a decimal (thousands separators are not accepted)";
      }
      if (dot != text.npos && text.size() - dot - 1 > 6 &&
          Decimal::parse(text.substr(0, dot + 7)).has_value() &&
          text.find_first_not_of("0123456789", dot + 1) == text.npos) {
        return shown + " has more than 6 decimal places";
      }
      return shown + " is not a decimal";
    }
    case ValueKind::Bool:
      return shown + " is not a bool (expected true/false, yes/no or 1/0)";
    case ValueKind::String: {
      std::size_t at = valid_utf8_prefix(text);
      if (at == text.size()) return shown + " is not a string";  // not reached for real input
      char byte[8];
      std::snprintf(byte, sizeof byte, "0x%02X", static_cast<unsigned char>(text[at]));
      return "the text is not valid UTF-8 (byte " + std::string(byte) + " at offset " +
             std::to_string(at) + ")";
    }
    case ValueKind::Date:
      if (text.size() == 10 && text[4] == '-' && text[7] == '-') {
        return shown + " is not a real date";
      }
      return shown + " is not a date (expected YYYY-MM-DD)";
    case ValueKind::DateTime:
      return shown + " is not a datetime (expected YYYY-MM-DDTHH:MM[:SS] or YYYY-MM-DD)";
    case ValueKind::Duration:
      return shown + " is not a duration (expected e.g. 90d, 12h, 30min, or whole seconds)";
    case ValueKind::Enum: {
      std::string members = enum_members ? join_members(*enum_members) : std::string();
      return shown + " is not one of " + members;
    }
  }
  return shown + " is not " + std::string(article_kind(kind));
}

bool parse_field_value(const FieldSchema& field, std::string_view text, Scalar& out, bool& missing,
                       ValueProblem* problem) {
  missing = false;
  ParseStatus status = parse_value(field.kind, text, out, &field.enum_members);
  if (status == ParseStatus::Missing) {
    missing = true;
    out = Scalar{};
    if (field.optional) return true;
    if (problem) {
      problem->code = DiagCode::MissingValue;
      problem->reason = "missing value for required field `" + field.name + "` (" +
                        std::string(article_kind(field.kind)) + " is expected)";
      problem->help.reset();
    }
    return false;
  }
  if (status == ParseStatus::Bad) {
    if (problem) {
      problem->code = DiagCode::BadValue;
      problem->reason = bad_value_reason(field.kind, text, &field.enum_members);
      problem->help.reset();
      if (field.kind == ValueKind::Enum) {
        if (auto near = closest_name(text, field.enum_members)) {
          problem->help = "did you mean `" + *near + "`?";
          problem->reason += " (did you mean `" + *near + "`?)";
        }
      }
    }
    return false;
  }
  if (field.range_low || field.range_high) {
    Decimal value = field.kind == ValueKind::Int ? Decimal::from_int(out.i64) : out.dec;
    bool is_number = field.kind == ValueKind::Int || field.kind == ValueKind::Decimal;
    if (is_number && ((field.range_low && value < *field.range_low) ||
                      (field.range_high && value > *field.range_high))) {
      if (problem) {
        problem->code = DiagCode::OutOfRange;
        std::string low = field.range_low ? field.range_low->to_string() : "";
        std::string high = field.range_high ? field.range_high->to_string() : "";
        problem->reason = quote_value(text) + " is outside the declared range " + low + ".." + high;
        problem->help.reset();
      }
      return false;
    }
  }
  return true;
}

}  // namespace strata::io
