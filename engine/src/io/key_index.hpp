// Record keys -> record index, built while the record file loads and read while events join.
//
// Keys are compared by value after parsing with the key field's type, so an int key written
// `007` in an events file matches record `7`. String keys — the usual case — get a table of their
// own tuned for the join, which runs once per event and dominates loading a large events file:
// open addressing over 32-byte slots holding the full 64-bit hash and, for keys up to 16 bytes,
// the key text itself. A look-up is then one cache line (prefetched while the row is parsed)
// instead of a chain of dependent misses through the string pool.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "io/value_parse.hpp"
#include "strata/dataset.hpp"

namespace strata::io {

class KeyIndex {
 public:
  explicit KeyIndex(ValueKind kind = ValueKind::String) : kind_(kind) {}
  ValueKind kind() const { return kind_; }

  // Keys of every kind but String, by parsed value.
  std::optional<std::uint32_t> find(const Scalar& key) const;
  // Adds `key` for `record`; returns the record that already has it, if any.
  std::optional<std::uint32_t> insert(const Scalar& key, std::uint32_t record);

  // String keys by text, with StringPool::hash(text). `stable_text` must outlive the index (the
  // pool's copy of the key does).
  void prefetch(std::uint64_t hash) const;
  void reserve_text(std::size_t keys);
  std::optional<std::uint32_t> find_text(std::string_view text, std::uint64_t hash) const;
  std::optional<std::uint32_t> insert_text(std::string_view stable_text, std::uint64_t hash,
                                           std::uint32_t record);

  // Keys (as written) of record rows that were skipped as bad, with their lines, so that their
  // events can say why they have no record.
  void note_skipped(std::string_view key_text, std::uint64_t line);
  std::optional<std::uint64_t> skipped_line(std::string_view key_text) const;

 private:
  struct RepHash {
    std::size_t operator()(Decimal::Rep v) const {
      auto lo = static_cast<std::uint64_t>(v);
      auto hi = static_cast<std::uint64_t>(v >> 64);
      return std::hash<std::uint64_t>{}(lo ^ (hi * 0x9E3779B97F4A7C15ull));
    }
  };
  struct alignas(32) Slot {
    std::uint64_t hash = 0;
    std::uint32_t record = 0;  // record + 1; 0 marks an empty slot
    std::uint32_t size = 0;
    union {
      char inline_text[16];
      const char* data;
    };
  };
  static constexpr std::size_t kInline = 16;

  Decimal::Rep as_rep(const Scalar& key) const;
  static bool same(const Slot& slot, std::string_view text, std::uint64_t hash);
  void grow(std::size_t min_slots);

  ValueKind kind_;
  std::vector<Slot> slots_;
  std::size_t count_ = 0;
  std::unordered_map<Decimal::Rep, std::uint32_t, RepHash> by_value_;
  std::unordered_map<std::string, std::uint64_t> skipped_;
};

}  // namespace strata::io
