// CoverageRecorder: tier conditions and their terms as probes, and decision tables' rows and
// cells as table outputs, of the last phase of a plan, counted over whole datasets (coverage.hpp
// states what is counted and why).
#include "strata/coverage.hpp"

#include <algorithm>

#include "api/condition_terms.hpp"
#include "api/outputs.hpp"
#include "api/params.hpp"
#include "api/run_plan.hpp"
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

// A decision table's outputs: per row its result and the cells counted (column, slot).
struct RowPlan {
  Slot result;
  std::vector<std::pair<std::uint32_t, Slot>> cells;
};

// The truth of a boolean register at `row`: 1 true, 0 false, -1 unknown.
int truth(vm::FrameState& st, const Slot& s, std::size_t row) {
  if (s.bank == vm::Bank::D) return st.dok(s.reg)[row] ? (st.d(s.reg)[row] != 0) : -1;
  return st.iok(s.reg)[row] ? (st.i(s.reg)[row] != 0) : -1;
}

void count(TermCoverage& term, int v) {
  if (v > 0) {
    ++term.held;
  } else if (v == 0) {
    ++term.failed;
  } else {
    ++term.unknown;
  }
}

TieringInfo::Form form_of(ast::TieringForm form) {
  switch (form) {
    case ast::TieringForm::Table:
      return TieringInfo::Form::Table;
    case ast::TieringForm::Product:
      return TieringInfo::Form::Product;
    case ast::TieringForm::Tiers:
      break;
  }
  return TieringInfo::Form::Tiers;
}

