// Shared pieces of the `strata` command: exit codes, diagnostic printing, atomic file output and
// the progress indicator.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "strata/strata.hpp"

namespace strata::cli {

// Exit codes shared by every command.
enum Exit : int { kOk = 0, kFindings = 1, kUsage = 2 };

enum class ColorMode { Auto, Always, Never };

struct Terminal {
  bool color = false;        // diagnostics in colour
  bool interactive = false;  // stderr is a terminal
};
Terminal detect_terminal(ColorMode mode);

inline constexpr const char* kVersion = "0.1.0";

// Prints diagnostics in the chosen format: "human" and "short" to stderr; "json", "sarif" and
// "github" (diagnostic_formats.hpp) to stdout.
void print_diagnostics(const Diagnostics& diags, const std::string& format, const Terminal& term);
// Whether a format is for machines (then no summary lines are printed).
bool machine_format(const std::string& format);

// "NAME=VALUE" into its two halves; false when there is no `=` or no name.
bool split_pair(const std::string& text, std::string& key, std::string& value);
// Data files that cannot be opened are I/O problems (exit 2); bad content is a finding (1).
int data_exit(const Diagnostics& diags);
// The record file and `--events NAME=PATH` arguments as DataFiles, checked against the rule set
// (every events table it reads must be given); prints the problem and returns false.
bool collect_data_files(const RuleSet& rules, const std::string& records,
                        const std::vector<std::string>& events, const Terminal& term,
                        RuleSet::DataFiles& files);
// `--param NAME=VALUE` arguments into run options; prints the problem and returns false.
bool collect_params(const std::vector<std::string>& params, const Terminal& term, RunOptions& run);
// A host failure as one diagnostic line: bad usage (E0501) or a file that cannot be read or
// written (E0502).
void print_error(const std::string& message, const Terminal& term,
                 DiagCode code = DiagCode::UsageError);

// Writes `path` atomically: the content goes to a temporary file beside it, which replaces `path`
// only when everything was written. Returns false with a reason.
bool write_file_atomically(const std::string& path, const std::function<bool(std::FILE*)>& write,
                           std::string& error);

// A progress line on stderr for long phases, shown only on a terminal and only after the phase
// has taken a second, so quick runs and CI logs stay clean.
class Progress {
 public:
  Progress(const Terminal& term, std::string label);
  ~Progress();
  void update(std::size_t done, std::size_t total);
  void finish();

 private:
  void loop();
  bool enabled_;
  std::string label_;
  std::atomic<std::size_t> done_{0}, total_{0};
  std::atomic<bool> stop_{false};
  bool drawn_ = false;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::thread thread_;
  std::chrono::steady_clock::time_point start_;
};

// The exit code after compiling: 2 when a rule file cannot be read, 1 for other errors, else 0.
int compile_exit(const Diagnostics& diags);

// Writes `text` to `path` atomically (write_file_atomically).
bool write_text_atomically(const std::string& path, const std::string& text, std::string& error);
// A command's report: to standard output when `path` is empty, else atomically to `path`; false
// (with the problem printed, E0502) when it cannot be written.
bool write_report(const std::string& path, const std::string& text, const Terminal& term);

// Text for XML and HTML (JUnit, reports): &, <, >, " and ' as entities, a byte that is not UTF-8
// as U+FFFD, other control characters than tab and line breaks as `?`.
std::string xml_escape(std::string_view text);

// A share from the command line: a percentage (`5%`, `99.99%`) or a fraction (`0.05`), between 0
// and 1, kept exact; nullopt when the text is neither.
std::optional<Decimal> parse_share(const std::string& text);

}  // namespace strata::cli
