// The libFuzzer entry points of the fuzz targets.
//
// Each target defines LLVMFuzzerTestOneInput (and may define LLVMFuzzerInitialize). Built with
// clang's -fsanitize=fuzzer they are coverage-guided fuzzers for long runs (docs/fuzzing.md);
// linked with smoke_driver.cpp they become deterministic smoke tests that ctest runs under the
// sanitizers on every build.
#pragma once

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);
extern "C" int LLVMFuzzerInitialize(int* argc, char*** argv);

#include <string>
#include <vector>

// The seed inputs of a target (read from the source tree), for the smoke driver and for seeding
// a libFuzzer corpus (`--write-seeds DIR`).
std::vector<std::string> fuzz_seeds();
// Byte strings worth inserting while mutating: keywords, operators, literals of the target's
// input language.
std::vector<std::string> fuzz_dictionary();
