#!/usr/bin/env bash
# The README's entry point: installs what is missing (make included), then runs a make target.
#   ./build.sh demo   build, then check, run and explain the sample rule set on the bundled data
#   ./build.sh test   build with warnings as errors and run every test
set -euo pipefail
cd "$(dirname "$0")"
scripts/setup.sh
exec make "${@:-demo}"
