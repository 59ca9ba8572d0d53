import { parseBrokers } from './brokers';

describe('parseBrokers', () => {
  it('splits and trims a comma-separated list', () => {
    expect(parseBrokers(' a:1, b.example:19092 ')).toEqual(['a:1', 'b.example:19092']);
  });

  it.each([undefined, '', ' , '])('refuses an empty value (%p)', (value) => {
    expect(() => parseBrokers(value)).toThrow(/KAFKA_BROKERS is empty/);
  });

  it('refuses an entry without a port', () => {
    expect(() => parseBrokers('localhost')).toThrow(/"localhost" must look like host:port/);
  });
});
