// The generator's output files: rows formatted by hand into a large buffer written with fwrite.
#pragma once

#include <array>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "strata/time.hpp"

namespace strata::gen {

using timeutil::Civil;
using timeutil::civil_from_days;
using timeutil::kSecondsPerDay;

// A file written through a large buffer. Every append assumes room for one row; the caller
// calls row_done() after each row, which flushes when the buffer is nearly full.
class Output {
 public:
  static constexpr std::size_t kCapacity = 1 << 22;
  static constexpr std::size_t kRowReserve = 1 << 12;  // far more than any generated row

  Output(std::string path) : path_(std::move(path)), buffer_(kCapacity) {
    file_ = std::fopen(path_.c_str(), "wb");
    if (file_ == nullptr) fail("cannot create");
  }
  Output(const Output&) = delete;
  Output& operator=(const Output&) = delete;
  ~Output() {
    if (file_ != nullptr) std::fclose(file_);
  }

  void text(std::string_view s) {
    std::copy(s.begin(), s.end(), buffer_.data() + used_);
    used_ += s.size();
  }
  void ch(char c) { buffer_[used_++] = c; }
  void uint(std::uint64_t v) {
    char tmp[20];
    int n = 0;
    do {
      tmp[n++] = static_cast<char>('0' + v % 10);
      v /= 10;
    } while (v != 0);
    while (n > 0) buffer_[used_++] = tmp[--n];
  }
  // Zero-padded to `width` digits (wider values are written in full).
  void padded(std::uint64_t v, int width) {
    char tmp[20];
    int n = 0;
    do {
      tmp[n++] = static_cast<char>('0' + v % 10);
      v /= 10;
    } while (v != 0);
    while (n < width) tmp[n++] = '0';
    while (n > 0) buffer_[used_++] = tmp[--n];
  }
  // Exactly two digits, 0..99.
  void two(unsigned v) {
    buffer_[used_++] = static_cast<char>('0' + v / 10);
    buffer_[used_++] = static_cast<char>('0' + v % 10);
  }
  // An amount of cents as a decimal with exactly two places: 123456 -> "1234.56".
  void cents(std::int64_t v) {
    if (v < 0) {
      ch('-');
      v = -v;
    }
    uint(static_cast<std::uint64_t>(v / 100));
    ch('.');
    two(static_cast<unsigned>(v % 100));
  }
  // Orders are written in time order, so consecutive rows often share a day: keep its text.
  void date(std::int64_t days) {
    if (days != cached_day_) {
      const Civil c = civil_from_days(days);
      const auto year = static_cast<unsigned>(c.year);
      char* d = cached_date_.data();
      d[0] = static_cast<char>('0' + year / 1000 % 10);
      d[1] = static_cast<char>('0' + year / 100 % 10);
      d[2] = static_cast<char>('0' + year / 10 % 10);
      d[3] = static_cast<char>('0' + year % 10);
      d[4] = '-';
      d[5] = static_cast<char>('0' + c.month / 10);
      d[6] = static_cast<char>('0' + c.month % 10);
      d[7] = '-';
      d[8] = static_cast<char>('0' + c.day / 10);
      d[9] = static_cast<char>('0' + c.day % 10);
      cached_day_ = days;
    }
    text(std::string_view(cached_date_.data(), cached_date_.size()));
  }
  void datetime(std::int64_t seconds) {
    const std::int64_t days = seconds / kSecondsPerDay;  // generated times are after 1970
    const auto rest = static_cast<unsigned>(seconds % kSecondsPerDay);
    date(days);
    ch('T');
    two(rest / 3600);
    ch(':');
    two(rest / 60 % 60);
    ch(':');
    two(rest % 60);
  }
  // A CSV field quoted as RFC 4180 asks: only when it holds a comma, quote or line break, with
  // quotes doubled.
  void csv_field(std::string_view s) {
    if (s.find_first_of(",\"\r\n") == std::string_view::npos) return text(s);
    ch('"');
    for (char c : s) {
      if (c == '"') ch('"');
      ch(c);
    }
    ch('"');
  }
  void row_done() {
    ch('\n');
    ++rows_;
    if (used_ > kCapacity - kRowReserve) flush();
  }
  void close() {
    flush();
    if (std::fclose(file_) != 0) fail("cannot finish writing");
    file_ = nullptr;
  }
  std::uint64_t rows() const { return rows_; }
  std::uint64_t bytes() const { return bytes_; }

 private:
  void flush() {
    if (used_ != 0 && std::fwrite(buffer_.data(), 1, used_, file_) != used_) fail("cannot write");
    bytes_ += used_;
    used_ = 0;
  }
  [[noreturn]] void fail(const char* what) const {
    fmt::print(stderr, "strata_gen: {} {}\n", what, path_);
    std::exit(1);
  }

  std::string path_;
  std::FILE* file_ = nullptr;
  std::vector<char> buffer_;
  std::size_t used_ = 0;
  std::uint64_t rows_ = 0;
  std::uint64_t bytes_ = 0;
  std::int64_t cached_day_ = -1;
  std::array<char, 10> cached_date_{};
};

}  // namespace strata::gen
