// The linter's working state: the rule set being linted, its options, and the findings so far.
//
// Each family of rules is a function over a Context (rules_*.cpp). A finding is a Diagnostic
// with its rule id plus what tests need to check it independently: the example customer of a
// gap or overlap, and the tiering and tiers it is about.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "check/model.hpp"
#include "strata/lint.hpp"
#include "strata/strata.hpp"

namespace strata::linter {

struct WitnessEvent {
  std::string events;                                       // the events name
  std::vector<std::pair<std::string, std::string>> fields;  // field -> value text
};

// A concrete customer: record field values (as in a CSV cell; "" = missing), events, and the
// values of run constants (`today`, parameters without a default) it needs.
struct Witness {
  std::vector<std::pair<std::string, std::string>> fields;
  std::vector<bool> shown;  // per field: whether the rules read it (the description shows those)
  std::vector<WitnessEvent> events;
  std::vector<std::string> without_events;  // events the rules read, of which it has none
  std::map<std::string, std::string> params;
  std::string today;  // empty: the example does not depend on it
  // Values of expressions the finding asked for (a table's columns), as cells write them:
  // `yes`/`no` for yes/no values, `none` when missing.
  std::vector<std::string> values;
  // The statistics over all customers the tiering reads, as the example saw them (when it got a
  // tier): of the sample data's population (`sample`), or of a run of the example alone
  // (`alone`). Both flags are false when the tiering reads no statistics.
  struct Statistic {
    std::string text;  // `avg(R)`
    std::string value;
    bool position = false;  // the customer's own (`quintile(recency)`)
  };
  std::vector<Statistic> statistics;
  bool alone = false, sample = false;
};

// What a finding's example customer demonstrates: it gets no tier of the tiering (Gap), it stops
// the run with a unique conflict between the finding's two tiers or rows (Overlap), or it stays in
// tier `tiers[0]` because none of that tier's sub-tiers takes it (Stays).
enum class Claim : std::uint8_t { None, Gap, Overlap, Stays };

struct Finding {
  LintRule rule{};
  Diagnostic diag;
  Claim claim = Claim::None;       // what `witness` demonstrates
  std::optional<Witness> witness;  // a customer really in the gap or the overlap
  std::uint32_t tiering = 0;
  std::vector<std::uint32_t> tiers;  // the overlapping tiers (Overlap), the parent (Stays)
  std::vector<std::uint32_t> rows;   // table rows the finding is about (Overlap: the two rows)
};

class Analysis;

class Context {
 public:
  Context(const RuleSet& rules, const LintOptions& options);
  ~Context();

  const RuleSet& rules() const { return rules_; }
  const Model& model() const { return model_; }
  const LintOptions& options() const { return options_; }
  bool enabled(LintRule rule) const { return options_.config.level(rule) != LintLevel::Off; }

  // Starts a finding of `rule` at `span` (the primary label); add labels, notes and help to it.
  Finding& report(LintRule rule, Span span, std::string message, std::string label = {});
  std::vector<Finding>& findings() { return findings_; }
  std::string text(const Span& span) const { return std::string(model_.sources->text(span)); }
  // The value analysis, built on first use (analysis.hpp).
  Analysis& analysis();

 private:
  const RuleSet& rules_;
  const Model& model_;
  const LintOptions& options_;
  std::vector<Finding> findings_;
  std::unique_ptr<Analysis> analysis_;
};

// Adds a secondary label to a finding.
inline void add_label(Finding& f, Span span, std::string message) {
  f.diag.labels.push_back({span, std::move(message), false});
}

// The rule families.
void check_style(Context& ctx);       // rules_style.cpp
void check_names(Context& ctx);       // rules_names.cpp: naming, shadowed-name
void check_tierings(Context& ctx);    // rules_tiering.cpp: tier lists
void check_tables(Context& ctx);      // rules_table.cpp: decision tables
void check_conditions(Context& ctx);  // rules_condition.cpp
void check_data(Context& ctx);        // rules_data.cpp
void check_sops(Context& ctx);        // rules_sop.cpp

// Every finding after levels and suppressions, sorted by position (lint.cpp).
std::vector<Finding> lint_findings(const RuleSet& rules, const LintOptions& options);

// "`employees` = none, and 2 `Order` events (...)" (witness.cpp).
std::string describe_witness(const Witness& w);
// The expressions of an SOP: event filters, start dates, action owners, message parts, due times
// (walk.cpp).
std::vector<const ast::Expr*> sop_expressions(const SopSymbol& sop);
// Sets a Record's fields and events to the example's; false when a value does not parse.
bool load_witness(const Witness& w, Record& record);

}  // namespace strata::linter
