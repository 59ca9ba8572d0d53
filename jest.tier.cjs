// Shared by the root tier configs: every project that has a jest.config.cts.
const fs = require('node:fs');
const path = require('node:path');

function projectDirs(root = __dirname) {
  const found = [];
  for (const top of ['libs', 'services', 'infra']) {
    const walk = (dir) => {
      if (!fs.existsSync(dir)) return;
      if (fs.existsSync(path.join(dir, 'jest.config.cts'))) found.push(dir);
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

function tierConfig(tier, overrides = {}) {
  process.env.FRONTERA_TEST_TIER = tier;
  return { projects: projectDirs(), ...overrides };
}

module.exports = { tierConfig, projectDirs };
