// Shared by the root tier configs: every project that has a jest.config.cjs.
const fs = require('node:fs');
const path = require('node:path');

function projectDirs(root = __dirname) {
  const found = [];
  for (const top of ['libs', 'services', 'infra', 'tests']) {
    const walk = (dir) => {
      if (!fs.existsSync(dir)) return;
      if (fs.existsSync(path.join(dir, 'jest.config.cjs'))) found.push(dir);
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        if (entry.isDirectory() && !['node_modules', 'src', 'test', 'dist'].includes(entry.name)) {
          walk(path.join(dir, entry.name));
        }
      }
    };
    walk(path.join(root, top));
  }
  return found;
}

// In multi-project mode Jest reads testTimeout from the root config only.
const TIMEOUT_MS = { unit: 5_000, int: 60_000, e2e: 120_000, compose: 600_000, cluster: 900_000 };

function tierConfig(tier, overrides = {}) {
  process.env.FRONTERA_TEST_TIER = tier;
  return { projects: projectDirs(), testTimeout: TIMEOUT_MS[tier], ...overrides };
}

module.exports = { tierConfig, projectDirs };
