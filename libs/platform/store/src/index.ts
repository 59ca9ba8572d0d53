export * from './lib/list-pages';
export * from './lib/hash-chained-log';
export * from './lib/aggregate-history';
