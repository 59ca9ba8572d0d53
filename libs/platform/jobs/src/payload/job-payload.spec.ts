import { IsIn, IsString, Length } from 'class-validator';
import { InvalidJobPayloadError, PersonalDataInJobPayloadError } from '../errors';
import { defineQueue } from '../queue-definition';
import { parseJobPayload } from './job-payload';

class AuditDuePayload {
  @IsString()
  @Length(1, 64)
  employerId!: string;

  @IsIn(['PERIODIC', 'FOLLOW_UP'])
  kind!: string;
}

const auditDue = defineQueue({ name: 'audits.audit-due', payload: AuditDuePayload });

describe('parseJobPayload', () => {
  it('returns an instance of the payload class for a valid payload', () => {
    const payload = parseJobPayload(auditDue, { employerId: 'e-1', kind: 'PERIODIC' });
    expect(payload).toBeInstanceOf(AuditDuePayload);
    expect(payload).toEqual({ employerId: 'e-1', kind: 'PERIODIC' });
  });

  it('refuses a payload that breaks its class, naming fields and rules but not values', () => {
    const attempt = () => parseJobPayload(auditDue, { employerId: '', kind: 'WEEKLY-SECRET' });
    expect(attempt).toThrow(InvalidJobPayloadError);
    expect(attempt).toThrow(/employerId: isLength; kind: isIn/);
    expect(attempt).not.toThrow(/WEEKLY-SECRET/);
  });

  it('refuses fields the class does not declare', () => {
    expect(() => parseJobPayload(auditDue, { employerId: 'e-1', kind: 'PERIODIC', extra: 1 })).toThrow(
      /property extra should not exist|extra: whitelistValidation/,
    );
  });

  it('refuses personal data before anything else, with the paths', () => {
    const attempt = () => parseJobPayload(auditDue, { employerId: 'e-1', kind: 'PERIODIC', email: 'a@b.mx' });
    expect(attempt).toThrow(PersonalDataInJobPayloadError);
    expect(attempt).toThrow(/\(email\)/);
  });

  it.each([null, 'e-1', ['e-1'], 42])('refuses a payload that is not an object (%p)', (raw) => {
    expect(() => parseJobPayload(auditDue, raw)).toThrow(/payload must be an object/);
  });
});
