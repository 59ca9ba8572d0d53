import { databaseNameFor, serviceDatabaseOf } from './database-name';

describe('databaseNameFor', () => {
  it.each([
    ['mongodb://127.0.0.1:17017/', 'permits'],
    ['mongodb://127.0.0.1:17017', 'permits'],
    ['mongodb://127.0.0.1:17017/?directConnection=true', 'permits'],
    ['mongodb://user:pw@db:27017/frontera_permits', undefined],
    ['mongodb+srv://cluster.example.org/frontera?retryWrites=true', undefined],
  ])('%s → %s', (uri, expected) => {
    expect(databaseNameFor(uri, 'permits')).toBe(expected);
  });
});

describe('serviceDatabaseOf', () => {
  it.each([
    ['mongodb://127.0.0.1:17017/', 'permits'],
    ['mongodb://127.0.0.1:17017', 'permits'],
    ['mongodb://127.0.0.1:17017/?directConnection=true', 'permits'],
    ['mongodb://user:pw@db:27017/e2e-1a2b3c_permits', 'e2e-1a2b3c_permits'],
    ['mongodb+srv://cluster.example.org/frontera?retryWrites=true', 'frontera'],
  ])('%s → %s', (uri, expected) => {
    expect(serviceDatabaseOf(uri, 'permits')).toBe(expected);
  });
});
