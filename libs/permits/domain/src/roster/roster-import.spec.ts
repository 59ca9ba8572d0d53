import { AppError } from '@frontera/shared-kernel';
import { anEmployerUser } from '../testing/actors';
import { day, T0 } from '../testing/clock';
import { ROSTER_COLUMN_NAMES, ROSTER_COLUMNS, RosterLayout, rosterRecordOf } from './roster-columns';
import { RosterErrors } from './roster-errors';
import {
  allowedRosterImportActions,
  ROSTER_IMPORT_STATUSES,
  RosterImport,
  type RosterRowError,
} from './roster-import.aggregate';

function aRoster(rows = 250, batchSize = 100): RosterImport {
  return RosterImport.receive(
    { importId: 'rim_1', employerId: 'org_1', worksiteId: 'ws_1', state: 'CHP', rows, batchSize },
    anEmployerUser(),
    T0,
  );
}

function caught(action: () => unknown): AppError {
  try {
    action();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected an AppError');
}

const anError = (row: number): RosterRowError => ({
  row,
  field: 'dateOfBirth',
  code: 'UNDER_AGE',
  message: { es: 'menor', en: 'minor' },
});

describe('RosterImport', () => {
  it('Given a roster of 250 rows in batches of 100, When it is received, Then it is QUEUED at 0 % with three batches', () => {
    const roster = aRoster();
    expect(roster).toMatchObject({ status: 'QUEUED', version: 1, percentage: 0, batches: 3, nextBatch: 0 });
    expect(roster.rowNumbersOf(2)).toEqual(Array.from({ length: 50 }, (_, i) => 201 + i));
  });

  it('Given a started import, When each batch is recorded, Then the counts and the percentage move, and the last one completes it with one event', () => {
    const roster = aRoster();
    expect(roster.start(day(0))).toEqual({ resumed: false });
    roster.recordBatch({ batch: 0, accepted: 99, rejected: 1, errors: [anError(7)] }, day(0));
    expect(roster).toMatchObject({ status: 'RUNNING', processedRows: 100, percentage: 40, nextBatch: 1 });
    roster.recordBatch({ batch: 1, accepted: 100, rejected: 0, errors: [] }, day(0));
    expect(roster.pullEvents()).toEqual([]);
    roster.recordBatch({ batch: 2, accepted: 48, rejected: 2, errors: [anError(201), anError(250)] }, day(1));
    expect(roster).toMatchObject({
      status: 'COMPLETED',
      processedRows: 250,
      accepted: 247,
      rejected: 3,
      percentage: 100,
      finishedAt: day(1).toISOString(),
    });
    expect(roster.recordedBatchErrors.map((b) => b.batch)).toEqual([0, 2]);
    expect(roster.pullEvents()).toEqual([
      {
        type: 'RosterImportCompleted',
        importId: 'rim_1',
        employerId: 'org_1',
        worksiteId: 'ws_1',
        rows: 250,
        accepted: 247,
        rejected: 3,
        occurredAt: day(1).toISOString(),
      },
    ]);
  });

  it('Given a batch out of order, counts that do not add up or an error of another batch, Then ROSTER.INVALID_BATCH', () => {
    const roster = aRoster();
    roster.start(T0);
    expect(
      caught(() => roster.recordBatch({ batch: 1, accepted: 100, rejected: 0, errors: [] }, T0)).code,
    ).toBe('ROSTER.INVALID_BATCH');
    expect(
      caught(() => roster.recordBatch({ batch: 0, accepted: 90, rejected: 0, errors: [] }, T0)).code,
    ).toBe('ROSTER.INVALID_BATCH');
    expect(
      caught(() => roster.recordBatch({ batch: 0, accepted: 99, rejected: 1, errors: [anError(101)] }, T0))
        .code,
    ).toBe('ROSTER.INVALID_BATCH');
  });

  it('Given a RUNNING import whose job is retried, When it starts again, Then it resumes where its progress stopped', () => {
    const roster = aRoster();
    roster.start(T0);
    roster.recordBatch({ batch: 0, accepted: 100, rejected: 0, errors: [] }, T0);
    const stored = RosterImport.fromSnapshot(roster.toSnapshot());
    expect(stored.start(day(1))).toEqual({ resumed: true });
    expect(stored).toMatchObject({ runs: 2, nextBatch: 1, startedAt: T0.toISOString() });
  });

  it('follows its table: a COMPLETED import refuses everything; a FAILED one may only be queued again', () => {
    const done = aRoster(1);
    done.start(T0);
    done.recordBatch({ batch: 0, accepted: 1, rejected: 0, errors: [] }, T0);
    const refused = caught(() => done.start(T0));
    expect(refused).toMatchObject({ code: 'ROSTER.TRANSITION_NOT_ALLOWED', status: 409 });
    expect(refused.params).toMatchObject({ currentState: 'COMPLETED', allowedActions: [] });

    const failed = aRoster();
    failed.start(T0);
    failed.fail('ROWS_MISSING', T0);
    expect(failed).toMatchObject({ status: 'FAILED', failure: 'ROWS_MISSING' });
    expect(failed.allowedActions).toEqual(['REQUEUE']);
    failed.requeue(day(1));
    expect(failed).toMatchObject({ status: 'QUEUED', failure: null, finishedAt: null });
    expect(ROSTER_IMPORT_STATUSES.map(allowedRosterImportActions)).toEqual([
      ['START', 'FAIL'],
      ['START', 'RECORD_BATCH', 'FAIL'],
      [],
      ['REQUEUE'],
    ]);
  });

  it('round-trips its snapshot and refuses one whose counts disagree', () => {
    const roster = aRoster();
    roster.start(T0);
    const snapshot = roster.toSnapshot();
    expect(RosterImport.fromSnapshot(snapshot).toSnapshot()).toEqual(snapshot);
    expect(caught(() => RosterImport.fromSnapshot({ ...snapshot, accepted: 5 })).code).toBe(
      RosterErrors.SNAPSHOT_INVALID.code,
    );
  });
});

describe('RosterLayout', () => {
  const header = ROSTER_COLUMN_NAMES.map((n) => n);

  it('maps a header in any order and case to the stored column order, optional columns may be left out', () => {
    const shuffled = [...header].reverse().filter((n) => n !== 'phone' && n !== 'surnames.second');
    const layout = RosterLayout.fromHeader(shuffled.map((n) => ` ${n.toUpperCase()} `));
    const cells = shuffled.map((n) => `value of ${n}`);
    const record = rosterRecordOf(layout.rowOf(cells));
    expect(record.givenNames).toBe('value of givenNames');
    expect(record['identityDocument.number']).toBe('value of identityDocument.number');
    expect(record.phone).toBe('');
    expect(record['surnames.second']).toBe('');
  });

  it('names every unknown, missing and repeated column at once; data-looking cells by position only', () => {
    const bad = [
      ...header.filter((n) => n !== 'dateOfBirth' && n !== 'occupation'),
      'shoeSize',
      'Pérez López',
      'givenNames',
    ];
    const error = caught(() => RosterLayout.fromHeader(bad));
    expect(error.code).toBe('ROSTER.INVALID_COLUMNS');
    expect(error.params).toEqual({
      unknownColumns: ['shoeSize', `#${header.length}`],
      missingColumns: ['dateOfBirth', 'occupation'],
      duplicateColumns: ['givenNames'],
    });
    expect(JSON.stringify(error.toJSON())).not.toContain('Pérez');
  });

  it('a first line without a single known column is a missing header, echoing nothing of it', () => {
    const error = caught(() => RosterLayout.fromHeader(['José', 'Pérez', '1996-03-18', 'GTM']));
    expect(error.code).toBe('ROSTER.HEADER_MISSING');
    expect(JSON.stringify(error.toJSON())).not.toContain('José');
    expect(ROSTER_COLUMNS.filter((c) => c.required)).toHaveLength(16);
  });
});
