// parse_module: one declaration at a time, with recovery at the next declaration keyword.
#include "strata/parse.hpp"

#include <tao/pegtl/contrib/parse_tree.hpp>

#include "build.hpp"
#include "grammar_errors.hpp"
#include "lexer.hpp"
#include "syntax_error.hpp"

namespace strata {

ast::Module parse_module(const SourceManager& sources, FileId file, Diagnostics& diags,
                         ast::ExprId& next_expr_id) {
  namespace pegtl = tao::pegtl;
  ast::Module module;
  module.file = file;
  const SourceFile& source = sources.file(file);
  const std::string_view text = source.text();
  internal::Builder builder(sources, file, diags, next_expr_id);
  internal::SyntaxErrorReporter reporter(source, file, diags);

  // Each declaration is parsed on its own so a failure in one cannot hide the next. A parse
  // either consumes a declaration or throws, so every iteration makes progress.
  std::size_t at = internal::skip_trivia(text, 0);
  while (at < text.size()) {
    pegtl::memory_input<pegtl::tracking_mode::lazy> in(text.data(), text.data() + text.size(),
                                                       source.path());
    in.bump(at);
    grammar::ParseState state;
    try {
      auto root = pegtl::parse_tree::parse<grammar::decl_entry, grammar::Selector, pegtl::nothing,
                                           grammar::Control>(in, state);
      const std::size_t end = static_cast<std::size_t>(in.current() - text.data());
      try {
        if (root && !root->children.empty())
          module.decls.push_back(builder.decl(*root->children.front()));
      } catch (const internal::TreeTooDeep& deep) {
        diags
            .error(DiagCode::SyntaxError, deep.span,
                   "expression is too deep (more than " + std::to_string(internal::kMaxTreeDepth) +
                       " nested operations)",
                   "too deep to evaluate")
            .help("split the expression into several `let` values");
      }
      at = end > at ? end : internal::recovery_point(text, at);
    } catch (const grammar::SyntaxFailure& failure) {
      reporter.report(*failure.info, failure.offset, at);
      at = internal::recovery_point(text, at);
    }
    at = internal::skip_trivia(text, at);
  }
  return module;
}

}  // namespace strata
