import { EmployerErrors } from '../errors/employer-errors';
import { aFinding, anAuditOutcome, anEmployer, anOfficer, day } from '../testing';
import { classifyAuditOutcome } from './audit-outcome';

describe('classifyAuditOutcome', () => {
  it.each([
    ['a CRITICAL finding as CRITICAL', anAuditOutcome().withCriticalFinding(), 'CRITICAL'],
    [
      'a forced-labour indicator as CRITICAL, even when rated MINOR',
      anAuditOutcome().withFinding(aFinding().minor().forcedLabourIndicator('DEBT_BONDAGE')),
      'CRITICAL',
    ],
    ['a SERIOUS finding as SERIOUS', anAuditOutcome().withSeriousFinding().withMinorFinding(), 'SERIOUS'],
    ['a REFERRAL without findings as SERIOUS', anAuditOutcome().referral(), 'SERIOUS'],
    ['a compliant FOLLOW_UP as PASSED_RE_AUDIT', anAuditOutcome().followUp().compliant(), 'PASSED_RE_AUDIT'],
    [
      'a compliant FOLLOW_UP with a minor finding as PASSED_RE_AUDIT',
      anAuditOutcome().followUp().compliant().withMinorFinding(),
      'PASSED_RE_AUDIT',
    ],
    [
      'a compliant PERIODIC audit as NO_RATING_EFFECT',
      anAuditOutcome().periodic().compliant(),
      'NO_RATING_EFFECT',
    ],
    [
      'violations with minor findings only as NO_RATING_EFFECT',
      anAuditOutcome().withMinorFinding(),
      'NO_RATING_EFFECT',
    ],
    [
      'a FOLLOW_UP with violations as NO_RATING_EFFECT',
      anAuditOutcome().followUp().withMinorFinding(),
      'NO_RATING_EFFECT',
    ],
  ])('classifies %s', (_case, outcome, expected) => {
    expect(classifyAuditOutcome(outcome.build())).toBe(expected);
  });
});

