// Unit tier across the workspace: `npx jest` (nx run-many -t test runs the same per project).
module.exports = require('./jest.tier.cjs').tierConfig('unit');
