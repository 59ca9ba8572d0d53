export * from './infra/infra-provider';
export * from './infra/infra-provider.factory';
export * from './infra/local-processes.provider';
export * from './naming/unique-names';
