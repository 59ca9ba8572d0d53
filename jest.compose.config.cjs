// Compose tier: *.compose-spec.ts, the compose stack (docker-compose.yml + docker-compose.local.yml)
// brought up from the images built here. Needs a Docker engine and the images; runs only with
// FRONTERA_COMPOSE_TEST=1 (the suite fails, with what to do, otherwise or when something is missing):
//   FRONTERA_COMPOSE_TEST=1 npx jest -c jest.compose.config.cjs --maxWorkers=1
// No servers of the local path are started: the stack brings its own.
module.exports = require('./jest.tier.cjs').tierConfig('compose');
