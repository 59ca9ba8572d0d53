import { aPrincipal } from '@frontera/platform-auth';
import { actorIdOf, actorOf } from './request-actor';

describe('request actor', () => {
  it('keeps a subject that is a valid id, and digests one that is not (stable, within the id pattern)', () => {
    expect(actorIdOf('officer-17')).toBe('officer-17');
    const digest = actorIdOf('auth0|5f1c2b3a4d');
    expect(digest).toMatch(/^sub_[A-Za-z0-9_-]{43}$/);
    expect(actorIdOf('auth0|5f1c2b3a4d')).toBe(digest);
    expect(actorIdOf('maria@inm.gob.mx')).not.toContain('maria');
  });

  it('carries role and scope from the principal', () => {
    expect(actorOf(aPrincipal('employer').ofEmployer('org-1').withSubject('u-1').build())).toEqual({
      id: 'u-1',
      role: 'employer',
      states: [],
      employerId: 'org-1',
    });
    expect(actorOf(aPrincipal('officer').inStates('CHP', 'CAM').withSubject('o-1').build())).toEqual({
      id: 'o-1',
      role: 'officer',
      states: ['CHP', 'CAM'],
    });
  });
});
