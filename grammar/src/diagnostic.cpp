// The diagnostic code table (generated from diagnostics.def) and the Diagnostics list.
#include "strata/diagnostic.hpp"

#include <algorithm>
#include <array>
#include <tuple>

namespace strata {
namespace {

struct CodeInfo {
  DiagCode code;
  std::string_view id;
  Severity severity;
  std::string_view title;
};

constexpr std::array kCodes = {
#define STRATA_DIAG(Name, code, severity, title) \
  CodeInfo{DiagCode::Name, code, Severity::severity, title},
#include "strata/diagnostics.def"
};

const CodeInfo& info(DiagCode code) {
  const auto index = static_cast<std::size_t>(code);
  return index < kCodes.size() ? kCodes[index] : kCodes[0];
}

}  // namespace

std::string_view diag_code_id(DiagCode code) {
  return info(code).id;
}
std::string_view diag_code_title(DiagCode code) {
  return info(code).title;
}
Severity diag_code_severity(DiagCode code) {
  return info(code).severity;
}
std::size_t diag_code_count() {
  return kCodes.size();
}
DiagCode diag_code_at(std::size_t index) {
  return kCodes.at(index).code;
}

std::optional<DiagCode> diag_code_from_id(std::string_view id) {
  for (const auto& entry : kCodes) {
    if (entry.id == id) return entry.code;
  }
  return std::nullopt;
}

const Label* Diagnostic::primary() const {
  for (const auto& label : labels) {
    if (label.primary) return &label;
  }
  return nullptr;
}

std::string_view Diagnostic::id() const {
  return rule.empty() ? diag_code_id(code) : std::string_view(rule);
}

void DiagnosticBuilder::emit() {
  if (sink_ == nullptr) return;
  Diagnostics* sink = sink_;
  sink_ = nullptr;
  sink->add(std::move(diag_));
}

namespace {

Diagnostic make(DiagCode code, Severity severity, Span span, std::string message,
                std::string label_text) {
  Diagnostic diag;
  diag.code = code;
  diag.severity = severity;
  diag.message = std::move(message);
  if (span.valid()) diag.labels.push_back({span, std::move(label_text), true});
  return diag;
}

}  // namespace

DiagnosticBuilder Diagnostics::error(DiagCode code, Span span, std::string message,
                                     std::string label_text) {
  return {*this, make(code, Severity::Error, span, std::move(message), std::move(label_text))};
}

DiagnosticBuilder Diagnostics::warning(DiagCode code, Span span, std::string message,
                                       std::string label_text) {
  return {*this, make(code, Severity::Warning, span, std::move(message), std::move(label_text))};
}

DiagnosticBuilder Diagnostics::data_error(DiagCode code, DataLocation where, std::string message) {
  Diagnostic diag = make(code, Severity::Error, Span{}, std::move(message), {});
  diag.data_location = std::move(where);
  return {*this, std::move(diag)};
}

void Diagnostics::add(Diagnostic diag) {
  if (diag.severity == Severity::Error) ++errors_;
  list_.push_back(std::move(diag));
}

std::size_t Diagnostics::warning_count() const {
  return static_cast<std::size_t>(std::count_if(
      list_.begin(), list_.end(), [](const auto& d) { return d.severity == Severity::Warning; }));
}

void Diagnostics::sort() {
  // Rule-file diagnostics come first, by file and offset; data-file diagnostics follow, by file,
  // line and column. The sort is stable so diagnostics at one place keep their emission order.
  const auto key = [](const Diagnostic& d) {
    const Label* p = d.primary();
    if (p != nullptr && p->span.valid()) {
      return std::make_tuple(0, p->span.file, std::string_view{}, std::uint64_t{p->span.begin},
                             std::uint32_t{0});
    }
    if (d.data_location) {
      return std::make_tuple(1, FileId{0}, std::string_view(d.data_location->file),
                             d.data_location->line, d.data_location->column);
    }
    return std::make_tuple(2, FileId{0}, std::string_view{}, std::uint64_t{0}, std::uint32_t{0});
  };
  std::stable_sort(list_.begin(), list_.end(),
                   [&](const Diagnostic& a, const Diagnostic& b) { return key(a) < key(b); });
}

}  // namespace strata
