#include "common.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstring>
#include <filesystem>
#include "diagnostic_formats.hpp"

namespace strata::cli {

Terminal detect_terminal(ColorMode mode) {
  Terminal t;
  t.interactive = isatty(STDERR_FILENO) != 0;
  const char* no_color = std::getenv("NO_COLOR");
  t.color = mode == ColorMode::Always ||
            (mode == ColorMode::Auto && t.interactive && (no_color == nullptr || !*no_color));
  return t;
}

void print_diagnostics(const Diagnostics& diags, const std::string& format, const Terminal& term) {
  static const SourceManager kEmpty;
  const SourceManager* sources = diags.sources() ? diags.sources() : &kEmpty;
  std::string text;
  if (format == "json") {
    text = diagnostics_json(diags);
  } else if (format == "sarif") {
    text = diagnostics_sarif(diags, kVersion);
  } else if (format == "github") {
    text = diagnostics_github(diags);
  } else {
    RenderOptions opt;
    opt.color = term.color;
    opt.short_form = format == "short";
    text = render(diags, *sources, opt);
    std::fwrite(text.data(), 1, text.size(), stderr);
    return;
  }
  std::fwrite(text.data(), 1, text.size(), stdout);
}

bool machine_format(const std::string& format) {
  return format == "json" || format == "sarif" || format == "github";
}

bool split_pair(const std::string& text, std::string& key, std::string& value) {
  const auto eq = text.find('=');
  if (eq == std::string::npos || eq == 0) return false;
  key = text.substr(0, eq);
  value = text.substr(eq + 1);
  return true;
}

int data_exit(const Diagnostics& diags) {
  for (const Diagnostic& d : diags.all()) {
    if (d.code == DiagCode::DataFileError) return kUsage;
  }
  return kFindings;
}

bool collect_data_files(const RuleSet& rules, const std::string& records,
                        const std::vector<std::string>& events, const Terminal& term,
                        RuleSet::DataFiles& files) {
  files.records = records;
  for (const std::string& e : events) {
    std::string name, path;
    if (!split_pair(e, name, path)) {
      print_error("--events expects NAME=PATH, got `" + e + "`", term);
      return false;
    }
    if (!rules.schema().events_index(name)) {
      std::string known;
      for (const auto& es : rules.schema().events) known += (known.empty() ? "" : ", ") + es.name;
      print_error("--events " + e + ": the rule set declares no events `" + name + "`" +
                      (known.empty() ? "" : " (it declares: " + known + ")"),
                  term);
      return false;
    }
    files.events.push_back({name, path});
  }
  for (const auto& es : rules.schema().events) {
    bool given = false;
    for (const auto& e : files.events) given = given || e.name == es.name;
    if (!given) {
      print_error("the rule set reads `" + es.name + "` events: pass them with --events " +
                      es.name + "=PATH",
                  term);
      return false;
    }
  }
  return true;
}

bool collect_params(const std::vector<std::string>& params, const Terminal& term, RunOptions& run) {
  for (const std::string& p : params) {
    std::string name, value;
    if (!split_pair(p, name, value)) {
      print_error("--param expects NAME=VALUE, got `" + p + "`", term);
      return false;
    }
    run.params[name] = value;
  }
  return true;
}

void print_error(const std::string& message, const Terminal& term, DiagCode code) {
  const std::string id(diag_code_id(code));
  if (term.color) {
    std::fprintf(stderr, "\x1b[1;31merror[%s]\x1b[0m\x1b[1m: %s\x1b[0m\n", id.c_str(),
                 message.c_str());
  } else {
    std::fprintf(stderr, "error[%s]: %s\n", id.c_str(), message.c_str());
  }
}

bool write_file_atomically(const std::string& path, const std::function<bool(std::FILE*)>& write,
                           std::string& error) {
  namespace fs = std::filesystem;
  const fs::path target(path);
  fs::path dir = target.parent_path();
  if (dir.empty()) dir = ".";
  std::string tmpl = (dir / ("." + target.filename().string() + ".XXXXXX")).string();
  const int fd = mkstemp(tmpl.data());
  if (fd < 0) {
    error = "cannot create a temporary file in `" + dir.string() + "`: " + std::strerror(errno);
    return false;
  }
  std::FILE* f = fdopen(fd, "wb");
  bool ok = f != nullptr && write(f);
  ok = ok && std::fflush(f) == 0 && fsync(fileno(f)) == 0;
  if (f) ok = (std::fclose(f) == 0) && ok;
  if (!ok) {
    error = "cannot write `" + path + "`: " + std::strerror(errno);
    std::remove(tmpl.c_str());
    return false;
  }
  // mkstemp creates the file readable by the owner only; outputs get the usual permissions.
  chmod(tmpl.c_str(), 0644);
  if (std::rename(tmpl.c_str(), path.c_str()) != 0) {
    error = "cannot replace `" + path + "`: " + std::strerror(errno);
    std::remove(tmpl.c_str());
    return false;
  }
  // The rename itself is durable only once the folder is on disk too.
  const int dir_fd = open(dir.c_str(), O_RDONLY | O_DIRECTORY);
  if (dir_fd >= 0) {
    fsync(dir_fd);
    close(dir_fd);
  }
  return true;
}

Progress::Progress(const Terminal& term, std::string label)
    : enabled_(term.interactive),
      label_(std::move(label)),
      start_(std::chrono::steady_clock::now()) {
  if (enabled_) thread_ = std::thread([this] { loop(); });
}

Progress::~Progress() {
  finish();
}

void Progress::update(std::size_t done, std::size_t total) {
  done_ = done;
  total_ = total;
}

void Progress::finish() {
  if (!thread_.joinable()) return;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stop_ = true;
  }
  wake_.notify_all();
  thread_.join();
  if (drawn_) std::fprintf(stderr, "\r\x1b[2K");
}

