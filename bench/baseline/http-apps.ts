import 'reflect-metadata';
import { Controller, Get, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ExpressAdapter } from '@nestjs/platform-express';
import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { freePort } from '@frontera/platform-testing';
import { LOOPBACK } from '../lib';

/** The one response both servers give: GET /ping → 200 application/json. */
export const PING_PATH = '/ping';
export const PING_BODY = { status: 'ok', service: 'bench-baseline' } as const;

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

@Controller()
class PingController {
  @Get(PING_PATH.slice(1))
  ping(): typeof PING_BODY {
    return PING_BODY;
  }
}

@Module({ controllers: [PingController] })
class PingModule {}

/** A bare NestJS 11 app on the Express platform: one controller, no middleware, no logger. */
export async function startNestPing(): Promise<RunningServer> {
  const app = await NestFactory.create(PingModule, new ExpressAdapter(), {
    logger: false,
    abortOnError: false,
  });
  await app.listen(await freePort(), LOOPBACK);
  const { port } = (app.getHttpServer() as Server).address() as AddressInfo;
  return { url: `http://${LOOPBACK}:${port}${PING_PATH}`, close: () => app.close() };
}

/** node:http with the same body and content type as the Nest route. */
export async function startNodePing(): Promise<RunningServer> {
  const body = JSON.stringify(PING_BODY);
  const headers = {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(body),
  };
  const server = createServer((req, res) => {
    if (req.method === 'GET' && req.url === PING_PATH) {
      res.writeHead(200, headers).end(body);
    } else {
      res.writeHead(404).end();
    }
  });
  const listenOn = await freePort();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(listenOn, LOOPBACK, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${LOOPBACK}:${port}${PING_PATH}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}
