import { Employer } from '../employer/employer.aggregate';
import { EmployerErrors } from '../errors/employer-errors';
import { anEmployer, anEmployerUser, aWorksite, day, POINTS } from '../testing';
import { MEXICO_BOUNDS } from './coordinates.value-object';
import { DEFAULT_ELIGIBLE_STATES, PermitEligibilityPolicy } from './permit-eligibility.policy';
import { MAX_WORKSITE_CAPACITY } from './worksite.entity';

const code = (definition: { code: string }) => expect.objectContaining({ code: definition.code });

describe('worksites', () => {
  describe('adding', () => {
    it('Given an active employer, When it adds a worksite, Then it is open, with no headcount, and WorksiteAdded carries no name or coordinates', () => {
      // Given
      const employer = anEmployer().active().inState('CHP').build();
      const worksite = aWorksite()
        .inState('CHP', 'Cacahoatán')
        .named('Finca Irlanda')
        .growing('coffee')
        .withCapacity(80)
        .build();
      // When
      const view = employer.addWorksite(anEmployerUser(), worksite, day(1));
      // Then
      expect(view).toMatchObject({
        id: worksite.worksiteId,
        status: 'OPEN',
        capacity: 80,
        headcount: 0,
        overCapacity: false,
        remainingCapacity: 80,
        eligibleForPermits: true,
      });
      const events = employer.pullEvents();
      expect(events).toEqual([
        {
          type: 'WorksiteAdded',
          employerId: employer.id,
          occurredAt: day(1).toISOString(),
          worksite: {
            worksiteId: worksite.worksiteId,
            activity: 'coffee',
            state: 'CHP',
            municipality: 'Cacahoatán',
            capacity: 80,
            housingProvided: true,
            eligibleForPermits: true,
          },
        },
      ]);
      expect(JSON.stringify(events)).not.toContain('Finca Irlanda');
      expect(JSON.stringify(events)).not.toContain(String(worksite.coordinates.lat));
    });

    it('refuses a second worksite with the same id', () => {
      const employer = anEmployer().active().withWorksite(aWorksite().withId('ws-finca')).build();
      expect(() =>
        employer.addWorksite(anEmployerUser(), aWorksite().withId('ws-finca').build(), day(1)),
      ).toThrow(code(EmployerErrors.WORKSITE_ALREADY_EXISTS));
    });

    it.each([
      ['latitude south of Mexico (San Salvador)', 13.6929, -89.2182],
      ['latitude north of Mexico', 33.5, -112.0],
      ['longitude west of Mexico', 20.0, -119.0],
      ['longitude east of Mexico (Belize Barrier Reef)', 17.3, -86.5],
      ['swapped latitude and longitude', POINTS.CHP.lng, POINTS.CHP.lat],
      ['a missing minus sign', POINTS.CHP.lat, -POINTS.CHP.lng],
      ['not a number', Number.NaN, POINTS.CHP.lng],
    ])('refuses coordinates outside Mexico’s bounding box: %s', (_case, lat, lng) => {
      const employer = anEmployer().active().build();
      expect(() => employer.addWorksite(anEmployerUser(), aWorksite().at(lat, lng).build(), day(1))).toThrow(
        code(EmployerErrors.WORKSITE_INVALID_COORDINATES),
      );
      expect(employer.worksites).toEqual([]);
    });

    it('accepts coordinates on the edges of the bounding box', () => {
      const employer = anEmployer().active().build();
      employer.addWorksite(
        anEmployerUser(),
        aWorksite().at(MEXICO_BOUNDS.minLat, MEXICO_BOUNDS.maxLng).build(),
        day(1),
      );
      employer.addWorksite(
        anEmployerUser(),
        aWorksite().at(MEXICO_BOUNDS.maxLat, MEXICO_BOUNDS.minLng).build(),
        day(1),
      );
      expect(employer.worksites).toHaveLength(2);
    });

    it.each([
      ['zero', 0, 'OUT_OF_RANGE'],
      ['negative', -5, 'OUT_OF_RANGE'],
      ['fractional', 12.5, 'NOT_AN_INTEGER'],
      ['above the contract maximum', MAX_WORKSITE_CAPACITY + 1, 'OUT_OF_RANGE'],
    ])('refuses a declared capacity that is %s', (_case, capacity, constraint) => {
      const employer = anEmployer().active().build();
      expect(() =>
        employer.addWorksite(anEmployerUser(), aWorksite().withCapacity(capacity).build(), day(1)),
      ).toThrow(
        expect.objectContaining({
          code: EmployerErrors.WORKSITE_INVALID_CAPACITY.code,
          params: expect.objectContaining({ constraint }),
        }),
      );
    });

    it('accepts a capacity of exactly one worker', () => {
      const employer = anEmployer().active().build();
      expect(
        employer.addWorksite(anEmployerUser(), aWorksite().withCapacity(1).build(), day(1)).capacity,
      ).toBe(1);
    });

    it.each([
      ['name', { name: ' ' }],
      ['activity', { activity: '' }],
      ['municipality', { municipality: 'x'.repeat(121) }],
      ['state', { state: 'MX-CHP' as never }],
      ['housingProvided', { housingProvided: 'yes' as never }],
    ])('refuses an invalid %s', (field, overrides) => {
      const employer = anEmployer().active().build();
      expect(() =>
        employer.addWorksite(anEmployerUser(), { ...aWorksite().build(), ...overrides }, day(1)),
      ).toThrow(
        expect.objectContaining({
          code: EmployerErrors.WORKSITE_INVALID_DETAILS.code,
          params: expect.objectContaining({ field }),
        }),
      );
    });
  });

  describe('eligibility for permits', () => {
    it.each(DEFAULT_ELIGIBLE_STATES.map((s) => [s]))('by default a worksite in %s is eligible', (state) => {
      const employer = anEmployer().active().withWorksite(aWorksite().inState(state)).build();
      expect(employer.worksites[0].eligibleForPermits).toBe(true);
    });

    it('by default a worksite in Veracruz is not eligible, even for an employer registered in Chiapas', () => {
      const employer = anEmployer().active().inState('CHP').withWorksite(aWorksite().inState('VER')).build();
      expect(employer.worksites[0].eligibleForPermits).toBe(false);
      expect(employer.permitEligibilityAt(employer.worksites[0].id).reasons).toEqual([
        'WORKSITE_STATE_NOT_ELIGIBLE',
      ]);
    });

    it('follows a configured list of eligible states, derived when read (no stored flag to migrate)', () => {
      const snapshot = anEmployer().active().withWorksite(aWorksite().inState('YUC')).buildSnapshot();

      expect(Employer.fromSnapshot(snapshot).worksites[0].eligibleForPermits).toBe(false);
      expect(
        Employer.fromSnapshot(snapshot, { eligibleStates: [...DEFAULT_ELIGIBLE_STATES, 'YUC'] }).worksites[0]
          .eligibleForPermits,
      ).toBe(true);
    });

    it('refuses a configuration with an unknown state code', () => {
      expect(() => PermitEligibilityPolicy.of(['CHP', 'MX-TAB'])).toThrow(
        code(EmployerErrors.WORKSITE_INVALID_DETAILS),
      );
      expect(() => PermitEligibilityPolicy.of([])).toThrow(code(EmployerErrors.WORKSITE_INVALID_DETAILS));
    });

    it('reports eligibility in the events, computed with the configured policy', () => {
      const employer = anEmployer().active().withEligibleStates(['VER']).build();
      employer.addWorksite(anEmployerUser(), aWorksite().inState('VER').build(), day(1));
      expect(employer.pullEvents()).toEqual([
        expect.objectContaining({
          worksite: expect.objectContaining({ state: 'VER', eligibleForPermits: true }),
        }),
      ]);
    });
  });

  describe('editing', () => {
    it('Given an open worksite, When fields change, Then only changed fields are reported and recorded', () => {
      const employer = anEmployer()
        .active()
        .withWorksite(aWorksite().withCapacity(40).withHousing(true))
        .build();
      const id = employer.worksites[0].id;

      const changed = employer.updateWorksite(
        anEmployerUser(),
        id,
        { capacity: 60, housingProvided: true, activity: 'coffee and cardamom' },
        'New dormitory finished',
        day(1),
      );

      expect(changed).toEqual(['capacity', 'activity']);
      expect(employer.worksite(id)).toMatchObject({ capacity: 60, activity: 'coffee and cardamom' });
      expect(employer.pullEvents()).toEqual([
        expect.objectContaining({
          type: 'WorksiteUpdated',
          changedFields: ['capacity', 'activity'],
          worksite: expect.objectContaining({ worksiteId: id, capacity: 60 }),
        }),
      ]);
      expect(employer.recordedHistory.slice(-2)).toEqual([
        expect.objectContaining({
          field: 'worksite.capacity',
          worksiteId: id,
          from: '40',
          to: '60',
          reason: 'New dormitory finished',
        }),
        expect.objectContaining({
          field: 'worksite.activity',
          worksiteId: id,
          from: 'coffee harvest',
          to: 'coffee and cardamom',
        }),
      ]);
    });

    it('moving a worksite to another state updates its eligibility', () => {
      const employer = anEmployer().active().withWorksite(aWorksite().inState('TAB')).build();
      const id = employer.worksites[0].id;
      employer.updateWorksite(
        anEmployerUser(),
        id,
        { state: 'VER', municipality: 'Veracruz', coordinates: POINTS.VER },
        'Mis-declared',
        day(1),
      );
      expect(employer.worksite(id).eligibleForPermits).toBe(false);
    });

    it('re-submitting the current values is a no-op (no version, no event)', () => {
      const employer = anEmployer().active().withWorksite(aWorksite().withCapacity(40)).build();
      const version = employer.version;
      expect(
        employer.updateWorksite(
          anEmployerUser(),
          employer.worksites[0].id,
          { capacity: 40 },
          'Retry',
          day(1),
        ),
      ).toEqual([]);
      expect(employer.version).toBe(version);
      expect(employer.pullEvents()).toEqual([]);
    });

    it('refuses an empty change', () => {
      const employer = anEmployer().active().withWorksite(aWorksite()).build();
      expect(() =>
        employer.updateWorksite(anEmployerUser(), employer.worksites[0].id, {}, 'Nothing', day(1)),
      ).toThrow(code(EmployerErrors.NO_CHANGES));
    });

    it('refuses an unknown worksite', () => {
      const employer = anEmployer().active().build();
      expect(() =>
        employer.updateWorksite(anEmployerUser(), 'ws-unknown', { capacity: 5 }, 'Typo', day(1)),
      ).toThrow(
        expect.objectContaining({
          code: EmployerErrors.WORKSITE_NOT_FOUND.code,
          status: 404,
          params: { worksiteId: 'ws-unknown' },
        }),
      );
    });
  });

  describe('closing', () => {
    it('Given an open worksite, When closed, Then it is CLOSED with the reason and cannot receive permits', () => {
      const employer = anEmployer().active().withWorksite(aWorksite()).build();
      const id = employer.worksites[0].id;

      employer.closeWorksite(anEmployerUser(), id, 'Plantation sold', day(1));

      expect(employer.worksite(id)).toMatchObject({
        status: 'CLOSED',
        closedAt: day(1).toISOString(),
        closedReason: 'Plantation sold',
      });
      expect(employer.canReceivePermitAt(id)).toBe(false);
      expect(employer.pullEvents()).toEqual([
        {
          type: 'WorksiteClosed',
          employerId: employer.id,
          occurredAt: day(1).toISOString(),
          worksiteId: id,
          reason: 'Plantation sold',
        },
      ]);
    });

    it('Given a closed worksite, When closed again, Then WORKSITE.CLOSED (409) and nothing changes', () => {
      const employer = anEmployer().active().withWorksite(aWorksite()).build();
      const id = employer.worksites[0].id;
      employer.closeWorksite(anEmployerUser(), id, 'Plantation sold', day(1));
      const version = employer.version;

      expect(() => employer.closeWorksite(anEmployerUser(), id, 'Again', day(2))).toThrow(
        expect.objectContaining({ code: EmployerErrors.WORKSITE_CLOSED.code, status: 409 }),
      );
      expect(employer.version).toBe(version);
    });

    it('Given a closed worksite, When edited, Then WORKSITE.CLOSED', () => {
      const employer = anEmployer().active().withWorksite(aWorksite()).build();
      const id = employer.worksites[0].id;
      employer.closeWorksite(anEmployerUser(), id, 'Plantation sold', day(1));
      expect(() =>
        employer.updateWorksite(anEmployerUser(), id, { capacity: 10 }, 'Reopen?', day(2)),
      ).toThrow(code(EmployerErrors.WORKSITE_CLOSED));
    });
  });
});
