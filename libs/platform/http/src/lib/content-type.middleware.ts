import type { IncomingMessage, ServerResponse } from 'node:http';
import { bodyParserError, RequestErrors } from '@frontera/platform-errors';

type Next = (error?: unknown) => void;

function hasBody(req: IncomingMessage): boolean {
  const length = req.headers['content-length'];
  return req.headers['transfer-encoding'] !== undefined || (length !== undefined && Number(length) > 0);
}

/** JSON (`application/json`, `application/*+json`) or one of `extra` (exact, or `type/*`). */
export function isAcceptedContentType(
  contentType: string | undefined,
  extra: readonly string[] = [],
): boolean {
  const type = (contentType ?? '').split(';')[0].trim().toLowerCase();
  if (type === 'application/json' || /^application\/[a-z0-9.+-]+\+json$/.test(type)) return true;
  return extra.some((accepted) =>
    accepted.endsWith('/*') ? type.startsWith(accepted.slice(0, -1)) : type === accepted.toLowerCase(),
  );
}

/** 415 REQUEST.UNSUPPORTED_MEDIA_TYPE for a request body that is neither JSON nor one of `extra`. */
export function contentTypeMiddleware(extra: readonly string[] = []) {
  const accepted = ['application/json', ...extra].join(', ');
  return (req: IncomingMessage, _res: ServerResponse, next: Next): void => {
    if (!hasBody(req) || isAcceptedContentType(req.headers['content-type'], extra)) return next();
    next(RequestErrors.UNSUPPORTED_MEDIA_TYPE.create({ accepted }));
  };
}

/**
 * Error middleware right after the JSON parser: its errors become domain errors
 * (400 REQUEST.MALFORMED_JSON, 413 REQUEST.TOO_LARGE, 415) before Nest's error
 * handler, which would turn a parse failure into an anonymous 400.
 */
export function bodyParserErrorMiddleware() {
  return (error: unknown, _req: IncomingMessage, _res: ServerResponse, next: Next): void => {
    next(bodyParserError(error) ?? error);
  };
}
