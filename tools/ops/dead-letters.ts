// Dead letters for operators (decision 0048): what is on the dead-letter topics and why, and a
// replay of chosen messages to their topic once the cause is fixed. Replaying twice applies once.
//
//   node tools/scripts/run-ts.cjs tools/ops/dead-letters.ts list [--topic <dlq topic>]... [--limit N] [--json]
//   node tools/scripts/run-ts.cjs tools/ops/dead-letters.ts replay <dlq topic> <partition:offset>...
//   node tools/scripts/run-ts.cjs tools/ops/dead-letters.ts replay --all --topic <dlq topic>
//
// Environment: KAFKA_BROKERS (host:port,…), KAFKA_TOPIC_NAMESPACE (decision 0041: topic names are
// given and printed as in the catalogue, without the namespace). Exit codes: 0 done, 1 failed,
// 2 bad usage, 3 some of the chosen messages were not found or cannot be replayed.
import { logLevel } from 'kafkajs';
import {
  createKafka,
  DeadLetters,
  namespacedKafka,
  parseBrokers,
  parseSelection,
  type DeadLetterListing,
  type ReplayReport,
  type ReplaySelection,
} from '@frontera/platform-messaging';

const USAGE = `usage:
  dead-letters list [--topic <dlq topic>]... [--limit N] [--json]
  dead-letters replay <dlq topic> <partition:offset>... [--json]
  dead-letters replay --all --topic <dlq topic> [--json]`;

class UsageError extends Error {}

type Command =
  | { kind: 'list'; topics: string[]; limit: number; json: boolean }
  | { kind: 'replay'; topic: string; selection: ReplaySelection; json: boolean };

function parseCommand(argv: readonly string[]): Command {
  const [verb, ...rest] = argv;
  const topics: string[] = [];
  const positional: string[] = [];
  let limit = 50;
  let json = false;
  let all = false;
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i] as string;
    const value = (): string => {
      const next = rest[++i];
      if (next === undefined || next.startsWith('--')) throw new UsageError(`${arg} needs a value`);
      return next;
    };
    if (arg === '--topic') topics.push(value());
    else if (arg === '--limit') {
      const text = value();
      limit = Number(text);
      if (!Number.isInteger(limit) || limit < 1) throw new UsageError(`--limit ${text}: a whole number ≥ 1`);
    } else if (arg === '--json') json = true;
    else if (arg === '--all') all = true;
    else if (arg.startsWith('--')) throw new UsageError(`unknown option ${arg}`);
    else positional.push(arg);
  }
  if (verb === 'list') {
    if (positional.length > 0 || all) throw new UsageError(`list takes no ${positional[0] ?? '--all'}`);
    return { kind: 'list', topics, limit, json };
  }
  if (verb === 'replay') {
    if (all) {
      if (topics.length !== 1 || positional.length > 0)
        throw new UsageError('replay --all takes exactly one --topic and no offsets');
      return { kind: 'replay', topic: topics[0] as string, selection: { all: true }, json };
    }
    const [topic, ...offsets] = positional;
    if (topics.length > 0) throw new UsageError('--topic goes with --all; otherwise name the topic first');
    if (!topic || offsets.length === 0)
      throw new UsageError('replay needs a dead-letter topic and at least one partition:offset');
    try {
      return { kind: 'replay', topic, selection: { positions: offsets.map(parseSelection) }, json };
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
  }
  throw new UsageError(verb ? `unknown command ${verb}` : 'no command');
}

function printListing(listings: readonly DeadLetterListing[], write: (line: string) => void): void {
  for (const listing of listings) {
    const shown = listing.letters.length < listing.total ? ` (first ${listing.letters.length})` : '';
    write(`${listing.topic}: ${listing.total} dead letter(s)${shown}`);
    for (const l of listing.letters) {
      const from = l.original
        ? `${l.original.topic}[${l.original.partition}]@${l.original.offset}`
        : '(original topic unknown)';
      write(
        `  ${l.position.partition}:${l.position.offset}  from ${from}  event ${l.eventId ?? '?'} ${l.eventType ?? '?'}`,
      );
      write(
        `      ${l.reason ?? '?'} after ${l.attempts ?? '?'} attempt(s) at ${l.failedAt ?? '?'} by ${l.consumer ?? '?'} (group ${l.group ?? '?'})`,
      );
      write(`      error: ${l.error ?? '?'}`);
      if (l.replayOf) write(`      itself a replay of ${l.replayOf}`);
      if (l.replayed)
        write(
          `      replayed at ${l.replayed.replayedAt} to ${l.replayed.replayedTo.topic}[${l.replayed.replayedTo.partition}]@${l.replayed.replayedTo.offset}`,
        );
    }
  }
}

function printReplay(topic: string, report: ReplayReport, write: (line: string) => void): void {
  for (const r of report.replayed)
    write(
      `replayed ${r.deadLetter.partition}:${r.deadLetter.offset} (event ${r.eventId ?? '?'}) to ${r.replayedTo.topic}[${r.replayedTo.partition}]@${r.replayedTo.offset}`,
    );
  for (const r of report.alreadyReplayed)
    write(
      `skipped ${r.deadLetter.partition}:${r.deadLetter.offset} (event ${r.eventId ?? '?'}): already replayed at ${r.replayedAt}`,
    );
  for (const key of report.missing) write(`not found: ${key}`);
  for (const key of report.unroutable)
    write(`cannot replay ${key}: it does not say which topic it came from`);
  write(
    `${topic}: ${report.replayed.length} replayed, ${report.alreadyReplayed.length} already replayed, ${report.missing.length} not found, ${report.unroutable.length} unroutable`,
  );
}

async function run(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
  write: (line: string) => void,
): Promise<number> {
  const command = parseCommand(argv);
  const kafka = namespacedKafka(
    createKafka({
      clientId: 'frontera-ops-dead-letters',
      brokers: parseBrokers(env['KAFKA_BROKERS']),
      logLevel: logLevel.ERROR,
      kafka: { retry: { retries: 8 } },
    }),
    env['KAFKA_TOPIC_NAMESPACE']?.trim() ?? '',
  );
  const deadLetters = new DeadLetters({ kafka });
  if (command.kind === 'list') {
    const listings = await deadLetters.list({ topics: command.topics, limit: command.limit });
    if (command.json) write(JSON.stringify(listings.map(withoutContent), null, 2));
    else printListing(listings, write);
    return 0;
  }
  const report = await deadLetters.replay(command.topic, command.selection);
  if (command.json) write(JSON.stringify(report, null, 2));
  else printReplay(command.topic, report, write);
  return report.missing.length + report.unroutable.length > 0 ? 3 : 0;
}

/** JSON output: what the text output shows, never the message's value (it may hold personal data). */
function withoutContent(listing: DeadLetterListing): unknown {
  return {
    ...listing,
    letters: listing.letters.map(({ key, value: _value, headers: _headers, ...rest }) => ({
      ...rest,
      key: key?.toString('utf8') ?? null,
    })),
  };
}

run(process.argv.slice(2), process.env, (line) => process.stdout.write(`${line}\n`)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof UsageError) {
      process.stderr.write(`dead-letters: ${error.message}\n${USAGE}\n`);
      process.exit(2);
    }
    process.stderr.write(`dead-letters: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
