import { queuePrefixFor } from './jobs.module';

describe('queuePrefixFor (a deployment’s queues under its database, decision 0050)', () => {
  it('is BullMQ’s prefix and the database, one per database', () => {
    expect(queuePrefixFor('permits')).toBe('bull:permits');
    expect(queuePrefixFor('e2e-1a2b3c_permits')).toBe('bull:e2e-1a2b3c_permits');
    expect(queuePrefixFor('permits-w1-0a1b')).not.toBe(queuePrefixFor('permits-w2-0a1b'));
  });

  it('refuses a name that would leave the key space of its deployment (empty, ":" or "*")', () => {
    for (const bad of ['', 'a:b', 'perm*', 'x'.repeat(65)])
      expect(() => queuePrefixFor(bad)).toThrow(/database/);
  });
});
