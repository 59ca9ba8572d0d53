export * from './lib/list-pages';
