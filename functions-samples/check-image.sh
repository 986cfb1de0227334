#!/usr/bin/env bash
# Checks a sample image for real: pulls it from the loopback registry, unpacks it (skopeo + umoci),
# runs its entrypoint in a chroot on a read-only root with PORT set, and calls every endpoint of
# the sample contract (see README.md).
#
#   functions-samples/check-image.sh SAMPLE [--image REF] [--port N]
#
# SAMPLE names the sample (busybox-http, dotnet-hello, python-http): the greeting and log lines
# must name it. REF defaults to $FAAS_REGISTRY/samples/SAMPLE:latest; N to 18080. Needs root.
# Prints one line per check and ends with "N passed, N failed"; exits 1 when a check failed.

# Conditions are single-quoted on purpose: expect() evaluates them, with the variables they read.
# shellcheck disable=SC2016,SC2034
set -euo pipefail
# shellcheck source-path=SCRIPTDIR
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

usage() { echo "usage: $0 SAMPLE [--image REF] [--port N]" >&2; exit 2; }
[ $# -ge 1 ] || usage
sample=$1
shift
image="$registry/samples/$sample:latest"
port=18080
while [ $# -gt 0 ]; do
  case "$1" in
    --image) image=$2; shift 2 ;;
    --port) port=$2; shift 2 ;;
    *) usage ;;
  esac
done
[ "$(id -u)" = 0 ] || die "check-image.sh needs root (chroot, mounts)"
ensure_packages
ensure_registry

passed=0
failed=0
requests=0
ok() { passed=$((passed + 1)); echo "ok   - $*"; }
not_ok() { failed=$((failed + 1)); echo "FAIL - $*"; }
expect() { # DESCRIPTION CONDITION (shell code, evaluated)
  if eval "$2"; then ok "$1"; else not_ok "$1"; fi
}

