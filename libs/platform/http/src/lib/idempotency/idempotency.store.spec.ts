import { canonicalJson } from './idempotency.store';

describe('canonicalJson', () => {
  it('gives equal text for equal bodies whatever their key order', () => {
    expect(canonicalJson({ b: 1, a: { y: [1, { d: 2, c: 3 }], x: null } })).toBe(
      canonicalJson({ a: { x: null, y: [1, { c: 3, d: 2 }] }, b: 1 }),
    );
  });

  it('tells different bodies apart (values, array order, undefined vs null)', () => {
    expect(canonicalJson({ a: 1 })).not.toBe(canonicalJson({ a: '1' }));
    expect(canonicalJson([1, 2])).not.toBe(canonicalJson([2, 1]));
    expect(canonicalJson({ a: null })).not.toBe(canonicalJson({ a: undefined }));
  });
});
