import { defineErrors } from '@frontera/shared-kernel';

/**
 * Every error the employers domain can raise, in one place. Codes are part of the public API
 * (clients switch on them): add new ones, never rename or reuse one.
 *
 * `status` is the HTTP status clients get: 404 an addressed thing does not exist,
 * 409 the request conflicts with the current state (retrying the same request will not help
 * until the state changes), 422 the submitted data breaks a rule (fix the data and resubmit),
 * 500 stored data the domain cannot read.
 */
export const EmployerErrors = defineErrors('EMPLOYER', {
  NOT_FOUND: {
    status: 404,
    title: { es: 'Empleador no encontrado', en: 'Employer not found' },
    detail: {
      es: 'No existe un empleador con este identificador, o no tiene acceso a él.',
      en: 'No employer exists with this id, or it is not visible to you.',
    },
  },
  ALREADY_REGISTERED: {
    status: 409,
    title: { es: 'El empleador ya está registrado', en: 'The employer is already registered' },
    detail: {
      es: 'Ya existe un empleador registrado con este RFC; use el registro existente.',
      en: 'An employer with this RFC is already registered; sign in to the existing registration instead.',
    },
  },
  TRANSITION_NOT_ALLOWED: {
    status: 409,
    title: { es: 'Acción no permitida en el estado actual', en: 'Action not allowed in the current state' },
    detail: {
      es: 'La acción {action} no está permitida mientras el empleador está en {currentState}. Acciones permitidas: {allowedActions}.',
      en: 'Action {action} is not allowed while the employer is {currentState}. Allowed actions: {allowedActions}.',
    },
  },
  RFC_INVALID_FORMAT: {
    status: 422,
    title: { es: 'RFC con formato no válido', en: 'RFC with an invalid format' },
    detail: {
      es: 'El RFC debe tener 12 caracteres para persona moral (3 letras, AAMMDD, homoclave de 3 caracteres) o 13 para persona física (4 letras, AAMMDD, homoclave).',
      en: 'The RFC must be 12 characters for a company (3 letters, YYMMDD, 3-character homoclave) or 13 for an individual (4 letters, YYMMDD, homoclave).',
    },
  },
  RFC_INVALID_DATE: {
    status: 422,
    title: { es: 'RFC con fecha no válida', en: 'RFC with an invalid date' },
    detail: {
      es: 'La fecha del RFC (AAMMDD después de las letras) no es una fecha válida; verifíquela en su Constancia de Situación Fiscal.',
      en: 'The date part of the RFC (YYMMDD after the letters) is not a real calendar date; check it against your Constancia de Situación Fiscal.',
    },
  },
  RFC_INVALID_CHECK_DIGIT: {
    status: 422,
    title: { es: 'RFC con dígito verificador incorrecto', en: 'RFC with a wrong check digit' },
    detail: {
      es: 'El último carácter del RFC (dígito verificador del SAT) no corresponde al resto; revise que no haya errores de captura contra su Constancia de Situación Fiscal.',
      en: 'The last character of the RFC (the SAT check digit) does not match the rest; check for a typing error against your Constancia de Situación Fiscal.',
    },
  },
  RFC_GENERIC_NOT_ALLOWED: {
    status: 422,
    title: { es: 'RFC genérico no permitido', en: 'Generic RFC not allowed' },
    detail: {
      es: 'Los RFC genéricos (XAXX010101000, XEXX010101000) no pueden registrarse como empleadores; use el RFC propio del empleador.',
      en: 'Generic RFCs (XAXX010101000, XEXX010101000) cannot register as employers; use the employer’s own RFC.',
    },
  },
  KIND_MISMATCH: {
    status: 422,
    title: {
      es: 'El tipo de empleador no corresponde al RFC',
      en: 'The employer kind does not match the RFC',
    },
    detail: {
      es: 'El tipo {kind} no corresponde al RFC: un RFC de 12 caracteres es de persona moral (COMPANY) y uno de 13 de persona física (INDIVIDUAL); aquí corresponde {expectedKind}.',
      en: 'Kind {kind} does not match the RFC: a 12-character RFC belongs to a COMPANY, a 13-character RFC to an INDIVIDUAL ({expectedKind} here).',
    },
  },
  INVALID_ID: {
    status: 422,
    title: { es: 'Identificador no válido', en: 'Invalid identifier' },
    detail: {
      es: 'El identificador "{field}" debe tener de 1 a 64 letras, dígitos, "_" o "-".',
      en: 'The identifier "{field}" must be 1 to 64 letters, digits, "_" or "-".',
    },
  },
  INVALID_KIND: {
    status: 422,
    title: { es: 'Tipo de empleador no válido', en: 'Invalid employer kind' },
    detail: {
      es: 'El tipo de empleador {constraint}.',
      en: 'The employer kind {constraint}.',
    },
  },
  INVALID_SECTOR: {
    status: 422,
    title: { es: 'Sector no válido', en: 'Invalid sector' },
    detail: {
      es: 'El sector {constraint}.',
      en: 'The sector {constraint}.',
    },
  },
  INVALID_LEGAL_NAME: {
    status: 422,
    title: { es: 'Razón social no válida', en: 'Invalid legal name' },
    detail: {
      es: 'La razón social o nombre {constraint}.',
      en: 'The legal name {constraint}.',
    },
  },
  INVALID_ADDRESS: {
    status: 422,
    title: { es: 'Domicilio no válido', en: 'Invalid address' },
    detail: {
      es: 'El campo de domicilio "{field}" {constraint}.',
      en: 'Address field "{field}" {constraint}.',
    },
  },
  INVALID_CONTACT: {
    status: 422,
    title: { es: 'Contacto no válido', en: 'Invalid contact' },
    detail: {
      es: 'El campo de contacto "{field}" {constraint}.',
      en: 'Contact field "{field}" {constraint}.',
    },
  },
  INVALID_LEGAL_REPRESENTATIVE: {
    status: 422,
    title: { es: 'Representante legal no válido', en: 'Invalid legal representative' },
    detail: {
      es: 'El campo de representante legal "{field}" {constraint}.',
      en: 'Legal representative field "{field}" {constraint}.',
    },
  },
  LEGAL_REPRESENTATIVE_REQUIRED: {
    status: 422,
    title: { es: 'Falta el representante legal', en: 'Legal representative missing' },
    detail: {
      es: 'Una persona moral actúa a través de un representante legal: indique uno.',
      en: 'A company (persona moral) acts through a legal representative: provide one.',
    },
  },
  INVALID_REASON: {
    status: 422,
    title: { es: 'Motivo no válido', en: 'Invalid reason' },
    detail: {
      es: 'El motivo {constraint}.',
      en: 'The reason {constraint}.',
    },
  },
  NO_CHANGES: {
    status: 422,
    title: { es: 'La solicitud no cambia nada', en: 'The request changes nothing' },
    detail: {
      es: 'La solicitud no cambia nada: incluya al menos uno de {allowed}.',
      en: 'The request changes nothing: include at least one of {allowed}.',
    },
  },
  INVALID_REGISTRATION_NUMBER: {
    status: 422,
    title: { es: 'Número de registro no válido', en: 'Invalid registration number' },
    detail: {
      es: 'El campo "{field}" del número de registro {constraint}.',
      en: 'Registration number field "{field}" {constraint}.',
    },
  },
  REGISTRATION_NUMBER_STATE_MISMATCH: {
    status: 422,
    title: { es: 'Número de registro de otro estado', en: 'Registration number of another state' },
    detail: {
      es: 'El número de registro es del estado {registrationState} pero el empleador está registrado en {employerState}; emítalo con la secuencia de {employerState}.',
      en: 'The registration number is for state {registrationState} but the employer is registered in {employerState}; issue it from the sequence of {employerState}.',
    },
  },
  INVALID_AUDIT_OUTCOME: {
    status: 422,
    title: { es: 'Resultado de auditoría no válido', en: 'Invalid audit outcome' },
    detail: {
      es: 'El campo "{field}" del resultado de auditoría {constraint}.',
      en: 'Audit outcome field "{field}" {constraint}.',
    },
  },
  INVALID_RISK_CHANGE: {
    status: 422,
    title: { es: 'Cambio de riesgo no válido', en: 'Invalid risk change' },
    detail: {
      es: 'El campo "{field}" del cambio de riesgo {constraint}.',
      en: 'Risk change field "{field}" {constraint}.',
    },
  },
  SNAPSHOT_INVALID: {
    status: 500,
    title: { es: 'Registro almacenado ilegible', en: 'Unreadable stored record' },
    detail: {
      es: 'No se pudo leer un registro de empleador almacenado: {problem}.',
      en: 'A stored employer record could not be read: {problem}.',
    },
  },
  WORKSITE_NOT_FOUND: {
    code: 'WORKSITE.NOT_FOUND',
    status: 404,
    title: { es: 'Centro de trabajo no encontrado', en: 'Worksite not found' },
    detail: {
      es: 'El centro de trabajo {worksiteId} no pertenece a este empleador.',
      en: 'Worksite {worksiteId} does not belong to this employer.',
    },
  },
  WORKSITE_ALREADY_EXISTS: {
    code: 'WORKSITE.ALREADY_EXISTS',
    status: 409,
    title: { es: 'El centro de trabajo ya existe', en: 'The worksite already exists' },
    detail: {
      es: 'El centro de trabajo {worksiteId} ya existe para este empleador.',
      en: 'Worksite {worksiteId} already exists for this employer.',
    },
  },
  WORKSITE_CLOSED: {
    code: 'WORKSITE.CLOSED',
    status: 409,
    title: { es: 'Centro de trabajo cerrado', en: 'Worksite closed' },
    detail: {
      es: 'El centro de trabajo {worksiteId} está cerrado y ya no puede modificarse.',
      en: 'Worksite {worksiteId} is closed and can no longer be changed.',
    },
  },
  WORKSITE_INVALID_COORDINATES: {
    code: 'WORKSITE.INVALID_COORDINATES',
    status: 422,
    title: { es: 'Coordenadas no válidas', en: 'Invalid coordinates' },
    detail: {
      es: 'La coordenada "{field}" del centro de trabajo {constraint} (grados decimales dentro de México).',
      en: 'Worksite coordinate "{field}" {constraint} (decimal degrees inside Mexico).',
    },
  },
  WORKSITE_INVALID_CAPACITY: {
    code: 'WORKSITE.INVALID_CAPACITY',
    status: 422,
    title: { es: 'Capacidad no válida', en: 'Invalid capacity' },
    detail: {
      es: 'La capacidad declarada de trabajadores {constraint}.',
      en: 'The declared headcount capacity {constraint}.',
    },
  },
  WORKSITE_INVALID_DETAILS: {
    code: 'WORKSITE.INVALID_DETAILS',
    status: 422,
    title: { es: 'Datos del centro de trabajo no válidos', en: 'Invalid worksite details' },
    detail: {
      es: 'El campo "{field}" del centro de trabajo {constraint}.',
      en: 'Worksite field "{field}" {constraint}.',
    },
  },
});

export type EmployerErrorKey = keyof typeof EmployerErrors;
