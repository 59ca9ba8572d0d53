export * from './lib/catalogue/language';
export * from './lib/catalogue/platform.errors';
export * from './lib/problem/problem-details';
export * from './lib/problem/problem-details.filter';
export * from './lib/validation/operator-keys';
export * from './lib/validation/request-validation.error';
export * from './lib/validation/validation.pipe';
export * from './lib/database/duplicate-key';
