// strata.yaml: the `lint:` section of a rule set's configuration, and command-line overrides.
//
//   lint:
//     rules:
//       tier-gap: error        # off, note, warning or error
//       missing-label: off
//     max-tier-share: 60%      # oversized-tier: a tier holding more than this share of the data
//     max-missing-share: 20%   # sparse-input: an input missing in more than this share of rows
//
// Other top-level sections belong to other tools and are ignored; unknown keys inside `lint:`
// are errors, so a misspelt rule never silently keeps its default.
#include <yaml-cpp/yaml.h>

#include <fstream>
#include <sstream>

#include "strata/lint.hpp"

namespace strata {

namespace {

class ConfigReader {
 public:
  ConfigReader(std::string path, Diagnostics& diags) : path_(std::move(path)), diags_(diags) {}

  void problem(const YAML::Mark& mark, std::string message, std::string help = {}) {
    DataLocation where{path_,
                       mark.line >= 0 ? static_cast<std::uint64_t>(mark.line + 1) : 0,
                       mark.column >= 0 ? static_cast<std::uint32_t>(mark.column + 1) : 0,
                       {}};
    auto b = diags_.data_error(DiagCode::BadLintConfig, where, std::move(message));
    if (!help.empty()) b.help(std::move(help));
    failed_ = true;
  }
  bool failed() const { return failed_; }

  void read_rules(const YAML::Node& rules, LintConfig& config) {
    if (!rules.IsMap()) {
      problem(rules.Mark(), "`rules` must map rule ids to levels",
              "write one `rule-id: level` per line, e.g. `tier-gap: error`");
      return;
    }
    for (const auto& entry : rules) {
      const std::string id = entry.first.Scalar();
      const auto rule = lint_rule_from_id(id);
      if (!rule) {
        std::vector<std::string> ids;
        for (const LintRuleInfo& info : lint_rules()) ids.emplace_back(info.id);
        const auto near = closest_name(id, ids);
        problem(entry.first.Mark(), "`" + id + "` is not a lint rule",
                near ? "did you mean `" + *near + "`?" : "see `strata lint --list-rules`");
        continue;
      }
      const std::string level_text = entry.second.IsScalar() ? entry.second.Scalar() : "";
      const auto level = lint_level_from_name(level_text);
      if (!level) {
        problem(entry.second.Mark(), "`" + level_text + "` is not a lint level",
                "use off, note, warning or error");
        continue;
      }
      config.levels[*rule] = *level;
    }
  }

  std::optional<Decimal> read_share(const YAML::Node& node, std::string_view key) {
    std::string text = node.IsScalar() ? node.Scalar() : "";
    bool percent = !text.empty() && text.back() == '%';
    if (percent) text.pop_back();
    auto value = Decimal::parse(text);
    Decimal share;
    if (value && percent) {
      if (!Decimal::div(*value, Decimal::from_int(100), share)) value.reset();
    } else if (value) {
      share = *value;
    }
    if (!value || share < Decimal() || share > Decimal::from_int(1)) {
      problem(node.Mark(), "`" + std::string(key) + "` must be a share between 0% and 100%",
              "write it as a percentage (`60%`) or a fraction (`0.6`)");
      return std::nullopt;
    }
    return share;
  }

 private:
  std::string path_;
  Diagnostics& diags_;
  bool failed_ = false;
};

}  // namespace

std::optional<LintConfig> load_lint_config(const std::string& path, Diagnostics& diags) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    diags
        .data_error(DiagCode::FileError, DataLocation{path, 0, 0, {}},
                    "cannot read the configuration file `" + path + "`")
        .emit();
    return std::nullopt;
  }
  std::stringstream text;
  text << in.rdbuf();
  ConfigReader reader(path, diags);
  LintConfig config;
  config.path = path;
  YAML::Node root;
  try {
    root = YAML::Load(text.str());
  } catch (const YAML::Exception& e) {
    reader.problem(e.mark, "this is not valid YAML: " + e.msg);
    return std::nullopt;
  }
  if (!root || root.IsNull()) return config;
  if (!root.IsMap()) {
    reader.problem(root.Mark(), "the configuration must be a map with a `lint:` section");
    return std::nullopt;
  }
  const YAML::Node lint = root["lint"];
  if (!lint || lint.IsNull()) return config;
  if (!lint.IsMap()) {
    reader.problem(lint.Mark(), "`lint` must be a map (rules, max-tier-share, max-missing-share)");
    return std::nullopt;
  }
  for (const auto& entry : lint) {
    const std::string key = entry.first.Scalar();
    if (key == "rules") {
      reader.read_rules(entry.second, config);
    } else if (key == "max-tier-share") {
      if (auto v = reader.read_share(entry.second, key)) config.max_tier_share = *v;
    } else if (key == "max-missing-share") {
      if (auto v = reader.read_share(entry.second, key)) config.max_missing_share = *v;
    } else {
      const auto near = closest_name(key, {"rules", "max-tier-share", "max-missing-share"});
      reader.problem(entry.first.Mark(), "unknown setting `" + key + "` in `lint`",
                     near ? "did you mean `" + *near + "`?"
                          : "the settings are rules, max-tier-share and max-missing-share");
    }
  }
  if (reader.failed()) return std::nullopt;
  return config;
}

bool apply_lint_override(LintConfig& config, std::string_view text, std::string& error) {
  const auto eq = text.find('=');
  if (eq == std::string_view::npos) {
    error = "expected RULE=LEVEL, got `" + std::string(text) + "`";
    return false;
  }
  const std::string_view id = text.substr(0, eq), level_text = text.substr(eq + 1);
  const auto rule = lint_rule_from_id(id);
  if (!rule) {
    std::vector<std::string> ids;
    for (const LintRuleInfo& info : lint_rules()) ids.emplace_back(info.id);
    const auto near = closest_name(id, ids);
    error = "`" + std::string(id) + "` is not a lint rule" +
            (near ? " (did you mean `" + *near + "`?)" : "");
    return false;
  }
  const auto level = lint_level_from_name(level_text);
  if (!level) {
    error = "`" + std::string(level_text) + "` is not a lint level (off, note, warning, error)";
    return false;
  }
  config.levels[*rule] = *level;
  return true;
}

}  // namespace strata
