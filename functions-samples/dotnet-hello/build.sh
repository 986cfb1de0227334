#!/usr/bin/env bash
# Builds the dotnet-hello sample without a Docker daemon: NativeAOT publish, then the .NET SDK's
# own container support (-t:PublishContainer) layers it onto the local faas/debian base image and
# pushes it as $FAAS_REGISTRY/samples/dotnet-hello:latest (default 127.0.0.1:5000).
# Starts the loopback registry and builds the base image first when needed.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=functions-samples/lib/common.sh
source "$here/../lib/common.sh"

ensure_base_image debian
key=$(source_key faas/debian:latest "$here")
if image_is_current samples/dotnet-hello:latest "$key"; then
  log "samples/dotnet-hello: up to date in $registry"
  exit 0
fi
started=$(now_ms)
build_log="$here/obj/publish-container.log"
mkdir -p "$here/obj"
if ! dotnet publish "$here/DotnetHello.csproj" -c Release -t:PublishContainer --nologo \
  -p:ContainerRegistry="$registry" -p:ContainerBaseImage="$registry/faas/debian:latest" -p:FaasSourceKey="$key" \
  >"$build_log" 2>&1; then
  tail -n 30 "$build_log" >&2
  die "dotnet publish -t:PublishContainer failed (log: $build_log)"
fi
log "samples/dotnet-hello: pushed to $registry in $(($(now_ms) - started)) ms"
