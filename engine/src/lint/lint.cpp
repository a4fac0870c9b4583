// lint(): runs every family of rules over the checked model, then applies levels and inline
// suppressions.
#include <algorithm>

#include "lint/analysis.hpp"
#include "lint/context.hpp"
#include "lint/suppress.hpp"

namespace strata::linter {

Context::Context(const RuleSet& rules, const LintOptions& options)
    : rules_(rules), model_(rules.model()), options_(options) {}
Context::~Context() = default;

Analysis& Context::analysis() {
  if (!analysis_) analysis_ = std::make_unique<Analysis>(*this);
  return *analysis_;
}

Finding& Context::report(LintRule rule, Span span, std::string message, std::string label) {
  Finding f;
  f.rule = rule;
  f.diag.rule = std::string(lint_rule_info(rule).id);
  f.diag.severity = Severity::Warning;
  f.diag.message = std::move(message);
  if (span.valid()) f.diag.labels.push_back({span, std::move(label), true});
  findings_.push_back(std::move(f));
  return findings_.back();
}

namespace {

Severity severity_of(LintLevel level) {
  return level == LintLevel::Error  ? Severity::Error
         : level == LintLevel::Note ? Severity::Note
                                    : Severity::Warning;
}

// The line a finding is reported on, for suppressions.
std::optional<std::pair<FileId, std::uint32_t>> finding_line(const Finding& f,
                                                             const SourceManager& sources) {
  const Label* p = f.diag.primary();
  if (p == nullptr || !p->span.valid() || p->span.file >= sources.size()) return std::nullopt;
  return std::make_pair(p->span.file, sources.file(p->span.file).line_col(p->span.begin).line);
}

// Whether a rule ran, so that a suppression of it that matched nothing is really unused.
bool rule_ran(LintRule rule, const LintOptions& options) {
  if (options.config.level(rule) == LintLevel::Off) return false;
  return lint_rule_info(rule).group != LintGroup::Data || options.data != nullptr;
}

void report_suppression_problems(Context& ctx, std::vector<Suppression>& suppressions) {
  std::vector<std::string> ids;
  for (const LintRuleInfo& info : lint_rules()) ids.emplace_back(info.id);
  for (const Suppression& s : suppressions) {
    if (!s.rule) {
      if (!ctx.enabled(LintRule::UnknownRule)) continue;
      Finding& f = ctx.report(LintRule::UnknownRule, s.span,
                              "`" + s.id + "` is not a lint rule, so this suppresses nothing",
                              "unknown rule");
      const auto near = closest_name(s.id, ids);
      f.diag.help = near ? "did you mean `" + *near + "`?"
                         : "the rule ids are listed by `strata lint --list-rules`";
    } else if (!s.used && rule_ran(*s.rule, ctx.options()) &&
               ctx.enabled(LintRule::UnusedSuppression)) {
      Finding& f = ctx.report(LintRule::UnusedSuppression, s.span,
                              "`allow(" + s.id + ")` suppresses nothing",
                              s.target_line == 0 ? "no line of code follows this comment"
                                                 : "no `" + s.id + "` finding on that line");
      f.diag.help = "remove it, or move it onto (or just above) the line of the finding";
    }
  }
}

}  // namespace

std::vector<Finding> lint_findings(const RuleSet& rules, const LintOptions& options) {
  Context ctx(rules, options);
  check_style(ctx);
  check_names(ctx);
  check_conditions(ctx);
  check_tierings(ctx);
  check_tables(ctx);
  check_sops(ctx);
  if (options.data) check_data(ctx);

  // Levels, then suppressions.
  const SourceManager& sources = *rules.model().sources;
  std::vector<Suppression> suppressions = find_suppressions(sources);
  std::vector<Finding> kept;
  for (Finding& f : ctx.findings()) {
    const LintLevel level = options.config.level(f.rule);
    if (level == LintLevel::Off) continue;
    f.diag.severity = severity_of(level);
    bool suppressed = false;
    if (const auto where = finding_line(f, sources)) {
      for (Suppression& s : suppressions) {
        if (s.rule == f.rule && s.file == where->first && s.target_line == where->second) {
          s.used = true;
          suppressed = true;
        }
      }
    }
    if (!suppressed) kept.push_back(std::move(f));
  }
  ctx.findings().clear();
  report_suppression_problems(ctx, suppressions);
  std::vector<Diagnostic> problems = ctx.analysis().param_problems();
  for (Finding& f : ctx.findings()) {
    f.diag.severity = severity_of(options.config.level(f.rule));
    kept.push_back(std::move(f));
  }

  const auto key = [&](const Finding& f) {
    const Label* p = f.diag.primary();
    const bool has = p != nullptr && p->span.valid();
    return std::make_tuple(has ? 0 : 1, has ? p->span.file : 0u, has ? p->span.begin : 0u,
                           static_cast<unsigned>(f.rule));
  };
  std::stable_sort(kept.begin(), kept.end(),
                   [&](const Finding& a, const Finding& b) { return key(a) < key(b); });
  // Unusable parameter values come first: the findings assumed the defaults instead.
  std::vector<Finding> out;
  for (Diagnostic& d : problems) {
    Finding f;
    f.diag = std::move(d);
    out.push_back(std::move(f));
  }
  for (Finding& f : kept) out.push_back(std::move(f));
  return out;
}

}  // namespace strata::linter

namespace strata {

Diagnostics lint(const RuleSet& rules, const LintOptions& options) {
  Diagnostics out;
  out.set_sources(rules.model().sources);
  for (linter::Finding& f : linter::lint_findings(rules, options)) out.add(std::move(f.diag));
  return out;
}

}  // namespace strata
