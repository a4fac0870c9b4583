// The string pool: interning millions of strings while a file loads.
//
// Interning is the most expensive step of loading a typical file (keys and names are nearly all
// distinct), so the pool avoids a node-based hash map: the characters go back to back into large
// blocks, ids map to views of them, and the index is an open-addressing table of 64-bit slots
// (32 hash bits, which also choose the position, and the id) probed linearly. A look-up touches one
// slot line and, on a hash match, the candidate's text: about two cache misses instead of four or
// five, and no allocation per string.
#include <algorithm>
#include <cstring>

#include "io/memory_hint.hpp"
#include "strata/dataset.hpp"

namespace strata {

namespace {

// Blocks grow with the pool, from 64 KiB (a pool for one record stays small) to 16 MiB.
constexpr std::size_t kFirstBlock = std::size_t(64) << 10;
constexpr std::size_t kLargestBlock = std::size_t(16) << 20;
constexpr std::size_t kOwnBlock = std::size_t(256) << 10;  // longer strings get their own

inline std::uint64_t load_bytes(const char* p, std::size_t n) {
  std::uint64_t v = 0;
  // An empty view may have a null data pointer, which memcpy must not be given.
  if (n == 0) return 0;
  std::memcpy(&v, p, n);
  return v;
}

inline std::uint64_t mix(std::uint64_t a, std::uint64_t b) {
  // 64x64 -> 128-bit multiply folded to 64 bits: a strong, cheap mixer (as in wyhash).
  __extension__ typedef unsigned __int128 U128;
  U128 r = static_cast<U128>(a) * b;
  return static_cast<std::uint64_t>(r) ^ static_cast<std::uint64_t>(r >> 64);
}

std::uint64_t hash_text(std::string_view s) {
  constexpr std::uint64_t k0 = 0xa0761d6478bd642full, k1 = 0xe7037ed1a0b428dbull;
  const char* p = s.data();
  std::size_t n = s.size();
  std::uint64_t h = k0 ^ (n * k1);
  while (n >= 16) {
    h = mix(load_bytes(p, 8) ^ k1, load_bytes(p + 8, 8) ^ h);
    p += 16;
    n -= 16;
  }
  std::uint64_t a = n >= 8 ? load_bytes(p, 8) : load_bytes(p, n);
  std::uint64_t b = n > 8 ? load_bytes(p + 8, n - 8) : 0;
  return mix(a ^ k1, b ^ h ^ k0);
}

inline std::uint64_t slot_value(std::uint64_t hash, std::size_t id) {
  return (hash & 0xFFFFFFFF00000000ull) | static_cast<std::uint64_t>(id + 1);
}

}  // namespace

void StringPool::reserve(std::size_t strings) {
  if (views_.capacity() < views_.size() + strings) {
    views_.reserve(views_.size() + strings);
    io::advise_huge_pages(views_.data(), views_.capacity() * sizeof(std::string_view));
  }
  grow_table((views_.size() + strings) * 4 / 3 + 1);
}

void StringPool::grow_table(std::size_t min_slots) {
  std::size_t slots = 16;
  while (slots < min_slots) slots *= 2;
  if (slots <= slots_.size()) return;
  std::vector<std::uint64_t> fresh;
  fresh.reserve(slots);
  io::advise_huge_pages(fresh.data(), slots * sizeof(std::uint64_t));
  fresh.resize(slots, 0);
  const std::size_t mask = slots - 1;
  for (std::uint64_t entry : slots_) {
    if (entry == 0) continue;
    // The slot keeps the hash bits that choose the position, so nothing is hashed again.
    std::size_t i = static_cast<std::size_t>(entry >> 32) & mask;
    while (fresh[i] != 0) i = (i + 1) & mask;
    fresh[i] = entry;
  }
  slots_ = std::move(fresh);
}

const char* StringPool::store(std::string_view text) {
  if (text.empty()) return "";
  if (text.size() > kOwnBlock) {
    // A long string gets a block of its own so that it does not waste the current one.
    std::unique_ptr<char[]> block(new char[text.size()]);
    std::memcpy(block.get(), text.data(), text.size());
    const char* p = block.get();
    // Keep the current block last so that filling it continues.
    blocks_.insert(blocks_.end() - (blocks_.empty() ? 0 : 1), std::move(block));
    char_bytes_ += text.size();
    return p;
  }
  if (blocks_.empty() || block_used_ + text.size() > block_size_) {
    std::size_t size = std::min(std::max(char_bytes_, kFirstBlock), kLargestBlock);
    // Not value-initialised: zeroing a block that is about to be overwritten costs a pass.
    blocks_.push_back(std::unique_ptr<char[]>(new char[size]));
    io::advise_huge_pages(blocks_.back().get(), size);
    block_size_ = size;
    block_used_ = 0;
    char_bytes_ += size;
  }
  char* p = blocks_.back().get() + block_used_;
  std::memcpy(p, text.data(), text.size());
  block_used_ += text.size();
  return p;
}

std::uint64_t StringPool::hash(std::string_view text) {
  return hash_text(text);
}

void StringPool::prefetch(std::uint64_t hash) const {
  if (slots_.empty()) return;
  __builtin_prefetch(slots_.data() + (static_cast<std::size_t>(hash >> 32) & (slots_.size() - 1)));
}

std::int32_t StringPool::intern(std::string_view text) {
  return intern(text, hash_text(text));
}

std::int32_t StringPool::intern(std::string_view text, std::uint64_t hash) {
  // Keep the table at most 3/4 full: beyond that linear probing degrades quickly. A probe run
  // mostly stays within one cache line of 8 slots, so runs of a few slots cost little.
  if ((views_.size() + 1) * 4 > slots_.size() * 3) grow_table(slots_.size() * 2);
  const std::size_t mask = slots_.size() - 1;
  std::size_t i = static_cast<std::size_t>(hash >> 32) & mask;
  const std::uint64_t tag = hash & 0xFFFFFFFF00000000ull;
  while (std::uint64_t entry = slots_[i]) {
    if ((entry & 0xFFFFFFFF00000000ull) == tag) {
      std::size_t id = static_cast<std::size_t>(entry & 0xFFFFFFFFu) - 1;
      if (views_[id] == text) return static_cast<std::int32_t>(id);
    }
    i = (i + 1) & mask;
  }
  const std::size_t id = views_.size();
  views_.emplace_back(store(text), text.size());
  slots_[i] = slot_value(hash, id);
  return static_cast<std::int32_t>(id);
}

std::optional<std::int32_t> StringPool::find(std::string_view text) const {
  return find(text, hash_text(text));
}

std::optional<std::int32_t> StringPool::find(std::string_view text, std::uint64_t hash) const {
  if (slots_.empty()) return std::nullopt;
  const std::size_t mask = slots_.size() - 1;
  const std::uint64_t tag = hash & 0xFFFFFFFF00000000ull;
  for (std::size_t i = static_cast<std::size_t>(hash >> 32) & mask; slots_[i] != 0;
       i = (i + 1) & mask) {
    std::uint64_t entry = slots_[i];
    if ((entry & 0xFFFFFFFF00000000ull) == tag) {
      std::size_t id = static_cast<std::size_t>(entry & 0xFFFFFFFFu) - 1;
      if (views_[id] == text) return static_cast<std::int32_t>(id);
    }
  }
  return std::nullopt;
}

std::size_t StringPool::memory_bytes() const {
  return char_bytes_ + views_.capacity() * sizeof(std::string_view) +
         slots_.capacity() * sizeof(std::uint64_t) + blocks_.capacity() * sizeof(void*);
}

}  // namespace strata
