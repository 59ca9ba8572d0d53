import type { IncomingMessage, ServerResponse } from 'node:http';
import { AppError } from '@frontera/shared-kernel';
import { contentTypeMiddleware, isAcceptedContentType } from './content-type.middleware';

function run(headers: Record<string, string>, extra: string[] = []): unknown {
  let passed: unknown = 'not called';
  contentTypeMiddleware(extra)({ headers } as IncomingMessage, {} as ServerResponse, (error?: unknown) => {
    passed = error;
  });
  return passed;
}

describe('content types', () => {
  it.each([
    ['application/json', true],
    ['application/json; charset=utf-8', true],
    ['Application/JSON', true],
    ['application/merge-patch+json', true],
    ['text/plain', false],
    ['application/x-www-form-urlencoded', false],
    ['multipart/form-data; boundary=x', false],
    [undefined, false],
  ])('%p accepted: %p', (type, accepted) => {
    expect(isAcceptedContentType(type)).toBe(accepted);
  });

  it('accepts listed extra types, exactly or by family', () => {
    expect(isAcceptedContentType('text/csv; charset=utf-8', ['text/csv'])).toBe(true);
    expect(isAcceptedContentType('image/png', ['image/*'])).toBe(true);
    expect(isAcceptedContentType('text/plain', ['text/csv'])).toBe(false);
  });

  it('refuses a non-JSON body with 415, and lets bodiless requests through', () => {
    const refused = run({ 'content-type': 'text/plain', 'content-length': '5' });
    expect(refused).toBeInstanceOf(AppError);
    expect(refused).toMatchObject({ code: 'REQUEST.UNSUPPORTED_MEDIA_TYPE', status: 415 });
    expect(run({ 'content-type': 'text/plain', 'transfer-encoding': 'chunked' })).toBeInstanceOf(AppError);
    expect(run({ 'content-type': 'application/json', 'content-length': '2' })).toBeUndefined();
    expect(run({ 'content-length': '0' })).toBeUndefined();
    expect(run({})).toBeUndefined();
    expect(run({ 'content-type': 'text/csv', 'content-length': '9' }, ['text/csv'])).toBeUndefined();
  });
});
