// Benchmark of `lint` on a generated rule set (not a test: numbers go to bench/RESULTS.md).
//
//   strata_bench lint [--tiers 2000] [--fields 10] [--reps 5]
// generates one first-match tiering of N tiers over F int/decimal fields with random thresholds
// (seed 7; conditions `f_i >= t and f_j < u`, an `otherwise` last), compiles it once, and times
// lint() with every rule at its default level; the median of --reps runs is printed, with the
// median time to compile the same rules (measured in the same runs) as the baseline.
//
//   strata_bench lint --table-rows 2000 [--unique] [--reps 5]
// generates one decision table of N rows over three columns (two ints and an enum of five
// values): a grid of bands 20 x (N / 100) x 5 leading to 10 tiers, one grid row left out (a gap),
// every 50th row replaced by one over a wider random band of orders, which masks later rows (seed
// 7), and no fallback;
// `--unique` declares it `unique`, so the wider rows overlap the grid instead. `--print` writes the
// generated rules instead of timing them.
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cstring>
#include <random>
#include <string>
#include <vector>

#include "strata/lint.hpp"

namespace {

std::string tier_list(int tiers, int fields, std::mt19937& rng) {
  std::uniform_int_distribution<int> field(0, fields - 1), threshold(0, 100'000);
  std::string text = "record Customer key id {\n  id: string\n";
  for (int f = 0; f < fields; ++f) {
    text += fmt::format("  f{}: {}\n", f, f % 2 ? "money" : "int");
  }
  text += "}\ntiering generated \"generated\" {\n";
  for (int t = 0; t < tiers; ++t) {
    const int a = field(rng), b = field(rng);
    text += fmt::format("  tier t{} \"tier {}\" when f{} >= {} and f{} < {}\n", t, t, a,
                        threshold(rng), b, threshold(rng));
  }
  text += "  tier rest \"rest\" otherwise\n}\n";
  return text;
}

// A band `[lo, hi)` of `n` bands over 0..width, open at both ends of the range.
std::string band(int i, int n, int width) {
  const int step = width / n;
  if (i == 0) return fmt::format("< {}", step);
  if (i == n - 1) return fmt::format(">= {}", i * step);
  return fmt::format("{}..{}", i * step, (i + 1) * step - 1);
}

std::string decision_table(int rows, bool unique, std::mt19937& rng) {
  const char* regions[] = {"north", "south", "east", "west", "central"};
  std::string text =
      "record Customer key id {\n  id: string\n  orders: int\n  visits: int\n"
      "  region: enum { north, south, east, west, central }\n}\n";
  text += fmt::format("tiering generated \"generated\" {}table (orders, visits, region) {{\n",
                      unique ? "unique " : "");
  const int bands_a = 20, bands_b = std::max(1, rows / (bands_a * 5));
  std::uniform_int_distribution<int> tier(0, 9), lo(0, 900), wide(50, 300);
  int written = 0;
  for (int a = 0; a < bands_a; ++a) {
    for (int b = 0; b < bands_b; ++b) {
      for (int r = 0; r < 5; ++r) {
        if (a == 7 && b == 3 && r == 2) continue;  // the gap
        ++written;
        const int t = tier(rng);
        if (written % 50 == 0) {
          // A wider row: it takes customers of later grid rows (first match) or overlaps them.
          const int from = lo(rng);
          text += fmt::format("  ({}..{}, {}, {}) -> t{} \"tier {}\"\n", from, from + wide(rng),
                              band(b, bands_b, 10'000), regions[r], t, t);
          continue;
        }
        text += fmt::format("  ({}, {}, {}) -> t{} \"tier {}\"\n", band(a, bands_a, 1000),
                            band(b, bands_b, 10'000), regions[r], t, t);
      }
    }
  }
  text += "}\n";
  return text;
}

}  // namespace

int bench_lint(int argc, char** argv) {
  int tiers = 2000, fields = 10, reps = 5, table_rows = 0;
  bool unique = false, print = false;
  for (int i = 0; i < argc; ++i) {
    if (std::strcmp(argv[i], "--unique") == 0) unique = true;
    if (std::strcmp(argv[i], "--print") == 0) print = true;
    if (i + 1 >= argc) continue;
    if (std::strcmp(argv[i], "--tiers") == 0) tiers = std::atoi(argv[i + 1]);
    if (std::strcmp(argv[i], "--fields") == 0) fields = std::atoi(argv[i + 1]);
    if (std::strcmp(argv[i], "--reps") == 0) reps = std::atoi(argv[i + 1]);
    if (std::strcmp(argv[i], "--table-rows") == 0) table_rows = std::atoi(argv[i + 1]);
  }
  std::mt19937 rng(7);
  const std::string text =
      table_rows > 0 ? decision_table(table_rows, unique, rng) : tier_list(tiers, fields, rng);
  if (print) {
    fmt::print("{}", text);
    return 0;
  }
  strata::Diagnostics diags;
  auto rules = strata::compile_text({{"generated.strata", text}}, diags);
  if (!rules) {
    fmt::print(stderr, "generated rules do not compile\n");
    for (const strata::Diagnostic& d : diags.all()) fmt::print(stderr, "  {}\n", d.message);
    return 2;
  }
  std::vector<double> times, compile_times;
  std::vector<std::pair<std::string, std::size_t>> by_rule;
  std::size_t findings = 0;
  for (int r = 0; r < reps; ++r) {
    // The baseline, in the same run: compiling the rules (parse, check, plan, bytecode).
    const auto c0 = std::chrono::steady_clock::now();
    strata::Diagnostics compile_diags;
    auto again = strata::compile_text({{"generated.strata", text}}, compile_diags);
    compile_times.push_back(
        std::chrono::duration<double>(std::chrono::steady_clock::now() - c0).count());
    if (!again) return 2;
    const auto t0 = std::chrono::steady_clock::now();
    strata::LintOptions options;
    const strata::Diagnostics out = strata::lint(*rules, options);
    times.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
    findings = out.all().size();
    by_rule.clear();
    for (const strata::Diagnostic& d : out.all()) {
      auto it = std::find_if(by_rule.begin(), by_rule.end(),
                             [&](const auto& p) { return p.first == d.rule; });
      if (it == by_rule.end()) {
        by_rule.emplace_back(d.rule, 1);
      } else {
        ++it->second;
      }
    }
  }
  std::sort(times.begin(), times.end());
  std::sort(compile_times.begin(), compile_times.end());
  std::string rules_found;
  for (const auto& [rule, n] : by_rule) {
    rules_found += fmt::format("{}{} {}", rules_found.empty() ? "" : ", ", n, rule);
  }
  const std::string what = table_rows > 0 ? fmt::format("{} table of {} rows over 3 columns",
                                                        unique ? "unique" : "first-match",
                                                        rules->tierings()[0].rows.size())
                                          : fmt::format("{} tiers over {} fields", tiers, fields);
  const double lint_median = times[times.size() / 2];
  const double compile_median = compile_times[compile_times.size() / 2];
  fmt::print("lint: {}: median {:.3f} s of {} runs (min {:.3f}, max {:.3f}); {} findings ({})\n",
             what, lint_median, reps, times.front(), times.back(), findings, rules_found);
  fmt::print("compile (baseline): median {:.3f} s; lint / compile = {:.1f}x\n", compile_median,
             lint_median / compile_median);
  return 0;
}
