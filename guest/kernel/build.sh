#!/usr/bin/env bash
# Builds the faas guest kernel from Debian's linux-source-6.1 package.
#
#   guest/kernel/build.sh            build if needed; print the output directory on the last line
#   guest/kernel/build.sh --check    exit 0 if the cached kernel exists (prints its directory), 1 otherwise
#   guest/kernel/build.sh --hash     print the cache key only
#
# The result (vmlinux for PVH entry, bzImage, .config) is cached under
# $FAAS_CACHE_DIR/kernel/<key>, where key = sha256(source package version, config fragment).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
fragment="$here/faas-guest.config"
package=linux-source-6.1
cache_root=${FAAS_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/faas}

source_version() {
  dpkg-query -W -f='${Version}' "$package" 2>/dev/null || true
}

cache_key() {
  { echo "$package $(source_version)"; cat "$fragment"; } | sha256sum | cut -c1-16
}

version=$(source_version)
if [ -z "$version" ]; then
  echo "faas: the kernel source package '$package' is not installed (apt-get install $package)" >&2
  exit 2
fi

key=$(cache_key)
out="$cache_root/kernel/$key"

case "${1:-}" in
  --hash) echo "$key"; exit 0 ;;
  --check) if [ -f "$out/vmlinux" ]; then echo "$out"; exit 0; else exit 1; fi ;;
  "") ;;
  *) echo "usage: $0 [--check|--hash]" >&2; exit 2 ;;
esac

if [ -f "$out/vmlinux" ]; then
  echo "$out"
  exit 0
fi

mkdir -p "$cache_root/kernel"
exec 9>"$cache_root/kernel/.lock"
if ! flock -n 9; then
  echo "faas: another kernel build is running; waiting for it ($cache_root/kernel/.lock)" >&2
  flock 9
fi
if [ -f "$out/vmlinux" ]; then
  echo "$out"
  exit 0
fi

work="$cache_root/kernel/build-$key"
rm -rf "$work"
mkdir -p "$work"
log="$work/build.log"
started=$(date +%s)

echo "faas: building guest kernel $key from $package $version (about 15 minutes on 2 cores; log: $log)" >&2
tar -xf "/usr/src/$package.tar.xz" -C "$work"
src="$work/$package"
cd "$src"

echo "faas: [1/3] configuring (tinyconfig + $(basename "$fragment"))" >&2
make tinyconfig >>"$log" 2>&1
scripts/kconfig/merge_config.sh -m .config "$fragment" >>"$log" 2>&1
make olddefconfig >>"$log" 2>&1

missing=0
while IFS= read -r line; do
  case "$line" in ''|'#'*) continue ;; esac
  name=${line%%=*}
  value=${line#*=}
  if [ "$value" = n ]; then
    if grep -q "^$name=" .config; then echo "faas: $name is still set" >&2; missing=1; fi
  elif ! grep -qx "$name=$value" .config; then
    echo "faas: $name=$value did not survive olddefconfig (got: $(grep "^$name=" .config || echo unset))" >&2
    missing=1
  fi
done <"$fragment"
[ "$missing" = 0 ] || { echo "faas: kernel configuration is incomplete; see $log" >&2; exit 1; }

jobs=$(nproc)
echo "faas: [2/3] compiling with $jobs jobs" >&2
if ! make -j"$jobs" vmlinux bzImage >>"$log" 2>&1; then
  tail -n 40 "$log" >&2
  echo "faas: kernel build failed; full log: $log" >&2
  exit 1
fi

echo "faas: [3/3] installing into $out" >&2
staging="$cache_root/kernel/staging-$key"
rm -rf "$staging"
mkdir -p "$staging"
cp vmlinux "$staging/vmlinux"
cp arch/x86/boot/bzImage "$staging/bzImage"
cp .config "$staging/config"
echo "$package $version" >"$staging/source"
make -s kernelrelease >"$staging/release"
mv "$staging" "$out"
cd /
rm -rf "$work"
echo "faas: guest kernel built in $(( $(date +%s) - started )) s" >&2
echo "$out"
