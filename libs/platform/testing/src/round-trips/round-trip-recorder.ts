import type { Redis } from 'ioredis';
import type { Connection, mongo } from 'mongoose';

/** One data command a MongoDB client sent: its name, its collection and its filter (if any). */
export interface DatabaseCommand {
  readonly name: string;
  readonly collection: string;
  readonly filter?: mongo.Document;
}

/** Driver commands that are round trips to the data (not the driver's own housekeeping). */
export const DATA_COMMANDS: ReadonlySet<string> = new Set([
  'find',
  'insert',
  'update',
  'delete',
  'findAndModify',
  'aggregate',
  'count',
]);

function firstStatement(statements: unknown): mongo.Document | undefined {
  return Array.isArray(statements) ? (statements[0]?.q as mongo.Document | undefined) : undefined;
}

/**
 * Every data command the connection's client sends to the connection's database from now on, in
 * order, as the driver's command monitoring reports it (the client must be created with
 * `monitorCommands: true`): what round-trip budgets count, from outside the code. Empty the array
 * (`length = 0`) to start counting again.
 */
export function recordDatabaseCommands(connection: Connection): DatabaseCommand[] {
  const commands: DatabaseCommand[] = [];
  const databaseName = connection.db?.databaseName;
  connection.getClient().on('commandStarted', (event) => {
    if (event.databaseName !== databaseName || !DATA_COMMANDS.has(event.commandName)) return;
    const command = event.command as mongo.Document;
    const filter =
      (command['filter'] as mongo.Document | undefined) ??
      firstStatement(command['updates']) ??
      firstStatement(command['deletes']) ??
      (command['query'] as mongo.Document | undefined);
    commands.push({
      name: event.commandName,
      collection: String(command[event.commandName]),
      ...(filter ? { filter } : {}),
    });
  });
  return commands;
}

/**
 * The name (upper case) of every command this ioredis connection sends from now on, in order,
 * counted at the client. Empty the array (`length = 0`) to start counting again.
 */
export function recordRedisCommands(redis: Redis): string[] {
  const commands: string[] = [];
  const send = redis.sendCommand.bind(redis);
  redis.sendCommand = ((command: { name: string }, stream?: unknown) => {
    commands.push(command.name.toUpperCase());
    return send(command as never, stream as never);
  }) as typeof redis.sendCommand;
  return commands;
}