// Whether a customer whose result is `chosen` (nullopt: no tier) tried tier `i`: its parent took
// the customer and, under first match, no earlier sibling did. Tiers are numbered in pre-order,
// so a chosen tier before `i` other than the parent lies in an earlier sibling's subtree.
bool tried(const TieringSymbol& ts, std::uint32_t i, const std::optional<std::uint32_t>& chosen) {
  const std::optional<std::uint32_t> parent = ts.tiers[i].parent;
  if (parent && !(chosen && ts.within(*chosen, *parent))) return false;
  if (ts.policy != ast::HitPolicy::First || !chosen || *chosen >= i) return true;
  return parent && *chosen == *parent;
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

namespace {

CoverageCount outcomes(const std::vector<TermCoverage>& terms) {
  CoverageCount c;
  for (const TermCoverage& term : terms) {
    c.required += 2;
    c.covered += std::uint64_t{term.held_covered()} + std::uint64_t{term.not_held_covered()};
  }
  return c;
}

}  // namespace

CoverageCount TieringCoverage::tiers_count() const {
  CoverageCount c;
  if (form != TieringInfo::Form::Tiers) return c;
  for (const TierCoverage& t : tiers) {
    ++c.required;
    c.covered += t.chosen > 0;
  }
  return c;
}

CoverageCount TieringCoverage::rows_count() const {
  CoverageCount c;
  for (const RowCoverage& r : rows) {
    ++c.required;
    c.covered += r.chosen > 0;
  }
  return c;
}

CoverageCount TieringCoverage::terms_count() const {
  CoverageCount c;
  for (const TierCoverage& t : tiers) c += outcomes(t.terms);
  for (const RowCoverage& r : rows) c += outcomes(r.cells);
  return c;
}

CoverageCount TieringCoverage::total() const {
  CoverageCount c = tiers_count();
  c += rows_count();
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
  vm::Plan phases;                          // the last phase holds the probes and table outputs
  std::vector<std::vector<TierPlan>> plan;  // per tiering, per tier
  std::vector<std::vector<RowPlan>> rows;   // per tiering, per table row
  std::vector<Slot> probes;
  std::vector<Slot> tierings;
  // Held tierings: the tier the conditions give, before the hold rule; coverage is about the
  // conditions, so it counts that tier.
  std::vector<std::optional<Slot>> raw_tierings;
  Coverage coverage;

  void record_customer(vm::FrameState& st, std::size_t tiering, std::size_t row);
  void record_rows(vm::FrameState& st, std::size_t tiering, std::size_t row, bool assigned);
};

CoverageRecorder::CoverageRecorder(std::shared_ptr<const RuleSet> rules)
    : impl_(std::make_unique<Impl>()) {
  impl_->rules = std::move(rules);
  const Model& model = impl_->rules->model();
  CompileRequest request;
  request.explain_tables = true;
  impl_->plan.resize(model.tierings.size());
  impl_->rows.resize(model.tierings.size());
  for (std::size_t t = 0; t < model.tierings.size(); ++t) {
    const TieringSymbol& ts = model.tierings[t];
    TieringCoverage tc;
    tc.name = ts.name;
    tc.form = form_of(ts.form);
    for (std::uint32_t o : ts.operands) tc.operands.push_back(model.tierings[o].name);
    for (const TierSymbol& tier : ts.tiers) {
      TierCoverage c;
      c.id = tier.name;
      c.span = tier.span;
      c.otherwise = tier.otherwise;
      TierPlan p;
      // Table and product tiers have no declaration of their own, so no terms.
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
    if (ts.table) {
      const DecisionTableSymbol& table = *ts.table;
      for (std::size_t r = 0; r < table.rows.size(); ++r) {
        const TableRowSymbol& row = table.rows[r];
        RowCoverage rc;
        rc.row = r;
        rc.tier = ts.tiers[row.tier].name;
        rc.span = row.row->span;
        rc.otherwise = row.otherwise;
        rc.text = row.otherwise ? "otherwise" : "(";
        for (std::size_t c = 0; c < row.cells.size(); ++c) {
          const TableCellSymbol& cell = row.cells[c];
          const std::string written(model.sources->text(cell.cell->span));
          if (!row.otherwise) rc.text += (c ? ", " : "") + written;
          if (cell.test == CellTest::Any) continue;
          const TableColumnSymbol& column = table.columns[c];
          TermCoverage cov;
          cov.source = std::string(model.sources->text(column.expr->span));
          cov.cell = written;
          cov.span = cell.cell->span;
          // A missing column value makes a cell other than `-` and `none` unknown.
          cov.can_be_unknown = column.type.optional && cell.test != CellTest::Missing;
          rc.cells.push_back(std::move(cov));
        }
        if (!row.otherwise) rc.text += ")";
        tc.rows.push_back(std::move(rc));
      }
      impl_->rows[t].resize(table.rows.size());
    }
    impl_->coverage.tierings.push_back(std::move(tc));
  }
  impl_->phases = compile_plan(model, request);
  impl_->probes.resize(request.probes.size());
  impl_->tierings.resize(model.tierings.size());
  impl_->raw_tierings.resize(model.tierings.size());
  for (const vm::Output& o : impl_->phases.phases.back().outputs) {
    const Slot slot{o.bank, o.reg};
    switch (o.kind) {
      case vm::Output::Kind::Probe:
        impl_->probes[o.index] = slot;
        break;
      case vm::Output::Kind::Tiering:
        impl_->tierings[o.index] = slot;
        break;
      case vm::Output::Kind::TableRow:
        impl_->rows[o.index][o.part].result = slot;
        break;
      case vm::Output::Kind::TableCell:
        if (model.tierings[o.index].table->rows[o.part].cells[o.cell].test != CellTest::Any) {
          impl_->rows[o.index][o.part].cells.emplace_back(o.cell, slot);
        }
        break;
      case vm::Output::Kind::RawTier:
        impl_->raw_tierings[o.index] = slot;
        break;
      case vm::Output::Kind::TableColumn:
      case vm::Output::Kind::Let:
      case vm::Output::Kind::Extra:
      case vm::Output::Kind::Carry:
        break;
    }
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

void CoverageRecorder::Impl::record_customer(vm::FrameState& st, std::size_t t, std::size_t row) {
  const TieringSymbol& ts = rules->model().tierings[t];
  TieringCoverage& tc = coverage.tierings[t];
  const Slot result = raw_tierings[t] ? *raw_tierings[t] : tierings[t];
  ++tc.customers;
  std::optional<std::uint32_t> chosen;
  if (st.iok(result.reg)[row] != 0) chosen = static_cast<std::uint32_t>(st.i(result.reg)[row]);
  if (!chosen) ++tc.no_tier;
  for (std::uint32_t i = 0; i < tc.tiers.size(); ++i) {
    if (chosen && ts.within(*chosen, i)) ++tc.tiers[i].chosen;
    if (ts.form != ast::TieringForm::Tiers || !tried(ts, i, chosen)) continue;
    const TierPlan& p = plan[t][i];
    for (std::size_t j = 0; j < p.terms.size(); ++j) {
      const int v = truth(st, probes[p.terms[j]], row);
      count(tc.tiers[i].terms[j], v);
      // The chain is decided: later terms are not evaluated.
      if (p.chain == ast::BinaryOp::And && v == 0) break;
      if (p.chain == ast::BinaryOp::Or && v == 1) break;
    }
  }
  if (ts.table) record_rows(st, t, row, chosen.has_value());
}

void CoverageRecorder::Impl::record_rows(vm::FrameState& st, std::size_t t, std::size_t row,
                                         bool assigned) {
  const TieringSymbol& ts = rules->model().tierings[t];
  const bool first_match = ts.policy == ast::HitPolicy::First;
  std::vector<RowCoverage>& out = coverage.tierings[t].rows;
  // The deciding row: under first match the first that holds (`otherwise` and a row of `-` hold
  // for everyone); under unique the one that holds, else `otherwise`.
  std::optional<std::size_t> decided;
  for (std::size_t r = 0; r < out.size() && !decided; ++r) {
    if (out[r].otherwise ? assigned : truth(st, rows[t][r].result, row) > 0) decided = r;
  }
  if (decided) ++out[*decided].chosen;
  for (std::size_t r = 0; r < out.size(); ++r) {
    for (std::size_t c = 0; c < rows[t][r].cells.size(); ++c) {
      count(out[r].cells[c], truth(st, rows[t][r].cells[c].second, row));
    }
    if (first_match && decided == r) break;
  }
}

bool CoverageRecorder::record(const Dataset& data, const RunOptions& options, Diagnostics& diags) {
  const Model& model = impl_->rules->model();
  diags.set_sources(model.sources);
  auto params = api::resolve_params(model, options, diags);
  if (!params) return false;
  // One thread: the counts are not shared between threads.
  RunOptions one = options;
  one.threads = 1;
  one.progress = nullptr;
  api::PlanHooks hooks;
  hooks.last = [&](vm::Context& ctx, std::size_t, std::size_t, std::size_t count) {
    if (ctx.error()) return;
    vm::FrameState& st = ctx.main();
    for (std::size_t t = 0; t < model.tierings.size(); ++t) {
      for (std::size_t row = 0; row < count; ++row) impl_->record_customer(st, t, row);
    }
  };
  const api::PlanRun run = api::run_plan(impl_->phases, data, *params, one, nullptr, hooks);
  if (run.error) {
    api::report_eval_error(model, data, *run.error, diags);
    return false;
  }
  return true;
}

}  // namespace strata
