import { IsObject, validateSync } from 'class-validator';
import { assertNoOperatorKeys, findOperatorKeys, NoOperatorKeys } from './operator-keys';

describe('operator keys', () => {
  it('finds $-prefixed and dotted keys at any depth, arrays included', () => {
    expect(findOperatorKeys({ name: 'Ana', tags: ['a'], nested: { ok: 1 } })).toEqual([]);
    expect(
      findOperatorKeys({
        $where: 'sleep(1)',
        filter: { status: { $ne: null } },
        items: [{ ok: true }, { 'a.b': 1 }],
      }),
    ).toEqual(['$where', 'filter.status.$ne', 'items[1].a.b']);
    expect(findOperatorKeys('$ne')).toEqual([]);
    expect(findOperatorKeys(null)).toEqual([]);
  });

  it('assertNoOperatorKeys throws naming the paths', () => {
    expect(() => assertNoOperatorKeys({ q: { $gt: '' } }, 'metadata')).toThrow(
      'metadata has keys that start with "$" or contain ".": q.$gt',
    );
    expect(() => assertNoOperatorKeys({ q: 'x' })).not.toThrow();
  });

  it('@NoOperatorKeys refuses free-form objects with operator keys', () => {
    class Dto {
      @IsObject()
      @NoOperatorKeys()
      metadata!: Record<string, unknown>;
    }
    const bad = Object.assign(new Dto(), { metadata: { crop: { $regex: '.*' } } });
    const good = Object.assign(new Dto(), { metadata: { crop: 'coffee' } });
    expect(validateSync(bad).map((e) => Object.keys(e.constraints ?? {}))).toEqual([['noOperatorKeys']]);
    expect(validateSync(good)).toEqual([]);
  });
});