work=$(mktemp -d /tmp/faas-check.XXXXXX)
server_pid=
cleanup() {
  if [ -n "$server_pid" ]; then
    # unshare ignores SIGTERM while it waits; --kill-child takes the whole PID namespace with it.
    kill -KILL "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

url="http://127.0.0.1:$port"
# call METHOD PATH [curl args...]: body in $work/body, headers in $work/headers, status in $status.
call() {
  local method=$1 path=$2
  shift 2
  requests=$((requests + 1))
  status=$(curl -sS --max-time 60 -X "$method" -o "$work/body" -D "$work/headers" -w '%{http_code}' \
    "$@" "$url$path" 2>"$work/curl.err") || status=000
}
header() { # NAME: the value of a response header, without CR
  grep -i "^$1:" "$work/headers" | tail -n 1 | cut -d: -f2- | sed -e 's/^ *//' -e 's/\r$//'
}
body() { cat "$work/body"; }
snippet() { head -c 60 "$work/body" | tr '\n' ' '; }

# Pull and unpack.
started=$(now_ms)
skopeo copy -q --src-tls-verify=false "docker://$image" "oci:$work/oci:latest" >/dev/null
umoci unpack --image "$work/oci:latest" "$work/bundle" >/dev/null 2>"$work/umoci.err" ||
  { cat "$work/umoci.err" >&2; die "umoci unpack of $image failed"; }
unpack_ms=$(($(now_ms) - started))
root="$work/bundle/rootfs"
layers_bytes=$(skopeo inspect --raw --tls-verify=false "docker://$image" | jq '[.layers[].size] | add')
rootfs_kib=$(du -sk "$root" | cut -f1)
echo "# $image: layers $((layers_bytes / 1024)) KiB compressed, root $rootfs_kib KiB unpacked; pull+unpack $unpack_ms ms"

config="$work/bundle/config.json"
jq -r '.process.args | map(@sh) | join(" ")' "$config" | sed 's/^/# entrypoint: /'
cwd=$(jq -r '.process.cwd // "/"' "$config")
uid=$(jq -r '.process.user.uid // 0' "$config")
gid=$(jq -r '.process.user.gid // 0' "$config")
check_value="faas check $$ ünïcode"
{
  jq -j '.process.env // [] | map(select(startswith("PORT=") | not)) | map(. + "\u0000") | join("")' "$config"
  printf 'PORT=%s\0FAAS_CHECK_VALUE=%s\0' "$port" "$check_value"
} >"$work/env"
jq -j '.process.args | map(. + "\u0000") | join("")' "$config" >"$work/args"
mapfile -d '' -t command <"$work/args"

# Start.
launched=$(now_ms)
unshare --mount --pid --fork --kill-child -- \
  "$samples_dir/lib/run-in-root.sh" "$root" "$cwd" "$uid" "$gid" "$work/env" -- "${command[@]}" \
  >"$work/stdout" 2>"$work/stderr" &
server_pid=$!
ready_ms=
for _ in $(seq 1 600); do
  if curl -fsS --max-time 2 -o /dev/null "$url/" 2>/dev/null; then
    ready_ms=$(($(now_ms) - launched))
    requests=$((requests + 1))
    break
  fi
  kill -0 "$server_pid" 2>/dev/null || break
  sleep 0.05
done
if [ -z "$ready_ms" ]; then
  not_ok "the entrypoint answers GET / on :$port within 30 s"
  sed 's/^/# stdout: /' "$work/stdout"
  sed 's/^/# stderr: /' "$work/stderr"
  echo "$passed passed, $failed failed"
  exit 1
fi
ok "first HTTP 200 on :$port $ready_ms ms after start"

call GET /
expect "GET / → 200" '[ "$status" = 200 ]'
expect "GET / is text/plain ($(header Content-Type))" '[[ "$(header Content-Type)" == text/plain* ]]'
expect "GET / greets as '$sample' ($(snippet))" 'grep -qx "hello from $sample" "$work/body"'

call GET /init
init1=$(body)
expect "GET /init → 200 application/json ($init1)" '[ "$status" = 200 ] && [[ "$(header Content-Type)" == application/json* ]]'
init_at=$(jq -r '.initAt' <<<"$init1" 2>/dev/null || echo null)
init_pid=$(jq -r '.pid' <<<"$init1" 2>/dev/null || echo null)
expect "initAt is a Unix time in ms between start and first reply" '[ "$init_at" != null ] && [ "$init_at" -ge $((launched - 1000)) ] && [ "$init_at" -le $((launched + ready_ms + 1000)) ]'
expect "pid is a positive number ($init_pid)" '[[ "$init_pid" =~ ^[1-9][0-9]*$ ]]'
call GET /init
expect "GET /init again gives the same values" '[ "$(body)" = "$init1" ]'

call GET /random
random1=$(body)
call GET /random
random2=$(body)
expect "GET /random → 64 hex digits ($random1)" '[[ "$status" = 200 && "$random1" =~ ^[0-9a-f]{64}$ && "$random2" =~ ^[0-9a-f]{64}$ ]]'
expect "two GET /random differ" '[ "$random1" != "$random2" ]'

printf '{"hello":"echo"}' >"$work/small.json"
call POST /echo -H 'Content-Type: application/json' --data-binary "@$work/small.json"
expect "POST /echo → 200 with the request's Content-Type ($(header Content-Type))" '[ "$status" = 200 ] && [ "$(header Content-Type)" = application/json ]'
expect "POST /echo returns the body" 'cmp -s "$work/small.json" "$work/body"'

head -c 20000000 /dev/urandom >"$work/big.bin"
echo_started=$(now_ms)
call POST /echo -H 'Content-Type: application/x-faas-test' --data-binary "@$work/big.bin"
echo_ms=$(($(now_ms) - echo_started))
expect "POST /echo of 20 MB → 200 in $echo_ms ms" '[ "$status" = 200 ] && [ "$(header Content-Type)" = application/x-faas-test ]'
expect "the 20 MB echo is byte-identical" 'cmp -s "$work/big.bin" "$work/body"'

for code in 201 404 418 503; do
  call GET "/status/$code"
  expect "GET /status/$code → $code ($(snippet))" '[ "$status" = "$code" ]'
done
call GET /status/204
expect "GET /status/204 → 204" '[ "$status" = 204 ]'

call GET /env/FAAS_CHECK_VALUE
expect "GET /env/FAAS_CHECK_VALUE → 200 and its value" '[ "$status" = 200 ] && [ "$(body)" = "$check_value" ]'
call GET /env/PORT
expect "GET /env/PORT → $port" '[ "$status" = 200 ] && [ "$(body)" = "$port" ]'
call GET /env/FAAS_CHECK_UNSET
expect "GET /env/FAAS_CHECK_UNSET → 404" '[ "$status" = 404 ]'

seq 40 | xargs -P 8 -I{} curl -s --max-time 30 -o /dev/null -w '%{http_code}\n' "$url/random" >"$work/parallel" || true
requests=$((requests + 40))
expect "40 GET /random, 8 at a time → all 200" '[ "$(grep -c "^200$" "$work/parallel")" = 40 ]'

call GET /no/such/path
expect "GET /no/such/path → 404" '[ "$status" = 404 ]'

sleep 0.2
expect "stdout starts with '$sample listening on :$port'" '[ "$(head -n 1 "$work/stdout")" = "$sample listening on :$port" ]'
log_lines=$(($(wc -l <"$work/stdout") - 1))
expect "stdout has a line per request ($log_lines lines, $requests requests)" '[ "$log_lines" -ge "$requests" ]'
sed -n '2,4p' "$work/stdout" | sed 's/^/# stdout: /'
[ -s "$work/stderr" ] && sed 's/^/# stderr: /' "$work/stderr" | head -n 20

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]

