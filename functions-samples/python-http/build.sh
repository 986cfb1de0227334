#!/usr/bin/env bash
# Builds the python-http sample without a Docker daemon (buildah, on the local faas/python base
# image) and pushes it as $FAAS_REGISTRY/samples/python-http:latest (default 127.0.0.1:5000).
# Starts the loopback registry and builds the base images first when needed.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=functions-samples/lib/common.sh
source "$here/../lib/common.sh"

ensure_base_image python
started=$(now_ms)
buildah_app_image faas/python:latest samples/python-http:latest "$here/app" \
  --entrypoint '["python3", "/app/main.py"]' --workingdir /app --port 8080/tcp \
  --label org.opencontainers.image.title=samples/python-http \
  --label 'org.opencontainers.image.description=faas sample: a Python function on http.server (standard library only)'
log "samples/python-http: pushed to $registry in $(($(now_ms) - started)) ms"
