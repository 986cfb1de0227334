#!/usr/bin/env bash
# The nested-KVM stage of the test suite: runs inside the test host, where /dev/kvm is real (emulated SVM).
#
#   tests/Nested/l1.sh run -- tests/Nested/stage.sh [kvm|backends]    (test.sh runs both parts after the host stages)
#
# kvm: the built-in VMM's tests, the worker's function on the kvm backend, a cold load test, and no
# unhandled MSR logged by KVM; backends: faas up on the kvm backend and on QEMU with -accel kvm.
#
# It builds nothing: it runs what the host stages built (test binaries, the CLI, guest artifacts, sample
# images in the registry's storage). Every step runs even when an earlier one failed; the exit status is
# non-zero when any failed. FAAS_TEST_REQUIRE_HARDWARE_KVM=1 turns a test's "needs hardware
# virtualization" skip into a failure: here every such test must run.
set -uo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$repo"
export FAAS_SOURCE_DIR="$repo" FAAS_TEST_REQUIRE_HARDWARE_KVM=1 DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1

failed=()
step() { echo; echo "faas-nested: ── $* ──"; step_started=$SECONDS; }
record() {
  local status=$1 name=$2
  echo "faas-nested: $name: $([ "$status" = 0 ] && echo passed || echo "FAILED ($status)") in $((SECONDS - step_started)) s"
  [ "$status" = 0 ] || failed+=("$name")
}
tests() {
  local project=$1
  shift
  dotnet "tests/$project/bin/Release/net10.0/$project.dll" -noLogo -noColor "$@"
}

part=${1:-all}
case "$part" in kvm|backends|all) ;; *) echo "usage: $0 [kvm|backends]" >&2; exit 2 ;; esac

if [ "$part" != backends ]; then
  step "this host"
  ./faas doctor
  record $? "faas doctor"

  step "the built-in VMM's tests on real KVM"
  tests Faas.Vmm.Tests
  record $? "Faas.Vmm.Tests"

  step "a function on the kvm backend (worker)"
  tests Faas.Worker.Tests -class Faas.Worker.Tests.Instances.KvmFunctionTests
  record $? "KvmFunctionTests"

  step "a short cold-start load test on the kvm backend"
  report=/tmp/loadtest-cold.json
  ./faas loadtest cold --backend kvm --duration 4s --rate 1 --json >"$report"
  status=$?
  if [ "$status" = 0 ]; then
    # Every call answered, by a restore on the kvm backend.
    jq -e '.backends | length == 1 and all(.[]; .backend == "kvm" and .error == null and (.passes | length > 0)
      and all(.passes[]; .figures.all.calls > 0 and .figures.all.errors == 0 and .figures.all.ok == .figures.all.calls
        and any(.figures.starts[]; .start == "restore")))' "$report" >/dev/null
    status=$?
    jq -r '.backends[].passes[].figures.starts[] | "faas-nested: \(.start): \(.calls) calls, \(.errors) errors, p50 \(.p50Ms) ms, p99 \(.p99Ms) ms"' "$report"
    [ "$status" = 0 ] || cat "$report"
  fi
  record "$status" "faas loadtest cold --backend kvm"

  step "KVM's complaints about the built-in VMM's guests"
  # Only the built-in VMM has run guests so far. QEMU 7.2 cannot deny MSRs, so on a KVM without a virtual
  # PMU its guests' PMU probe is logged once per boot: the QEMU backend runs after this check.
  if dmesg | grep -E 'Unhandled (WR|RD)MSR|unhandled (wr|rd)msr|emulation failure'; then
    record 1 "no unhandled MSR or emulation failure in the test host's kernel log"
  else
    record 0 "no unhandled MSR or emulation failure in the test host's kernel log"
  fi
fi

if [ "$part" != kvm ]; then
  step "faas up on each backend: kvm, and qemu with -accel kvm"
  tests Faas.Cli.Tests -class Faas.Cli.Tests.Platform.BackendPlatformTests
  record $? "BackendPlatformTests"
fi

echo
if [ ${#failed[@]} -gt 0 ]; then
  echo "faas-nested: failed: ${failed[*]}"
  exit 1
fi
echo "faas-nested: every step passed"
