#!/usr/bin/env bash
# Runs the whole faas test suite from a fresh clone: installs host packages, builds the guest kernel,
# agent and initramfs (cached by content hash), then runs every xunit project against real QEMU.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cd "$repo"
export FAAS_SOURCE_DIR="$repo"

scripts/ensure-packages.sh
./faas guest build

# One owner for the loopback registry the sample images live in: test assemblies run in parallel and
# each one's fixture leaves a registry it did not start alone.
started_registry=false
if ! functions-samples/registry.sh status >/dev/null 2>&1; then
  functions-samples/registry.sh start
  started_registry=true
fi
functions-samples/build-all.sh

log=$(mktemp)
cleanup() {
  rm -f "$log"
  if $started_registry; then functions-samples/registry.sh stop >/dev/null 2>&1 || true; fi
}
trap cleanup EXIT
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
