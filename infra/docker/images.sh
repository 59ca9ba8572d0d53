#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR
# Frontera's images, built on this machine without pulling anything, cached by content.
#
# Usage: infra/docker/images.sh build [names...]    (no names = all, in dependency order)
#        infra/docker/images.sh list                 one line per image: name, tag, state
#   Names: debian postgres-ferretdb kafka redis nginx employers permits audits
#
#   debian             Debian bookworm from `debootstrap --variant=minbase` (the rootfs tarball is
#                      cached in <cache>/docker/), imported as frontera-local/debian:bookworm
#   postgres-ferretdb  PostgreSQL 15 (Debian) + the FerretDB 1.24 binary infra/local builds
#   kafka              the Kafka 3.9 jars infra/local fetches, Java from Debian, KRaft single node
#   redis              Debian's redis-server, append-only file on
#   nginx              Debian's nginx-light with infra/gateway/frontera.conf.template
#   employers permits audits   infra/docker/service.Dockerfile on frontera-local/node (the
#                      machine's own Node binary and npm: Debian 12's nodejs is 18)
# Every image is tagged frontera-local/<name>:<content hash> and frontera-local/<name>:local. The hash
# (lib/content-hash.cjs) covers the Dockerfile, the build arguments (base images included, by their
# own hash tags) and every file of the staged build context; it is also the image label
# frontera.content-hash. An image whose hash tag exists with that label is not built again ("cached").
# Builds run with `docker build --network host` (the engine has no bridge: infra/docker/engine.sh)
# and the classic builder (DOCKER_BUILDKIT=0: BuildKit would pull its frontend).
#
# Environment:
#   FRONTERA_CACHE_DIR=~/.cache/frontera   <cache>/docker/: rootfs tarball, staged contexts
#   FRONTERA_DEBIAN_MIRROR=http://deb.debian.org/debian
#   FRONTERA_DOCKER_APT_CONF="/etc/apt/apt.conf.d/99artifact-registry"  host apt settings copied
#     into the base image when they exist (mirror options of this machine)
#   FRONTERA_DOCKER_CA_DIR=/usr/local/share/ca-certificates  the machine's own CA certificates
#     (*.crt), trusted in frontera-local/node (npm ci reaches the registry as the machine does)
#   FRONTERA_VERBOSE=1 streams the build output (otherwise: <data>/log/images-<name>.log)
set -euo pipefail

IMAGES_HOME=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_ROOT=$(cd "$IMAGES_HOME/../.." && pwd)
FRONTERA_LOCAL_DIR=$REPO_ROOT/infra/local
# shellcheck source=../local/lib/common.sh
source "$FRONTERA_LOCAL_DIR/lib/common.sh"

