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

# The nested-KVM stage: the kvm backend on a real /dev/kvm inside a test host (QEMU TCG with emulated SVM),
# for hosts whose own KVM cannot run Linux guests. Only with the whole suite (no arguments).
nested_status=0
if [ $# -gt 0 ] || [ "${FAAS_NESTED:-}" = 0 ]; then
  echo "nested stage: not run (test arguments given, or FAAS_NESTED=0)"
elif grep -qwE 'vmx|svm' /proc/cpuinfo && [ "${FAAS_NESTED:-}" != 1 ]; then
  echo "nested stage: not needed: this host has hardware virtualization, so the kvm tests ran above (FAAS_NESTED=1 runs it anyway)"
else
  # Two parts, each in a test host of its own. A part whose test host's kernel panicked (exit 121: seen
  # now and then while QEMU runs a KVM guest inside it, on QEMU 7.2's emulated SVM) runs once more.
  set +e
  for part in kvm backends; do
    for attempt in 1 2; do
      tests/Nested/l1.sh run --timeout 1200 -- tests/Nested/stage.sh "$part" 2>&1 | tee -a "$log"
      part_status=${PIPESTATUS[0]}
      [ "$part_status" = 121 ] && [ "$attempt" = 1 ] || break
      echo "nested stage: the test host's kernel crashed during part '$part' (panic above): running that part again in a fresh test host"
    done
    [ "$part_status" = 77 ] && break
    [ "$part_status" = 0 ] || nested_status=$part_status
  done
  set -e
  if [ "$part_status" = 77 ]; then
    echo "nested stage: skipped: this QEMU does not emulate AMD SVM, so the test host has no /dev/kvm"
  fi
fi

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
[ "$status" != 0 ] || status=$nested_status
exit "$status"
