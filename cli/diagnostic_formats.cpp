#include "diagnostic_formats.hpp"

#include <filesystem>
#include <nlohmann/json.hpp>

#include "strata/lint.hpp"

namespace strata::cli {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

const SourceManager& sources_of(const Diagnostics& diags) {
  static const SourceManager kEmpty;
  return diags.sources() ? *diags.sources() : kEmpty;
}

std::string_view severity_name(Severity s) {
  return s == Severity::Error ? "error" : s == Severity::Warning ? "warning" : "note";
}

// Where a diagnostic points: a rule-file span or a data-file location.
struct Place {
  std::string path;
  std::uint32_t line = 0, column = 0, end_line = 0, end_column = 0;
};

std::optional<Place> span_place(const Span& span, const SourceManager& sources) {
  if (!span.valid() || span.file >= sources.size()) return std::nullopt;
  const SourceFile& f = sources.file(span.file);
  const LineCol a = f.line_col(span.begin), b = f.line_col(span.end);
  return Place{f.path(), a.line, a.column, b.line, b.column};
}

std::optional<Place> primary_place(const Diagnostic& d, const SourceManager& sources) {
  if (const Label* p = d.primary()) {
    if (auto place = span_place(p->span, sources)) return place;
  }
  if (d.data_location) {
    const DataLocation& w = *d.data_location;
    return Place{w.file, static_cast<std::uint32_t>(w.line), w.column, 0, 0};
  }
  return std::nullopt;
}

json to_json(const Diagnostic& d, const SourceManager& sources) {
  json j;
  j["code"] = std::string(d.id());
  j["severity"] = std::string(severity_name(d.severity));
  j["message"] = d.message;
  if (const Label* p = d.primary(); p && p->span.valid()) {
    if (auto place = span_place(p->span, sources)) {
      j["file"] = place->path;
      j["line"] = place->line;
      j["column"] = place->column;
      j["end_line"] = place->end_line;
      j["end_column"] = place->end_column;
    }
  }
  if (d.data_location) {
    j["file"] = d.data_location->file;
    j["line"] = d.data_location->line;
    j["column"] = d.data_location->column;
    if (!d.data_location->field.empty()) j["field"] = d.data_location->field;
  }
  json labels = json::array();
  for (const Label& l : d.labels) {
    auto place = span_place(l.span, sources);
    if (!place) continue;
    labels.push_back({{"file", place->path},
                      {"line", place->line},
                      {"column", place->column},
                      {"message", l.message},
                      {"primary", l.primary}});
  }
  j["labels"] = labels;
  j["notes"] = d.notes;
  if (d.help) j["help"] = *d.help;
  return j;
}

// A path as a relative URI reference: percent-encoded, forward slashes.
std::string uri_of(const std::string& path, bool& relative) {
  std::error_code ec;
  fs::path p = fs::absolute(path, ec).lexically_normal();
  const fs::path cwd = fs::current_path(ec);
  const fs::path rel = p.lexically_relative(cwd);
  relative = !rel.empty() && *rel.begin() != "..";
  const std::string text = relative ? rel.generic_string() : p.generic_string();
  std::string out = relative ? "" : "file://";
  static const char* kHex = "0123456789ABCDEF";
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '/' || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

json sarif_location(const Place& place) {
  bool relative = false;
  json artifact = {{"uri", uri_of(place.path, relative)}};
  if (relative) artifact["uriBaseId"] = "SRCROOT";
  json physical = {{"artifactLocation", artifact}};
  if (place.line > 0) {
    json region = {{"startLine", place.line}};
    if (place.column > 0) region["startColumn"] = place.column;
    if (place.end_line > 0) {
      region["endLine"] = place.end_line;
      region["endColumn"] = std::max<std::uint32_t>(place.end_column, 1);
    }
    physical["region"] = region;
  }
  return {{"physicalLocation", physical}};
}

std::string_view sarif_level(LintLevel level) {
  return level == LintLevel::Error     ? "error"
         : level == LintLevel::Warning ? "warning"
         : level == LintLevel::Note    ? "note"
                                       : "none";
}

std::string full_text(const Diagnostic& d) {
  std::string text = d.message;
  for (const std::string& n : d.notes) text += "\nnote: " + n;
  if (d.help) text += "\nhelp: " + *d.help;
  return text;
}

// GitHub workflow commands escape %, CR and LF in messages, and also : and , in properties.
std::string github_escape(std::string_view s, bool property) {
  std::string out;
  for (char c : s) {
    if (c == '%') {
      out += "%25";
    } else if (c == '\r') {
      out += "%0D";
    } else if (c == '\n') {
      out += "%0A";
    } else if (property && c == ':') {
      out += "%3A";
    } else if (property && c == ',') {
      out += "%2C";
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace

std::string diagnostics_json(const Diagnostics& diags) {
  json all = json::array();
  for (const Diagnostic& d : diags.all()) all.push_back(to_json(d, sources_of(diags)));
  return all.dump(2) + "\n";
}

std::string diagnostics_sarif(const Diagnostics& diags, const std::string& tool_version) {
  const SourceManager& sources = sources_of(diags);
  json rules = json::array();
  std::map<std::string, std::size_t> rule_index;
  for (const LintRuleInfo& info : lint_rules()) {
    rule_index[std::string(info.id)] = rules.size();
    rules.push_back(
        {{"id", info.id},
         {"shortDescription", {{"text", info.title}}},
         {"fullDescription", {{"text", std::string(info.title) + ". " + std::string(info.help)}}},
         {"help",
          {{"text", info.help},
           {"markdown", std::string(info.help) + "\n\nSee docs/lint/" + std::string(info.id) +
                            ".md, or run `strata explain " + std::string(info.id) + "`."}}},
         {"defaultConfiguration", {{"level", sarif_level(info.default_level)}}},
         {"properties", {{"tags", {"lint"}}}}});
  }
  for (std::size_t i = 0; i < diag_code_count(); ++i) {
    const DiagCode code = diag_code_at(i);
    const std::string id(diag_code_id(code));
    rule_index[id] = rules.size();
    const Severity s = diag_code_severity(code);
    rules.push_back(
        {{"id", id},
         {"shortDescription", {{"text", diag_code_title(code)}}},
         {"help",
          {{"text", "See docs/diagnostics/" + id + ".md, or run `strata explain " + id + "`."}}},
         {"defaultConfiguration", {{"level", severity_name(s)}}}});
  }
  json results = json::array();
  for (const Diagnostic& d : diags.all()) {
    const std::string id(d.id());
    json r = {{"ruleId", id},
              {"level", severity_name(d.severity)},
              {"message", {{"text", full_text(d)}}}};
    if (auto it = rule_index.find(id); it != rule_index.end()) r["ruleIndex"] = it->second;
    if (auto place = primary_place(d, sources))
      r["locations"] = json::array({sarif_location(*place)});
    json related = json::array();
    for (const Label& l : d.labels) {
      if (l.primary) continue;
      auto place = span_place(l.span, sources);
      if (!place) continue;
      json loc = sarif_location(*place);
      loc["id"] = related.size();
      if (!l.message.empty()) loc["message"] = {{"text", l.message}};
      related.push_back(std::move(loc));
    }
    if (!related.empty()) r["relatedLocations"] = std::move(related);
    results.push_back(std::move(r));
  }
  std::error_code ec;
  std::string root = fs::current_path(ec).generic_string();
  if (root.empty() || root.back() != '/') root += '/';
  bool ignored = false;
  json run = {{"tool",
               {{"driver",
                 {{"name", "strata"},
                  {"version", tool_version},
                  {"semanticVersion", tool_version},
                  {"rules", rules}}}}},
              {"originalUriBaseIds", {{"SRCROOT", {{"uri", "file://" + uri_of(root, ignored)}}}}},
              {"columnKind", "unicodeCodePoints"},
              {"results", results}};
  json log = {{"$schema",
               "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/"
               "sarif-schema-2.1.0.json"},
              {"version", "2.1.0"},
              {"runs", json::array({run})}};
  return log.dump(2) + "\n";
}

std::string diagnostics_github(const Diagnostics& diags) {
  const SourceManager& sources = sources_of(diags);
  std::string out;
  for (const Diagnostic& d : diags.all()) {
    const std::string_view kind = d.severity == Severity::Error     ? "error"
                                  : d.severity == Severity::Warning ? "warning"
                                                                    : "notice";
    std::string props;
    if (auto place = primary_place(d, sources)) {
      props += "file=" + github_escape(place->path, true);
      if (place->line > 0) props += ",line=" + std::to_string(place->line);
      if (place->column > 0) props += ",col=" + std::to_string(place->column);
      if (place->end_line > 0) {
        props += ",endLine=" + std::to_string(place->end_line);
        props += ",endColumn=" + std::to_string(place->end_column);
      }
      props += ",";
    }
    props += "title=" + github_escape(std::string(d.id()), true);
    out +=
        "::" + std::string(kind) + " " + props + "::" + github_escape(full_text(d), false) + "\n";
  }
  return out;
}

}  // namespace strata::cli
