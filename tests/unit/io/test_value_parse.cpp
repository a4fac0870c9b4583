// Text -> typed value for each field type, and the reasons given for bad values.
#include <catch2/catch.hpp>

#include "io/value_parse.hpp"
#include "strata/time.hpp"

using namespace strata;
using io::ParseStatus;

namespace {

const std::vector<std::string> kColours = {"red", "green", "blue"};

// "ok:<value>" / "missing" / "bad", with the value printed per kind.
std::string parse(ValueKind kind, std::string_view text) {
  io::Scalar s;
  ParseStatus status = io::parse_value(kind, text, s, &kColours);
  if (status == ParseStatus::Missing) return "missing";
  if (status == ParseStatus::Bad) return "bad";
  switch (kind) {
    case ValueKind::Decimal:
      return "ok:" + s.dec.to_string();
    case ValueKind::String:
      return "ok:" + std::string(s.text);
    case ValueKind::Date:
      return "ok:" + timeutil::format_date(s.i64);
    case ValueKind::DateTime:
      return "ok:" + timeutil::format_datetime(s.i64);
    default:
      return "ok:" + std::to_string(s.i64);
  }
}

}  // namespace

TEST_CASE("value parse: every kind", "[io][value]") {
  auto [kind, text, expected] = GENERATE(table<ValueKind, std::string, std::string>({
      {ValueKind::Int, "42", "ok:42"},
      {ValueKind::Int, "-7", "ok:-7"},
      {ValueKind::Int, "+7", "ok:7"},
      {ValueKind::Int, "9223372036854775807", "ok:9223372036854775807"},
      {ValueKind::Int, "-9223372036854775808", "ok:-9223372036854775808"},
      {ValueKind::Int, "9223372036854775808", "bad"},
      {ValueKind::Int, "1_000", "bad"},
      {ValueKind::Int, "1.0", "bad"},
      {ValueKind::Int, " 1", "bad"},
      {ValueKind::Int, "-", "bad"},
      {ValueKind::Int, "", "missing"},
      {ValueKind::Decimal, "0.1", "ok:0.1"},
      {ValueKind::Decimal, "-12.50", "ok:-12.5"},
      {ValueKind::Decimal, "1,000.00", "bad"},
      {ValueKind::Decimal, "1_000", "bad"},
      {ValueKind::Decimal, "12.3.4", "bad"},
      {ValueKind::Decimal, "0.0000001", "bad"},
      {ValueKind::Decimal, "", "missing"},
      {ValueKind::Bool, "true", "ok:1"},
      {ValueKind::Bool, "TRUE", "ok:1"},
      {ValueKind::Bool, "Yes", "ok:1"},
      {ValueKind::Bool, "1", "ok:1"},
      {ValueKind::Bool, "False", "ok:0"},
      {ValueKind::Bool, "no", "ok:0"},
      {ValueKind::Bool, "0", "ok:0"},
      {ValueKind::Bool, "y", "bad"},
      {ValueKind::Bool, "2", "bad"},
      {ValueKind::String, "客户 A", "ok:客户 A"},
      {ValueKind::String, " padded ", "ok: padded "},
      {ValueKind::String, "bad\xFFutf8", "bad"},
      {ValueKind::String, "\xC0\xAF", "bad"},      // overlong
      {ValueKind::String, "\xED\xA0\x80", "bad"},  // surrogate
      {ValueKind::String, "\xE4\xB8", "bad"},      // truncated
      {ValueKind::String, "\xF0\x9F\x98\x80", "ok:\xF0\x9F\x98\x80"},
      {ValueKind::Date, "2024-02-29", "ok:2024-02-29"},
      {ValueKind::Date, "2026-02-29", "bad"},
      {ValueKind::Date, "2026/01/01", "bad"},
      {ValueKind::DateTime, "2026-11-25T09:30:00", "ok:2026-11-25T09:30:00"},
      {ValueKind::DateTime, "2026-11-25 09:30", "ok:2026-11-25T09:30:00"},
      {ValueKind::DateTime, "2026-11-25T09:30:00Z", "ok:2026-11-25T09:30:00"},
      {ValueKind::DateTime, "2026-11-25", "ok:2026-11-25T00:00:00"},
      {ValueKind::DateTime, "2026-11-25T25:00", "bad"},
      {ValueKind::Duration, "90d", "ok:7776000"},
      {ValueKind::Duration, "1d 2h", "ok:93600"},
      {ValueKind::Duration, "3600", "ok:3600"},
      {ValueKind::Duration, "-60", "ok:-60"},
      {ValueKind::Duration, "5 days", "bad"},
      {ValueKind::Enum, "green", "ok:1"},
      {ValueKind::Enum, "Green", "bad"},
      {ValueKind::Enum, "purple", "bad"},
  }));
  CAPTURE(value_kind_name(kind), text);
  CHECK(parse(kind, text) == expected);
}

