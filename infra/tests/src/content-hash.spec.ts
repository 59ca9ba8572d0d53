import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

interface ContextFile {
  path: string;
  executable: boolean;
  content: Buffer | string;
}
interface ContentHashModule {
  contentHash(input: {
    files: readonly ContextFile[];
    dockerfile: Buffer | string;
    buildArgs?: Record<string, string>;
  }): string;
  readContext(dir: string): ContextFile[];
  parseBuildArgs(list: readonly string[]): Record<string, string>;
}

// A plain CommonJS script of infra/docker (run by images.sh with node), not a workspace library.
const { contentHash, parseBuildArgs, readContext } = require(
  join(__dirname, '../../docker/lib/content-hash.cjs'),
) as ContentHashModule;

/** The content hash infra/docker/images.sh labels images with and skips builds by. */
describe('contentHash', () => {
  const files = [
    { path: 'start.sh', executable: true, content: '#!/bin/sh\necho hi\n' },
    { path: 'sql/a.sql', executable: false, content: 'SELECT 1;' },
  ];
  const base = {
    files,
    dockerfile: 'FROM x\nCOPY . /\n',
    buildArgs: { BASE_IMAGE: 'frontera-local/debian:abc' },
  };
  const hash = contentHash(base);

  it('is 16 hex digits and the same for the same inputs in any order', () => {
    expect(hash).toMatch(/^[0-9a-f]{16}$/);
    expect(
      contentHash({
        files: [...files].reverse(),
        dockerfile: Buffer.from(base.dockerfile),
        buildArgs: { ...base.buildArgs },
      }),
    ).toBe(hash);
  });

  it.each([
    ['a file content', { ...base, files: [files[0], { ...files[1], content: 'SELECT 2;' }] }],
    ['a file path', { ...base, files: [files[0], { ...files[1], path: 'sql/b.sql' }] }],
    ['the executable bit', { ...base, files: [{ ...files[0], executable: false }, files[1]] }],
    ['a file added', { ...base, files: [...files, { path: 'x', executable: false, content: '' }] }],
    ['a file removed', { ...base, files: [files[0]] }],
    ['the Dockerfile', { ...base, dockerfile: 'FROM y\nCOPY . /\n' }],
    ['a build argument value', { ...base, buildArgs: { BASE_IMAGE: 'frontera-local/debian:abd' } }],
    ['a build argument added', { ...base, buildArgs: { ...base.buildArgs, SERVICE: 'permits' } }],
  ])('changes with %s', (_what, input) => {
    expect(contentHash(input)).not.toBe(hash);
  });

  it('cannot be fooled by moving bytes between a path and its content', () => {
    const a = contentHash({ files: [{ path: 'ab', executable: false, content: 'c' }], dockerfile: '' });
    const b = contentHash({ files: [{ path: 'a', executable: false, content: 'bc' }], dockerfile: '' });
    expect(a).not.toBe(b);
  });
});

describe('readContext', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'frontera-hash-'));
    mkdirSync(join(dir, 'sub'));
    writeFileSync(join(dir, 'sub/b.txt'), 'b');
    writeFileSync(join(dir, 'a.sh'), 'a');
    chmodSync(join(dir, 'a.sh'), 0o755);
    symlinkSync('sub/b.txt', join(dir, 'link'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('lists every file sorted, with its executable bit, and a symlink by its target', () => {
    const entries = readContext(dir).map((f) => ({ ...f, content: String(f.content) }));
    expect(entries).toEqual([
      { path: 'a.sh', executable: true, content: 'a' },
      { path: 'link', executable: false, content: 'symlink:sub/b.txt' },
      { path: 'sub/b.txt', executable: false, content: 'b' },
    ]);
  });

  it('gives a different hash once a file changes on disk', () => {
    const before = contentHash({ files: readContext(dir), dockerfile: 'FROM x' });
    writeFileSync(join(dir, 'sub/b.txt'), 'B');
    expect(contentHash({ files: readContext(dir), dockerfile: 'FROM x' })).not.toBe(before);
  });
});

describe('parseBuildArgs', () => {
  it('reads NAME=value, values may hold "="', () => {
    expect(parseBuildArgs(['A=1', 'B=x=y', 'C='])).toEqual({ A: '1', B: 'x=y', C: '' });
  });
  it('refuses anything else', () => {
    expect(() => parseBuildArgs(['=1'])).toThrow(/not NAME=value/);
    expect(() => parseBuildArgs(['PLAIN'])).toThrow(/not NAME=value/);
  });
});
