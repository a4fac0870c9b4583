#include "lint/analysis.hpp"

#include "api/params.hpp"
#include "strata/time.hpp"

namespace strata::linter {

namespace {

Val from_param_value(const vm::ParamValue& v, TypeKind kind) {
  if (!v.valid) return Val::none();
  if (kind == TypeKind::Decimal) return Val::of(kind, v.d);
  if (kind == TypeKind::String) return Val::text(v.text.value_or(""));
  return Val::of(kind, v.i);
}

}  // namespace

Analysis::Analysis(Context& ctx) : budget_(ctx.options().search_budget) {
  const Model& m = ctx.model();
  const RunOptions& run = ctx.options().run;
  std::optional<Val> today;
  if (!run.today.empty()) {
    if (auto day = timeutil::parse_date(run.today)) {
      today = Val::of(TypeKind::Date, *day);
    } else {
      Diagnostics d;
      d.error(DiagCode::BadParam, Span{}, "`" + run.today + "` is not a date")
          .help("write today's date as YYYY-MM-DD");
      param_problems_ = d.all();
    }
  }
  std::vector<std::optional<Val>> params;
  for (const ParamSymbol& p : m.params) {
    const TypeKind kind = p.type.kind;
    if (auto it = run.params.find(p.name); it != run.params.end()) {
      std::string reason;
      if (auto v = api::parse_param(m, p, it->second, reason)) {
        params.push_back(from_param_value(*v, kind));
      } else {
        Diagnostics d;
        d.error(DiagCode::BadParam, p.decl ? p.decl->name.span : Span{},
                "parameter `" + p.name + "` = `" + it->second + "`: " + reason,
                "declared as `" + type_name(p.type, &m) + "` here")
            .emit();
        for (Diagnostic& x : d.all()) param_problems_.push_back(std::move(x));
        params.emplace_back();
      }
    } else if (p.default_is_today) {
      params.push_back(today);
    } else if (p.default_value) {
      Val v = p.default_value->kind == TypeKind::Decimal
                  ? Val::of(TypeKind::Decimal, p.default_value->d.units())
              : p.default_value->kind == TypeKind::String ? Val::text(p.default_value->s)
              : p.default_value->kind == TypeKind::Null
                  ? Val::none()
                  : Val::of(p.default_value->kind, p.default_value->i);
      params.push_back(convert(v, kind));
    } else if (p.type.optional) {
      params.push_back(Val::none());
    } else {
      params.emplace_back();  // unknown: a run constant the analysis reasons about
    }
  }
  for (const auto& [name, value] : run.params) {
    if (m.find_param(name)) continue;
    Diagnostics d;
    d.error(DiagCode::BadParam, Span{}, "unknown parameter `" + name + "`").emit();
    for (Diagnostic& x : d.all()) param_problems_.push_back(std::move(x));
  }
  stats_ = std::make_unique<Statistics>(m);
  if (ctx.options().data && !stats_->empty() && param_problems_.empty()) {
    // The sample's statistics, computed by a run through the public API.
    RunOptions sample = run;
    sample.keep_population = true;
    sample.threads = 1;
    sample.columns.clear();
    sample.progress = nullptr;
    RunResult result = ctx.rules().run(*ctx.options().data, sample);
    if (result.ok) {
      stats_->bind(result.population);
    } else {
      for (const Diagnostic& d : result.diags.all()) param_problems_.push_back(d);
    }
  }
  eval_ = std::make_unique<Evaluator>(m, std::move(params), today, *stats_);
  atoms_ = std::make_unique<AtomTable>(m, *eval_);
  tr_ = std::make_unique<Translator>(m, *atoms_, *eval_);
  realizer_ = std::make_unique<Realizer>(ctx, *atoms_, *eval_);
}

bool Analysis::reads_statistics(const std::vector<F>& goals) const {
  std::vector<std::uint32_t> involved;
  for (const F& g : goals) formula_atoms(g, involved);
  const Model& m = eval_->model();
  bool found = false;
  for (std::uint32_t a : involved) {
    const Atom& atom = (*atoms_)[a];
    if (atom.kind == AtomKind::Population) return true;
    if (atom.kind != AtomKind::Opaque) continue;
    for (const ast::Expr* side : {atom.expr, atom.rhs}) {
      if (side) found = found || !statistics_read(m, *stats_, {side}).empty();
    }
  }
  return found;
}

std::vector<std::string> Analysis::opaque_names(const std::vector<F>& goals) const {
  std::vector<std::uint32_t> involved;
  for (const F& g : goals) formula_atoms(g, involved);
  std::vector<std::string> out;
  for (std::uint32_t a : involved) {
    if ((*atoms_)[a].kind == AtomKind::Opaque) out.push_back("`" + (*atoms_)[a].name + "`");
  }
  return out;
}

}  // namespace strata::linter
