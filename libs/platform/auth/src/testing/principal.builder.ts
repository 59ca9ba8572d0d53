import type { PersonRole } from '@frontera/shared-kernel';
import type { Principal } from '../lib/principal/principal';

/**
 * Test principals that fit their role: `aPrincipal('officer').inStates('CHP', 'CAM').build()`.
 * Defaults: officers, inspectors and supervisors in CHP; employer staff of `emp-test-1`;
 * inspectors with id `insp-test-1`.
 */
export class PrincipalBuilder {
  private principal: Principal;

  constructor(role: PersonRole) {
    const subject = `test-${role}`;
    this.principal =
      role === 'employer'
        ? { subject, role, states: [], employerId: 'emp-test-1' }
        : role === 'inspector'
          ? { subject, role, states: ['CHP'], inspectorId: 'insp-test-1' }
          : { subject, role, states: ['CHP'] };
  }

  withSubject(subject: string): this {
    this.principal = { ...this.principal, subject };
    return this;
  }

  inStates(...states: string[]): this {
    this.principal = { ...this.principal, states };
    return this;
  }

  inMunicipalities(...municipalities: string[]): this {
    this.principal = { ...this.principal, municipalities };
    return this;
  }

  ofEmployer(employerId: string): this {
    this.principal = { ...this.principal, employerId };
    return this;
  }

  asInspector(inspectorId: string): this {
    this.principal = { ...this.principal, inspectorId };
    return this;
  }

  build(): Principal {
    return this.principal;
  }
}

export function aPrincipal(role: PersonRole): PrincipalBuilder {
  return new PrincipalBuilder(role);
}
