// Diagnostics: user mistakes as data.
//
// Producers (parser, checker, data loader, VM) create Diagnostic values with a stable code, a
// message, labelled spans, notes and help; they never lay text out. Consumers — the terminal
// renderer below, the JSON/SARIF writers and the language server — decide the presentation.
// Positions in rule files are Spans into a SourceManager; positions in data files (which are too
// large to keep as sources) are DataLocations.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "strata/source.hpp"

namespace strata {

enum class Severity : std::uint8_t { Error, Warning, Note };

enum class DiagCode : std::uint16_t {
#define STRATA_DIAG(Name, code, severity, title) Name,
#include "strata/diagnostics.def"
};

std::string_view diag_code_id(DiagCode code);     // "E0201"
std::string_view diag_code_title(DiagCode code);  // "unknown name"
Severity diag_code_severity(DiagCode code);
std::optional<DiagCode> diag_code_from_id(std::string_view id);
std::size_t diag_code_count();
DiagCode diag_code_at(std::size_t index);

// A place in a data file (CSV, JSON Lines): 1-based line and column; column 0 means the whole row.
struct DataLocation {
  std::string file;
  std::uint64_t line = 0;
  std::uint32_t column = 0;
  std::string field;  // the column name, when known
};

struct Label {
  Span span;
  std::string message;  // may be empty; must make sense alone
  bool primary = false;
};

struct Diagnostic {
  DiagCode code{};
  // The lint rule that found it ("tier-gap"); empty for checker, data and run diagnostics. When
  // set, it is the diagnostic's id and `code` is not used.
  std::string rule;
  Severity severity = Severity::Error;
  std::string message;
  std::vector<Label> labels;  // the first primary label is the diagnostic's location
  std::vector<std::string> notes;
  std::optional<std::string> help;
  std::optional<DataLocation> data_location;

  const Label* primary() const;
  // The id users search for: the lint rule ("tier-gap") or the code ("E0201").
  std::string_view id() const;
};

class Diagnostics;

// Built by Diagnostics::error/warning; adds itself to the list when emitted or destroyed.
class [[nodiscard]] DiagnosticBuilder {
 public:
  DiagnosticBuilder(Diagnostics& sink, Diagnostic diag) : sink_(&sink), diag_(std::move(diag)) {}
  DiagnosticBuilder(const DiagnosticBuilder&) = delete;
  DiagnosticBuilder& operator=(const DiagnosticBuilder&) = delete;
  DiagnosticBuilder(DiagnosticBuilder&& other) noexcept
      : sink_(other.sink_), diag_(std::move(other.diag_)) {
    other.sink_ = nullptr;
  }
  ~DiagnosticBuilder() { emit(); }

  DiagnosticBuilder& label(Span span, std::string message) {
    diag_.labels.push_back({span, std::move(message), false});
    return *this;
  }
  DiagnosticBuilder& note(std::string text) {
    diag_.notes.push_back(std::move(text));
    return *this;
  }
  DiagnosticBuilder& help(std::string text) {
    diag_.help = std::move(text);
    return *this;
  }
  DiagnosticBuilder& at_data(DataLocation location) {
    diag_.data_location = std::move(location);
    return *this;
  }
  void emit();

 private:
  Diagnostics* sink_;
  Diagnostic diag_;
};

class Diagnostics {
 public:
  // Starts a diagnostic whose primary label is `span` with `label_text` under it.
  DiagnosticBuilder error(DiagCode code, Span span, std::string message,
                          std::string label_text = {});
  DiagnosticBuilder warning(DiagCode code, Span span, std::string message,
                            std::string label_text = {});
  // A diagnostic at a data-file location (no rule-file span).
  DiagnosticBuilder data_error(DiagCode code, DataLocation where, std::string message);
  void add(Diagnostic diag);

  const std::vector<Diagnostic>& all() const { return list_; }
  std::vector<Diagnostic>& all() { return list_; }
  bool has_errors() const { return errors_ > 0; }
  std::size_t error_count() const { return errors_; }
  std::size_t warning_count() const;
  bool empty() const { return list_.empty(); }
  // Orders diagnostics by file and position, as people read them.
  void sort();

  // The sources the spans point into; set by whoever created them (the compiler), so that
  // consumers holding only the Diagnostics can render them.
  void set_sources(std::shared_ptr<const SourceManager> sources) { sources_ = std::move(sources); }
  const SourceManager* sources() const { return sources_.get(); }

 private:
  std::vector<Diagnostic> list_;
  std::size_t errors_ = 0;
  std::shared_ptr<const SourceManager> sources_;
};

// Terminal rendering in the rustc style:
//   error[E0201]: unknown name `monetry`
//    --> rules/rfm.strata:12:24
//      |
//   12 |   tier top when monetry >= 1_000_000
//      |                 ^^^^^^^ not defined
//      |
//      = help: did you mean `monetary`?
struct RenderOptions {
  bool color = false;
  bool short_form = false;  // one line per diagnostic: file:line:col: error[E0201]: message
};
std::string render(const Diagnostic& diag, const SourceManager& sources,
                   const RenderOptions& opt = {});
std::string render(const Diagnostics& diags, const SourceManager& sources,
                   const RenderOptions& opt = {});

// Terminal cells UTF-8 text occupies (2 for each CJK character), for aligning tables.
std::size_t display_width(std::string_view utf8);

// "did you mean": the candidate closest to `name` by edit distance, if close enough to be useful.
std::optional<std::string> closest_name(std::string_view name,
                                        const std::vector<std::string>& candidates);

}  // namespace strata
