#!/usr/bin/env bash
# Builds everything in functions-samples: starts the loopback registry, builds the base images
# (skipped when the registry already has them, unless --rebuild) and every sample, and pushes them
# all to $FAAS_REGISTRY (default 127.0.0.1:5000).
#
#   functions-samples/build-all.sh [--rebuild] [--check]
#
# --check then runs check-image.sh on every sample (pull, unpack, run in a chroot, call each endpoint).
set -euo pipefail
# shellcheck source-path=SCRIPTDIR
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

rebuild=()
check=false
for arg in "$@"; do
  case "$arg" in
    --rebuild) rebuild=(--rebuild) ;;
    --check) check=true ;;
    *) echo "usage: $0 [--rebuild] [--check]" >&2; exit 2 ;;
  esac
done

samples=(busybox-http python-http dotnet-hello)
all_started=$(now_ms)
ensure_packages
ensure_registry

started=$(now_ms)
"$samples_dir/base-images.sh" "${rebuild[@]}"
summary=("base images: $(($(now_ms) - started)) ms")
for sample in "${samples[@]}"; do
  started=$(now_ms)
  "$samples_dir/$sample/build.sh"
  summary+=("samples/$sample: $(($(now_ms) - started)) ms")
done
summary+=("total: $(($(now_ms) - all_started)) ms")
printf '%s\n' "${summary[@]}"

if $check; then
  failed=()
  for sample in "${samples[@]}"; do
    "$samples_dir/check-image.sh" "$sample" || failed+=("$sample")
  done
  [ ${#failed[@]} -eq 0 ] || die "checks failed for: ${failed[*]}"
fi
