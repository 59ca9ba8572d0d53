/** One thing wrong with one environment variable. Never carries the variable's value. */
export interface ConfigProblem {
  readonly variable: string;
  readonly problem: string;
}

/**
 * The environment does not fit the service's configuration class. The message
 * lists every problem at once (never the values, which may be secrets), so an
 * operator fixes the environment in one round.
 */
export class ConfigError extends Error {
  constructor(
    readonly problems: readonly ConfigProblem[],
    context: { readonly service?: string; readonly nodeEnv?: string; readonly nodeEnvMissing?: boolean } = {},
  ) {
    super(ConfigError.format(problems, context));
    this.name = 'ConfigError';
  }

  private static format(
    problems: readonly ConfigProblem[],
    context: { readonly service?: string; readonly nodeEnv?: string; readonly nodeEnvMissing?: boolean },
  ): string {
    const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
    const who = context.service ? `${context.service}: ` : '';
    const lines = [
      `${who}invalid environment (${count}${context.nodeEnv ? `, NODE_ENV=${context.nodeEnv}` : ''}):`,
      ...problems.map((p) => `  - ${p.variable}: ${p.problem}`),
    ];
    if (context.nodeEnvMissing) {
      lines.push(
        'NODE_ENV is not set, so it counts as production and development defaults are off; ' +
          'set NODE_ENV=development (or test) for local runs.',
      );
    }
    return lines.join('\n');
  }
}
