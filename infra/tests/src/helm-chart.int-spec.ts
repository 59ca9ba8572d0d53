/**
 * infra/helm/frontera rendered by a real Helm v3 (`helm template`, built from the Go module proxy by
 * infra/helm/helm.sh when missing) and validated against the Kubernetes API's JSON schemas by
 * kubernetes-validate (pinned in tools/contract/requirements.txt; the schemas ship in the package,
 * nothing is downloaded at validation time). Every directory of services/ must be a Deployment with
 * probes on the health endpoints, resources, a non-root read-only container, a Service and a
 * PodDisruptionBudget; secrets come from a Secret and every required value fails the render when
 * missing, naming itself.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseYamlDocuments, pythonVenv, REPO_ROOT, run, runOk, type RunResult } from './support/tools';

const CHART = path.join(REPO_ROOT, 'infra/helm/frontera');
const HELM_SH = path.join(REPO_ROOT, 'infra/helm/helm.sh');
const KUBERNETES_VERSION = '1.37.0';
// A first run builds Helm (about 10 minutes on a loaded 2-core machine) and the Python venv.
const SETUP_TIMEOUT_MS = 30 * 60_000;
const TEST_TIMEOUT_MS = 5 * 60_000;

const SERVICES = fs
  .readdirSync(path.join(REPO_ROOT, 'services'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: { name: string; labels?: Record<string, string> };
  [key: string]: unknown;
}

interface Probe {
  httpGet?: { path: string; port: string | number };
}

interface Container {
  name: string;
  image: string;
  ports?: { name?: string; containerPort: number }[];
  env?: { name: string; value?: string; valueFrom?: { secretKeyRef?: { name: string; key: string } } }[];
  envFrom?: { configMapRef?: { name: string }; secretRef?: { name: string } }[];
  readinessProbe?: Probe;
  livenessProbe?: Probe;
  startupProbe?: Probe;
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  securityContext?: {
    allowPrivilegeEscalation?: boolean;
    readOnlyRootFilesystem?: boolean;
    capabilities?: { drop?: string[] };
  };
}

interface PodSpec {
  securityContext?: { runAsNonRoot?: boolean; runAsUser?: number };
  containers: Container[];
  automountServiceAccountToken?: boolean;
}

interface Deployment extends Manifest {
  spec: {
    replicas: number;
    selector: { matchLabels: Record<string, string> };
    template: { metadata: { labels: Record<string, string> }; spec: PodSpec };
  };
}

/** Values with every required value supplied, as an operator's values file would. */
function productionValues(): Record<string, unknown> {
  return {
    image: { registry: 'registry.example.gob.mx/frontera', tag: '1.2.3' },
    config: {
      kafkaBrokers: 'kafka-0.kafka:9092,kafka-1.kafka:9092',
      authIssuer: 'https://id.example.gob.mx',
      authAudience: 'frontera-api',
      authJwksUrl: 'https://id.example.gob.mx/.well-known/jwks.json',
    },
    secrets: {
      piiEncryptionKey: Buffer.alloc(32, 1).toString('base64'),
      piiHashKey: Buffer.alloc(32, 2).toString('base64'),
      readLogMacKey: Buffer.alloc(32, 3).toString('base64'),
      redisUrl: 'redis://:secret@redis-master:6379',
      mongodbUri: Object.fromEntries(
        SERVICES.map((name) => [
          name,
          `mongodb://frontera:secret@mongodb-0.mongodb:27017/${name}?replicaSet=rs0`,
        ]),
      ),
    },
    services: {
      permits: {
        env: { MINIMUM_DAILY_WAGE_MXN: '278.80', PUBLIC_BASE_URL: 'https://frontera.example.gob.mx' },
      },
    },
  };
}

/** Deletes the value at a dotted path (the keys themselves never contain dots). */
function without(values: Record<string, unknown>, dotted: string): Record<string, unknown> {
  const copy = structuredClone(values);
  const keys = dotted.split('.');
  let node = copy as Record<string, unknown>;
  for (const key of keys.slice(0, -1)) node = node[key] as Record<string, unknown>;
  delete node[keys[keys.length - 1]];
  return copy;
}

