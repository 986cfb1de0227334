# Settings and helpers shared by the functions-samples scripts. Sourced, never run.
# shellcheck shell=bash
# shellcheck disable=SC2034 # the variables are for the scripts that source this file

samples_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
repo_dir=$(cd "$samples_dir/.." && pwd)
cache_root=${FAAS_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/faas}
registry=${FAAS_REGISTRY:-127.0.0.1:5000}

log() { echo "faas-samples: $*" >&2; }
die() { log "$*"; exit 1; }

# The loopback registry speaks plain HTTP; skopeo, buildah and the .NET SDK must be told so.
export DOTNET_CONTAINER_INSECURE_REGISTRIES="$registry"

require_loopback_registry() {
  case "$registry" in
    127.*:[0-9]* | localhost:[0-9]* | "[::1]:"[0-9]*) ;;
    *) die "FAAS_REGISTRY must be a loopback HOST:PORT (127.0.0.1:5000, localhost:5000, [::1]:5000), not '$registry'" ;;
  esac
}

ensure_packages() {
  "$repo_dir/scripts/ensure-packages.sh"
}

# Exit status 0 when the registry serves a manifest for REPOSITORY:TAG.
image_exists() {
  skopeo inspect --raw --tls-verify=false "docker://$registry/$1" >/dev/null 2>&1
}

ensure_registry() {
  "$samples_dir/registry.sh" start >&2
}

ensure_base_image() {
  "$samples_dir/base-images.sh" "$@"
}

# Milliseconds since the epoch, for timings.
now_ms() {
  date +%s%3N
}


# Builds REPOSITORY:TAG from the base image BASE:TAG with SOURCE_DIR copied to /app, and pushes it
# to the registry. The base image's command is dropped; further arguments go to `buildah config`
# (entrypoint, env, …).
buildah_app_image() {
  local base=$1 repository=$2 source_dir=$3 ctr
  shift 3
  ctr=$(buildah from --quiet --pull=true --tls-verify=false "$registry/$base")
  if ! { buildah copy --quiet "$ctr" "$source_dir" /app >/dev/null &&
    buildah config --cmd '' "$ctr" 2>/dev/null &&
    buildah config "$@" "$ctr" &&
    buildah commit --quiet --rm --timestamp 0 --tls-verify=false "$ctr" "docker://$registry/$repository" >/dev/null; }; then
    buildah rm "$ctr" >/dev/null 2>&1 || true
    die "building $repository from $base failed"
  fi
}

require_loopback_registry
