// Parsing one text value as a field's type, independent of any file format.
//
// The CSV and JSON Lines readers, `--param name=value` and single-record input all turn text
// into typed values the same way, with the same messages, so the rules live here once:
//   int       optional sign and digits; a value beyond 64 bits is bad, never wrapped
//   decimal   Decimal::parse (at most 6 places; no thousands separators, no exponent)
//   bool      true/false, yes/no, 1/0 in any letter case
//   string    any valid UTF-8
//   date      YYYY-MM-DD, a real date
//   datetime  YYYY-MM-DDTHH:MM[:SS][Z] (or a space for T); a date alone means midnight
//   duration  a duration literal (90d, 12h, 1d 2h) or a whole number of seconds
//   enum      a member name, exactly
// The empty text is the missing value for every kind (docs/data-input.md).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "strata/dataset.hpp"
#include "strata/diagnostic.hpp"

namespace strata::io {

// One parsed value in its column storage form.
struct Scalar {
  std::int64_t i64 = 0;   // Int, Date, DateTime, Duration; Bool as 0/1; Enum ordinal; String id
  Decimal dec;            // Decimal
  std::string_view text;  // String: the validated text (interned only when stored)
};

enum class ParseStatus : std::uint8_t { Ok, Missing, Bad };

// Parses `text` as `kind`. `enum_members` is needed for Enum only. Never allocates.
ParseStatus parse_value(ValueKind kind, std::string_view text, Scalar& out,
                        const std::vector<std::string>* enum_members = nullptr);

// Why a value cannot be used: the diagnostic code, a reason that says what was found and what was
// expected ("`12.3.4` is not a decimal"), and a suggestion when one is likely.
struct ValueProblem {
  DiagCode code = DiagCode::BadValue;
  std::string reason;
  std::optional<std::string> help;
};

// Parses `text` for `field`: its kind, whether it may be missing, and its declared range.
// Returns false and fills `problem` (when given) for a missing required value (E0304), a value
// that does not parse (E0302) or one outside the range (E0303). A missing optional value is
// accepted: `missing` is set and `out` is left zero.
bool parse_field_value(const FieldSchema& field, std::string_view text, Scalar& out, bool& missing,
                       ValueProblem* problem);

// The reason text for a value of `kind` that did not parse.
std::string bad_value_reason(ValueKind kind, std::string_view text,
                             const std::vector<std::string>* enum_members = nullptr);

// `text` as it should appear in a message: quoted with backticks, cut after 60 bytes.
std::string quote_value(std::string_view text);

// Low-level parsers, exposed for reuse and tests.
bool parse_int64(std::string_view text, std::int64_t& out);
std::optional<bool> parse_bool(std::string_view text);
// Length of the valid UTF-8 prefix of `text` (== text.size() when all of it is valid).
std::size_t valid_utf8_prefix(std::string_view text);

// Appends a value or a missing value as row `row` (== the column's current size) of `column`.
// Strings are interned into `pool` here, unless `scalar.i64` already holds their id
// (`interned`).
void append_value(Column& column, const Scalar& value, StringPool& pool, bool interned = false);
void append_missing(Column& column);

// True when row `row` of `column` holds `value` (strings compare by id, in `value.i64`).
bool equals(const Column& column, std::size_t row, const Scalar& value);

// The text form of one stored value ("" when missing), as a user would write it in data.
std::string format_cell(const Column& column, std::size_t row, const FieldSchema& field,
                        const StringPool* pool);

}  // namespace strata::io
