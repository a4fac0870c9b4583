// The public C++ API of strata: compile a rule set once, evaluate it many times.
//
//   strata::Diagnostics diags;
//   auto rules = strata::compile({"rules/retail"}, diags);
//   if (!rules) { std::cerr << strata::render(diags, *diags.sources()); return 1; }
//   auto data = rules->load({.records = "customers.csv", .events = {{"Order", "orders.csv"}}},
//   diags); strata::RunOptions options; options.params["as_of"] = "2026-11-01"; strata::RunResult
//   result = rules->run(*data, options);
//
// A RuleSet is immutable after compile() and safe to use from many threads at once: run() and
// evaluate() keep their scratch state per call (run) or per Record (evaluate). The CLI, the
// language server and embedders all go through this header.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "strata/dataset.hpp"
#include "strata/decimal.hpp"
#include "strata/diagnostic.hpp"
#include "strata/kpi.hpp"
#include "strata/operations.hpp"
#include "strata/source.hpp"

namespace strata {

struct Model;
class RuleSet;
class Population;
namespace vm {
struct Program;
struct Plan;
class Context;
}  // namespace vm
namespace sop {
struct Plan;
}  // namespace sop
namespace kpi {
struct Plan;
}  // namespace kpi
namespace population {
struct Snapshot;
}  // namespace population
namespace api {
class SingleRow;
// The statistics a population holds, for the engine's own readers (the linter places example
// customers in it as a record would be).
const population::Snapshot* snapshot_of(const Population& population);
}  // namespace api

// ---- values -------------------------------------------------------------------------------------

enum class ResultKind : std::uint8_t {
  Int,
  Decimal,
  Bool,
  String,
  Date,
  DateTime,
  Duration,
  Period,
  Enum,
  Tier,
  None,
};

// One value as users see it (explanations, single-record evaluation).
struct Value {
  ResultKind kind = ResultKind::None;
  bool present = false;
  std::int64_t i = 0;
  Decimal d;
  std::string text;  // String, and the name of an Enum member or Tier
  // Plain text: "23410.5", "2026-11-01", "90d", "yes"; empty when missing.
  std::string to_string() const;
  // For people: thousands separators, "none" when missing.
  std::string to_display() const;
};

// A column of per-customer results (a tiering or a requested let).
struct ResultColumn {
  std::string name;
  ResultKind kind = ResultKind::None;
  std::vector<std::int64_t> ints;      // Int, Bool, Date, DateTime, Duration, Period, Enum, Tier
  std::vector<Decimal::Rep> decimals;  // Decimal
  std::vector<std::string> texts;      // String
  std::vector<std::uint8_t> present;
  std::vector<std::string> names;  // Enum members or tier ids, indexed by the int value
  Value at(std::size_t row) const;
};

// ---- rule-set description -----------------------------------------------------------------------

// One tier. Sub-tiers (nested tiers, the combinations of a product) follow their parent, so the
// tiers within tier i, i included, are [i, end): a customer's tier is an index into this list.
struct TierInfo {
  std::string id;     // `top`, or `top.important_value` for a sub-tier
  std::string label;  // for people: a sub-tier's is its path, "顶层客户 / 重要价值客户"
  std::string own_label;  // as written on this tier alone; empty when none
  int parent = -1;        // the enclosing tier, -1 at the top level
  std::size_t depth = 0;  // 0 at the top level
  std::size_t end = 0;    // one past the last sub-tier
};

// A decision table's row, as written: its cells, and the tier it leads to.
struct TableRowInfo {
  std::vector<std::string>
      cells;  // `yes`, `-`, `>= 5`, `1..3`, `[ict, retail]`; empty for otherwise
  std::size_t tier = 0;
  bool otherwise = false;
};

struct TieringInfo {
  enum class Form : std::uint8_t { Tiers, Table, Product };
  std::string name;
  std::string label;
  bool unique = false;
  bool has_otherwise = false;  // every customer gets a tier
  std::vector<TierInfo> tiers;
  Form form = Form::Tiers;
  std::vector<std::string> columns;   // Table: each column as written
  std::vector<TableRowInfo> rows;     // Table
  std::vector<std::string> operands;  // Product: the tierings combined, in order

