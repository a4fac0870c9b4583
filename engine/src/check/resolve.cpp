// Names: what a bare identifier or `object.member` refers to.
//
// Scopes, innermost first: inside an aggregate over events E (its argument and `where` filter),
// the fields of E; then the top-level namespace (record fields, params, lets, tierings). Event
// fields and events names anywhere else are reported as such (E0214) rather than as unknown
// names, because the fix — wrap them in an aggregate — is different. Every use of a let or a
// tiering is recorded as a dependency of the definition being checked.
#include <algorithm>

#include "check/checker.hpp"

namespace strata::check {

std::optional<std::uint32_t> Checker::event_field(std::uint32_t events,
                                                  std::string_view name) const {
  const auto& fields = m_.events[events].fields;
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (fields[i].name == name) return static_cast<std::uint32_t>(i);
  }
  return std::nullopt;
}

std::optional<std::uint32_t> Checker::find_events(std::string_view name) const {
  const auto it = top_.find(std::string(name));
  if (it == top_.end() || it->second.kind != TopKind::Events) return std::nullopt;
  return it->second.index;
}

bool Checker::in_scope(const std::string& name) const {
  if (event_scope_ && event_field(*event_scope_, name)) return true;
  return top_.count(name) != 0;
}

std::vector<std::string> Checker::names_in_scope() const {
  std::vector<std::string> names;
  if (event_scope_) {
    for (const FieldSymbol& f : m_.events[*event_scope_].fields) names.push_back(f.name);
  }
  if (kpi_level_ == KpiLevel::Group) {
    // A KPI's formula names other KPIs and params; anything else is inside an aggregate.
    for (const KpiSymbol& k : m_.kpis) names.push_back(k.name);
    for (const ParamSymbol& p : m_.params) names.push_back(p.name);
    return names;
  }
  for (const std::string& n : top_order_) {
    const TopKind k = top_.at(n).kind;
    if (k != TopKind::Record && k != TopKind::Events) names.push_back(n);
  }
  return names;
}

void Checker::use(Node dep) {
  if (!owner_) return;
  const auto edge = std::make_pair(node_index(*owner_), node_index(dep));
  if (population_call_ != nullptr) {
    population_edges_.emplace(edge, population_call_);
  } else {
    direct_edges_.insert(edge);
  }
  auto add = [](std::vector<std::uint32_t>& list, std::uint32_t id) {
    if (std::find(list.begin(), list.end(), id) == list.end()) list.push_back(id);
  };
  const bool let = dep.kind == Node::Kind::Let;
  if (owner_->kind == Node::Kind::Let) {
    LetSymbol& s = m_.lets[owner_->id];
    add(let ? s.depends_on_lets : s.depends_on_tierings, dep.id);
  } else {
    TieringSymbol& s = m_.tierings[owner_->id];
    add(let ? s.depends_on_lets : s.depends_on_tierings, dep.id);
  }
}

void Checker::report_unknown_name(const ast::Expr& e, const std::string& name) {
  auto b =
      diags_.error(DiagCode::UnknownName, e.span, "unknown name `" + name + "`", "not defined");
  if (auto near = closest_name(name, names_in_scope())) {
    b.help("did you mean `" + *near + "`?");
    return;
  }
  for (const EnumSymbol& en : m_.enums) {
    if (std::find(en.members.begin(), en.members.end(), name) != en.members.end()) {
      b.help("`" + name + "` is a value of `" + en.name + "`; compare with it, as in `" + en.name +
             " == " + name + "`");
      return;
    }
  }
  for (const TieringSymbol& t : m_.tierings) {
    for (const TierSymbol& tier : t.tiers) {
      if (tier.name == name) {
        b.help("`" + name + "` is a tier of `" + t.name + "`; test it with `" + t.name + " is " +
               name + "`");
        return;
      }
    }
  }
  if (kpi_level_ == KpiLevel::Group) {
    b.help(
        "a KPI's formula names other KPIs and params; values of each customer go inside an "
        "aggregate such as `count(...)` or `sum(...)`");
    return;
  }
  std::string allowed = "a name here must be ";
  if (event_scope_) allowed += "a field of `" + m_.events[*event_scope_].name + "`, ";
  allowed += m_.record ? "a field of `" + m_.record->name + "`" : std::string("a record field");
  b.help(allowed + ", a param, a let or a tiering");
}

