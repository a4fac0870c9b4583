#include "git_source.hpp"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <vector>

extern char** environ;

namespace strata::cli {

namespace fs = std::filesystem;

namespace {

struct Output {
  int status = -1;
  std::string out;
  std::string err;
};

// Runs `args` (no shell) and collects its standard output; standard error goes to a file in
// `scratch`, so that neither pipe can fill while the other is read.
Output run_process(const std::vector<std::string>& args, const std::string& scratch) {
  Output result;
  int pipe_fds[2];
  if (pipe(pipe_fds) != 0) return result;
  const std::string err_path = scratch + "/.git-stderr";
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, pipe_fds[1], STDOUT_FILENO);
  posix_spawn_file_actions_addclose(&actions, pipe_fds[0]);
  posix_spawn_file_actions_addclose(&actions, pipe_fds[1]);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, err_path.c_str(),
                                   O_WRONLY | O_CREAT | O_TRUNC, 0600);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  std::vector<char*> argv;
  for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  pid_t pid = 0;
  const int spawned = posix_spawnp(&pid, argv[0], &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  close(pipe_fds[1]);
  if (spawned != 0) {
    close(pipe_fds[0]);
    result.err = std::string("cannot run ") + args[0] + ": " + std::strerror(spawned);
    return result;
  }
  char buffer[65536];
  for (;;) {
    const ssize_t n = read(pipe_fds[0], buffer, sizeof buffer);
    if (n > 0) {
      result.out.append(buffer, static_cast<std::size_t>(n));
    } else if (n == 0 || errno != EINTR) {
      break;
    }
  }
  close(pipe_fds[0]);
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  result.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  std::ifstream err(err_path);
  std::getline(err, result.err);
  std::remove(err_path.c_str());
  return result;
}

std::string trimmed(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r')) s.pop_back();
  return s;
}

}  // namespace

TempFolder::~TempFolder() {
  if (path_.empty()) return;
  std::error_code ec;
  fs::remove_all(path_, ec);
}

bool TempFolder::create(std::string& error) {
  const char* tmp = std::getenv("TMPDIR");
  std::string tmpl = std::string(tmp && *tmp ? tmp : "/tmp") + "/strata-diff.XXXXXX";
  if (mkdtemp(tmpl.data()) == nullptr) {
    error = std::string("cannot create a temporary folder: ") + std::strerror(errno);
    return false;
  }
  path_ = tmpl;
  return true;
}

std::optional<GitSpec> parse_git_spec(const std::string& spec, std::string& error) {
  if (!spec.starts_with("git:")) return std::nullopt;
  const std::string rest = spec.substr(4);
  const auto colon = rest.find(':');
  if (colon == std::string::npos || colon == 0 || colon + 1 == rest.size()) {
    error = "`" + spec + "` is not of the form git:REV:PATH (e.g. git:origin/main:rules/retail)";
    return GitSpec{};
  }
  return GitSpec{rest.substr(0, colon), rest.substr(colon + 1)};
}

std::optional<std::string> checkout_rules(const GitSpec& spec, const TempFolder& into,
                                          std::string& error) {
  const std::string& scratch = into.path();
  const Output top = run_process({"git", "rev-parse", "--show-toplevel"}, scratch);
  if (top.status != 0) {
    error = "git:" + spec.rev + ":" + spec.path + ": the current folder is not inside a git " +
            "repository" + (top.err.empty() ? "" : " (" + top.err + ")");
    return std::nullopt;
  }
  const fs::path root = fs::weakly_canonical(trimmed(top.out));
  const Output rev =
      run_process({"git", "rev-parse", "--verify", "--quiet", spec.rev + "^{commit}"}, scratch);
  if (rev.status != 0) {
    error = "`" + spec.rev + "` is not a revision (branch, tag or commit) of this git repository";
    return std::nullopt;
  }
  const std::string commit = trimmed(rev.out);
  std::error_code ec;
  const fs::path wanted = fs::weakly_canonical(fs::absolute(spec.path, ec), ec);
  std::string relative = wanted.lexically_relative(root).generic_string();
  if (relative == ".") relative.clear();
  if (relative.starts_with("..")) {
    error = "`" + spec.path + "` is outside the git repository " + root.string();
    return std::nullopt;
  }
  const Output tree = run_process(
      {"git", "-C", root.string(), "ls-tree", "-r", "--name-only", "-z", commit}, scratch);
  if (tree.status != 0) {
    error = "cannot list the files of " + spec.rev + ": " + tree.err;
    return std::nullopt;
  }
  bool found = relative.empty();
  std::vector<std::string> rule_files;
  std::size_t start = 0;
  while (start < tree.out.size()) {
    std::size_t end = tree.out.find('\0', start);
    if (end == std::string::npos) end = tree.out.size();
    const std::string file = tree.out.substr(start, end - start);
    start = end + 1;
    if (file == relative || file.starts_with(relative + "/")) found = true;
    if (file.ends_with(".strata")) rule_files.push_back(file);
  }
  if (!found) {
    error = "`" + spec.path + "` does not exist at " + spec.rev;
    return std::nullopt;
  }
  for (const std::string& file : rule_files) {
    const Output blob =
        run_process({"git", "-C", root.string(), "show", commit + ":" + file}, scratch);
    if (blob.status != 0) {
      error = "cannot read " + file + " at " + spec.rev + ": " + blob.err;
      return std::nullopt;
    }
    const fs::path target = fs::path(scratch) / file;
    fs::create_directories(target.parent_path(), ec);
    std::ofstream out(target, std::ios::binary);
    out.write(blob.out.data(), static_cast<std::streamsize>(blob.out.size()));
    if (!out) {
      error = "cannot write " + target.string();
      return std::nullopt;
    }
  }
  return (fs::path(scratch) / relative).lexically_normal().string();
}

}  // namespace strata::cli