  // Whether tier `tier` is `ancestor` or one of its sub-tiers.
  bool within(std::size_t tier, std::size_t ancestor) const {
    return tier >= ancestor && tier < tiers[ancestor].end;
  }
};

struct ParamInfo {
  std::string name;
  std::string type;
  std::optional<std::string> default_value;  // text form; "today" for today
};

// ---- running ------------------------------------------------------------------------------------

struct RunOptions {
  std::map<std::string, std::string> params;  // text values, parsed by each parameter's type
  std::vector<std::string> columns;           // lets to include in the result
  unsigned threads = 0;                       // 0: one per hardware thread
  std::string today;                          // "YYYY-MM-DD"; empty: the system's local date
  // The previous run's state (read_state); null: a first run. It must stay alive during run().
  const RunState* previous = nullptr;
  // Called from worker threads with the number of customers done so far (over every phase: a
  // rule set with statistics over all customers evaluates each customer once per phase).
  std::function<void(std::size_t done, std::size_t total)> progress;
  // Keep the statistics over all customers in RunResult::population, with what is needed to
  // evaluate single records or explain customers against this run's population later.
  bool keep_population = false;
  // Compute the rule set's KPIs (RunResult::kpis); their per-customer inputs are evaluated with
  // the tierings, in the same pass.
  bool kpis = false;
  // Build RunResult::state, what the next run needs (write_state). Without a previous state and
  // without SOPs nothing else reads it, so a run whose state is not kept may skip it: one
  // CustomerState per customer is a large part of a plain run's time and memory.
  bool keep_state = true;
};

struct RunResult {
  bool ok = false;
  Diagnostics diags;                               // parameter and evaluation errors
  std::vector<ResultColumn> tierings;              // one per tiering, in declaration order
  std::vector<ResultColumn> lets;                  // the requested columns
  std::vector<std::vector<std::uint64_t>> counts;  // per tiering: customers per tier, then none
  double seconds = 0;                              // evaluation time
  // The run's date (days): the `as_of` parameter when the rule set has one, else `today`; and
  // the instant SOPs are measured at (the end of that day, or `as_of` itself when a datetime).
  std::int64_t run_date = 0;
  std::int64_t now = 0;
  bool first_run = true;                      // no previous state was given
  RunState state;                             // what to keep for the next run (write_state)
  std::vector<TierChange> changes;            // in data order, then customers that left the data
  std::vector<ObligationResult> obligations;  // per customer (data order) and obligation
  std::vector<SopAction> actions;             // in data order
  std::vector<SopCompliance> compliance;      // per SOP and target tier
  double statistics_seconds = 0;              // of which computing statistics over all customers
  // Of `seconds`, each per-customer phase in order (PlanInfo::phases; the first makes the passes
  // over events); with statistics_seconds they add up to nearly all of it.
  std::vector<double> phase_seconds;
  // With RunOptions::keep_population, when the rule set uses statistics over all customers.
  std::shared_ptr<const Population> population;
  // With RunOptions::kpis: one per KPI of RuleSet::kpis(), in order.
  std::vector<KpiResult> kpis;
  double kpi_seconds = 0;  // of the evaluation time, aggregating and computing the KPIs
};

// A statistic over all customers as one customer sees it: the value for the whole run
// (`avg(R) = 3.02`, over the customers whose R is present), or the customer's own position
// (`quintile(recency) = 4`, among the customers whose recency is present).
struct PopulationValue {
  std::string text;  // as written: `avg(R)`
  Value value;
  std::size_t over = 0;
  bool position = false;
  std::vector<std::string> used_by;  // lets and tierings that use it
};

// The statistics over all customers of one run (RunOptions::keep_population): their values,
// and for positions the run's sorted values, so that a record evaluated later is placed among
// that run's customers. Immutable; share it between threads and records.
class Population {
 public:
  ~Population();
  std::size_t customers() const;
  // Every statistic of the rule set: aggregates with their value, positions with none.
  const std::vector<PopulationValue>& statistics() const { return statistics_; }

