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


# What a sample image is built from, as one key: the base image's manifest, the sample's files (build
# outputs aside) and any further words (build settings). Stored in the image as the label
# faas.source-key, so an image that is already current is not built again.
source_key() {
  local base=$1 dir=$2
  shift 2
  {
    skopeo inspect --raw --tls-verify=false "docker://$registry/$base" | sha256sum
    (cd "$dir" && find . \( -name bin -o -name obj \) -prune -o -type f -print0 | sort -z | xargs -0 sha256sum)
    printf '%s\n' "$@"
  } | sha256sum | cut -c1-32
}

# Exit status 0 when the registry's REPOSITORY:TAG carries the source key KEY.
image_is_current() {
  local label
  label=$(skopeo inspect --tls-verify=false "docker://$registry/$1" 2>/dev/null | jq -r '.Labels["faas.source-key"] // empty') || return 1
  [ -n "$label" ] && [ "$label" = "$2" ]
}

# Builds REPOSITORY:TAG from the base image BASE:TAG with SOURCE_DIR copied to /app, and pushes it
# to the registry, unless the registry's image was built from the same base, files and settings. The
# base image's command is dropped; further arguments go to `buildah config` (entrypoint, env, …).
buildah_app_image() {
  local base=$1 repository=$2 source_dir=$3 ctr key
  shift 3
  key=$(source_key "$base" "$(dirname "$source_dir")" "$@")
  if image_is_current "$repository" "$key"; then
    log "$repository: up to date in $registry"
    return
  fi
  ctr=$(buildah from --quiet --pull=true --tls-verify=false "$registry/$base")
  if ! { buildah copy --quiet "$ctr" "$source_dir" /app >/dev/null &&
    buildah config --cmd '' "$ctr" 2>/dev/null &&
    buildah config "$@" --label "faas.source-key=$key" "$ctr" &&
    buildah commit --quiet --rm --timestamp 0 --tls-verify=false "$ctr" "docker://$registry/$repository" >/dev/null; }; then
    buildah rm "$ctr" >/dev/null 2>&1 || true
    die "building $repository from $base failed"
  fi
}

require_loopback_registry
