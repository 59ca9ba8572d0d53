import type { Admin } from 'kafkajs';
import mongoose, { type Connection } from 'mongoose';
import { databaseUri, endpointsFromEnv, uniqueName } from '@frontera/platform-testing';
import { ensureTopics } from '../../src/kafka/ensure-topics';
import type { MessagingLogger } from '../../src/support/logger';

export interface TestTopic {
  readonly name: string;
  readonly deadLetter: string;
}

const createdTopics = new Set<string>();

/** A topic of the test's own and its `.dlq` companion, created before any consumer subscribes. */
export async function createTestTopic(admin: Admin, prefix: string, partitions = 3): Promise<TestTopic> {
  const name = uniqueName(prefix);
  const deadLetter = `${name}.dlq`;
  createdTopics.add(name).add(deadLetter);
  await ensureTopics(admin, [
    { name, description: 'test topic', partitions, retentionMs: 3_600_000 },
    { name: deadLetter, description: 'test dead letters', partitions: 1, retentionMs: 3_600_000 },
  ]);
  return { name, deadLetter };
}

/** Deletes the topics this test file created (call in afterAll, after consumers stopped). */
export async function deleteTestTopics(admin: Admin): Promise<void> {
  if (createdTopics.size === 0) return;
  await admin.deleteTopics({ topics: [...createdTopics] });
  createdTopics.clear();
}

/** URI of a database of the test's own on the test server. */
export function testDatabaseUri(prefix: string): string {
  return databaseUri(endpointsFromEnv().mongodbUri, uniqueName(prefix));
}

/** Connects with a small pool (FerretDB opens PostgreSQL connections in step with the client's). */
export async function connectTestDatabase(
  prefixOrUri: string,
  options: { readonly monitorCommands?: boolean } = {},
): Promise<Connection> {
  const uri = prefixOrUri.startsWith('mongodb') ? prefixOrUri : testDatabaseUri(prefixOrUri);
  return mongoose.createConnection(uri, { maxPoolSize: 5, ...options }).asPromise();
}

export async function dropAndClose(connection: Connection | undefined): Promise<void> {
  if (!connection) return;
  await connection.dropDatabase();
  await connection.close();
}

/** Keeps log lines for assertions instead of printing them. */
export class CapturingLogger implements MessagingLogger {
  readonly lines: { level: 'log' | 'warn' | 'error'; message: string }[] = [];

  log(message: string): void {
    this.lines.push({ level: 'log', message });
  }

  warn(message: string): void {
    this.lines.push({ level: 'warn', message });
  }

  error(message: string): void {
    this.lines.push({ level: 'error', message });
  }

  messages(level: 'log' | 'warn' | 'error'): string[] {
    return this.lines.filter((l) => l.level === level).map((l) => l.message);
  }
}

/** A promise with its resolve function, for holding a handler until the test lets it go. */
export function gate(): { promise: Promise<void>; open: () => void } {
  let open: () => void = () => undefined;
  const promise = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { promise, open };
}
