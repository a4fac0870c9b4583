// RuleSet::explain: why one customer is in its tiers.
//
// The condition of every tier is split into its terms (the operands of its top-level `and`/`or`
// chain), and each term and the operands of each comparison are compiled as probes into one
// program evaluated for that customer alone. The values shown are therefore computed by the same
// VM, from the same bytecode lowering, as the run itself. Statistics over all customers come from
// the population of a run over the same data, in which the customer takes its own place.
#include "api/outputs.hpp"
#include "api/params.hpp"
#include "api/single_row.hpp"
#include "compile/compiler.hpp"
#include "strata/strata.hpp"
#include "vm/context.hpp"

namespace strata {

namespace {

void split_terms(const ast::Expr& e, std::vector<const ast::Expr*>& out) {
  if (const auto* b = e.as<ast::BinaryExpr>()) {
    if (b->op == ast::BinaryOp::And || b->op == ast::BinaryOp::Or) {
      const ast::BinaryOp op = b->op;
      // Flatten a chain of the same operator only, so the structure stays readable.
      auto walk = [&](auto& self, const ast::Expr& x) -> void {
        const auto* xb = x.as<ast::BinaryExpr>();
        if (xb && xb->op == op) {
          self(self, *xb->lhs);
          self(self, *xb->rhs);
        } else {
          out.push_back(&x);
        }
      };
      walk(walk, e);
      return;
    }
  }
  out.push_back(&e);
}

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

Truth truth_of(const Value& v) {
  if (!v.present) return Truth::Unknown;
  return v.i != 0 ? Truth::True : Truth::False;
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
  std::vector<std::vector<TierProbe>> plan(model_->tierings.size());
  auto probe = [&](const ast::Expr* e) {
    request.probes.push_back(e);
    return request.probes.size() - 1;
  };
  for (std::size_t t = 0; t < model_->tierings.size(); ++t) {
    for (const TierSymbol& tier : model_->tierings[t].tiers) {
      TierProbe tp;
      if (tier.decl->condition) {
        tp.condition = probe(tier.decl->condition.get());
        std::vector<const ast::Expr*> terms;
        split_terms(*tier.decl->condition, terms);
        for (const ast::Expr* term : terms) {
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
  api::SingleRow customer(phases, data, *row, *params,
                          phases.statistics.empty() ? nullptr : population->snapshot_.get());
  if (!customer.run()) {
    api::report_eval_error(*model_, data, *customer.error(), diags);
    return std::nullopt;
  }
  vm::Context& ctx = customer.last();
  const vm::Program& program = phases.phases.back();

  std::vector<const vm::Output*> probes(request.probes.size());
  std::vector<const vm::Output*> tierings(model_->tierings.size());
  Explanation out;
  out.key = std::string(key);
  out.population = customer.population_values();
  for (const vm::Output& o : program.outputs) {
    if (o.kind == vm::Output::Kind::Probe) probes[o.index] = &o;
    if (o.kind == vm::Output::Kind::Tiering) tierings[o.index] = &o;
    if (o.kind == vm::Output::Kind::Let) {
      out.lets.emplace_back(o.name, api::register_value(*model_, o, ctx, 0));
    }
  }
  auto value = [&](std::size_t p) { return api::register_value(*model_, *probes[p], ctx, 0); };
  auto text = [&](const ast::Expr* e) { return std::string(model_->sources->text(e->span)); };

  for (std::size_t t = 0; t < model_->tierings.size(); ++t) {
    const TieringSymbol& ts = model_->tierings[t];
    TieringExplanation te;
    te.tiering = t;
    const Value result = api::register_value(*model_, *tierings[t], ctx, 0);
    if (result.present) te.tier = static_cast<std::size_t>(result.i);
    for (std::size_t i = 0; i < ts.tiers.size(); ++i) {
      TierTrial trial;
      trial.tier = i;
      trial.otherwise = ts.tiers[i].decl->otherwise;
      if (trial.otherwise) {
        trial.result = te.tier == i ? Truth::True : Truth::False;
      } else {
        trial.result = truth_of(value(plan[t][i].condition));
        for (const TermProbe& tp : plan[t][i].terms) {
          Term term;
          term.source = text(tp.term);
          term.span = tp.term->span;
          term.result = truth_of(value(tp.probe));
          term.op = tp.op;
          for (const auto& [operand, p] : tp.operands) {
            term.operands.emplace_back(text(operand), value(p));
          }
          trial.terms.push_back(std::move(term));
        }
      }
      te.trials.push_back(std::move(trial));
      // First match stops at the chosen tier; `unique` shows every tier.
      if (ts.policy == ast::HitPolicy::First && te.tier == i) break;
    }
    out.tierings.push_back(std::move(te));
  }
  return out;
}

}  // namespace strata
