/** What the configuration knows about one environment variable. */
export interface EnvVarOptions {
  /** One line for operators and the service README: what it is, units, format. */
  readonly description: string;
  /** A credential or key: never printed, kept in a secret store in production. */
  readonly secret?: boolean;
  /** May be absent in every environment (the property is then `undefined`). */
  readonly optional?: boolean;
  /** A well-formed example, shown when the variable is missing. */
  readonly example?: string;
  /**
   * How the text becomes the property value: `string` (default) as is; `integer`
   * only from plain decimal digits (anything else stays text and fails `@IsInt`);
   * `pem` with literal `\n` sequences turned into newlines.
   */
  readonly type?: 'string' | 'integer' | 'pem';
}

/**
 * A development default computed at boot from the environment (say, a key read from a local
 * file), or undefined for none. Called only when NODE_ENV is development or test and the
 * variable is unset; an error it throws is reported as a problem of the variable.
 */
export type ComputedDefault = (env: NodeJS.ProcessEnv) => string | undefined;

export interface EnvVarMetadata extends EnvVarOptions {
  readonly name: string;
  /** Used in every environment when the variable is unset (tuning knobs only). */
  readonly defaultValue?: string;
  /** Used only when NODE_ENV is development or test; never in production. */
  readonly devDefault?: string | ComputedDefault;
}

type Partial_ = { -readonly [K in keyof EnvVarMetadata]?: EnvVarMetadata[K] };

// Own metadata per class; inheritance is resolved when read, so a service's
// subclass can override one aspect (say, the dev default) of a base variable.
const ownMetadata = new WeakMap<object, Map<string, Partial_>>();

function record(target: object, property: string | symbol, patch: Partial_): void {
  if (typeof property !== 'string') throw new Error('configuration properties must have string names');
  const ctor = (target as { constructor: object }).constructor;
  let map = ownMetadata.get(ctor);
  if (!map) {
    map = new Map();
    ownMetadata.set(ctor, map);
  }
  map.set(property, { ...map.get(property), ...patch });
}

/** Declares a property as an environment variable of the same name. */
export function EnvVar(options: EnvVarOptions): PropertyDecorator {
  return (target, property) => record(target, property, { ...options });
}

/** Default for every environment, production included: only for tuning knobs, never for endpoints or secrets. */
export function Default(value: string): PropertyDecorator {
  return (target, property) => record(target, property, { defaultValue: value });
}

/**
 * Default applied only when NODE_ENV is development or test, so a local run
 * needs no setup while production must set the variable explicitly. A function
 * computes it at boot: `@DevDefault((env) => readDevPublicKey(env))`.
 */
export function DevDefault(value: string | ComputedDefault): PropertyDecorator {
  return (target, property) => record(target, property, { devDefault: value });
}

/**
 * Development defaults of a subclass for variables declared by a base class,
 * e.g. a service's own database name:
 * `@DevDefaults({ MONGODB_URI: 'mongodb://127.0.0.1:17017/employers' })`.
 */
export function DevDefaults<T extends object>(
  values: Partial<Record<keyof T & string, string | ComputedDefault>>,
): (target: abstract new () => T) => void {
  return (target) => {
    for (const [name, value] of Object.entries(values)) {
      if (typeof value === 'string' || typeof value === 'function') {
        record(target.prototype as object, name, { devDefault: value as string | ComputedDefault });
      }
    }
  };
}

/** Every environment variable of a configuration class, base classes first. */
export function envVarsOf(configClass: abstract new () => object): EnvVarMetadata[] {
  const chain: object[] = [];
  for (let c: object | null = configClass; c && c !== Function.prototype; c = Object.getPrototypeOf(c)) {
    chain.unshift(c);
  }
  const merged = new Map<string, Partial_>();
  for (const ctor of chain) {
    for (const [name, meta] of ownMetadata.get(ctor) ?? [])
      merged.set(name, { ...merged.get(name), ...meta });
  }
  return [...merged].map(([name, meta]) => {
    if (!meta.description) {
      throw new Error(
        `${configClass.name}.${name} has a default but no @EnvVar({ description }) declaration`,
      );
    }
    return { ...meta, name, description: meta.description };
  });
}
