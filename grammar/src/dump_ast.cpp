// dump_ast: one node per line, indented by depth, with the node's line:col.
#include <variant>

#include "dump.hpp"
#include "strata/parse.hpp"

namespace strata {
namespace internal {
namespace {

template <class... Fs>
struct Overloaded : Fs... {
  using Fs::operator()...;
};
template <class... Fs>
Overloaded(Fs...) -> Overloaded<Fs...>;

std::string_view literal_kind(ast::LiteralKind kind) {
  using K = ast::LiteralKind;
  switch (kind) {
    case K::Int:
      return "int";
    case K::Decimal:
      return "decimal";
    case K::Percent:
      return "percent";
    case K::String:
      return "string";
    case K::Bool:
      return "bool";
    case K::None:
      return "none";
    case K::Date:
      return "date";
    case K::DateTime:
      return "datetime";
    case K::Duration:
      return "duration";
    case K::Period:
      return "period";
    case K::Today:
      return "today";
  }
  return "?";
}

// A string shown with its escapes, so a dump stays one line per node.
std::string quoted(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        out += c;
    }
  }
  return out + "\"";
}

std::string literal_text(const ast::LiteralExpr& lit) {
  return lit.kind == ast::LiteralKind::String ? quoted(lit.text) : lit.text;
}

}  // namespace

std::string sexpr(const ast::Expr& expr) {
  return std::visit(Overloaded{
                        [](const ast::LiteralExpr& e) { return literal_text(e); },
                        [](const ast::NameExpr& e) { return e.name; },
                        [](const ast::MemberExpr& e) {
                          return "(. " + sexpr(*e.object) + " " + e.member.text + ")";
                        },
                        [](const ast::UnaryExpr& e) {
                          return std::string(e.op == ast::UnaryOp::Negate ? "(neg " : "(not ") +
                                 sexpr(*e.operand) + ")";
                        },
                        [](const ast::BinaryExpr& e) {
                          return "(" + std::string(ast::binary_op_spelling(e.op)) + " " +
                                 sexpr(*e.lhs) + " " + sexpr(*e.rhs) + ")";
                        },
                        [](const ast::BetweenExpr& e) {
                          return std::string(e.negated ? "(not-between " : "(between ") +
                                 sexpr(*e.value) + " " + sexpr(*e.low) + " " + sexpr(*e.high) + ")";
                        },
                        [](const ast::InExpr& e) {
                          std::string out =
                              std::string(e.negated ? "(not-in " : "(in ") + sexpr(*e.value) + " [";
                          for (std::size_t i = 0; i < e.items.size(); ++i) {
                            out += (i ? " " : "") + sexpr(*e.items[i]);
                          }
                          return out + "])";
                        },
                        [](const ast::IsExpr& e) {
                          return std::string(e.negated ? "(is-not " : "(is ") + sexpr(*e.value) +
                                 " " + (e.target ? e.target->text : "none") + ")";
                        },
                        [](const ast::IfExpr& e) {
                          return "(if " + sexpr(*e.condition) + " " + sexpr(*e.then_value) + " " +
                                 sexpr(*e.else_value) + ")";
                        },
                        [](const ast::CallExpr& e) {
                          std::string out = "(" + e.callee.text;
                          for (const auto& arg : e.args) out += " " + sexpr(*arg);
                          if (e.filter) out += " :where " + sexpr(*e.filter);
                          return out + ")";
                        },
                    },
                    expr.node);
}

std::string type_text(const ast::TypeRef& type) {
  using K = ast::TypeKeyword;
  static constexpr std::string_view kNames[] = {"int",  "decimal",  "money",    "bool", "string",
                                                "date", "datetime", "duration", "enum"};
  std::string out(kNames[static_cast<std::size_t>(type.keyword)]);
  if (type.keyword == K::Enum) {
    out += " {";
    for (std::size_t i = 0; i < type.enum_members.size(); ++i) {
      out += (i ? ", " : " ") + type.enum_members[i].text;
    }
    out += " }";
  }
  if (type.optional) out += "?";
  if (type.range_low && type.range_high) {
    out += " in " + sexpr(*type.range_low) + ".." + sexpr(*type.range_high);
  }
  return out;
}

namespace {

class Dumper {
 public:
  explicit Dumper(const SourceManager& sources) : sources_(sources) {}

  std::string out;

