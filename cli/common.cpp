#include "common.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstring>
#include <filesystem>
#include <nlohmann/json.hpp>

namespace strata::cli {

Terminal detect_terminal(ColorMode mode) {
  Terminal t;
  t.interactive = isatty(STDERR_FILENO) != 0;
  const char* no_color = std::getenv("NO_COLOR");
  t.color = mode == ColorMode::Always ||
            (mode == ColorMode::Auto && t.interactive && (no_color == nullptr || !*no_color));
  return t;
}

namespace {

nlohmann::json to_json(const Diagnostic& d, const SourceManager* sources) {
  nlohmann::json j;
  j["code"] = std::string(diag_code_id(d.code));
  j["severity"] = d.severity == Severity::Error     ? "error"
                  : d.severity == Severity::Warning ? "warning"
                                                    : "note";
  j["message"] = d.message;
  if (const Label* p = d.primary(); p && sources && p->span.valid()) {
    const SourceFile& f = sources->file(p->span.file);
    const LineCol a = f.line_col(p->span.begin), b = f.line_col(p->span.end);
    j["file"] = f.path();
    j["line"] = a.line;
    j["column"] = a.column;
    j["end_line"] = b.line;
    j["end_column"] = b.column;
  }
  if (d.data_location) {
    j["file"] = d.data_location->file;
    j["line"] = d.data_location->line;
    j["column"] = d.data_location->column;
    if (!d.data_location->field.empty()) j["field"] = d.data_location->field;
  }
  nlohmann::json labels = nlohmann::json::array();
  for (const Label& l : d.labels) {
    if (!sources || !l.span.valid()) continue;
    const SourceFile& f = sources->file(l.span.file);
    const LineCol a = f.line_col(l.span.begin);
    labels.push_back({{"file", f.path()},
                      {"line", a.line},
                      {"column", a.column},
                      {"message", l.message},
                      {"primary", l.primary}});
  }
  j["labels"] = labels;
  j["notes"] = d.notes;
  if (d.help) j["help"] = *d.help;
  return j;
}

}  // namespace

void print_diagnostics(const Diagnostics& diags, const std::string& format, const Terminal& term) {
  static const SourceManager kEmpty;
  const SourceManager* sources = diags.sources() ? diags.sources() : &kEmpty;
  if (format == "json") {
    nlohmann::json all = nlohmann::json::array();
    for (const Diagnostic& d : diags.all()) all.push_back(to_json(d, sources));
    std::fprintf(stdout, "%s\n", all.dump(2).c_str());
    return;
  }
  RenderOptions opt;
  opt.color = term.color;
  opt.short_form = format == "short";
  const std::string text = render(diags, *sources, opt);
  std::fwrite(text.data(), 1, text.size(), stderr);
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

}  // namespace strata::cli
