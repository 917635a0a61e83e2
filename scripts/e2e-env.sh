#!/usr/bin/env bash
# The real container stack the e2e tests and the example need, on a fresh Debian 12 machine as root:
#   dockerd 26 + containerd 1.7 with the containerd image store (the default `docker` buildx driver can then
#   build and push multi-platform indexes), buildx 0.13, runc + QEMU user emulation (binfmt, F flag),
#   a registry on 127.0.0.1:5000, and the fixture images (scripts/make-fixtures.sh).
# Bookworm's docker 20.10 has no containerd image store and no buildx, so the engine comes from Debian trixie
# .debs unpacked (not installed) under the state dir; runc stays bookworm's (trixie's needs glibc 2.38).
#
# Usage:  eval "$(bash scripts/e2e-env.sh)"     start (idempotent); the one stdout line is the env to use
#         bash scripts/e2e-env.sh stop            stop only what this script started (pid files)
# Env:    CROSSBUILD_ENV_DIR   state dir (default /tmp/crossbuild-env)
#         DOCKER_HOST          an engine already running is used as is when it has the containerd image store
#         CROSSBUILD_NO_FIXTURES=1   skip the fixture check (make-fixtures.sh sets it)
# Everything but the export line goes to stderr. The daemons keep TMPDIR=/tmp: they outlive the run that started them
# (npm test gives its run a temporary directory of its own and removes it).
set -euo pipefail
STATE=${CROSSBUILD_ENV_DIR:-/tmp/crossbuild-env}
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REGISTRY=127.0.0.1:5000
BIN="$STATE/root/usr/bin:$STATE/root/usr/sbin"
OWN_HOST="unix://$STATE/docker.sock"

say() { printf 'e2e-env: %s\n' "$*" >&2; }
die() {
  printf 'e2e-env: error: %s\n' "$*" >&2
  exit 1
}
trap 'die "command failed at line $LINENO: $BASH_COMMAND"' ERR
have() { command -v "$1" >/dev/null 2>&1; }

# A pid file names a live process of ours only if the process still runs the expected program
# (pids are reused; never signal a stranger).
alive() { # $1 = pid file, $2 = program name
  local pid
  [ -f "$1" ] || return 1
  pid=$(cat "$1")
  [ -n "$pid" ] && [ -r "/proc/$pid/cmdline" ] && tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q "$2"
}

stop_one() { # $1 = name, $2 = program
  local f="$STATE/$1.pid" pid
  if alive "$f" "$2"; then
    pid=$(cat "$f")
    say "stopping $1 (pid $pid)"
    kill "$pid"
    for _ in $(seq 100); do [ -d "/proc/$pid" ] || break; sleep 0.1; done
    [ ! -d "/proc/$pid" ] || die "$1 (pid $pid) did not stop within 10 s; see $STATE/$1.log"
  fi
  rm -f "$f"
}

if [ "${1:-start}" = stop ]; then
  trap - ERR
  bash "$HERE/second-engine.sh" stop || true
  stop_one registry docker-registry
  stop_one dockerd dockerd
  stop_one containerd containerd
  exit 0
fi
[ "${1:-start}" = start ] || die "unknown subcommand '$1' (use: start | stop)"
[ "$(id -u)" = 0 ] || die "must run as root (installs packages, starts dockerd)"
mkdir -p "$STATE"

