#!/usr/bin/env bash
# A second, independent Docker engine on this machine: the "other runner" of the fan-out tests. Same binaries as
# scripts/e2e-env.sh (run that first), its own containerd, sockets, data root and exec root, and its own bridge
# (cb-docker2, 172.31.254.1/24) with no iptables rules, so it cannot disturb the first engine's network. It shares the kernel's binfmt (QEMU) and
# reaches the registry on 127.0.0.1 like the first one.
#
# Usage:  bash scripts/second-engine.sh        start (idempotent); prints the engine's DOCKER_HOST
#         bash scripts/second-engine.sh stop   stop it
set -euo pipefail
STATE=${CROSSBUILD_ENV_DIR:-/tmp/crossbuild-env}
DIR="$STATE/engine2"
HOST="unix://$DIR/docker.sock"
export PATH="$STATE/root/usr/bin:$STATE/root/usr/sbin:$PATH"

die() {
  printf 'second-engine: error: %s\n' "$*" >&2
  exit 1
}
alive() { # $1 = pid file, $2 = program name
  [ -f "$1" ] && [ -r "/proc/$(cat "$1")/cmdline" ] && tr '\0' ' ' <"/proc/$(cat "$1")/cmdline" | grep -q "$2"
}
stop_one() { # $1 = name, $2 = program
  if alive "$DIR/$1.pid" "$2"; then
    local pid
    pid=$(cat "$DIR/$1.pid")
    kill "$pid"
    for _ in $(seq 100); do [ -d "/proc/$pid" ] || break; sleep 0.1; done
  fi
  rm -f "$DIR/$1.pid"
}
usable() { DOCKER_HOST=$HOST docker info --format '{{json .DriverStatus}}' 2>/dev/null | grep -q io.containerd.snapshotter; }

if [ "${1:-start}" = stop ]; then
  stop_one dockerd dockerd
  stop_one containerd containerd
  ip link del cb-docker2 2>/dev/null || true
  exit 0
fi
[ -x "$STATE/root/usr/sbin/dockerd" ] || die "no engine binaries under $STATE/root; run scripts/e2e-env.sh first"
mkdir -p "$DIR"
if ! usable; then
  if ! alive "$DIR/containerd.pid" containerd; then
    rm -f "$DIR/containerd.sock"
    TMPDIR=/tmp setsid containerd --address "$DIR/containerd.sock" --root "$DIR/containerd-root" --state "$DIR/containerd-state" \
      >"$DIR/containerd.log" 2>&1 </dev/null &
    echo $! >"$DIR/containerd.pid"
    for _ in $(seq 100); do [ -S "$DIR/containerd.sock" ] && break; sleep 0.1; done
    [ -S "$DIR/containerd.sock" ] || die "containerd did not start; see $DIR/containerd.log"
  fi
  # RUN steps need a bridge; docker0 is the first engine's
  if ! ip link show cb-docker2 >/dev/null 2>&1; then
    ip link add cb-docker2 type bridge || die "cannot create the bridge cb-docker2 (ip link add)"
    ip addr add 172.31.254.1/24 dev cb-docker2
  fi
  ip link set cb-docker2 up
  if ! alive "$DIR/dockerd.pid" dockerd; then
    cat >"$DIR/daemon.json" <<JSON
{"features": {"containerd-snapshotter": true}, "data-root": "$DIR/data", "exec-root": "$DIR/exec",
 "pidfile": "$DIR/exec/dockerd.pid", "hosts": ["$HOST"], "bridge": "cb-docker2", "iptables": false, "ip6tables": false}
JSON
    TMPDIR=/tmp setsid dockerd --config-file "$DIR/daemon.json" --containerd "$DIR/containerd.sock" \
      >"$DIR/dockerd.log" 2>&1 </dev/null &
    echo $! >"$DIR/dockerd.pid"
  fi
  for _ in $(seq 150); do usable && break; sleep 0.2; done
  usable || die "the second dockerd did not come up; see $DIR/dockerd.log"
fi
echo "$HOST"