PREFIX=frontera-local
LABEL=frontera.content-hash
ALL_IMAGES=(debian postgres-ferretdb kafka redis nginx employers permits audits)
DOCKER_CACHE=$FRONTERA_CACHE_DIR/docker
DEBIAN_SUITE=bookworm
DEBIAN_MIRROR=${FRONTERA_DEBIAN_MIRROR:-http://deb.debian.org/debian}
APT_CONF_FILES=${FRONTERA_DOCKER_APT_CONF-/etc/apt/apt.conf.d/99artifact-registry}
EXTRA_CA_DIR=${FRONTERA_DOCKER_CA_DIR:-/usr/local/share/ca-certificates}
export DOCKER_BUILDKIT=0

usage() {
  sed -n '3,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//;p}' "${BASH_SOURCE[0]}" >&2
  exit 2
}

hash_of() { node "$IMAGES_HOME/lib/content-hash.cjs" "$@"; }
image_label() { docker image inspect -f "{{index .Config.Labels \"$LABEL\"}}" "$1" 2>/dev/null || true; }
# The hash tag of an image already built in this run or an earlier one (for the build arguments).
hash_tag() { printf '%s/%s:%s' "$PREFIX" "$1" "$(image_label "$PREFIX/$1:local")"; }
require_image() {
  [[ -n $(image_label "$PREFIX/$1:local") ]] || die "images: $PREFIX/$1:local is missing: build it first (images.sh build $1)"
}

# build_image <name> <Dockerfile> <context dir> [NAME=value build args...]
build_image() {
  local name=$1 dockerfile=$2 ctx=$3 hash tag t0 logf a
  shift 3
  local -a args=()
  for a in "$@"; do args+=(--build-arg "$a"); done
  hash=$(hash_of "$ctx" "$dockerfile" "$@")
  tag=$PREFIX/$name:$hash
  if [[ $(image_label "$tag") == "$hash" ]]; then
    docker tag "$tag" "$PREFIX/$name:local"
    info "$name: cached ($tag)"
    return 0
  fi
  t0=$SECONDS
  logf=$(log_file "images-$name")
  : >"$logf"
  run_logged "$logf" docker build --network host --force-rm -f "$dockerfile" \
    --label "$LABEL=$hash" --label "frontera.image=$name" "${args[@]}" \
    -t "$tag" -t "$PREFIX/$name:local" "$ctx" || die "$name: docker build failed (log: $logf)"
  info "$name: built in $((SECONDS - t0)) s ($tag)"
}

# stage <name>: a fresh, empty build context directory for <name>; prints its path.
stage() {
  local dir=$DOCKER_CACHE/contexts/$1
  rm -rf "$dir" && mkdir -p "$dir"
  printf '%s' "$dir"
}

# ---------------------------------------------------------------------------
# debian: debootstrap minbase, tarball cached, `docker import`
# ---------------------------------------------------------------------------
debian_recipe() {
  local f
  printf 'debootstrap --variant=minbase --include=ca-certificates %s %s\n' "$DEBIAN_SUITE" "$DEBIAN_MIRROR"
  printf 'policy-rc.d exit 101; sources %s %s-updates %s-security; no apt lists\n' "$DEBIAN_SUITE" "$DEBIAN_SUITE" "$DEBIAN_SUITE"
  for f in $APT_CONF_FILES; do [[ -f $f ]] && printf 'apt.conf %s: %s\n' "${f##*/}" "$(sha256sum <"$f" | cut -c1-64)"; done
  return 0
}

build_debian() {
  local recipe hash tag tarball rootfs t0 logf f
  recipe=$(debian_recipe)
  hash=$(printf '%s' "$recipe" | sha256sum | cut -c1-16)
  tag=$PREFIX/debian:$hash
  if [[ $(image_label "$tag") == "$hash" ]]; then
    docker tag "$tag" "$PREFIX/debian:$DEBIAN_SUITE"
    docker tag "$tag" "$PREFIX/debian:local"
    info "debian: cached ($tag)"
    return 0
  fi
  tarball=$DOCKER_CACHE/debian-$DEBIAN_SUITE-minbase-$hash.tar
  logf=$(log_file images-debian)
  : >"$logf"
  if [[ ! -s $tarball ]]; then
    ensure_cmd debootstrap debootstrap "$logf"
    t0=$SECONDS
    rootfs=$DOCKER_CACHE/rootfs-$DEBIAN_SUITE.tmp
    rm -rf "$rootfs" && mkdir -p "$rootfs"
    run_logged "$logf" debootstrap --variant=minbase --include=ca-certificates "$DEBIAN_SUITE" "$rootfs" "$DEBIAN_MIRROR" ||
      die "debian: debootstrap failed (log: $logf)"
    # No service starts inside images (what Debian's official images do too).
    printf '#!/bin/sh\nexit 101\n' >"$rootfs/usr/sbin/policy-rc.d"
    chmod +x "$rootfs/usr/sbin/policy-rc.d"
    rm -f "$rootfs/etc/apt/sources.list"
    cat >"$rootfs/etc/apt/sources.list.d/debian.sources" <<EOF
Types: deb
URIs: $DEBIAN_MIRROR
Suites: $DEBIAN_SUITE $DEBIAN_SUITE-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

Types: deb
URIs: ${DEBIAN_MIRROR%/debian}/debian-security
Suites: $DEBIAN_SUITE-security
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOF
    for f in $APT_CONF_FILES; do [[ -f $f ]] && cp "$f" "$rootfs/etc/apt/apt.conf.d/"; done
    printf 'APT::Install-Recommends "false";\n' >"$rootfs/etc/apt/apt.conf.d/90frontera-no-recommends"
    rm -rf "$rootfs"/var/lib/apt/lists/* "$rootfs"/var/cache/apt/archives/*.deb
    tar -C "$rootfs" --numeric-owner -cf "$tarball.tmp" . && mv -f "$tarball.tmp" "$tarball"
    rm -rf "$rootfs"
    info "debian: debootstrap $DEBIAN_SUITE minbase in $((SECONDS - t0)) s ($(du -h "$tarball" | cut -f1), $tarball)"
  fi
  t0=$SECONDS
  docker import --change "LABEL $LABEL=$hash" --change "LABEL frontera.image=debian" --change 'CMD ["bash"]' \
    "$tarball" "$tag" >>"$logf" || die "debian: docker import failed"
  docker tag "$tag" "$PREFIX/debian:$DEBIAN_SUITE"
  docker tag "$tag" "$PREFIX/debian:local"
  info "debian: imported in $((SECONDS - t0)) s ($tag)"
}

# ---------------------------------------------------------------------------
# the local path's artefacts: FerretDB binary, Kafka jars (infra/local/servers.sh install)
# ---------------------------------------------------------------------------
local_artefacts() {
  local out
  if [[ -z ${FERRETDB_BIN:-} ]]; then
    # shellcheck source=../local/lib/postgres.sh
    source "$FRONTERA_LOCAL_DIR/lib/postgres.sh"
    # shellcheck source=../local/lib/ferretdb.sh
    source "$FRONTERA_LOCAL_DIR/lib/ferretdb.sh"
    # shellcheck source=../local/lib/kafka.sh
    source "$FRONTERA_LOCAL_DIR/lib/kafka.sh"
  fi
  if ! ferretdb_built || ! kafka_find_home; then
    out=$(bash "$FRONTERA_LOCAL_DIR/servers.sh" install ferretdb kafka 2>&1) || die "images: infra/local/servers.sh install failed: $out"
    kafka_find_home || die "images: no Kafka jars after servers.sh install"
  fi
}

build_postgres_ferretdb() {
  local ctx dist
  require_image debian
  local_artefacts
  dist=$(stage ferretdb-dist)
  cp "$FERRETDB_BIN" "$dist/ferretdb"
  printf 'FROM scratch\nCOPY ferretdb /ferretdb\n' >"$dist/Dockerfile"
  build_image ferretdb-dist "$dist/Dockerfile" "$dist"
  ctx=$(stage postgres-ferretdb)
  cp "$IMAGES_HOME/images/postgres-ferretdb/start.sh" "$REPO_ROOT/infra/ferretdb/companion-indexes.sql" \
    "$REPO_ROOT/infra/ferretdb/version-guard.sql" "$ctx/"
  build_image postgres-ferretdb "$IMAGES_HOME/images/postgres-ferretdb/Dockerfile" "$ctx" \
    "BASE_IMAGE=$(hash_tag debian)" "FERRETDB_IMAGE=$(hash_tag ferretdb-dist)"
}

build_kafka() {
  local ctx dist
  require_image debian
  local_artefacts
  dist=$(stage kafka-dist)
  mkdir -p "$dist/libs"
  cp "$KAFKA_HOME"/libs/*.jar "$dist/libs/"
  printf 'FROM scratch\nCOPY libs/ /opt/kafka/libs/\n' >"$dist/Dockerfile"
  build_image kafka-dist "$dist/Dockerfile" "$dist"
  ctx=$(stage kafka)
  cp "$IMAGES_HOME/images/kafka/start.sh" "$FRONTERA_LOCAL_DIR/kafka/log4j.properties" "$ctx/"
  build_image kafka "$IMAGES_HOME/images/kafka/Dockerfile" "$ctx" \
    "BASE_IMAGE=$(hash_tag debian)" "KAFKA_DIST_IMAGE=$(hash_tag kafka-dist)"
}

build_redis() {
  require_image debian
  build_image redis "$IMAGES_HOME/images/redis/Dockerfile" "$(stage redis)" "BASE_IMAGE=$(hash_tag debian)"
}

build_nginx() {
  local ctx
  require_image debian
  ctx=$(stage nginx)
  cp "$IMAGES_HOME/images/nginx/start.sh" "$REPO_ROOT/infra/gateway/frontera.conf.template" "$ctx/"
  build_image nginx "$IMAGES_HOME/images/nginx/Dockerfile" "$ctx" "BASE_IMAGE=$(hash_tag debian)"
}

# frontera-local/node: the machine's Node (>= 20.19) and its npm on the Debian base.
build_node() {
  local ctx node_bin npm_dir version
  require_image debian
  node_bin=$(readlink -f "$(command -v node)") || die "images: node is not on PATH"
  version=$("$node_bin" -p 'process.versions.node')
  node -e 'const [a,b]=process.argv[1].split(".").map(Number); process.exit(a>20||(a===20&&b>=19)?0:1)' "$version" ||
    die "images: the machine's Node is $version; the services need >= 20.19"
  npm_dir=$(dirname "$(dirname "$(readlink -f "$(command -v npm)")")")
  [[ -f $npm_dir/package.json ]] || die "images: cannot find npm's package directory (from $(command -v npm))"
  ctx=$(stage node)
  cp "$node_bin" "$ctx/node"
  cp -a "$npm_dir" "$ctx/npm"
  mkdir -p "$ctx/ca"
  if compgen -G "$EXTRA_CA_DIR/*.crt" >/dev/null; then cp "$EXTRA_CA_DIR"/*.crt "$ctx/ca/"; fi
  build_image node "$IMAGES_HOME/images/node/Dockerfile" "$ctx" "BASE_IMAGE=$(hash_tag debian)"
}

# A service: the repository's files (tracked and untracked, not ignored) are the context.
build_service() {
  local name=$1 ctx
  [[ -f $REPO_ROOT/services/$name/project.json ]] || die "images: services/$name is not a service"
  require_image node
  ctx=$(stage "service-$name")
  (cd "$REPO_ROOT" && git ls-files -co --exclude-standard -z | grep -zv '^node_modules$' |
    tar --null -T - -cf - 2>/dev/null) | tar -C "$ctx" -xf -
  build_image "$name" "$IMAGES_HOME/service.Dockerfile" "$ctx" "NODE_IMAGE=$(hash_tag node)" "SERVICE=$name"
}

# build_one <name>: under a lock of its own (<cache>/docker/<name>.lock): two runs never stage or
# build the same image at once, and a run that finds its images cached never waits for the build of
# another image (a service) someone else started.
build_one() {
  (
    exec 8>"$DOCKER_CACHE/$1.lock"
    flock 8
    build_one_locked "$1"
  ) || exit 1
}

build_one_locked() {
  case $1 in
  debian) build_debian ;;
  postgres-ferretdb) build_postgres_ferretdb ;;
  kafka) build_kafka ;;
  redis) build_redis ;;
  nginx) build_nginx ;;
  node) build_node ;;
  employers | permits | audits) build_service "$1" ;;
  *) die "images: unknown image '$1' (known: ${ALL_IMAGES[*]})" ;;
  esac
}

# Requested names plus what they are built on, in dependency order.
select_images() {
  local -A wanted=()
  local n out=()
  (($# == 0)) && set -- "${ALL_IMAGES[@]}"
  for n in "$@"; do
    case $n in
    debian | postgres-ferretdb | kafka | redis | nginx | node) wanted[$n]=1 ;;
    employers | permits | audits) wanted[$n]=1 wanted[node]=1 ;;
    *) die "images: unknown image '$n' (known: ${ALL_IMAGES[*]})" ;;
    esac
  done
  wanted[debian]=1
  for n in debian node postgres-ferretdb kafka redis nginx employers permits audits; do
    [[ -n ${wanted[$n]:-} ]] && out+=("$n")
  done
  printf '%s\n' "${out[@]}"
}

main() {
  (($# >= 1)) || usage
  local cmd=$1 n t0
  shift
  case $cmd in
  build)
    docker info >/dev/null 2>&1 || die "images: no Docker engine answers (start one: infra/docker/engine.sh start)"
    ensure_base_dirs
    mkdir -p "$DOCKER_CACHE/contexts"
    t0=$SECONDS
    for n in $(select_images "$@"); do build_one "$n"; done
    info "images: ready in $((SECONDS - t0)) s"
    ;;
  list)
    for n in "${ALL_IMAGES[@]}"; do
      if [[ -n $(image_label "$PREFIX/$n:local") ]]; then
        status_line "$n" built "$(image_label "$PREFIX/$n:local")" "$PREFIX/$n:local"
      else
        status_line "$n" missing - "$PREFIX/$n:local"
      fi
    done
    ;;
  *) usage ;;
  esac
}

main "$@"
