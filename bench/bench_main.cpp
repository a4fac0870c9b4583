// Benchmarks of evaluation and ingest (not tests: numbers go to bench/RESULTS.md).
//
//   strata_bench eval RULES... --data C.csv --events Order=O.csv [--reps N]
//     loads once, then times the VM (1 thread and all threads) against a hand-written C++ loop
//     doing the same fixed-threshold RFM 8-class + pyramid classification over the same columns,
//     and the latency of one record through the API.
//   strata_bench sop rules/service-sop --data C.csv --events Order=O.csv --events Touch=T.csv
//     SOP evaluation against the same rules without SOPs (bench_sop.cpp), time and peak memory.
//   strata_bench population RULES... --data C.csv --events Order=O.csv [--reps N]
//     a rule set with statistics over all customers (bench/rfm_quintiles.strata, or the fuller
//     tests/data/population/rfm_quintiles.strata): the whole run on 1 thread and on all threads,
//     the part of it spent computing the statistics between the per-customer phases, and a
//     hand-written loop computing bench/rfm_quintiles.strata (its rfm tiers must agree).
//   strata_bench kpi RULES... --data C.csv --events Order=O.csv [--reps N]
//     the run with its KPIs against the same run without them (bench_kpi.cpp, bench/kpis.strata)
//   strata_bench rfm8 rules/rfm-8 --data C.csv --events Order=O.csv [--reps N]
//     the RFM 8-class model phase by phase against a hand-written implementation of the same
//     model, and the peak memory against the loaded columns (bench_model.cpp).
//   strata_bench ingest RULES... --data C.csv --events Order=O.csv
//   strata_bench lint [--tiers N] [--fields F] [--reps R]   (bench_lint.cpp)
//     end to end in a fresh process: CSV load with the join of the orders, evaluation, and the
//     peak resident memory against the size of the loaded columns.
// Every figure is the median of --reps runs; ratios compare runs made in the same process.
#include <fmt/format.h>
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

#include "baseline.hpp"
#include "bench_kpi.hpp"
#include "bench_model.hpp"
#include "bench_sop.hpp"
#include "measure.hpp"
#include "strata/strata.hpp"

