export * from './lib/database-name';
export * from './lib/domain-service.module';
export * from './lib/run-service';
