export * from './correlation/correlation-context';
