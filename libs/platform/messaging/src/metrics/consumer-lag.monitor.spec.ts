import { partitionLag } from './consumer-lag.monitor';

describe('partitionLag', () => {
  it('is the distance from the committed offset to the end', () => {
    expect(partitionLag('7', '0', '10')).toBe(3);
    expect(partitionLag('10', '0', '10')).toBe(0);
  });

  it('counts every retained message when the group never committed (-1)', () => {
    expect(partitionLag('-1', '4', '10')).toBe(6);
  });

  it('does not count messages that retention already deleted', () => {
    expect(partitionLag('2', '5', '10')).toBe(5);
  });
});
