#!/usr/bin/env bash
# Installs the Debian packages strata needs to build and test, when any is missing. Chromium and
# the Noto CJK fonts render `strata report` pages in the browser test (tests/cli/report_browser.sh).
set -euo pipefail
packages=(g++ make cmake tao-pegtl-dev libboost-dev libyaml-cpp-dev catch2 libfmt-dev
          libcli11-dev nlohmann-json3-dev libhowardhinnant-date-dev tzdata sqlite3 clang-format
          git python3 python3-jsonschema libicu-dev libdtl-dev
          chromium fonts-noto-cjk)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}" >&2
  SUDO=""
  if [[ $(id -u) -ne 0 ]]; then SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
fi
