import { aPrincipal, type TestTokenIssuer } from '@frontera/platform-auth/testing';
import { waitFor } from '@frontera/platform-testing';

/** One answer of the system, parsed (JSON, else text). */
export interface Answer {
  readonly status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON of three services
  readonly body: any;
}

export interface CallOptions {
  readonly token?: string;
  readonly json?: unknown;
  readonly csv?: string;
  readonly idempotencyKey?: string;
}

/** HTTP to the entry point only: what a client of the running system can do. */
export class Client {
  constructor(private readonly base: string) {}

  async call(method: string, path: string, options: CallOptions = {}): Promise<Answer> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (options.token) headers['authorization'] = `Bearer ${options.token}`;
    if (options.idempotencyKey) headers['idempotency-key'] = options.idempotencyKey;
    let body: string | undefined;
    if (options.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(options.json);
    } else if (options.csv !== undefined) {
      headers['content-type'] = 'text/csv';
      body = options.csv;
    }
    const response = await fetch(`${this.base}${path}`, {
      method,
      headers,
      body,
      signal: AbortSignal.timeout(30_000),
    });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text.length > 0 ? JSON.parse(text) : null;
    } catch {
      // not JSON: keep the text
    }
    return { status: response.status, body: parsed };
  }

  /** The call, which must answer one of `statuses` (the first by default 200); its body. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON of three services
  async expect(method: string, path: string, statuses: number[], options: CallOptions = {}): Promise<any> {
    const answer = await this.call(method, path, options);
    if (!statuses.includes(answer.status)) {
      throw new Error(
        `${method} ${path}: HTTP ${answer.status}, expected ${statuses.join(' or ')}: ${JSON.stringify(answer.body).slice(0, 1_500)}`,
      );
    }
    return answer.body;
  }

  get = (path: string, token?: string) => this.expect('GET', path, [200], token ? { token } : {});
}

/** Waits for an effect that crosses Kafka or BullMQ: polls with a deadline, never a fixed sleep. */
export function eventually<T>(what: string, probe: () => Promise<T | undefined | false>, timeoutMs = 90_000) {
  return waitFor(probe, what, timeoutMs, 500);
}

/** Tokens of each role, signed with the running system's key. */
export function tokensOf(issuer: TestTokenIssuer) {
  const ttlSeconds = 3_600;
  return {
    employer: (employerId: string) =>
      issuer.mintFor(
        aPrincipal('employer').withSubject(`staff-${employerId}`).ofEmployer(employerId).build(),
        {
          ttlSeconds,
        },
      ),
    officer: (...states: string[]) =>
      issuer.mintFor(
        aPrincipal('officer')
          .withSubject('officer-e2e')
          .inStates(...states)
          .build(),
        { ttlSeconds },
      ),
    supervisor: (...states: string[]) =>
      issuer.mintFor(
        aPrincipal('supervisor')
          .withSubject('supervisor-e2e')
          .inStates(...states)
          .build(),
        {
          ttlSeconds,
        },
      ),
    inspector: (inspectorId: string, ...states: string[]) =>
      issuer.mintFor(
        aPrincipal('inspector')
          .withSubject(`person-${inspectorId}`)
          .asInspector(inspectorId)
          .inStates(...states)
          .build(),
        { ttlSeconds },
      ),
  };
}
