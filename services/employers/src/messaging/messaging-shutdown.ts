import { Inject, Injectable, type BeforeApplicationShutdown } from '@nestjs/common';
import { MessagingRuntime } from '@frontera/platform-messaging';
import type { MongoEmployerRepository } from '../persistence/mongo-employer.repository';
import { EMPLOYER_REPOSITORY } from '../wiring/tokens';

/**
 * Drains the messaging work before any connection closes: the consumers (the message in flight
 * finishes and is committed), the outbox relay (its sweep finishes), and the publishes started
 * right after writes. Nest runs the onApplicationShutdown hooks of mongoose (closes the
 * connection), Redis and the messaging runtime (stops consumers and relay, disconnects the
 * producer) in an order it does not promise; before this, a handler or a relay sweep still
 * running could meet a closed connection. Stopping twice is harmless.
 */
@Injectable()
export class MessagingShutdown implements BeforeApplicationShutdown {
  constructor(
    private readonly runtime: MessagingRuntime,
    @Inject(EMPLOYER_REPOSITORY) private readonly employers: MongoEmployerRepository,
  ) {}

  async beforeApplicationShutdown(): Promise<void> {
    await Promise.all(this.runtime.consumers.map((consumer) => consumer.stop()));
    await this.runtime.outboxRelay.stop();
    await this.employers.drain();
  }
}
