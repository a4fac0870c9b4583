// Evaluates small rule sets over small in-memory data for VM tests: the rules are compiled from
// text, the data written to temporary CSV files and loaded by the real loader, so each test runs
// the whole pipeline.
#pragma once

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "strata/strata.hpp"
#include "test_support.hpp"

namespace strata::testing {

struct Evaluated {
  RunResult result;
  std::string diagnostics;  // rendered, when compile, load or run failed
  bool ok = false;
};

inline std::string temp_file(const std::string& name, const std::string& text) {
  const auto dir = scratch_dir();
  const auto path = dir / name;
  std::ofstream(path, std::ios::binary) << text;
  return path.string();
}

// `rules` is a rule set body; a record `C key id { id: string, ... }` must be declared in it.
inline Evaluated evaluate(const std::string& rules, const std::string& customers_csv,
                          const std::string& orders_csv = {},
                          const std::vector<std::string>& columns = {},
                          const std::map<std::string, std::string>& params = {}) {
  Evaluated out;
  Diagnostics diags;
  auto compiled = compile_text({{"test.strata", rules}}, diags);
  if (!compiled) {
    out.diagnostics = render(diags, *diags.sources());
    return out;
  }
  RuleSet::DataFiles files;
  files.records = temp_file("customers.csv", customers_csv);
  if (!orders_csv.empty()) files.events.push_back({"Order", temp_file("orders.csv", orders_csv)});
  auto data = compiled->load(files, diags);
  if (!data) {
    out.diagnostics = render(diags, *diags.sources());
    return out;
  }
  RunOptions options;
  options.columns = columns;
  options.params = params;
  options.threads = 1;
  out.result = compiled->run(*data, options);
  if (!out.result.ok) {
    out.diagnostics = render(out.result.diags, *out.result.diags.sources());
    return out;
  }
  out.ok = true;
  return out;
}

// The text of let `column` for each customer ("" for none).
inline std::vector<std::string> column_text(const Evaluated& e, std::size_t column = 0) {
  std::vector<std::string> values;
  const ResultColumn& c = e.result.lets.at(column);
  for (std::size_t r = 0; r < c.present.size(); ++r) {
    const Value v = c.at(r);
    values.push_back(v.present ? v.to_string() : "none");
  }
  return values;
}

// The tier id of tiering `tiering` for each customer ("none" when there is none).
inline std::vector<std::string> tier_ids(const Evaluated& e, std::size_t tiering) {
  std::vector<std::string> ids;
  const ResultColumn& c = e.result.tierings.at(tiering);
  for (std::size_t r = 0; r < c.present.size(); ++r) {
    const Value v = c.at(r);
    ids.push_back(v.present ? v.text : "none");
  }
  return ids;
}

}  // namespace strata::testing
