#!/usr/bin/env bash
# Pushes the fixture images the e2e tests and the example build from (nothing can be pulled here), made from
# Debian bookworm packages for linux/amd64, linux/arm64 and linux/s390x:
#   127.0.0.1:5000/fixtures/base:1       busybox (static), /etc/passwd with root and nobody (65534)
#   127.0.0.1:5000/fixtures/golang:1.19  base + ld.so/libc (Debian's bin/go is dynamically linked) + a trimmed Go 1.19:
#                                        bin/go, the compile/link/asm/cgo/buildid/pack tools, std sources; no
#                                        prebuilt std archives (std compiles into GOCACHE, as from Go 1.20 on)
# The arch-independent std sources are the first COPY layer, so the three platforms share that blob.
# .debs are cached under the state dir; a separate apt list dir keeps the system's apt state untouched.
# Usage: bash scripts/make-fixtures.sh   (root; scripts/e2e-env.sh calls it when the registry lacks the fixtures)
set -euo pipefail
STATE=${CROSSBUILD_ENV_DIR:-/tmp/crossbuild-env}
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REG=127.0.0.1:5000
ARCHES=(amd64 arm64 s390x)
PLATFORMS=linux/amd64,linux/arm64,linux/s390x
GOV=1.19
W="$STATE/fixtures"
DEBS="$STATE/debs-fixtures"

say() { printf 'make-fixtures: %s\n' "$*" >&2; }
die() {
  printf 'make-fixtures: error: %s\n' "$*" >&2
  exit 1
}
trap 'die "command failed at line $LINENO: $BASH_COMMAND"' ERR

if ! docker info >/dev/null 2>&1 || ! docker buildx version >/dev/null 2>&1; then
  eval "$(CROSSBUILD_NO_FIXTURES=1 bash "$HERE/e2e-env.sh")"
fi

# ---- packages ----
mkdir -p "$DEBS" "$STATE/apt-fixtures/lists/partial"
A=(-o "Dir::State::Lists=$STATE/apt-fixtures/lists")
for a in "${ARCHES[@]}"; do A+=(-o "APT::Architectures::=$a"); done
want=("golang-$GOV-src")
for a in "${ARCHES[@]}"; do want+=("golang-$GOV-go:$a" "libc6:$a" "busybox-static:$a"); done
deb_of() { # $1 = package, $2 = arch → cached file (empty when missing)
  ls "$DEBS/$1"_*_"$2".deb 2>/dev/null | head -1
}
missing=()
[ -n "$(deb_of "golang-$GOV-src" all)" ] || missing+=("golang-$GOV-src")
for a in "${ARCHES[@]}"; do
  for p in "golang-$GOV-go" libc6 busybox-static; do [ -n "$(deb_of "$p" "$a")" ] || missing+=("$p:$a"); done