describe('infra/helm/frontera (helm template + kubernetes-validate)', () => {
  let helm = '';
  let venv = '';
  let workDir = '';
  let manifests: Manifest[] = [];

  /** `helm template` with these values (JSON is YAML). */
  async function render(values: Record<string, unknown>, ...extra: string[]): Promise<RunResult> {
    const file = path.join(workDir, `values-${Date.now()}-${Math.random().toString(36).slice(2)}.json`);
    fs.writeFileSync(file, JSON.stringify(values));
    return run(
      'bash',
      [HELM_SH, 'template', 'frontera', CHART, '--namespace', 'frontera', '-f', file, ...extra],
      {
        timeoutMs: 2 * 60_000,
      },
    );
  }

  async function validate(text: string): Promise<RunResult> {
    const file = path.join(workDir, `manifests-${Date.now()}.yaml`);
    fs.writeFileSync(file, text);
    return run(
      path.join(venv, 'bin/kubernetes-validate'),
      ['--strict', '--kubernetes-version', KUBERNETES_VERSION, file],
      { timeoutMs: 2 * 60_000 },
    );
  }

  function find<T extends Manifest = Manifest>(kind: string, name: string): T {
    const found = manifests.find((m) => m.kind === kind && m.metadata.name === name);
    if (!found) {
      throw new Error(
        `no ${kind} ${name}; rendered: ${manifests.map((m) => `${m.kind}/${m.metadata.name}`).join(', ')}`,
      );
    }
    return found as T;
  }

  beforeAll(async () => {
    workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'frontera-helm-'));
    [helm, venv] = await Promise.all([
      runOk('bash', [HELM_SH, '--path'], { timeoutMs: SETUP_TIMEOUT_MS }).then((out) => out.trim()),
      pythonVenv(),
    ]);
    const rendered = await render(productionValues());
    expect(rendered).toMatchObject({ code: 0 });
    manifests = (await parseYamlDocuments(venv, rendered.stdout)) as Manifest[];
  }, SETUP_TIMEOUT_MS);

  afterAll(() => {
    if (workDir) fs.rmSync(workDir, { recursive: true, force: true });
  });

  it('is rendered by Helm v3', async () => {
    const version = await runOk(helm, ['version', '--short']);
    expect(version).toMatch(/^v3\.\d+\.\d+/);
  });

  it(
    'renders manifests that every Kubernetes schema check passes (strict: no unknown fields)',
    async () => {
      const rendered = await render(productionValues());
      const result = await validate(rendered.stdout);

      expect(result).toMatchObject({ code: 0 });
      // One "passed" line per manifest: none was skipped.
      const passed = (result.stdout + result.stderr).match(/ passed for resource /g) ?? [];
      expect(passed).toHaveLength(manifests.length);
      expect(manifests.length).toBeGreaterThanOrEqual(SERVICES.length * 4 + 4);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'the validator rejects a manifest that breaks the schema (so a pass means something)',
    async () => {
      const rendered = await render(productionValues());
      const broken = rendered.stdout.replace(/^ {2}replicas: 2$/m, '  replicas: two\n  replicaCount: 2');
      expect(broken).not.toBe(rendered.stdout);

      const result = await validate(broken);

      expect(result.code).not.toBe(0);
      expect(result.stdout + result.stderr).toMatch(/replicas|replicaCount/);
    },
    TEST_TIMEOUT_MS,
  );

  describe.each(SERVICES)('the %s service', (name) => {
    it('is a Deployment with probes on the health endpoints, resources, and a non-root read-only container', () => {
      const deployment = find<Deployment>('Deployment', `frontera-${name}`);
      const pod = deployment.spec.template.spec;
      const [container] = pod.containers;

      expect(container.image).toBe(`registry.example.gob.mx/frontera/${name}:1.2.3`);
      expect(container.readinessProbe?.httpGet).toEqual({ path: '/health/ready', port: 'http' });
      expect(container.livenessProbe?.httpGet).toEqual({ path: '/health/live', port: 'http' });
      expect(container.ports).toEqual([expect.objectContaining({ name: 'http', containerPort: 3000 })]);
      for (const bound of ['requests', 'limits'] as const) {
        expect(container.resources?.[bound]).toEqual({ cpu: expect.any(String), memory: expect.any(String) });
      }
      expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: expect.any(Number) });
      expect(pod.securityContext?.runAsUser).not.toBe(0);
      expect(container.securityContext).toEqual({
        allowPrivilegeEscalation: false,
        readOnlyRootFilesystem: true,
        capabilities: { drop: ['ALL'] },
      });
      expect(pod.automountServiceAccountToken).toBe(false);
    });

    it('reads its settings from its ConfigMap and every secret from the Secret, none in plain text', () => {
      const deployment = find<Deployment>('Deployment', `frontera-${name}`);
      const [container] = deployment.spec.template.spec.containers;
      const configMap = find<Manifest & { data: Record<string, string> }>('ConfigMap', `frontera-${name}`);

      expect(container.envFrom).toEqual([{ configMapRef: { name: `frontera-${name}` } }]);
      expect(configMap.data).toMatchObject({
        NODE_ENV: 'production',
        PORT: '3000',
        KAFKA_BROKERS: 'kafka-0.kafka:9092,kafka-1.kafka:9092',
        AUTH_ISSUER: 'https://id.example.gob.mx',
      });
      const secretRefs = Object.fromEntries(
        (container.env ?? []).map((variable) => [variable.name, variable.valueFrom?.secretKeyRef]),
      );
      expect(secretRefs).toMatchObject({
        MONGODB_URI: { name: 'frontera-secrets', key: `MONGODB_URI_${name.toUpperCase()}` },
        REDIS_URL: { name: 'frontera-secrets', key: 'REDIS_URL' },
        PII_ENCRYPTION_KEY: { name: 'frontera-secrets', key: 'PII_ENCRYPTION_KEY' },
        PII_HASH_KEY: { name: 'frontera-secrets', key: 'PII_HASH_KEY' },
      });
      // No variable carries a value of its own: everything secret is a reference.
      expect((container.env ?? []).filter((variable) => variable.value !== undefined)).toEqual([]);
      for (const secretName of [
        'MONGODB_URI',
        'REDIS_URL',
        'PII_ENCRYPTION_KEY',
        'PII_HASH_KEY',
        'READ_LOG_MAC_KEY',
      ]) {
        expect(Object.keys(configMap.data)).not.toContain(secretName);
      }
      const secret = find<Manifest & { stringData: Record<string, string> }>('Secret', 'frontera-secrets');
      expect(Object.keys(secret.stringData)).toEqual(
        expect.arrayContaining(
          (container.env ?? []).map((variable) => variable.valueFrom?.secretKeyRef?.key),
        ),
      );
    });

    it('has a Service and a PodDisruptionBudget selecting its pods', () => {
      const deployment = find<Deployment>('Deployment', `frontera-${name}`);
      const podLabels = deployment.spec.template.metadata.labels;
      const service = find<Manifest & { spec: { selector: Record<string, string> } }>(
        'Service',
        `frontera-${name}`,
      );
      const budget = find<
        Manifest & { spec: { selector: { matchLabels: Record<string, string> }; maxUnavailable?: number } }
      >('PodDisruptionBudget', `frontera-${name}`);

      expect(podLabels).toMatchObject(service.spec.selector);
      expect(podLabels).toMatchObject(budget.spec.selector.matchLabels);
      expect(podLabels).toMatchObject(deployment.spec.selector.matchLabels);
      expect(budget.spec.maxUnavailable).toBe(1);
      // With one replica a budget of maxUnavailable 1 still lets a node drain; the default runs two.
      expect(deployment.spec.replicas).toBe(2);
    });
  });

  it('the permits service gets its own settings and its read-log key', () => {
    const [container] = find<Deployment>('Deployment', 'frontera-permits').spec.template.spec.containers;
    const configMap = find<Manifest & { data: Record<string, string> }>('ConfigMap', 'frontera-permits');

    expect(configMap.data).toMatchObject({
      MINIMUM_DAILY_WAGE_MXN: '278.80',
      PUBLIC_BASE_URL: 'https://frontera.example.gob.mx',
    });
    expect(container.env).toContainEqual({
      name: 'READ_LOG_MAC_KEY',
      valueFrom: { secretKeyRef: { name: 'frontera-secrets', key: 'READ_LOG_MAC_KEY' } },
    });
  });

  it('the gateway is nginx with the shared template, routing to every service, non-root, with probes and a budget', () => {
    const configMap = find<Manifest & { data: Record<string, string> }>('ConfigMap', 'frontera-gateway');
    const deployment = find<Deployment>('Deployment', 'frontera-gateway');
    const pod = deployment.spec.template.spec;
    const [container] = pod.containers;

    expect(configMap.data['default.conf.template']).toBe(
      fs.readFileSync(path.join(REPO_ROOT, 'infra/gateway/frontera.conf.template'), 'utf8').trimEnd(),
    );
    const env = Object.fromEntries((container.env ?? []).map((variable) => [variable.name, variable.value]));
    for (const name of SERVICES) {
      expect(env[`${name.toUpperCase()}_UPSTREAM`]).toBe(`frontera-${name}:3000`);
    }
    expect(env).toMatchObject({ GATEWAY_LISTEN: '8080', NGINX_ENVSUBST_OUTPUT_DIR: '/etc/nginx/conf.d' });
    expect(container.readinessProbe?.httpGet).toEqual({ path: '/gateway/health', port: 'http' });
    expect(container.livenessProbe?.httpGet).toEqual({ path: '/gateway/health', port: 'http' });
    expect(container.resources?.requests).toEqual({ cpu: expect.any(String), memory: expect.any(String) });
    expect(pod.securityContext).toMatchObject({ runAsNonRoot: true });
    expect(container.securityContext?.readOnlyRootFilesystem).toBe(true);
    expect(find('PodDisruptionBudget', 'frontera-gateway')).toBeDefined();
    expect(find('Service', 'frontera-gateway')).toBeDefined();
  });

  const REQUIRED = [
    'config.kafkaBrokers',
    'config.authIssuer',
    'config.authAudience',
    'secrets.piiEncryptionKey',
    'secrets.piiHashKey',
    'secrets.readLogMacKey',
    'secrets.redisUrl',
    ...SERVICES.map((name) => `secrets.mongodbUri.${name}`),
    'services.permits.env.MINIMUM_DAILY_WAGE_MXN',
    'services.permits.env.PUBLIC_BASE_URL',
  ];

  it.each(REQUIRED)(
    'fails to render without %s, naming it',
    async (dotted) => {
      const result = await render(without(productionValues(), dotted));

      expect(result.signal).toBeNull();
      expect(result.code).not.toBe(0);
      expect(result.stderr).toContain(`${dotted} is required`);
      expect(result.stdout).toBe('');
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'fails to render with neither a JWKS URL nor a public key, and with both',
    async () => {
      const neither = await render(without(productionValues(), 'config.authJwksUrl'));
      expect(neither.code).not.toBe(0);
      expect(neither.stderr).toContain('config.authJwksUrl or secrets.authPublicKey is required');

      const both = productionValues();
      (both['secrets'] as Record<string, unknown>)['authPublicKey'] =
        '-----BEGIN PUBLIC KEY-----\nx\n-----END PUBLIC KEY-----';
      const twice = await render(both);
      expect(twice.code).not.toBe(0);
      expect(twice.stderr).toContain('not both');
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'with a public key instead of a JWKS URL, the services read it from the Secret',
    async () => {
      const values = without(productionValues(), 'config.authJwksUrl');
      (values['secrets'] as Record<string, unknown>)['authPublicKey'] =
        '-----BEGIN PUBLIC KEY-----\nx\n-----END PUBLIC KEY-----';
      const result = await render(values);
      expect(result).toMatchObject({ code: 0 });
      const rendered = (await parseYamlDocuments(venv, result.stdout)) as Manifest[];

      const secret = rendered.find((m) => m.kind === 'Secret') as Manifest & {
        stringData: Record<string, string>;
      };
      expect(secret.stringData['AUTH_PUBLIC_KEY']).toContain('BEGIN PUBLIC KEY');
      for (const name of SERVICES) {
        const deployment = rendered.find(
          (m) => m.kind === 'Deployment' && m.metadata.name === `frontera-${name}`,
        ) as Deployment;
        expect(deployment.spec.template.spec.containers[0].env).toContainEqual({
          name: 'AUTH_PUBLIC_KEY',
          valueFrom: { secretKeyRef: { name: 'frontera-secrets', key: 'AUTH_PUBLIC_KEY' } },
        });
      }
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'with secrets.existingSecret, renders no Secret and needs no secret values (an external secret manager)',
    async () => {
      const values = productionValues();
      values['secrets'] = { existingSecret: 'frontera-from-vault' };
      const result = await render(values);
      expect(result).toMatchObject({ code: 0 });
      const rendered = (await parseYamlDocuments(venv, result.stdout)) as Manifest[];

      expect(rendered.filter((m) => m.kind === 'Secret')).toEqual([]);
      const [container] = (
        rendered.find(
          (m) => m.metadata.name === 'frontera-employers' && m.kind === 'Deployment',
        ) as Deployment
      ).spec.template.spec.containers;
      expect(container.env).toContainEqual({
        name: 'PII_ENCRYPTION_KEY',
        valueFrom: { secretKeyRef: { name: 'frontera-from-vault', key: 'PII_ENCRYPTION_KEY' } },
      });
    },
    TEST_TIMEOUT_MS,
  );
});
