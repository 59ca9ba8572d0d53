// Integration tier: *.int-spec.ts against the real servers started by infra/local/servers.sh.
module.exports = require('./jest.tier.cjs').tierConfig('int', {
  globalSetup: '<rootDir>/tools/jest/int-global-setup.cjs',
  globalTeardown: '<rootDir>/tools/jest/int-global-teardown.cjs',
});
