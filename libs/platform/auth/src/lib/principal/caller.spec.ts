import { aPrincipal } from '../../testing/principal.builder';
import { callerIdOf, callerOf } from './caller';

describe('callerOf', () => {
  it('keeps a subject that is a valid id, and digests one that is not (stable, within the id pattern)', () => {
    expect(callerIdOf('officer-17')).toBe('officer-17');
    const digest = callerIdOf('auth0|5f1c2b3a4d');
    expect(digest).toMatch(/^sub_[A-Za-z0-9_-]{43}$/);
    expect(callerIdOf('auth0|5f1c2b3a4d')).toBe(digest);
    expect(callerIdOf('maria@inm.gob.mx')).not.toContain('maria');
  });

  it('carries role and scope from the principal', () => {
    expect(callerOf(aPrincipal('employer').ofEmployer('org-1').withSubject('u-1').build())).toEqual({
      id: 'u-1',
      role: 'employer',
      states: [],
      employerId: 'org-1',
    });
    expect(callerOf(aPrincipal('officer').inStates('CHP', 'CAM').withSubject('o-1').build())).toEqual({
      id: 'o-1',
      role: 'officer',
      states: ['CHP', 'CAM'],
    });
    expect(
      callerOf(
        aPrincipal('inspector').inMunicipalities('07089').asInspector('insp-9').withSubject('i-1').build(),
      ),
    ).toEqual({
      id: 'i-1',
      role: 'inspector',
      states: ['CHP'],
      municipalities: ['07089'],
      inspectorId: 'insp-9',
    });
  });
});