Type Checker::resolve_top(const ast::Expr& e, const std::string& name, const TopName& top) {
  Resolution& r = m_.names[e.id];
  switch (top.kind) {
    case TopKind::Record:
      diags_
          .error(DiagCode::TypeMismatch, e.span, "`" + name + "` is the record itself, not a value",
                 "the record")
          .help("use one of its fields, such as `" +
                (m_.record && !m_.record->fields.empty() ? m_.record->fields[0].name
                                                         : std::string("id")) +
                "`");
      return set(e, Type{});
    case TopKind::RecordField:
      r = {SymbolKind::RecordField, top.index, 0};
      return set(e, m_.record->fields[top.index].type);
    case TopKind::Events:
      diags_
          .error(DiagCode::EventsOutsideAggregate, e.span,
                 "`" + name + "` is a set of events; use it inside an aggregate such as count(" +
                     name + ")",
                 "outside an aggregate")
          .emit();
      return set(e, Type{});
    case TopKind::Param:
      r = {SymbolKind::Param, top.index, 0};
      return set(e, m_.params[top.index].type);
    case TopKind::Let:
      r = {SymbolKind::Let, top.index, 0};
      use({Node::Kind::Let, top.index});
      check_let(top.index);
      // Still being typed: a cycle, reported once by order_definitions().
      if (let_state_[top.index] != 2) return set(e, Type{});
      return set(e, m_.lets[top.index].type);
    case TopKind::Tiering: {
      r = {SymbolKind::Tiering, top.index, 0};
      use({Node::Kind::Tiering, top.index});
      Type t = Type::of(TypeKind::Tier, !m_.tierings[top.index].has_otherwise);
      t.ref = top.index;
      return set(e, t);
    }
  }
  return set(e, Type{});
}

void Checker::report_event_field_outside(const ast::Expr& e, std::uint32_t events,
                                         const std::string& field) {
  const EventsSymbol& ev = m_.events[events];
  const std::string ref = ev.name + "." + field;
  // Suggest the aggregate people most likely want for this kind of field.
  std::string example = "count(" + ev.name + " where " + field + " == ...)";
  for (const FieldSymbol& f : ev.fields) {
    if (f.name != field) continue;
    if (f.type.is_numeric() || f.type.kind == TypeKind::Duration) {
      example = "sum(" + ref + ")";
    } else if (f.type.kind == TypeKind::Date || f.type.kind == TypeKind::DateTime) {
      example = "max(" + ref + ")";
    } else if (ev.time_field) {
      example = "last(" + ref + ")";
    }
  }
  diags_
      .error(DiagCode::EventsOutsideAggregate, e.span,
             "`" + field + "` is a field of `" + ev.name +
                 "` events; use it inside an aggregate such as " + example,
             "outside an aggregate")
      .emit();
}

Type Checker::check_name(const ast::Expr& e, const ast::NameExpr& n) {
  if (event_scope_) {
    if (auto f = event_field(*event_scope_, n.name)) {
      m_.names[e.id] = {SymbolKind::EventField, *event_scope_, *f};
      return set(e, m_.events[*event_scope_].fields[*f].type);
    }
  }
  if (auto it = top_.find(n.name); it != top_.end()) return resolve_top(e, n.name, it->second);
  for (std::uint32_t ev = 0; ev < m_.events.size(); ++ev) {
    if (event_field(ev, n.name)) {
      report_event_field_outside(e, ev, n.name);
      return set(e, Type{});
    }
  }
  report_unknown_name(e, n.name);
  return set(e, Type{});
}

std::optional<std::string> dotted_path(const ast::Expr& e) {
  if (const auto* n = e.as<ast::NameExpr>()) return n->name;
  const auto* m = e.as<ast::MemberExpr>();
  if (m == nullptr) return std::nullopt;
  std::optional<std::string> object = dotted_path(*m->object);
  if (!object) return std::nullopt;
  return *object + "." + m->member.text;
}

// `key.top.important_value`: a sub-tier of a nested or product tiering, as a constant.
Type Checker::tier_path(const ast::Expr& e, const ast::MemberExpr& n) {
  const ast::Expr* head = n.object.get();
  while (const auto* m = head->as<ast::MemberExpr>()) head = m->object.get();
  const std::uint32_t t = top_.at(head->as<ast::NameExpr>()->name).index;
  Type tt = Type::of(TypeKind::Tier);
  tt.ref = t;
  set(*head, tt);
  m_.names[head->id] = {SymbolKind::Tiering, t, 0};
  const std::string path = *dotted_path(e);
  const std::string tier = path.substr(path.find('.') + 1);
  if (auto index = tier_index(t, tier)) {
    m_.names[e.id] = {SymbolKind::Tier, t, *index};
    return set(e, tt);
  }
  report_unknown_tier(ast::Ident{tier, Span{head->span.file, head->span.end + 1, e.span.end}}, t);
  return set(e, Type{});
}

