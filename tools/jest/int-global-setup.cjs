// Jest loads global setup outside any project transform: register ts-node
// (transpile only) and the tsconfig path aliases, then hand over to the
// TypeScript global setup of @frontera/platform-testing.
const path = require('node:path');
const root = path.resolve(__dirname, '../..');
require('ts-node').register({
  transpileOnly: true,
  project: path.join(root, 'tsconfig.base.json'),
  compilerOptions: { module: 'commonjs', moduleResolution: 'node10' },
});
const { compilerOptions } = require(path.join(root, 'tsconfig.base.json'));
require('tsconfig-paths').register({ baseUrl: root, paths: compilerOptions.paths });

module.exports = require('../../libs/platform/testing/src/infra/global-setup').default;
