export * from './pii-cipher';
export * from './sealed-record';
