// RuleSet::explain: why one customer is in its tiers.
//
// The condition of every tier is split into its terms (the operands of its top-level `and`/`or`
// chain), and each term and the operands of each comparison are compiled as probes into one
// program evaluated for that customer alone; decision tables output their column values, cell
// tests and row results the same way. The values shown are therefore computed by the same VM,
// from the same bytecode lowering, as the run itself. Statistics over all customers come from
// the population of a run over the same data, in which the customer takes its own place.
#include <map>
#include <tuple>

#include "api/condition_terms.hpp"
#include "api/operations.hpp"
#include "api/outputs.hpp"
#include "api/params.hpp"
#include "api/single_row.hpp"
#include "compile/compiler.hpp"
#include "strata/strata.hpp"
#include "vm/context.hpp"

namespace strata {

namespace {

// The operands worth showing for a term, and the operator between them.
std::vector<const ast::Expr*> term_operands(const ast::Expr& term, std::string& op) {
  if (const auto* b = term.as<ast::BinaryExpr>()) {
    if (ast::is_comparison(b->op)) {
      op = ast::binary_op_spelling(b->op);
      return {b->lhs.get(), b->rhs.get()};
    }
  }
  if (const auto* b = term.as<ast::BetweenExpr>()) {
    op = b->negated ? "not between" : "between";
    return {b->value.get(), b->low.get(), b->high.get()};
  }
  if (const auto* in = term.as<ast::InExpr>()) {
    op = in->negated ? "not in" : "in";
    return {in->value.get()};
  }
  if (const auto* is = term.as<ast::IsExpr>()) {
    op = is->negated ? "is not" : "is";
    return {is->value.get()};
  }
  // A yes/no value by name (`r_high`), possibly negated (`not r_high`): show the value.
  if (term.as<ast::NameExpr>() || term.as<ast::MemberExpr>()) return {&term};
  if (const auto* u = term.as<ast::UnaryExpr>(); u && u->op == ast::UnaryOp::Not) {
    if (u->operand->as<ast::NameExpr>() || u->operand->as<ast::MemberExpr>()) {
      op = "not";
      return {u->operand.get()};
    }
  }
  return {};
}

// The comparison a yes/no table column is computed from: the column itself, or the definition
// of the let it names, looking through `?? default` (`r_high = (r_score > avg(r_score)) ?? false`).
const ast::Expr* comparison_behind(const Model& model, const ast::Expr& column) {
  const ast::Expr* e = &column;
  // Lets cannot form cycles (the checker rejects them); the bound only guards the walk.
  for (int step = 0; step < 16 && e != nullptr; ++step) {
    if (e->as<ast::NameExpr>() || e->as<ast::MemberExpr>()) {
      const Resolution& r = model.names[e->id];
      if (r.kind != SymbolKind::Let || !model.lets[r.index].decl) return nullptr;
      e = model.lets[r.index].decl->value.get();
      continue;
    }
    const auto* b = e->as<ast::BinaryExpr>();
    if (b == nullptr) return nullptr;
    if (b->op == ast::BinaryOp::Coalesce) {
      e = b->lhs.get();
      continue;
    }
    return ast::is_comparison(b->op) ? e : nullptr;
  }
  return nullptr;
}

Truth truth_of(const Value& v) {
  if (!v.present) return Truth::Unknown;
  return v.i != 0 ? Truth::True : Truth::False;
}

}  // namespace

namespace {

// Probe layout per tier: the condition, then per term: the term and its operands.
struct TermProbe {
  const ast::Expr* term;
  std::size_t probe;
  std::string op;
  std::vector<std::pair<const ast::Expr*, std::size_t>> operands;
};
struct TierProbe {
  std::size_t condition = 0;
  std::vector<TermProbe> terms;
};

// The outputs of one evaluated explanation program, and what each stands for.
class ExplainRun {
 public:
  ExplainRun(const Model& model, const vm::Program& program, vm::Context& ctx)
      : model_(model),
        ctx_(ctx),
        tierings_(model.tierings.size()),
        raw_tiers_(model.tierings.size()) {
    for (const vm::Output& o : program.outputs) {
      switch (o.kind) {
        case vm::Output::Kind::Probe:
          if (probes_.size() <= o.index) probes_.resize(o.index + 1);
          probes_[o.index] = &o;
          break;
        case vm::Output::Kind::Tiering:
          tierings_[o.index] = &o;
          break;
        case vm::Output::Kind::RawTier:
          raw_tiers_[o.index] = &o;
          break;
        case vm::Output::Kind::Extra:
          break;
        case vm::Output::Kind::TableColumn:
        case vm::Output::Kind::TableCell:
        case vm::Output::Kind::TableRow:
          table_[{o.kind, o.index, o.part, o.cell}] = &o;
          break;
        case vm::Output::Kind::Let:
          lets.emplace_back(o.name, value(o));
          break;
        case vm::Output::Kind::Carry:
          break;
      }
    }
  }

