// End-to-end tier: *.e2e-spec.ts across running services over HTTP and Kafka.
module.exports = require('./jest.tier.cjs').tierConfig('e2e', {
  globalSetup: '<rootDir>/tools/jest/int-global-setup.cjs',
  globalTeardown: '<rootDir>/tools/jest/int-global-teardown.cjs',
});