 private:
  friend class RuleSet;
  friend const population::Snapshot* api::snapshot_of(const Population& population);
  Population();
  std::unique_ptr<population::Snapshot> snapshot_;
  std::string rules_hash_;
  std::vector<PopulationValue> statistics_;
};

// Why a customer is where it is: for each tiering, each tier tried in order with its terms.
enum class Truth : std::uint8_t { False, True, Unknown };

struct Term {
  std::string source;  // the term as written: `monetary >= 20_000`; a table cell's column
  Span span;
  Truth result = Truth::Unknown;
  // For comparisons: both sides with their values (`monetary` = 23,410.50); for a table cell,
  // the column with its value.
  std::vector<std::pair<std::string, Value>> operands;
  // ">=", "between", "in", "is", ... ; empty for other terms. Table cells: the cell's operator
  // (`>=`), "in" for a list or range, empty for a value (`yes`, `5`).
  std::string op;
  std::string cell;  // table cells: the cell as written (`yes`, `>= 5`, `[ict, retail]`)
  // Table cells whose column is a comparison, written in the column (`r_score > avg(r_score)`)
  // or in the let the column names (`r_high`, also through `?? false`): that comparison with
  // the values of both sides, so the explanation says why the column is yes or no.
  std::vector<Term> because;
};

struct TierTrial {
  std::size_t tier = 0;
  Truth result = Truth::Unknown;
  bool otherwise = false;
  std::optional<std::size_t> row;  // decision tables: the row tried (its cells are the terms)
  std::vector<Term> terms;
};

struct TieringExplanation {
  std::size_t tiering = 0;
  std::optional<std::size_t> tier;  // none when no tier matched
  // First match: every tier (or table row) up to the chosen one, then the sub-tiers of the chosen
  // one up to the chosen sub-tier; unique: every tier of each of those levels. A product has no
  // trials: its tier follows from its operands' tiers, explained on their own.
  std::vector<TierTrial> trials;
  // With a `hold` rule: the tier the conditions give, when the rule keeps the customer in `tier`.
  bool held = false;
  std::optional<std::size_t> conditions_tier;
};

struct Explanation {
  std::string key;
  std::vector<std::pair<std::string, Value>> lets;  // every let the tierings read
  std::vector<TieringExplanation> tierings;
  // The customer's SOP obligations and the actions the run gives it (with the run's state).
  std::vector<ObligationResult> obligations;
  std::vector<SopAction> actions;
  std::int64_t now = 0;
  std::vector<PopulationValue> population;  // the statistics over all customers it used
};

// How a rule set is evaluated: its per-customer phases and the statistics over all customers
// computed between them (`strata explain-plan`).
struct PlanInfo {
  struct Statistic {
    std::string text;         // as first written: `quintile(recency)`
    std::string description;  // "each customer's bucket of equal-count buckets"
    std::size_t stage = 0;    // computed before phase `stage` (0-based)
    bool position = false;    // one value per customer, rather than one for the run
    std::string argument;     // `recency`; empty for count()
    std::vector<std::string> used_by;
    Span span;
    std::size_t calls = 0;  // how often it is written; it is computed once
  };
  struct Phase {
    std::string name;
    std::vector<std::string> computes;      // lets and tierings, in evaluation order
    std::vector<std::string> event_passes;  // fused passes over events
    std::vector<std::string> carries;       // values stored for later phases
  };
  std::vector<Phase> phases;
  std::vector<Statistic> statistics;
  std::size_t sorts = 0;  // one per distinct argument of statistics that need an order
};

// ---- single records -----------------------------------------------------------------------------

// One customer with its events, for low-latency evaluation. Create it from a RuleSet, fill it,
// evaluate, clear, fill again: after the first evaluation nothing is allocated unless the record
// grows. A Record is used by one thread at a time.
class Record {
 public:
  Record(Record&&) noexcept;
  Record& operator=(Record&&) noexcept;
  ~Record();
  // The statistics over all customers this record is evaluated against, with its own positions
  // from the last evaluation; empty when the rule set uses none.
  std::vector<PopulationValue> population_values() const;

  // Sets a field from its text form (as in a CSV cell); false with a reason on bad input.
  bool set(std::string_view field, std::string_view text, std::string* error = nullptr);
  // Typed setters by field index (RuleSet::schema().record.fields order); no parsing.
  void set_int(std::size_t field, std::int64_t value);
  void set_decimal(std::size_t field, Decimal value);
  void set_missing(std::size_t field);
  // Appends one event from (field, text) pairs; false with a reason on bad input.
  bool add_event(std::string_view events,
                 const std::vector<std::pair<std::string_view, std::string_view>>& fields,
                 std::string* error = nullptr);
  void clear_events();

 private:
  friend class RuleSet;
  Record() = default;
  std::unique_ptr<Dataset> data_;
  std::unique_ptr<api::SingleRow> phases_;
  std::shared_ptr<const Population> population_;
  const RuleSet* rules_ = nullptr;
};

// The tier of each tiering for one record: an index into TieringInfo::tiers, or -1 for none.
struct Assignment {
  std::vector<int> tiers;
};

// ---- the compiled rule set ----------------------------------------------------------------------

class RuleSet {
 public:
  ~RuleSet();