void Progress::loop() {
  std::unique_lock<std::mutex> lock(mutex_);
  if (wake_.wait_for(lock, std::chrono::seconds(1), [this] { return stop_.load(); })) return;
  while (!stop_) {
    const std::size_t total = total_, done = done_;
    const double secs =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
    std::string line;
    if (total > 0) {
      const int width = 30;
      const int filled =
          static_cast<int>(static_cast<double>(done) / static_cast<double>(total) * width);
      line = fmt::format("\r{} [{}{}] {}/{} {:.0f}s", label_, std::string(filled, '#'),
                         std::string(width - filled, '.'), done, total, secs);
    } else {
      line = fmt::format("\r{} {:.0f}s", label_, secs);
    }
    std::fputs(line.c_str(), stderr);
    std::fflush(stderr);
    drawn_ = true;
    wake_.wait_for(lock, std::chrono::milliseconds(100), [this] { return stop_.load(); });
  }
}

bool write_text_atomically(const std::string& path, const std::string& text, std::string& error) {
  return write_file_atomically(
      path,
      [&](std::FILE* f) { return std::fwrite(text.data(), 1, text.size(), f) == text.size(); },
      error);
}

std::optional<Decimal> parse_share(const std::string& text) {
  std::string digits = text;
  const bool percent = !digits.empty() && digits.back() == '%';
  if (percent) digits.pop_back();
  auto value = Decimal::parse(digits);
  if (!value) return std::nullopt;
  Decimal share = *value;
  if (percent && !Decimal::div(*value, Decimal::from_int(100), share)) return std::nullopt;
  // Division rounds at 6 places: a percentage with more than 4 decimals is not kept exactly.
  Decimal back;
  if (percent && (!Decimal::mul(share, Decimal::from_int(100), back) || back != *value)) {
    return std::nullopt;
  }
  if (share < Decimal() || share > Decimal::from_int(1)) return std::nullopt;
  return share;
}

bool write_report(const std::string& path, const std::string& text, const Terminal& term) {
  if (path.empty()) {
    std::fwrite(text.data(), 1, text.size(), stdout);
    return true;
  }
  std::string error;
  if (write_text_atomically(path, text, error)) return true;
  print_error(error, term, DiagCode::FileError);
  return false;
}

}  // namespace strata::cli
