// A deterministic stand-in for libFuzzer: runs a fuzz target over its seeds and over mutations of
// them, so every build (g++ included, under the sanitizers in `make test`) exercises the target.
//
//   fuzz_rules_smoke [--runs N] [--seed S] [--max-seconds T] [--timeout T] [--write-seeds DIR]
//                    [FILE...]
//
// With files, each is run once as an input (to reproduce a failure). Otherwise the seeds run
// first, then N mutated inputs drawn with a fixed seed, so a failure reproduces with the same
// command (--max-seconds only caps the run on a slow machine). A watchdog stops an input that runs
// longer than the timeout; the sanitizers abort on memory errors and undefined behaviour. Either
// way the failing input is left in `fuzz-crash.bin` in the working folder.
#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "fuzz_target.hpp"
#include "seeds.hpp"

namespace {

using Clock = std::chrono::steady_clock;

// The input being run, kept where a signal handler can save it.
std::string g_current;
std::atomic<bool> g_running{false};
std::atomic<std::int64_t> g_started_ms{0};

void save_current(const char* why) {
  std::FILE* f = std::fopen("fuzz-crash.bin", "wb");
  if (f) {
    std::fwrite(g_current.data(), 1, g_current.size(), f);
    std::fclose(f);
  }
  std::fprintf(stderr, "fuzz: %s; input (%zu bytes) saved to fuzz-crash.bin\n", why,
               g_current.size());
}

extern "C" void on_fatal_signal(int sig) {
  save_current(sig == SIGABRT ? "aborted" : "crashed");
  std::signal(sig, SIG_DFL);
  std::raise(sig);
}

std::int64_t now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now().time_since_epoch())
      .count();
}

class Mutator {
 public:
  Mutator(std::uint64_t seed, std::vector<std::string> seeds, std::vector<std::string> dictionary)
      : rng_(seed), seeds_(std::move(seeds)), dict_(std::move(dictionary)) {}

  std::string next() {
    std::string s = seeds_.empty() ? std::string() : seeds_[pick(seeds_.size())];
    const std::size_t rounds = 1 + pick(8);
    for (std::size_t r = 0; r < rounds; ++r) mutate(s);
    if (s.size() > kMaxSize) s.resize(kMaxSize);
    return s;
  }

 private:
  static constexpr std::size_t kMaxSize = 64 * 1024;

  std::size_t pick(std::size_t n) {
    return n == 0 ? 0 : std::uniform_int_distribution<std::size_t>(0, n - 1)(rng_);
  }

  void mutate(std::string& s) {
    const std::size_t pos = pick(s.size() + 1);
    switch (pick(8)) {
      case 0:  // flip a bit
        if (!s.empty()) s[pick(s.size())] ^= static_cast<char>(1u << pick(8));
        break;
      case 1:  // a random byte
        s.insert(pos, 1, static_cast<char>(pick(256)));
        break;
      case 2:  // delete a range
        if (!s.empty()) s.erase(pick(s.size()), 1 + pick(16));
        break;
      case 3:  // duplicate a range
        if (!s.empty()) {
          const std::size_t at = pick(s.size());
          s.insert(pos, s.substr(at, 1 + pick(32)));
        }
        break;
      case 4:  // a dictionary word
      case 5:
        if (!dict_.empty()) s.insert(pos, dict_[pick(dict_.size())]);
        break;
      case 6:  // splice in part of another seed
        if (!seeds_.empty()) {
          const std::string& other = seeds_[pick(seeds_.size())];
          const std::size_t at = pick(other.size() + 1);
          s.insert(pos, other.substr(at, 1 + pick(256)));
        }
        break;
      default:  // truncate
        s.resize(pos);
        break;
    }
  }

  std::mt19937_64 rng_;
  std::vector<std::string> seeds_;
  std::vector<std::string> dict_;
};

void run_one(const std::string& input) {
  g_current = input;
  g_started_ms = now_ms();
  g_running = true;
  LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t*>(g_current.data()), g_current.size());
  g_running = false;
}

}  // namespace

int main(int argc, char** argv) {
  std::size_t runs = 2000;
  std::uint64_t seed = 1;
  double max_seconds = 60;
  double timeout = 10;
  std::string write_seeds;
  std::vector<std::string> files;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) {
        std::cerr << "fuzz: " << a << " needs a value\n";
        std::exit(2);
      }
      return argv[++i];
    };
    if (a == "--runs") {
      runs = std::stoul(value());
    } else if (a == "--seed") {
      seed = std::stoull(value());
    } else if (a == "--max-seconds") {
      max_seconds = std::stod(value());
    } else if (a == "--timeout") {
      timeout = std::stod(value());
    } else if (a == "--write-seeds") {
      write_seeds = value();
    } else {
      files.push_back(a);
    }
  }
  if (LLVMFuzzerInitialize(&argc, &argv) != 0) {
    std::cerr << "fuzz: the target failed to initialise\n";
    return 2;
  }
  const std::vector<std::string> seeds = fuzz_seeds();
  if (!write_seeds.empty()) {
    std::filesystem::create_directories(write_seeds);
    for (std::size_t i = 0; i < seeds.size(); ++i) {
      std::ofstream(std::filesystem::path(write_seeds) / ("seed-" + std::to_string(i)),
                    std::ios::binary)
          << seeds[i];
    }
    std::cout << "wrote " << seeds.size() << " seeds to " << write_seeds << "\n";
    return 0;
  }

  std::signal(SIGSEGV, on_fatal_signal);
  std::signal(SIGABRT, on_fatal_signal);
  std::signal(SIGFPE, on_fatal_signal);
  std::signal(SIGBUS, on_fatal_signal);
  std::atomic<bool> done{false};
  std::thread watchdog([&] {
    while (!done) {
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
      if (g_running && now_ms() - g_started_ms > static_cast<std::int64_t>(timeout * 1000)) {
        save_current("an input ran longer than the timeout");
        std::_Exit(1);
      }
    }
  });

  if (!files.empty()) {
    for (const std::string& f : files) run_one(strata::fuzz::read_file(f));
    done = true;
    watchdog.join();
    std::cout << files.size() << " inputs ran, 0 failed\n";
    return 0;
  }
  const auto start = Clock::now();
  for (const std::string& s : seeds) run_one(s);
  Mutator mutator(seed, seeds, fuzz_dictionary());
  std::size_t ran = 0;
  for (; ran < runs; ++ran) {
    if (std::chrono::duration<double>(Clock::now() - start).count() > max_seconds) break;
    run_one(mutator.next());
  }
  done = true;
  watchdog.join();
  std::cout << seeds.size() << " seeds and " << ran << " mutated inputs ran in "
            << std::chrono::duration<double>(Clock::now() - start).count() << " s, 0 failed\n";
  return 0;
}
