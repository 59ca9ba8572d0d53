import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { Transform, type TransformCallback } from 'node:stream';
import { CsvError, parse } from 'csv-parse';
import type { RosterFile } from '@frontera/permits-application';
import { RosterErrors, RosterLayout, type RosterRow } from '@frontera/permits-domain';
import { RequestErrors } from '@frontera/platform-errors';
import { AppError } from '@frontera/shared-kernel';

/** The one media type a roster upload is sent as. */
export const ROSTER_CONTENT_TYPE = 'text/csv';

export interface RosterFileLimits {
  /** The largest file accepted, in bytes (ROSTER_MAX_BYTES). */
  readonly maxBytes: number;
  /** The most data rows a file may hold (ROSTER_MAX_ROWS). */
  readonly maxRows: number;
}

/** Longest record csv-parse buffers (a quote never closed would otherwise read the whole file as one). */
const MAX_RECORD_BYTES = 64 * 1024;
const CHARSETS = new Set(['utf-8', 'utf8', 'us-ascii']);

/** The media type and charset of a Content-Type header, lower-cased. */
function mediaTypeOf(header: string | undefined): { type: string; charset: string | null } {
  const [type, ...params] = (header ?? '').split(';');
  const charset = params
    .map((p) => p.trim().toLowerCase())
    .find((p) => p.startsWith('charset='))
    ?.slice('charset='.length)
    .replace(/^"|"$/g, '');
  return { type: type.trim().toLowerCase(), charset: charset ?? null };
}

/**
 * What the bytes pass through on their way to csv-parse: counted against the limit (ROSTER.TOO_LARGE
 * as soon as it is crossed, the rest is never parsed), hashed (SHA-256 of the bytes as sent) and
 * checked to be UTF-8 text (ROSTER.NOT_CSV for invalid UTF-8 or a NUL byte: a binary file such as an
 * XLSX or a PDF sent as text/csv). The bytes go on unchanged.
 */
class RosterBytes extends Transform {
  readonly hash = createHash('sha256');
  private bytes = 0;
  private readonly decoder = new TextDecoder('utf-8', { fatal: true });

  constructor(private readonly maxBytes: number) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.bytes += chunk.length;
    if (this.bytes > this.maxBytes) {
      done(RosterErrors.TOO_LARGE.create({ maxBytes: this.maxBytes }));
      return;
    }
    try {
      this.decoder.decode(chunk, { stream: true });
    } catch {
      done(RosterErrors.NOT_CSV.create({ problem: 'INVALID_UTF8' }));
      return;
    }
    if (chunk.includes(0)) {
      done(RosterErrors.NOT_CSV.create({ problem: 'BINARY' }));
      return;
    }
    this.hash.update(chunk);
    done(null, chunk);
  }

  override _flush(done: TransformCallback): void {
    try {
      this.decoder.decode();
    } catch {
      done(RosterErrors.NOT_CSV.create({ problem: 'INVALID_UTF8' }));
      return;
    }
    done();
  }
}

/** A csv-parse error as ROSTER.MALFORMED (its code and the line; never the text it choked on). */
function malformed(error: CsvError): AppError {
  const line = typeof error['lines'] === 'number' ? error['lines'] : 0;
  return RosterErrors.MALFORMED.create({ line, problem: error.code });
}

/**
 * Reads a roster upload from the request body as it arrives: `text/csv` (UTF-8, an optional BOM,
 * comma-separated, RFC 4180 quoting) parsed by csv-parse's streaming parser, the first record the
 * header (RosterLayout of the domain: unknown, missing and repeated columns all named at once), then
 * at most `maxRows` data rows (blank lines and rows of empty cells skipped), the bytes limited to
 * `maxBytes` while they arrive and hashed (SHA-256). Refusals, each before anything is stored:
 *
 * - 415 REQUEST.UNSUPPORTED_MEDIA_TYPE: not `text/csv`;
 * - 400 ROSTER.NOT_CSV: a charset other than UTF-8, bytes that are not UTF-8 text;
 * - 400 ROSTER.MALFORMED: csv-parse refused it (an unclosed quote, a row with more or fewer fields
 *   than the header), with the line and csv-parse's code;
 * - 413 ROSTER.TOO_LARGE: over `maxBytes` (by Content-Length at once, otherwise when crossed);
 * - 422 ROSTER.HEADER_MISSING / INVALID_COLUMNS (the layout), ROSTER.TOO_MANY_ROWS.
 *
 * A file with no data row is returned with no rows (the handler answers ROSTER.EMPTY). When it stops
 * early, the rest of the body is left to Node, which discards it once the answer is sent.
 */
export async function readRosterFile(
  request: IncomingMessage,
  limits: RosterFileLimits,
): Promise<RosterFile> {
  const { type, charset } = mediaTypeOf(request.headers['content-type']);
  if (type !== ROSTER_CONTENT_TYPE) {
    throw RequestErrors.UNSUPPORTED_MEDIA_TYPE.create({ accepted: ROSTER_CONTENT_TYPE });
  }
  if (charset !== null && !CHARSETS.has(charset)) throw RosterErrors.NOT_CSV.create({ problem: 'CHARSET' });
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > limits.maxBytes) {
    throw RosterErrors.TOO_LARGE.create({ maxBytes: limits.maxBytes });
  }

  const bytes = new RosterBytes(limits.maxBytes);
  const parser = parse({
    bom: true,
    delimiter: ',',
    skip_empty_lines: true,
    skip_records_with_empty_values: true,
    max_record_size: MAX_RECORD_BYTES,
  });
  // Errors of the byte guard end the parse with them (the request itself is never destroyed: the
  // answer must still reach the client).
  bytes.on('error', (error) => parser.destroy(error));
  request.pipe(bytes).pipe(parser);

  let layout: RosterLayout | null = null;
  const rows: RosterRow[] = [];
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      if (layout === null) {
        layout = RosterLayout.fromHeader(record);
        continue;
      }
      if (rows.length >= limits.maxRows) throw RosterErrors.TOO_MANY_ROWS.create({ maxRows: limits.maxRows });
      rows.push(layout.rowOf(record));
    }
  } catch (error) {
    if (error instanceof CsvError) throw malformed(error);
    throw error;
  } finally {
    request.unpipe(bytes);
    bytes.destroy();
    parser.destroy();
  }
  return { digest: bytes.hash.digest('hex'), rows };
}

/** Whether an error is one of the reader's refusals (a 4xx the client must fix). */
export function isRosterFileRefusal(error: unknown): error is AppError {
  return error instanceof AppError && error.status >= 400 && error.status < 500;
}
