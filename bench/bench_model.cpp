// `strata_bench rfm8 rules/rfm-8 --data C.csv --events Order=O.csv [--reps N]`: the RFM 8-class
// model of rules/rfm-8 against baseline_rfm8, a hand-written C++ implementation of the same
// model over the same loaded columns (bench/bench_baseline.cpp), in one process.
//
// Reported per part: loading (CSV parse and the join of the orders to their customers), the
// run's first phase (the passes over the orders: the event aggregates), the statistics between
// the phases (three quintiles, three means) and the later phases (scores, high/low, the table);
// the baseline's pass over the orders, quintiles and means, and classes. Runs do not build the
// next run's state (as `strata run` without --state), except the one line that says it does.
// Memory: the peak resident size after loading, after the first runs, and after a run building
// the state, before the baseline allocates anything, against the size of the loaded columns.
// Every figure is the median of `reps` interleaved runs.
#include "bench_model.hpp"

#include <fmt/format.h>
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <numeric>
#include <vector>

#include "baseline.hpp"
#include "measure.hpp"

namespace strata::bench {

namespace {

using Clock = std::chrono::steady_clock;

// The parts of one run of the rule set, in seconds: the first phase (the passes over the
// events), the statistics, the later phases (the last one also stores the results and builds
// each customer's state for the next run), and what follows them (gathering the results).
struct RunParts {
  std::vector<double> total, events, statistics, later, after;

  void add(const RunResult& r) {
    total.push_back(r.seconds);
    statistics.push_back(r.statistics_seconds);
    const double phases = std::accumulate(r.phase_seconds.begin(), r.phase_seconds.end(), 0.0);
    events.push_back(r.phase_seconds.empty() ? 0 : r.phase_seconds.front());
    later.push_back(phases - events.back());
    after.push_back(r.seconds - phases - r.statistics_seconds);
  }
  void print(const char* name) const {
    fmt::print(
        "{}: {:.3f} s = event aggregates {:.3f} + statistics {:.3f} + scores and tiers {:.3f} "
        "+ results {:.3f}\n",
        name, median(total), median(events), median(statistics), median(later), median(after));
  }
};

}  // namespace

int bench_rfm8(const RuleSet& rules, const Dataset& data, double load_seconds, int reps) {
  const std::size_t n = data.size();
  const std::size_t orders = data.events.empty() ? 0 : data.events.front().table.rows;
  const double columns_mb = static_cast<double>(data.memory_bytes()) / 1e6;
  const double loaded_peak = peak_rss_mb();

  // As `strata run` without --state: the next run's state is not built.
  RunOptions one;
  one.threads = 1;
  one.keep_state = false;
  RunOptions all;
  all.keep_state = false;
  // The first runs, on their own: the engine's peak memory, before the baseline's vectors.
  const RunResult first = rules.run(data, one);
  if (!first.ok) {
    fmt::print(stderr, "{}", render(first.diags, *first.diags.sources()));
    return 1;
  }
  rules.run(data, all);
  const double run_peak = peak_rss_mb();
  // The API's default also builds each customer's state for the next run (RunResult::state).
  RunOptions stateful = one;
  stateful.keep_state = true;
  rules.run(data, stateful);
  const double state_peak = peak_rss_mb();

  const BaselineInput in = baseline_input(data);
  std::vector<std::int8_t> rfm(n), unused(n);
  baseline_rfm8(in, rfm.data());
  const std::size_t mismatches = count_mismatches(rules, first, rfm, unused);

  RunParts single, multi, with_state;
  std::vector<double> base, base_measures, base_statistics, base_classes;
  for (int r = 0; r < reps; ++r) {
    single.add(rules.run(data, one));
    multi.add(rules.run(data, all));
    with_state.add(rules.run(data, stateful));
    BaselineParts parts;
    const auto t0 = Clock::now();
    baseline_rfm8(in, rfm.data(), &parts);
    base.push_back(std::chrono::duration<double>(Clock::now() - t0).count());
    base_measures.push_back(parts.measures);
    base_statistics.push_back(parts.statistics);
    base_classes.push_back(parts.classes);
  }

  const PlanInfo plan = rules.plan();
  fmt::print("customers: {}, orders: {}; {} phases, {} statistics, {} sorts\n", n, orders,
             plan.phases.size(), plan.statistics.size(), plan.sorts);
  fmt::print("load (parse + join): {:.3f} s\n", load_seconds);
  single.print("run, 1 thread");
  multi.print("run, all threads");
  with_state.print("run, 1 thread, building the next run's state");
  fmt::print(
      "hand-written rfm-8: {:.3f} s = pass over the orders {:.3f} + quintiles and means {:.3f} "
      "+ classes {:.3f}\n",
      median(base), median(base_measures), median(base_statistics), median(base_classes));
  fmt::print(
      "ratio run(1 thread) / hand-written: {:.2f}x; run(all threads) / hand-written: {:.2f}x\n",
      median(single.total) / median(base), median(multi.total) / median(base));
  fmt::print("ratio load + run(1 thread) / load + hand-written: {:.2f}x\n",
             (load_seconds + median(single.total)) / (load_seconds + median(base)));
  fmt::print(
      "loaded columns: {:.1f} MB; peak resident after loading {:.1f} MB ({:.2f}x), after the "
      "runs {:.1f} MB ({:.2f}x), after a run building the state {:.1f} MB ({:.2f}x)\n",
      columns_mb, loaded_peak, loaded_peak / columns_mb, run_peak, run_peak / columns_mb,
      state_peak, state_peak / columns_mb);
  fmt::print("baseline disagreements with the rfm tiers: {}\n", mismatches);
  return mismatches == 0 ? 0 : 1;
}

}  // namespace strata::bench
