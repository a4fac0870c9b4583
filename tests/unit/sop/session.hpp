// Runs of a rule set over changing data with the state carried from run to run, for the SOP
// tests: a Session compiles rules once, loads customers (and Touch events) from CSV text, and
// passes each run's state, through its file form, to the next run.
#pragma once

#include <catch2/catch.hpp>

#include <optional>
#include <string>
#include <vector>

#include "strata/strata.hpp"
#include "vm/eval_helper.hpp"

namespace strata::testing {

// Diagnostics as text; empty when none were reported (and no sources were set).
inline std::string rendered(const Diagnostics& diags) {
  return diags.sources() ? render(diags, *diags.sources()) : std::string();
}

struct Session {
  std::shared_ptr<const RuleSet> rules;
  std::optional<RunState> state;

  explicit Session(const std::string& text) {
    Diagnostics diags;
    rules = compile_text({{"sop.strata", text}}, diags);
    INFO(rendered(diags));
    REQUIRE(rules);
  }

  RunResult run(const std::string& customers, const std::string& touches, const std::string& as_of,
                unsigned threads = 1, std::vector<std::string> columns = {}) {
    Diagnostics diags;
    RuleSet::DataFiles files;
    files.records = temp_file("c.csv", customers);
    if (!rules->schema().events.empty()) {
      files.events.push_back({"Touch", temp_file("t.csv", touches)});
    }
    auto data = rules->load(files, diags);
    INFO(rendered(diags));
    REQUIRE(data);
    RunOptions options;
    options.params["as_of"] = as_of;
    options.threads = threads;
    options.columns = std::move(columns);
    if (state) options.previous = &*state;
    RunResult result = rules->run(*data, options);
    INFO(rendered(result.diags));
    REQUIRE(result.ok);
    // Carry the state through its file form, as the CLI does.
    std::string text;
    REQUIRE(rules->write_state(result.state, [&](std::string_view piece) {
      text += piece;
      return true;
    }));
    Diagnostics state_diags;
    state = rules->parse_state(text, "state.jsonl", state_diags);
    REQUIRE(state);
    return result;
  }

  std::string tier(const RunResult& r, std::size_t row, std::size_t tiering = 0) const {
    const Value v = r.tierings[tiering].at(row);
    return v.present ? v.text : "none";
  }
};

inline std::string changes_text(const RuleSet& rules, const RunResult& r) {
  std::string out;
  for (const TierChange& c : r.changes) {
    const auto& tiers = rules.tierings()[c.tiering].tiers;
    out += c.key + ":" + std::string(change_kind_name(c.kind)) + ":" +
           (c.from >= 0 ? tiers[static_cast<std::size_t>(c.from)].id : "none") + ">" +
           (c.to >= 0 ? tiers[static_cast<std::size_t>(c.to)].id : "none") + " ";
  }
  return out;
}

}  // namespace strata::testing
