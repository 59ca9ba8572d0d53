// Jest loads global setup outside any project transform: register TypeScript
// support, then hand over to the global setup of @frontera/platform-testing.
require('../scripts/run-ts.cjs').register();

module.exports = require('../../libs/platform/testing/src/infra/global-setup').default;
