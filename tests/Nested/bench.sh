#!/usr/bin/env bash
# The benchmarks of both VM backends in one run of the nested test host, for docs/benchmarks.md:
#
#   tests/Nested/l1.sh run -- tests/Nested/bench.sh [--runs N] [--image REF]
#
# faas bench vm (synthetic guest; both backends), then faas bench coldstart on the kvm backend and on QEMU
# with -accel kvm, one after the other on the same image, and the ratio of their restore p50s. Figures from
# here are nested KVM on TCG-emulated SVM: they compare the backends with each other, they are not
# hardware-KVM figures.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$repo"
export FAAS_SOURCE_DIR="$repo"

runs=10
image=127.0.0.1:5000/samples/busybox-http:latest
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs=$2; shift 2 ;;
    --image) image=$2; shift 2 ;;
    *) echo "usage: $0 [--runs N] [--image REF]" >&2; exit 2 ;;
  esac
done

functions-samples/registry.sh start >/dev/null
./faas doctor | grep -E '^(cpu|/dev/kvm|qemu) '
echo
echo "## faas bench vm --runs $((runs * 5)) --live 50"
./faas bench vm --runs $((runs * 5)) --live 50

echo
echo "## faas bench coldstart --image $image --runs $runs, --backend kvm then --backend qemu"
for backend in kvm qemu; do
  ./faas bench coldstart --backend "$backend" --image "$image" --runs "$runs" --json >"/tmp/coldstart-$backend.json"
done
echo
echo "| backend | start | min | p50 | p90 | max |"
echo "|---|---|---|---|---|---|"
for backend in kvm qemu; do
  jq -r --arg backend "$backend" '. as $r | ["boot", "restore", "warm"][] as $kind | $r[$kind] as $s
    | "| \($backend)/\($r.accelerator) | \($kind) | \($s.min | round) | \($s.p50 | round) | \($s.p90 | round) | \($s.max | round) |"' "/tmp/coldstart-$backend.json"
done

echo
jq -rn --slurpfile kvm /tmp/coldstart-kvm.json --slurpfile qemu /tmp/coldstart-qemu.json \
  '"restore p50: kvm \($kvm[0].restore.p50 | round) ms, qemu+kvm \($qemu[0].restore.p50 | round) ms: the built-in VMM restores \(($qemu[0].restore.p50 / $kvm[0].restore.p50) * 10 | floor / 10)x faster"'
