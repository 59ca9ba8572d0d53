#!/usr/bin/env bash
# Validates docker-compose.yml with a real Compose implementation, without a
# Docker engine:
#   1. `docker-compose config -q` (Debian's docker-compose 1.29.2, installed here
#      with apt-get when missing and running as root);
#   2. every directory in services/ has a compose service of the same name,
#      built by infra/docker/service.Dockerfile (which exists) with the build
#      argument SERVICE naming that directory.
#
# Usage: infra/docker/check-compose.sh [COMPOSE_FILE]
#   COMPOSE_FILE defaults to docker-compose.yml at the repository root. Relative
#   paths inside it (build contexts) always resolve against the repository root,
#   so a copy elsewhere (tests) is checked as if it were in place.
#
# The check is hermetic: it ignores any .env file and gives every variable the
# file requires (`${VAR:?...}`) a dummy value unless it is already set.
# Exit status: 0 valid, 1 invalid or docker-compose unavailable.
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
COMPOSE_FILE="${1:-$REPO_ROOT/docker-compose.yml}"
APT_CMD="apt-get update && apt-get install -y --no-install-recommends docker-compose"

log() { printf 'check-compose: %s\n' "$*" >&2; }

if [[ ! -f "$COMPOSE_FILE" ]]; then
  log "no such file: $COMPOSE_FILE"
  exit 1
fi
COMPOSE_FILE="$(cd "$(dirname "$COMPOSE_FILE")" && pwd)/$(basename "$COMPOSE_FILE")"

# --- 1. docker-compose, installed only when missing --------------------------
if ! command -v docker-compose >/dev/null 2>&1; then
  if [[ "$(id -u)" -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
    log "docker-compose missing, installing it: $APT_CMD"
    # apt_get waits for the package locks another program may hold.
    # shellcheck source=../local/lib/apt.sh
    source "$REPO_ROOT/infra/local/lib/apt.sh"
    # --no-install-recommends: the package recommends docker.io (an engine),
    # which `config` does not need.
    apt_get update -qq
    apt_get install -y -qq --no-install-recommends docker-compose >/dev/null
  else
    log "docker-compose is not installed. Install it as root with:"
    log "  $APT_CMD"
    exit 1
  fi
fi

# --- 2. dummy values for the required variables ------------------------------
# Every `${NAME:?...}` / `${NAME?...}` in the file; existing values are kept.
while read -r name; do
  [[ -z "$name" ]] && continue
  if [[ -z "${!name:-}" ]]; then
    export "$name=dummy-${name,,}-for-config-check"
  fi
done < <(grep -oE '\$\{[A-Za-z_][A-Za-z0-9_]*:?\?' "$COMPOSE_FILE" | sed -E 's/^\$\{//; s/:?\?$//' | sort -u)

# An empty env file (docker-compose 1.29 refuses /dev/null): a developer's or
# operator's .env must not change the outcome of this check.
EMPTY_ENV_FILE="$(mktemp)"
trap 'rm -f "$EMPTY_ENV_FILE"' EXIT

compose() {
  # --project-directory: relative paths resolve against the repository root
  # wherever the file is.
  (cd "$REPO_ROOT" && docker-compose --env-file "$EMPTY_ENV_FILE" --project-directory "$REPO_ROOT" \
    -f "$COMPOSE_FILE" "$@")
}

log "$(docker-compose version --short 2>/dev/null || docker-compose --version) validating ${COMPOSE_FILE#"$REPO_ROOT"/}"

# --- 3. the Compose implementation's own validation --------------------------
if ! compose config -q; then
  log "FAILED: docker-compose config rejected ${COMPOSE_FILE}"
  exit 1
fi

# --- 4. one compose service per directory in services/, built by the shared Dockerfile ----
compose_services="$(compose config --services)"
resolved="$(compose config)"
failures=0
checked=0
if [[ ! -f "$REPO_ROOT/infra/docker/service.Dockerfile" ]]; then
  log "FAILED: infra/docker/service.Dockerfile is missing"
  failures=$((failures + 1))
fi
for dir in "$REPO_ROOT"/services/*/; do
  [[ -d "$dir" ]] || continue
  name="$(basename "$dir")"
  checked=$((checked + 1))
  if ! grep -qxF "$name" <<<"$compose_services"; then
    log "FAILED: services/$name has no compose service named '$name'"
    failures=$((failures + 1))
  elif ! grep -qE "^ +SERVICE: ['\"]?${name}['\"]?$" <<<"$resolved"; then
    log "FAILED: the compose service '$name' is not built with the build argument SERVICE: $name"
    failures=$((failures + 1))
  fi
done

if [[ "$failures" -gt 0 ]]; then
  exit 1
fi
log "OK: compose file valid; $checked service director$([[ $checked -eq 1 ]] && echo y || echo ies) with a compose service built by infra/docker/service.Dockerfile"