TEST_CASE("value parse: reasons for bad values", "[io][value]") {
  auto [kind, text, reason] = GENERATE(table<ValueKind, std::string, std::string>({
      {ValueKind::Int, "abc", "`abc` is not an int"},
      {ValueKind::Int, "99999999999999999999",
       "`99999999999999999999` does not fit in a 64-bit int"},
      {ValueKind::Decimal, "12.3.4", "`12.3.4` is not a decimal"},
      {ValueKind::Decimal, "1,000",
       "`1,000` is not a decimal (thousands separators are not accepted)"},
      {ValueKind::Decimal, "0.1234567", "`0.1234567` has more than 6 decimal places"},
      {ValueKind::Bool, "maybe", "`maybe` is not a bool (expected true/false, yes/no or 1/0)"},
      {ValueKind::String, "ab\xFF", "the text is not valid UTF-8 (byte 0xFF at offset 2)"},
      {ValueKind::Date, "2026-02-30", "`2026-02-30` is not a real date"},
      {ValueKind::Date, "30.01.2026", "`30.01.2026` is not a date (expected YYYY-MM-DD)"},
      {ValueKind::DateTime, "noon",
       "`noon` is not a datetime (expected YYYY-MM-DDTHH:MM[:SS] or YYYY-MM-DD)"},
      {ValueKind::Duration, "5x",
       "`5x` is not a duration (expected e.g. 90d, 12h, 30min, or whole seconds)"},
      {ValueKind::Enum, "purple", "`purple` is not one of red, green, blue"},
  }));
  CHECK(io::bad_value_reason(kind, text, &kColours) == reason);
}

TEST_CASE("value parse: long values are cut in messages", "[io][value]") {
  std::string long_text(100, 'x');
  CHECK(io::quote_value(long_text) == "`" + std::string(60, 'x') + "...`");
  // 20 three-byte characters = 60 bytes: kept whole; 21 are cut at a character boundary.
  std::string chinese;
  for (int i = 0; i < 21; ++i) chinese += "中";
  CHECK(io::quote_value(chinese) == "`" + chinese.substr(0, 60) + "...`");
}

TEST_CASE("value parse: field rules (presence, range, enum suggestions)", "[io][value]") {
  FieldSchema nps;
  nps.name = "nps";
  nps.kind = ValueKind::Int;
  nps.range_low = Decimal::from_int(0);
  nps.range_high = Decimal::from_int(10);
  io::Scalar s;
  bool missing = false;
  io::ValueProblem problem;
  CHECK(io::parse_field_value(nps, "10", s, missing, &problem));
  CHECK(s.i64 == 10);
  CHECK_FALSE(io::parse_field_value(nps, "11", s, missing, &problem));
  CHECK(problem.code == DiagCode::OutOfRange);
  CHECK(problem.reason == "`11` is outside the declared range 0..10");
  CHECK_FALSE(io::parse_field_value(nps, "", s, missing, &problem));
  CHECK(problem.code == DiagCode::MissingValue);
  CHECK(problem.reason == "missing value for required field `nps` (an int is expected)");
  nps.optional = true;
  CHECK(io::parse_field_value(nps, "", s, missing, &problem));
  CHECK(missing);

  FieldSchema ratio;
  ratio.name = "ratio";
  ratio.kind = ValueKind::Decimal;
  ratio.range_low = Decimal::parse("-0.5");
  ratio.range_high = Decimal::parse("0.5");
  CHECK(io::parse_field_value(ratio, "-0.5", s, missing, &problem));
  CHECK_FALSE(io::parse_field_value(ratio, "0.500001", s, missing, &problem));
  CHECK(problem.reason == "`0.500001` is outside the declared range -0.5..0.5");

  FieldSchema industry;
  industry.name = "industry";
  industry.kind = ValueKind::Enum;
  industry.enum_members = {"ict", "retail", "logistics"};
  CHECK_FALSE(io::parse_field_value(industry, "retial", s, missing, &problem));
  CHECK(problem.code == DiagCode::BadValue);
  CHECK(problem.reason == "`retial` is not one of ict, retail, logistics (did you mean `retail`?)");
  CHECK(problem.help == "did you mean `retail`?");
  CHECK_FALSE(io::parse_field_value(industry, "aerospace", s, missing, &problem));
  CHECK(problem.reason == "`aerospace` is not one of ict, retail, logistics");
  CHECK_FALSE(problem.help.has_value());
}
