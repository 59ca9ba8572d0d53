import { randomBytes } from 'node:crypto';
import type { mongo } from 'mongoose';
import { PermitNumber } from '@frontera/permits-domain';
import { anIssuedPermit, type IssuedPermit } from '../support/issued-permits';
import { anActiveEmployer, aWorker, startPermitsApp, type PermitsTestApp } from '../support/permits-test-app';

jest.setTimeout(120_000);

type Kind =
  | 'known number, wrong year of birth'
  | 'unknown number'
  | 'wrong check character'
  | 'unknown token';
const REFERENCE: Kind = 'known number, wrong year of birth';
const KINDS: readonly Kind[] = [REFERENCE, 'unknown number', 'wrong check character', 'unknown token'];

function withWrongCheckCharacter(number: string): string {
  const right = number.slice(-1);
  return `${number.slice(0, -1)}${right === 'A' ? 'B' : 'A'}`;
}

/**
 * Misses must cost what a found permit with the wrong year of birth costs, or the time of the answer
 * would tell that a permit exists (PublicVerificationHandler: the same three reads on every path,
 * a decoy number when the number does not parse). Proven here by the work itself, which does not
 * depend on the machine's load: every kind of miss sends the database the same commands, to the
 * same collections, with filters of the same fields, and answers the same bytes. (Times on this
 * shared 2-core machine vary by more than the difference a skipped read would make; they are
 * measured in a benchmark, not asserted in a test.)
 */
describe('public verification: every miss does the work of a found permit with the wrong year of birth', () => {
  let t: PermitsTestApp;
  let known: IssuedPermit;
  const commands: string[] = [];

  beforeAll(async () => {
    t = await startPermitsApp({ env: { VERIFY_RATE_PER_MINUTE: '100000' }, monitorCommands: true });
    known = await anIssuedPermit(t, await anActiveEmployer(t), aWorker());
    const dbName = t.connection.db?.databaseName;
    t.connection.getClient().on('commandStarted', (event) => {
      if (event.databaseName !== dbName) return;
      // What verification may read, and processed_events (a consumer at work: see workOf).
      if (
        !['permits', 'workers', 'employer_standings', 'processed_events'].includes(
          String(event.command[event.commandName]),
        )
      )
        return;
      const command = event.command as mongo.Document;
      const filter = (command['filter'] ?? {}) as mongo.Document;
      // The outbox relay's periodic look for pending entries is not the request's.
      if ('outboxPending' in filter) return;
      commands.push(
        // The filter's fields are the kind's own (a token's index or a number): one find of a
        // permit either way.
        `${event.commandName} ${String(command[event.commandName])} limit=${String(command['limit'] ?? '')}${'_id' in filter ? ' by id' : ''}`,
      );
    });
  });

  afterAll(async () => {
    await t?.close();
  });

  function pathOf(kind: Kind): string {
    switch (kind) {
      case 'known number, wrong year of birth':
        return `/verify?number=${encodeURIComponent(known.number)}&birthYear=1950`;
      case 'unknown number': {
        const number = PermitNumber.issue({
          state: 'CHP',
          year: 2026,
          random: (n) => Math.floor(Math.random() * n),
        });
        return `/verify?number=${encodeURIComponent(number.value)}&birthYear=1996`;
      }
      case 'wrong check character':
        return `/verify?number=${encodeURIComponent(withWrongCheckCharacter(known.number))}&birthYear=1996`;
      case 'unknown token':
        return `/verify/${randomBytes(16).toString('base64url')}`;
    }
  }

  /**
   * The commands of one request. The app's consumers share the database connection and the
   * catalogue topics other tests write to: a window in which a consumer handled an event (it
   * records it in processed_events) is taken again.
   */
  async function workOf(kind: Kind): Promise<{ commands: string[]; status: number; body: string }> {
    for (let attempt = 1; ; attempt++) {
      commands.length = 0;
      const response = await t.http.get(pathOf(kind)).set('Accept-Language', 'es');
      const seen = [...commands];
      if (seen.some((c) => c.includes(' processed_events ')) && attempt < 50) continue;
      // Reads run together (Promise.all): compare them as a set, in a stable order.
      // The correlation id is the request's own, the instance its path.
      const { correlationId, instance, ...body } = response.body as Record<string, unknown>;
      expect(typeof correlationId).toBe('string');
      expect(typeof instance).toBe('string');
      return { commands: seen.sort(), status: response.status, body: JSON.stringify(body) };
    }
  }

  it('each kind of miss sends the same database commands and answers the same 404 as the wrong year of birth', async () => {
    // Warm-up: the first request of a route may open connections or compile the schemas.
    for (const kind of KINDS) await workOf(kind);
    const reference = await workOf(REFERENCE);
    expect(reference.status).toBe(404);
    // Permit, standing, worker: the three reads of a found permit.
    expect(reference.commands).toHaveLength(3);
    for (const kind of KINDS) {
      const work = await workOf(kind);
      expect({ kind, ...work }).toEqual({ kind, ...reference });
    }
  });
});
