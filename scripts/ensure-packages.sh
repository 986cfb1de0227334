#!/usr/bin/env bash
# Installs the Debian packages faas needs on its host, once. Fast when everything is there.
set -euo pipefail

packages=(
  qemu-system-x86      # the qemu backend (microvm machine)
  linux-source-6.1     # guest kernel source
  build-essential flex bison bc libelf-dev libssl-dev  # guest kernel build
  cpio xz-utils
  busybox-static       # shell and tools inside the guest
  clang zlib1g-dev     # NativeAOT guest agent
  util-linux procps
  skopeo docker-registry erofs-utils apache2-utils  # container images → erofs root filesystems (and their tests)
  buildah umoci debootstrap curl jq  # function samples: base images and images without a Docker daemon
  redis-server         # asynchronous invocations and the gateway caches in cluster mode (and their tests)
  postgresql           # faas up --cluster: cluster membership and grain state (and its tests)
  docker-compose       # checks docker-compose.yml in the tests (the Docker engine is not needed)
  nodejs               # runs the k6 scripts' shared planning code in the load-test tests
)

missing=()
for p in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  [ "$status" = "install ok installed" ] || missing+=("$p")
done

[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" != 0 ]; then
  echo "faas: missing Debian packages: ${missing[*]}" >&2
  echo "faas: install them with: sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi

echo "faas: installing Debian packages: ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -q >/dev/null
apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
