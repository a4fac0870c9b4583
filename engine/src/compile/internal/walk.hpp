// Read-only walks over checked expressions used by the compiler and planner.
#pragma once

#include <functional>

#include "check/model.hpp"

namespace strata::compile_internal {

// Calls f on each direct sub-expression of e (call arguments, then the `where` filter).
void for_each_child(const ast::Expr& e, const std::function<void(const ast::Expr&)>& f);

// True when e depends only on literals and parameters: the same for every customer of a run.
bool is_run_constant(const Model& model, const ast::Expr& e);

// The lets and tierings e reads directly (not through other lets), appended to the vectors.
void collect_references(const Model& model, const ast::Expr& e, std::vector<std::uint32_t>& lets,
                        std::vector<std::uint32_t>& tierings);

// Every event-aggregate call in e, outermost first, not descending into aggregate arguments.
void collect_aggregates(const Model& model, const ast::Expr& e, std::vector<const ast::Expr*>& out);

}  // namespace strata::compile_internal
