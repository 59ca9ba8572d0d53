import { given } from '@frontera/shared-kernel/testing';
import { AuditErrors } from '../errors/audit-errors';
import { AuditTask } from '../task/audit-task.aggregate';
import { aComplaint, aRoster, aSecretHash, aSupervisor, day, hoursAfter, T0, theSystem } from '../testing';
import {
  COMPLAINANT_ACTOR,
  COMPLAINT_PERSONAL_DATA_PATHS,
  Complaint,
  type ComplaintSnapshot,
} from './complaint.aggregate';
import {
  allowedComplaintActions,
  COMPLAINT_ACTIONS,
  COMPLAINT_LIFECYCLE,
  COMPLAINT_STATUSES,
  type ComplaintAction,
  type ComplaintStatus,
} from './complaint-lifecycle';

const supervisor = aSupervisor('supervisor-5');
const contact = {
  name: 'María Xol Choc',
  phone: '+502 5555-1234',
  email: 'maria@example.org',
  language: 'es',
} as const;
const PERSONAL = ['María', 'Xol', '5555', 'maria@example.org', 'no nos dejan salir', 'Finca El Retiro'];

describe('filing a complaint', () => {
  it('Given an anonymous web complaint against a known employer, Then ComplaintReceived has ids, codes and flags only', () => {
    const complaint = aComplaint()
      .withId('complaint-1')
      .withIndicators(['WAGE_BELOW_MINIMUM', 'RESTRICTION_OF_MOVEMENT'])
      .build();
    expect(complaint.anonymous).toBe(true);
    expect(complaint.hasForcedLabourIndicator).toBe(true);
    expect(complaint.canTriageAutomatically).toBe(true);
    const filed = Complaint.file(
      {
        ...aComplaint().withIndicators(['RESTRICTION_OF_MOVEMENT', 'WAGE_BELOW_MINIMUM']).fileCommand(),
        complaintId: 'complaint-2',
      },
      T0,
    );
    expect(filed.pullEvents()).toEqual([
      {
        type: 'ComplaintReceived',
        complaintId: 'complaint-2',
        occurredAt: T0.toISOString(),
        employerId: 'emp-1',
        worksiteId: 'ws-1',
        state: 'CHP',
        channel: 'WEB',
        indicators: ['WAGE_BELOW_MINIMUM', 'RESTRICTION_OF_MOVEMENT'],
        forcedLabourIndicator: true,
        anonymous: true,
      },
    ]);
  });

  it('keeps contact data as personal data: listed for encryption, never in events or history', () => {
    const command = aComplaint()
      .aboutPlace('Finca El Retiro, camino a Cacahoatán')
      .withContact(contact)
      .fileCommand();
    const complaint = Complaint.file(command, T0);
    const events = complaint.pullEvents();
    expect(complaint.anonymous).toBe(false);
    expect(complaint.contact).toEqual({
      name: 'María Xol Choc',
      phone: '+50255551234',
      email: 'maria@example.org',
      language: 'es',
    });
    expect(events).toMatchObject([{ anonymous: false, employerId: null }]);
    for (const text of [JSON.stringify(events), JSON.stringify(complaint.recordedHistory)]) {
      for (const value of PERSONAL) expect(text).not.toContain(value);
      expect(text).not.toContain(complaint.receiptCode.compact);
      expect(text).not.toContain(command.secretHash);
    }
    expect(complaint.recordedHistory.map((h) => [h.field, h.personalData, h.actor])).toEqual([
      ['status', false, COMPLAINANT_ACTOR],
      ['contact', true, COMPLAINANT_ACTOR],
    ]);
    expect(COMPLAINT_PERSONAL_DATA_PATHS).toEqual([
      'contact.name',
      'contact.phone',
      'contact.email',
      'description',
      'subject.place',
      'additionalInformation[].text',
    ]);
  });

  it.each([
    [{ channel: 'FAX' }, 'channel'],
    [{ description: '  ' }, 'description'],
    [{ indicators: ['NOT_A_CODE'] }, 'indicators[0]'],
    [{ subject: { place: '' } }, 'subject.place'],
    [{ contact: { phone: '12' } }, 'contact.phone'],
    [{ contact: { email: 'not-an-email' } }, 'contact.email'],
    [{ secretHash: 'short' }, 'secretHash'],
    [{ state: 'XX' }, 'state'],
  ])('refuses %j (%s), creating nothing', (overrides, field) => {
    expect(() => Complaint.file({ ...aComplaint().fileCommand(), ...(overrides as object) }, T0)).toThrow(
      expect.objectContaining({
        code: AuditErrors.COMPLAINT_INVALID_DATA.code,
        params: expect.objectContaining({ field }),
      }),
    );
  });

  it('an empty contact is anonymous', () => {
    const complaint = Complaint.file(
      { ...aComplaint().fileCommand(), contact: { name: ' ', phone: null } },
      T0,
    );
    expect(complaint.anonymous).toBe(true);
  });
});

