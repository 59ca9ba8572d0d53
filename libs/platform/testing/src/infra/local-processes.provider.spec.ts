import { parseExportLines } from './local-processes.provider';
import { endpointsFromEnv } from './infra-provider';

describe('parseExportLines', () => {
  it('reads export lines and ignores everything else', () => {
    const env = parseExportLines(
      "kafka: running\nexport KAFKA_BROKERS=127.0.0.1:19092\nexport MONGODB_URI='mongodb://h:1/'\n",
    );
    expect(env).toEqual({ KAFKA_BROKERS: '127.0.0.1:19092', MONGODB_URI: 'mongodb://h:1/' });
  });
});

describe('endpointsFromEnv', () => {
  it('names every missing variable', () => {
    expect(() => endpointsFromEnv({ KAFKA_BROKERS: 'a:1' })).toThrow(/MONGODB_URI, REDIS_URL unset/);
  });
});
