import nx from '@nx/eslint-plugin';

// Module boundaries. Projects are tagged in two dimensions:
//   scope: employers | permits | audits | shared   (which bounded context)
//   type:  app | infra | application | domain | contracts | platform | kernel  (which layer)
// A context may use only itself and shared code; so a service never reaches into
// another service's libraries, only the shared contracts. Layers point inwards:
// domain code is pure and may not import frameworks or infrastructure clients. The shared
// kernel (value lists every layer and context agrees on) depends on nothing at all.
const INFRASTRUCTURE_CLIENTS = ['mongoose', 'mongodb', 'kafkajs', 'bullmq', 'ioredis'];
const FRAMEWORKS = ['@nestjs/*', 'express', 'pino', 'nestjs-pino'];

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  ...nx.configs['flat/javascript'],
  {
    ignores: ['**/dist', '**/out-tsc', '**/coverage', '**/node_modules', '**/tmp'],
  },
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.js', '**/*.jsx'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: true,
          banTransitiveDependencies: true,
          allow: ['^.*/eslint(\\.base)?\\.config\\.[cm]?[jt]s$'],
          depConstraints: [
            { sourceTag: 'scope:employers', onlyDependOnLibsWithTags: ['scope:employers', 'scope:shared'] },
            { sourceTag: 'scope:permits', onlyDependOnLibsWithTags: ['scope:permits', 'scope:shared'] },
            { sourceTag: 'scope:audits', onlyDependOnLibsWithTags: ['scope:audits', 'scope:shared'] },
            { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
            // The whole system's launcher, end-to-end suite, API documents and infrastructure tests
            // (tools/system, tests/e2e, tools/api-docs, infra/tests) span every context: any scope.
            {
              sourceTag: 'scope:system',
              onlyDependOnLibsWithTags: [
                'scope:system',
                'scope:employers',
                'scope:permits',
                'scope:audits',
                'scope:shared',
              ],
            },
            {
              sourceTag: 'type:e2e',
              onlyDependOnLibsWithTags: [
                'type:e2e',
                'type:domain',
                'type:contracts',
                'type:platform',
                'type:kernel',
              ],
            },
            {
              sourceTag: 'type:app',
              onlyDependOnLibsWithTags: [
                'type:infra',
                'type:application',
                'type:domain',
                'type:contracts',
                'type:platform',
                'type:kernel',
              ],
            },
            // type:e2e here lets only scope:system infrastructure (infra/tests: the compose stack runs the
            // e2e story, @frontera/e2e-story) use the end-to-end projects: every e2e project is
            // scope:system, which no context's scope may depend on.
            {
              sourceTag: 'type:infra',
              onlyDependOnLibsWithTags: [
                'type:infra',
                'type:e2e',
                'type:application',
                'type:domain',
                'type:contracts',
                'type:platform',
                'type:kernel',
              ],
            },
            {
              sourceTag: 'type:application',
              onlyDependOnLibsWithTags: ['type:application', 'type:domain', 'type:contracts', 'type:kernel'],
              bannedExternalImports: INFRASTRUCTURE_CLIENTS,
            },
            {
              sourceTag: 'type:domain',
              onlyDependOnLibsWithTags: ['type:domain', 'type:kernel'],
              bannedExternalImports: [...INFRASTRUCTURE_CLIENTS, ...FRAMEWORKS],
            },
            {
              sourceTag: 'type:contracts',
              onlyDependOnLibsWithTags: ['type:contracts', 'type:kernel'],
              bannedExternalImports: [...INFRASTRUCTURE_CLIENTS, ...FRAMEWORKS],
            },
            {
              sourceTag: 'type:kernel',
              onlyDependOnLibsWithTags: ['type:kernel'],
              bannedExternalImports: [
                ...INFRASTRUCTURE_CLIENTS,
                ...FRAMEWORKS,
                'class-validator',
                'class-transformer',
              ],
            },
            {
              sourceTag: 'type:platform',
              onlyDependOnLibsWithTags: ['type:platform', 'type:contracts', 'type:kernel'],
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
];
