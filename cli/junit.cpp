// JUnit XML for CI systems: the schema Jenkins, GitLab, GitHub reporters and Azure accept.
//
//   <testsuites name="strata" tests= failures= errors= skipped= time=>
//     <testsuite name="rules/retail/pyramid.test.yaml" tests= failures= errors= skipped= time=>
//       <testcase classname="rules.retail.pyramid" name="..." file= line= time=>
//         <failure message="first mismatch" type="mismatch">every mismatch</failure>
//       </testcase>
//
// A test file that cannot run is one testcase with an <error>. Text is escaped, and characters
// XML 1.0 cannot hold (control characters other than tab and line ends) are replaced.
#include <fmt/format.h>

#include "common.hpp"
#include "explain_text.hpp"
#include "test_report.hpp"

namespace strata::cli {

namespace {

// The length of the UTF-8 sequence starting at text[i], or 0 when it is not valid.
std::size_t utf8_length(std::string_view text, std::size_t i) {
  const auto c = static_cast<unsigned char>(text[i]);
  const std::size_t n = c < 0x80           ? 1
                        : (c >> 5) == 0x6  ? 2
                        : (c >> 4) == 0xE  ? 3
                        : (c >> 3) == 0x1E ? 4
                                           : 0;
  if (n == 0 || i + n > text.size()) return 0;
  for (std::size_t k = 1; k < n; ++k) {
    if ((static_cast<unsigned char>(text[i + k]) >> 6) != 0x2) return 0;
  }
  return n;
}

}  // namespace

std::string xml_escape(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const std::size_t n = utf8_length(text, i);
    if (n == 0) {
      out += "\xEF\xBF\xBD";  // U+FFFD for a byte that is not UTF-8
      continue;
    }
    if (n > 1) {
      out.append(text.substr(i, n));
      i += n - 1;
      continue;
    }
    const char ch = text[i];
    const auto c = static_cast<unsigned char>(ch);
    switch (ch) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&apos;";
        break;
      default:
        if (c < 0x20 && ch != '\t' && ch != '\n' && ch != '\r') {
          out += '?';
        } else {
          out += ch;
        }
    }
  }
  return out;
}

namespace {

// rules/retail/pyramid.test.yaml -> rules.retail.pyramid
std::string class_name(const std::string& path) {
  std::string s = path;
  if (s.ends_with(".test.yaml")) s.resize(s.size() - 10);
  while (s.starts_with("./")) s.erase(0, 2);
  for (char& c : s) {
    if (c == '/' || c == '\\') c = '.';
  }
  return s;
}

}  // namespace

std::string render_junit(const std::vector<FileRun>& runs, double seconds) {
  std::size_t tests = 0, failures = 0, errors = 0, skipped = 0;
  std::string body;
  for (const FileRun& run : runs) {
    const std::string cls = xml_escape(class_name(run.path));
    if (!run.suite) {
      ++tests;
      ++errors;
      body += fmt::format(
          "  <testsuite name=\"{0}\" tests=\"1\" failures=\"0\" errors=\"1\" skipped=\"0\" "
          "time=\"0\">\n"
          "    <testcase classname=\"{1}\" name=\"(load)\" file=\"{0}\" time=\"0\">\n"
          "      <error message=\"{2}\" type=\"load\">{2}</error>\n"
          "    </testcase>\n  </testsuite>\n",
          xml_escape(run.path), cls, xml_escape(run.problem));
      continue;
    }
    double suite_seconds = 0;
    std::string cases;
    for (const CaseResult& r : run.result.cases) {
      suite_seconds += r.seconds;
      cases += fmt::format(
          "    <testcase classname=\"{}\" name=\"{}\" file=\"{}\" line=\"{}\" "
          "time=\"{:.6f}\"",
          cls, xml_escape(r.test->name), xml_escape(run.path), r.test->where.line, r.seconds);
      if (r.outcome == CaseOutcome::Passed) {
        cases += "/>\n";
        continue;
      }
      cases += ">\n";
      if (r.outcome == CaseOutcome::Skipped) {
        cases += fmt::format("      <skipped message=\"{}\"/>\n", xml_escape(*r.test->skip));
      } else {
        // The failure text is the same as on the terminal, without colour.
        const std::string text = render_case(run, r, false);
        std::string message = "the evaluation failed";
        if (!r.mismatches.empty()) {
          const Mismatch& m = r.mismatches.front();
          message = (m.customer.empty() ? "" : "customer " + m.customer + ": ") + m.what +
                    ": expected `" + m.expected + "`, got `" + m.got + "`";
        }
        cases += fmt::format("      <failure message=\"{}\" type=\"mismatch\">{}</failure>\n",
                             xml_escape(message), xml_escape(text));
      }
      cases += "    </testcase>\n";
    }
    const std::size_t n = run.result.cases.size();
    const std::size_t f = run.result.count(CaseOutcome::Failed);
    const std::size_t s = run.result.count(CaseOutcome::Skipped);
    tests += n;
    failures += f;
    skipped += s;
    body += fmt::format(
        "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"0\" skipped=\"{}\" "
        "time=\"{:.6f}\">\n{}  </testsuite>\n",
        xml_escape(run.path), n, f, s, suite_seconds, cases);
  }
  return fmt::format(
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<testsuites name=\"strata\" tests=\"{}\" failures=\"{}\" errors=\"{}\" skipped=\"{}\" "
      "time=\"{:.6f}\">\n{}</testsuites>\n",
      tests, failures, errors, skipped, seconds, body);
}

}  // namespace strata::cli
