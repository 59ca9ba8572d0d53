import { defineErrors } from '@frontera/shared-kernel';

/**
 * Every error the permits domain can raise, in one catalogue: permits (`PERMIT.*`), workers
 * (`WORKER.*`), applications (`APPLICATION.*`) and the employer standing read model
 * (`EMPLOYER_STANDING.*`). Codes are public API (clients switch on them): add new ones, never
 * rename or reuse one.
 *
 * `status`: 404 an addressed thing does not exist, 409 the request conflicts with the current state
 * (retrying it unchanged will not help until the state changes), 422 the submitted data breaks a
 * rule (fix it and resubmit), 500 stored data the domain cannot read. Nothing here is retriable:
 * the same request later gets the same answer, so consumers dead-letter these at once.
 *
 * Parameters and texts never carry personal data: field names, constraints, codes, limits, ids.
 */
export const PermitErrors = defineErrors('PERMIT', {
  // ------------------------------------------------------------------ permits
  NOT_FOUND: {
    status: 404,
    retriable: false,
    title: { es: 'Permiso no encontrado', en: 'Permit not found' },
    detail: {
      es: 'No existe el permiso {permitId}, o no tiene acceso a él.',
      en: 'There is no permit {permitId}, or it is not visible to you.',
    },
  },
  TRANSITION_NOT_ALLOWED: {
    status: 409,
    retriable: false,
    title: { es: 'Acción no permitida en el estado actual', en: 'Action not allowed in the current state' },
    detail: {
      es: 'La acción {action} no está permitida mientras el permiso está en {currentState}. Acciones permitidas: {allowedActions}.',
      en: 'Action {action} is not allowed while the permit is {currentState}. Allowed actions: {allowedActions}.',
    },
  },
  NOT_YET_EXPIRED: {
    status: 409,
    retriable: false,
    title: { es: 'El permiso aún no vence', en: 'The permit has not expired yet' },
    detail: {
      es: 'El permiso vence el {expiresOn}; no puede marcarse como vencido antes.',
      en: 'The permit expires on {expiresOn}; it cannot be marked expired before then.',
    },
  },
  NOT_TRANSFERABLE: {
    status: 409,
    retriable: false,
    title: { es: 'El permiso no es transferible', en: 'The permit is not transferable' },
    detail: {
      es: 'El permiso {permitId} no es transferible: solo lo es cuando su empleador fue suspendido por hallazgos críticos o dado de baja.',
      en: 'Permit {permitId} is not transferable: a permit becomes transferable only when its employer is suspended for critical findings or deregistered.',
    },
  },
  RENEWAL_NOT_ISSUED: {
    status: 409,
    retriable: false,
    title: { es: 'Una renovación no emite un permiso', en: 'A renewal does not issue a permit' },
    detail: {
      es: 'La solicitud {applicationId} renueva el permiso {permitId}: aplique la renovación a ese permiso en lugar de emitir uno nuevo.',
      en: 'Application {applicationId} renews permit {permitId}: renew that permit instead of issuing a new one.',
    },
  },
  NUMBER_INVALID: {
    status: 422,
    retriable: false,
    title: { es: 'Número de permiso no válido', en: 'Invalid permit number' },
    detail: {
      es: 'El número de permiso no es válido ({problem}): tiene la forma TVTF-EEE-AA-XXXX-XXXX-C; revise que no haya errores de captura.',
      en: 'The permit number is not valid ({problem}): it reads TVTF-SSS-YY-XXXX-XXXX-C; check it for typing errors.',
    },
  },
  /**
   * Public verification found nothing to answer: an unknown token, an unknown number, a number with
   * a wrong check character or a year of birth that is not the worker's. One answer for all of them,
   * with no parameter, so that a permit cannot be told to exist from the answer.
   */
  VERIFICATION_NO_MATCH: {
    status: 404,
    retriable: false,
    title: { es: 'Ningún permiso coincide', en: 'No permit matches' },
    detail: {
      es: 'Ningún permiso coincide con los datos indicados: revise el código QR, o el número de permiso y el año de nacimiento del trabajador.',
      en: 'No permit matches what was given: check the QR code, or the permit number and the worker’s year of birth.',
    },
  },
  NUMBER_STATE_MISMATCH: {
    status: 422,
    retriable: false,
    title: { es: 'Número de permiso de otro estado', en: 'Permit number of another state' },
    detail: {
      es: 'El número de permiso es del estado {numberState} pero el centro de trabajo está en {worksiteState}.',
      en: 'The permit number is for state {numberState} but the worksite is in {worksiteState}.',
    },
  },
  INVALID_VERIFICATION_TOKEN: {
    status: 422,
    retriable: false,
    title: { es: 'Token de verificación no válido', en: 'Invalid verification token' },
    detail: {
      es: 'El token de verificación {constraint} (base64url, al menos 128 bits aleatorios).',
      en: 'The verification token {constraint} (base64url, at least 128 random bits).',
    },
  },
  INVALID_ID: {
    status: 422,
    retriable: false,
    title: { es: 'Identificador no válido', en: 'Invalid identifier' },
    detail: {
      es: 'El identificador "{field}" debe tener de 1 a 64 letras, dígitos, "_" o "-".',
      en: 'The identifier "{field}" must be 1 to 64 letters, digits, "_" or "-".',
    },
  },
  INVALID_REASON: {
    status: 422,
    retriable: false,
    title: { es: 'Motivo no válido', en: 'Invalid reason' },
    detail: { es: 'El motivo {constraint}.', en: 'The reason {constraint}.' },
  },
  INVALID_OFFER: {
    status: 422,
    retriable: false,
    title: { es: 'Oferta no válida', en: 'Invalid offer' },
    detail: {
      es: 'El campo "{field}" de la oferta {constraint}.',
      en: 'Offer field "{field}" {constraint}.',
    },
  },
  INVALID_VALIDITY: {
    status: 422,
    retriable: false,
    title: { es: 'Vigencia no válida', en: 'Invalid validity' },
    detail: { es: 'El campo "{field}" {constraint}.', en: 'Field "{field}" {constraint}.' },
  },
  INVALID_DATA: {
    status: 422,
    retriable: false,
    title: { es: 'Datos del permiso no válidos', en: 'Invalid permit data' },
    detail: { es: 'El campo "{field}" {constraint}.', en: 'Field "{field}" {constraint}.' },
  },
  INVALID_OPTIONS: {
    status: 422,
    retriable: false,
    title: { es: 'Configuración no válida', en: 'Invalid configuration' },
    detail: {
      es: 'La opción de configuración "{field}" {constraint}.',
      en: 'Configuration option "{field}" {constraint}.',
    },
  },
  SNAPSHOT_INVALID: {
    status: 500,
    retriable: false,
    title: { es: 'Registro almacenado ilegible', en: 'Unreadable stored record' },
    detail: {
      es: 'No se pudo leer un registro de permiso almacenado: {problem}.',
      en: 'A stored permit record could not be read: {problem}.',
    },
  },

  // ------------------------------------------------------------------ workers
  WORKER_NOT_FOUND: {
    code: 'WORKER.NOT_FOUND',
    status: 404,
    retriable: false,
    title: { es: 'Trabajador no encontrado', en: 'Worker not found' },
    detail: {
      es: 'No existe el trabajador {workerId}, o no tiene acceso a él.',
      en: 'There is no worker {workerId}, or it is not visible to you.',
    },
  },
  WORKER_MERGED: {
    code: 'WORKER.MERGED',
    status: 409,
    retriable: false,
    title: { es: 'Registro de trabajador fusionado', en: 'Worker record merged' },
    detail: {
      es: 'El registro {workerId} se fusionó con {survivorId} y ya no admite cambios ({action}); use el registro {survivorId}.',
      en: 'Record {workerId} was merged into {survivorId} and accepts no more changes ({action}); use record {survivorId}.',
    },
  },
  WORKER_INVALID_NAME: {
    code: 'WORKER.INVALID_NAME',
    status: 422,
    retriable: false,
    title: { es: 'Nombre no válido', en: 'Invalid name' },
    detail: { es: 'El campo de nombre "{field}" {constraint}.', en: 'Name field "{field}" {constraint}.' },
  },
  WORKER_INVALID_DATE_OF_BIRTH: {
    code: 'WORKER.INVALID_DATE_OF_BIRTH',
    status: 422,
    retriable: false,
    title: { es: 'Fecha de nacimiento no válida', en: 'Invalid date of birth' },
    detail: { es: 'La fecha de nacimiento {constraint}.', en: 'The date of birth {constraint}.' },
  },
  WORKER_INVALID_SEX: {
    code: 'WORKER.INVALID_SEX',
    status: 422,
    retriable: false,
    title: { es: 'Sexo no válido', en: 'Invalid sex' },
    detail: { es: 'El campo sexo {constraint}.', en: 'The sex field {constraint}.' },
  },
  WORKER_INVALID_NATIONALITY: {
    code: 'WORKER.INVALID_NATIONALITY',
    status: 422,
    retriable: false,
    title: { es: 'Nacionalidad no válida', en: 'Invalid nationality' },
    detail: {
      es: 'La nacionalidad {constraint} (código ISO 3166-1 alfa-3, p. ej. GTM).',
      en: 'The nationality {constraint} (an ISO 3166-1 alpha-3 code, e.g. GTM).',
    },
  },
  WORKER_INVALID_DOCUMENT: {
    code: 'WORKER.INVALID_DOCUMENT',
    status: 422,
    retriable: false,
    title: { es: 'Documento de identidad no válido', en: 'Invalid identity document' },
    detail: {
      es: 'El campo "{field}" del documento de identidad {constraint}.',
      en: 'Identity document field "{field}" {constraint}.',
    },
  },
  WORKER_INVALID_PLACE_OF_BIRTH: {
    code: 'WORKER.INVALID_PLACE_OF_BIRTH',
    status: 422,
    retriable: false,
    title: { es: 'Lugar de nacimiento no válido', en: 'Invalid place of birth' },
    detail: {
      es: 'El campo "{field}" del lugar de nacimiento {constraint}.',
      en: 'Place of birth field "{field}" {constraint}.',
    },
  },
  WORKER_INVALID_ADDRESS: {
    code: 'WORKER.INVALID_ADDRESS',
    status: 422,
    retriable: false,
    title: { es: 'Domicilio no válido', en: 'Invalid address' },
    detail: {
      es: 'El campo "{field}" del domicilio {constraint}.',
      en: 'Home address field "{field}" {constraint}.',
    },
  },
  WORKER_INVALID_PHONE: {
    code: 'WORKER.INVALID_PHONE',
    status: 422,
    retriable: false,
    title: { es: 'Teléfono no válido', en: 'Invalid phone' },
    detail: { es: 'El teléfono {constraint}.', en: 'The phone {constraint}.' },
  },
  WORKER_INVALID_PHOTO_REFERENCE: {
    code: 'WORKER.INVALID_PHOTO_REFERENCE',
    status: 422,
    retriable: false,
    title: { es: 'Referencia de fotografía no válida', en: 'Invalid photo reference' },
    detail: {
      es: 'La referencia de fotografía debe ser un identificador de 1 a 64 letras, dígitos, "_" o "-".',
      en: 'The photo reference must be an identifier of 1 to 64 letters, digits, "_" or "-".',
    },
  },
  WORKER_DOCUMENT_ALREADY_REGISTERED: {
    code: 'WORKER.DOCUMENT_ALREADY_REGISTERED',
    status: 409,
    retriable: false,
    title: { es: 'Documento ya registrado', en: 'Document already registered' },
    detail: {
      es: 'Ya existe un trabajador con este documento de identidad; un documento es siempre la misma persona: use el registro existente.',
      en: 'A worker with this identity document already exists; one document is always one person: use the existing record.',
    },
  },
  WORKER_DUPLICATE_SELF: {
    code: 'WORKER.DUPLICATE_SELF',
    status: 422,
    retriable: false,
    title: { es: 'El registro no puede ser su propio duplicado', en: 'A record cannot duplicate itself' },
    detail: {
      es: 'El campo "{field}" nombra al mismo trabajador; indique otro registro.',
      en: 'Field "{field}" names the same worker; name another record.',
    },
  },
  WORKER_DUPLICATE_NOT_FLAGGED: {
    code: 'WORKER.DUPLICATE_NOT_FLAGGED',
    status: 409,
    retriable: false,
    title: { es: 'Posible duplicado no señalado', en: 'Possible duplicate not flagged' },
    detail: {
      es: 'El trabajador {otherWorkerId} no está señalado como posible duplicado pendiente de este registro.',
      en: 'Worker {otherWorkerId} is not flagged as a pending possible duplicate of this record.',
    },
  },
  WORKER_INVALID_DUPLICATE_SCORE: {
    code: 'WORKER.INVALID_DUPLICATE_SCORE',
    status: 422,
    retriable: false,
    title: { es: 'Puntuación de duplicado no válida', en: 'Invalid duplicate score' },
    detail: { es: 'El campo "{field}" {constraint}.', en: 'Field "{field}" {constraint}.' },
  },
  WORKER_NO_CHANGES: {
    code: 'WORKER.NO_CHANGES',
    status: 422,
    retriable: false,
    title: { es: 'La solicitud no cambia nada', en: 'The request changes nothing' },
    detail: {
      es: 'La solicitud no cambia nada: incluya al menos uno de {allowed}.',
      en: 'The request changes nothing: include at least one of {allowed}.',
    },
  },
  WORKER_INVALID_READ_PURPOSE: {
    code: 'WORKER.INVALID_READ_PURPOSE',
    status: 422,
    retriable: false,
    title: { es: 'Propósito de la consulta no válido', en: 'Invalid purpose of the read' },
    detail: {
      es: 'El campo "{field}" {constraint}: toda consulta de datos personales declara su propósito.',
      en: 'Field "{field}" {constraint}: every read of personal data states its purpose.',
    },
  },
  WORKER_READ_LOG_NOT_INTACT: {
    code: 'WORKER.READ_LOG_NOT_INTACT',
    status: 409,
    retriable: false,
    title: { es: 'Registro de consultas alterado', en: 'Read log not intact' },
    detail: {
      es: 'El registro de consultas de datos personales del trabajador {workerId} no está íntegro ({problem}); sus datos personales no se pueden consultar hasta que se examine.',
      en: 'The personal-data read log of worker {workerId} is not intact ({problem}); their personal data cannot be read until it is examined.',
    },
  },
  WORKER_SNAPSHOT_INVALID: {
    code: 'WORKER.SNAPSHOT_INVALID',
    status: 500,
    retriable: false,
    title: { es: 'Registro almacenado ilegible', en: 'Unreadable stored record' },
    detail: {
      es: 'No se pudo leer un registro de trabajador almacenado: {problem}.',
      en: 'A stored worker record could not be read: {problem}.',
    },
  },

  // ------------------------------------------------------------------ applications
  APPLICATION_NOT_FOUND: {
    code: 'APPLICATION.NOT_FOUND',
    status: 404,
    retriable: false,
    title: { es: 'Solicitud no encontrada', en: 'Application not found' },
    detail: {
      es: 'No existe la solicitud {applicationId}, o no tiene acceso a ella.',
      en: 'There is no application {applicationId}, or it is not visible to you.',
    },
  },
  APPLICATION_TRANSITION_NOT_ALLOWED: {
    code: 'APPLICATION.TRANSITION_NOT_ALLOWED',
    status: 409,
    retriable: false,
    title: { es: 'Acción no permitida en el estado actual', en: 'Action not allowed in the current state' },
    detail: {
      es: 'La acción {action} no está permitida mientras la solicitud está en {currentState}. Acciones permitidas: {allowedActions}.',
      en: 'Action {action} is not allowed while the application is {currentState}. Allowed actions: {allowedActions}.',
    },
  },
  APPLICATION_NOT_ELIGIBLE: {
    code: 'APPLICATION.NOT_ELIGIBLE',
    status: 422,
    retriable: false,
    title: { es: 'La solicitud no cumple los requisitos', en: 'The application is not eligible' },
    detail: {
      es: 'La solicitud no cumple {count} requisito(s) del programa: {codes}. Cada uno se detalla en "failures".',
      en: 'The application fails {count} programme rule(s): {codes}. Each one is explained in "failures".',
    },
  },
  APPLICATION_NOT_APPROVED: {
    code: 'APPLICATION.NOT_APPROVED',
    status: 409,
    retriable: false,
    title: { es: 'Solicitud no aprobada', en: 'Application not approved' },
    detail: {
      es: 'La solicitud {applicationId} está en {currentState}: solo una solicitud aprobada da lugar a un permiso.',
      en: 'Application {applicationId} is {currentState}: only an approved application leads to a permit.',
    },
  },
  APPLICATION_INVALID_DATA: {
    code: 'APPLICATION.INVALID_DATA',
    status: 422,
    retriable: false,
    title: { es: 'Datos de la solicitud no válidos', en: 'Invalid application data' },
    detail: {
      es: 'El campo "{field}" de la solicitud {constraint}.',
      en: 'Application field "{field}" {constraint}.',
    },
  },
  APPLICATION_KIND_MISMATCH: {
    code: 'APPLICATION.KIND_MISMATCH',
    status: 422,
    retriable: false,
    title: {
      es: 'Campo que no corresponde al tipo de solicitud',
      en: 'Field does not fit the application kind',
    },
    detail: {
      es: 'El campo "{field}" no corresponde a una solicitud {kind}: transferFromPermitId va solo en TRANSFER y renewsPermitId solo en RENEWAL.',
      en: 'Field "{field}" does not fit a {kind} application: transferFromPermitId goes with TRANSFER only, renewsPermitId with RENEWAL only.',
    },
  },
  APPLICATION_SNAPSHOT_INVALID: {
    code: 'APPLICATION.SNAPSHOT_INVALID',
    status: 500,
    retriable: false,
    title: { es: 'Registro almacenado ilegible', en: 'Unreadable stored record' },
    detail: {
      es: 'No se pudo leer una solicitud almacenada: {problem}.',
      en: 'A stored application could not be read: {problem}.',
    },
  },

  // ------------------------------------------------------------------ employer standing (read model)
  STANDING_INVALID_FACT: {
    code: 'EMPLOYER_STANDING.INVALID_FACT',
    status: 422,
    retriable: false,
    title: { es: 'Hecho de empleador no válido', en: 'Invalid employer fact' },
    detail: {
      es: 'El campo "{field}" del hecho {factType} {constraint}.',
      en: 'Field "{field}" of fact {factType} {constraint}.',
    },
  },
  STANDING_SNAPSHOT_INVALID: {
    code: 'EMPLOYER_STANDING.SNAPSHOT_INVALID',
    status: 500,
    retriable: false,
    title: { es: 'Registro almacenado ilegible', en: 'Unreadable stored record' },
    detail: {
      es: 'No se pudo leer la situación almacenada de un empleador: {problem}.',
      en: 'A stored employer standing could not be read: {problem}.',
    },
  },
});

export type PermitErrorKey = keyof typeof PermitErrors;
