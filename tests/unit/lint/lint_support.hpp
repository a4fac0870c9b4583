// Helpers of the linter tests: lint a rule text, and check a finding's example customer through
// the public API, independently of the linter.
//
// An example is evaluated as a run would evaluate it. A rule set without statistics over all
// customers evaluates it as a record. With statistics, it is evaluated against a real
// population: with sample data, a record against the population of a run over that data; without,
// a run over files holding the example alone. The statistics the example states must be the ones
// it saw there.
#pragma once

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "lint/context.hpp"
#include "strata/lint.hpp"
#include "test_support.hpp"

namespace strata::lint_testing {

inline RunOptions options_for(const linter::Witness& w) {
  RunOptions run;
  run.today = w.today.empty() ? "2026-11-01" : w.today;
  for (const auto& [name, value] : w.params) run.params[name] = value;
  return run;
}

inline std::string csv_cell(const std::string& text) {
  std::string out = "\"";
  for (char c : text) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

// The example written to CSV files, as a user would save it, and loaded through the public API.
inline std::optional<Dataset> load_alone(const RuleSet& rules, const linter::Witness& w) {
  const auto dir = testing::scratch_dir();
  std::string header, row;
  for (const auto& [name, value] : w.fields) {
    header += (header.empty() ? "" : ",") + name;
    row += (row.empty() ? "" : ",") + (value.empty() ? std::string() : csv_cell(value));
  }
  RuleSet::DataFiles files;
  files.records = (dir / "example_records.csv").string();
  std::ofstream(files.records, std::ios::binary) << header << "\n" << row << "\n";
  std::string key;
  for (const auto& [name, value] : w.fields) {
    if (name == rules.schema().record.fields[rules.schema().record.key_field].name) key = value;
  }
  for (const EventsSchema& es : rules.schema().events) {
    std::string text = es.by;
    for (const FieldSchema& f : es.fields) text += "," + f.name;
    text += "\n";
    for (const linter::WitnessEvent& e : w.events) {
      if (e.events != es.name) continue;
      text += csv_cell(key);
      for (const FieldSchema& f : es.fields) {
        std::string value;
        for (const auto& [name, v] : e.fields) {
          if (name == f.name) value = v;
        }
        text += "," + (value.empty() ? std::string() : csv_cell(value));
      }
      text += "\n";
    }
    const std::string path = (dir / ("example_" + es.name + ".csv")).string();
    std::ofstream(path, std::ios::binary) << text;
    files.events.push_back({es.name, path});
  }
  Diagnostics diags;
  return rules.load(files, diags);
}

// Evaluates one example through the compiled rule set and checks its claim (and the statistics
// it states). `data`: the sample data the linter was given, if any.
inline void check_witness(const RuleSet& rules, const linter::Finding& f,
                          const Dataset* data = nullptr) {
  REQUIRE(f.witness);
  const linter::Witness& w = *f.witness;
  INFO("example: " << linter::describe_witness(w));
  const RunOptions run = options_for(w);
  const bool statistics = !rules.plan().statistics.empty();
  bool ok = false;
  int tier = -2;
  Diagnostics eval_diags;
  std::shared_ptr<const Population> population;
  RunResult sample;
  if (statistics && data) {
    RunOptions keep = run;
    keep.keep_population = true;
    keep.threads = 1;
    sample = rules.run(*data, keep);
  }
  // Without a population of the sample (none given, or its run fails) the linter confirms
  // examples in a run of their own.
  if (statistics && !sample.ok) {
    // A run of the example alone.
    CHECK((w.alone || w.statistics.empty()));  // the values stated are those of a run of its own
    auto alone = load_alone(rules, w);
    REQUIRE(alone);
    RunOptions keep = run;
    keep.keep_population = true;
    keep.threads = 1;
    RunResult result = rules.run(*alone, keep);
    ok = result.ok;
    eval_diags = result.diags;
    if (ok) {
      const ResultColumn& c = result.tierings[f.tiering];
      tier = c.present[0] ? static_cast<int>(c.ints[0]) : -1;
      population = result.population;
    }
  } else {
    CHECK_FALSE(w.alone);
    CHECK((w.sample || w.statistics.empty()));
    population = sample.population;
    Diagnostics diags;
    auto record = rules.new_record(run, diags, population);
    REQUIRE(record);
    REQUIRE(linter::load_witness(w, *record));
    Assignment a;
    ok = rules.evaluate(*record, a, &eval_diags);
    if (ok) tier = a.tiers[f.tiering];
  }
  if (f.claim == linter::Claim::Gap) {
    REQUIRE(ok);
    CHECK(tier == -1);
  } else if (f.claim == linter::Claim::Stays) {
    REQUIRE(ok);
    REQUIRE(f.tiers.size() == 1);
    CHECK(tier == static_cast<int>(f.tiers[0]));
  } else {
    REQUIRE_FALSE(ok);
    bool conflict = false;
    for (const Diagnostic& d : eval_diags.all()) conflict |= d.code == DiagCode::UniqueConflict;
    CHECK(conflict);
  }
  // The statistics stated are those the example saw, wherever the run got that far.
  if (!population) return;
  Diagnostics diags;
  auto record = rules.new_record(run, diags, population);
  REQUIRE(record);
  REQUIRE(linter::load_witness(w, *record));
  Assignment a;
  if (!rules.evaluate(*record, a)) return;
  const std::vector<PopulationValue> seen = record->population_values();
  for (const linter::Witness::Statistic& s : w.statistics) {
    bool found = false;
    for (const PopulationValue& p : seen) {
      if (p.text != s.text) continue;
      found = true;
      CHECK((p.value.present ? p.value.to_string() : std::string("none")) == s.value);
      CHECK(p.position == s.position);
    }
    CHECK(found);
  }
}

inline std::vector<linter::Finding> lint_text(const std::string& text,
                                              std::shared_ptr<const RuleSet>& rules,
                                              const Dataset* data = nullptr) {
  Diagnostics diags;
  rules = compile_text({{"generated.strata", text}}, diags);
  if (!rules) FAIL(render(diags, *diags.sources()));
  LintOptions options;
  options.run.today = "2026-11-01";
  options.data = data;
  return linter::lint_findings(*rules, options);
}

}  // namespace strata::lint_testing
