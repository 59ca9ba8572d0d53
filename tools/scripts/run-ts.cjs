// Runs a TypeScript file of the workspace with ts-node (transpile only) and the
// tsconfig path aliases: `node tools/scripts/run-ts.cjs <file.ts> [args...]`.
// Also required by Jest's global setup, which runs outside any transform.
const path = require('node:path');

const root = path.resolve(__dirname, '../..');

// Per process (not an environment variable, which child processes would inherit).
const REGISTERED = Symbol.for('frontera.ts-registered');

function register() {
  if (globalThis[REGISTERED]) return;
  require('ts-node').register({
    transpileOnly: true,
    project: path.join(root, 'tsconfig.base.json'),
    compilerOptions: { module: 'commonjs', moduleResolution: 'bundler' },
  });
  const { compilerOptions } = require(path.join(root, 'tsconfig.base.json'));
  require('tsconfig-paths').register({ baseUrl: root, paths: compilerOptions.paths });
  globalThis[REGISTERED] = true;
}

module.exports = { register, root };

if (require.main === module) {
  const [file, ...args] = process.argv.slice(2);
  if (!file) {
    console.error('usage: node tools/scripts/run-ts.cjs <file.ts> [args...]');
    process.exit(2);
  }
  register();
  process.argv = [process.argv[0], path.resolve(file), ...args];
  require(path.resolve(file));
}
