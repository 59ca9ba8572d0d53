import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The gateway's template is rendered in three places — infra/gateway/gateway.sh (local nginx), the
 * locally built nginx image's start.sh (envsubst with an explicit list) and the Helm chart — and a
 * variable one of them does not substitute stays in the file as `${NAME}`, which nginx refuses at
 * start. Every variable of the template must be known to each.
 */
const root = join(__dirname, '../../..');
const read = (path: string) => readFileSync(join(root, path), 'utf8');

const templateVariables = [
  ...new Set(
    [...read('infra/gateway/frontera.conf.template').matchAll(/\$\{([A-Z_]+)\}/g)].map((m) => m[1] as string),
  ),
].sort();

describe('the gateway template’s variables', () => {
  it('are a known, non-empty set', () => {
    expect(templateVariables).toEqual(expect.arrayContaining(['GATEWAY_LISTEN', 'GATEWAY_DOCS_DIR']));
  });

  it.each(templateVariables)(
    '%s is substituted by the nginx image’s start.sh and has a default in its Dockerfile',
    (name) => {
      expect(read('infra/docker/images/nginx/start.sh')).toContain(`\${${name}}`);
      expect(read('infra/docker/images/nginx/Dockerfile')).toMatch(new RegExp(`\\b${name}=`));
    },
  );

  it.each(templateVariables)('%s is set by infra/gateway/gateway.sh', (name) => {
    expect(read('infra/gateway/gateway.sh')).toMatch(new RegExp(`\\b${name}=`));
  });

  it.each(templateVariables.filter((name) => !name.endsWith('_UPSTREAM')))(
    '%s is set by the Helm chart’s gateway',
    (name) => {
      expect(read('infra/helm/frontera/templates/gateway.yaml')).toContain(`name: ${name}`);
    },
  );
});
