import {
  DomainError as ProblemError,
  type ErrorSpec,
  type LocalizedFieldError,
  type ProblemMapper,
} from '@frontera/platform-errors';
import { DomainError } from '@frontera/employers-domain';

const TITLES: Readonly<Record<number, ErrorSpec['title']>> = {
  403: { es: 'Acceso denegado', en: 'Access denied' },
  404: { es: 'No encontrado', en: 'Not found' },
  409: { es: 'Conflicto con el estado actual', en: 'Conflict with the current state' },
  422: { es: 'Los datos no cumplen las reglas', en: 'The data breaks a rule' },
  500: { es: 'Error interno', en: 'Internal error' },
  503: { es: 'Servicio no disponible', en: 'Service unavailable' },
};
const FALLBACK_TITLE: ErrorSpec['title'] = {
  es: 'No se pudo atender la solicitud',
  en: 'The request failed',
};

/**
 * The employers domain (and application) error as the platform's problem-details error: same
 * code and status, detail in Spanish and English from the domain's messages, the domain's
 * details as extension members (`currentState`, `allowedActions` for a refused transition…;
 * never personal data), and the offending field, if any, in `errors`. A 5xx keeps only the
 * code: the platform filter logs it and answers with a generic text.
 */
export function toProblemError(error: DomainError): ProblemError {
  const status = error.httpStatus;
  const spec: ErrorSpec = {
    status,
    title: TITLES[status] ?? FALLBACK_TITLE,
    detail: { es: error.messageEs, en: error.message },
  };
  const field = error.details['field'];
  const fieldErrors: LocalizedFieldError[] =
    typeof field === 'string'
      ? [{ field, code: error.code, message: { es: error.messageEs, en: error.message } }]
      : [];
  return new ProblemError(
    error.code,
    spec,
    {},
    { extensions: { ...error.details }, fieldErrors, cause: error },
  );
}

/**
 * The employers errors for the platform's ProblemDetailsFilter (provided under PROBLEM_MAPPERS
 * by the HTTP module): any employers DomainError, wherever on HTTP it is thrown.
 */
export const mapEmployerDomainError: ProblemMapper = (exception) =>
  exception instanceof DomainError ? toProblemError(exception) : undefined;
