#!/usr/bin/env bash
# Helm v3, built from the Go module proxy into the project's cache, then run with the given arguments.
#
#   infra/helm/helm.sh template frontera infra/helm/frontera -f values.yaml   # any helm command
#   infra/helm/helm.sh --path                                                  # print the binary's path
#
# The binary is ${FRONTERA_CACHE_DIR:-~/.cache/frontera}/helm-<version>/helm, built when missing with
# `go install helm.sh/helm/v3/cmd/helm@<version>` (GOBIN pointed at that directory; Go from PATH or
# /usr/local/go/bin). First build here: about 10 minutes on a loaded 2-core machine (downloads and
# compiles ~200 modules; 2.6 CPU-minutes); later runs: the cached binary, instantly. HELM_VERSION overrides the pinned version. Nothing else is downloaded: the chart
# has no dependencies and `helm template` talks to no cluster. Helm's own config, cache and data
# directories are kept under the same cache directory, so a developer's ~/.config/helm is not touched.
# Safe to run concurrently (one build at a time, flock). Build log: <cache>/helm-<version>/build.log.
set -euo pipefail

HELM_VERSION="${HELM_VERSION:-v3.22.0}"
cache="${FRONTERA_CACHE_DIR:-${HOME}/.cache/frontera}"
dir="${cache}/helm-${HELM_VERSION}"
bin="${dir}/helm"

log() { printf 'helm.sh: %s\n' "$*" >&2; }
die() { log "$*"; exit 1; }

if [[ ! -x "${bin}" ]]; then
  go_bin="$(command -v go || true)"
  [[ -z "${go_bin}" && -x /usr/local/go/bin/go ]] && go_bin=/usr/local/go/bin/go
  [[ -n "${go_bin}" ]] || die "Go is required to build Helm ${HELM_VERSION} (https://go.dev/dl, or Debian's golang)"
  mkdir -p "${dir}"
  exec 9>"${dir}.lock"
  flock 9
  if [[ ! -x "${bin}" ]]; then
    started=$SECONDS
    : >"${dir}/build.log"
    log "building Helm ${HELM_VERSION} with $("${go_bin}" version) (go install helm.sh/helm/v3/cmd/helm@${HELM_VERSION}); log: ${dir}/build.log"
    # The version strings Helm's own release builds set (its Makefile): go install alone leaves
    # "v3.NN" and a default Kubernetes version of 1.20, which `helm template` renders against and
    # which fails charts that declare a newer kubeVersion. Kubernetes' minor version is client-go's
    # (v0.NN -> 1.NN), read from Helm's go.mod.
    if ! module_dir="$("${go_bin}" mod download -json "helm.sh/helm/v3@${HELM_VERSION}" 2>>"${dir}/build.log" |
      sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')" || [[ -z "${module_dir}" ]]; then
      tail -n 30 "${dir}/build.log" >&2
      die "go mod download helm.sh/helm/v3@${HELM_VERSION} failed (see above)"
    fi
    k8s_minor="$(sed -n 's/^[[:space:]]*k8s.io\/client-go v0\.\([0-9]*\)\..*/\1/p' "${module_dir}/go.mod")"
    [[ -n "${k8s_minor}" ]] || die "no k8s.io/client-go version in ${module_dir}/go.mod"
    ldflags="-s -w -X helm.sh/helm/v3/internal/version.version=${HELM_VERSION}"
    for pkg in helm.sh/helm/v3/pkg/chartutil helm.sh/helm/v3/pkg/lint/rules; do
      ldflags+=" -X ${pkg}.k8sVersionMajor=1 -X ${pkg}.k8sVersionMinor=${k8s_minor}"
    done
    if ! GOBIN="${dir}" CGO_ENABLED=0 GOFLAGS=-trimpath \
      "${go_bin}" install -ldflags "${ldflags}" \
      "helm.sh/helm/v3/cmd/helm@${HELM_VERSION}" >>"${dir}/build.log" 2>&1; then
      tail -n 30 "${dir}/build.log" >&2
      rm -f "${bin}"
      die "go install helm.sh/helm/v3/cmd/helm@${HELM_VERSION} failed (see above)"
    fi
    log "built $("${bin}" version --short) in $((SECONDS - started)) s"
    printf '%s built in %s s\n' "${HELM_VERSION}" "$((SECONDS - started))" >>"${dir}/build.log"
  fi
  exec 9>&-
fi

if [[ "${1:-}" == "--path" ]]; then
  printf '%s\n' "${bin}"
  exit 0
fi

export HELM_CONFIG_HOME="${dir}/config" HELM_CACHE_HOME="${dir}/cache" HELM_DATA_HOME="${dir}/data"
exec "${bin}" "$@"