describe('the complainant, with receipt code and secret', () => {
  it('matches the secret by its hash, in constant time', () => {
    const complaint = aComplaint().withSeed(11).build();
    expect(complaint.matchesSecret(aSecretHash(11))).toBe(true);
    expect(complaint.matchesSecret(aSecretHash(12))).toBe(false);
    expect(complaint.matchesSecret(aSecretHash(11).slice(0, -1))).toBe(false);
    expect(complaint.matchesSecret(undefined)).toBe(false);
  });

  it.each([
    ['RECEIVED', 'RECEIVED', true],
    ['TRIAGED', 'UNDER_REVIEW', true],
    ['CLOSED', 'CLOSED', false],
    ['DISMISSED', 'CLOSED', false],
  ] as const)('sees a %s complaint as %s', (status, shown, accepts) => {
    const complaint = aComplaint().inStatus(status).build();
    expect(complaint.complainantView()).toEqual({
      receiptCode: complaint.receiptCode.value,
      status: shown,
      receivedOn: '2026-03-02',
      informationAdded: 0,
      acceptsInformation: accepts,
    });
  });

  it('the status reveals nothing about the audit or other complaints against the same employer', () => {
    const mine = aComplaint().against('emp-7').triaged('task-secret-1').build();
    const view = mine.complainantView();
    const others = [
      aComplaint().against('emp-7').withIndicators(['DEBT_BONDAGE']).build(),
      aComplaint().against('emp-7').dismissed().build(),
    ];
    expect(Object.keys(view).sort()).toEqual([
      'acceptsInformation',
      'informationAdded',
      'receiptCode',
      'receivedOn',
      'status',
    ]);
    const text = JSON.stringify(view);
    for (const hidden of [
      'task-secret-1',
      'emp-7',
      'ws-1',
      ...others.map((o) => o.receiptCode.value),
      ...others.map((o) => o.id),
    ]) {
      expect(text).not.toContain(hidden);
    }
    expect(mine.complainantView()).toEqual(view);
  });

  it('adds information: stored as personal data, counted in the view; at most 20 times', () => {
    given(aComplaint())
      .when((c) => c.addInformation('El capataz se llama Don Beto y tiene nuestros pasaportes.', day(1)))
      .then((c, _r, events) => {
        expect(events).toEqual([
          {
            type: 'ComplaintInformationAdded',
            complaintId: c.id,
            occurredAt: day(1).toISOString(),
            employerId: 'emp-1',
            additions: 1,
          },
        ]);
        expect(c.complainantView().informationAdded).toBe(1);
        expect(c.recordedHistory.at(-1)).toMatchObject({ personalData: true, from: null, to: null });
        for (let i = 2; i <= 20; i++) c.addInformation(`Dato ${i}`, day(1));
        expect(() => c.addInformation('Uno más', day(1))).toThrow(
          expect.objectContaining({ code: AuditErrors.COMPLAINT_INVALID_DATA.code }),
        );
      });
  });
});

describe('triage creates a COMPLAINT audit', () => {
  it('Given a complaint naming a known employer with a forced-labour indicator, When the system triages, Then a CRITICAL audit due within 48 hours', () => {
    const complaint = aComplaint().against('emp-3', 'ws-9').withIndicators(['DEBT_BONDAGE']).build();
    const request = complaint.triage({ taskId: 'task-40' }, theSystem(), T0);
    expect(request).toEqual({
      taskId: 'task-40',
      employerId: 'emp-3',
      worksiteId: 'ws-9',
      state: 'CHP',
      kind: 'COMPLAINT',
      origin: { type: 'COMPLAINT', refId: complaint.id },
      indicators: ['DEBT_BONDAGE'],
    });
    expect(complaint.pullEvents()).toMatchObject([
      { type: 'ComplaintTriaged', taskId: 'task-40', automatic: true, employerId: 'emp-3' },
    ]);
    const task = AuditTask.create({ ...request, municipality: 'Tapachula', roster: aRoster(2) }, T0);
    expect(task.priority).toBe('CRITICAL');
    expect(task.dueAt).toEqual(hoursAfter(T0, 48));
    expect(task.origin).toEqual({ type: 'COMPLAINT', refId: complaint.id });
  });

  it('a complaint about a place needs a supervisor to name the employer and worksite', () => {
    given(aComplaint().aboutPlace('Finca sin nombre, km 12'))
      .when((c) => c.triage({ taskId: 'task-1' }, supervisor, day(1)))
      .thenFails(AuditErrors.COMPLAINT_EMPLOYER_REQUIRED);
    given(aComplaint().aboutPlace('Finca sin nombre, km 12'))
      .when((c) =>
        c.triage({ taskId: 'task-1', employerId: 'emp-8', worksiteId: 'ws-8' }, supervisor, day(1)),
      )
      .then((c, request, events) => {
        expect(c.employerId).toBe('emp-8');
        expect(request).toMatchObject({ employerId: 'emp-8', worksiteId: 'ws-8', indicators: [] });
        expect(events).toMatchObject([
          { type: 'ComplaintTriaged', automatic: false, actorId: 'supervisor-5' },
        ]);
      });
  });

  it('closes when its audit ends (idempotent, only for its own task); a supervisor closes with a reason', () => {
    const complaint = aComplaint().triaged('task-7').build();
    expect(complaint.close('task-8', theSystem(), null, day(5))).toBe(false);
    expect(complaint.close('task-7', theSystem(), null, day(5))).toBe(true);
    expect(complaint.isOpen).toBe(false);
    expect(complaint.close('task-7', theSystem(), null, day(6))).toBe(false);
    given(aComplaint().triaged())
      .when((c) => c.close(null, supervisor, 'Resolved by phone with the labour office', day(2)))
      .thenEvents([{ type: 'ComplaintClosed', taskId: null, actorId: 'supervisor-5' }]);
  });

  it('records referrals made from the complaint, once each', () => {
    given(aComplaint())
      .when((c) => [
        c.recordReferral('ref-1', 'FEDERAL_PROSECUTOR', supervisor, day(1)),
        c.recordReferral('ref-1', 'FEDERAL_PROSECUTOR', supervisor, day(1)),
      ])
      .then((c, results, events) => {
        expect(results).toEqual([true, false]);
        expect(c.referralIds).toEqual(['ref-1']);
        expect(events).toMatchObject([
          { type: 'ComplaintReferred', referralId: 'ref-1', agency: 'FEDERAL_PROSECUTOR' },
        ]);
      });
  });
});

