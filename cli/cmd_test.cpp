// `strata test`: find test files, compile the rule sets they name, run every case, report.
//
// Exit codes: 0 every case passed (and coverage reached --min-coverage), 1 a case failed, the
// coverage is below the minimum or a rule set has errors, 2 a test file is unusable or a usage or
// I/O problem. The last line of output is always the summary `N passed, N failed, N skipped`.
#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "commands.hpp"
#include "common.hpp"
#include "test_report.hpp"

namespace strata::cli {

namespace fs = std::filesystem;

ColorMode parse_color(const std::string& c);

CLI::App* register_test(CLI::App& app, TestCommandOptions& o) {
  CLI::App* cmd = app.add_subcommand(
      "test", "Run the YAML tests (*.test.yaml) of rule sets: tiers and values of test customers");
  cmd->add_option("PATHS", o.paths,
                  "test files, or folders searched for *.test.yaml (default: the current folder)");
  cmd->add_option("--junit", o.junit, "also write the results as JUnit XML to this file");
  cmd->add_flag("--coverage", o.coverage,
                "report rule coverage: tiers chosen and both outcomes of every condition term");
  cmd->add_option("--coverage-json", o.coverage_json, "write the coverage report as JSON here");
  cmd->add_option("--min-coverage", o.min_coverage,
                  "fail when the coverage of a rule set is below this share (e.g. 90%)");
  cmd->add_option("--color", o.color, "colour output: auto, always or never")
      ->check(CLI::IsMember({"auto", "always", "never"}));
  cmd->add_option("--format", o.format,
                  "diagnostics as human (default), short (one line each) or json")
      ->check(CLI::IsMember({"human", "short", "json"}));
  cmd->add_flag("--quiet,-q", o.quiet, "print only failures, coverage and the summary");
  cmd->footer(
      "Exit codes: 0 all passed, 1 a case failed, coverage below --min-coverage or rule errors,\n"
      "2 a test file is unusable or a usage or I/O problem. The last line is the summary:\n"
      "`N passed, N failed, N skipped`.");
  return cmd;
}

namespace {

bool is_test_file(const fs::path& p) {
  const std::string name = p.filename().string();
  return name.size() > 10 && name.ends_with(".test.yaml");
}

// Test files under `root`, sorted; folders whose name starts with `.` are not searched.
void discover(const fs::path& root, std::vector<std::string>& out) {
  std::error_code ec;
  fs::recursive_directory_iterator it(root, fs::directory_options::skip_permission_denied, ec);
  for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (it->is_directory(ec) && name.size() > 1 && name[0] == '.') {
      it.disable_recursion_pending();
      continue;
    }
    if (it->is_regular_file(ec) && is_test_file(it->path())) {
      out.push_back(it->path().lexically_normal().string());
    }
  }
}

bool read_text(const std::string& path, std::string& text) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream ss;
  ss << in.rdbuf();
  text = ss.str();
  return !in.bad();
}

std::string rule_set_name(const std::vector<std::string>& paths) {
  std::string name;
  for (const std::string& p : paths) name += (name.empty() ? "" : " ") + p;
  return name;
}

struct CompiledRules {
  std::shared_ptr<const RuleSet> rules;
  bool unreadable = false;  // a rule file or folder named by `rules:` cannot be read
  std::unique_ptr<CoverageRecorder> coverage;
};

}  // namespace

