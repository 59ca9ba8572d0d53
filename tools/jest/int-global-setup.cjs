// Jest loads global setup outside any project transform: register TypeScript
// support, then hand over to the TypeScript global setup beside this file.
require('../scripts/run-ts.cjs').register();

module.exports = require('./global-setup.ts').default;
