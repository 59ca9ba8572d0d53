export interface BenchArgs {
  /** Smaller counts and shorter durations: a smoke run. */
  quick: boolean;
  /** Suites to run (null = all). */
  only: string[] | null;
  /** Recorded runs per case (null = the benchmark's default). */
  runs: number | null;
  help: boolean;
}

/**
 * Parses the common benchmark flags: --quick, --only=a,b, --runs=N, --help.
 * Unknown flags and unknown suite names are errors.
 */
export function parseBenchArgs(argv: readonly string[], suites: readonly string[]): BenchArgs {
  const args: BenchArgs = { quick: false, only: null, runs: null, help: false };
  for (const arg of argv) {
    const [flag, value] = arg.includes('=')
      ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
      : [arg, ''];
    switch (flag) {
      case '--quick':
        args.quick = true;
        break;
      case '--only': {
        const names = value
          .split(',')
          .map((s) => s.trim().toLowerCase())
          .filter((s) => s.length > 0);
        const unknown = names.filter((n) => !suites.includes(n));
        if (names.length === 0 || unknown.length > 0) {
          throw new Error(`--only expects a comma-separated subset of: ${suites.join(',')} (got '${value}')`);
        }
        args.only = [...new Set(names)];
        break;
      }
      case '--runs': {
        const runs = Number(value);
        if (!Number.isInteger(runs) || runs < 1 || runs > 20)
          throw new Error(`--runs expects 1..20 (got '${value}')`);
        args.runs = runs;
        break;
      }
      case '--help':
      case '-h':
        args.help = true;
        break;
      default:
        throw new Error(`unknown argument '${arg}'`);
    }
  }
  return args;
}
