#include "testing/yaml_reader.hpp"

#include <algorithm>

namespace strata::testfile {

const std::vector<TestKeyInfo>& test_keys() {
  static const std::vector<TestKeyInfo> keys = {
#define STRATA_TEST_KEY(Name, spelling, Level, summary) \
  {TestKey::Name, spelling, KeyLevel::Level, summary},
#include "testing/test_keys.def"
#define STRATA_TEST_KEY(Name, spelling, Level, summary) \
  {TestKey::Name, spelling, KeyLevel::Level, summary},
#include "testing/test_operation_keys.def"
  };
  return keys;
}

namespace {

std::string_view level_name(KeyLevel level) {
  switch (level) {
    case KeyLevel::File:
      return "the top level of a test file";
    case KeyLevel::Case:
      return "a case";
    case KeyLevel::Expect:
      return "an expectation";
    case KeyLevel::State:
      return "`state`";
    case KeyLevel::StateCustomer:
      return "a customer of `state`";
    case KeyLevel::StateTier:
      return "a tier of `state`";
    case KeyLevel::Obligation:
      return "an obligation of `sop`";
    case KeyLevel::Actions:
      return "`actions`";
    case KeyLevel::Action:
      return "an action";
  }
  return "";
}

std::string node_kind(const YAML::Node& node) {
  if (node.IsMap()) return "a mapping";
  if (node.IsSequence()) return "a list";
  if (node.IsNull()) return "nothing";
  return "a single value";
}

}  // namespace

DataLocation YamlReader::at(const YAML::Node& node, const DataLocation& fallback) const {
  const YAML::Mark mark = node.Mark();
  if (mark.is_null() || mark.line < 0) {
    DataLocation where = fallback;
    if (where.file.empty()) where.file = path_;
    return where;
  }
  return DataLocation{path_,
                      static_cast<std::uint64_t>(mark.line) + 1,
                      static_cast<std::uint32_t>(mark.column) + 1,
                      {}};
}

void YamlReader::error(DiagCode code, const DataLocation& where, std::string message,
                       std::string help) {
  auto b = diags_.data_error(code, where, std::move(message));
  if (!help.empty()) b.help(std::move(help));
  failed_ = true;
}

std::optional<YAML::Node> YamlReader::parse(const std::string& text) {
  try {
    YAML::Node root = YAML::Load(text);
    if (root.IsNull()) {
      error(DiagCode::BadTestFile, DataLocation{path_, 0, 0, {}}, "the test file is empty",
            "a test file is a mapping with a `tests:` list; see docs/testing.md");
      return std::nullopt;
    }
    return root;
  } catch (const YAML::Exception& e) {
    const DataLocation where{path_,
                             e.mark.line >= 0 ? static_cast<std::uint64_t>(e.mark.line) + 1 : 0,
                             e.mark.column >= 0 ? static_cast<std::uint32_t>(e.mark.column) + 1 : 0,
                             {}};
    error(DiagCode::BadTestFile, where, "not valid YAML: " + e.msg,
          "check the indentation and the quoting near this place");
  }
  return std::nullopt;
}

std::vector<Entry> YamlReader::entries(const YAML::Node& map, std::string_view what,
                                       const DataLocation& where) {
  std::vector<Entry> out;
  if (!map.IsMap()) {
    error(DiagCode::BadTestFile, at(map, where),
          std::string(what) + " must be a mapping (`name: value` lines), found " + node_kind(map));
    return out;
  }
  for (auto it = map.begin(); it != map.end(); ++it) {
    const DataLocation key_at = at(it->first, where);
    if (!it->first.IsScalar()) {
      error(DiagCode::BadTestFile, key_at,
            "a key must be a single name, found " + node_kind(it->first));
      continue;
    }
    Entry e{it->first.Scalar(), it->second, key_at};
    const bool repeated =
        std::any_of(out.begin(), out.end(), [&](const Entry& other) { return other.key == e.key; });
    if (repeated) {
      error(DiagCode::BadTestFile, key_at,
            "`" + e.key + "` is written twice in " + std::string(what), "keep one of them");
      continue;
    }
    out.push_back(std::move(e));
  }
  return out;
}

std::vector<std::pair<TestKey, Entry>> YamlReader::keyed(const YAML::Node& map, KeyLevel level,
                                                         std::string_view what,
                                                         const DataLocation& where) {
  std::vector<std::pair<TestKey, Entry>> out;
  std::vector<std::string> spellings;
  for (const TestKeyInfo& k : test_keys()) {
    if (k.level == level) {
      spellings.emplace_back(k.spelling);
    }
  }
  for (Entry& e : entries(map, what, where)) {
    const auto info = std::find_if(test_keys().begin(), test_keys().end(), [&](const auto& k) {
      return k.level == level && k.spelling == e.key;
    });
    if (info == test_keys().end()) {
      std::string help = "the keys of " + std::string(level_name(level)) + " are: ";
      for (std::size_t i = 0; i < spellings.size(); ++i) {
        help += (i ? ", " : "") + spellings[i];
      }
      if (auto near = closest_name(e.key, spellings)) help = "did you mean `" + *near + "`?";
      error(DiagCode::BadTestFile, e.where,
            "unknown key `" + e.key + "` in " + std::string(level_name(level)), help);
      continue;
    }
    out.emplace_back(info->key, std::move(e));
  }
  return out;
}

std::optional<std::string> YamlReader::scalar(const YAML::Node& node, std::string_view what,
                                              const DataLocation& where) {
  if (node.IsNull()) return std::string();
  if (node.IsScalar()) return node.Scalar();
  error(DiagCode::BadTestFile, at(node, where),
        std::string(what) + " must be a single value, found " + node_kind(node));
  return std::nullopt;
}

std::vector<YAML::Node> YamlReader::sequence(const YAML::Node& node, std::string_view what,
                                             const DataLocation& where) {
  std::vector<YAML::Node> out;
  if (!node.IsSequence()) {
    error(DiagCode::BadTestFile, at(node, where),
          std::string(what) + " must be a list (`- ` items), found " + node_kind(node));
    return out;
  }
  for (const YAML::Node& item : node) out.push_back(item);
  return out;
}

void YamlReader::unknown(const DataLocation& where, std::string message, const std::string& name,
                         const std::vector<std::string>& candidates, std::string help) {
  if (auto near = closest_name(name, candidates)) help = "did you mean `" + *near + "`?";
  error(DiagCode::UnknownTestName, where, std::move(message), std::move(help));
}

}  // namespace strata::testfile