int run_test(const TestCommandOptions& o) {
  const Terminal term = detect_terminal(parse_color(o.color));
  const bool color_out = o.color == "always" || (o.color == "auto" && isatty(STDOUT_FILENO));
  const auto t0 = std::chrono::steady_clock::now();
  int exit = kOk;
  auto raise = [&exit](int code) { exit = std::max(exit, code); };

  std::optional<Decimal> min_share;
  if (!o.min_coverage.empty()) {
    min_share = parse_share(o.min_coverage);
    if (!min_share) {
      print_error(
          "--min-coverage expects a share such as `90%` or `0.9`, got `" + o.min_coverage + "`",
          term);
      return kUsage;
    }
  }
  const bool coverage = o.coverage || !o.coverage_json.empty() || min_share;

  std::vector<std::string> files;
  const std::vector<std::string> roots = o.paths.empty() ? std::vector<std::string>{"."} : o.paths;
  for (const std::string& root : roots) {
    std::error_code ec;
    if (fs::is_directory(root, ec)) {
      const std::size_t before = files.size();
      discover(root, files);
      std::sort(files.begin() + static_cast<std::ptrdiff_t>(before), files.end());
    } else if (fs::is_regular_file(root, ec)) {
      files.push_back(fs::path(root).lexically_normal().string());
    } else {
      print_error("`" + root + "` is neither a test file nor a folder", term, DiagCode::FileError);
      raise(kUsage);
    }
  }
  if (files.empty() && exit == kOk) {
    print_error("no test files (*.test.yaml) under " + rule_set_name(roots), term,
                DiagCode::UsageError);
    std::printf("0 passed, 0 failed, 0 skipped\n");
    return kUsage;
  }

  std::map<std::string, CompiledRules> compiled;  // by rule-set name, in name order
  std::vector<FileRun> runs;
  for (const std::string& path : files) {
    FileRun run;
    run.path = path;
    std::string text;
    Diagnostics diags;
    if (!read_text(path, text)) {
      print_error("cannot read `" + path + "`", term, DiagCode::FileError);
      run.problem = "cannot read the test file";
      raise(kUsage);
      runs.push_back(std::move(run));
      continue;
    }
    const auto rule_paths = read_test_rules(path, text, diags);
    if (!rule_paths) {
      diags.sort();
      print_diagnostics(diags, o.format, term);
      run.problem = "the test file is unusable";
      raise(kUsage);
      runs.push_back(std::move(run));
      continue;
    }
    const std::string name = rule_set_name(*rule_paths);
    auto found = compiled.find(name);
    if (found == compiled.end()) {
      Diagnostics rule_diags;
      CompiledRules c;
      c.rules = compile(*rule_paths, rule_diags);
      if (!rule_diags.empty()) print_diagnostics(rule_diags, o.format, term);
      for (const Diagnostic& d : rule_diags.all()) {
        c.unreadable = c.unreadable || d.code == DiagCode::FileError;
      }
      if (c.rules && coverage) c.coverage = std::make_unique<CoverageRecorder>(c.rules);
      found = compiled.emplace(name, std::move(c)).first;
    }
    run.rules = found->second.rules;
    if (!run.rules) {
      run.problem = "the rule set " + name + " has errors";
      // A rule set that cannot be read is the test file's problem; one with errors, the rules'.
      raise(found->second.unreadable ? kUsage : kFindings);
      runs.push_back(std::move(run));
      continue;
    }
    run.suite = load_test_suite(path, text, *run.rules, diags);
    diags.sort();  // by line: the file is reported top to bottom
    if (!diags.empty()) print_diagnostics(diags, o.format, term);
    if (!run.suite) {
      run.problem = "the test file is unusable";
      raise(kUsage);
      runs.push_back(std::move(run));
      continue;
    }
    run.result = run_test_suite(*run.suite, *run.rules, found->second.coverage.get());
    if (run.result.count(CaseOutcome::Failed) > 0) raise(kFindings);
    const std::string text_out = render_file_results(run, color_out);
    if (!o.quiet || run.result.count(CaseOutcome::Failed) > 0) {
      std::fwrite(text_out.data(), 1, text_out.size(), stdout);
    }
    runs.push_back(std::move(run));
  }

  if (coverage) {
    std::vector<NamedCoverage> all;
    for (const auto& [name, c] : compiled) {
      if (!c.coverage) continue;
      all.push_back({name, c.coverage.get()});
      const std::string text = render_coverage_text(name, c.coverage->coverage(), *c.rules);
      std::fwrite(text.data(), 1, text.size(), stdout);
      if (min_share && !c.coverage->coverage().total().at_least(*min_share)) {
        std::printf("coverage of %s is %s%%, below the minimum %s\n", name.c_str(),
                    c.coverage->coverage().total().percent().c_str(), o.min_coverage.c_str());
        raise(kFindings);
      }
    }
    if (!o.coverage_json.empty()) {
      const std::string json = render_coverage_json(all);
      std::string error;
      if (!write_text_atomically(o.coverage_json, json, error)) {
        print_error(error, term, DiagCode::FileError);
        raise(kUsage);
      }
    }
  }

  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  if (!o.junit.empty()) {
    const std::string xml = render_junit(runs, seconds);
    std::string error;
    if (!write_text_atomically(o.junit, xml, error)) {
      print_error(error, term, DiagCode::FileError);
      raise(kUsage);
    }
  }

  std::size_t passed = 0, failed = 0, skipped = 0;
  for (const FileRun& run : runs) {
    passed += run.result.count(CaseOutcome::Passed);
    failed += run.result.count(CaseOutcome::Failed);
    skipped += run.result.count(CaseOutcome::Skipped);
  }
  std::fflush(stderr);
  std::printf("%zu passed, %zu failed, %zu skipped\n", passed, failed, skipped);
  return exit;
}

}  // namespace strata::cli
