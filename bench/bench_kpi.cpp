#include "bench_kpi.hpp"

#include <fmt/format.h>
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <vector>

#include "measure.hpp"

namespace strata::bench {

namespace {

using Clock = std::chrono::steady_clock;

}  // namespace

int bench_kpi(const RuleSet& rules, const Dataset& data, int reps) {
  std::vector<double> with, without, aggregate, cpu_with, cpu_without;
  std::size_t values = 0;
  for (unsigned threads : {1u, 0u}) {
    for (auto* v : {&with, &without, &aggregate, &cpu_with, &cpu_without}) v->clear();
    for (int r = 0; r < reps; ++r) {
      for (bool kpis : {false, true}) {
        RunOptions options;
        options.threads = threads;
        options.kpis = kpis;
        const auto t0 = Clock::now();
        const double c0 = cpu_seconds();
        const RunResult result = rules.run(data, options);
        const double s = std::chrono::duration<double>(Clock::now() - t0).count();
        (kpis ? cpu_with : cpu_without).push_back(cpu_seconds() - c0);
        if (!result.ok) {
          fmt::print(stderr, "{}", render(result.diags, *result.diags.sources()));
          return 1;
        }
        (kpis ? with : without).push_back(s);
        if (kpis) {
          aggregate.push_back(result.kpi_seconds);
          values = 0;
          for (const KpiResult& k : result.kpis) values += k.groups.size();
        }
      }
    }
    const double w = median(with), wo = median(without), agg = median(aggregate);
    const double cw = median(cpu_with), cwo = median(cpu_without);
    const char* which = threads == 1 ? "1 thread" : "all threads";
    fmt::print(
        "{}: wall: without KPIs {:.3f} s, with KPIs {:.3f} s, KPIs cost {:.3f} s, of which "
        "aggregating over the groups {:.3f} s\n",
        which, wo, w, w - wo, agg);
    fmt::print(
        "{}: processor time: without KPIs {:.3f} s, with KPIs {:.3f} s, KPIs cost {:.3f} s "
        "({:.0f}%)\n",
        which, cwo, cw, cw - cwo, 100 * (cw - cwo) / cwo);
  }
  fmt::print("customers: {}, KPIs: {}, values (KPI x group): {}\n", data.size(),
             rules.kpis().size(), values);
  return 0;
}

}  // namespace strata::bench
