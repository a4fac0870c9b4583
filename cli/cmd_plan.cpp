// `strata explain-plan`: how a rule set is evaluated — its per-customer phases and the
// statistics over all customers computed between them, each computed once.
#include <fmt/format.h>

#include <cstdio>
#include <nlohmann/json.hpp>

#include "commands.hpp"
#include "common.hpp"

namespace strata::cli {

ColorMode parse_color(const std::string& c);

CLI::App* register_explain_plan(CLI::App& app, ExplainPlanOptions& o) {
  CLI::App* cmd = app.add_subcommand(
      "explain-plan",
      "Show how a rule set is evaluated: its phases and the statistics over all customers");
  cmd->add_option("FILES", o.common.files, "rule files, or folders of .strata files")->required();
  cmd->add_option("--color", o.common.color, "colour diagnostics: auto, always or never")
      ->check(CLI::IsMember({"auto", "always", "never"}));
  cmd->add_option("--format", o.common.format, "human (default) or json")
      ->check(CLI::IsMember({"human", "json"}));
  cmd->footer("Exit codes: 0 success, 1 errors in the rules, 2 usage or I/O problem.");
  return cmd;
}

namespace {

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& s : items) out += (out.empty() ? "" : ", ") + s;
  return out;
}

std::string statistic_line(const PlanInfo::Statistic& s) {
  std::string line = fmt::format("  {:<28} {}", s.text, s.description);
  if (!s.argument.empty()) line += fmt::format(", over `{}`", s.argument);
  if (!s.used_by.empty()) line += "; used by " + join(s.used_by);
  if (s.calls > 1) line += fmt::format(" (written {} times, computed once)", s.calls);
  return line + "\n";
}

std::string render_plan(const PlanInfo& plan) {
  std::size_t positions = 0;
  for (const PlanInfo::Statistic& s : plan.statistics) positions += s.position;
  std::string out = fmt::format(
      "{} phase{}; {} statistic{} over all customers ({} per customer), {} sort{}\n",
      plan.phases.size(), plan.phases.size() == 1 ? "" : "s", plan.statistics.size(),
      plan.statistics.size() == 1 ? "" : "s", positions, plan.sorts, plan.sorts == 1 ? "" : "s");
  for (std::size_t p = 0; p < plan.phases.size(); ++p) {
    bool header = false;
    for (const PlanInfo::Statistic& s : plan.statistics) {
      if (s.stage != p) continue;
      if (!header) {
        out += fmt::format("\nstage {}: statistics over all customers{}\n", p,
                           p == 0 ? ", from the number of customers alone" : "");
        header = true;
      }
      out += statistic_line(s);
    }
    const PlanInfo::Phase& phase = plan.phases[p];
    out += fmt::format("\nphase {}: per customer\n", p + 1);
    for (const std::string& pass : phase.event_passes) out += "  events pass: " + pass + "\n";
    if (!phase.computes.empty()) out += "  computes: " + join(phase.computes) + "\n";
    if (!phase.carries.empty()) out += "  keeps for later phases: " + join(phase.carries) + "\n";
  }
  return out;
}

nlohmann::ordered_json plan_json(const PlanInfo& plan) {
  nlohmann::ordered_json j;
  j["phases"] = nlohmann::json::array();
  for (const PlanInfo::Phase& p : plan.phases) {
    j["phases"].push_back({{"name", p.name},
                           {"event_passes", p.event_passes},
                           {"computes", p.computes},
                           {"carries", p.carries}});
  }
  j["statistics"] = nlohmann::json::array();
  for (const PlanInfo::Statistic& s : plan.statistics) {
    j["statistics"].push_back({{"text", s.text},
                               {"description", s.description},
                               {"stage", s.stage},
                               {"position", s.position},
                               {"argument", s.argument},
                               {"used_by", s.used_by},
                               {"calls", s.calls}});
  }
  j["sorts"] = plan.sorts;
  return j;
}

}  // namespace

int run_explain_plan(const ExplainPlanOptions& o) {
  const Terminal term = detect_terminal(parse_color(o.common.color));
  Diagnostics diags;
  auto rules = compile(o.common.files, diags);
  print_diagnostics(diags, "human", term);
  if (!rules) {
    for (const Diagnostic& d : diags.all()) {
      if (d.code == DiagCode::FileError) return kUsage;
    }
    return kFindings;
  }
  const PlanInfo plan = rules->plan();
  const std::string text =
      o.common.format == "json" ? plan_json(plan).dump(2) + "\n" : render_plan(plan);
  std::fwrite(text.data(), 1, text.size(), stdout);
  return kOk;
}

}  // namespace strata::cli
