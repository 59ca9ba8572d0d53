import { parse } from 'csv-parse/sync';
import { waitFor } from '@frontera/platform-testing';
import { rosterApplicationId } from '@frontera/permits-application';
import { JobsService, queuePrefixFor } from '@frontera/platform-jobs';
import { QUEUES } from '../../src/jobs/queues';
import { APPLICATIONS_COLLECTION, WORKERS_COLLECTION } from '../../src/persistence/permits.schemas';
import {
  ROSTER_IMPORTS_COLLECTION,
  ROSTER_ROW_ERRORS_COLLECTION,
  ROSTER_ROWS_COLLECTION,
} from '../../src/rosters/roster.schemas';
import {
  anActiveEmployer,
  startPermitsApp,
  type GivenEmployer,
  type PermitsTestApp,
} from '../support/permits-test-app';
import { aRosterRow, rosterCsv, validRows } from './roster-files';

jest.setTimeout(240_000);

/** Rows of the large upload: four batches of ROSTER_BATCH_SIZE (250). */
const LARGE_ROWS = 1_000;

interface RosterBody {
  id: string;
  status: string;
  rows: number;
  processedRows: number;
  percentage: number;
  accepted: number;
  rejected: number;
  created?: boolean;
}

describe('harvest rosters over HTTP (real Kafka, FerretDB, Redis, BullMQ)', () => {
  let t: PermitsTestApp;

  beforeAll(async () => {
    // The pool's maximum and more rows at once than connections: the roster job is bound by the store.
    t = await startPermitsApp({
      swagger: true,
      env: { MONGODB_MAX_POOL_SIZE: '10', ROSTER_ROW_CONCURRENCY: '12' },
    });
  });

  afterAll(async () => {
    await t?.close();
  });

  const asEmployer = (employer: GivenEmployer) => t.callers.employer(employer.employerId);

  async function upload(employer: GivenEmployer, csv: string | Buffer, contentType = 'text/csv') {
    return t.http
      .post(`/worksites/${employer.worksiteId}/rosters`)
      .set('Authorization', await asEmployer(employer))
      .set('Content-Type', contentType)
      .send(typeof csv === 'string' ? Buffer.from(csv, 'utf8') : csv);
  }

  async function state(employer: GivenEmployer, importId: string): Promise<RosterBody> {
    const response = await t.http
      .get(`/rosters/${importId}`)
      .set('Authorization', await asEmployer(employer))
      .expect(200);
    return response.body as RosterBody;
  }

  function finished(employer: GivenEmployer, importId: string, timeoutMs = 120_000): Promise<RosterBody> {
    return waitFor(
      async () => {
        const body = await state(employer, importId);
        return body.status === 'COMPLETED' || body.status === 'FAILED' ? body : undefined;
      },
      `roster import ${importId} finished`,
      timeoutMs,
      100,
    );
  }

  async function errorReport(employer: GivenEmployer, importId: string, language = 'es') {
    const response = await t.http
      .get(`/rosters/${importId}/errors.csv`)
      .set('Authorization', await asEmployer(employer))
      .set('Accept-Language', language)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks).toString('utf8')));
      })
      .expect(200);
    const text = response.body as string;
    const records = parse(text, { bom: true, columns: true }) as Record<string, string>[];
    return { response, text, records };
  }

  /** An upload answered `status` (the body shown when it is not). */
  async function uploaded(employer: GivenEmployer, csv: string | Buffer, status: number) {
    const response = await upload(employer, csv);
    expect({ status: response.status, body: response.status === status ? undefined : response.body }).toEqual(
      {
        status,
        body: undefined,
      },
    );
    return response;
  }

  const count = (collection: string, filter: object) =>
    t.connection.collection(collection).countDocuments(filter);

  async function nothingStoredFor(employer: GivenEmployer): Promise<void> {
    expect(await count(ROSTER_IMPORTS_COLLECTION, { employerId: employer.employerId })).toBe(0);
    expect(await count(APPLICATIONS_COLLECTION, { employerId: employer.employerId })).toBe(0);
  }

  it('a 200-row file: 202 QUEUED with Location, then COMPLETED with 200 applications, its rows deleted and roster.import.completed published', async () => {
    const employer = await anActiveEmployer(t);
    const rows = validRows(200);

    const accepted = await uploaded(employer, rosterCsv(rows), 202);

    expect(accepted.headers['location']).toBe(`/rosters/${accepted.body.id}`);
    expect(accepted.body).toMatchObject({
      status: 'QUEUED',
      rows: 200,
      processedRows: 0,
      percentage: 0,
      employerId: employer.employerId,
      worksiteId: employer.worksiteId,
      state: 'CHP',
      created: true,
    });
    const importId = accepted.body.id as string;
    const done = await finished(employer, importId);
    expect(done).toMatchObject({
      status: 'COMPLETED',
      rows: 200,
      processedRows: 200,
      percentage: 100,
      accepted: 200,
      rejected: 0,
    });
    expect(await count(APPLICATIONS_COLLECTION, { employerId: employer.employerId })).toBe(200);
    const first = await t.raw(APPLICATIONS_COLLECTION, rosterApplicationId(importId, 1));
    expect(first).toMatchObject({
      employerId: employer.employerId,
      worksiteId: employer.worksiteId,
      status: 'SUBMITTED',
    });
    expect(await count(ROSTER_ROWS_COLLECTION, { importId })).toBe(0);
    // The job carried the import id only, on this database's queue.
    const redis = t.app.get(JobsService).producerConnection;
    const prefix = queuePrefixFor(t.connection.db?.databaseName ?? '');
    const job = await redis.hgetall(`${prefix}:${QUEUES.rosterImport.name}:${importId}-v1`);
    const data = JSON.parse(job['data'] ?? '{}') as { payload?: Record<string, unknown> };
    expect(data.payload).toEqual({ importId });

    const [{ event }] = await t.events.waitFor(importId, 'frontera.roster.import.completed');
    expect(event.data).toEqual({
      importId,
      employerId: employer.employerId,
      worksiteId: employer.worksiteId,
      rows: 200,
      accepted: 200,
      rejected: 0,
    });
    expect(event.correlationid).toBe(accepted.headers['x-correlation-id']);
    const serialized = JSON.stringify(event);
    expect(serialized).not.toContain(rows[0]['identityDocument.number']);
    expect(serialized).not.toContain(rows[0]['surnames.first']);
    const report = await errorReport(employer, importId);
    expect(report.records).toEqual([]);
    expect(report.text.replace(/^\uFEFF/, '').trim()).toBe('row,field,code,message');
  });

  it('bad rows are reported in errors.csv by row, column and code (never their values); good rows become applications; nothing of a bad row is stored', async () => {
    const employer = await anActiveEmployer(t);
    const fifteen = new Date(Date.now() - 15 * 365.25 * 24 * 3600 * 1000).toISOString().slice(0, 10);
    const rows = [
      aRosterRow(),
      aRosterRow({ nationality: 'HND', dateOfBirth: fifteen, noRecruitmentFeeDeclared: 'no' }),
      aRosterRow({ dailyWage: 'mucho', noRecruitmentFeeDeclared: 'quizá' }),
      aRosterRow({ 'identityDocument.number': '' }),
      aRosterRow({ dailyWage: '100.00' }),
      aRosterRow(),
    ];
    const workersBefore = await count(WORKERS_COLLECTION, {});

    const accepted = await uploaded(employer, rosterCsv(rows), 202);
    const importId = accepted.body.id as string;
    const done = await finished(employer, importId);

    expect(done).toMatchObject({ status: 'COMPLETED', rows: 6, accepted: 2, rejected: 4 });
    const { response, text, records } = await errorReport(employer, importId);
    expect(response.headers['content-type']).toMatch(/^text\/csv/);
    expect(response.headers['content-disposition']).toBe(`attachment; filename="${importId}-errors.csv"`);
    expect(records.map((r) => [r['row'], r['field'], r['code']])).toEqual([
      ['2', 'nationality', 'NATIONALITY_NOT_ELIGIBLE'],
      ['2', 'dateOfBirth', 'UNDER_AGE'],
      ['2', 'noRecruitmentFeeDeclared', 'RECRUITMENT_FEE'],
      ['3', 'dailyWage', 'ROSTER.INVALID_VALUE'],
      ['3', 'noRecruitmentFeeDeclared', 'ROSTER.INVALID_VALUE'],
      ['4', 'identityDocument.number', 'WORKER.INVALID_DOCUMENT'],
      ['5', 'dailyWage', 'WAGE_BELOW_MINIMUM'],
    ]);
    expect(records.every((r) => (r['message'] ?? '').length > 10)).toBe(true);
    for (const value of [
      'mucho',
      'quizá',
      'HND',
      fifteen,
      rows[1]['surnames.first'],
      rows[1]['identityDocument.number'],
    ]) {
      expect(text).not.toContain(value);
    }
    const english = await errorReport(employer, importId, 'en');
    expect(english.records.map((r) => r['code'])).toEqual(records.map((r) => r['code']));
    expect(english.records[0]['message']).not.toBe(records[0]['message']);

    // Rows 1 and 6 are applications; rows 2–5 left nothing: no application, no worker.
    expect(await count(APPLICATIONS_COLLECTION, { employerId: employer.employerId })).toBe(2);
    expect(await t.raw(APPLICATIONS_COLLECTION, rosterApplicationId(importId, 1))).not.toBeNull();
    expect(await t.raw(APPLICATIONS_COLLECTION, rosterApplicationId(importId, 6))).not.toBeNull();
    for (const row of [2, 3, 4, 5]) {
      expect(await t.raw(APPLICATIONS_COLLECTION, rosterApplicationId(importId, row))).toBeNull();
    }
    expect((await count(WORKERS_COLLECTION, {})) - workersBefore).toBe(2);
    expect(
      JSON.stringify(
        await t.connection.collection(ROSTER_ROW_ERRORS_COLLECTION).find({ importId }).toArray(),
      ),
    ).not.toContain('mucho');
  });

  it('the same file uploaded twice is one import: the second upload answers it (200, created false) and nothing is stored twice', async () => {
    const employer = await anActiveEmployer(t);
    const csv = rosterCsv(validRows(30));

    const first = await uploaded(employer, csv, 202);
    const again = await uploaded(employer, csv, 200);

    expect(again.body).toMatchObject({ id: first.body.id, created: false });
    expect(again.headers['location']).toBe(`/rosters/${first.body.id}`);
    await finished(employer, first.body.id);
    const afterCompletion = await uploaded(employer, csv, 200);
    expect(afterCompletion.body).toMatchObject({ id: first.body.id, status: 'COMPLETED', created: false });

    expect(await count(ROSTER_IMPORTS_COLLECTION, { employerId: employer.employerId })).toBe(1);
    expect(await count(APPLICATIONS_COLLECTION, { employerId: employer.employerId })).toBe(30);
    const [{ event }] = await t.events.waitFor(first.body.id, 'frontera.roster.import.completed');
    expect(event.data).toMatchObject({ accepted: 30 });
    // One completion event, however many uploads.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(t.events.about(first.body.id, 'frontera.roster.import.completed')).toHaveLength(1);
  });

  describe('refused at upload with problem details, nothing stored', () => {
    let employer: GivenEmployer;

    beforeAll(async () => {
      employer = await anActiveEmployer(t);
    });

    afterEach(async () => {
      await nothingStoredFor(employer);
    });

    function expectProblem(
      response: { status: number; headers: Record<string, string>; body: { code?: string } },
      status: number,
      code: string,
    ) {
      expect(response.status).toBe(status);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.body.code).toBe(code);
    }

    it('not CSV: another media type is 415, a binary file sent as text/csv is 400 ROSTER.NOT_CSV', async () => {
      const json = await t.http
        .post(`/worksites/${employer.worksiteId}/rosters`)
        .set('Authorization', await asEmployer(employer))
        .send({ rows: [] });
      expectProblem(json, 415, 'REQUEST.UNSUPPORTED_MEDIA_TYPE');
      expectProblem(
        await upload(employer, Buffer.from('%PDF-1.7 binary'), 'application/pdf'),
        415,
        'REQUEST.UNSUPPORTED_MEDIA_TYPE',
      );

      // An XLSX is a ZIP archive: binary, not UTF-8 text.
      const xlsx = Buffer.concat([
        Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00]),
        Buffer.alloc(64, 0xff),
      ]);
      const binary = await upload(employer, xlsx);
      expectProblem(binary, 400, 'ROSTER.NOT_CSV');
      expect(binary.body.problem).toBe('INVALID_UTF8');
      const latin1 = await upload(employer, rosterCsv(validRows(1)), 'text/csv; charset=windows-1252');
      expectProblem(latin1, 400, 'ROSTER.NOT_CSV');
    });

    it('unknown and missing columns are named at once (422 ROSTER.INVALID_COLUMNS); a file without a header is 422 ROSTER.HEADER_MISSING', async () => {
      const columns = [
        'givenNames',
        'surnames.first',
        'dateOfBirth',
        'sex',
        'nationality',
        'shoeSize',
        'occupation',
      ];
      const invalid = await upload(employer, rosterCsv([aRosterRow()], columns));
      expectProblem(invalid, 422, 'ROSTER.INVALID_COLUMNS');
      expect(invalid.body.unknownColumns).toEqual(['shoeSize']);
      expect(invalid.body.missingColumns).toEqual(
        expect.arrayContaining([
          'identityDocument.number',
          'dailyWage',
          'startDate',
          'noRecruitmentFeeDeclared',
        ]),
      );

      const row = aRosterRow();
      const headless = rosterCsv([row]).split('\r\n').slice(1).join('\r\n');
      const missing = await upload(employer, headless);
      expectProblem(missing, 422, 'ROSTER.HEADER_MISSING');
      expect(JSON.stringify(missing.body)).not.toContain(row['identityDocument.number']);
    });

    it('malformed CSV is 400 ROSTER.MALFORMED with the line', async () => {
      const good = rosterCsv(validRows(2));
      const broken = `${good}"an unclosed quote,1,2\r\n`;
      const malformed = await upload(employer, broken);
      expectProblem(malformed, 400, 'ROSTER.MALFORMED');
      const short = `${good}only,three,fields\r\n`;
      const inconsistent = await upload(employer, short);
      expectProblem(inconsistent, 400, 'ROSTER.MALFORMED');
      expect(inconsistent.body.line).toBe(4);
      expect(inconsistent.body.problem).toBe('CSV_RECORD_INCONSISTENT_FIELDS_LENGTH');
    });

    it('a body over ROSTER_MAX_BYTES is 413 ROSTER.TOO_LARGE, by Content-Length and when sent in chunks', async () => {
      const limit = t.config.ROSTER_MAX_BYTES;
      const header = rosterCsv([]);
      const big = Buffer.concat([Buffer.from(header), Buffer.alloc(limit + 1 - header.length, 'a')]);
      const declared = await upload(employer, big);
      expectProblem(declared, 413, 'ROSTER.TOO_LARGE');
      expect(declared.body.maxBytes).toBe(limit);

      // No Content-Length: the reader counts while the bytes arrive.
      const request = t.http
        .post(`/worksites/${employer.worksiteId}/rosters`)
        .set('Authorization', await asEmployer(employer))
        .set('Content-Type', 'text/csv');
      // Rows of about 4 KB: the bytes cross the limit long before the rows do.
      const line = Buffer.from(
        rosterCsv([aRosterRow({ 'homeAddress.line': 'Aldea El Carmen '.repeat(256) })]).split('\r\n')[1] +
          '\r\n',
      );
      request.write(Buffer.from(header));
      for (let sent = header.length; sent <= limit; sent += line.length) request.write(line);
      const chunked = await request;
      expectProblem(chunked, 413, 'ROSTER.TOO_LARGE');
    });

    it('a file over ROSTER_MAX_ROWS is 422 ROSTER.TOO_MANY_ROWS', async () => {
      const max = t.config.ROSTER_MAX_ROWS;
      const tooMany = await upload(employer, rosterCsv(validRows(max + 1)));
      expectProblem(tooMany, 422, 'ROSTER.TOO_MANY_ROWS');
      expect(tooMany.body.maxRows).toBe(max);
    });

    it('an empty file, or a header without rows, is 422 ROSTER.EMPTY', async () => {
      expectProblem(await upload(employer, ''), 422, 'ROSTER.EMPTY');
      expectProblem(await upload(employer, rosterCsv([])), 422, 'ROSTER.EMPTY');
      expectProblem(
        await upload(employer, `${rosterCsv([])}\r\n,,,,,,,,,,,,,,,,,,,\r\n`),
        422,
        'ROSTER.EMPTY',
      );
    });
  });

  it('another employer gets 404 for the import, its report and the worksite; an officer 403', async () => {
    const owner = await anActiveEmployer(t);
    const other = await anActiveEmployer(t);
    const accepted = await uploaded(owner, rosterCsv(validRows(2)), 202);
    const importId = accepted.body.id as string;

    const get = await t.http
      .get(`/rosters/${importId}`)
      .set('Authorization', await asEmployer(other))
      .expect(404);
    expect(get.body.code).toBe('ROSTER.NOT_FOUND');
    const report = await t.http
      .get(`/rosters/${importId}/errors.csv`)
      .set('Authorization', await asEmployer(other))
      .expect(404);
    expect(report.body.code).toBe('ROSTER.NOT_FOUND');
    const elsewhere = await t.http
      .post(`/worksites/${owner.worksiteId}/rosters`)
      .set('Authorization', await asEmployer(other))
      .set('Content-Type', 'text/csv')
      .send(Buffer.from(rosterCsv(validRows(2))))
      .expect(404);
    expect(elsewhere.body.code).toBe('ROSTER.WORKSITE_NOT_FOUND');
    expect(await count(ROSTER_IMPORTS_COLLECTION, { employerId: other.employerId })).toBe(0);
    await t.http
      .get(`/rosters/${importId}`)
      .set('Authorization', await t.callers.officer('CHP'))
      .expect(403);
    await finished(owner, importId);
  });

  it('the OpenAPI document says what the roster routes take and answer', async () => {
    const { body: document } = await t.http.get('/docs-json').expect(200);
    const upload = document.paths['/worksites/{worksiteId}/rosters'].post;
    expect(Object.keys(upload.requestBody.content)).toEqual(['text/csv']);
    expect(upload.requestBody.content['text/csv'].schema.example).toMatch(/^givenNames,surnames\.first,/);
    expect(Object.keys(upload.responses).sort()).toEqual(
      ['200', '202', '400', '401', '403', '404', '409', '413', '415', '422', '500', '503'].sort(),
    );
    expect(upload.responses['202'].headers.Location).toBeDefined();
    expect(upload.responses['413'].description).toContain('ROSTER.TOO_LARGE');
    expect(Object.keys(upload.responses['413'].content)).toEqual(['application/problem+json']);
    const state = document.paths['/rosters/{id}'].get;
    expect(Object.keys(state.responses).sort()).toEqual(
      ['200', '400', '401', '403', '404', '413', '415', '500'].sort(),
    );
    const report = document.paths['/rosters/{id}/errors.csv'].get;
    expect(Object.keys(report.responses['200'].content)).toEqual(['text/csv']);
    expect(report.responses['200'].content['text/csv'].schema.example).toMatch(/^row,field,code,message/);
    const schema = document.components.schemas.RosterImportResponse;
    for (const property of ['status', 'rows', 'processedRows', 'percentage', 'accepted', 'rejected']) {
      expect(schema.properties[property].example).toBeDefined();
    }
  });

  // A routine large upload in the suite: four batches, so progress is seen moving. The 10,000-row
  // roster (about two minutes on this machine under load, batch by batch with batched I/O:
  // docs/decisions/0039) runs in `npm run bench:permits`, which measures its rate against the bare
  // insert rate.
  it(`a ${LARGE_ROWS.toLocaleString('en')}-row file completes with as many applications, its progress moving throughout`, async () => {
    const employer = await anActiveEmployer(t);
    const rows = validRows(LARGE_ROWS);
    const csv = rosterCsv(rows);
    const started = Date.now();

    const accepted = await uploaded(employer, csv, 202);
    const uploadedMs = Date.now() - started;
    const importId = accepted.body.id as string;
    // The rows wait for the job sealed: no document number, name or place in clear.
    const stored = await t.connection.collection(ROSTER_ROWS_COLLECTION).find({ importId }).toArray();
    expect(stored.length).toBeGreaterThan(0);
    const sealed = JSON.stringify(stored);
    for (const value of ['Malacatán', 'Aldea El Carmen', rows[LARGE_ROWS - 1]['identityDocument.number']]) {
      expect(sealed).not.toContain(value);
    }

    // Polled while it runs: the rows done move batch by batch.
    const seen = new Set<number>();
    const done = await waitFor(
      async () => {
        const body = await state(employer, importId);
        if (body.processedRows > 0 && body.processedRows < body.rows) seen.add(body.processedRows);
        return body.status === 'COMPLETED' || body.status === 'FAILED' ? body : undefined;
      },
      'the large import finished',
      540_000,
      250,
    );
    const totalMs = Date.now() - started;

    expect(done).toMatchObject({
      status: 'COMPLETED',
      rows: LARGE_ROWS,
      processedRows: LARGE_ROWS,
      accepted: LARGE_ROWS,
      rejected: 0,
    });
    expect(seen.size).toBeGreaterThanOrEqual(2);
    expect(new Set([...seen].map((n) => Math.floor(n / 100))).size).toBeGreaterThanOrEqual(2);
    expect(await count(APPLICATIONS_COLLECTION, { employerId: employer.employerId })).toBe(LARGE_ROWS);
    expect(await count(ROSTER_ROWS_COLLECTION, { importId })).toBe(0);
    process.stdout.write(
      `${LARGE_ROWS}-row roster: ${Buffer.byteLength(csv)} bytes, upload answered in ${uploadedMs} ms, ` +
        `COMPLETED after ${totalMs} ms (${Math.round(LARGE_ROWS / (totalMs / 1000))} rows/s), ` +
        `${seen.size} intermediate progress values seen\n`,
    );
  }, 600_000);
});
