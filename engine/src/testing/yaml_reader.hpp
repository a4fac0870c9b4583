// Reading a test file's YAML: locations, key checks and typed values, each problem a diagnostic.
//
// yaml-cpp gives every node a mark (0-based line and column); problems are reported at the node
// as a DataLocation (1-based), the form every data-file problem takes. A YamlReader checks each
// mapping against the keys of its level (test_keys.def for the file, a case and an expectation;
// test_operation_keys.def for the mappings inside `state`, `sop` and `actions`): an unknown key is
// an error with a "did you mean", a key written twice is an error. The
// reader never stops at the first problem of a file: it reports what it can and remembers that it
// failed.
#pragma once

#include <yaml-cpp/yaml.h>

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "strata/diagnostic.hpp"

namespace strata::testfile {

enum class KeyLevel : std::uint8_t {
  File,
  Case,
  Expect,
  State,
  StateCustomer,
  StateTier,
  Obligation,
  Actions,
  Action,
};

enum class TestKey : std::uint8_t {
#define STRATA_TEST_KEY(Name, spelling, Level, summary) Name,
#include "testing/test_keys.def"
#define STRATA_TEST_KEY(Name, spelling, Level, summary) Name,
#include "testing/test_operation_keys.def"
};

struct TestKeyInfo {
  TestKey key;
  std::string_view spelling;
  KeyLevel level;
  std::string_view summary;
};
const std::vector<TestKeyInfo>& test_keys();

// A key of a mapping with its value and where the key was written.
struct Entry {
  std::string key;
  YAML::Node value;
  DataLocation where;  // of the key
};

class YamlReader {
 public:
  YamlReader(std::string path, Diagnostics& diags) : path_(std::move(path)), diags_(diags) {}

  const std::string& path() const { return path_; }
  bool failed() const { return failed_; }
  // For problems reported by others (the data loader) into the same diagnostics.
  void mark_failed() { failed_ = true; }
  Diagnostics& diags() { return diags_; }

  // The location of `node`, or `fallback` when the node has no mark (an absent value).
  DataLocation at(const YAML::Node& node, const DataLocation& fallback = {}) const;
  void error(DiagCode code, const DataLocation& where, std::string message, std::string help = {});

  // Parses the file: nullopt (reported) on a YAML syntax error or an empty file.
  std::optional<YAML::Node> parse(const std::string& text);

  // The entries of a mapping, after checking each key against `level`. `what` names the mapping
  // in messages ("a case"). Entries with unknown or repeated keys are reported and left
  // out; a node that is not a mapping is reported and gives nothing.
  std::vector<std::pair<TestKey, Entry>> keyed(const YAML::Node& map, KeyLevel level,
                                               std::string_view what, const DataLocation& where);
  // The entries of a mapping whose keys are names (fields, params, tiers): checks only that the
  // node is a mapping and that no key repeats.
  std::vector<Entry> entries(const YAML::Node& map, std::string_view what,
                             const DataLocation& where);
  // A single value as text: "" for null (`~`, nothing), nullopt (reported) for a list or mapping.
  std::optional<std::string> scalar(const YAML::Node& node, std::string_view what,
                                    const DataLocation& where);
  // A list: its items, or nothing (reported) when the node is not a list.
  std::vector<YAML::Node> sequence(const YAML::Node& node, std::string_view what,
                                   const DataLocation& where);
  // Reports a name the rule set lacks, with the closest candidate.
  void unknown(const DataLocation& where, std::string message, const std::string& name,
               const std::vector<std::string>& candidates, std::string help = {});

 private:
  std::string path_;
  Diagnostics& diags_;
  bool failed_ = false;
};

}  // namespace strata::testfile
