// SOP evaluation benchmark. The baseline is the same rule set with every `calendar` and `sop`
// declaration removed (same record, events and tierings), run over the same Dataset: the
// difference is what SOP evaluation costs — event marks, deadlines on the business calendar,
// statuses, actions — on top of tiering with the state.
#include "bench_sop.hpp"

#include <fmt/format.h>
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "measure.hpp"

namespace strata::bench {

namespace {

using Clock = std::chrono::steady_clock;

// The text of a rule file without its top-level `calendar` and `sop` blocks (each starts at the
// beginning of a line and ends with a `}` line at column 0).
std::string without_sops(const std::string& text) {
  std::istringstream in(text);
  std::string line, out;
  bool skipping = false;
  while (std::getline(in, line)) {
    if (!skipping && (line.rfind("calendar ", 0) == 0 || line.rfind("sop ", 0) == 0)) {
      skipping = true;
    }
    if (!skipping) out += line + "\n";
    if (skipping && line.rfind("}", 0) == 0) skipping = false;
  }
  return out;
}

}  // namespace

int bench_sop(const std::vector<std::string>& rule_paths, const RuleSet& rules, const Dataset& data,
              int reps) {
  std::vector<std::pair<std::string, std::string>> sources;
  for (const std::string& p : rule_paths) {
    std::vector<std::filesystem::path> files;
    if (std::filesystem::is_directory(p)) {
      for (const auto& e : std::filesystem::directory_iterator(p)) {
        if (e.path().extension() == ".strata") files.push_back(e.path());
      }
    } else {
      files.emplace_back(p);
    }
    for (const auto& f : files) {
      std::ifstream in(f);
      std::stringstream text;
      text << in.rdbuf();
      sources.emplace_back(f.string(), without_sops(text.str()));
    }
  }
  Diagnostics diags;
  auto baseline = compile_text(sources, diags);
  if (!baseline) {
    fmt::print(stderr, "{}", render(diags, *diags.sources()));
    return 1;
  }
  std::size_t events = 0;
  for (const EventsTable& e : data.events) events += e.table.rows;
  fmt::print("customers: {}, events: {}\n", data.size(), events);

  for (unsigned threads : {1u, 0u}) {
    RunOptions options;
    options.threads = threads;
    std::vector<double> with, without, with_cpu, without_cpu;
    RunResult last;
    for (int r = 0; r < reps; ++r) {
      auto t0 = Clock::now();
      double c0 = cpu_seconds();
      RunResult result = rules.run(data, options);
      with.push_back(std::chrono::duration<double>(Clock::now() - t0).count());
      with_cpu.push_back(cpu_seconds() - c0);
      if (!result.ok) {
        fmt::print(stderr, "{}", render(result.diags, *result.diags.sources()));
        return 1;
      }
      t0 = Clock::now();
      c0 = cpu_seconds();
      baseline->run(data, options);
      without.push_back(std::chrono::duration<double>(Clock::now() - t0).count());
      without_cpu.push_back(cpu_seconds() - c0);
      if (r == reps - 1) last = std::move(result);
    }
    const double w = median(with), b = median(without);
    fmt::print(
        "{}: run with SOPs {:.3f} s, without {:.3f} s, SOP evaluation {:.3f} s "
        "({:.1f} M events/s), ratio {:.2f}x\n",
        threads == 1 ? "1 thread " : "2 threads", w, b, w - b,
        static_cast<double>(events) / std::max(w - b, 1e-9) / 1e6, w / b);
    const double wc = median(with_cpu), bc = median(without_cpu);
    fmt::print(
        "  processor time: with SOPs {:.3f} s, without {:.3f} s, SOP evaluation {:.3f} s "
        "({:.1f} M events per processor-second)\n",
        wc, bc, wc - bc, static_cast<double>(events) / std::max(wc - bc, 1e-9) / 1e6);
    fmt::print("  {} obligation results, {} actions\n", last.obligations.size(),
               last.actions.size());
  }
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  fmt::print("loaded columns: {:.1f} MB; peak resident: {:.1f} MB\n",
             static_cast<double>(data.memory_bytes()) / 1e6,
             static_cast<double>(usage.ru_maxrss) / 1024.0);
  return 0;
}

}  // namespace strata::bench
