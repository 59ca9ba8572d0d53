#!/usr/bin/env bash
# The compose stack on these machines: docker-compose with docker-compose.yml and
# docker-compose.local.yml (the images built here, FerretDB on PostgreSQL, host networking), the
# development secrets of infra/docker/local.env, project name frontera-local.
#
# Usage: infra/docker/compose-local.sh <docker-compose command> [args]
#   infra/docker/compose-local.sh up -d --no-build     # start (images: infra/docker/images.sh build)
#   infra/docker/compose-local.sh ps                   # every container "healthy"
#   infra/docker/compose-local.sh logs -f audits
#   infra/docker/compose-local.sh down -v              # stop and DELETE the stack's volumes
#   infra/docker/compose-local.sh config               # the merged file, secrets resolved
#
# The gateway answers on http://127.0.0.1:21080 (ports: docker-compose.local.yml). Tokens: the
# development issuer (tools/scripts/dev-token.ts); unless AUTH_PUBLIC_KEY or AUTH_JWKS_URL is set in
# the environment, its public key is passed to the services as AUTH_PUBLIC_KEY (a multi-line PEM,
# which an env file of docker-compose 1.29 cannot hold).
# Environment: FRONTERA_COMPOSE_PROJECT [frontera-local] (another project name: a second stack needs
# other ports too, so mostly for tests), FRONTERA_COMPOSE_ENV_FILE [infra/docker/local.env],
# FRONTERA_COMPOSE_OVERRIDE [none] (a third file merged last, relative to the repository: the story
# test's docker-compose.story.yml; never for operators).
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
env_file="${FRONTERA_COMPOSE_ENV_FILE:-${repo_root}/infra/docker/local.env}"
project="${FRONTERA_COMPOSE_PROJECT:-frontera-local}"

die() { printf 'compose-local: %s\n' "$*" >&2; exit 1; }

[[ $# -gt 0 ]] || die "usage: $0 <docker-compose command> [args] (up -d --no-build, ps, logs, down -v, config)"
command -v docker-compose >/dev/null 2>&1 ||
  die "docker-compose is not installed (as root: apt-get install -y docker-compose; the engine: infra/docker/engine.sh start)"
[[ -f "${env_file}" ]] || die "no env file ${env_file}"
files=(-f "${repo_root}/docker-compose.yml" -f "${repo_root}/docker-compose.local.yml")
if [[ -n "${FRONTERA_COMPOSE_OVERRIDE:-}" ]]; then
  override="${FRONTERA_COMPOSE_OVERRIDE}"
  [[ "${override}" == /* ]] || override="${repo_root}/${override}"
  [[ -f "${override}" ]] || die "no override file ${override} (FRONTERA_COMPOSE_OVERRIDE)"
  files+=(-f "${override}")
fi

if [[ -z "${AUTH_PUBLIC_KEY:-}" && -z "${AUTH_JWKS_URL:-}" ]]; then
  AUTH_PUBLIC_KEY="$(cd "${repo_root}" && FRONTERA_DEV_TOKENS=enabled NODE_ENV=development \
    node tools/scripts/run-ts.cjs tools/scripts/dev-token.ts --print-public-key)" ||
    die "could not read the development issuer's public key (tools/scripts/dev-token.ts --print-public-key)"
  export AUTH_PUBLIC_KEY
fi

cd "${repo_root}"
exec docker-compose --project-name "${project}" --project-directory "${repo_root}" --env-file "${env_file}" \
  "${files[@]}" "$@"
