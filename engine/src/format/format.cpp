// format_rule_text: parse, lay out, verify.
#include "strata/format.hpp"

#include <memory>

#include "format/formatter.hpp"
#include "format/verify.hpp"
#include "strata/parse.hpp"

namespace strata {

FormatResult format_rule_text(const std::string& path, std::string text) {
  FormatResult result;
  auto sources = std::make_shared<SourceManager>();
  const FileId file = sources->add(path, std::move(text));
  result.diags.set_sources(sources);
  const std::string& input = sources->file(file).text();
  ast::ExprId next_id = 0;
  const ast::Module module = parse_module(*sources, file, result.diags, next_id);
  if (result.diags.has_errors()) return result;

  std::string output = format::layout_module(module, input);
  if (auto mismatch = format::verify_layout(input, module, output)) {
    format::report_mismatch(result.diags, file, input.size(), *mismatch);
    return result;
  }
  result.changed = output != input;
  result.text = std::move(output);
  return result;
}

}  // namespace strata
