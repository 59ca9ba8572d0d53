import { databaseUri, uniqueName } from './unique-names';

describe('uniqueName', () => {
  it('gives different names for the same prefix', () => {
    expect(uniqueName('orders')).not.toBe(uniqueName('orders'));
  });

  it('keeps only characters safe for topics and databases', () => {
    expect(uniqueName('a.b/c$d')).toMatch(/^a-b-c-d-w\w+-[0-9a-f]{8}$/);
  });
});

describe('databaseUri', () => {
  it('replaces the database of a server URI and keeps its options', () => {
    expect(databaseUri('mongodb://127.0.0.1:17017/?maxPoolSize=5', 'test-1')).toBe(
      'mongodb://127.0.0.1:17017/test-1?maxPoolSize=5',
    );
  });
});
