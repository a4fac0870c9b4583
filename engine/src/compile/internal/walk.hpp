// Read-only walks over checked expressions used by the compiler and planner.
#pragma once

#include <functional>

#include "check/model.hpp"

namespace strata::compile_internal {

using ast::for_each_child;

// True when e depends only on literals, parameters and statistics over all customers that are one
// value for the run (not positions): the same for every customer of a run.
bool is_run_constant(const Model& model, const ast::Expr& e);

// The lets and tierings e reads directly (not through other lets, nor inside the argument of a
// statistic over all customers, which an earlier phase computes), appended to the vectors.
void collect_references(const Model& model, const ast::Expr& e, std::vector<std::uint32_t>& lets,
                        std::vector<std::uint32_t>& tierings);

// Every event-aggregate call in e, outermost first, not descending into aggregate arguments nor
// into the arguments of statistics over all customers.
void collect_aggregates(const Model& model, const ast::Expr& e, std::vector<const ast::Expr*>& out);

}  // namespace strata::compile_internal
