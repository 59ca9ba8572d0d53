import { Agent, request as httpRequest } from 'node:http';
import { now } from '../lib';

export interface Reply {
  status: number;
  /** Parsed JSON body (undefined when the body is not JSON). */
  body: Record<string, unknown> | undefined;
  /** process.hrtime.bigint() when the status line and headers arrived. */
  headersAt: bigint;
}

/**
 * A keep-alive JSON client of one service (node:http, no retries). Every request has a timeout;
 * the agent keeps at most `maxSockets` connections, like a pool of clients.
 */
export class JsonClient {
  private readonly agent: Agent;

  constructor(
    readonly baseUrl: string,
    maxSockets: number,
    private readonly timeoutMs = 15_000,
  ) {
    this.agent = new Agent({ keepAlive: true, maxSockets });
  }

  send(method: string, path: string, headers: Record<string, string>, body?: unknown): Promise<Reply> {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const url = new URL(path, this.baseUrl);
    return new Promise<Reply>((resolve, reject) => {
      const req = httpRequest(
        url,
        {
          method,
          agent: this.agent,
          timeout: this.timeoutMs,
          headers: {
            accept: 'application/json',
            ...headers,
            ...(payload === undefined
              ? {}
              : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }),
          },
        },
        (res) => {
          const headersAt = now();
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('error', reject);
          res.on('end', () => {
            let parsed: Record<string, unknown> | undefined;
            try {
              parsed = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
            } catch {
              parsed = undefined;
            }
            resolve({ status: res.statusCode ?? 0, body: parsed, headersAt });
          });
        },
      );
      req.on('timeout', () =>
        req.destroy(new Error(`${method} ${path}: no answer within ${this.timeoutMs} ms`)),
      );
      req.on('error', reject);
      req.end(payload);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}
