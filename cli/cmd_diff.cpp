// `strata diff OLD NEW`: the impact of a rule change on real customers.
//
// Both versions are compiled (from paths, or `git:REV:path`), the same data files are loaded for
// each version's schema, and the report goes to standard output or --out. Exit codes: 0 the
// report was made (and no more than --max-moved customers move), 1 more customers move than
// --max-moved allows, or a version has errors in its rules or the data has bad rows, 2 usage,
// I/O, git or data-schema problems.
#include <fmt/format.h>

#include <cstdio>

#include "commands.hpp"
#include "common.hpp"
#include "diff_output.hpp"
#include "git_source.hpp"

namespace strata::cli {

ColorMode parse_color(const std::string& c);

CLI::App* register_diff(CLI::App& app, DiffCommandOptions& o) {
  CLI::App* cmd = app.add_subcommand(
      "diff", "Compare two versions of a rule set on the same data: who moves tier, and why");
  cmd->add_option("OLD", o.old_rules, "the old version: rule file or folder, or git:REV:PATH")
      ->required();
  cmd->add_option("NEW", o.new_rules, "the new version: rule file or folder, or git:REV:PATH")
      ->required();
  cmd->add_option("--data", o.data, "the record file (CSV, or JSON Lines as .jsonl)")->required();
  cmd->add_option("--events", o.events, "an events file: NAME=PATH (e.g. Order=orders.csv)")
      ->allow_extra_args(false);
  cmd->add_option("--param", o.params,
                  "a parameter value for each version that declares it: NAME=VALUE")
      ->allow_extra_args(false);
  cmd->add_option("--today", o.today, "the date `today` stands for (YYYY-MM-DD)");
  cmd->add_option("--format", o.format, "human (default), markdown (a PR comment) or json")
      ->check(CLI::IsMember({"human", "markdown", "json"}));
  cmd->add_option("--sample", o.sample, "moved customers to explain per tiering (default 10)");
  cmd->add_option("--max-moved", o.max_moved,
                  "exit 1 when a larger share of customers moves (e.g. 5%)");
  cmd->add_option("--out", o.out, "write the report here instead of standard output");
  cmd->add_option("--color", o.color, "colour diagnostics: auto, always or never")
      ->check(CLI::IsMember({"auto", "always", "never"}));
  cmd->footer(
      "Exit codes: 0 report made, 1 more customers move than --max-moved (or errors in rules\n"
      "or data), 2 usage, I/O, git or data-schema problem.");
  return cmd;
}

namespace {

struct Version {
  std::string name;  // as given
  std::shared_ptr<const RuleSet> rules;
  std::optional<Dataset> data;
  RunOptions options;
  TempFolder checkout;
  std::string local;  // the path compiled
};

// Resolves a version's path (checking it out of git when asked) and compiles it.
int compile_version(Version& v, const Terminal& term) {
  std::string error;
  const auto spec = parse_git_spec(v.name, error);
  if (!error.empty()) {
    print_error(error, term, DiagCode::GitSourceError);
    return kUsage;
  }
  v.local = v.name;
  if (spec) {
    if (!v.checkout.create(error)) {
      print_error(error, term, DiagCode::FileError);
      return kUsage;
    }
    const auto local = checkout_rules(*spec, v.checkout, error);
    if (!local) {
      print_error(error, term, DiagCode::GitSourceError);
      return kUsage;
    }
    v.local = *local;
  }
  Diagnostics diags;
  v.rules = compile({v.local}, diags);
  if (!diags.empty()) print_diagnostics(diags, "human", term);
  if (!v.rules) {
    print_error("the version " + v.name + " has errors in its rules", term, DiagCode::UsageError);
    return kFindings;
  }
  return kOk;
}

// Fields the new version's schema reads that the old one does not: the likely reason why the
// data fits one version and not the other.
std::vector<std::string> new_fields(const Schema& before, const Schema& after) {
  std::vector<std::string> out;
  for (const FieldSchema& f : after.record.fields) {
    if (!before.record.field_index(f.name)) out.push_back(after.record.name + "." + f.name);
  }
  for (const EventsSchema& e : after.events) {
    const auto old_index = before.events_index(e.name);
    for (const FieldSchema& f : e.fields) {
      if (!old_index || !before.events[*old_index].field_index(f.name)) {
        out.push_back(e.name + "." + f.name);
      }
    }
  }
  return out;
}

int load_version(Version& v, const Version& other, const DiffCommandOptions& o,
                 const Terminal& term, const char* which) {
  RuleSet::DataFiles files;
  files.records = o.data;
  for (const std::string& e : o.events) {
    std::string name, path;
    split_pair(e, name, path);
    if (v.rules->schema().events_index(name)) files.events.push_back({name, path});
  }
  for (const auto& es : v.rules->schema().events) {
    bool given = false;
    for (const auto& e : files.events) given = given || e.name == es.name;
    if (!given) {
      print_error(std::string("the ") + which + " version reads `" + es.name +
                      "` events: pass them with --events " + es.name + "=PATH",
                  term);
      return kUsage;
    }
  }
  Diagnostics diags;
  v.data = v.rules->load(files, diags);
  if (v.data) return kOk;
  Diagnostics framing;
  auto b = framing.data_error(
      DiagCode::VersionDataMismatch, DataLocation{o.data, 0, 0, {}},
      std::string("the data does not fit the ") + which + " version (" + v.name + ")");
  if (other.rules) {
    for (const std::string& f : new_fields(other.rules->schema(), v.rules->schema())) {
      b.note("the " + std::string(which) + " version reads `" + f + "`, which the other does not");
    }
  }
  b.help("give data with every column both versions read; the problems follow");
  b.emit();
  print_diagnostics(framing, "human", term);
  print_diagnostics(diags, "human", term);
  for (const Diagnostic& d : diags.all()) {
    if (d.code == DiagCode::MissingColumn || d.code == DiagCode::DataFileError) return kUsage;
  }
  return kFindings;
}

// Paths in the report that point into a checkout are shown as REV:path.
void show_git_paths(std::string& text, const Version& v) {
  if (v.checkout.path().empty()) return;
  std::string error;
  const auto spec = parse_git_spec(v.name, error);
  const std::string from = v.checkout.path() + "/";
  const std::string to = spec->rev + ":";
  for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at)) {
    text.replace(at, from.size(), to);
    at += to.size();
  }
}

}  // namespace

