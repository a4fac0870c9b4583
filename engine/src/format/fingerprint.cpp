// The AST fingerprint: one token per node and field, in a fixed order.
#include "format/fingerprint.hpp"

#include <variant>

#include "format/overloaded.hpp"

namespace strata::format {

namespace {

class Printer {
 public:
  explicit Printer(std::string_view text) : text_(text) {}
  std::string out;

  void word(std::string_view w) {
    out += w;
    out += ' ';
  }
  void quoted(std::string_view s) {
    out += std::to_string(s.size());
    out += ':';
    out += s;
    out += ' ';
  }
  void number(std::size_t n) { word(std::to_string(n)); }
  void flag(bool b) { word(b ? "1" : "0"); }
  void ident(const ast::Ident& i) { quoted(i.text); }
  void label(const std::optional<ast::Label>& l) {
    if (l) {
      word("label");
      quoted(l->text);
    } else {
      word("-");
    }
  }

  void expr(const ast::ExprPtr& e) {
    if (!e) {
      word("null");
      return;
    }
    expr(*e);
  }

  void expr(const ast::Expr& e) {
    std::visit(Overloaded{
                   [&](const ast::LiteralExpr& x) {
                     word("lit");
                     number(static_cast<std::size_t>(x.kind));
                     quoted(x.text);
                   },
                   [&](const ast::NameExpr& x) {
                     word("name");
                     quoted(x.name);
                   },
                   [&](const ast::MemberExpr& x) {
                     word("member");
                     expr(x.object);
                     ident(x.member);
                   },
                   [&](const ast::UnaryExpr& x) {
                     word("unary");
                     number(static_cast<std::size_t>(x.op));
                     expr(x.operand);
                   },
                   [&](const ast::BinaryExpr& x) {
                     word("binary");
                     number(static_cast<std::size_t>(x.op));
                     expr(x.lhs);
                     expr(x.rhs);
                   },
                   [&](const ast::BetweenExpr& x) {
                     word("between");
                     flag(x.negated);
                     expr(x.value);
                     expr(x.low);
                     expr(x.high);
                   },
                   [&](const ast::InExpr& x) {
                     word("in");
                     flag(x.negated);
                     expr(x.value);
                     exprs(x.items);
                   },
                   [&](const ast::IsExpr& x) {
                     word("is");
                     flag(x.negated);
                     expr(x.value);
                     if (x.target)
                       ident(*x.target);
                     else
                       word("none");
                   },
                   [&](const ast::IfExpr& x) {
                     word("if");
                     expr(x.condition);
                     expr(x.then_value);
                     expr(x.else_value);
                   },
                   [&](const ast::CallExpr& x) {
                     word("call");
                     ident(x.callee);
                     exprs(x.args);
                     expr(x.filter);
                   },
               },
               e.node);
  }

  void exprs(const std::vector<ast::ExprPtr>& list) {
    word("[");
    for (const auto& e : list) expr(e);
    word("]");
  }

  void type(const std::optional<ast::TypeRef>& t) {
    if (t)
      type(*t);
    else
      word("untyped");
  }
  void type(const ast::TypeRef& t) {
    word("type");
    number(static_cast<std::size_t>(t.keyword));
    word("[");
    for (const auto& m : t.enum_members) ident(m);
    word("]");
    flag(t.optional);
    expr(t.range_low);
    expr(t.range_high);
  }

  void fields(const std::vector<ast::FieldDecl>& list) {
    word("{");
    for (const auto& f : list) {
      ident(f.name);
      type(f.type);
    }
    word("}");
  }

  void tier(const ast::TierDecl& t) {
    word("tier");
    ident(t.name);
    label(t.label);
    flag(t.otherwise);
    expr(t.condition);
    flag(t.has_block);
    word("{");
    for (const auto& c : t.children) tier(c);
    word("}");
  }

  void cell(const ast::TableCell& c) {
    word("cell");
    number(static_cast<std::size_t>(c.kind));
    number(static_cast<std::size_t>(c.op));
    expr(c.value);
    expr(c.high);
    exprs(c.items);
  }

  void tiering(const ast::TieringDecl& x) {
    word("tiering");
    ident(x.name);
    label(x.label);
    number(static_cast<std::size_t>(x.policy));
    flag(x.policy_span.valid());
    number(static_cast<std::size_t>(x.form));
    for (const auto& t : x.tiers) tier(t);
    if (x.table) {
      word("table");
      exprs(x.table->columns);
      for (const auto& row : x.table->rows) {
        word("row");
        flag(row.otherwise);
        for (const auto& c : row.cells) cell(c);
        ident(row.tier);
        label(row.label);
      }
    }
    exprs(x.product);
    for (const auto& h : x.holds) {
      word("hold");
      flag(h.demote);
      quoted(h.runs);
    }
  }

