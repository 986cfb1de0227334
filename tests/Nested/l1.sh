#!/usr/bin/env bash
# The nested test host (L1): a Linux VM under QEMU's TCG with emulated AMD SVM, so the kvm backend gets
# a real /dev/kvm on machines whose own KVM cannot run Linux guests.
#
#   tests/Nested/l1.sh build                    build (or find cached) L1's kernel and initramfs; print the directory
#   tests/Nested/l1.sh run [OPTIONS] [--] CMD…  boot L1, run CMD in the current directory, stream its output, exit with its status
#       --memory MIB    L1's memory (default 8192)
#       --cpus N        L1's vCPUs (default: the host's, at most 4)
#       --timeout SECS  kill L1 after this long (default 2400); exit 124
#
# Inside L1 the host's whole tree is the root file system, read-only underneath and writable in memory on
# top (overlayfs on a 9p share): the checkout, its build outputs and the caches are there as on the host,
# and nothing L1 writes reaches the host (/tmp included). /run and /var/tmp are empty. L1 has no network device,
# only loopback. The command runs as root with CI, HOME, PATH, LANG, LC_* and FAAS_*/DOTNET_*/NUGET_* passed on.
#
# Exit status: the command's; 77 when this QEMU does not emulate SVM (the caller skips); 121 when L1's
# kernel panicked; 124 on timeout; 125 when L1 could not be built or started or ended without a status. QEMU never outlives this
# script: it is killed on timeout, on Ctrl-C and SIGTERM, and (parent-death signal) when the script is killed.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cache_root=${FAAS_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/faas}
modules=(kvm-amd 9p 9pnet_virtio virtio_pci overlay)
# An AMD CPU with SVM and nested paging, less the EPYC features TCG cannot emulate (QEMU warns about each).
cpu_model=EPYC,+svm,+npt,-rdseed,-sha-ni,-fxsr-opt,-misalignsse,-3dnowprefetch,-osvw,-topoext,-nrip-save,-xsavec

say() { echo "faas-l1: $*" >&2; }
die() { say "$*"; exit 125; }

kernel_package() {
  local package
  package=$(apt-cache depends linux-image-amd64 2>/dev/null | awk '/Depends: linux-image-[0-9]/ { print $2; exit }')
  if [ -z "$package" ]; then
    apt-get update -q >/dev/null 2>&1 || true
    package=$(apt-cache depends linux-image-amd64 2>/dev/null | awk '/Depends: linux-image-[0-9]/ { print $2; exit }')
  fi
  [ -n "$package" ] || die "no Debian kernel package found (apt-cache depends linux-image-amd64)"
  echo "$package"
}

# Module file names, dependencies first, read from each module's own depends= field.
module_order() {
  local tree=$1 seen=" " order=()
  visit() {
    local name=$1 file dep
    case "$seen" in *" $name "*) return ;; esac
    seen+="$name "
    file=$(find "$tree" -name "$name.ko" -print -quit)
    [ -n "$file" ] || file=$(find "$tree" -name "${name//_/-}.ko" -print -quit)
    [ -n "$file" ] || die "module $name is not in the kernel package"
    for dep in $(grep -a -o 'depends=[a-z0-9_,-]*' "$file" | head -1 | cut -d= -f2 | tr ',' ' '); do
      visit "$dep"
    done
    order+=("$file")
  }
  for name in "${modules[@]}"; do visit "$name"; done
  printf '%s\n' "${order[@]}"
}

