// Embedding strata in a service: compile a rule set once, then evaluate customers from several
// threads — a whole dataset in batch, and single records with low latency.
//
//   embed_example RULES_DIR CUSTOMERS.csv ORDERS.csv
#include <cstdio>
#include <thread>
#include <vector>

#include "strata/strata.hpp"

int main(int argc, char** argv) {
  if (argc != 4) {
    std::fprintf(stderr, "usage: embed_example RULES_DIR CUSTOMERS.csv ORDERS.csv\n");
    return 2;
  }
  strata::Diagnostics diags;
  std::shared_ptr<const strata::RuleSet> rules = strata::compile({argv[1]}, diags);
  if (!rules) {
    std::fputs(strata::render(diags, *diags.sources()).c_str(), stderr);
    return 1;
  }

  // Batch: the whole dataset.
  auto data = rules->load({argv[2], {{"Order", argv[3]}}, {}}, diags);
  if (!data) {
    std::fputs(strata::render(diags, *diags.sources()).c_str(), stderr);
    return 1;
  }
  strata::RunOptions options;
  options.params["as_of"] = "2026-11-01";
  const strata::RunResult result = rules->run(*data, options);
  if (!result.ok) {
    std::fputs(strata::render(result.diags, *result.diags.sources()).c_str(), stderr);
    return 1;
  }
  for (std::size_t t = 0; t < result.tierings.size(); ++t) {
    std::printf("%s:", rules->tierings()[t].name.c_str());
    for (std::size_t i = 0; i < rules->tierings()[t].tiers.size(); ++i) {
      std::printf(" %s=%llu", rules->tierings()[t].tiers[i].id.c_str(),
                  static_cast<unsigned long long>(result.counts[t][i]));
    }
    std::printf("\n");
  }

  // Single records, one Record per thread: the compiled rule set is shared and immutable.
  std::vector<std::thread> threads;
  for (int t = 0; t < 2; ++t) {
    threads.emplace_back([&rules, &options, t] {
      strata::Diagnostics local;
      std::optional<strata::Record> record = rules->new_record(options, local);
      if (!record) return;
      record->set("id", "EMBED-" + std::to_string(t));
      record->set("name", "示例客户");
      record->set("industry", "retail");
      record->set("owner", "王芳");
      record->set("revenue", "120000.00");
      record->add_event("Order", {{"at", "2026-10-20T10:00:00"}, {"amount", "8000.00"}});
      record->add_event("Order", {{"at", "2026-09-02T15:30:00"}, {"amount", "7000.00"}});
      strata::Assignment a;
      if (rules->evaluate(*record, a)) {
        for (std::size_t i = 0; i < a.tiers.size(); ++i) {
          const auto& info = rules->tierings()[i];
          std::printf("thread %d: %s = %s\n", t, info.name.c_str(),
                      a.tiers[i] < 0 ? "(none)"
                                     : info.tiers[static_cast<std::size_t>(a.tiers[i])].id.c_str());
        }
      }
    });
  }
  for (auto& th : threads) th.join();
  return 0;
}