describe('complaint lifecycle, for every status × action', () => {
  const invoke: Record<ComplaintAction, (c: Complaint) => unknown> = {
    ADD_INFORMATION: (c) => c.addInformation('Más datos', day(3)),
    TRIAGE: (c) =>
      c.triage({ taskId: 'task-new', employerId: 'emp-1', worksiteId: 'ws-1' }, supervisor, day(3)),
    DISMISS: (c) => c.dismiss(supervisor, 'Not in the program', day(3)),
    RECORD_REFERRAL: (c) => c.recordReferral('ref-9', 'VICTIM_SERVICES', supervisor, day(3)),
    CLOSE: (c) => c.close(null, supervisor, 'Resolved', day(3)),
  };
  const pairs = COMPLAINT_ACTIONS.flatMap((action) =>
    COMPLAINT_STATUSES.map((status) => ({
      action,
      status,
      next: (COMPLAINT_LIFECYCLE[action] as Partial<Record<ComplaintStatus, ComplaintStatus>>)[status],
    })),
  );

  it.each(pairs.filter((p) => p.next !== undefined))(
    'Given a $status complaint, When $action, Then $next',
    ({ action, status, next }) => {
      const complaint = aComplaint().inStatus(status).build();
      const version = complaint.version;
      invoke[action](complaint);
      expect(complaint.status).toBe(next);
      expect(complaint.version).toBe(version + 1);
    },
  );

  it.each(pairs.filter((p) => p.next === undefined))(
    'Given a $status complaint, When $action, Then 409',
    ({ action, status }) => {
      const complaint = aComplaint().inStatus(status).build();
      const before = complaint.toSnapshot();
      expect(() => invoke[action](complaint)).toThrow(
        expect.objectContaining({
          code: AuditErrors.COMPLAINT_TRANSITION_NOT_ALLOWED.code,
          params: { action, currentState: status, allowedActions: allowedComplaintActions(status) },
        }),
      );
      expect(complaint.toSnapshot()).toEqual(before);
    },
  );
});

describe('Complaint snapshot', () => {
  it.each(COMPLAINT_STATUSES)('round-trips a %s complaint', (status) => {
    const complaint = aComplaint().withContact(contact).inStatus(status).build();
    const snapshot = complaint.toSnapshot();
    expect(snapshot).toMatchObject({
      receiptCode: complaint.receiptCode.compact,
      status,
      employerId: 'emp-1',
      state: 'CHP',
    });
    const again = Complaint.fromSnapshot(JSON.parse(JSON.stringify(snapshot)) as ComplaintSnapshot);
    expect(again.toSnapshot()).toEqual(snapshot);
    expect(again.persistedVersion).toBe(complaint.version);
  });

  it.each([
    [
      'a wrong receipt check character',
      (s: ComplaintSnapshot) => ({
        ...s,
        receiptCode: s.receiptCode.slice(0, -1) + (s.receiptCode.endsWith('A') ? 'B' : 'A'),
      }),
    ],
    [
      'a TRIAGED complaint without triage',
      (s: ComplaintSnapshot) => ({ ...s, status: 'TRIAGED', triage: null }),
    ],
    ['an unknown status', (s: ComplaintSnapshot) => ({ ...s, status: 'LOST' })],
  ])('refuses %s with COMPLAINT.SNAPSHOT_INVALID', (_case, corrupt) => {
    expect(() =>
      Complaint.fromSnapshot(corrupt(aComplaint().build().toSnapshot()) as ComplaintSnapshot),
    ).toThrow(expect.objectContaining({ code: AuditErrors.COMPLAINT_SNAPSHOT_INVALID.code, status: 500 }));
  });
});
