import { resolveObservabilityOptions } from './observability.options';

describe('resolveObservabilityOptions', () => {
  it('takes level and version from the environment when not given', () => {
    const resolved = resolveObservabilityOptions(
      { serviceName: 'permits' },
      { LOG_LEVEL: 'debug', SERVICE_VERSION: '2.0.1' },
    );
    expect(resolved).toMatchObject({
      serviceName: 'permits',
      logLevel: 'debug',
      serviceVersion: '2.0.1',
      defaultTimeoutMs: 1500,
    });
  });

  it('refuses an unknown log level and a service name that is not plain', () => {
    expect(() => resolveObservabilityOptions({ serviceName: 'permits' }, { LOG_LEVEL: 'verbose' })).toThrow(
      /LOG_LEVEL "verbose" must be one of/,
    );
    expect(() => resolveObservabilityOptions({ serviceName: 'Permits Service' }, {})).toThrow(/serviceName/);
  });
});
