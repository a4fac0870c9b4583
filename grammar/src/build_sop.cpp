// Calendars and SOPs: parse-tree nodes to ast::CalendarDecl and ast::SopDecl.
//
// Times, dates and amounts stay as written (text with spans); the checker validates them, as it
// does for every other literal.
#include "build.hpp"
#include "grammar.hpp"

namespace strata::internal {

namespace g = strata::grammar;

// clock_range: clock_time clock_time
ast::ClockRange Builder::clock_range(const Node& node) {
  return {node.children.at(0)->string(), node.children.at(1)->string(), span(node)};
}

// date_range: date_lit date_lit?
ast::DateRange Builder::date_range(const Node& node) {
  ast::DateRange r;
  r.first = node.children.at(0)->string();
  if (node.children.size() > 1) r.last = node.children[1]->string();
  r.span = span(node);
  return r;
}

// calendar_decl: identifier label? (zone_line | week_line | closed_line | open_line)*
ast::CalendarDecl Builder::calendar(const Node& node) {
  ast::CalendarDecl cal;
  cal.span = span(node);
  cal.name = ident(*node.children.at(0));
  for (std::size_t i = 1; i < node.children.size(); ++i) {
    const Node& child = *node.children[i];
    if (child.is_type<g::label>()) {
      cal.label = label(child);
    } else if (child.is_type<g::zone_line>()) {
      cal.zone = label(*child.children.at(0));
      cal.zone->span = span(child);
    } else if (child.is_type<g::week_line>()) {
      ast::WeekLine week;
      week.span = span(child);
      for (const auto& part : child.children) {
        if (part->is_type<g::day_range>()) {
          ast::DayRange days{ident(*part->children.at(0)), std::nullopt, span(*part)};
          if (part->children.size() > 1) days.last = ident(*part->children[1]);
          week.days.push_back(std::move(days));
        } else {
          week.hours.push_back(clock_range(*part));
        }
      }
      cal.weeks.push_back(std::move(week));
    } else if (child.is_type<g::closed_line>()) {
      for (const auto& part : child.children) cal.closed.push_back(date_range(*part));
    } else if (child.is_type<g::open_line>()) {
      ast::OpenLine open;
      open.span = span(child);
      for (const auto& part : child.children) {
        if (part->is_type<g::date_range>()) {
          open.dates.push_back(date_range(*part));
        } else {
          open.hours.push_back(clock_range(*part));
        }
      }
      cal.open.push_back(std::move(open));
    }
  }
  return cal;
}

ast::ExprPtr Builder::name_expr(const Node& node) {
  return make(span(node), ast::NameExpr{node.string()}, 1).expr;
}

// message_lit: (message_text | interp)*
ast::Message Builder::message(const Node& node) {
  ast::Message m;
  m.span = span(node);
  for (const auto& part : node.children) {
    if (part->is_type<g::message_text>()) {
      m.parts.push_back({decode_body(part->string_view(), offset(part->m_begin.data)), nullptr});
    } else {
      m.parts.push_back({std::string(), expr(*part->children.at(0)).expr});
    }
  }
  return m;
}

// task_action: owner message due_clause? / notify_action: owner message / release_action
ast::ActionDecl Builder::action(const Node& node) {
  ast::ActionDecl a;
  a.span = span(node);
  if (node.is_type<g::release_action>()) {
    a.kind = ast::ActionKind::ReleaseToPool;
    return a;
  }
  a.kind = node.is_type<g::task_action>() ? ast::ActionKind::Task : ast::ActionKind::Notify;
  a.owner = name_expr(*node.children.at(0)->children.at(0));
  a.message = message(*node.children.at(1));
  if (node.children.size() > 2) a.due = literal(*node.children[2]->children.at(0)).expr;
  return a;
}

// respond_decl: events_ref clause*   /   every_decl: amount events_ref clause*
ast::ObligationDecl Builder::obligation(const Node& node) {
  ast::ObligationDecl ob;
  ob.span = span(node);
  ob.kind =
      node.is_type<g::every_decl>() ? ast::ObligationKind::Every : ast::ObligationKind::Respond;
  for (const auto& part : node.children) {
    const Node& c = *part;
    if (c.is_type<g::events_ref>()) {
      ob.events.events = ident(*c.children.at(0));
      ob.events.span = span(c);
      if (c.children.size() > 1) ob.events.filter = expr(*c.children[1]->children.at(0)).expr;
      continue;
    }
    if (!c.is_type<g::within_clause>() && !c.is_type<g::on_clause>() &&
        !c.is_type<g::by_clause>() && !c.is_type<g::warn_clause>() &&
        !c.is_type<g::else_clause>() && !c.is_type<g::from_clause>()) {
      ob.amount = literal(c).expr;  // the period of `every`
      continue;
    }
    const Span s = span(c);
    const std::string_view text = text_.substr(s.begin, s.end - s.begin);
    ob.clauses.emplace_back(std::string(text.substr(0, text.find_first_of(" \t\r\n"))), s);
    if (c.is_type<g::within_clause>()) {
      ob.amount = literal(*c.children.at(0)).expr;
    } else if (c.is_type<g::on_clause>()) {
      ob.calendar = ident(*c.children.at(0));
    } else if (c.is_type<g::by_clause>()) {
      ob.by = ident(*c.children.at(0));
    } else if (c.is_type<g::warn_clause>()) {
      ob.warn = literal(*c.children.at(0)).expr;
      if (c.children.size() > 1) ob.warn_action = action(*c.children[1]);
    } else if (c.is_type<g::else_clause>()) {
      ob.otherwise = action(*c.children.at(0));
    } else {
      ob.from = expr(*c.children.at(0)).expr;
    }
  }
  return ob;
}

// trigger_decl: trigger_kind identifier action
ast::TriggerDecl Builder::trigger(const Node& node) {
  ast::TriggerDecl t;
  t.span = span(node);
  t.enter = node.children.at(0)->string_view().find("enter") != std::string_view::npos;
  t.tiering = ident(*node.children.at(1));
  t.action = action(*node.children.at(2));
  return t;
}

// sop_decl: identifier label? (sop_all | tier_ref+) (respond_decl | every_decl | trigger_decl)*
ast::SopDecl Builder::sop(const Node& node) {
  ast::SopDecl sop;
  sop.span = span(node);
  sop.name = ident(*node.children.at(0));
  for (std::size_t i = 1; i < node.children.size(); ++i) {
    const Node& child = *node.children[i];
    if (child.is_type<g::label>()) {
      sop.label = label(child);
    } else if (child.is_type<g::sop_all>()) {
      sop.all = true;
      sop.all_span = span(child);
    } else if (child.is_type<g::tier_ref>()) {
      // The tiering, then the tier's path: `top`, or `top.important_value` for a sub-tier.
      ast::Ident tier = ident(*child.children.at(1));
      for (std::size_t k = 2; k < child.children.size(); ++k) {
        const ast::Ident part = ident(*child.children[k]);
        tier.text += "." + part.text;
        tier.span = Span::merge(tier.span, part.span);
      }
      sop.targets.push_back({ident(*child.children.at(0)), std::move(tier), span(child)});
    } else if (child.is_type<g::trigger_decl>()) {
      sop.triggers.push_back(trigger(child));
    } else {
      sop.obligations.push_back(obligation(child));
    }
  }
  return sop;
}

}  // namespace strata::internal
