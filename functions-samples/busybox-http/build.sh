#!/usr/bin/env bash
# Builds the busybox-http sample without a Docker daemon (buildah, on the local faas/busybox base
# image) and pushes it as $FAAS_REGISTRY/samples/busybox-http:latest (default 127.0.0.1:5000).
# Starts the loopback registry and builds the base image first when needed.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=functions-samples/lib/common.sh
source "$here/../lib/common.sh"

ensure_base_image busybox
started=$(now_ms)
buildah_app_image faas/busybox:latest samples/busybox-http:latest "$here/app" \
  --entrypoint '["/app/serve"]' --workingdir /app --port 8080/tcp \
  --label org.opencontainers.image.title=samples/busybox-http \
  --label 'org.opencontainers.image.description=faas sample: a shell function served by busybox httpd (CGI)'
log "samples/busybox-http: pushed to $registry in $(($(now_ms) - started)) ms"
