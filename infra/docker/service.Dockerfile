# Every Frontera service: one Dockerfile, the service named by the SERVICE build
# argument (a directory of services/).
#
# Build context is the repository root (the service is built from the whole Nx
# workspace):
#   docker build -f infra/docker/service.Dockerfile --build-arg SERVICE=permits -t frontera/permits .
# or through docker-compose.yml (one compose service per services/ directory). NODE_IMAGE lets an air-gapped build use a
# mirrored or locally built Node 20 Debian image with a `node` user: infra/docker/images.sh passes
# frontera-local/node (the machine's own Node >= 20.19 and npm on a debootstrap Debian base).
#
# Written for the classic builder as well as BuildKit: no `# syntax=` line
# (BuildKit would pull the frontend image) and no RUN --mount caches.

ARG NODE_IMAGE=node:20-bookworm-slim
ARG SERVICE

# ---------------------------------------------------------------------------
# builder: full workspace install, production build of the service
# ---------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS builder
WORKDIR /workspace

# No Nx daemon or cloud inside a one-shot build; no install-time analytics.
ENV NX_DAEMON=false \
    NX_NO_CLOUD=true \
    NX_SKIP_NX_CACHE=true \
    SCARF_ANALYTICS=false \
    CI=true

# Lockfile first, so the dependency layer is reused until the lockfile changes.
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

# SERVICE is declared only now: the classic builder keys every later RUN on the build arguments
# in scope, so the three services share the dependency layer above.
ARG SERVICE
COPY . .
# Webpack bundles the service and the workspace libs it imports (tsconfig
# paths) into main.js, and generatePackageJson writes a package.json plus a
# package-lock.json pruned to the service's third-party runtime dependencies.
# The project's prune-lockfile/copy-workspace-modules targets are not used:
# they need a services/<name>/package.json (TS project-references layout),
# which this workspace does not have, and the build output already holds the
# pruned lockfile while libs need no workspace_modules since they are bundled.
RUN test -n "${SERVICE}" && test -f "services/${SERVICE}/project.json" \
 && npx nx build "${SERVICE}" --configuration=production \
 && test -f "dist/services/${SERVICE}/main.js" \
 && test -f "dist/services/${SERVICE}/package-lock.json"

# ---------------------------------------------------------------------------
# deps: production dependencies only, from the pruned lockfile
# ---------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS deps
ARG SERVICE
WORKDIR /app
ENV NODE_ENV=production \
    SCARF_ANALYTICS=false
COPY --from=builder /workspace/dist/services/${SERVICE}/package.json \
                    /workspace/dist/services/${SERVICE}/package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund \
 && npm cache clean --force

# ---------------------------------------------------------------------------
# runtime
# ---------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS runtime
ARG SERVICE

# tini as PID 1: forwards SIGTERM/SIGINT to node (which then runs Nest's
# shutdown hooks) and reaps zombies. `docker run --init` / compose `init: true`
# would do the same, but baking it in also covers Kubernetes and plain runs.
RUN apt-get update \
 && apt-get install -y --no-install-recommends tini \
 && rm -rf /var/lib/apt/lists/*

# Everything else comes from the environment at run time and is validated at boot (the service
# exits 1 listing every problem): see the Environment table of services/<name>/README.md.
# docker-compose.yml sets the platform's variables for every service and, per service, those of
# its own without a production default (the permits service's minimum wage and public URL).
ENV NODE_ENV=production \
    PORT=3000
# The process environment of tools/system/node-flags.ts (SERVICE_PROCESS_ENV; decision 0056).
ENV MALLOC_ARENA_MAX=2
WORKDIR /app

# Files stay owned by root: the `node` user can read but not modify the app.
COPY --from=deps /app/node_modules ./node_modules
COPY --from=builder /workspace/dist/services/${SERVICE}/ ./

USER node
EXPOSE 3000

# Slim images have neither curl nor wget: probe readiness with node itself.
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "require('http').get({host: '127.0.0.1', port: process.env.PORT || 3000, path: '/health/ready', timeout: 4000}, (r) => process.exit(r.statusCode === 200 ? 0 : 1)).on('timeout', () => process.exit(1)).on('error', () => process.exit(1))"]

ENTRYPOINT ["/usr/bin/tini", "--"]
# The node flags of tools/system/node-flags.ts (SERVICE_NODE_FLAGS; decision 0052), the same everywhere.
CMD ["node", "--max-semi-space-size=4", "main.js"]
