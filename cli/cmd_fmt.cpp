// `strata fmt`: lay rule files out in the one canonical layout (docs/fmt.md).
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "commands.hpp"
#include "common.hpp"
#include "strata/format.hpp"
#include "unified_diff.hpp"

namespace strata::cli {

ColorMode parse_color(const std::string& c);

namespace {

namespace fs = std::filesystem;

// The files an argument stands for: a file itself; a folder every .strata file below it, in
// name order, skipping hidden folders (`.git`). False when the path does not exist.
bool collect(const std::string& path, std::vector<std::string>& files) {
  std::error_code ec;
  if (fs::is_regular_file(path, ec)) {
    files.push_back(path);
    return true;
  }
  if (!fs::is_directory(path, ec)) return false;
  std::vector<std::string> found;
  fs::recursive_directory_iterator it(path, ec), end;
  for (; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (it->is_directory(ec) && name.size() > 1 && name[0] == '.') {
      it.disable_recursion_pending();
    } else if (it->is_regular_file(ec) && it->path().extension() == ".strata") {
      found.push_back(it->path().string());
    }
  }
  if (ec) return false;
  std::sort(found.begin(), found.end());
  files.insert(files.end(), found.begin(), found.end());
  return true;
}

bool read_file(const std::string& path, std::string& text) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream content;
  content << in.rdbuf();
  if (in.bad()) return false;
  text = content.str();
  return true;
}

}  // namespace

CLI::App* register_fmt(CLI::App& app, FmtOptions& o) {
  CLI::App* cmd = app.add_subcommand(
      "fmt", "Lay rule files out in the canonical layout: print one, rewrite them, or check them");
  cmd->add_option("FILES", o.paths, "rule files, or folders (every .strata file below them)")
      ->required();
  CLI::Option* write = cmd->add_flag("--write,-w", o.write, "rewrite the files in place");
  cmd->add_flag("--check", o.check,
                "change nothing; print a unified diff of each file that is not formatted")
      ->excludes(write);
  cmd->add_option("--color", o.color, "colour diagnostics: auto, always or never")
      ->check(CLI::IsMember({"auto", "always", "never"}));
  cmd->footer(
      "Without --write or --check, the formatted text of one file goes to standard output.\n"
      "Exit codes: 0 formatted (or printed, or rewritten), 1 a file is not formatted (--check) or "
      "has syntax errors (left unchanged), 2 usage or I/O problem.");
  return cmd;
}

int run_fmt(const FmtOptions& o) {
  const Terminal term = detect_terminal(parse_color(o.color));
  std::vector<std::string> files;
  int status = kOk;
  for (const std::string& path : o.paths) {
    if (!collect(path, files)) {
      print_error("cannot read `" + path + "`: no such file or folder", term, DiagCode::FileError);
      status = kUsage;
    }
  }
  if (status != kOk) return status;
  if (!o.write && !o.check && files.size() != 1) {
    print_error(files.empty() ? "no .strata files found"
                              : "strata fmt prints one file (got " + std::to_string(files.size()) +
                                    "); use --write to rewrite them or --check to check them",
                term);
    return kUsage;
  }
  std::size_t changed = 0;
  for (const std::string& file : files) {
    std::string text;
    if (!read_file(file, text)) {
      print_error("cannot read `" + file + "`", term, DiagCode::FileError);
      status = std::max<int>(status, kUsage);
      continue;
    }
    FormatResult result = format_rule_text(file, text);
    if (!result.text) {
      print_diagnostics(result.diags, "human", term);
      status = std::max<int>(status, kFindings);
      continue;
    }
    if (!o.write && !o.check) {
      std::fwrite(result.text->data(), 1, result.text->size(), stdout);
      continue;
    }
    if (!result.changed) continue;
    ++changed;
    if (o.check) {
      const std::string diff = unified_diff(file, file + " (formatted)", text, *result.text);
      std::fwrite(diff.data(), 1, diff.size(), stdout);
      status = std::max<int>(status, kFindings);
      continue;
    }
    std::string error;
    if (!write_text_atomically(file, *result.text, error)) {
      print_error(error, term, DiagCode::FileError);
      status = std::max<int>(status, kUsage);
    }
  }
  if (o.check) {
    if (changed > 0) {
      std::fprintf(stderr, "%zu of %zu file(s) not formatted (run `strata fmt --write`)\n", changed,
                   files.size());
    }
  } else if (o.write) {
    std::fprintf(stderr, "%zu of %zu file(s) reformatted\n", changed, files.size());
  }
  return status;
}

}  // namespace strata::cli