build() {
  local package version key out work
  package=$(kernel_package)
  version=$(apt-cache policy "$package" | awk '/Candidate:/ { print $2 }')
  key=$({ echo "$package $version ${modules[*]}"; cat "$here/init"; busybox 2>&1 | head -1; } | sha256sum | cut -c1-16)
  out="$cache_root/nested/$key"
  if [ -f "$out/initramfs.cpio.gz" ]; then
    echo "$out"
    return
  fi

  mkdir -p "$cache_root/nested"
  exec 8>"$cache_root/nested/.lock"
  flock 8
  if [ -f "$out/initramfs.cpio.gz" ]; then
    echo "$out"
    return
  fi

  say "building the test host's kernel and initramfs from $package $version"
  work=$(mktemp -d "$cache_root/nested/build-XXXXXX")
  (
    cd "$work"
    apt-get download "$package" >/dev/null 2>&1 || die "apt-get download $package failed"
    dpkg-deb -x ./*.deb package
    mkdir -p root/bin root/modules root/proc root/sys root/dev root/host root/rw root/root
    cp /bin/busybox root/bin/busybox
    for applet in $(root/bin/busybox --list); do
      [ -e "root/bin/$applet" ] || ln -s busybox "root/bin/$applet"
    done
    ln -s bin root/sbin
    cp "$here/init" root/init
    module_order package/lib/modules | while read -r file; do
      cp "$file" root/modules/
      basename "$file" .ko >>root/modules.order
    done
    (cd root && find . | cpio -o -H newc --quiet | gzip -1 >../initramfs.cpio.gz)
    mkdir -p "$out.tmp"
    cp package/boot/vmlinuz-* "$out.tmp/vmlinuz"
    mv initramfs.cpio.gz "$out.tmp/"
  ) || { rm -rf "$work" "$out.tmp"; exit 125; }
  rm -rf "$work"
  mv "$out.tmp" "$out"
  echo "$out"
}

run() {
  local memory=8192 cpus timeout=2400
  cpus=$(nproc)
  [ "$cpus" -le 4 ] || cpus=4
  while [ $# -gt 0 ]; do
    case "$1" in
      --memory) memory=$2; shift 2 ;;
      --cpus) cpus=$2; shift 2 ;;
      --timeout) timeout=$2; shift 2 ;;
      --) shift; break ;;
      -*) die "unknown option $1" ;;
      *) break ;;
    esac
  done
  [ $# -gt 0 ] || die "usage: $0 run [--memory MIB] [--cpus N] [--timeout SECS] [--] COMMAND [ARGS…]"
  command -v qemu-system-x86_64 >/dev/null || die "qemu-system-x86_64 is not installed (apt-get install qemu-system-x86)"

  local artifacts jobs job console
  artifacts=$(build)
  jobs="$cache_root/nested/jobs"
  mkdir -p "$jobs"
  chmod 0700 "$jobs"
  # A run that was SIGKILLed could not remove its job: remove those of runs no longer alive.
  local stale
  for stale in "$jobs"/job-*; do
    [ -e "$stale" ] || continue
    stale=${stale##*/job-}
    kill -0 "${stale%%-*}" 2>/dev/null || rm -f "$jobs/job-$stale"
  done
  job=$(mktemp "$jobs/job-$$-XXXXXX")
  console="$job.console"
  {
    echo "#!/bin/bash"
    export -p | grep -E '^declare -x (CI|HOME|PATH|LANG|LC_[A-Z]+|FAAS_[A-Z0-9_]+|DOTNET_[A-Za-z0-9_]+|NUGET_[A-Z0-9_]+)='
    printf 'cd %q || exit 125\n' "$PWD"
    printf 'exec'
    printf ' %q' "$@"
    printf '\n'
  } >"$job"

  local qemu_pid="" tail_pid="" watchdog_pid=""
  stop() {
    set +e
    [ -z "$qemu_pid" ] || kill -KILL "$qemu_pid" 2>/dev/null
    [ -z "$watchdog_pid" ] || kill "$watchdog_pid" 2>/dev/null
    [ -z "$tail_pid" ] || kill "$tail_pid" 2>/dev/null
    rm -f "$job" "$console"
  }
  trap stop EXIT
  trap 'say "interrupted: stopping the test host"; exit 130' INT TERM

  # QEMU and the watchdog get SIGKILL when this script dies, however it dies.
  : >"$console"
  setpriv --pdeathsig KILL -- qemu-system-x86_64 \
    -M q35 -accel tcg,thread=multi -cpu "$cpu_model" -smp "$cpus" -m "$memory" \
    -name "faas-l1-$$-vm" -nodefaults -no-user-config -display none -no-reboot \
    -kernel "$artifacts/vmlinuz" -initrd "$artifacts/initramfs.cpio.gz" \
    -append "console=ttyS0 quiet loglevel=3 panic=-1 faas.job=${job}" \
    -serial "file:$console" \
    -virtfs local,path=/,mount_tag=host,security_model=none,readonly=on,multidevs=remap \
    </dev/null &
  qemu_pid=$!
  setpriv --pdeathsig KILL -- sleep "$timeout" &
  watchdog_pid=$!
  tail -n +1 -f --pid="$qemu_pid" "$console" | sed -u -e 's/\r$//' -e '/^faas-l1-exit: /d' &
  tail_pid=$!

  wait -n "$qemu_pid" "$watchdog_pid" || true
  local timed_out=false
  if kill -0 "$qemu_pid" 2>/dev/null; then
    timed_out=true
    kill -KILL "$qemu_pid" 2>/dev/null
  fi
  local qemu_status=0
  wait "$qemu_pid" 2>/dev/null || qemu_status=$?
  qemu_pid=""
  wait "$tail_pid" 2>/dev/null || true
  tail_pid=""

  local status
  status=$(tr -d '\r' <"$console" | sed -n 's/^faas-l1-exit: \([0-9]*\)$/\1/p' | tail -1)
  if $timed_out; then
    say "the test host did not finish within ${timeout}s: killed"
    exit 124
  fi
  if [ -z "$status" ] && grep -q 'Kernel panic' "$console"; then
    say "the test host's kernel crashed (its panic is above): a fault of the test host, not of the command"
    exit 121
  fi
  if [ -z "$status" ]; then
    say "the test host stopped without reporting a status (QEMU exit $qemu_status; console above)"
    exit 125
  fi
  exit "$status"
}

case "${1:-}" in
  build) build ;;
  run) shift; run "$@" ;;
  *) echo "usage: $0 build | run [--memory MIB] [--cpus N] [--timeout SECS] [--] COMMAND [ARGS…]" >&2; exit 2 ;;
esac
