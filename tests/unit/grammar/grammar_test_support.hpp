// Helpers for the grammar tests: parse a snippet and look at the result.
#pragma once

#include <memory>
#include <string>

#include "dump.hpp"
#include "strata/parse.hpp"

namespace strata::testing {

struct Parsed {
  std::unique_ptr<SourceManager> sources = std::make_unique<SourceManager>();
  Diagnostics diags;
  ast::Module module;
  ast::ExprId next_id = 0;
  FileId file = kNoFile;

  std::string codes() const {
    std::string out;
    for (const auto& d : diags.all()) {
      out += (out.empty() ? "" : " ") + std::string(diag_code_id(d.code));
    }
    return out;
  }
  std::string rendered() const { return render(diags, *sources); }
  std::string dump() const { return dump_ast(module, *sources); }
};

inline Parsed parse_text(const std::string& text, const std::string& path = "test.strata") {
  Parsed p;
  p.file = p.sources->add(path, text);
  p.module = parse_module(*p.sources, p.file, p.diags, p.next_id);
  return p;
}

// The value of `let x = <text>` as an s-expression, or the diagnostics when it does not parse.
inline std::string expr_sexpr(const std::string& text) {
  Parsed p = parse_text("let x = " + text + "\n");
  if (!p.diags.empty() || p.module.decls.size() != 1) return "error: " + p.rendered();
  return internal::sexpr(*std::get<ast::LetDecl>(p.module.decls[0]).value);
}

}  // namespace strata::testing
