// read_test_rules and load_test_suite: the top level of a test file and its cases.
#include <yaml-cpp/yaml.h>

#include <filesystem>

#include "api/params.hpp"
#include "strata/time.hpp"
#include "testing/suite_loader.hpp"

namespace strata {

namespace fs = std::filesystem;
using testfile::Entry;
using testfile::KeyLevel;
using testfile::TestKey;
using testfile::YamlReader;

namespace {

fs::path folder_of(const std::string& path) {
  fs::path folder = fs::path(path).parent_path();
  return folder.empty() ? fs::path(".") : folder;
}

// `name: value` parameters: each must be declared, and its value must parse as its type.
void read_params(testfile::SuiteContext& ctx, const Entry& entry, RunOptions& options) {
  std::vector<std::string> names;
  for (const ParamInfo& p : ctx.rules.params()) names.push_back(p.name);
  for (const Entry& e : ctx.reader.entries(entry.value, "`params`", entry.where)) {
    const auto value = ctx.reader.scalar(e.value, "a parameter value", e.where);
    if (!value) continue;
    if (!ctx.model.find_param(e.key)) {
      ctx.reader.unknown(e.where, "the rule set declares no parameter `" + e.key + "`", e.key,
                         names);
      continue;
    }
    RunOptions one;
    one.today = options.today;
    one.params[e.key] = *value;
    Diagnostics scratch;
    if (!api::resolve_params(ctx.model, one, scratch)) {
      const std::string why = scratch.all().empty() ? "bad value" : scratch.all().front().message;
      ctx.reader.error(DiagCode::BadTestFile, ctx.reader.at(e.value, e.where), why,
                       "write the value as in `--param " + e.key + "=VALUE`");
      continue;
    }
    options.params[e.key] = *value;
  }
}

void read_today(testfile::SuiteContext& ctx, const Entry& entry, RunOptions& options) {
  const auto value = ctx.reader.scalar(entry.value, "`today`", entry.where);
  if (!value) return;
  if (!timeutil::parse_date(*value)) {
    ctx.reader.error(DiagCode::BadTestFile, ctx.reader.at(entry.value, entry.where),
                     "`" + *value + "` is not a date", "write it as YYYY-MM-DD");
    return;
  }
  options.today = *value;
}

std::optional<TestCase> read_case(testfile::SuiteContext& ctx, const YAML::Node& node,
                                  const RunOptions& file_options,
                                  const testfile::Defaults& file_defaults) {
  TestCase test;
  test.where = ctx.reader.at(node);
  test.options = file_options;
  testfile::Defaults defaults = file_defaults;
  const auto entries = ctx.reader.keyed(node, KeyLevel::Case, "a case", test.where);
  if (!node.IsMap()) return std::nullopt;
  const Entry* customers = nullptr;
  const Entry* data = nullptr;
  const Entry* expect = nullptr;
  const Entry* counts = nullptr;
  const Entry* state = nullptr;
  const Entry* kpis = nullptr;
  bool named = false;
  // Options first (today before params, since a param may default to today), then the
  // population, then the expectations that refer to it.
  for (const auto& [key, e] : entries) {
    if (key == TestKey::CaseToday) read_today(ctx, e, test.options);
  }
  for (const auto& [key, e] : entries) {
    switch (key) {
      case TestKey::CaseName:
        if (auto v = ctx.reader.scalar(e.value, "`name`", e.where)) {
          test.name = *v;
          named = !v->empty();
        }
        break;
      case TestKey::CaseSkip:
        if (auto v = ctx.reader.scalar(e.value, "`skip`", e.where)) {
          test.skip = v->empty() ? std::string("skipped") : *v;
        }
        break;
      case TestKey::CaseParams:
        read_params(ctx, e, test.options);
        break;
      case TestKey::CaseDefaults:
        read_defaults(ctx, e, defaults);
        break;
      case TestKey::CaseCustomers:
        customers = &e;
        break;
      case TestKey::CaseData:
        data = &e;
        break;
      case TestKey::CaseExpect:
        expect = &e;
        break;
      case TestKey::CaseCounts:
        counts = &e;
        break;
      case TestKey::CaseState:
        state = &e;
        break;
      case TestKey::CaseKpis:
        kpis = &e;
        break;
      default:
        break;
    }
  }
  if (!named) {
    ctx.reader.error(DiagCode::BadTestFile, test.where, "this case has no `name`",
                     "give every case a `name:` that says what it shows");
  }
  if (customers && data) {
    ctx.reader.error(DiagCode::BadTestFile, data->where,
                     "a case has either `customers:` or `data:`, not both",
                     "write the customers inline, or put them in the data files");
    return std::nullopt;
  }
  if (!customers && !data) {
    ctx.reader.error(DiagCode::BadTestFile, test.where, "this case has no customers",
                     "add `customers:` (written inline) or `data:` (data files)");
    return std::nullopt;
  }
  test.data = customers ? testfile::read_customers(ctx, *customers, defaults)
                        : testfile::read_data_files(ctx, *data);
  // After the parameters: an inline state is checked against the case's run date.
  if (state) test.previous = testfile::read_state(ctx, *state, test.options);
  if (!test.data) return std::nullopt;
  if (!expect && !counts && !kpis) {
    ctx.reader.error(DiagCode::BadTestFile, test.where, "this case expects nothing",
                     "add `expect:` (per customer), `counts:` (per tier) or `kpis:` (per KPI)");
  }
  if (expect) testfile::read_expectations(ctx, *expect, *test.data, test);
  if (counts) testfile::read_counts(ctx, *counts, test);
  if (kpis) testfile::read_kpis(ctx, *kpis, test);
  return test;
}

}  // namespace

std::optional<std::vector<std::string>> read_test_rules(const std::string& path,
                                                        const std::string& text,
                                                        Diagnostics& diags) {
  YamlReader reader(path, diags);
  const auto root = reader.parse(text);
  if (!root) return std::nullopt;
  const DataLocation top{path, 1, 1, {}};
  if (!root->IsMap()) {
    reader.error(DiagCode::BadTestFile, reader.at(*root, top),
                 "a test file must be a mapping with a `tests:` list",
                 "start from the example in docs/testing.md");
    return std::nullopt;
  }
  std::vector<std::string> paths;
  for (auto it = root->begin(); it != root->end(); ++it) {
    if (!it->first.IsScalar() || it->first.Scalar() != "rules") continue;
    const DataLocation where = reader.at(it->first, top);
    std::vector<YAML::Node> items;
    if (it->second.IsSequence()) {
      items = reader.sequence(it->second, "`rules`", where);
    } else {
      items.push_back(it->second);
    }
    for (const YAML::Node& item : items) {
      const auto value = reader.scalar(item, "a rule file or folder", where);
      if (!value) continue;
      if (value->empty()) {
        reader.error(DiagCode::BadTestFile, reader.at(item, where), "`rules` names no file",
                     "write a rule file or folder, relative to this test file");
        continue;
      }
      paths.push_back((folder_of(path) / *value).lexically_normal().string());
    }
  }
  if (reader.failed()) return std::nullopt;
  if (paths.empty()) paths.push_back(folder_of(path).lexically_normal().string());
  return paths;
}

std::optional<TestSuite> load_test_suite(const std::string& path, const std::string& text,
                                         const RuleSet& rules, Diagnostics& diags) {
  YamlReader reader(path, diags);
  const auto root = reader.parse(text);
  if (!root) return std::nullopt;
  testfile::SuiteContext ctx{reader, rules, rules.model(), folder_of(path)};
  const DataLocation top{path, 1, 1, {}};
  RunOptions options;
  testfile::Defaults defaults;
  const Entry* tests = nullptr;
  const auto entries = reader.keyed(*root, KeyLevel::File, "the test file", top);
  for (const auto& [key, e] : entries) {
    if (key == TestKey::FileToday) read_today(ctx, e, options);
  }
  for (const auto& [key, e] : entries) {
    if (key == TestKey::FileParams) read_params(ctx, e, options);
    if (key == TestKey::FileDefaults) testfile::read_defaults(ctx, e, defaults);
    if (key == TestKey::FileTests) tests = &e;
  }
  if (!tests && root->IsMap()) {
    reader.error(DiagCode::BadTestFile, top, "the test file has no `tests:` list",
                 "add `tests:` with one `- name: ...` item per case");
  }
  TestSuite suite;
  suite.path = path;
  if (tests) {
    const std::vector<YAML::Node> nodes = reader.sequence(tests->value, "`tests`", tests->where);
    if (nodes.empty() && tests->value.IsSequence()) {
      reader.error(DiagCode::BadTestFile, tests->where, "`tests` has no cases",
                   "add at least one `- name: ...` case, or remove the file");
    }
    for (const YAML::Node& node : nodes) {
      if (auto test = read_case(ctx, node, options, defaults)) {
        suite.cases.push_back(std::move(*test));
      }
    }
  }
  if (reader.failed()) return std::nullopt;
  return suite;
}

}  // namespace strata