describe('Employer.applyAuditOutcome — rating and suspension follow from audits', () => {
  describe('Given an ACTIVE employer rated A', () => {
    it('When an audit has a SERIOUS finding, Then it is rated B and can no longer receive permits', () => {
      const employer = anEmployer().active().build();
      const audit = anAuditOutcome().withSeriousFinding().build();

      const result = employer.applyAuditOutcome(audit, day(31));

      expect(employer.rating).toBe('B');
      expect(employer.status).toBe('ACTIVE');
      expect(employer.canReceivePermits()).toBe(false);
      expect(result).toMatchObject({
        duplicate: false,
        record: { effects: ['RATED_B'], ignoredBecause: null },
      });
      expect(employer.pullEvents()).toEqual([
        {
          type: 'EmployerRatingChanged',
          employerId: employer.id,
          occurredAt: day(31).toISOString(),
          from: 'A',
          to: 'B',
          reason: `Serious findings in audit ${audit.auditId}: WAGE_BELOW_MINIMUM`,
          auditId: audit.auditId,
        },
      ]);
    });

    it('When an audit ends in a REFERRAL, Then it is rated B', () => {
      const employer = anEmployer().active().build();
      employer.applyAuditOutcome(anAuditOutcome().referral().build(), day(31));
      expect(employer.rating).toBe('B');
    });

    it.each([
      ['a CRITICAL finding', anAuditOutcome().withCriticalFinding()],
      ['a forced-labour indicator', anAuditOutcome().withForcedLabourIndicator()],
    ])(
      'When an audit has %s, Then it is rated B and SUSPENDED with cause CRITICAL_FINDINGS',
      (_case, builder) => {
        const employer = anEmployer().active().build();
        const audit = builder.build();

        const result = employer.applyAuditOutcome(audit, day(31));

        expect(employer.status).toBe('SUSPENDED');
        expect(employer.rating).toBe('B');
        expect(employer.suspension).toMatchObject({
          cause: 'CRITICAL_FINDINGS',
          actorId: null,
          auditIds: [audit.auditId],
        });
        expect(result.record.effects).toEqual(['RATED_B', 'SUSPENDED']);
        expect(employer.pullEvents()).toEqual([
          expect.objectContaining({
            type: 'EmployerRatingChanged',
            from: 'A',
            to: 'B',
            auditId: audit.auditId,
          }),
          expect.objectContaining({
            type: 'EmployerSuspended',
            cause: 'CRITICAL_FINDINGS',
            actorId: null,
            auditId: audit.auditId,
          }),
        ]);
      },
    );

    it('When a routine audit is compliant or has minor findings only, Then nothing changes but the audit is recorded', () => {
      const employer = anEmployer().active().build();
      const version = employer.version;

      employer.applyAuditOutcome(anAuditOutcome().periodic().compliant().build(), day(31));
      employer.applyAuditOutcome(anAuditOutcome().withMinorFinding().completedAt(day(40)).build(), day(41));

      expect(employer.rating).toBe('A');
      expect(employer.pullEvents()).toEqual([]);
      expect(employer.audits.map((a) => a.classification)).toEqual(['NO_RATING_EFFECT', 'NO_RATING_EFFECT']);
      expect(employer.version).toBe(version + 2);
    });
  });

  describe('Given an ACTIVE employer rated B', () => {
    it('When a FOLLOW_UP re-audit is compliant, Then it is back to A and can receive permits', () => {
      const employer = anEmployer().active().ratedB().build();
      const reAudit = anAuditOutcome().followUp().compliant().build();

      const result = employer.applyAuditOutcome(reAudit, day(61));

      expect(employer.rating).toBe('A');
      expect(employer.canReceivePermits()).toBe(true);
      expect(result.record.effects).toEqual(['RATED_A']);
      expect(employer.pullEvents()).toEqual([
        expect.objectContaining({
          type: 'EmployerRatingChanged',
          from: 'B',
          to: 'A',
          auditId: reAudit.auditId,
        }),
      ]);
    });

    it('When a routine PERIODIC audit is compliant, Then it stays B: only the re-audit lifts the action plan', () => {
      const employer = anEmployer().active().ratedB().build();
      employer.applyAuditOutcome(anAuditOutcome().periodic().compliant().build(), day(61));
      expect(employer.rating).toBe('B');
    });

    it('When the re-audit finds violations again, Then it stays B with no event', () => {
      const employer = anEmployer().active().ratedB().build();
      employer.applyAuditOutcome(anAuditOutcome().followUp().withSeriousFinding().build(), day(61));
      expect(employer.rating).toBe('B');
      expect(employer.pullEvents()).toEqual([]);
    });
  });

  describe('Given a SUSPENDED employer', () => {
    it('When an audit has CRITICAL findings, Then it stays suspended under its original cause and the audit joins the suspension', () => {
      const employer = anEmployer().suspended('OFFICER_DECISION').build();
      const audit = anAuditOutcome().withCriticalFinding().build();

      const result = employer.applyAuditOutcome(audit, day(31));

      expect(employer.status).toBe('SUSPENDED');
      expect(employer.rating).toBe('B');
      expect(employer.suspension).toMatchObject({ cause: 'OFFICER_DECISION', auditIds: [audit.auditId] });
      expect(result.record.effects).toEqual(['RATED_B', 'ADDED_TO_SUSPENSION']);
      expect(employer.pullEvents().map((e) => e.type)).toEqual(['EmployerRatingChanged']);
    });

    it('When a re-audit passes, Then the rating returns to A but reinstatement stays an officer decision', () => {
      const employer = anEmployer().suspended('CRITICAL_FINDINGS').build();

      employer.applyAuditOutcome(anAuditOutcome().followUp().compliant().build(), day(61));

      expect(employer.rating).toBe('A');
      expect(employer.status).toBe('SUSPENDED');
      expect(employer.canReceivePermits()).toBe(false);
    });

    it('When an officer reinstates an employer still rated B, Then it is ACTIVE but still cannot receive permits', () => {
      const employer = anEmployer().suspended('CRITICAL_FINDINGS').build();
      employer.reinstate(anOfficer(), 'Officer review: workers interviewed, documents returned', day(45));
      expect(employer.status).toBe('ACTIVE');
      expect(employer.rating).toBe('B');
      expect(employer.canReceivePermits()).toBe(false);
    });
  });

  describe.each(['PENDING_VERIFICATION', 'REJECTED', 'DEREGISTERED'] as const)(
    'Given an employer %s',
    (status) => {
      it('When an audit with critical findings arrives, Then it is recorded for officers with no rating or status change', () => {
        const employer = anEmployer().inStatus(status).build();
        const before = { status: employer.status, rating: employer.rating };

        const result = employer.applyAuditOutcome(anAuditOutcome().withCriticalFinding().build(), day(31));

        expect({ status: employer.status, rating: employer.rating }).toEqual(before);
        expect(result.record).toMatchObject({
          ignoredBecause: 'NOT_IN_PROGRAM',
          effects: [],
          classification: 'CRITICAL',
        });
        expect(employer.audits).toHaveLength(1);
        expect(employer.pullEvents()).toEqual([]);
      });
    },
  );

  it('is idempotent per audit id: a redelivered outcome changes nothing', () => {
    const employer = anEmployer().active().build();
    const audit = anAuditOutcome().withSeriousFinding().build();
    employer.applyAuditOutcome(audit, day(31));
    employer.pullEvents();
    const version = employer.version;

    const again = employer.applyAuditOutcome(audit, day(32));

    expect(again.duplicate).toBe(true);
    expect(employer.version).toBe(version);
    expect(employer.audits).toHaveLength(1);
    expect(employer.pullEvents()).toEqual([]);
  });

  it('ignores the effects of an audit that completed before one already applied (STALE)', () => {
    // Given a re-audit already restored A
    const employer = anEmployer().active().ratedB().build();
    employer.applyAuditOutcome(anAuditOutcome().followUp().compliant().completedAt(day(60)).build(), day(60));
    employer.pullEvents();
    // When an older audit with serious findings arrives late
    const late = employer.applyAuditOutcome(
      anAuditOutcome().withSeriousFinding().completedAt(day(20)).build(),
      day(61),
    );
    // Then it is recorded but does not undo the newer result
    expect(late.record.ignoredBecause).toBe('STALE');
    expect(employer.rating).toBe('A');
    expect(employer.pullEvents()).toEqual([]);
  });

  it('records rating changes in the history, by the system, with the audit id', () => {
    const employer = anEmployer().active().build();
    const audit = anAuditOutcome().withCriticalFinding().build();
    employer.applyAuditOutcome(audit, day(31));
    expect(employer.recordedHistory.slice(-2)).toEqual([
      expect.objectContaining({
        field: 'rating',
        from: 'A',
        to: 'B',
        actor: { id: 'system', role: 'system' },
        auditId: audit.auditId,
      }),
      expect.objectContaining({ field: 'status', from: 'ACTIVE', to: 'SUSPENDED', auditId: audit.auditId }),
    ]);
  });

  it('keeps an automatic reason within the 500 characters the contracts allow', () => {
    const employer = anEmployer().active().build();
    const audit = anAuditOutcome();
    for (let i = 0; i < 20; i++)
      audit.withFinding(aFinding().critical().withCode(`CRITICAL_FINDING_WITH_A_LONG_CODE_${i}`));
    employer.applyAuditOutcome(audit.build(), day(31));
    for (const event of employer.pullEvents()) {
      if ('reason' in event) expect(event.reason.length).toBeLessThanOrEqual(500);
    }
  });

  it('refuses a malformed outcome', () => {
    const employer = anEmployer().active().build();
    const outcome = { ...anAuditOutcome().build(), kind: 'SURPRISE' as never };
    expect(() => employer.applyAuditOutcome(outcome, day(31))).toThrow(
      expect.objectContaining({
        code: EmployerErrors.INVALID_AUDIT_OUTCOME.code,
        params: expect.objectContaining({ field: 'kind' }),
      }),
    );
  });
});