  void line(int depth, const std::string& text, const Span& span) {
    out.append(static_cast<std::size_t>(depth) * 2, ' ');
    out += text;
    if (span.valid() && span.file < sources_.size()) {
      const LineCol lc = sources_.file(span.file).line_col(span.begin);
      out += " @" + std::to_string(lc.line) + ":" + std::to_string(lc.column);
    }
    out += "\n";
  }

  void expr(int depth, const ast::Expr& e) {
    std::visit(Overloaded{
                   [&](const ast::LiteralExpr& x) {
                     line(depth,
                          "literal " + std::string(literal_kind(x.kind)) + " " + literal_text(x),
                          e.span);
                   },
                   [&](const ast::NameExpr& x) { line(depth, "name " + x.name, e.span); },
                   [&](const ast::MemberExpr& x) {
                     line(depth, "member ." + x.member.text, e.span);
                     expr(depth + 1, *x.object);
                   },
                   [&](const ast::UnaryExpr& x) {
                     line(depth, x.op == ast::UnaryOp::Negate ? "unary -" : "unary not", e.span);
                     expr(depth + 1, *x.operand);
                   },
                   [&](const ast::BinaryExpr& x) {
                     line(depth, "binary " + std::string(ast::binary_op_spelling(x.op)), e.span);
                     expr(depth + 1, *x.lhs);
                     expr(depth + 1, *x.rhs);
                   },
                   [&](const ast::BetweenExpr& x) {
                     line(depth, x.negated ? "not between" : "between", e.span);
                     expr(depth + 1, *x.value);
                     expr(depth + 1, *x.low);
                     expr(depth + 1, *x.high);
                   },
                   [&](const ast::InExpr& x) {
                     line(depth, x.negated ? "not in" : "in", e.span);
                     expr(depth + 1, *x.value);
                     for (const auto& item : x.items) expr(depth + 1, *item);
                   },
                   [&](const ast::IsExpr& x) {
                     line(depth,
                          std::string(x.negated ? "is not " : "is ") +
                              (x.target ? x.target->text : "none"),
                          e.span);
                     expr(depth + 1, *x.value);
                   },
                   [&](const ast::IfExpr& x) {
                     line(depth, "if", e.span);
                     expr(depth + 1, *x.condition);
                     expr(depth + 1, *x.then_value);
                     expr(depth + 1, *x.else_value);
                   },
                   [&](const ast::CallExpr& x) {
                     line(depth, "call " + x.callee.text, e.span);
                     for (const auto& arg : x.args) expr(depth + 1, *arg);
                     if (x.filter) {
                       line(depth + 1, "where", x.filter->span);
                       expr(depth + 2, *x.filter);
                     }
                   },
               },
               e.node);
  }

  void fields(int depth, const std::vector<ast::FieldDecl>& list) {
    for (const auto& f : list)
      line(depth, "field " + f.name.text + ": " + type_text(f.type), f.span);
  }

  void tier(int depth, const ast::TierDecl& t) {
    line(depth, "tier " + t.name.text + label(t.label) + (t.otherwise ? " otherwise" : ""), t.span);
    if (t.condition) expr(depth + 1, *t.condition);
    for (const auto& sub : t.children) tier(depth + 1, sub);
  }

  void cell(int depth, const ast::TableCell& c) {
    switch (c.kind) {
      case ast::CellKind::Any:
        line(depth, "cell any", c.span);
        break;
      case ast::CellKind::Value:
        line(depth, "cell value", c.span);
        expr(depth + 1, *c.value);
        break;
      case ast::CellKind::Compare:
        line(depth, "cell " + std::string(ast::binary_op_spelling(c.op)), c.span);
        expr(depth + 1, *c.value);
        break;
      case ast::CellKind::Range:
        line(depth, "cell range", c.span);
        expr(depth + 1, *c.value);
        expr(depth + 1, *c.high);
        break;
      case ast::CellKind::List:
        line(depth, "cell list", c.span);
        for (const auto& item : c.items) expr(depth + 1, *item);
        break;
    }
  }

