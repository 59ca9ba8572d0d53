import {
  mayAttempt,
  mayOperateOn,
  scopeTargetOf,
  type EmployerOperation,
} from '../../authorization/employer-access.policy';
import type { EmployerRepository } from '../../ports/employer.repository.port';
import type { Actor } from '../../shared/actor';
import { accessDenied, employerNotFound } from '../../shared/employer-command.runner';
import { readFor, type EmployerRead } from '../../shared/employer-read';
import type { GetEmployerQuery } from './get-employer.query';

/** Loads an employer the actor may read for `operation`, or throws 403 (role) / 404 (absent or out of scope). */
export async function loadReadable(
  employers: EmployerRepository,
  actor: Actor,
  employerId: string,
  operation: EmployerOperation,
): Promise<EmployerRead> {
  const role = mayAttempt(actor, operation);
  if (!role.allowed) throw accessDenied(role.reason);
  const employer = await employers.findById(employerId);
  if (!employer || !mayOperateOn(actor, operation, scopeTargetOf(employer)).allowed) throw employerNotFound();
  return readFor(actor, employer);
}

/** The employer's record: employer staff their own, officers and supervisors within their states. */
export class GetEmployerHandler {
  constructor(private readonly deps: { readonly employers: EmployerRepository }) {}

  execute({ employerId, actor }: GetEmployerQuery): Promise<EmployerRead> {
    return loadReadable(this.deps.employers, actor, employerId, 'VIEW');
  }
}
