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
 * A keep-alive JSON client of one service (node:http; no retries, but for a request on a kept-alive
 * socket the server had closed, sent again once): JSON bodies, or text such as a CSV file
 * (sendText); answers parsed as JSON. Every request has a timeout;
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
    return this.request(
      method,
      path,
      headers,
      body === undefined ? undefined : { contentType: 'application/json', data: JSON.stringify(body) },
    );
  }

  /** A request whose body is `data` as it is, e.g. a CSV file (`text/csv; charset=utf-8`). */
  sendText(
    method: string,
    path: string,
    headers: Record<string, string>,
    contentType: string,
    data: string | Buffer,
  ): Promise<Reply> {
    return this.request(method, path, headers, { contentType, data });
  }

  private request(
    method: string,
    path: string,
    headers: Record<string, string>,
    payload: { contentType: string; data: string | Buffer } | undefined,
    retried = false,
  ): Promise<Reply> {
    const url = new URL(path, this.baseUrl);
    return new Promise<Reply>((resolve, reject) => {
      let answered = false;
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
              : { 'content-type': payload.contentType, 'content-length': Buffer.byteLength(payload.data) }),
          },
        },
        (res) => {
          answered = true;
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
      req.on('error', (err: NodeJS.ErrnoException) => {
        // A kept-alive socket the server closed while it was idle (its keepAliveTimeout) fails
        // the next request before it is read: sent again once, on a new socket.
        if (!retried && !answered && req.reusedSocket && err.code === 'ECONNRESET') {
          resolve(this.request(method, path, headers, payload, true));
          return;
        }
        reject(err);
      });
      req.end(payload?.data);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}
