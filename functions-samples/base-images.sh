#!/usr/bin/env bash
# Builds the faas base images locally and pushes them to the loopback registry:
#
#   faas/busybox   busybox-static as a root filesystem (/bin/busybox and its applet links)
#   faas/debian    Debian bookworm, debootstrap --variant=minbase, without apt caches and lists
#   faas/python    faas/debian + python3 (the standard library included)
#
#   functions-samples/base-images.sh [--rebuild] [busybox|debian|python ...]   (default: all three)
#
# An image the registry already has is skipped unless --rebuild is given. The debootstrap result is
# cached as a tarball under $FAAS_CACHE_DIR/base-images, keyed by its inputs (never by date).
set -euo pipefail
# shellcheck source-path=SCRIPTDIR
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

suite=bookworm
mirror=http://deb.debian.org/debian
image_path=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
# Timestamps fixed at the epoch: the same files give the same image digest on every rebuild.
commit_flags=(--quiet --rm --timestamp 0 --tls-verify=false)

rebuild=false
wanted=()
for arg in "$@"; do
  case "$arg" in
    --rebuild) rebuild=true ;;
    busybox | debian | python) wanted+=("$arg") ;;
    *) echo "usage: $0 [--rebuild] [busybox|debian|python ...]" >&2; exit 2 ;;
  esac
