import { allTopicSpecs, DEAD_LETTER_SUFFIX, Topics } from './topic-catalogue';

describe('topic catalogue', () => {
  it('gives every event topic a dead-letter companion that is also created', () => {
    const names = new Set(allTopicSpecs().map((t) => t.name));
    for (const topic of Object.values(Topics)) {
      expect(topic.deadLetter).toBe(`${topic.name}${DEAD_LETTER_SUFFIX}`);
      expect(names.has(topic.deadLetter as string)).toBe(true);
    }
  });

  it('declares each topic name once', () => {
    const names = allTopicSpecs().map((t) => t.name);
    expect(new Set(names).size).toBe(names.length);
  });

  it('uses valid Kafka topic names with a version suffix on event topics', () => {
    for (const spec of allTopicSpecs()) {
      expect(spec.name).toMatch(/^[a-zA-Z0-9._-]{1,249}$/);
      expect(spec.partitions).toBeGreaterThan(0);
    }
    for (const topic of Object.values(Topics)) {
      expect(topic.name).toMatch(/\.v\d+$/);
    }
  });
});
