// Decimal text: parsing and the two printed forms.
//
// Parsing is on the data-loading hot path (one call per decimal field), so it is a hand-written
// scan that accumulates in 64 bits while that cannot overflow and only then switches to 128 bits;
// it allocates nothing. The accepted syntax is deliberately narrow — sign, digits, an optional
// fraction of at most 6 digits — so that "1,000", "1e5" and ".5" are reported as bad values
// instead of being guessed at (docs/decimal.md).
#include <cstring>

#include "strata/decimal.hpp"
#include "value/int128.hpp"

namespace strata {

namespace {

using Rep = Decimal::Rep;
using value::U128;

constexpr bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

// Accumulates digits of [p, end) into `acc` until a non-digit; returns the stop position or
// nullptr on overflow or on a misplaced underscore. `count` receives the number of digits read.
const char* scan_digits(const char* p, const char* end, bool allow_underscores, U128& acc,
                        int& count) {
  constexpr U128 kLimit = static_cast<U128>(value::kRepMax) + 1;  // magnitude of the minimum
  count = 0;
  // 64-bit phase: up to 18 digits can never overflow a uint64.
  std::uint64_t small = 0;
  while (p != end && count < 18) {
    char c = *p;
    if (is_digit(c)) {
      small = small * 10 + static_cast<std::uint64_t>(c - '0');
      ++count;
      ++p;
    } else if (c == '_' && allow_underscores) {
      if (count == 0 || p + 1 == end || !is_digit(p[1]) || !is_digit(p[-1])) return nullptr;
      ++p;
    } else {
      break;
    }
  }
  acc = small;
  while (p != end) {
    char c = *p;
    if (is_digit(c)) {
      acc = acc * 10 + static_cast<unsigned>(c - '0');
      if (acc > kLimit) return nullptr;
      ++count;
      ++p;
    } else if (c == '_' && allow_underscores) {
      if (count == 0 || p + 1 == end || !is_digit(p[1]) || !is_digit(p[-1])) return nullptr;
      ++p;
    } else {
      break;
    }
  }
  return p;
}

}  // namespace

std::optional<Decimal> Decimal::parse(std::string_view text, bool allow_underscores) {
  const char* p = text.data();
  const char* end = p + text.size();
  bool negative = false;
  if (p != end && (*p == '-' || *p == '+')) {
    negative = *p == '-';
    ++p;
  }
  if (p == end || !is_digit(*p)) return std::nullopt;
  U128 whole = 0;
  int whole_digits = 0;
  p = scan_digits(p, end, allow_underscores, whole, whole_digits);
  if (p == nullptr) return std::nullopt;
  U128 frac = 0;
  int frac_digits = 0;
  if (p != end && *p == '.') {
    ++p;
    if (p == end || !is_digit(*p)) return std::nullopt;
    const char* stop = scan_digits(p, end, allow_underscores, frac, frac_digits);
    if (stop == nullptr || frac_digits > kScale) return std::nullopt;
    p = stop;
  }
  if (p != end) return std::nullopt;
  // whole * 10^6 + frac * 10^(6 - frac_digits), with the overflow check against 2^127 so that
  // the most negative value still parses.
  constexpr U128 kLimit = static_cast<U128>(value::kRepMax) + 1;
  if (whole > kLimit / kOne) return std::nullopt;
  U128 units = whole * kOne + frac * static_cast<U128>(value::pow10(kScale - frac_digits));
  if (units > kLimit || (!negative && units == kLimit)) return std::nullopt;
  return from_units(negative ? value::negate_magnitude(units) : static_cast<Rep>(units));
}

std::string Decimal::to_string() const {
  char buf[48];
  char* end = buf + sizeof buf;
  U128 m = value::magnitude(units_);
  U128 whole = m / kOne;
  auto frac = static_cast<std::uint32_t>(m % kOne);
  char* p = end;
  if (frac != 0) {
    // Six fraction digits, then drop the trailing zeros: the shortest exact form.
    char digits[6];
    for (int i = 5; i >= 0; --i) {
      digits[i] = static_cast<char>('0' + frac % 10);
      frac /= 10;
    }
    int len = 6;
    while (digits[len - 1] == '0') --len;
    p -= len;
    std::memcpy(p, digits, static_cast<std::size_t>(len));
    *--p = '.';
  }
  p = value::write_digits(whole, p);
  if (units_ < 0) *--p = '-';
  return std::string(p, end);
}

std::string Decimal::to_display(int min_places) const {
  if (min_places < 0) min_places = 0;
  if (min_places > kScale) min_places = kScale;
  U128 m = value::magnitude(units_);
  char digits[40];
  char* digits_end = digits + sizeof digits;
  char* first = value::write_digits(m / kOne, digits_end);
  auto count = static_cast<std::size_t>(digits_end - first);
  std::string out;
  out.reserve(count + count / 3 + 10);
  if (units_ < 0) out.push_back('-');
  for (std::size_t i = 0; i < count; ++i) {
    if (i != 0 && (count - i) % 3 == 0) out.push_back(',');
    out.push_back(first[i]);
  }
  auto frac = static_cast<std::uint32_t>(m % kOne);
  char frac_digits[6];
  for (int i = 5; i >= 0; --i) {
    frac_digits[i] = static_cast<char>('0' + frac % 10);
    frac /= 10;
  }
  int len = 6;
  while (len > min_places && frac_digits[len - 1] == '0') --len;
  if (len > 0) {
    out.push_back('.');
    out.append(frac_digits, static_cast<std::size_t>(len));
  }
  return out;
}

}  // namespace strata
