// Turning the PEGTL parse tree of one declaration into AST nodes.
//
// The parse tree (see Selector in grammar_errors.hpp) keeps only identifiers, literals, operators
// and one node per construct; expression levels with a single child are already folded away. The
// Builder walks it, gives every node its Span and every expression a fresh ExprId, decodes string
// escapes, and reports the few errors only visible at this stage (an escape naming no Unicode
// scalar value, an expression too deep for later passes to walk).
#pragma once

#include <tao/pegtl/contrib/parse_tree.hpp>

#include "strata/ast.hpp"
#include "strata/diagnostic.hpp"
#include "strata/source.hpp"

namespace strata::internal {

using Node = tao::pegtl::parse_tree::node;

// Thrown when an expression would exceed kMaxTreeDepth; the declaration is then dropped.
struct TreeTooDeep {
  Span span;
};

inline constexpr int kMaxTreeDepth = 1000;

// The operator spelled `op` ("+", "<=", "and", "??").
ast::BinaryOp binary_op(std::string_view op);

class Builder {
 public:
  Builder(const SourceManager& sources, FileId file, Diagnostics& diags, ast::ExprId& next_id);

  ast::Decl decl(const Node& node);

 private:
  struct Built {
    ast::ExprPtr expr;
    int depth = 1;
  };

  // build_expr.cpp
  Built expr(const Node& node);
  Built literal(const Node& node);
  Built call(const Node& node);
  Built postfix(const Node& node);
  Built prefix(const Node& node);
  Built binary_chain(const Node& node);
  Built comparison(const Node& node);
  Built make(Span span, decltype(ast::Expr::node) value, int depth);
  std::string decode_string(const Node& node);
  // Resolves the escapes of string text starting at byte `body_offset` of the file.
  std::string decode_body(std::string_view body, std::uint32_t body_offset);

  // build_decl.cpp
  ast::TypeRef type(const Node& node);
  ast::FieldDecl field(const Node& node);
  ast::TierDecl tier(const Node& node);
  ast::TieringDecl tiering(const Node& node);

  // build_table.cpp
  ast::DecisionTable table(const Node& node);
  ast::TableRow row(const Node& node);
  ast::TableCell cell(const Node& node);
  ast::Ident ident(const Node& node) const;
  ast::Label label(const Node& node);
  ast::HoldDecl hold(const Node& node);

  // build_sop.cpp
  ast::CalendarDecl calendar(const Node& node);
  ast::SopDecl sop(const Node& node);
  ast::ClockRange clock_range(const Node& node);
  ast::DateRange date_range(const Node& node);
  ast::ObligationDecl obligation(const Node& node);
  ast::TriggerDecl trigger(const Node& node);
  ast::ActionDecl action(const Node& node);
  ast::Message message(const Node& node);
  ast::ExprPtr name_expr(const Node& node);

  // build_kpi.cpp
  ast::KpiDecl kpi(const Node& node);
  ast::KpiTarget kpi_target(const Node& node);

  Span span(const Node& node) const;
  std::uint32_t offset(const char* p) const;

  const SourceManager& sources_;
  FileId file_;
  std::string_view text_;
  Diagnostics& diags_;
  ast::ExprId& next_id_;
};

}  // namespace strata::internal
