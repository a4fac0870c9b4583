// Inline loops shared by the interpreter's instruction handlers.
//
// Every instruction body is written once as a per-row lambda and run by for_rows, which takes the
// dense path (a plain counted loop the compiler can vectorise) when the selection covers the whole
// batch and the gather path otherwise.
#pragma once

#include <cstdint>

#include "vm/context.hpp"

namespace strata::vm {

template <class F>
inline void for_rows(const Selection& sel, F&& f) {
  if (sel.dense()) {
    for (std::uint32_t i = 0; i < sel.n; ++i) f(i);
  } else {
    for (std::uint32_t k = 0; k < sel.n; ++k) f(sel.rows[k]);
  }
}

// Dense loops over non-aliasing registers (destinations are always fresh registers), written so
// the compiler can vectorise them.
template <class T, class F>
inline void dense_values(std::int64_t* __restrict d, const T* __restrict a, const T* __restrict b,
                         std::uint32_t n, F f) {
  for (std::uint32_t i = 0; i < n; ++i) d[i] = f(a[i], b[i]);
}
inline void dense_both_present(std::uint8_t* __restrict dk, const std::uint8_t* __restrict ak,
                               const std::uint8_t* __restrict bk, std::uint32_t n) {
  for (std::uint32_t i = 0; i < n; ++i) dk[i] = ak[i] & bk[i];
}

// Kleene `and` / `or` over a dense selection: false (true) on either side decides the result even
// when the other side is missing.
template <bool IsAnd>
inline void dense_kleene(std::int64_t* __restrict d, std::uint8_t* __restrict dk,
                         const std::int64_t* __restrict a, const std::uint8_t* __restrict ak,
                         const std::int64_t* __restrict b, const std::uint8_t* __restrict bk,
                         std::uint32_t n) {
  for (std::uint32_t i = 0; i < n; ++i) {
    const std::uint8_t av = a[i] != 0, bv = b[i] != 0;
    const std::uint8_t at = ak[i] & av, af = ak[i] & (av ^ 1);
    const std::uint8_t bt = bk[i] & bv, bf = bk[i] & (bv ^ 1);
    if constexpr (IsAnd) {
      d[i] = at & bt;
      dk[i] = af | bf | (at & bt);
    } else {
      d[i] = at | bt;
      dk[i] = at | bt | (af & bf);
    }
  }
}

inline bool add_overflows(Decimal::Rep a, Decimal::Rep b, Decimal::Rep& out) {
  return __builtin_add_overflow(a, b, &out);
}
inline bool sub_overflows(Decimal::Rep a, Decimal::Rep b, Decimal::Rep& out) {
  return __builtin_sub_overflow(a, b, &out);
}

}  // namespace strata::vm