namespace {

using strata::bench::median;
using strata::bench::peak_rss_mb;

using Clock = std::chrono::steady_clock;

double seconds(Clock::time_point a, Clock::time_point b) {
  return std::chrono::duration<double>(b - a).count();
}

struct Args {
  std::string mode;
  std::vector<std::string> rules;
  std::string data;
  std::vector<strata::EventsInput> events;
  int reps = 5;
};

bool parse(int argc, char** argv, Args& a) {
  if (argc < 2) return false;
  a.mode = argv[1];
  for (int i = 2; i < argc; ++i) {
    std::string arg = argv[i];
    auto next = [&]() -> std::string { return i + 1 < argc ? argv[++i] : ""; };
    if (arg == "--data") {
      a.data = next();
    } else if (arg == "--events") {
      const std::string v = next();
      const auto eq = v.find('=');
      if (eq == std::string::npos) return false;
      a.events.push_back({v.substr(0, eq), v.substr(eq + 1)});
    } else if (arg == "--reps") {
      a.reps = std::max(1, std::stoi(next()));
    } else {
      a.rules.push_back(arg);
    }
  }
  return !a.data.empty() && !a.rules.empty();
}

std::uint64_t file_bytes(const Args& a) {
  std::uint64_t bytes = std::filesystem::file_size(a.data);
  for (const auto& e : a.events) bytes += std::filesystem::file_size(e.path);
  return bytes;
}

int bench_eval(const Args& a, const strata::RuleSet& rules, const strata::Dataset& data) {
  const std::size_t n = data.size();
  strata::RunOptions one;
  one.threads = 1;
  strata::RunOptions all;
  std::vector<double> vm1, vmall, base;
  std::vector<std::int8_t> rfm(n), pyramid(n);
  const strata::bench::BaselineInput in = strata::bench::baseline_input(data);
  std::size_t mismatches = 0;
  for (int r = 0; r < a.reps; ++r) {
    auto t0 = Clock::now();
    strata::RunResult result = rules.run(data, one);
    auto t1 = Clock::now();
    if (!result.ok) {
      fmt::print(stderr, "{}", strata::render(result.diags, *result.diags.sources()));
      return 1;
    }
    vm1.push_back(seconds(t0, t1));
    t0 = Clock::now();
    rules.run(data, all);
    t1 = Clock::now();
    vmall.push_back(seconds(t0, t1));
    t0 = Clock::now();
    strata::bench::baseline_classify(in, rfm.data(), pyramid.data());
    t1 = Clock::now();
    base.push_back(seconds(t0, t1));
    if (r == 0) mismatches = strata::bench::count_mismatches(rules, result, rfm, pyramid);
  }
  const double m1 = median(vm1), mall = median(vmall), mb = median(base);
  fmt::print("customers: {}\n", n);
  fmt::print("vm, 1 thread:        {:.3f} s  {:.2f} M customers/s\n", m1, n / m1 / 1e6);
  fmt::print("vm, all threads:     {:.3f} s  {:.2f} M customers/s\n", mall, n / mall / 1e6);
  fmt::print("hand-written loop:   {:.3f} s  {:.2f} M customers/s\n", mb, n / mb / 1e6);
  fmt::print("ratio vm(1 thread) / hand-written: {:.2f}x\n", m1 / mb);
  fmt::print("baseline disagreements with the VM: {}\n", mismatches);

  // One record through the public API: 10 orders, evaluated again and again.
  strata::Diagnostics diags;
  auto record = rules.new_record({}, diags);
  record->set("id", "LATENCY");
  record->set("revenue", "50000");
  for (int k = 0; k < 10; ++k) {
    record->add_event("Order", {{"at", fmt::format("2026-0{}-1{}T10:00:00", 1 + k % 9, k)},
                                {"amount", "1234.50"}});
  }
  strata::Assignment out;
  std::vector<double> per_call;
  const int calls = 200'000;
  for (int r = 0; r < a.reps; ++r) {
    const auto t0 = Clock::now();
    for (int i = 0; i < calls; ++i) rules.evaluate(*record, out);
    per_call.push_back(seconds(t0, Clock::now()) / calls);
  }
  fmt::print("one record (10 orders) via the API: {:.3f} us\n", median(per_call) * 1e6);
  return mismatches == 0 ? 0 : 1;
}

int bench_population(const Args& a, const strata::RuleSet& rules, const strata::Dataset& data) {
  const std::size_t n = data.size();
  std::vector<double> one_total, one_stats, all_total, all_stats, base;
  // The hand-written loop computes bench/rfm_quintiles.strata; its rfm tiers are compared with
  // the rule set's when the rule set has a tiering of that name.
  const strata::bench::BaselineInput in = strata::bench::baseline_input(data);
  std::vector<std::int8_t> rfm(n), unused(n);
  std::size_t mismatches = 0;
  for (int r = 0; r < a.reps; ++r) {
    for (unsigned threads : {1u, 0u}) {
      strata::RunOptions options;
      options.threads = threads;
      const auto t0 = Clock::now();
      const strata::RunResult result = rules.run(data, options);
      const double total = seconds(t0, Clock::now());
      if (!result.ok) {
        fmt::print(stderr, "{}", strata::render(result.diags, *result.diags.sources()));
        return 1;
      }
      (threads == 1 ? one_total : all_total).push_back(total);
      (threads == 1 ? one_stats : all_stats).push_back(result.statistics_seconds);
      if (r == 0 && threads == 1) {
        strata::bench::baseline_quintiles(in, rfm.data());
        mismatches = strata::bench::count_mismatches(rules, result, rfm, unused);
      }
    }
    const auto t0 = Clock::now();
    strata::bench::baseline_quintiles(in, rfm.data());
    base.push_back(seconds(t0, Clock::now()));
  }
  const strata::PlanInfo plan = rules.plan();
  fmt::print("customers: {}; {} phases, {} statistics, {} sorts\n", n, plan.phases.size(),
             plan.statistics.size(), plan.sorts);
  fmt::print("run, 1 thread:     {:.3f} s  {:.2f} M customers/s; statistics {:.3f} s ({:.0f}%)\n",
             median(one_total), n / median(one_total) / 1e6, median(one_stats),
             100 * median(one_stats) / median(one_total));
  fmt::print("run, all threads:  {:.3f} s  {:.2f} M customers/s; statistics {:.3f} s ({:.0f}%)\n",
             median(all_total), n / median(all_total) / 1e6, median(all_stats),
             100 * median(all_stats) / median(all_total));
  fmt::print("hand-written quintile loop: {:.3f} s\n", median(base));
  fmt::print("ratio run(1 thread) / hand-written: {:.2f}x\n", median(one_total) / median(base));
  fmt::print("baseline disagreements with the rfm tiers: {}\n", mismatches);
  return mismatches == 0 ? 0 : 1;
}

}  // namespace