int run_diff(const DiffCommandOptions& o) {
  const Terminal term = detect_terminal(parse_color(o.color));
  std::optional<Decimal> max_moved;
  if (!o.max_moved.empty()) {
    max_moved = parse_share(o.max_moved);
    if (!max_moved) {
      print_error("--max-moved expects a share such as `5%` or `0.05`, got `" + o.max_moved + "`",
                  term);
      return kUsage;
    }
  }
  for (const std::string& e : o.events) {
    std::string name, path;
    if (!split_pair(e, name, path)) {
      print_error("--events expects NAME=PATH, got `" + e + "`", term);
      return kUsage;
    }
  }
  Version before, after;
  before.name = o.old_rules;
  after.name = o.new_rules;
  if (int rc = compile_version(before, term)) return rc;
  if (int rc = compile_version(after, term)) return rc;
  for (const std::string& e : o.events) {
    std::string name, path;
    split_pair(e, name, path);
    if (!before.rules->schema().events_index(name) && !after.rules->schema().events_index(name)) {
      print_error("--events " + e + ": neither version declares events `" + name + "`", term);
      return kUsage;
    }
  }
  for (const std::string& p : o.params) {
    std::string name, value;
    if (!split_pair(p, name, value)) {
      print_error("--param expects NAME=VALUE, got `" + p + "`", term);
      return kUsage;
    }
    bool known = false;
    for (Version* v : {&before, &after}) {
      for (const ParamInfo& info : v->rules->params()) {
        if (info.name != name) continue;
        v->options.params[name] = value;
        known = true;
      }
    }
    if (!known) {
      print_error("--param " + p + ": neither version declares a parameter `" + name + "`", term);
      return kUsage;
    }
  }
  before.options.today = after.options.today = o.today;
  if (int rc = load_version(before, after, o, term, "old")) return rc;
  if (int rc = load_version(after, before, o, term, "new")) return rc;

  DiffOptions options;
  options.old_options = before.options;
  options.new_options = after.options;
  options.sample = o.sample;
  Diagnostics diags;
  const auto report =
      diff_rule_sets(*before.rules, *before.data, *after.rules, *after.data, options, diags);
  if (!report) {
    print_diagnostics(diags, "human", term);
    bool usage = false;
    for (const Diagnostic& d : diags.all()) {
      usage = usage || d.code == DiagCode::BadParam || d.code == DiagCode::VersionDataMismatch;
    }
    return usage ? kUsage : kFindings;
  }

  const DiffSides sides{before.name, after.name, before.rules.get(), after.rules.get()};
  std::string text = o.format == "markdown" ? render_diff_markdown(*report, sides)
                     : o.format == "json"   ? render_diff_json(*report, sides)
                                            : render_diff_human(*report, sides);
  show_git_paths(text, before);
  show_git_paths(text, after);
  if (!write_report(o.out, text, term)) return kUsage;
  if (max_moved) {
    // moved / customers > max, compared exactly: moved * 10^6 > max_units * customers.
    const Decimal::Rep moved = Decimal::Rep(report->moved) * Decimal::kOne;
    if (moved > max_moved->units() * Decimal::Rep(report->customers)) {
      std::fprintf(stderr,
                   "strata diff: %llu of %llu customers move (%s%%), more than --max-moved %s\n",
                   static_cast<unsigned long long>(report->moved),
                   static_cast<unsigned long long>(report->customers),
                   percent_text(report->moved, report->customers).c_str(), o.max_moved.c_str());
      return kFindings;
    }
  }
  return kOk;
}

}  // namespace strata::cli
