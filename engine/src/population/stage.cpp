#include "population/stage.hpp"

#include <algorithm>
#include <atomic>
#include <map>
#include <thread>

#include "population/argument.hpp"
#include "population/sort.hpp"

namespace strata::population {

namespace {

struct Group {
  std::uint32_t input = 0;           // scratch column of the argument
  std::vector<std::uint32_t> stats;  // statistics of the stage over it
  std::optional<vm::EvalError> error;
  std::uint32_t error_stat = 0;
};

void compute_group(const vm::Plan& plan, Group& g, const KeyColumn& keys, bool keys_in_row_order,
                   vm::Scratch& scratch, std::vector<vm::ParamValue>& values, Snapshot* keep) {
  const vm::ScratchColumn& col = scratch.columns[g.input];
  Argument a;
  a.bank = col.bank;
  a.kind = plan.scratch[g.input].kind;
  a.i = col.i.data();
  a.d = col.d.data();
  a.ok = col.ok.data();
  a.rows = scratch.rows;

  std::vector<const vm::Statistic*> positions;
  bool ordered = false;
  bool shares = false;
  for (std::uint32_t k : g.stats) {
    const vm::Statistic& s = plan.statistics[k];
    if (s.column) positions.push_back(&s);
    ordered = ordered || s.column || s.kind == vm::StatKind::Percentile;
    shares = shares || s.kind == vm::StatKind::CumulativeShare;
  }
  Sorted sorted;
  if (ordered) {
    sorted = a.bank == vm::Bank::D ? sort_rows(a.d, a.ok, a.rows) : sort_rows(a.i, a.ok, a.rows);
  }
  // A snapshot places later values by (value, key): every run of ties is ordered then.
  const bool keep_order = keep != nullptr && !positions.empty();
  // The sort keeps ties in row order; when rows are in key order, that is the order wanted.
  if (!positions.empty() && !keys_in_row_order) order_ties(positions, keys, keep_order, sorted);

  std::size_t present = 0;
  for (std::uint32_t r = 0; r < a.rows; ++r) present += a.ok[r] != 0;
  for (std::uint32_t k : g.stats) {
    const vm::Statistic& s = plan.statistics[k];
    std::optional<vm::EvalError> error =
        s.column ? compute_position(s, a, sorted, scratch.columns[*s.column])
                 : compute_aggregate(s, a, sorted, values[k]);
    if (error && !g.error) {
      g.error = std::move(error);
      g.error_stat = k;
    }
    if (keep) keep->over[k] = present;
  }
  if (!keep_order) return;
  Distribution dist;
  dist.values = std::move(sorted.values);
  if (shares) {
    dist.prefix.assign(dist.values.size() + 1, 0);
    for (std::size_t i = 0; i < dist.values.size(); ++i) {
      // Overflow here was reported by the cumulative share itself; the snapshot is not used then.
      (void)__builtin_add_overflow(dist.prefix[i], dist.values[i], &dist.prefix[i + 1]);
    }
  }
  dist.entry_of_row.assign(a.rows, kNoEntry);
  for (std::size_t i = 0; i < sorted.rows.size(); ++i) {
    dist.entry_of_row[sorted.rows[i]] = static_cast<std::uint32_t>(i);
  }
  dist.rows = std::move(sorted.rows);
  keep->distributions[g.input] = std::move(dist);
}

}  // namespace

std::optional<vm::EvalError> Stages::compute(std::uint32_t stage, vm::Scratch& scratch,
                                             std::vector<vm::ParamValue>& values, Snapshot* keep,
                                             unsigned threads) {
  const vm::Plan& plan = plan_;
  const Dataset& data = data_;
  std::map<std::uint32_t, std::size_t> group_of_input;
  std::vector<Group> groups;
  for (std::uint32_t k = 0; k < plan.statistics.size(); ++k) {
    const vm::Statistic& s = plan.statistics[k];
    if (s.stage != stage) continue;
    if (!s.input) {
      // count(): the number of customers.
      values[k].valid = true;
      values[k].i = static_cast<std::int64_t>(data.size());
      if (keep) keep->over[k] = data.size();
      continue;
    }
    auto [it, inserted] = group_of_input.emplace(*s.input, groups.size());
    if (inserted) groups.push_back(Group{*s.input, {}, std::nullopt, 0});
    groups[it->second].stats.push_back(k);
  }
  if (groups.empty()) return std::nullopt;
  bool positions = false;
  for (const Group& g : groups) {
    for (std::uint32_t k : g.stats) {
      if (plan.statistics[k].column) {
        scratch.ensure(*plan.statistics[k].column);
        positions = true;
      }
    }
  }
  if (positions && !keys_in_row_order_) keys_in_row_order_ = keys_.rows_in_key_order();
  const bool in_order = keys_in_row_order_.value_or(false);
  std::atomic<std::size_t> next{0};
  auto worker = [&]() {
    for (std::size_t g = next.fetch_add(1); g < groups.size(); g = next.fetch_add(1)) {
      compute_group(plan, groups[g], keys_, in_order, scratch, values, keep);
    }
  };
  const unsigned n =
      std::max(1u, std::min<unsigned>(threads, static_cast<unsigned>(groups.size())));
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < n; ++t) pool.emplace_back(worker);
  worker();
  for (std::thread& t : pool) t.join();
  const Group* failed = nullptr;
  for (const Group& g : groups) {
    if (g.error && (!failed || g.error_stat < failed->error_stat)) failed = &g;
  }
  return failed ? failed->error : std::nullopt;
}

}  // namespace strata::population