int bench_lint(int argc, char** argv);  // bench_lint.cpp

int main(int argc, char** argv) {
  if (argc > 1 && std::strcmp(argv[1], "lint") == 0) return bench_lint(argc - 2, argv + 2);
  Args a;
  if (!parse(argc, argv, a) || (a.mode != "eval" && a.mode != "ingest" && a.mode != "sop" &&
                                a.mode != "population" && a.mode != "kpi" && a.mode != "rfm8")) {
    fmt::print(stderr,
               "usage: strata_bench eval|population|rfm8|ingest|sop|kpi RULES... --data C.csv "
               "--events Order=O.csv [--events Touch=T.csv] [--reps N]\n");
    return 2;
  }
  strata::Diagnostics diags;
  auto rules = strata::compile(a.rules, diags);
  if (!rules) {
    fmt::print(stderr, "{}", strata::render(diags, *diags.sources()));
    return 1;
  }
  const auto t0 = Clock::now();
  auto data = rules->load({a.data, a.events, {}}, diags);
  const auto t1 = Clock::now();
  if (!data) {
    fmt::print(stderr, "{}", strata::render(diags, *diags.sources()));
    return 1;
  }
  if (a.mode == "eval") return bench_eval(a, *rules, *data);
  if (a.mode == "sop") {
    fmt::print("load (parse + join): {:.3f} s\n", seconds(t0, t1));
    return strata::bench::bench_sop(a.rules, *rules, *data, a.reps);
  }
  if (a.mode == "population") return bench_population(a, *rules, *data);
  if (a.mode == "kpi") {
    fmt::print("load (parse + join): {:.3f} s\n", seconds(t0, t1));
    return strata::bench::bench_kpi(*rules, *data, a.reps);
  }
  if (a.mode == "rfm8") return strata::bench::bench_rfm8(*rules, *data, seconds(t0, t1), a.reps);

  const double load = seconds(t0, t1);
  const double mb = static_cast<double>(file_bytes(a)) / 1e6;
  const double loaded_peak = peak_rss_mb();
  const auto t2 = Clock::now();
  strata::RunOptions options;
  const strata::RunResult result = rules->run(*data, options);
  const double eval = seconds(t2, Clock::now());
  const double columns_mb = static_cast<double>(data->memory_bytes()) / 1e6;
  fmt::print("customers: {}, input {:.1f} MB\n", data->size(), mb);
  fmt::print("load (parse + join): {:.3f} s  {:.1f} MB/s\n", load, mb / load);
  fmt::print("evaluate (all threads): {:.3f} s\n", eval);
  fmt::print("end to end: {:.3f} s\n", load + eval);
  fmt::print("loaded columns: {:.1f} MB; peak resident: {:.1f} MB; ratio {:.2f}x\n", columns_mb,
             peak_rss_mb(), peak_rss_mb() / columns_mb);
  fmt::print("peak resident after loading, before evaluating: {:.1f} MB\n", loaded_peak);
  return result.ok ? 0 : 1;
}
