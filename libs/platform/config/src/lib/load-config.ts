import { validateSync, type ValidationError } from 'class-validator';
import { ConfigError, type ConfigProblem } from './config.error';
import { envVarsOf, type EnvVarMetadata } from './env-var.decorators';

/** A configuration class: a no-argument constructor whose properties are declared with `@EnvVar`. */
export type ConfigClass<T extends object> = new () => T;

/** Rules across variables (say, "exactly one of A and B"); must tolerate invalid values. */
export interface ConfigInvariants {
  invariants(): ConfigProblem[];
}

/** Development defaults apply only when NODE_ENV says so explicitly; an unset NODE_ENV counts as production. */
export function isDevelopmentLike(nodeEnv: string | undefined): boolean {
  return nodeEnv === 'development' || nodeEnv === 'test';
}

export interface LoadConfigOptions {
  /** Names the service in the error message. */
  readonly service?: string;
}

function present(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

function convert(variable: EnvVarMetadata, text: string): unknown {
  switch (variable.type ?? 'string') {
    case 'integer':
      return /^-?\d{1,15}$/.test(text) ? Number(text) : text;
    case 'pem':
      return text.replace(/\\n/g, '\n').trim();
    default:
      return text;
  }
}

function missingProblem(variable: EnvVarMetadata, developmentLike: boolean): string {
  const example = variable.example ? `, e.g. ${variable.example}` : '';
  const devOnly =
    variable.devDefault !== undefined && !developmentLike
      ? ' (it has a default only when NODE_ENV is development or test)'
      : '';
  return `is required but not set${devOnly} — ${variable.description}${example}`;
}

/** The development default of `variable`, computed from `env` when it is a function. */
function devDefaultOf(variable: EnvVarMetadata, env: NodeJS.ProcessEnv): string | undefined {
  const { devDefault } = variable;
  return typeof devDefault === 'function' ? present(devDefault(env)) : devDefault;
}

function invalidProblem(variable: EnvVarMetadata, error: ValidationError): string {
  // class-validator lists constraints bottom-up; the first declared (usually the
  // type check) says most, and range checks on a non-number are only noise.
  const messages = Object.values(error.constraints ?? {});
  const first = messages[messages.length - 1] ?? 'is not valid';
  const text = first.startsWith(`${variable.name} `) ? first.slice(variable.name.length + 1) : first;
  return `${text} — ${variable.description}`;
}

function hasInvariants(value: object): value is ConfigInvariants {
  return typeof (value as Partial<ConfigInvariants>).invariants === 'function';
}

/**
 * Reads the variables declared on `configClass` from `env`, applies defaults
 * (development defaults only when NODE_ENV is development or test), converts and
 * validates them with class-validator, checks the class's invariants, and returns
 * a frozen instance. Throws one {@link ConfigError} listing every problem; values
 * never appear in it.
 */
export function loadConfig<T extends object>(
  configClass: ConfigClass<T>,
  env: NodeJS.ProcessEnv = process.env,
  options: LoadConfigOptions = {},
): Readonly<T> {
  const variables = envVarsOf(configClass);
  const nodeEnv = present(env['NODE_ENV']);
  const developmentLike = isDevelopmentLike(nodeEnv);

  const raw: Record<string, unknown> = {};
  const problems = new Map<string, string>();
  for (const variable of variables) {
    let value = present(env[variable.name]);
    if (value === undefined && developmentLike) {
      try {
        value = devDefaultOf(variable, env);
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        problems.set(variable.name, `its development default could not be computed: ${reason}`);
        continue;
      }
    }
    value ??= variable.defaultValue;
    if (value !== undefined) raw[variable.name] = convert(variable, value);
    else if (!variable.optional) problems.set(variable.name, missingProblem(variable, developmentLike));
  }

  const instance = Object.assign(new configClass(), raw);
  const errors = validateSync(instance, { validationError: { target: false, value: false } });
  const byName = new Map(variables.map((v) => [v.name, v]));
  for (const error of errors) {
    const variable = byName.get(error.property);
    // Absent variables are reported as missing above, or allowed when optional.
    if (!variable || raw[variable.name] === undefined) continue;
    problems.set(variable.name, invalidProblem(variable, error));
  }

  const listed: ConfigProblem[] = variables
    .filter((v) => problems.has(v.name))
    .map((v) => ({ variable: v.name, problem: problems.get(v.name) as string }));
  if (hasInvariants(instance)) listed.push(...instance.invariants());

  if (listed.length > 0) {
    throw new ConfigError(listed, {
      service: options.service,
      nodeEnv,
      nodeEnvMissing: nodeEnv === undefined,
    });
  }
  return Object.freeze(instance);
}
