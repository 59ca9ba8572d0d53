import type { ErrorDefinition } from './domain-error';

/**
 * Every error the employers domain can raise, in one place. Codes are part of the public API
 * (clients switch on them): add new ones, never rename or reuse one.
 *
 * `httpStatus` is a suggestion for the HTTP layer: 404 an addressed thing does not exist,
 * 409 the request conflicts with the current state (retrying the same request will not help
 * until the state changes), 422 the submitted data breaks a rule (fix the data and resubmit),
 * 500 stored data the domain cannot read.
 */
export const EmployerErrors = {
  NOT_FOUND: {
    code: 'EMPLOYER.NOT_FOUND',
    httpStatus: 404,
    en: 'No employer exists with this id, or it is not visible to you.',
    es: 'No existe un empleador con este identificador, o no tiene acceso a él.',
  },
  ALREADY_REGISTERED: {
    code: 'EMPLOYER.ALREADY_REGISTERED',
    httpStatus: 409,
    en: 'An employer with this RFC is already registered; sign in to the existing registration instead.',
    es: 'Ya existe un empleador registrado con este RFC; use el registro existente.',
  },
  TRANSITION_NOT_ALLOWED: {
    code: 'EMPLOYER.TRANSITION_NOT_ALLOWED',
    httpStatus: 409,
    en: 'Action {action} is not allowed while the employer is {currentState}. Allowed actions: {allowedActions}.',
    es: 'La acción {action} no está permitida mientras el empleador está en {currentState}. Acciones permitidas: {allowedActions}.',
  },
  RFC_INVALID_FORMAT: {
    code: 'EMPLOYER.RFC_INVALID_FORMAT',
    httpStatus: 422,
    en: 'The RFC must be 12 characters for a company (3 letters, YYMMDD, 3-character homoclave) or 13 for an individual (4 letters, YYMMDD, homoclave).',
    es: 'El RFC debe tener 12 caracteres para persona moral (3 letras, AAMMDD, homoclave de 3 caracteres) o 13 para persona física (4 letras, AAMMDD, homoclave).',
  },
  RFC_INVALID_DATE: {
    code: 'EMPLOYER.RFC_INVALID_DATE',
    httpStatus: 422,
    en: 'The date part of the RFC (YYMMDD after the letters) is not a real calendar date; check it against your Constancia de Situación Fiscal.',
    es: 'La fecha del RFC (AAMMDD después de las letras) no es una fecha válida; verifíquela en su Constancia de Situación Fiscal.',
  },
  RFC_INVALID_CHECK_DIGIT: {
    code: 'EMPLOYER.RFC_INVALID_CHECK_DIGIT',
    httpStatus: 422,
    en: 'The last character of the RFC (the SAT check digit) does not match the rest; check for a typing error against your Constancia de Situación Fiscal.',
    es: 'El último carácter del RFC (dígito verificador del SAT) no corresponde al resto; revise que no haya errores de captura contra su Constancia de Situación Fiscal.',
  },
  RFC_GENERIC_NOT_ALLOWED: {
    code: 'EMPLOYER.RFC_GENERIC_NOT_ALLOWED',
    httpStatus: 422,
    en: 'Generic RFCs (XAXX010101000, XEXX010101000) cannot register as employers; use the employer’s own RFC.',
    es: 'Los RFC genéricos (XAXX010101000, XEXX010101000) no pueden registrarse como empleadores; use el RFC propio del empleador.',
  },
  KIND_MISMATCH: {
    code: 'EMPLOYER.KIND_MISMATCH',
    httpStatus: 422,
    en: 'Kind {kind} does not match the RFC: a 12-character RFC belongs to a COMPANY, a 13-character RFC to an INDIVIDUAL ({expectedKind} here).',
    es: 'El tipo {kind} no corresponde al RFC: un RFC de 12 caracteres es de persona moral (COMPANY) y uno de 13 de persona física (INDIVIDUAL); aquí corresponde {expectedKind}.',
  },
  INVALID_ID: {
    code: 'EMPLOYER.INVALID_ID',
    httpStatus: 422,
    en: 'The identifier "{field}" must be 1 to 64 letters, digits, "_" or "-".',
    es: 'El identificador "{field}" debe tener de 1 a 64 letras, dígitos, "_" o "-".',
  },
  INVALID_KIND: {
    code: 'EMPLOYER.INVALID_KIND',
    httpStatus: 422,
    en: 'The employer kind {constraint}.',
    es: 'El tipo de empleador {constraint}.',
  },
  INVALID_SECTOR: {
    code: 'EMPLOYER.INVALID_SECTOR',
    httpStatus: 422,
    en: 'The sector {constraint}.',
    es: 'El sector {constraint}.',
  },
  INVALID_LEGAL_NAME: {
    code: 'EMPLOYER.INVALID_LEGAL_NAME',
    httpStatus: 422,
    en: 'The legal name {constraint}.',
    es: 'La razón social o nombre {constraint}.',
  },
  INVALID_ADDRESS: {
    code: 'EMPLOYER.INVALID_ADDRESS',
    httpStatus: 422,
    en: 'Address field "{field}" {constraint}.',
    es: 'El campo de domicilio "{field}" {constraint}.',
  },
  INVALID_CONTACT: {
    code: 'EMPLOYER.INVALID_CONTACT',
    httpStatus: 422,
    en: 'Contact field "{field}" {constraint}.',
    es: 'El campo de contacto "{field}" {constraint}.',
  },
  INVALID_LEGAL_REPRESENTATIVE: {
    code: 'EMPLOYER.INVALID_LEGAL_REPRESENTATIVE',
    httpStatus: 422,
    en: 'Legal representative field "{field}" {constraint}.',
    es: 'El campo de representante legal "{field}" {constraint}.',
  },
  LEGAL_REPRESENTATIVE_REQUIRED: {
    code: 'EMPLOYER.LEGAL_REPRESENTATIVE_REQUIRED',
    httpStatus: 422,
    en: 'A company (persona moral) acts through a legal representative: provide one.',
    es: 'Una persona moral actúa a través de un representante legal: indique uno.',
  },
  INVALID_REASON: {
    code: 'EMPLOYER.INVALID_REASON',
    httpStatus: 422,
    en: 'The reason {constraint}.',
    es: 'El motivo {constraint}.',
  },
  NO_CHANGES: {
    code: 'EMPLOYER.NO_CHANGES',
    httpStatus: 422,
    en: 'The request changes nothing: include at least one of {allowed}.',
    es: 'La solicitud no cambia nada: incluya al menos uno de {allowed}.',
  },
  INVALID_REGISTRATION_NUMBER: {
    code: 'EMPLOYER.INVALID_REGISTRATION_NUMBER',
    httpStatus: 422,
    en: 'Registration number field "{field}" {constraint}.',
    es: 'El campo "{field}" del número de registro {constraint}.',
  },
  REGISTRATION_NUMBER_STATE_MISMATCH: {
    code: 'EMPLOYER.REGISTRATION_NUMBER_STATE_MISMATCH',
    httpStatus: 422,
    en: 'The registration number is for state {registrationState} but the employer is registered in {employerState}; issue it from the sequence of {employerState}.',
    es: 'El número de registro es del estado {registrationState} pero el empleador está registrado en {employerState}; emítalo con la secuencia de {employerState}.',
  },
  INVALID_AUDIT_OUTCOME: {
    code: 'EMPLOYER.INVALID_AUDIT_OUTCOME',
    httpStatus: 422,
    en: 'Audit outcome field "{field}" {constraint}.',
    es: 'El campo "{field}" del resultado de auditoría {constraint}.',
  },
  INVALID_RISK_CHANGE: {
    code: 'EMPLOYER.INVALID_RISK_CHANGE',
    httpStatus: 422,
    en: 'Risk change field "{field}" {constraint}.',
    es: 'El campo "{field}" del cambio de riesgo {constraint}.',
  },
  SNAPSHOT_INVALID: {
    code: 'EMPLOYER.SNAPSHOT_INVALID',
    httpStatus: 500,
    en: 'A stored employer record could not be read: {problem}.',
    es: 'No se pudo leer un registro de empleador almacenado: {problem}.',
  },
  WORKSITE_NOT_FOUND: {
    code: 'WORKSITE.NOT_FOUND',
    httpStatus: 404,
    en: 'Worksite {worksiteId} does not belong to this employer.',
    es: 'El centro de trabajo {worksiteId} no pertenece a este empleador.',
  },
  WORKSITE_ALREADY_EXISTS: {
    code: 'WORKSITE.ALREADY_EXISTS',
    httpStatus: 409,
    en: 'Worksite {worksiteId} already exists for this employer.',
    es: 'El centro de trabajo {worksiteId} ya existe para este empleador.',
  },
  WORKSITE_CLOSED: {
    code: 'WORKSITE.CLOSED',
    httpStatus: 409,
    en: 'Worksite {worksiteId} is closed and can no longer be changed.',
    es: 'El centro de trabajo {worksiteId} está cerrado y ya no puede modificarse.',
  },
  WORKSITE_INVALID_COORDINATES: {
    code: 'WORKSITE.INVALID_COORDINATES',
    httpStatus: 422,
    en: 'Worksite coordinate "{field}" {constraint} (decimal degrees inside Mexico).',
    es: 'La coordenada "{field}" del centro de trabajo {constraint} (grados decimales dentro de México).',
  },
  WORKSITE_INVALID_CAPACITY: {
    code: 'WORKSITE.INVALID_CAPACITY',
    httpStatus: 422,
    en: 'The declared headcount capacity {constraint}.',
    es: 'La capacidad declarada de trabajadores {constraint}.',
  },
  WORKSITE_INVALID_DETAILS: {
    code: 'WORKSITE.INVALID_DETAILS',
    httpStatus: 422,
    en: 'Worksite field "{field}" {constraint}.',
    es: 'El campo "{field}" del centro de trabajo {constraint}.',
  },
} as const satisfies Record<string, ErrorDefinition>;

export type EmployerErrorKey = keyof typeof EmployerErrors;
export type EmployerErrorCode = (typeof EmployerErrors)[EmployerErrorKey]['code'];
