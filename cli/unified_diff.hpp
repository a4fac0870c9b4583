// Unified diffs of two texts (`strata fmt --check`), in the format `diff -u` and `git diff` print.
#pragma once

#include <string>

namespace strata::cli {

// The hunks turning `before` into `after`, with three lines of context, under a
// `--- old_name` / `+++ new_name` header; empty when the texts are equal.
std::string unified_diff(const std::string& old_name, const std::string& new_name,
                         const std::string& before, const std::string& after);

}  // namespace strata::cli
