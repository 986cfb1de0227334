#!/usr/bin/env bash
# Runs an image's entrypoint inside its unpacked root filesystem, as a container runtime would:
#
#   run-in-root.sh ROOT CWD UID GID ENV_FILE -- ARGS...
#
# ENV_FILE holds NAME=VALUE entries separated by NUL bytes: the process's whole environment.
# Meant to run under `unshare --mount --pid --fork`, so its mounts vanish with the process. The
# root is remounted read-only: a function must not need to write to its image.
set -euo pipefail
root=$1 cwd=$2 uid=$3 gid=$4 env_file=$5
shift 5
[ "${1:-}" = -- ] && shift

mount --bind "$root" "$root"
mount -o remount,bind,ro "$root"
[ -d "$root/dev" ] && mount --bind /dev "$root/dev"
[ -d "$root/proc" ] && mount -t proc proc "$root/proc"

mapfile -d '' -t environment <"$env_file"
# shellcheck disable=SC2016 # the program is Perl, not shell
exec env -i "${environment[@]}" /usr/bin/perl -e '
  my ($root, $cwd, $uid, $gid, @command) = @ARGV;
  chroot($root) or die "chroot $root: $!\n";
  chdir($cwd) or die "chdir $cwd: $!\n";
  $) = "$gid $gid";
  $( = $gid;
  $< = $> = $uid;
  exec { $command[0] } @command or die "exec $command[0]: $!\n";
' "$root" "$cwd" "$uid" "$gid" "$@"