# ---- the Debian mirror: the one this machine's apt already uses (a local mirror or proxy where there is one) ----
# Prints the first URI of an enabled `deb` source of a Debian suite (bookworm, bookworm-updates, trixie-backports,
# stable, sid, ...; not the security archive) with the `main` component and, when it names a keyring, Debian's
# (so download.docker.com's `bookworm stable` and other third-party lists do not count), in apt's order:
# sources.list (one-line format), then sources.list.d/*.list (one-line) and *.sources (deb822 stanzas).
# Prints nothing when there is none (an Ubuntu machine, only a cdrom, ...).  $1 = apt's config dir.
debian_mirror() {
  local etc=${1:-/etc/apt} f files=()
  [ -f "$etc/sources.list" ] && files+=("$etc/sources.list")
  for f in "$etc"/sources.list.d/*; do
    case $f in *.list | *.sources) [ -f "$f" ] && files+=("$f") ;; esac
  done
  [ ${#files[@]} -gt 0 ] || return 0
  awk '
    function debian(uri, suite, comps, key) {
      return uri !~ /^cdrom:/ && uri !~ /security\.debian\.org/ && uri !~ /debian-security/ &&
        suite ~ /^(buster|bullseye|bookworm|trixie|forky|duke|sid|oldoldstable|oldstable|stable|testing|unstable)(-updates|-backports|-backports-sloppy|-proposed-updates)?$/ &&
        (" " comps " ") ~ /[ \t]main[ \t]/ && (key == "" || key ~ /debian-archive/)
    }
    function found(u) { sub(/\/+$/, "", u); print u; done = 1; exit }
    function stanza(   n, i, s, u) { # a deb822 stanza read into F["types"], F["uris"], ...
      if (tolower(F["enabled"]) !~ /^[ \t]*(no|false|off|0)[ \t]*$/ && (" " F["types"] " ") ~ /[ \t]deb[ \t]/ &&
        split(F["uris"], u, " ") > 0) {
        n = split(F["suites"], s, " ")
        for (i = 1; i <= n; i++) if (debian(u[1], s[i], F["components"], F["signed-by"])) found(u[1])
      }
      split("", F); key = ""
    }
    FNR == 1 { stanza() }
    FILENAME ~ /\.sources$/ {
      if ($0 ~ /^#/) next
      if ($0 ~ /^[ \t]*$/) { stanza(); next }
      if ($0 ~ /^[ \t]/) F[key] = F[key] " " $0
      else if (index($0, ":")) {
        key = tolower(substr($0, 1, index($0, ":") - 1)); F[key] = F[key] " " substr($0, index($0, ":") + 1)
      }
      next
    }
    { # one-line format: deb [options] URI suite components...
      sub(/#.*/, "")
      if ($1 != "deb" || $0 ~ /cdrom:/) next
      i = 2; opts = ""
      if ($i ~ /^\[/) { while (i < NF && $i !~ /\]$/) opts = opts " " $(i++); opts = opts " " $(i++) }
      kr = ""; if (match(opts, /signed-by=[^ \]]*/)) kr = substr(opts, RSTART + 10, RLENGTH - 10)
      comps = ""; for (j = i + 2; j <= NF; j++) comps = comps " " $j
      if (i + 1 <= NF && debian($i, $(i + 1), comps, kr)) found($i)
    }
    END { if (!done) stanza() }
  ' "${files[@]}"
}
DEFAULT_MIRROR=http://deb.debian.org/debian
MIRROR=$(debian_mirror /etc/apt) || MIRROR=""
if [ -n "$MIRROR" ]; then MIRROR_FROM="the Debian mirror of /etc/apt's sources"; else
  MIRROR=$DEFAULT_MIRROR MIRROR_FROM="no Debian mirror in /etc/apt's sources: the default"
fi

# ---- system packages (bookworm) ----
export DEBIAN_FRONTEND=noninteractive
if ! have runc || ! have qemu-aarch64-static || ! have update-binfmts || ! have docker-registry || ! have iptables ||
  ! have curl; then
  say "installing runc, qemu-user-static, binfmt-support, docker-registry, iptables, curl (apt)"
  apt-get update -qq >&2 || die "apt-get update failed (are the apt sources in /etc/apt reachable? Debian mirror: $MIRROR)"
  apt-get install -y -qq --no-install-recommends runc qemu-user-static binfmt-support docker-registry iptables \
    curl ca-certificates >&2 || die "apt-get install of the bookworm packages failed"
fi

