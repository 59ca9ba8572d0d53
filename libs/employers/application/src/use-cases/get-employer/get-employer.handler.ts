import {
  mayAttempt,
  mayOperateOn,
  scopeTargetOf,
  type EmployerOperation,
} from '../../authorization/employer-access.policy';
import type { EmployerRepository } from '../../ports/employer.repository.port';
import type { Caller } from '@frontera/shared-kernel';
import { accessDenied, employerNotFound } from '../../shared/application-errors';
import { readFor, type EmployerRead } from '../../shared/employer-read';
import type { GetEmployerQuery } from './get-employer.query';

/** Loads an employer the caller may read for `operation`, or throws 403 (role) / 404 (absent or out of scope). */
export async function loadReadable(
  employers: EmployerRepository,
  caller: Caller,
  employerId: string,
  operation: EmployerOperation,
): Promise<EmployerRead> {
  const role = mayAttempt(caller, operation);
  if (!role.allowed) throw accessDenied(role.reason);
  const employer = await employers.findById(employerId);
  if (!employer || !mayOperateOn(caller, operation, scopeTargetOf(employer)).allowed)
    throw employerNotFound();
  return readFor(caller, employer);
}

/** The employer's record: employer staff their own, officers and supervisors within their states. */
export class GetEmployerHandler {
  constructor(private readonly deps: { readonly employers: EmployerRepository }) {}

  execute({ employerId, caller }: GetEmployerQuery): Promise<EmployerRead> {
    return loadReadable(this.deps.employers, caller, employerId, 'VIEW');
  }
}