  void date_range(const ast::DateRange& r) {
    quoted(r.first);
    quoted(r.last);
  }
  void clocks(const std::vector<ast::ClockRange>& list) {
    word("[");
    for (const auto& c : list) {
      quoted(c.begin);
      quoted(c.end);
    }
    word("]");
  }

  void calendar(const ast::CalendarDecl& x) {
    word("calendar");
    ident(x.name);
    label(x.label);
    label(x.zone);
    for (const auto& w : x.weeks) {
      word("week");
      for (const auto& d : w.days) {
        ident(d.first);
        if (d.last)
          ident(*d.last);
        else
          word("-");
      }
      clocks(w.hours);
    }
    word("closed");
    for (const auto& c : x.closed) date_range(c);
    for (const auto& o : x.open) {
      word("open");
      for (const auto& d : o.dates) date_range(d);
      clocks(o.hours);
    }
  }

  void action(const ast::ActionDecl& a) {
    word("action");
    number(static_cast<std::size_t>(a.kind));
    expr(a.owner);
    for (const auto& part : a.message.parts) {
      quoted(part.text);
      expr(part.expr);
    }
    expr(a.due);
  }
  void action(const std::optional<ast::ActionDecl>& a) {
    if (a)
      action(*a);
    else
      word("no-action");
  }
  void opt_ident(const std::optional<ast::Ident>& i) {
    if (i)
      ident(*i);
    else
      word("-");
  }

  void sop(const ast::SopDecl& x) {
    word("sop");
    ident(x.name);
    label(x.label);
    flag(x.all);
    for (const auto& t : x.targets) {
      ident(t.tiering);
      ident(t.tier);
    }
    for (const auto& o : x.obligations) {
      word("obligation");
      number(static_cast<std::size_t>(o.kind));
      ident(o.events.events);
      expr(o.events.filter);
      expr(o.amount);
      opt_ident(o.calendar);
      opt_ident(o.by);
      expr(o.from);
      expr(o.warn);
      action(o.warn_action);
      action(o.otherwise);
      for (const auto& [clause, span] : o.clauses) quoted(clause);
    }
    for (const auto& t : x.triggers) {
      word("trigger");
      flag(t.enter);
      ident(t.tiering);
      action(t.action);
    }
  }

  void kpi(const ast::KpiDecl& x) {
    word("kpi");
    ident(x.name);
    label(x.label);
    opt_ident(x.by);
    opt_ident(x.unit);
    expr(x.value);
    for (const auto& t : x.targets) {
      word("target");
      number(static_cast<std::size_t>(t.op));
      expr(t.value);
      word("[");
      for (const auto& tier : t.tiers) ident(tier);
      word("]");
    }
  }

  void decl(const ast::Decl& d) {
    std::visit(Overloaded{
                   [&](const ast::RecordDecl& x) {
                     word("record");
                     ident(x.name);
                     ident(x.key);
                     fields(x.fields);
                   },
                   [&](const ast::EventsDecl& x) {
                     word("events");
                     ident(x.name);
                     ident(x.owner);
                     ident(x.by);
                     fields(x.fields);
                   },
                   [&](const ast::ParamDecl& x) {
                     word("param");
                     ident(x.name);
                     type(x.type);
                     expr(x.default_value);
                   },
                   [&](const ast::LetDecl& x) {
                     word("let");
                     ident(x.name);
                     type(x.type);
                     expr(x.value);
                   },
                   [&](const ast::UseDecl& x) {
                     word("use");
                     quoted(x.path);
                   },
                   [&](const ast::TieringDecl& x) { tiering(x); },
                   [&](const ast::KpiDecl& x) { kpi(x); },
                   [&](const ast::CalendarDecl& x) { calendar(x); },
                   [&](const ast::SopDecl& x) { sop(x); },
                   [&](const auto& x) {
                     word("as-written");
                     quoted(text_.substr(x.span.begin, x.span.end - x.span.begin));
                   },
               },
               d);
    out += '\n';
  }

 private:
  std::string_view text_;
};

}  // namespace

std::string fingerprint(const ast::Module& module, std::string_view text) {
  Printer printer(text);
  for (const auto& d : module.decls) printer.decl(d);
  return printer.out;
}

}  // namespace strata::format
