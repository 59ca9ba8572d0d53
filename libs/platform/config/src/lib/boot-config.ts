import { ConfigError } from './config.error';
import { loadConfig, type ConfigClass, type LoadConfigOptions } from './load-config';

export interface BootConfigOptions extends LoadConfigOptions {
  readonly env?: NodeJS.ProcessEnv;
  /** Where the message goes; stderr by default. */
  readonly write?: (text: string) => void;
  /** How the process ends; `process.exit` by default. */
  readonly exit?: (code: number) => never;
}

/**
 * For a service's main.ts, before anything else starts: returns the configuration,
 * or prints the {@link ConfigError} (every problem, no values) to stderr and exits
 * with code 1, so a service with a bad environment refuses to start.
 */
export function bootConfig<T extends object>(
  configClass: ConfigClass<T>,
  options: BootConfigOptions = {},
): Readonly<T> {
  const write = options.write ?? ((text: string) => process.stderr.write(text));
  const exit = options.exit ?? ((code: number): never => process.exit(code));
  try {
    return loadConfig(configClass, options.env ?? process.env, options);
  } catch (error) {
    if (error instanceof ConfigError) {
      write(`${error.message}\n`);
      return exit(1);
    }
    throw error;
  }
}
