export * from './lib/content-type.middleware';
export * from './lib/graceful-shutdown';
export * from './lib/http-app';
