#!/usr/bin/env bash
# Fetches what some tests need beyond the Debian packages, into a folder of the build tree:
#   sarif-schema-2.1.0.json   the SARIF 2.1.0 JSON schema as published with Microsoft's SARIF SDK
#                             (npm package @microsoft/sarif-multitool-linux), against which the
#                             tests validate every SARIF log strata writes
# Usage: scripts/test-tools.sh TOOLS_DIR. Does nothing for what is already there.
set -euo pipefail
TOOLS="${1:?usage: scripts/test-tools.sh TOOLS_DIR}"
SARIF_SDK_VERSION=5.7.0
mkdir -p "$TOOLS"
if [[ ! -s "$TOOLS/sarif-schema-2.1.0.json" ]]; then
  if ! command -v npm >/dev/null; then
    echo "test-tools: installing npm" >&2
    SUDO=""
    if [[ $(id -u) -ne 0 ]]; then SUDO="sudo"; fi
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends npm >&2
  fi
  echo "test-tools: fetching the SARIF 2.1.0 schema (SARIF SDK $SARIF_SDK_VERSION, npm)" >&2
  tmp="$(mktemp -d)"
  trap 'rm -rf "$tmp"' EXIT
  (cd "$tmp" && npm pack --silent "@microsoft/sarif-multitool-linux@$SARIF_SDK_VERSION" >/dev/null)
  tar xzf "$tmp"/microsoft-sarif-multitool-linux-*.tgz -C "$tmp" package/sarif-2.1.0.json
  mv "$tmp/package/sarif-2.1.0.json" "$TOOLS/sarif-schema-2.1.0.json"
fi
