export * from './lib/boot-config';
export * from './lib/config.error';
export * from './lib/describe-config';
export * from './lib/env-var.decorators';
export * from './lib/env.validators';
export * from './lib/load-config';
export * from './lib/service.config';
export * from './lib/domain-service.config';