done
[ ${#wanted[@]} -gt 0 ] || wanted=(busybox debian python)

work_root="$cache_root/base-images"
mkdir -p "$work_root"

# The buildah working container being built, removed if the script stops half-way.
ctr=
trap '[ -z "$ctr" ] || buildah rm "$ctr" >/dev/null 2>&1 || true' EXIT

busybox_rootfs() {
  local root=$1 applet dir up
  install -D -m 0755 /bin/busybox "$root/bin/busybox"
  for applet in $(/bin/busybox --list-full); do
    [ "$applet" = bin/busybox ] && continue
    dir=$(dirname "$applet")
    # Relative links (usr/bin/awk -> ../../bin/busybox) resolve inside any root.
    if [ "$dir" = . ]; then up=.; else up=$(echo "$dir" | sed -E 's#[^/]+#..#g'); fi
    mkdir -p "$root/$dir"
    ln -sf "$up/bin/busybox" "$root/$applet"
  done
  mkdir -p "$root"/{dev,proc,sys,etc,root,tmp,var/tmp,usr/local/bin,home}
  chmod 1777 "$root/tmp" "$root/var/tmp"
  chmod 0700 "$root/root"
  printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n' >"$root/etc/passwd"
  printf 'root:x:0:\nnogroup:x:65534:\n' >"$root/etc/group"
}

build_busybox() {
  local root
  if [ ! -x /bin/busybox ] || ! file_is_static /bin/busybox; then
    die "/bin/busybox (busybox-static) is missing or not static"
  fi
  root=$(mktemp -d "$work_root/busybox.XXXXXX")
  busybox_rootfs "$root"
  ctr=$(buildah from scratch)
  buildah copy --quiet "$ctr" "$root" / >/dev/null
  buildah config --env "PATH=$image_path" --cmd /bin/sh \
    --label org.opencontainers.image.title=faas/busybox \
    --label "org.opencontainers.image.description=busybox-static $(dpkg-query -W -f='${Version}' busybox-static)" "$ctr"
  buildah commit "${commit_flags[@]}" "$ctr" "docker://$registry/faas/busybox:latest" >/dev/null
  ctr=
  rm -rf "$root"
}

file_is_static() {
  ! readelf -l "$1" 2>/dev/null | grep -q 'Requesting program interpreter'
}

# rm -rf, after unmounting what an interrupted debootstrap may have left mounted inside (proc, sys).
remove_tree() {
  local dir=$1
  awk -v prefix="$dir/" 'index($2, prefix) == 1 { print $2 }' /proc/self/mounts | sort -r |
    while read -r mount_point; do umount -l "$mount_point"; done
  rm -rf "$dir"
}

debian_key() {
  {
    echo "suite=$suite variant=minbase mirror=$mirror arch=$(dpkg --print-architecture)"
    echo "debootstrap=$(dpkg-query -W -f='${Version}' debootstrap)"
    declare -f debian_trim
  } | sha256sum | cut -c1-16
}

# What the image does not need: apt's caches and lists, device nodes (images carry none), the
# build host's name and resolver; and, as Debian's own slim images do, manual pages, documentation
# (copyright files stay) and translations, now and in every package installed later.
debian_trim() {
  local root=${1:?}
  rm -rf "$root"/var/cache/apt/*.bin "$root"/var/cache/apt/archives/*.deb \
    "$root"/var/lib/apt/lists/* "${root:?}"/dev/* "$root"/var/log/*.log \
    "$root"/etc/hostname "$root"/etc/resolv.conf "$root"/var/cache/ldconfig/aux-cache
  mkdir -p "$root/var/lib/apt/lists/partial"
  cat >"$root/etc/dpkg/dpkg.cfg.d/90faas-slim" <<'CFG'
path-exclude /usr/share/doc/*
path-include /usr/share/doc/*/copyright
path-exclude /usr/share/man/*
path-exclude /usr/share/groff/*
path-exclude /usr/share/info/*
path-exclude /usr/share/linda/*
path-exclude /usr/share/lintian/overrides/*
path-exclude /usr/share/locale/*
CFG
  find "$root/usr/share/doc" -mindepth 1 -not -type d -not -name copyright -delete
  find "$root/usr/share/doc" -mindepth 1 -type d -empty -delete
  rm -rf "$root"/usr/share/{man,groff,info,linda,locale}/* "$root"/usr/share/lintian/overrides/*
}

debian_tarball() {
  local key tarball root
  key=$(debian_key)
  tarball="$work_root/debian-$suite-minbase-$key.tar"
  if [ -f "$tarball" ]; then
    echo "$tarball"
    return 0
  fi
  root="$work_root/debian-$key.rootfs"
  remove_tree "$root"
  log "debootstrap --variant=minbase $suite (about a minute; cached as $tarball)"
  if ! debootstrap --variant=minbase "$suite" "$root" "$mirror" >"$work_root/debootstrap-$key.log" 2>&1; then
    tail -n 20 "$work_root/debootstrap-$key.log" >&2
    die "debootstrap failed (log: $work_root/debootstrap-$key.log)"
  fi
  debian_trim "$root"
  tar --numeric-owner --xattrs --acls -C "$root" -cf "$tarball.partial" .
  mv "$tarball.partial" "$tarball"
  remove_tree "$root"
  find "$work_root" -maxdepth 1 \( \( -name "debian-$suite-minbase-*.tar" -not -path "$tarball" \) \
    -o \( -name 'debootstrap-*.log' -not -name "debootstrap-$key.log" \) \) -delete
  echo "$tarball"
}

build_debian() {
  local tarball
  tarball=$(debian_tarball)
  ctr=$(buildah from scratch)
  buildah add --quiet "$ctr" "$tarball" / >/dev/null
  buildah config --env "PATH=$image_path" --cmd /bin/bash \
    --label org.opencontainers.image.title=faas/debian \
    --label "org.opencontainers.image.description=Debian $suite minbase (debootstrap)" "$ctr"
  buildah commit "${commit_flags[@]}" "$ctr" "docker://$registry/faas/debian:latest" >/dev/null
  ctr=
}

build_python() {
  ctr=$(buildah from --quiet --pull=true --tls-verify=false "$registry/faas/debian:latest")
  buildah run --isolation chroot "$ctr" -- sh -ec '
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q
    apt-get install -y -q --no-install-recommends python3
    apt-get clean
    rm -rf /var/lib/apt/lists/* /var/cache/apt/*.bin /var/log/*.log /var/log/apt/* /root/.cache
    mkdir -p /var/lib/apt/lists/partial' >"$work_root/python-build.log" 2>&1 ||
    { tail -n 20 "$work_root/python-build.log" >&2; die "installing python3 failed (log: $work_root/python-build.log)"; }
  buildah config --cmd python3 --env PYTHONDONTWRITEBYTECODE=1 --env PYTHONUNBUFFERED=1 \
    --label org.opencontainers.image.title=faas/python \
    --label "org.opencontainers.image.description=faas/debian + python3" "$ctr"
  buildah commit "${commit_flags[@]}" "$ctr" "docker://$registry/faas/python:latest" >/dev/null
  ctr=
}

ensure_packages
ensure_registry
# One build at a time per cache directory; a second caller then finds the images in the registry.
exec 8>"$work_root/.lock"
flock 8
for name in "${wanted[@]}"; do
  if ! $rebuild && image_exists "faas/$name:latest"; then
    log "faas/$name: already in $registry"
    continue
  fi
  # faas/python is built on faas/debian: build that first when it is missing.
  if [ "$name" = python ] && ! image_exists faas/debian:latest; then
    log "faas/python needs faas/debian first"
    started=$(now_ms); build_debian; log "faas/debian: pushed to $registry in $(($(now_ms) - started)) ms"
  fi
  started=$(now_ms)
  "build_$name"
  log "faas/$name: pushed to $registry in $(($(now_ms) - started)) ms"
done