done
if [ ${#missing[@]} -gt 0 ]; then
  say "downloading ${missing[*]}"
  # a partial failure (a mirror mid-sync for an unrelated arch) need not stop the download
  apt-get "${A[@]}" update -qq >&2 || say "warning: apt-get update reported errors; trying the download anyway"
  (cd "$DEBS" && apt-get "${A[@]}" download "${missing[@]}" >&2 2>/dev/null) || die "apt-get download ${missing[*]} failed"
fi

rm -rf "$W"
mkdir -p "$W/base" "$W/golang/common" "$W/unpack"
x() { # $1 = .deb, $2 = dir
  mkdir -p "$2" && dpkg -x "$1" "$2"
}

# ---- base:1 ----
APPLETS="sh ash cat cp mv rm ln ls mkdir rmdir echo printf env true false test [ uname id pwd date sleep touch chmod
  head tail wc sort tr cut sed grep find xargs tar gzip gunzip readlink stat od expr seq tee which basename dirname
  sha256sum du df"
busybox_root() { # $1 = arch, $2 = rootfs dir
  x "$(deb_of busybox-static "$1")" "$W/unpack/busybox-$1"
  mkdir -p "$2/bin" "$2/etc" "$2/root" "$2/tmp"
  chmod 1777 "$2/tmp"
  cp "$W/unpack/busybox-$1/bin/busybox" "$2/bin/busybox"
  for ap in $APPLETS; do ln -sf busybox "$2/bin/$ap"; done
  printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n' >"$2/etc/passwd"
  printf 'root:x:0:\nnogroup:x:65534:\n' >"$2/etc/group"
}
for a in "${ARCHES[@]}"; do busybox_root "$a" "$W/base/rootfs-$a"; done
cat >"$W/base/Dockerfile" <<'EOF'
FROM scratch
ARG TARGETARCH
COPY rootfs-${TARGETARCH}/ /
ENV PATH=/bin
CMD ["/bin/sh"]
EOF

# ---- golang:1.19 ----
GOROOT_SHARE="usr/share/go-$GOV"
GOROOT="usr/lib/go-$GOV"
x "$(deb_of "golang-$GOV-src" all)" "$W/unpack/src"
mkdir -p "$W/golang/common/$GOROOT_SHARE"
(cd "$W/unpack/src/$GOROOT_SHARE" && tar -cf - --exclude=./src/cmd --exclude=testdata --exclude='*_test.go' ./src) |
  tar -xf - -C "$W/golang/common/$GOROOT_SHARE"
for a in "${ARCHES[@]}"; do
  r="$W/golang/rootfs-$a"
  busybox_root "$a" "$r"
  # the go deb as shipped (its symlinks tie /usr/lib/go-1.19 to /usr/share/go-1.19), then trimmed
  x "$(deb_of "golang-$GOV-go" "$a")" "$r"
  rm -rf "$r/usr/share/doc" "$r/usr/share/lintian" "$r/$GOROOT/bin/gofmt" "$r/$GOROOT/pkg/linux_$a" \
    "$r/$GOROOT_SHARE/src/cmd"
  tools="$r/$GOROOT/pkg/tool/linux_$a"
  for t in "$tools"/*; do
    case "${t##*/}" in compile | link | asm | cgo | buildid | pack) ;; *) rm -f "$t" ;; esac
  done
  x "$(deb_of libc6 "$a")" "$W/unpack/libc-$a"
  (cd "$W/unpack/libc-$a" && tar -cf - ./lib/*-linux-gnu/ld*.so* ./lib/*-linux-gnu/libc.so.6 \
    $(ls -d ./lib64 ./lib/ld*.so* 2>/dev/null)) | tar -xf - -C "$r"
  mkdir -p "$r/usr/bin"
  ln -sf "../lib/go-$GOV/bin/go" "$r/usr/bin/go"
done
cat >"$W/golang/Dockerfile" <<EOF
FROM scratch
ARG TARGETARCH
COPY common/ /
COPY rootfs-\${TARGETARCH}/ /
ENV PATH=/$GOROOT/bin:/usr/bin:/bin HOME=/root GOPATH=/go GOCACHE=/root/.cache/go-build GOFLAGS=-buildvcs=false
WORKDIR /src
CMD ["/bin/sh"]
EOF
rm -rf "$W/unpack"

# ---- build and push (retried: multi-arch pushes to registry 2.8 sometimes answer 500) ----
push() { # $1 = ref, $2 = context
  local i
  for i in 1 2 3 4; do
    say "building and pushing $1 (attempt $i)"
    if docker buildx build -q --platform "$PLATFORMS" --provenance=false --push -t "$1" "$2" >/dev/null; then
      n=$(docker buildx imagetools inspect --raw "$1" | grep -o '"architecture": *"[a-z0-9]*"' | sort -u | wc -l)
      [ "$n" = 3 ] && return 0
      say "$1 holds $n platforms, not 3"
    fi
    sleep "$i"
  done
  die "could not push $1 (see the buildx output above)"
}
push "$REG/fixtures/base:1" "$W/base"
push "$REG/fixtures/golang:$GOV" "$W/golang"
say "pushed $REG/fixtures/base:1 and $REG/fixtures/golang:$GOV for $PLATFORMS"
