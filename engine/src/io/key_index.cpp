// The record-key index (see key_index.hpp).
#include "io/key_index.hpp"

#include <cstring>

#include "io/memory_hint.hpp"

namespace strata::io {

Decimal::Rep KeyIndex::as_rep(const Scalar& key) const {
  return kind_ == ValueKind::Decimal ? key.dec.units() : Decimal::Rep(key.i64);
}

std::optional<std::uint32_t> KeyIndex::find(const Scalar& key) const {
  auto it = by_value_.find(as_rep(key));
  if (it == by_value_.end()) return std::nullopt;
  return it->second;
}

std::optional<std::uint32_t> KeyIndex::insert(const Scalar& key, std::uint32_t record) {
  auto [it, inserted] = by_value_.emplace(as_rep(key), record);
  if (!inserted) return it->second;
  return std::nullopt;
}

bool KeyIndex::same(const Slot& slot, std::string_view text, std::uint64_t hash) {
  if (slot.hash != hash || slot.size != text.size()) return false;
  const char* stored = text.size() <= kInline ? slot.inline_text : slot.data;
  return std::memcmp(stored, text.data(), text.size()) == 0;
}

void KeyIndex::prefetch(std::uint64_t hash) const {
  if (slots_.empty()) return;
  __builtin_prefetch(slots_.data() + (static_cast<std::size_t>(hash) & (slots_.size() - 1)));
}

std::optional<std::uint32_t> KeyIndex::find_text(std::string_view text, std::uint64_t hash) const {
  if (slots_.empty()) return std::nullopt;
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t i = static_cast<std::size_t>(hash) & mask; slots_[i].record != 0;
       i = (i + 1) & mask) {
    if (same(slots_[i], text, hash)) return slots_[i].record - 1;
  }
  return std::nullopt;
}

void KeyIndex::reserve_text(std::size_t keys) {
  grow(keys * 4 / 3 + 1);
}

void KeyIndex::grow(std::size_t min_slots) {
  std::size_t size = 1024;
  while (size < min_slots) size *= 2;
  if (size <= slots_.size()) return;
  std::vector<Slot> fresh;
  fresh.reserve(size);
  advise_huge_pages(fresh.data(), size * sizeof(Slot));
  fresh.resize(size);
  const std::size_t mask = size - 1;
  for (const Slot& slot : slots_) {
    if (slot.record == 0) continue;
    std::size_t i = static_cast<std::size_t>(slot.hash) & mask;
    while (fresh[i].record != 0) i = (i + 1) & mask;
    fresh[i] = slot;
  }
  slots_ = std::move(fresh);
}

std::optional<std::uint32_t> KeyIndex::insert_text(std::string_view stable_text, std::uint64_t hash,
                                                   std::uint32_t record) {
  // At most 3/4 full: beyond that linear probing degrades quickly.
  if ((count_ + 1) * 4 > slots_.size() * 3) grow(slots_.size() * 2);
  const std::size_t mask = slots_.size() - 1;
  std::size_t i = static_cast<std::size_t>(hash) & mask;
  for (; slots_[i].record != 0; i = (i + 1) & mask) {
    if (same(slots_[i], stable_text, hash)) return slots_[i].record - 1;
  }
  Slot& slot = slots_[i];
  slot.hash = hash;
  slot.record = record + 1;
  slot.size = static_cast<std::uint32_t>(stable_text.size());
  if (stable_text.size() <= kInline) {
    std::memcpy(slot.inline_text, stable_text.data(), stable_text.size());
  } else {
    slot.data = stable_text.data();
  }
  ++count_;
  return std::nullopt;
}

void KeyIndex::note_skipped(std::string_view key_text, std::uint64_t line) {
  skipped_.emplace(std::string(key_text), line);
}

std::optional<std::uint64_t> KeyIndex::skipped_line(std::string_view key_text) const {
  if (skipped_.empty()) return std::nullopt;
  auto it = skipped_.find(std::string(key_text));
  if (it == skipped_.end()) return std::nullopt;
  return it->second;
}

}  // namespace strata::io
