import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';
import { parse } from 'csv-parse/sync';
import { ROSTER_COLUMN_NAMES, type RosterRowError } from '@frontera/permits-domain';
import { AppError } from '@frontera/shared-kernel';
import { rosterErrorReport } from './roster-error-report';
import { readRosterFile } from './roster-file.reader';

const LIMITS = { maxBytes: 4096, maxRows: 3 };
const HEADER = ROSTER_COLUMN_NAMES.join(',');
const ROW = ROSTER_COLUMN_NAMES.map((name) =>
  name === 'homeAddress.line' ? '"Aldea El Carmen, casa 12"' : 'x',
).join(',');

/** A request body as it arrives: in chunks of `chunkSize` bytes, with the given headers. */
function aRequest(
  body: string | Buffer,
  headers: Record<string, string> = { 'content-type': 'text/csv' },
  chunkSize = 7,
): IncomingMessage {
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  const chunks: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += chunkSize) chunks.push(bytes.subarray(i, i + chunkSize));
  return Object.assign(Readable.from(chunks, { objectMode: false }), {
    headers,
  }) as unknown as IncomingMessage;
}

async function refusal(request: IncomingMessage, limits = LIMITS): Promise<AppError> {
  const error = await readRosterFile(request, limits).then(
    () => undefined,
    (e: unknown) => e,
  );
  if (error instanceof AppError) return error;
  throw new Error(`expected an AppError, got ${String(error)}`);
}

describe('readRosterFile (the roster upload, read while it arrives)', () => {
  it('reads the header and the rows in ROSTER_COLUMNS order, with the SHA-256 of the bytes as sent', async () => {
    const reordered = [...ROSTER_COLUMN_NAMES].reverse();
    const cells = reordered.map((name) =>
      name === 'givenNames' ? 'José Luis' : name === 'phone' ? '' : `v:${name}`,
    );
    const body = `\uFEFF${reordered.join(',')}\r\n${cells.join(',')}\r\n\r\n`;

    const file = await readRosterFile(aRequest(body), LIMITS);

    expect(file.digest).toBe(createHash('sha256').update(Buffer.from(body, 'utf8')).digest('hex'));
    expect(file.rows).toHaveLength(1);
    expect(file.rows[0][ROSTER_COLUMN_NAMES.indexOf('givenNames')]).toBe('José Luis');
    expect(file.rows[0][ROSTER_COLUMN_NAMES.indexOf('occupation')]).toBe('v:occupation');
  });

  it('leaves optional columns out and skips blank lines and rows of empty cells', async () => {
    const columns = ROSTER_COLUMN_NAMES.filter(
      (n) => !['phone', 'photoReference', 'surnames.second'].includes(n),
    );
    const body = `${columns.join(',')}\n${columns.map(() => 'x').join(',')}\n\n${columns.map(() => '').join(',')}\n`;
    const file = await readRosterFile(aRequest(body), LIMITS);
    expect(file.rows).toHaveLength(1);
    expect(file.rows[0][ROSTER_COLUMN_NAMES.indexOf('phone')]).toBe('');
  });

  it('returns no rows for an empty body and for a header alone (the handler answers ROSTER.EMPTY)', async () => {
    expect((await readRosterFile(aRequest(''), LIMITS)).rows).toEqual([]);
    expect((await readRosterFile(aRequest(`${HEADER}\n`), LIMITS)).rows).toEqual([]);
  });

  it('refuses another media type (415), another charset and bytes that are not UTF-8 text (400 ROSTER.NOT_CSV)', async () => {
    expect(await refusal(aRequest(HEADER, { 'content-type': 'application/json' }))).toMatchObject({
      status: 415,
      code: 'REQUEST.UNSUPPORTED_MEDIA_TYPE',
    });
    expect(await refusal(aRequest(HEADER, { 'content-type': 'text/csv; charset=ISO-8859-1' }))).toMatchObject(
      {
        code: 'ROSTER.NOT_CSV',
        params: { problem: 'CHARSET' },
      },
    );
    const latin1 = Buffer.from(`${HEADER}\nJos\xe9\n`, 'latin1');
    expect(await refusal(aRequest(latin1))).toMatchObject({
      status: 400,
      params: { problem: 'INVALID_UTF8' },
    });
    expect(await refusal(aRequest(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00])))).toMatchObject({
      code: 'ROSTER.NOT_CSV',
      params: { problem: 'BINARY' },
    });
  });

  it('refuses a body over the limit with 413 ROSTER.TOO_LARGE: by Content-Length at once, or when crossed', async () => {
    const big = `${HEADER}\n${`${ROW}\n`.repeat(100)}`;
    expect(
      await refusal(
        aRequest(big, { 'content-type': 'text/csv', 'content-length': String(Buffer.byteLength(big)) }),
      ),
    ).toMatchObject({ status: 413, code: 'ROSTER.TOO_LARGE', params: { maxBytes: 4096 } });
    expect(
      await refusal(aRequest(big, { 'content-type': 'text/csv' }, 512), { maxBytes: 4096, maxRows: 1000 }),
    ).toMatchObject({
      status: 413,
      code: 'ROSTER.TOO_LARGE',
    });
  });

  it('refuses more rows than the limit (422 ROSTER.TOO_MANY_ROWS)', async () => {
    const body = `${HEADER}\n${`${ROW}\n`.repeat(4)}`;
    expect(await refusal(aRequest(body))).toMatchObject({
      status: 422,
      code: 'ROSTER.TOO_MANY_ROWS',
      params: { maxRows: 3 },
    });
  });

  it('refuses malformed CSV with the line and csv-parse’s code, never the text (400 ROSTER.MALFORMED)', async () => {
    const short = await refusal(aRequest(`${HEADER}\n${ROW}\nsecret,value\n`));
    expect(short).toMatchObject({
      status: 400,
      code: 'ROSTER.MALFORMED',
      params: { line: 3, problem: 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH' },
    });
    expect(JSON.stringify(short.params)).not.toContain('secret');
    const unclosed = await refusal(aRequest(`${HEADER}\n${ROW}\n"secret,x,y\n`));
    expect(unclosed).toMatchObject({ code: 'ROSTER.MALFORMED', params: { problem: 'CSV_QUOTE_NOT_CLOSED' } });
  });

  it('refuses a header with unknown or missing columns, and a first line of data (422)', async () => {
    const unknown = await refusal(aRequest(`${HEADER},shoeSize\n${ROW},42\n`));
    expect(unknown).toMatchObject({
      status: 422,
      code: 'ROSTER.INVALID_COLUMNS',
      params: { unknownColumns: ['shoeSize'] },
    });
    expect(await refusal(aRequest(`${ROW}\n${ROW}\n`))).toMatchObject({ code: 'ROSTER.HEADER_MISSING' });
  });
});

