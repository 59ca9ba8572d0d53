import nx from '@nx/eslint-plugin';

// Module boundaries. Projects are tagged in two dimensions:
//   scope: employers | permits | audits | shared   (which bounded context)
//   type:  app | infra | application | domain | contracts | platform  (which layer)
// A context may use only itself and shared code; so a service never reaches into
// another service's libraries, only the shared contracts. Layers point inwards:
// domain code is pure and may not import frameworks or infrastructure clients.
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
            {
              sourceTag: 'type:app',
              onlyDependOnLibsWithTags: [
                'type:infra',
                'type:application',
                'type:domain',
                'type:contracts',
                'type:platform',
              ],
            },
            {
              sourceTag: 'type:infra',
              onlyDependOnLibsWithTags: [
                'type:infra',
                'type:application',
                'type:domain',
                'type:contracts',
                'type:platform',
              ],
            },
            {
              sourceTag: 'type:application',
              onlyDependOnLibsWithTags: ['type:application', 'type:domain', 'type:contracts'],
              bannedExternalImports: INFRASTRUCTURE_CLIENTS,
            },
            {
              sourceTag: 'type:domain',
              onlyDependOnLibsWithTags: ['type:domain'],
              bannedExternalImports: [...INFRASTRUCTURE_CLIENTS, ...FRAMEWORKS],
            },
            {
              sourceTag: 'type:contracts',
              onlyDependOnLibsWithTags: ['type:contracts'],
              bannedExternalImports: [...INFRASTRUCTURE_CLIENTS, ...FRAMEWORKS],
            },
            { sourceTag: 'type:platform', onlyDependOnLibsWithTags: ['type:platform', 'type:contracts'] },
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