  void tiering(const ast::TieringDecl& x) {
    const char* policy = x.policy == ast::HitPolicy::Unique ? " unique" : " first";
    line(1, "tiering " + x.name.text + label(x.label) + policy, x.span);
    for (const auto& t : x.tiers) tier(2, t);
    if (x.table) {
      line(2, "table", x.table->span);
      line(3, "columns", x.table->columns_span);
      for (const auto& column : x.table->columns) expr(4, *column);
      for (const auto& row : x.table->rows) {
        line(3,
             std::string(row.otherwise ? "otherwise" : "row") + " -> " + row.tier.text +
                 label(row.label),
             row.span);
        for (const auto& c : row.cells) cell(4, c);
      }
    }
    if (!x.product.empty()) {
      line(2, "product", Span::merge(x.product.front()->span, x.product.back()->span));
      for (const auto& operand : x.product) expr(3, *operand);
    }
    for (const auto& h : x.holds) {
      line(2, std::string("hold ") + (h.demote ? "demote " : "promote ") + h.runs, h.span);
    }
  }

  static std::string label(const std::optional<ast::Label>& l) {
    return l ? " " + quoted(l->text) : "";
  }

  void decl(const ast::Decl& d) {
    std::visit(
        Overloaded{
            [&](const ast::RecordDecl& x) {
              line(1, "record " + x.name.text + " key " + x.key.text, x.span);
              fields(2, x.fields);
            },
            [&](const ast::EventsDecl& x) {
              line(1, "events " + x.name.text + " of " + x.owner.text + " by " + x.by.text, x.span);
              fields(2, x.fields);
            },
            [&](const ast::ParamDecl& x) {
              line(1, "param " + x.name.text + (x.type ? ": " + type_text(*x.type) : ""), x.span);
              if (x.default_value) expr(2, *x.default_value);
            },
            [&](const ast::LetDecl& x) {
              line(1, "let " + x.name.text + (x.type ? ": " + type_text(*x.type) : ""), x.span);
              expr(2, *x.value);
            },
            [&](const ast::UseDecl& x) { line(1, "use " + quoted(x.path), x.span); },
            [&](const ast::TieringDecl& x) { tiering(x); },
            [&](const ast::CalendarDecl& x) {
              line(1, "calendar " + x.name.text + label(x.label), x.span);
              if (x.zone) line(2, "zone " + quoted(x.zone->text), x.zone->span);
              for (const auto& w : x.weeks) line(2, "week", w.span);
              for (const auto& c : x.closed)
                line(2, "closed " + c.first + (c.last.empty() ? "" : ".." + c.last), c.span);
              for (const auto& o : x.open) line(2, "open", o.span);
            },
            [&](const ast::SopDecl& x) {
              std::string targets = x.all ? " all" : "";
              for (const auto& t : x.targets) targets += " " + t.tiering.text + "." + t.tier.text;
              line(1, "sop " + x.name.text + label(x.label) + " for" + targets, x.span);
              for (const auto& o : x.obligations) {
                line(2,
                     o.kind == ast::ObligationKind::Respond ? "respond " + o.events.events.text
                                                            : "every " + o.events.events.text,
                     o.span);
                if (o.events.filter) expr(3, *o.events.filter);
                if (o.from) expr(3, *o.from);
              }
              for (const auto& t : x.triggers) {
                line(2, std::string(t.enter ? "on enter " : "on exit ") + t.tiering.text, t.span);
                for (const auto& part : t.action.message.parts) {
                  if (part.expr) expr(3, *part.expr);
                }
              }
            },
            [&](const ast::KpiDecl& x) {
              line(1,
                   "kpi " + x.name.text + label(x.label) + (x.by ? " by " + x.by->text : "") +
                       (x.unit ? " unit " + x.unit->text : ""),
                   x.span);
              expr(2, *x.value);
              for (const auto& t : x.targets) {
                std::string tiers;
                for (const auto& tier : t.tiers)
                  tiers += (tiers.empty() ? " for " : ", ") + tier.text;
                line(2, "target " + std::string(ast::binary_op_spelling(t.op)) + tiers, t.span);
                expr(3, *t.value);
              }
            },
        },
        d);
  }

 private:
  const SourceManager& sources_;
};

}  // namespace
}  // namespace internal

std::string dump_ast(const ast::Module& module, const SourceManager& sources) {
  internal::Dumper dumper(sources);
  const std::string path =
      module.file < sources.size() ? sources.file(module.file).path() : std::string("<no file>");
  dumper.out = "module " + path + "\n";
  for (const auto& decl : module.decls) dumper.decl(decl);
  return dumper.out;
}

}  // namespace strata
