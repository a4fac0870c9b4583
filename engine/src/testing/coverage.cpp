// CoverageRecorder: tier conditions and their terms as probes of one program, counted over
// whole datasets (coverage.hpp states what is counted and why).
#include "strata/coverage.hpp"

#include <algorithm>

#include "api/condition_terms.hpp"
#include "api/outputs.hpp"
#include "api/params.hpp"
#include "compile/compiler.hpp"
#include "vm/context.hpp"

namespace strata {

namespace {

using Wide = Decimal::Rep;

// Where a probe or tiering result lives after a run: its bank and register.
struct Slot {
  vm::Bank bank = vm::Bank::I;
  std::uint16_t reg = 0;
};

struct TierPlan {
  std::optional<ast::BinaryOp> chain;
  std::vector<std::size_t> terms;  // probe numbers, in chain order
};

// The truth of a boolean register at `row`: 1 true, 0 false, -1 unknown.
int truth(vm::FrameState& st, const Slot& s, std::size_t row) {
  if (s.bank == vm::Bank::D) return st.dok(s.reg)[row] ? (st.d(s.reg)[row] != 0) : -1;
  return st.iok(s.reg)[row] ? (st.i(s.reg)[row] != 0) : -1;
}

}  // namespace

bool CoverageCount::at_least(Decimal share) const {
  if (required == 0) return true;
  // covered / required >= units / 10^6  <=>  covered * 10^6 >= units * required
  return Wide(covered) * Decimal::kOne >= Wide(share.units()) * Wide(required);
}

std::string CoverageCount::percent(int places) const {
  if (required == 0) {
    return places > 0 ? "100." + std::string(static_cast<std::size_t>(places), '0') : "100";
  }
  Wide scale = 100;
  for (int i = 0; i < places; ++i) scale *= 10;
  const Wide scaled = Wide(covered) * scale / Wide(required);  // rounded down: 99.999 is not 100
  Wide unit = 1;
  for (int i = 0; i < places; ++i) unit *= 10;
  std::string s = std::to_string(static_cast<std::uint64_t>(scaled / unit));
  if (places > 0) {
    std::string frac = std::to_string(static_cast<std::uint64_t>(scaled % unit));
    s += "." + std::string(static_cast<std::size_t>(places) - frac.size(), '0') + frac;
  }
  return s;
}

CoverageCount TieringCoverage::tiers_count() const {
  CoverageCount c;
  for (const TierCoverage& t : tiers) {
    ++c.required;
    c.covered += t.chosen > 0;
  }
  return c;
}

CoverageCount TieringCoverage::terms_count() const {
  CoverageCount c;
  for (const TierCoverage& t : tiers) {
    for (const TermCoverage& term : t.terms) {
      c.required += 2;
      c.covered += std::uint64_t{term.held_covered()} + std::uint64_t{term.not_held_covered()};
    }
  }
  return c;
}

CoverageCount TieringCoverage::total() const {
  CoverageCount c = tiers_count();
  c += terms_count();
  return c;
}

CoverageCount Coverage::total() const {
  CoverageCount c;
  for (const TieringCoverage& t : tierings) c += t.total();
  return c;
}

struct CoverageRecorder::Impl {
  std::shared_ptr<const RuleSet> rules;
  vm::Program program;
  std::vector<std::vector<TierPlan>> plan;  // per tiering, per tier
  std::vector<Slot> probes;
  std::vector<Slot> tierings;
  Coverage coverage;
};

CoverageRecorder::CoverageRecorder(std::shared_ptr<const RuleSet> rules)
    : impl_(std::make_unique<Impl>()) {
  impl_->rules = std::move(rules);
  const Model& model = impl_->rules->model();
  CompileRequest request;
  impl_->plan.resize(model.tierings.size());
  for (std::size_t t = 0; t < model.tierings.size(); ++t) {
    const TieringSymbol& ts = model.tierings[t];
    TieringCoverage tc;
    tc.name = ts.name;
    for (const TierSymbol& tier : ts.tiers) {
      TierCoverage c;
      c.id = tier.name;
      // A tier without a declaration of its own (a decision-table row's tier) has no condition
      // terms; it is still an item that must be chosen.
      c.span = tier.decl ? tier.decl->span : Span{};
      c.otherwise = tier.decl && tier.decl->otherwise;
      TierPlan p;
      if (tier.decl && tier.decl->condition) {
        const api::ConditionTerms split = api::split_condition(*tier.decl->condition);
        p.chain = split.chain;
        for (const ast::Expr* term : split.terms) {
          p.terms.push_back(request.probes.size());
          request.probes.push_back(term);
          TermCoverage cov;
          cov.source = std::string(model.sources->text(term->span));
          cov.span = term->span;
          cov.can_be_unknown = model.type_of(*term).optional;
          c.terms.push_back(std::move(cov));
        }
      }
      impl_->plan[t].push_back(std::move(p));
      tc.tiers.push_back(std::move(c));
    }
    impl_->coverage.tierings.push_back(std::move(tc));
  }
  impl_->program = compile_customer_phase(model, request);
  impl_->probes.resize(request.probes.size());
  impl_->tierings.resize(model.tierings.size());
  for (const vm::Output& o : impl_->program.outputs) {
    if (o.kind == vm::Output::Kind::Probe) impl_->probes[o.index] = Slot{o.bank, o.reg};
    if (o.kind == vm::Output::Kind::Tiering) impl_->tierings[o.index] = Slot{o.bank, o.reg};
  }
}

CoverageRecorder::CoverageRecorder(CoverageRecorder&&) noexcept = default;
CoverageRecorder& CoverageRecorder::operator=(CoverageRecorder&&) noexcept = default;
CoverageRecorder::~CoverageRecorder() = default;

const Coverage& CoverageRecorder::coverage() const {
  return impl_->coverage;
}

const RuleSet& CoverageRecorder::rules() const {
  return *impl_->rules;
}

bool CoverageRecorder::record(const Dataset& data, const RunOptions& options, Diagnostics& diags) {
  const Model& model = impl_->rules->model();
  diags.set_sources(model.sources);
  auto params = api::resolve_params(model, options, diags);
  if (!params) return false;
  vm::Context ctx(impl_->program, data, *params);
  const std::size_t n = data.size();
  for (std::size_t first = 0; first < n; first += vm::kBatchSize) {
    const std::size_t count = std::min(vm::kBatchSize, n - first);
    ctx.run(first, count);
    if (ctx.error()) {
      api::report_eval_error(model, data, *ctx.error(), diags);
      return false;
    }
    vm::FrameState& st = ctx.main();
    for (std::size_t t = 0; t < model.tierings.size(); ++t) {
      TieringCoverage& tc = impl_->coverage.tierings[t];
      const bool first_match = model.tierings[t].policy == ast::HitPolicy::First;
      const Slot result = impl_->tierings[t];
      for (std::size_t row = 0; row < count; ++row) {
        ++tc.customers;
        const bool assigned = st.iok(result.reg)[row] != 0;
        const auto chosen = static_cast<std::size_t>(st.i(result.reg)[row]);
        if (!assigned) ++tc.no_tier;
        for (std::size_t i = 0; i < tc.tiers.size(); ++i) {
          // First match: tiers after the chosen one are never tried.
          if (first_match && assigned && chosen < i) break;
          TierCoverage& tier = tc.tiers[i];
          if (assigned && chosen == i) ++tier.chosen;
          const TierPlan& p = impl_->plan[t][i];
          for (std::size_t j = 0; j < p.terms.size(); ++j) {
            const int v = truth(st, impl_->probes[p.terms[j]], row);
            TermCoverage& term = tier.terms[j];
            if (v > 0) {
              ++term.held;
            } else if (v == 0) {
              ++term.failed;
            } else {
              ++term.unknown;
            }
            // The chain is decided: later terms are not evaluated.
            if (p.chain == ast::BinaryOp::And && v == 0) break;
            if (p.chain == ast::BinaryOp::Or && v == 1) break;
          }
        }
      }
    }
  }
  return true;
}

}  // namespace strata
