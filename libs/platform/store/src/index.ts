export * from './lib/list-pages';
export * from './lib/hash-chained-log';