Type Checker::check_member(const ast::Expr& e, const ast::MemberExpr& n) {
  const auto* object = n.object->as<ast::NameExpr>();
  const std::string& member = n.member.text;
  if (object == nullptr && n.object->as<ast::MemberExpr>()) {
    const std::optional<std::string> path = dotted_path(e);
    if (path) {
      const auto top = top_.find(path->substr(0, path->find('.')));
      if (top != top_.end() && top->second.kind == TopKind::Tiering) return tier_path(e, n);
    }
  }
  if (object != nullptr) {
    if (auto ev = find_events(object->name)) {
      Type et = Type::of(TypeKind::Events);
      et.ref = *ev;
      set(*n.object, et);
      m_.names[n.object->id] = {SymbolKind::Events, *ev, 0};
      const auto f = event_field(*ev, member);
      if (!f) {
        std::vector<std::string> fields;
        for (const FieldSymbol& fs : m_.events[*ev].fields) fields.push_back(fs.name);
        auto b =
            diags_.error(DiagCode::UnknownField, n.member.span,
                         "`" + object->name + "` has no field `" + member + "`", "unknown field");
        if (auto near = closest_name(member, fields)) b.help("did you mean `" + *near + "`?");
        return set(e, Type{});
      }
      if (event_scope_ != ev) {
        report_event_field_outside(e, *ev, member);
        return set(e, Type{});
      }
      m_.names[e.id] = {SymbolKind::EventField, *ev, *f};
      return set(e, m_.events[*ev].fields[*f].type);
    }
    const auto top = top_.find(object->name);
    if (top != top_.end() && top->second.kind == TopKind::Tiering) {
      const std::uint32_t t = top->second.index;
      Type tt = Type::of(TypeKind::Tier);
      tt.ref = t;
      set(*n.object, tt);
      m_.names[n.object->id] = {SymbolKind::Tiering, t, 0};
      if (auto tier = tier_index(t, member)) {
        m_.names[e.id] = {SymbolKind::Tier, t, *tier};
        return set(e, tt);
      }
      // Tier history from the previous run's state (a tier of that name would win above).
      if (member == "previous") {
        m_.names[e.id] = {SymbolKind::TierPrevious, t, 0};
        return set(e, tt.as_optional());
      }
      if (member == "since") {
        m_.names[e.id] = {SymbolKind::TierSince, t, 0};
        use({Node::Kind::Tiering, t});
        return set(e, Type::of(TypeKind::Date, true));
      }
      if (member == "changed") {
        m_.names[e.id] = {SymbolKind::TierChanged, t, 0};
        use({Node::Kind::Tiering, t});
        return set(e, Type::of(TypeKind::Bool));
      }
      report_unknown_tier(n.member, t);
      return set(e, Type{});
    }
    if (top != top_.end() && top->second.kind == TopKind::Record) {
      // Customer.revenue is the same as revenue.
      for (std::uint32_t i = 0; i < m_.record->fields.size(); ++i) {
        if (m_.record->fields[i].name == member) {
          m_.names[e.id] = {SymbolKind::RecordField, i, 0};
          return set(e, m_.record->fields[i].type);
        }
      }
      std::vector<std::string> fields;
      for (const FieldSymbol& fs : m_.record->fields) fields.push_back(fs.name);
      auto b =
          diags_.error(DiagCode::UnknownField, n.member.span,
                       "`" + object->name + "` has no field `" + member + "`", "unknown field");
      if (auto near = closest_name(member, fields)) b.help("did you mean `" + *near + "`?");
      return set(e, Type{});
    }
  }
  const Type ot = check(*n.object);
  if (ot.is_error()) return set(e, Type{});
  diags_
      .error(
          DiagCode::UnknownField, n.member.span,
          "`" + std::string(m_.sources->text(n.object->span)) + "` has no field `" + member + "`",
          "unknown field")
      .label(n.object->span, "this is `" + name_of(ot) + "`");
  return set(e, Type{});
}

std::optional<std::uint32_t> Checker::tier_index(std::uint32_t tiering,
                                                 std::string_view name) const {
  const auto& tiers = m_.tierings[tiering].tiers;
  for (std::size_t i = 0; i < tiers.size(); ++i) {
    if (tiers[i].name == name) return static_cast<std::uint32_t>(i);
  }
  return std::nullopt;
}

void Checker::report_unknown_tier(const ast::Ident& name, std::uint32_t tiering) {
  const TieringSymbol& t = m_.tierings[tiering];
  std::vector<std::string> tiers;
  for (const TierSymbol& s : t.tiers) tiers.push_back(s.name);
  auto b = diags_.error(DiagCode::UnknownTier, name.span,
                        "`" + t.name + "` has no tier `" + name.text + "`",
                        "not a tier of `" + t.name + "`");
  if (auto near = closest_name(name.text, tiers)) {
    b.help("did you mean `" + *near + "`?");
  } else {
    std::string list;
    for (std::size_t i = 0; i < tiers.size(); ++i) {
      if (std::find(tiers.begin(), tiers.begin() + i, tiers[i]) != tiers.begin() + i) continue;
      list += (list.empty() ? "" : ", ") + tiers[i];
    }
    b.help("the tiers of `" + t.name + "` are " + list);
  }
}

}  // namespace strata::check
