// The visitor of std::visit over AST variants, one lambda per alternative.
#pragma once

namespace strata::format {

template <class... Fs>
struct Overloaded : Fs... {
  using Fs::operator()...;
};
template <class... Fs>
Overloaded(Fs...) -> Overloaded<Fs...>;

}  // namespace strata::format
