// Development access tokens for local runs — never for production.
//
//   FRONTERA_DEV_TOKENS=enabled node tools/scripts/run-ts.cjs tools/scripts/dev-token.ts \
//     --role officer --states CHP,CAM [--municipalities 07089] [--employer-id X] [--inspector-id Y] \
//     [--subject S] [--ttl 8h]
//   FRONTERA_DEV_TOKENS=enabled node tools/scripts/run-ts.cjs tools/scripts/dev-token.ts --print-public-key
//
// Refuses (exit 2) unless FRONTERA_DEV_TOKENS=enabled and NODE_ENV is not production. Signs with an RSA
// key created once in ${FRONTERA_CACHE_DIR:-~/.cache/frontera}/dev-auth/ (mode 600); a local service
// verifies with AUTH_PUBLIC_KEY set to the --print-public-key output. The token goes to stdout alone,
// so `TOKEN=$(…)` works. Issuer and audience: AUTH_ISSUER / AUTH_AUDIENCE, or the development defaults.
import { parseArgs } from 'node:util';
import {
  devKeyDirectory,
  devTokenRefusal,
  loadOrCreateDevKey,
  principalFromClaims,
} from '@frontera/platform-auth';
import { TokenIssuer } from '@frontera/platform-auth/testing';
import { PERSON_ROLES } from '@frontera/shared-kernel';
import { DEV_AUTH_AUDIENCE, DEV_AUTH_ISSUER } from '@frontera/platform-config';

const USAGE = `usage: dev-token.ts --role ${PERSON_ROLES.join('|')} [--states CHP,CAM] [--municipalities 07089,...]
                    [--employer-id ID] [--inspector-id ID] [--subject SUB] [--ttl 8h]
       dev-token.ts --print-public-key`;

const MAX_TTL_SECONDS = 24 * 3600;

function fail(message: string): never {
  process.stderr.write(`dev-token: ${message}\n`);
  process.exit(2);
}

function ttlSeconds(text: string): number {
  const match = /^(\d+)([smhd])$/.exec(text);
  if (!match) fail(`--ttl "${text}" must look like 90s, 30m, 8h or 1d`);
  const seconds = Number(match[1]) * { s: 1, m: 60, h: 3600, d: 86400 }[match[2] as 's' | 'm' | 'h' | 'd'];
  if (seconds < 1 || seconds > MAX_TTL_SECONDS) fail('--ttl must be between 1s and 24h');
  return seconds;
}

function list(text: string | undefined): string[] | undefined {
  return text === undefined
    ? undefined
    : text
        .split(',')
        .map((item) => item.trim())
        .filter((item) => item.length > 0);
}

function parseOptions() {
  try {
    return parseArgs({
      options: {
        role: { type: 'string' },
        states: { type: 'string' },
        municipalities: { type: 'string' },
        'employer-id': { type: 'string' },
        'inspector-id': { type: 'string' },
        subject: { type: 'string' },
        ttl: { type: 'string', default: '8h' },
        'print-public-key': { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
      strict: true,
    }).values;
  } catch (error) {
    return fail(`${(error as Error).message}\n${USAGE}`);
  }
}

async function main(): Promise<void> {
  const refusal = devTokenRefusal(process.env);
  if (refusal) fail(refusal);

  const values = parseOptions();
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }

  const key = loadOrCreateDevKey(devKeyDirectory(process.env));
  if (key.created) process.stderr.write(`dev-token: created the development signing key ${key.path}\n`);
  const issuer = TokenIssuer.fromPrivateKeyPem(key.privateKeyPem, {
    issuer: process.env['AUTH_ISSUER']?.trim() || DEV_AUTH_ISSUER,
    audience: process.env['AUTH_AUDIENCE']?.trim() || DEV_AUTH_AUDIENCE,
  });
  if (values['print-public-key']) {
    process.stdout.write(issuer.publicKeyPem);
    return;
  }

  if (!values.role) fail(`--role is required\n${USAGE}`);
  const claims = {
    sub: values.subject ?? `dev-${values.role}`,
    role: values.role,
    ...(values.states !== undefined ? { states: list(values.states) } : {}),
    ...(values.municipalities !== undefined ? { municipalities: list(values.municipalities) } : {}),
    ...(values['employer-id'] !== undefined ? { employerId: values['employer-id'] } : {}),
    ...(values['inspector-id'] !== undefined ? { inspectorId: values['inspector-id'] } : {}),
  };
  // Never mint what the services would refuse.
  const principal = principalFromClaims(claims);
  if (!principal.ok) fail(`these claims would be refused:\n  - ${principal.problems.join('\n  - ')}`);
  const token = await issuer.mintFor(principal.principal, { ttlSeconds: ttlSeconds(values.ttl) });
  process.stdout.write(`${token}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`dev-token: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
