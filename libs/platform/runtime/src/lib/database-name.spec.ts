import { databaseNameFor } from './database-name';

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
