// Rule files from a git revision: `git:REV:path` on the command line of `strata diff`.
//
// The .strata files of the whole tree at REV are written into a temporary folder, each at its
// path in the repository, so that `use` paths — relative to the using file — resolve exactly as
// they did at that revision, wherever they point. git runs as a child process (no shell), from
// the current folder; a path is relative to it, as on the rest of the command line.
#pragma once

#include <optional>
#include <string>

namespace strata::cli {

// A temporary folder removed, with everything in it, when the object goes.
class TempFolder {
 public:
  TempFolder() = default;
  TempFolder(const TempFolder&) = delete;
  TempFolder& operator=(const TempFolder&) = delete;
  ~TempFolder();
  bool create(std::string& error);
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

struct GitSpec {
  std::string rev;
  std::string path;
};
// `git:REV:path` -> {REV, path}; nullopt for a spec that does not start with `git:`.
std::optional<GitSpec> parse_git_spec(const std::string& spec, std::string& error);

// Writes the rule files of `spec.rev` into `into` and returns the local path that stands for
// `spec.path`. nullopt with a message that says what is wrong (not a repository, unknown
// revision, no such path at that revision).
std::optional<std::string> checkout_rules(const GitSpec& spec, const TempFolder& into,
                                          std::string& error);

}  // namespace strata::cli
