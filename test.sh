#!/usr/bin/env bash
# Runs the whole faas test suite from a fresh clone: installs host packages, builds the guest kernel,
# agent and initramfs (cached by content hash), then runs every xunit project against real QEMU.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cd "$repo"
export FAAS_SOURCE_DIR="$repo"

scripts/ensure-packages.sh
./faas guest build

log=$(mktemp)
trap 'rm -f "$log"' EXIT
set +e
dotnet test faas.sln -c Release --nologo --blame-hang-timeout 10m "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e

# One closing line over every test assembly: "N passed, N failed, N skipped".
awk '
  /(Passed|Failed)! +- +Failed:/ {
    gsub(/,/, "");
    for (i = 1; i <= NF; i++) {
      if ($i == "Failed:") failed += $(i + 1);
      if ($i == "Passed:") passed += $(i + 1);
      if ($i == "Skipped:") skipped += $(i + 1);
    }
    seen = 1
  }
  END { if (seen) printf "tests: %d passed, %d failed, %d skipped\n", passed, failed, skipped }
' "$log"
exit "$status"
