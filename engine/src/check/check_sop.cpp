// SOPs: the tiers they are for, their obligations (`respond`, `every`), triggers and actions.
//
// An SOP is data for later stages (the evaluator, the linter): the checker resolves every name
// in it, types every expression in it exactly as it types rules (so a message's `{expr}` with an
// unknown name is an ordinary E0201), and records amounts as seconds or months. SOPs have their
// own namespace; nothing refers to one from an expression.
#include <algorithm>

#include "check/checker.hpp"
#include "check/one_line.hpp"

namespace strata::check {

// Calendars and SOPs have namespaces of their own, each with this rule.
void Checker::report_defined_twice(const std::string& what, const ast::Ident& again, Span first) {
  diags_
      .error(DiagCode::DuplicateDefinition, again.span,
             what + " `" + again.text + "` is defined twice", "defined again here")
      .label(first, "first defined here")
      .help("give each " + what + " its own name");
}

std::optional<std::uint32_t> Checker::sop_tiering(const ast::Ident& name) {
  const auto it = top_.find(name.text);
  if (it != top_.end() && it->second.kind == TopKind::Tiering) return it->second.index;
  std::vector<std::string> names;
  for (const TieringSymbol& t : m_.tierings) names.push_back(t.name);
  auto b = diags_.error(DiagCode::UnknownName, name.span, "unknown tiering `" + name.text + "`",
                        "not a tiering");
  if (auto near = closest_name(name.text, names)) {
    b.help("did you mean `" + *near + "`?");
  } else if (!names.empty()) {
    std::string list;
    for (const std::string& n : names) list += (list.empty() ? "" : ", ") + n;
    b.help("the tierings are " + list);
  }
  return std::nullopt;
}

void Checker::collect_sop(const ast::SopDecl& d) {
  for (const SopSymbol& s : m_.sops) {
    if (s.name == d.name.text) return report_defined_twice("SOP", d.name, s.decl->name.span);
  }
  SopSymbol sym;
  sym.name = d.name.text;
  sym.label = d.label ? d.label->text : std::string();
  sym.all = d.all;
  sym.decl = &d;
  for (const ast::TierRef& ref : d.targets) {
    const auto t = sop_tiering(ref.tiering);
    if (!t) continue;
    const auto tier = tier_index(*t, ref.tier.text);
    if (!tier) {
      report_unknown_tier(ref.tier, *t);
      continue;
    }
    sym.targets.push_back({*t, *tier, ref.span});
  }
  m_.sops.push_back(std::move(sym));
}

std::optional<std::int64_t> Checker::literal_amount(const ast::Expr& e, bool allow_period,
                                                    bool& is_period) {
  check(e);
  const auto c = constant_of(e);
  if (!c) return std::nullopt;
  is_period = c->kind == TypeKind::Period;
  if ((c->kind != TypeKind::Duration && !is_period) || (is_period && !allow_period) || c->i <= 0) {
    diags_
        .error(DiagCode::BadObligation, e.span,
               "`" + std::string(m_.sources->text(e.span)) + "` is not a usable time here",
               is_period ? "a calendar period" : "not a positive duration")
        .help(allow_period ? "write a duration such as `30d` or a period such as `1mo`"
                           : "write a duration such as `4h`, `30min` or `2d`");
    return std::nullopt;
  }
  return c->i;
}

std::optional<ActionSpec> Checker::check_action(const ast::ActionDecl& a) {
  ActionSpec spec;
  spec.kind = a.kind;
  spec.decl = &a;
  bool ok = true;
  if (a.owner) {
    const Type t = check(*a.owner);
    if (!t.is_error() && t.kind != TypeKind::String) {
      ok = false;
      diags_
          .error(DiagCode::BadAction, a.owner->span,
                 "the owner of an action is `" + name_of(t) + "`, not a text",
                 "this is `" + name_of(t) + "`")
          .help("name the record field that holds who carries the action out, such as `owner`");
    }
  }
  for (const ast::MessagePart& part : a.message.parts) {
    if (part.expr) check(*part.expr);
  }
  if (a.due) {
    bool period = false;
    const auto due = literal_amount(*a.due, false, period);
    if (!due) ok = false;
    spec.due = due;
  }
  if (!ok) return std::nullopt;
  return spec;
}

// The response time of `respond`: `by FIELD`, else the first date/datetime field after the event
// time (a ticket's `opened_at` and then its `answered_at`).
void Checker::check_response_field(const ast::ObligationDecl& d, ObligationSymbol& ob) {
  const EventsSymbol& ev = m_.events[ob.events];
  auto is_time = [](const Type& t) {
    return t.kind == TypeKind::Date || t.kind == TypeKind::DateTime;
  };
  if (d.by) {
    const auto f = event_field(ob.events, d.by->text);
    if (!f) {
      std::vector<std::string> fields;
      for (const FieldSymbol& fs : ev.fields) fields.push_back(fs.name);
      auto b = diags_.error(DiagCode::UnknownField, d.by->span,
                            "`" + ev.name + "` has no field `" + d.by->text + "`", "unknown field");
      if (auto near = closest_name(d.by->text, fields)) b.help("did you mean `" + *near + "`?");
      return;
    }
    if (!is_time(ev.fields[*f].type) || *f == ob.time_field) {
      diags_
          .error(DiagCode::BadObligation, d.by->span,
                 "`" + d.by->text + "` cannot be the response time",
                 *f == ob.time_field ? "this is the event time itself"
                                     : "this is `" + name_of(ev.fields[*f].type) + "`")
          .help("name a date or datetime field of `" + ev.name +
                "` that is set when the event is answered");
      return;
    }
    ob.response_field = *f;
    return;
  }
  for (std::uint32_t f = ob.time_field + 1; f < ev.fields.size(); ++f) {
    if (is_time(ev.fields[f].type)) {
      ob.response_field = f;
      return;
    }
  }
  diags_
      .error(DiagCode::BadObligation, d.events.events.span,
             "`respond` needs the time each `" + ev.name + "` event was answered",
             "no response time field")
      .help("add a datetime field such as `answered_at: datetime?` after `" +
            ev.fields[ob.time_field].name + "`, or name one with `by FIELD`");
}

std::optional<ObligationSymbol> Checker::check_obligation(const ast::ObligationDecl& d) {
  ObligationSymbol ob;
  ob.kind = d.kind;
  ob.decl = &d;
  // The obligation as written, without its actions (they follow `warn` and `else`).
  Span head = d.span;
  for (const auto& [word, span] : d.clauses) {
    if ((word == "warn" || word == "else") && span.begin < head.end) head.end = span.begin;
  }
  ob.text = one_line(m_.sources->text(head));
  const std::size_t errors_before = diags_.error_count();
  const bool respond = d.kind == ast::ObligationKind::Respond;

  for (std::size_t i = 0; i < d.clauses.size(); ++i) {
    for (std::size_t j = 0; j < i; ++j) {
      if (d.clauses[j].first != d.clauses[i].first) continue;
      diags_
          .error(DiagCode::BadObligation, d.clauses[i].second,
                 "`" + d.clauses[i].first + "` is written twice in this obligation",
                 "written again here")
          .label(d.clauses[j].second, "first written here")
          .help("keep one `" + d.clauses[i].first + "` clause");
      break;
    }
  }

  const auto events = find_events(d.events.events.text);
  if (!events) {
    std::vector<std::string> names;
    for (const EventsSymbol& ev : m_.events) names.push_back(ev.name);
    auto b = diags_.error(DiagCode::UnknownName, d.events.events.span,
                          "unknown events `" + d.events.events.text + "`", "not an events name");
    if (auto near = closest_name(d.events.events.text, names))
      b.help("did you mean `" + *near + "`?");
    else
      b.help("an obligation names events declared with `events NAME of ...`");
  } else {
    ob.events = *events;
    const EventsSymbol& ev = m_.events[*events];
    if (!ev.time_field) {
      diags_
          .error(DiagCode::BadObligation, d.events.events.span,
                 "`" + ev.name + "` events have no time, so no obligation can be measured",
                 "no date or datetime field")
          .help("add the time of each event, as in `at: datetime`");
    } else {
      ob.time_field = *ev.time_field;
      if (respond) check_response_field(d, ob);
    }
    if (d.events.filter) {
      event_scope_ = *events;
      const Type t = check(*d.events.filter);
      event_scope_.reset();
      if (!t.is_error() && t.kind != TypeKind::Bool) {
        diags_
            .error(DiagCode::ConditionNotBool, d.events.filter->span,
                   "the filter of this obligation is `" + name_of(t) + "`, not a yes/no value",
                   "this is `" + name_of(t) + "`")
            .help("compare it with something, as in `kind == ticket`");
      }
    }
  }

  if (!d.amount) {
    diags_
        .error(DiagCode::BadObligation, d.span, "`respond` needs a time limit",
               "no `within` clause")
        .help("write `respond " + d.events.events.text + " ... within 4h`");
  } else if (auto amount = literal_amount(*d.amount, !respond, ob.amount_is_period)) {
    ob.amount = *amount;
  }
  if (d.calendar) {
    for (std::uint32_t c = 0; c < m_.calendars.size(); ++c) {
      if (m_.calendars[c].name == d.calendar->text) ob.calendar = c;
    }
    if (!ob.calendar) {
      std::vector<std::string> names;
      for (const CalendarSymbol& c : m_.calendars) names.push_back(c.name);
      auto b = diags_.error(DiagCode::UnknownCalendar, d.calendar->span,
                            "unknown calendar `" + d.calendar->text + "`", "not a calendar");
      if (auto near = closest_name(d.calendar->text, names)) {
        b.help("did you mean `" + *near + "`?");
      } else {
        b.help("declare it: `calendar " + d.calendar->text + " { week mon..fri 09:00..18:00 }`");
      }
    }
  }
  if (d.from) {
    const Type t = check(*d.from);
    if (!t.is_error() && t.kind != TypeKind::Date && t.kind != TypeKind::DateTime) {
      diags_
          .error(DiagCode::BadObligation, d.from->span,
                 "the start of the obligation is `" + name_of(t) + "`, not a date",
                 "this is `" + name_of(t) + "`")
          .help("name a date or datetime, such as `from signed_on`");
    }
  }
  if (d.warn) {
    bool period = false;
    if (auto warn = literal_amount(*d.warn, false, period)) {
      ob.warn = *warn;
      if (!ob.amount_is_period && ob.amount > 0 && ob.warn >= ob.amount) {
        diags_
            .error(DiagCode::BadObligation, d.warn->span,
                   "the warning time is not shorter than the time allowed",
                   "as long as the deadline or longer")
            .help("warn less than the time allowed, as in `within 4h warn 1h before`");
      }
    }
  }
  if (d.warn_action) ob.warn_action = check_action(*d.warn_action);
  if (d.otherwise) ob.otherwise = check_action(*d.otherwise);
  if (diags_.error_count() != errors_before) return std::nullopt;
  return ob;
}

void Checker::check_sop(std::uint32_t id) {
  owner_.reset();
  event_scope_.reset();
  SopSymbol& sop = m_.sops[id];
  const ast::SopDecl& d = *sop.decl;
  for (const ast::ObligationDecl& o : d.obligations) {
    if (auto ob = check_obligation(o)) m_.sops[id].obligations.push_back(std::move(*ob));
  }
  for (const ast::TriggerDecl& t : d.triggers) {
    const auto tiering = sop_tiering(t.tiering);
    auto action = check_action(t.action);
    if (!tiering || !action) continue;
    m_.sops[id].triggers.push_back({t.enter, *tiering, *action, &t});
  }
}

}  // namespace strata::check
