// RuleSet::explain: why one customer is in its tiers.
//
// The condition of every tier is split into its terms (the operands of its top-level `and`/`or`
// chain), and each term and the operands of each comparison are compiled as probes into one
// program evaluated for that customer alone. The values shown are therefore computed by the same
// VM, from the same bytecode lowering, as the run itself.
#include "api/operations.hpp"
#include "api/outputs.hpp"
#include "api/params.hpp"
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
                                            const RunOptions& options, Diagnostics& diags) const {
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

  const vm::Program program = compile_customer_phase(*model_, request);
  // The run's program for this one customer gives its SOP obligations and actions, with the
  // same previous state as a run, which the explanation's program also sees.
  api::Operations operations(*model_, *program_, *sop_plan_, data, options, *params, 1);
  {
    vm::Context run_ctx(*program_, data, *params, 1);
    operations.attach(run_ctx);
    run_ctx.run(*row, 1);
    if (!run_ctx.error()) operations.batch(run_ctx, 0, *row, 1);
  }
  vm::Context ctx(program, data, *params, 1);
  operations.attach(ctx);
  ctx.run(*row, 1);
  if (ctx.error()) {
    api::report_eval_error(*model_, data, *ctx.error(), diags);
    return std::nullopt;
  }

  std::vector<const vm::Output*> probes(request.probes.size());
  std::vector<const vm::Output*> tierings(model_->tierings.size());
  std::vector<const vm::Output*> raw_tierings(model_->tierings.size());
  Explanation out;
  out.key = std::string(key);
  for (const vm::Output& o : program.outputs) {
    if (o.kind == vm::Output::Kind::Probe) probes[o.index] = &o;
    if (o.kind == vm::Output::Kind::Tiering) tierings[o.index] = &o;
    if (o.kind == vm::Output::Kind::RawTier) raw_tierings[o.index] = &o;
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
    // The trials follow the conditions; a hold rule may keep the customer elsewhere.
    std::optional<std::size_t> matched = te.tier;
    if (raw_tierings[t]) {
      const Value raw = api::register_value(*model_, *raw_tierings[t], ctx, 0);
      matched.reset();
      if (raw.present) matched = static_cast<std::size_t>(raw.i);
      te.held = matched != te.tier;
      if (te.held) te.conditions_tier = matched;
    }
    for (std::size_t i = 0; i < ts.tiers.size(); ++i) {
      TierTrial trial;
      trial.tier = i;
      trial.otherwise = ts.tiers[i].decl->otherwise;
      if (trial.otherwise) {
        trial.result = matched == i ? Truth::True : Truth::False;
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
      if (ts.policy == ast::HitPolicy::First && matched == i) break;
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
