#!/usr/bin/env node
// The content hash of an image's inputs: its Dockerfile, its build arguments and every file of its
// (staged) build context. infra/docker/images.sh stores it as the image label frontera.content-hash
// and in the tag frontera-local/<name>:<hash>, and skips the build when an image with it exists.
//
// CLI: node content-hash.cjs <context dir> <Dockerfile> [NAME=value ...]   prints 16 hex digits
//
// What counts: each file's path relative to the context, whether it is executable, its bytes (a
// symlink counts by its target); the Dockerfile's bytes; the build arguments sorted by name. File
// times, owners and the order files are listed in do not.
'use strict';
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

/** Every regular file and symlink under dir, as sorted paths relative to it ("/" separators). */
function listFiles(dir) {
  const out = [];
  const walk = (rel) => {
    for (const entry of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const child = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(child);
      else if (entry.isFile() || entry.isSymbolicLink()) out.push(child);
    }
  };
  walk('');
  return out.sort();
}

/**
 * Pure: the hash of a list of entries {path, executable, content (Buffer|string)}, a Dockerfile text
 * and build arguments ({NAME: value}). Same inputs in any order → same hash.
 */
function contentHash({ files, dockerfile, buildArgs = {} }) {
  const h = crypto.createHash('sha256');
  const field = (s) => {
    const b = Buffer.isBuffer(s) ? s : Buffer.from(String(s));
    h.update(`${b.length}:`);
    h.update(b);
  };
  field('frontera-image-v1');
  field(dockerfile);
  const args = Object.keys(buildArgs).sort();
  field(args.length);
  for (const name of args) {
    field(name);
    field(buildArgs[name]);
  }
  const sorted = [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  field(sorted.length);
  for (const f of sorted) {
    field(f.path);
    field(f.executable ? 'x' : '-');
    field(crypto.createHash('sha256').update(f.content).digest());
  }
  return h.digest('hex').slice(0, 16);
}

/** Reads a context directory into the entries contentHash takes. */
function readContext(dir) {
  return listFiles(dir).map((rel) => {
    const full = path.join(dir, rel);
    const st = fs.lstatSync(full);
    if (st.isSymbolicLink())
      return { path: rel, executable: false, content: `symlink:${fs.readlinkSync(full)}` };
    return { path: rel, executable: (st.mode & 0o111) !== 0, content: fs.readFileSync(full) };
  });
}

/** "NAME=value" strings → {NAME: value}; anything else is an error. */
function parseBuildArgs(list) {
  const args = {};
  for (const item of list) {
    const i = item.indexOf('=');
    if (i <= 0) throw new Error(`build argument "${item}" is not NAME=value`);
    args[item.slice(0, i)] = item.slice(i + 1);
  }
  return args;
}

module.exports = { contentHash, readContext, parseBuildArgs, listFiles };

if (require.main === module) {
  const [contextDir, dockerfilePath, ...rest] = process.argv.slice(2);
  if (!contextDir || !dockerfilePath) {
    process.stderr.write('usage: content-hash.cjs <context dir> <Dockerfile> [NAME=value ...]\n');
    process.exit(2);
  }
  process.stdout.write(
    `${contentHash({
      files: readContext(contextDir),
      dockerfile: fs.readFileSync(dockerfilePath),
      buildArgs: parseBuildArgs(rest),
    })}\n`,
  );
}
