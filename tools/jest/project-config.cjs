// One Jest configuration for every project, parameterised by test tier.
//
// Tiers are told apart by file suffix (see docs/conventions.md):
//   unit  *.spec.ts      pure logic, no servers          (nx run-many -t test)
//   int   *.int-spec.ts  against real Kafka, FerretDB, Redis (jest -c jest.int.config.cjs)
//   e2e   *.e2e-spec.ts  across running services          (jest -c jest.e2e.config.cjs)
//   compose *.compose-spec.ts the compose stack in Docker   (FRONTERA_COMPOSE_TEST=1 jest -c jest.compose.config.cjs)
//   cluster *.cluster-spec.ts the three-broker Kafka cluster (jest -c jest.cluster.config.cjs)
//
// The tier comes from FRONTERA_TEST_TIER, which the root tier configs set before
// Jest loads the project configs. Type checking is done once by `npm run typecheck`,
// so ts-jest only transpiles (isolatedModules in tsconfig.spec.json).
const path = require('node:path');

const workspaceRoot = path.resolve(__dirname, '../..');

// Also transpiled: @opentelemetry/otlp-exporter-base loads node:http with a dynamic `import('http')`,
// which Jest's CommonJS runtime refuses without --experimental-vm-modules ("A dynamic import
// callback was invoked…"); transpiled, it is a require. Node and webpack load it as published.
const ESM_ONLY_DEPENDENCIES = ['jose', '@opentelemetry/otlp-exporter-base'];

const TIER_REGEX = {
  unit: '\\.spec\\.ts$',
  int: '\\.int-spec\\.ts$',
  e2e: '\\.e2e-spec\\.ts$',
  compose: '\\.compose-spec\\.ts$',
  cluster: '\\.cluster-spec\\.ts$',
};

function projectJestConfig(projectDir) {
  const tier = process.env.FRONTERA_TEST_TIER || 'unit';
  if (!TIER_REGEX[tier]) {
    throw new Error(`FRONTERA_TEST_TIER must be one of ${Object.keys(TIER_REGEX).join(', ')}, got "${tier}"`);
  }
  const relative = path.relative(workspaceRoot, projectDir);
  return {
    displayName: `${relative} (${tier})`,
    rootDir: projectDir,
    testEnvironment: 'node',
    resolver: '@nx/jest/plugins/resolver',
    testRegex: TIER_REGEX[tier],
    testPathIgnorePatterns: ['/node_modules/', '/dist/'],
    moduleFileExtensions: ['ts', 'js', 'cjs', 'json'],
    transform: {
      '^.+\\.ts$': ['ts-jest', { tsconfig: path.join(projectDir, 'tsconfig.spec.json') }],
      // Dependencies published as ES modules only (jose 6), which Jest's CommonJS
      // runtime cannot require: transpile them, and only them. Node itself loads them
      // natively (require(esm)).
      [`/node_modules/(${ESM_ONLY_DEPENDENCIES.join('|')})/.+\\.js$`]: [
        'ts-jest',
        { tsconfig: path.join(__dirname, 'tsconfig.esm-deps.json') },
      ],
    },
    transformIgnorePatterns: [`/node_modules/(?!(${ESM_ONLY_DEPENDENCIES.join('|')})/)`],
    coverageDirectory: path.join(workspaceRoot, 'coverage', relative),
  };
}

module.exports = { projectJestConfig, workspaceRoot };