  Value value(const vm::Output& o) const { return api::register_value(model_, o, ctx_, 0); }
  Value probe(std::size_t p) const { return value(*probes_[p]); }
  Value tiering(std::size_t t) const { return value(*tierings_[t]); }
  // A held tiering's tier before its hold rule; nullopt without a hold rule.
  std::optional<Value> raw_tier(std::size_t t) const {
    if (!raw_tiers_[t]) return std::nullopt;
    return value(*raw_tiers_[t]);
  }
  Value table(vm::Output::Kind kind, std::size_t t, std::size_t part, std::size_t cell = 0) const {
    return value(*table_.at({kind, static_cast<std::uint32_t>(t), static_cast<std::uint32_t>(part),
                             static_cast<std::uint32_t>(cell)}));
  }

  std::vector<std::pair<std::string, Value>> lets;

 private:
  using Key = std::tuple<vm::Output::Kind, std::uint32_t, std::uint32_t, std::uint32_t>;
  const Model& model_;
  vm::Context& ctx_;
  std::vector<const vm::Output*> probes_;
  std::vector<const vm::Output*> tierings_;
  std::vector<const vm::Output*> raw_tiers_;
  std::map<Key, const vm::Output*> table_;
};

std::string text_of(const Model& model, const Span& span) {
  return std::string(model.sources->text(span));
}

TierTrial tier_trial(const Model& model, const TieringSymbol& ts, const TierProbe& plan,
                     std::uint32_t tier, const std::optional<std::size_t>& result,
                     const ExplainRun& run) {
  TierTrial trial;
  trial.tier = tier;
  trial.otherwise = ts.tiers[tier].otherwise;
  if (trial.otherwise) {
    trial.result =
        result && ts.within(static_cast<std::uint32_t>(*result), tier) ? Truth::True : Truth::False;
    return trial;
  }
  trial.result = truth_of(run.probe(plan.condition));
  for (const TermProbe& tp : plan.terms) {
    Term term;
    term.source = text_of(model, tp.term->span);
    term.span = tp.term->span;
    term.result = truth_of(run.probe(tp.probe));
    term.op = tp.op;
    for (const auto& [operand, p] : tp.operands) {
      term.operands.emplace_back(text_of(model, operand->span), run.probe(p));
    }
    trial.terms.push_back(std::move(term));
  }
  return trial;
}

// Tiers level by level: the top level, then the sub-tiers of the tier on the path of `matched`,
// the tier the conditions give (before a hold rule).
void explain_tiers(const Model& model, const TieringSymbol& ts, const std::vector<TierProbe>& plan,
                   const ExplainRun& run, const std::optional<std::size_t>& matched,
                   TieringExplanation& te) {
  std::optional<std::uint32_t> parent;
  for (;;) {
    std::optional<std::uint32_t> chosen;
    const std::vector<std::uint32_t> level = ts.children_of(parent);
    for (std::uint32_t i : level) {
      if (matched && ts.within(static_cast<std::uint32_t>(*matched), i)) chosen = i;
    }
    for (std::uint32_t i : level) {
      te.trials.push_back(tier_trial(model, ts, plan[i], i, matched, run));
      // First match stops at the chosen tier; `unique` shows every tier.
      if (ts.policy == ast::HitPolicy::First && chosen == i) break;
    }
    if (!chosen || !ts.has_children(*chosen)) return;
    parent = chosen;
  }
}

// How a cell compares its column: "" for a value (`yes`, `5`, `none`), its operator for a
// comparison, "in" for a list or a range.
std::string cell_operator(const TableCellSymbol& cell) {
  switch (cell.test) {
    case CellTest::Compare:
      return std::string(ast::binary_op_spelling(cell.op));
    case CellTest::List:
    case CellTest::Range:
      return "in";
    default:
      return {};
  }
}

// Per table column: the comparison behind it with its probes (the comparison, then each side).
struct ColumnProbe {
  const ast::Expr* comparison = nullptr;  // a BinaryExpr with a comparison operator
  std::size_t result = 0, lhs = 0, rhs = 0;
};

void explain_table(const Model& model, std::size_t t, const std::vector<ColumnProbe>& columns,
                   const ExplainRun& run, const std::optional<std::size_t>& matched_tier,
                   TieringExplanation& te) {
  using Kind = vm::Output::Kind;
  const TieringSymbol& ts = model.tierings[t];
  const DecisionTableSymbol& table = *ts.table;
  std::optional<std::size_t> matched;
  for (std::size_t r = 0; r < table.rows.size() && !matched; ++r) {
    const bool otherwise = table.rows[r].otherwise;
    if (otherwise ? matched_tier.has_value()
                  : truth_of(run.table(Kind::TableRow, t, r)) == Truth::True) {
      matched = r;
    }
  }
  for (std::size_t r = 0; r < table.rows.size(); ++r) {
    const TableRowSymbol& row = table.rows[r];
    TierTrial trial;
    trial.tier = row.tier;
    trial.row = r;
    trial.otherwise = row.otherwise;
    trial.result = row.otherwise ? (matched == r ? Truth::True : Truth::False)
                                 : truth_of(run.table(Kind::TableRow, t, r));
    for (std::size_t c = 0; c < row.cells.size(); ++c) {
      const ast::Expr& column = *table.columns[c].expr;
      Term term;
      term.source = text_of(model, column.span);
      term.span = row.cells[c].cell->span;
      term.cell = text_of(model, term.span);
      term.result = truth_of(run.table(Kind::TableCell, t, r, c));
      term.op = cell_operator(row.cells[c]);
      term.operands.emplace_back(term.source, run.table(Kind::TableColumn, t, c));
      if (const ColumnProbe& cp = columns[c]; cp.comparison) {
        const auto& cmp = *cp.comparison->as<ast::BinaryExpr>();
        Term because;
        because.source = text_of(model, cp.comparison->span);
        because.span = cp.comparison->span;
        because.result = truth_of(run.probe(cp.result));
        because.op = ast::binary_op_spelling(cmp.op);
        because.operands.emplace_back(text_of(model, cmp.lhs->span), run.probe(cp.lhs));
        because.operands.emplace_back(text_of(model, cmp.rhs->span), run.probe(cp.rhs));
        term.because.push_back(std::move(because));
      }
      trial.terms.push_back(std::move(term));
    }
    te.trials.push_back(std::move(trial));
    if (ts.policy == ast::HitPolicy::First && matched == r) break;
  }
}

}  // namespace

std::optional<Explanation> RuleSet::explain(const Dataset& data, std::string_view key,
                                            const RunOptions& options, Diagnostics& diags,
                                            const Population* population) const {
  diags.set_sources(model_->sources);
  const std::optional<std::size_t> row = data.find_key(key);
  if (!row) {
    diags.error(DiagCode::UsageError, Span{}, "no customer has the key `" + std::string(key) + "`")
        .help("the key is the `" + schema_->record.fields[schema_->record.key_field].name +
              "` column of the record data");
    return std::nullopt;
  }
  auto params = api::resolve_params(*model_, options, diags);
  if (!params) return std::nullopt;

  CompileRequest request;
  request.lets = model_->let_order;
  request.explain_tables = true;
  std::vector<std::vector<TierProbe>> plan(model_->tierings.size());
  auto probe = [&](const ast::Expr* e) {
    request.probes.push_back(e);
    return request.probes.size() - 1;
  };
  for (std::size_t t = 0; t < model_->tierings.size(); ++t) {
    for (const TierSymbol& tier : model_->tierings[t].tiers) {
      TierProbe tp;
      if (tier.decl && tier.decl->condition) {
        tp.condition = probe(tier.decl->condition.get());
        for (const ast::Expr* term : api::split_condition(*tier.decl->condition).terms) {
          TermProbe p{term, probe(term), {}, {}};
          for (const ast::Expr* operand : term_operands(*term, p.op)) {
            p.operands.emplace_back(operand, probe(operand));
          }
          tp.terms.push_back(std::move(p));
        }
      }
      plan[t].push_back(std::move(tp));
    }
  }
  std::vector<std::vector<ColumnProbe>> table_columns(model_->tierings.size());
  for (std::size_t t = 0; t < model_->tierings.size(); ++t) {
    if (!model_->tierings[t].table) continue;
    for (const TableColumnSymbol& column : model_->tierings[t].table->columns) {
      ColumnProbe cp;
      cp.comparison = comparison_behind(*model_, *column.expr);
      if (cp.comparison) {
        cp.result = probe(cp.comparison);
        const auto& cmp = *cp.comparison->as<ast::BinaryExpr>();
        cp.lhs = probe(cmp.lhs.get());
        cp.rhs = probe(cmp.rhs.get());
      }
      table_columns[t].push_back(cp);
    }
  }

  const vm::Plan phases = compile_plan(*model_, request);
  std::shared_ptr<const Population> computed;
  if (!phases.statistics.empty() && population == nullptr) {
    RunOptions whole = options;
    whole.columns.clear();
    whole.progress = nullptr;
    whole.keep_population = true;
    RunResult run_result = run(data, whole);
    if (!run_result.ok) {
      for (const Diagnostic& d : run_result.diags.all()) diags.add(d);
      return std::nullopt;
    }
    computed = run_result.population;
    population = computed.get();
  }
  if (!phases.statistics.empty() && !check_population(population, diags)) return std::nullopt;
  const population::Snapshot* snapshot =
      phases.statistics.empty() ? nullptr : population->snapshot_.get();
  // The run's plan for this one customer gives its SOP obligations and actions, with the same
  // previous state as a run, which the explanation's plan also sees.
  api::Operations operations(*model_, plan_->phases.back(), *sop_plan_, data, options, *params, 1);
  {
    api::SingleRow as_run(*plan_, data, *row, *params, snapshot);
    as_run.each_context([&](vm::Context& c) { operations.attach(c); });
    if (as_run.run()) operations.batch(as_run.last(), 0, *row, 1);
  }
  api::SingleRow customer(phases, data, *row, *params, snapshot);
  customer.each_context([&](vm::Context& c) { operations.attach(c); });
  if (!customer.run()) {
    api::report_eval_error(*model_, data, *customer.error(), diags);
    return std::nullopt;
  }
  vm::Context& ctx = customer.last();
  const vm::Program& program = phases.phases.back();

  const ExplainRun run(*model_, program, ctx);
  Explanation out;
  out.key = std::string(key);
  out.population = customer.population_values();
  out.lets = run.lets;
  for (std::size_t t = 0; t < model_->tierings.size(); ++t) {
    const TieringSymbol& ts = model_->tierings[t];
    TieringExplanation te;
    te.tiering = t;
    const Value result = run.tiering(t);
    if (result.present) te.tier = static_cast<std::size_t>(result.i);
    // The trials follow the conditions; a hold rule may keep the customer elsewhere.
    std::optional<std::size_t> matched = te.tier;
    if (const std::optional<Value> raw = run.raw_tier(t)) {
      matched.reset();
      if (raw->present) matched = static_cast<std::size_t>(raw->i);
      te.held = matched != te.tier;
      if (te.held) te.conditions_tier = matched;
    }
    switch (ts.form) {
      case ast::TieringForm::Tiers:
        explain_tiers(*model_, ts, plan[t], run, matched, te);
        break;
      case ast::TieringForm::Table:
        explain_table(*model_, t, table_columns[t], run, matched, te);
        break;
      case ast::TieringForm::Product:
        break;
    }
    out.tierings.push_back(std::move(te));
  }
  if (auto error = operations.error()) {
    api::report_eval_error(*model_, data, *error, diags);
    return std::nullopt;
  }
  RunResult sop;
  operations.finish(sop, hash());
  out.obligations = std::move(sop.obligations);
  out.actions = std::move(sop.actions);
  out.now = sop.now;
  return out;
}

}  // namespace strata