describe('rosterErrorReport (the per-row error report)', () => {
  const errors: RosterRowError[] = [
    {
      row: 2,
      field: 'dailyWage',
      code: 'ROSTER.INVALID_VALUE',
      message: { es: 'La columna "dailyWage", mal', en: 'Column "dailyWage", bad' },
    },
    { row: 7, field: '', code: 'EMPLOYER_NOT_ACTIVE', message: { es: '=HYPERLINK("x")', en: 'Not active' } },
  ];

  it('writes row, field, code and message (RFC 4180 quoting, the chosen language, formulas neutralised)', () => {
    const text = rosterErrorReport(errors, 'es');
    expect(text.startsWith('\uFEFFrow,field,code,message\r\n')).toBe(true);
    expect(parse(text, { bom: true, columns: true })).toEqual([
      { row: '2', field: 'dailyWage', code: 'ROSTER.INVALID_VALUE', message: 'La columna "dailyWage", mal' },
      { row: '7', field: '', code: 'EMPLOYER_NOT_ACTIVE', message: `'=HYPERLINK("x")` },
    ]);
    const english = parse(rosterErrorReport(errors, 'en'), { bom: true, columns: true }) as Record<
      string,
      string
    >[];
    expect(english[1]?.['message']).toBe('Not active');
  });

  it('is the header alone without errors', () => {
    expect(rosterErrorReport([], 'en')).toBe('\uFEFFrow,field,code,message\r\n');
  });
});
