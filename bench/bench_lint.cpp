// Benchmark of `lint` on a generated rule set (not a test: numbers go to bench/RESULTS.md).
//
//   strata_bench lint [--tiers 2000] [--fields 10] [--reps 5]
// generates one first-match tiering of N tiers over F int/decimal fields with random thresholds
// (seed 7; conditions `f_i >= t and f_j < u`, an `otherwise` last), compiles it once, and times
// lint() with every rule at its default level; the median of --reps runs is printed.
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cstring>
#include <random>
#include <string>
#include <vector>

#include "strata/lint.hpp"

int bench_lint(int argc, char** argv) {
  int tiers = 2000, fields = 10, reps = 5;
  for (int i = 0; i + 1 < argc; ++i) {
    if (std::strcmp(argv[i], "--tiers") == 0) tiers = std::atoi(argv[i + 1]);
    if (std::strcmp(argv[i], "--fields") == 0) fields = std::atoi(argv[i + 1]);
    if (std::strcmp(argv[i], "--reps") == 0) reps = std::atoi(argv[i + 1]);
  }
  std::mt19937 rng(7);
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
  strata::Diagnostics diags;
  auto rules = strata::compile_text({{"generated.strata", text}}, diags);
  if (!rules) {
    fmt::print(stderr, "generated rules do not compile\n");
    return 2;
  }
  std::vector<double> times;
  std::size_t findings = 0;
  for (int r = 0; r < reps; ++r) {
    const auto t0 = std::chrono::steady_clock::now();
    strata::LintOptions options;
    const strata::Diagnostics out = strata::lint(*rules, options);
    times.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
    findings = out.all().size();
  }
  std::sort(times.begin(), times.end());
  fmt::print(
      "lint: {} tiers over {} fields: median {:.3f} s of {} runs (min {:.3f}, max {:.3f}); "
      "{} findings\n",
      tiers, fields, times[times.size() / 2], reps, times.front(), times.back(), findings);
  return 0;
}
