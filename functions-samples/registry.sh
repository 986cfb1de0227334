#!/usr/bin/env bash
# Runs Debian's docker-registry on loopback: the place where faas base images and samples live.
#
#   functions-samples/registry.sh start    start it in the background; does nothing when it already answers
#   functions-samples/registry.sh stop     stop the registry this script started
#   functions-samples/registry.sh status   print its state; exit 0 when it answers, 1 otherwise
#
# Address: $FAAS_REGISTRY (default 127.0.0.1:5000), loopback only, plain HTTP.
# Blobs and manifests: $FAAS_CACHE_DIR/registry/storage (shared by every port).
# Config, pid file and log: $FAAS_CACHE_DIR/registry/run-<port>/.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

port=${registry##*:}
bind_host=${registry%:*}
[ "$bind_host" = localhost ] && bind_host=127.0.0.1
state_dir="$cache_root/registry"
storage_dir="$state_dir/storage"
run_dir="$state_dir/run-$port"
config="$run_dir/config.yml"
pid_file="$run_dir/registry.pid"
log_file="$run_dir/registry.log"

answers() {
  curl -fsS --max-time 2 -o /dev/null "http://$registry/v2/" 2>/dev/null
}

our_pid() {
  local pid
  [ -f "$pid_file" ] || return 1
  pid=$(cat "$pid_file")
  [ -n "$pid" ] && [ -r "/proc/$pid/cmdline" ] || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q "docker-registry serve $config" || return 1
  echo "$pid"
}

write_config() {
  cat >"$config" <<YAML
version: 0.1
log:
  level: warn
  accesslog:
    disabled: true
storage:
  filesystem:
    rootdirectory: $storage_dir
  delete:
    enabled: true
http:
  addr: $bind_host:$port
YAML
}

start() {
  ensure_packages
  mkdir -p "$storage_dir" "$run_dir"
  exec 9>"$run_dir/lock"
  flock 9
  if pid=$(our_pid) && answers; then
    echo "registry already running at $registry (pid $pid)"
    return 0
  fi
  if answers; then
    echo "a registry not started by this script already answers at $registry; using it"
    return 0
  fi
  write_config
  setsid /usr/bin/docker-registry serve "$config" >>"$log_file" 2>&1 </dev/null 9>&- &
  echo $! >"$pid_file"
  for _ in $(seq 1 100); do
    if answers; then
      echo "registry started at $registry (pid $(cat "$pid_file"), storage $storage_dir, log $log_file)"
      return 0
    fi
    if ! our_pid >/dev/null; then
      tail -n 20 "$log_file" >&2
      die "docker-registry exited at start (log: $log_file)"
    fi
    sleep 0.1
  done
  die "docker-registry did not answer at http://$registry/v2/ within 10 s (log: $log_file)"
}

stop() {
  local pid
  if ! pid=$(our_pid); then
    rm -f "$pid_file"
    echo "registry at $registry is not running (or was not started by this script)"
    return 0
  fi
  kill "$pid"
  for _ in $(seq 1 50); do
    [ -d "/proc/$pid" ] || break
    sleep 0.1
  done
  [ -d "/proc/$pid" ] && kill -KILL "$pid"
  rm -f "$pid_file"
  echo "registry at $registry stopped (pid $pid)"
}

status() {
  local pid
  if pid=$(our_pid) && answers; then
    echo "running at $registry (pid $pid, storage $storage_dir, log $log_file)"
  elif answers; then
    echo "running at $registry (not started by this script)"
  else
    echo "not running at $registry"
    return 1
  fi
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
