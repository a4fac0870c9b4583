// The checker's driver: collect every declaration, check every body, then order definitions.
//
// Collection walks the modules in load order (used files first), so "first defined here" points
// at the definition a reader meets first when following `use` lines.
#include "check/checker.hpp"

namespace strata::check {

std::string plural(std::size_t n, std::string_view one, std::string_view many) {
  return std::to_string(n) + " " + std::string(n == 1 ? one : many);
}

std::string quoted(std::string_view text) {
  return "`" + std::string(text) + "`";
}

void Checker::collect_declarations() {
  Span first_record;
  for (const ast::Module& module : m_.modules) {
    for (const ast::Decl& d : module.decls) {
      if (const auto* r = std::get_if<ast::RecordDecl>(&d)) collect_record(*r, first_record);
    }
  }
  for (const ast::Module& module : m_.modules) {
    for (const ast::Decl& d : module.decls) {
      if (const auto* e = std::get_if<ast::EventsDecl>(&d)) {
        collect_events(*e);
      } else if (const auto* p = std::get_if<ast::ParamDecl>(&d)) {
        ParamSymbol sym;
        sym.name = p->name.text;
        sym.decl = p;
        declare(sym.name,
                {TopKind::Param, static_cast<std::uint32_t>(m_.params.size()), p->name.span});
        m_.params.push_back(std::move(sym));
      } else if (const auto* l = std::get_if<ast::LetDecl>(&d)) {
        LetSymbol sym;
        sym.name = l->name.text;
        sym.decl = l;
        declare(sym.name, {TopKind::Let, static_cast<std::uint32_t>(m_.lets.size()), l->name.span});
        m_.lets.push_back(std::move(sym));
      } else if (const auto* t = std::get_if<ast::TieringDecl>(&d)) {
        collect_tiering(*t);
      } else if (const auto* c = std::get_if<ast::CalendarDecl>(&d)) {
        collect_calendar(*c);
      }
    }
  }
  expand_products();
  if (!m_.record) {
    Span where;
    if (!m_.modules.empty()) where = Span{m_.modules.front().file, 0, 0};
    if (where.valid()) {
      diags_.error(DiagCode::MissingRecord, where, "no record is declared", "")
          .help("declare the customers' fields, e.g. `record Customer key id { id: string }`");
    }
  }
  for (const EventsSymbol& ev : m_.events) {
    const ast::Ident& owner = ev.decl->owner;
    if (!m_.record || owner.text == m_.record->name) continue;
    diags_
        .error(DiagCode::BadEventsOwner, owner.span,
               "events `" + ev.name + "` belong to `" + owner.text + "`, which is not declared",
               "no record named `" + owner.text + "`")
        .help("the record is `" + m_.record->name + "`; write `events " + ev.name + " of " +
              m_.record->name + " by ...`");
  }
  // SOPs name tierings and calendars, so they come after every other declaration.
  for (const ast::Module& module : m_.modules) {
    for (const ast::Decl& d : module.decls) {
      if (const auto* s = std::get_if<ast::SopDecl>(&d)) collect_sop(*s);
    }
  }
  // KPIs name tierings and SOPs.
  for (const ast::Module& module : m_.modules) {
    for (const ast::Decl& d : module.decls) {
      if (const auto* k = std::get_if<ast::KpiDecl>(&d)) collect_kpi(*k);
    }
  }
  let_state_.assign(m_.lets.size(), 0);
  kpi_state_.assign(m_.kpis.size(), 0);
}

void Checker::check_bodies() {
  check_params();
  for (std::uint32_t i = 0; i < m_.lets.size(); ++i) check_let(i);
  for (std::uint32_t i = 0; i < m_.tierings.size(); ++i) check_tiering(i);
  for (std::uint32_t i = 0; i < m_.sops.size(); ++i) check_sop(i);
  for (std::uint32_t i = 0; i < m_.kpis.size(); ++i) check_kpi(i);
}

bool may_be_caused_by_missing_declarations(DiagCode code) {
  switch (code) {
    case DiagCode::UnknownName:
    case DiagCode::UnknownField:
    case DiagCode::UnknownTier:
    case DiagCode::MissingRecord:
    case DiagCode::BadEventsOwner:
    case DiagCode::BadKeyField:
    case DiagCode::EventsOutsideAggregate:
    case DiagCode::UnknownCalendar:
      return true;
    default:
      return false;
  }
}

void check_model(Model& model, Diagnostics& diags) {
  Checker checker(model, diags);
  checker.collect_declarations();
  checker.check_bodies();
  checker.order_definitions();
  checker.check_population_order();
}

}  // namespace strata::check
