export * from './lib/content-type.middleware';
export * from './lib/http-app';
