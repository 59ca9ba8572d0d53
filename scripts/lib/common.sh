# Shared by scripts/dev.sh and scripts/test.sh. Source it; do not run it.
# shellcheck shell=bash

FRONTERA_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
export FRONTERA_ROOT
export NX_NO_CLOUD=true
export NX_TUI=false
# No Nx daemon left behind by scripted runs (CI, the two commands).
export NX_DAEMON=false

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }
fail() { printf '\033[31merror: %s\033[0m\n' "$*" >&2; exit 1; }

# Node.js >= 20.19 (mongoose 9 / mongodb 7 need it).
require_node() {
  command -v node >/dev/null 2>&1 || fail "Node.js >= 20.19 is required and 'node' is not on PATH"
  local version major minor
  version="$(node -p 'process.versions.node')"
  major="${version%%.*}"; minor="${version#*.}"; minor="${minor%%.*}"
  if (( major < 20 || (major == 20 && minor < 19) )); then
    fail "Node.js >= 20.19 is required, found ${version}"
  fi
}

# npm ci when node_modules is missing or does not match package-lock.json.
ensure_node_modules() {
  require_node
  local marker="${FRONTERA_ROOT}/node_modules/.frontera-lock.sha256"
  local want
  want="$(sha256sum "${FRONTERA_ROOT}/package-lock.json" | cut -d' ' -f1)"
  if [[ -f "${marker}" && "$(cat "${marker}")" == "${want}" ]]; then
    return 0
  fi
  say "installing Node.js dependencies (npm ci)"
  local started=$SECONDS
  (cd "${FRONTERA_ROOT}" && npm ci --no-audit --no-fund --loglevel=error)
  echo "${want}" > "${marker}"
  echo "    npm ci took $((SECONDS - started)) s"
}

# System packages the test suite itself needs (the servers' own are installed by infra/local/servers.sh):
# poppler-utils, whose pdftoppm and pdftotext read back the permit card the permits service renders
# (services/permits/src/card), and nginx for the entry point (infra/gateway/gateway.sh install). Installed like the servers' packages (infra/local/lib/common.sh
# ensure_cmd): skipped when the command is there, else apt-get as root (non-interactive, waits for
# the package locks), else an error naming the command that installs it. In a subshell, so the
# infra helpers do not leak into the calling script.
ensure_system_packages() {
  (
    # shellcheck source=../../infra/local/lib/common.sh
    source "${FRONTERA_ROOT}/infra/local/lib/common.sh"
    ensure_base_dirs
    ensure_cmd pdftoppm poppler-utils "$(log_file system-packages)"
    ensure_cmd pdftotext poppler-utils "$(log_file system-packages)"
  )
  # nginx for the entry point (infra/gateway), which its integration test starts.
  bash "${FRONTERA_ROOT}/infra/gateway/gateway.sh" install
}

# Starts (or reuses) Kafka, FerretDB on PostgreSQL and Redis, then exports
# KAFKA_BROKERS, MONGODB_URI and REDIS_URL into the calling shell.
start_servers() {
  bash "${FRONTERA_ROOT}/infra/local/servers.sh" start
  eval "$(bash "${FRONTERA_ROOT}/infra/local/servers.sh" env)"
}

# The Docker engine (infra/docker/engine.sh: no bridge, host networking only; it never touches an
# engine that was already running) and the server images the containers provider starts
# (infra/docker/images.sh: built here, cached by content, so "cached" in seconds when warm).
prepare_containers() {
  bash "${FRONTERA_ROOT}/infra/docker/engine.sh" start
  bash "${FRONTERA_ROOT}/infra/docker/images.sh" build postgres-ferretdb kafka redis
}

# The Python tools of the contract tests (schemathesis, openapi-spec-validator; pinned in
# tools/contract/requirements.txt): a venv in ${FRONTERA_CACHE_DIR:-~/.cache/frontera}/python-<hash
# of the requirements file>, created when missing (PyPI), reused otherwise. Exports
# FRONTERA_PYTHON_TOOLS (the venv's directory), where the contract tests find them.
ensure_python_tools() {
  FRONTERA_PYTHON_TOOLS="$(bash "${FRONTERA_ROOT}/tools/contract/python-env.sh")"
  export FRONTERA_PYTHON_TOOLS
  echo "    python tools: ${FRONTERA_PYTHON_TOOLS}"
}

create_topics() {
  node "${FRONTERA_ROOT}/tools/scripts/run-ts.cjs" "${FRONTERA_ROOT}/tools/scripts/create-topics.ts"
}

# Services are the directories of services/ that have a project.json.
list_services() {
  local dir
  for dir in "${FRONTERA_ROOT}"/services/*/; do
    [[ -f "${dir}project.json" ]] && basename "${dir}"
  done
}

# Local HTTP port of each service (override with FRONTERA_PORT_<NAME>).
service_port() {
  local name="$1" var
  var="FRONTERA_PORT_$(echo "${name}" | tr '[:lower:]-' '[:upper:]_')"
  if [[ -n "${!var:-}" ]]; then echo "${!var}"; return; fi
  case "${name}" in
    employers) echo 3001 ;;
    permits) echo 3002 ;;
    audits) echo 3003 ;;
    *) echo $(( 3100 + $(cksum <<<"${name}" | cut -d' ' -f1) % 800 )) ;;
  esac
}