# ---- engine binaries (trixie .debs, unpacked under the state dir; .debs cached) ----
if [ ! -x "$STATE/root/usr/sbin/dockerd" ] || [ ! -x "$STATE/root/usr/libexec/docker/cli-plugins/docker-buildx" ]; then
  mkdir -p "$STATE/apt/lists/partial" "$STATE/debs"
  # the host's architecture only, and a separate list state: the system's apt sources stay bookworm-only
  echo "deb [arch=$(dpkg --print-architecture)] $MIRROR trixie main" >"$STATE/apt/sources.list"
  A=(-o "Dir::Etc::sourcelist=$STATE/apt/sources.list" -o Dir::Etc::sourceparts=/dev/null
    -o "Dir::State::Lists=$STATE/apt/lists")
  if ! ls "$STATE"/debs/docker.io_*.deb "$STATE"/debs/docker-buildx_*.deb >/dev/null 2>&1; then
    say "downloading docker.io, containerd, docker-cli, docker-buildx from Debian trixie at $MIRROR ($MIRROR_FROM)"
    apt-get "${A[@]}" update -qq >&2 || say "warning: apt-get update of the trixie list reported errors; trying the download anyway"
    (cd "$STATE/debs" && apt-get "${A[@]}" download docker.io containerd docker-cli docker-buildx tini >&2 2>/dev/null) ||
      die "apt-get download of the trixie engine packages failed"
  fi
  for d in "$STATE"/debs/*.deb; do dpkg -x "$d" "$STATE/root"; done
  rm -f "$STATE/root/usr/sbin/runc" "$STATE/root/usr/bin/runc"
fi
export PATH="$BIN:$PATH"
dv=$(dockerd --version) && [[ $dv == *" 26."* ]] || die "expected dockerd 26, got: $dv"
cv=$(containerd --version) && [[ $cv == *" 1.7."* ]] || die "expected containerd 1.7, got: $cv"

# buildx is a CLI plugin; the CLI looks for it in ~/.docker/cli-plugins
mkdir -p ~/.docker/cli-plugins
plugin="$STATE/root/usr/libexec/docker/cli-plugins/docker-buildx"
cmp -s "$plugin" ~/.docker/cli-plugins/docker-buildx || cp "$plugin" ~/.docker/cli-plugins/docker-buildx
bv=$(docker buildx version) && [[ $bv == *" 0.13."* ]] || die "expected buildx 0.13, got: $bv"

# ---- QEMU through binfmt_misc (F flag: the interpreter is opened now, so it works inside containers) ----
mountpoint -q /proc/sys/fs/binfmt_misc || mount -t binfmt_misc binfmt_misc /proc/sys/fs/binfmt_misc ||
  die "cannot mount binfmt_misc (a container without privileges?)"
for q in aarch64 s390x; do
  [ -e "/proc/sys/fs/binfmt_misc/qemu-$q" ] || update-binfmts --enable "qemu-$q" >&2 ||
    die "update-binfmts --enable qemu-$q failed"
done

# ---- engine: reuse a usable one, else start ours ----
usable() { # $1 = DOCKER_HOST; containerd image store is what multi-platform builds need
  DOCKER_HOST=$1 docker info --format '{{json .DriverStatus}}' 2>/dev/null | grep -q io.containerd.snapshotter
}
HOST=""
for h in "${DOCKER_HOST:-}" "$OWN_HOST"; do
  if [ -n "$h" ] && usable "$h"; then
    HOST=$h
    break
  fi
done
if [ -z "$HOST" ] && [ -n "${DOCKER_HOST:-}" ] && [ "$DOCKER_HOST" != "$OWN_HOST" ] &&
  DOCKER_HOST=$DOCKER_HOST docker info >/dev/null 2>&1; then
  die "the engine at DOCKER_HOST=$DOCKER_HOST has no containerd image store; unset DOCKER_HOST to start our own"
fi
if [ -z "$HOST" ]; then
  # two daemons on one host fight over docker0 and iptables: refuse rather than break someone else's engine
  for pid in $(pgrep -x dockerd || true); do
    [ "$(cat "$STATE/dockerd.pid" 2>/dev/null)" = "$pid" ] || [ "$(cat "$STATE/engine2/dockerd.pid" 2>/dev/null)" = "$pid" ] ||
      die "another dockerd is running (pid $pid) and is not usable here; set DOCKER_HOST to its socket or stop it"
  done
  if ! alive "$STATE/containerd.pid" containerd; then
    say "starting containerd"
    rm -f "$STATE/containerd.sock"
    TMPDIR=/tmp setsid containerd --address "$STATE/containerd.sock" --root "$STATE/containerd-root" \
      --state "$STATE/containerd-state" >"$STATE/containerd.log" 2>&1 </dev/null &
    echo $! >"$STATE/containerd.pid"
    for _ in $(seq 100); do [ -S "$STATE/containerd.sock" ] && break; sleep 0.1; done
    [ -S "$STATE/containerd.sock" ] || die "containerd did not start; see $STATE/containerd.log"
  fi
  if ! alive "$STATE/dockerd.pid" dockerd; then
    say "starting dockerd"
    cat >"$STATE/daemon.json" <<JSON
{"features": {"containerd-snapshotter": true}, "data-root": "$STATE/data", "exec-root": "$STATE/exec",
 "pidfile": "$STATE/exec/dockerd.pid", "hosts": ["$OWN_HOST"]}
JSON
    TMPDIR=/tmp setsid dockerd --config-file "$STATE/daemon.json" --containerd "$STATE/containerd.sock" \
      >"$STATE/dockerd.log" 2>&1 </dev/null &
    echo $! >"$STATE/dockerd.pid"
  fi
  for _ in $(seq 150); do usable "$OWN_HOST" && break; sleep 0.2; done
  usable "$OWN_HOST" || die "dockerd did not come up with the containerd image store; see $STATE/dockerd.log"
  HOST=$OWN_HOST
fi
export DOCKER_HOST=$HOST
say "engine: $(docker version --format 'docker {{.Server.Version}}') at $HOST"

# ---- registry (127.0.0.0/8 is an insecure registry by default: plain HTTP needs no daemon config) ----
if ! curl -sf "http://$REGISTRY/v2/" >/dev/null; then
  say "starting registry on $REGISTRY"
  mkdir -p "$STATE/registry"
  printf 'version: 0.1\nstorage:\n  filesystem:\n    rootdirectory: %s\n  delete:\n    enabled: true\nhttp:\n  addr: %s\n' \
    "$STATE/registry" "$REGISTRY" >"$STATE/registry.yml"
  TMPDIR=/tmp setsid docker-registry serve "$STATE/registry.yml" >"$STATE/registry.log" 2>&1 </dev/null &
  echo $! >"$STATE/registry.pid"
  for _ in $(seq 100); do curl -sf "http://$REGISTRY/v2/" >/dev/null && break; sleep 0.1; done
  curl -sf "http://$REGISTRY/v2/" >/dev/null || die "registry did not answer on $REGISTRY; see $STATE/registry.log"
fi

# ---- fixtures ----
has_index() { # $1 = repo, $2 = tag
  curl -sf -o /dev/null -H 'Accept: application/vnd.oci.image.index.v1+json' \
    -H 'Accept: application/vnd.docker.distribution.manifest.list.v2+json' "http://$REGISTRY/v2/$1/manifests/$2"
}
if [ "${CROSSBUILD_NO_FIXTURES:-}" != 1 ] && ! { has_index fixtures/golang 1.19 && has_index fixtures/base 1; }; then
  say "fixtures missing: running make-fixtures.sh"
  CROSSBUILD_ENV_DIR=$STATE bash "$HERE/make-fixtures.sh" >&2 || die "make-fixtures.sh failed"
fi

echo "export PATH=\"$BIN:\$PATH\" DOCKER_HOST=\"$HOST\""
