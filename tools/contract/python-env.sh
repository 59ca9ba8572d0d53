#!/usr/bin/env bash
# The Python tools of the contract tests (schemathesis, openapi-spec-validator) and of the Helm chart's
# test (kubernetes-validate), pinned in
# tools/contract/requirements.txt, in a venv of their own:
#
#   ${FRONTERA_CACHE_DIR:-~/.cache/frontera}/python-<first 16 hex digits of sha256(requirements.txt)>
#
# created when missing (PyPI through pip), reused otherwise; a changed requirements file gets a new
# venv. Prints the venv's directory on stdout (everything else goes to stderr), so
#   VENV=$(bash tools/contract/python-env.sh)   →   "$VENV/bin/schemathesis", "$VENV/bin/openapi-spec-validator",
#                                                   "$VENV/bin/kubernetes-validate"
#
# Needs Python >= 3.11 with venv: FRONTERA_PYTHON, else python3.11 / python3 on PATH, else
# /usr/bin/python3; as root, python3 and python3-venv are installed with apt-get when missing
# (Debian 12: 3.11). Non-interactive; safe to run concurrently (one install at a time, flock).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
requirements="${here}/requirements.txt"
cache="${FRONTERA_CACHE_DIR:-${HOME}/.cache/frontera}"

log() { printf '%s\n' "$*" >&2; }
die() { printf 'python-env: %s\n' "$*" >&2; exit 1; }

[[ -f "${requirements}" ]] || die "${requirements} is missing"
hash="$(sha256sum "${requirements}" | cut -c1-16)"
venv="${cache}/python-${hash}"
marker="${venv}/.frontera-installed"

if [[ -f "${marker}" && -x "${venv}/bin/schemathesis" && -x "${venv}/bin/openapi-spec-validator" &&
  -x "${venv}/bin/kubernetes-validate" ]]; then
  printf '%s\n' "${venv}"
  exit 0
fi

# A Python that is >= 3.11 and can make a venv with pip.
usable_python() {
  local candidate="$1"
  command -v "${candidate}" >/dev/null 2>&1 || return 1
  "${candidate}" -c 'import sys, venv, ensurepip; sys.exit(0 if sys.version_info >= (3, 11) else 1)' \
    >/dev/null 2>&1
}

find_python() {
  local candidate
  for candidate in ${FRONTERA_PYTHON:-} python3.11 python3 /usr/bin/python3; do
    if usable_python "${candidate}"; then
      command -v "${candidate}"
      return 0
    fi
  done
  return 1
}

python="$(find_python || true)"
if [[ -z "${python}" ]]; then
  if [[ "$(id -u)" == "0" ]] && command -v apt-get >/dev/null 2>&1; then
    log "python-env: installing python3 and python3-venv (apt-get)"
    # shellcheck source=../../infra/local/lib/apt.sh
    if [[ -f "${here}/../../infra/local/lib/apt.sh" ]]; then
      source "${here}/../../infra/local/lib/apt.sh"
    else
      apt_get() { DEBIAN_FRONTEND=noninteractive apt-get "$@"; }
    fi
    apt_get update -qq >&2
    apt_get install -y -qq python3 python3-venv >&2
    python="$(find_python || true)"
  fi
  [[ -n "${python}" ]] ||
    die "Python >= 3.11 with venv is required (Debian: sudo apt-get install python3 python3-venv), or set FRONTERA_PYTHON"
fi

mkdir -p "${cache}"
exec 9>"${cache}/python-env.lock"
flock 9
# Another run may have finished the install while this one waited for the lock.
if [[ ! -f "${marker}" ]]; then
  started=$SECONDS
  log "python-env: creating ${venv} with $("${python}" --version 2>&1) (tools/contract/requirements.txt)"
  rm -rf "${venv}"
  "${python}" -m venv "${venv}" >&2
  "${venv}/bin/python" -m pip install --quiet --disable-pip-version-check --no-input \
    --requirement "${requirements}" >&2 || {
    rm -rf "${venv}"
    die "pip install -r ${requirements} failed (see above)"
  }
  "${venv}/bin/schemathesis" --version >&2
  "${venv}/bin/openapi-spec-validator" --help >/dev/null
  "${venv}/bin/kubernetes-validate" --version >&2
  date -u +%Y-%m-%dT%H:%M:%SZ >"${marker}"
  log "python-env: ready in $((SECONDS - started)) s"
fi
printf '%s\n' "${venv}"
