// Cluster tier: *.cluster-spec.ts, the three-broker Kafka cluster of infra/local/kafka-cluster.sh
// (about 2 GB, 8–10 minutes: a broker killed under load, two consumer instances; the whole system with
// one and two instances of each service, tools/ops/scale-out.ts). Opt-in, as the
// compose tier: FRONTERA_CLUSTER_TEST=1 bash scripts/test.sh, or
//   npx jest -c jest.cluster.config.cjs --maxWorkers=1
// The single-node servers of the local path are started too (the consumers' FerretDB).
module.exports = require('./jest.tier.cjs').tierConfig('cluster', {
  globalSetup: '<rootDir>/tools/jest/int-global-setup.cjs',
  globalTeardown: '<rootDir>/tools/jest/int-global-teardown.cjs',
});
