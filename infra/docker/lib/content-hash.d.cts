// Types of content-hash.cjs for the TypeScript tests (infra/tests).
export interface ContextFile {
  path: string;
  executable: boolean;
  content: Buffer | string;
}
export function contentHash(input: {
  files: readonly ContextFile[];
  dockerfile: Buffer | string;
  buildArgs?: Record<string, string>;
}): string;
export function readContext(dir: string): ContextFile[];
export function parseBuildArgs(list: readonly string[]): Record<string, string>;
export function listFiles(dir: string): string[];