  const Schema& schema() const { return *schema_; }
  std::shared_ptr<const Schema> schema_ptr() const { return schema_; }
  const std::vector<TieringInfo>& tierings() const { return tierings_; }
  std::vector<ParamInfo> params() const;
  std::vector<std::string> let_names() const;
  const SourceManager& sources() const;
  const Model& model() const { return *model_; }
  // A stable hash of the rule-set sources, for reports and state files.
  std::string hash() const;
  const std::vector<SopInfo>& sops() const { return sops_; }
  const std::vector<ObligationInfo>& obligations() const { return obligations_; }
  const std::vector<KpiInfo>& kpis() const { return kpis_; }

  // The state a run left (RunResult::state), read back for the next run. Errors (E0405 a file
  // that is not a state, E0406 a tier the rule set no longer has) go to diags.
  std::optional<RunState> read_state(const std::string& path, Diagnostics& diags,
                                     const StateReadOptions& options = {}) const;
  std::optional<RunState> parse_state(std::string_view text, const std::string& name,
                                      Diagnostics& diags,
                                      const StateReadOptions& options = {}) const;
  // Writes a state as JSON Lines in pieces to `sink`; false when the sink fails.
  bool write_state(const RunState& state, const std::function<bool(std::string_view)>& sink) const;

  // Loads records and events for this rule set (CSV or JSON Lines by extension).
  struct DataFiles {
    std::string records;
    std::vector<EventsInput> events;
    LoadOptions options;
  };
  std::optional<Dataset> load(const DataFiles& files, Diagnostics& diags) const;

  RunResult run(const Dataset& data, const RunOptions& options) const;
  // Explains the customer whose key is `key`; nullopt (with a diagnostic) when there is none.
  // Statistics over all customers come from `population` (a run of this rule set over `data`
  // with the same options, to avoid computing them again), else from a run over `data`.
  std::optional<Explanation> explain(const Dataset& data, std::string_view key,
                                     const RunOptions& options, Diagnostics& diags,
                                     const Population* population = nullptr) const;

  // A record to fill and evaluate; parameters are fixed when the record is created. A rule set
  // with statistics over all customers evaluates records against `population` (kept by a run
  // of this rule set); without one, new_record fails with E0408.
  std::optional<Record> new_record(const RunOptions& options, Diagnostics& diags,
                                   std::shared_ptr<const Population> population = nullptr) const;
  // Evaluates one record; false (with diags) on an evaluation error.
  bool evaluate(Record& record, Assignment& out, Diagnostics* diags = nullptr) const;

  // The phases and statistics of the rule set (`strata explain-plan`).
  PlanInfo plan() const;
  // Readable listings for `strata disasm` and `--dump`.
  std::string disassemble() const;
  std::string dump_ast() const;
  std::string dump_tokens() const;

 private:
  friend std::shared_ptr<const RuleSet> compile(const std::vector<std::string>&, Diagnostics&);
  friend std::shared_ptr<const RuleSet> compile_text(
      const std::vector<std::pair<std::string, std::string>>&, Diagnostics&);
  friend class Record;
  RuleSet() = default;
  static std::shared_ptr<const RuleSet> from_model(std::unique_ptr<Model> model,
                                                   Diagnostics& diags);

  std::unique_ptr<Model> model_;
  std::shared_ptr<const Schema> schema_;
  std::vector<TieringInfo> tierings_;
  std::vector<SopInfo> sops_;
  std::vector<ObligationInfo> obligations_;
  std::shared_ptr<const sop::Plan> sop_plan_;  // calendars and where SOP values are computed
  std::unique_ptr<vm::Plan> plan_;
  std::vector<KpiInfo> kpis_;
  std::shared_ptr<const kpi::Plan> kpi_plan_;  // the KPIs' per-customer inputs and aggregates
  std::unique_ptr<vm::Plan> kpi_run_plan_;     // plan_ with the KPIs' inputs; null without KPIs
  std::size_t kpi_first_extra_ = 0;            // the extra output of the first KPI input
  // The plan for `options` (its own when only tierings are asked for), and the one-row evaluation
  // against a population shared by explain() and records.
  std::unique_ptr<vm::Plan> plan_for(const RunOptions& options, Diagnostics& diags) const;
  bool check_population(const Population* population, Diagnostics& diags) const;
  std::shared_ptr<const Population> keep(std::unique_ptr<population::Snapshot> snapshot,
                                         const vm::Plan& plan) const;
};

// Compiles rule files; a directory stands for every *.strata file in it (sorted by name). Returns
// null when there are errors; warnings are left in diags either way.
std::shared_ptr<const RuleSet> compile(const std::vector<std::string>& paths, Diagnostics& diags);
// Compiles rule text held in memory: (name, text) pairs.
std::shared_ptr<const RuleSet> compile_text(
    const std::vector<std::pair<std::string, std::string>>& sources, Diagnostics& diags);

}  // namespace strata
