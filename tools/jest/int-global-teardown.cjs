// Jest loads global teardown outside any project transform (see int-global-setup.cjs).
require('../scripts/run-ts.cjs').register();

module.exports = require('./global-teardown.ts').default;
