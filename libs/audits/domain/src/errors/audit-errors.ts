import { defineErrors } from '@frontera/shared-kernel';

/**
 * Every error the audits domain can raise, in one catalogue: shared input errors (`AUDIT.*`), audit
 * tasks (`AUDIT_TASK.*`), audit plans (`AUDIT_PLAN.*`), inspectors (`INSPECTOR.*`), complaints
 * (`COMPLAINT.*`), referrals (`REFERRAL.*`) and risk profiles (`RISK.*`). Codes are public API
 * (clients switch on them): add new ones, never rename or reuse one.
 *
 * `status`: 404 an addressed thing does not exist (or is outside the caller's scope), 409 the request
 * conflicts with the current state, 422 the submitted data breaks a rule, 500 stored data the domain
 * cannot read. Nothing here is retriable: the same request later gets the same answer.
 *
 * Visits are unannounced: no entry has a placeholder for a planned date (due day, next audit, task
 * creation day), so no error message can reveal one, whoever reads it (audit-errors.spec.ts checks it).
 * Parameters and texts never carry personal data: field names, constraints, codes, limits and ids.
 */
export const AuditErrors = defineErrors('AUDIT', {
  // ------------------------------------------------------------------ shared input
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
  INVALID_OPTIONS: {
    status: 422,
    retriable: false,
    title: { es: 'Configuración no válida', en: 'Invalid configuration' },
    detail: {
      es: 'La opción de configuración "{field}" {constraint}.',
      en: 'Configuration option "{field}" {constraint}.',
    },
  },

  // ------------------------------------------------------------------ risk
  RISK_INVALID_PROFILE: {
    code: 'RISK.INVALID_PROFILE',
    status: 422,
    retriable: false,
    title: { es: 'Perfil de riesgo no válido', en: 'Invalid risk profile' },
    detail: {
      es: 'El campo "{field}" del perfil de riesgo {constraint}.',
      en: 'Risk profile field "{field}" {constraint}.',
    },
  },

  // ------------------------------------------------------------------ audit tasks
  TASK_NOT_FOUND: {
    code: 'AUDIT_TASK.NOT_FOUND',
    status: 404,
    retriable: false,
    title: { es: 'Auditoría no encontrada', en: 'Audit task not found' },
    detail: {
      es: 'No existe la auditoría {taskId}, o no tiene acceso a ella.',
      en: 'There is no audit task {taskId}, or it is not visible to you.',
    },
  },
  TASK_TRANSITION_NOT_ALLOWED: {
    code: 'AUDIT_TASK.TRANSITION_NOT_ALLOWED',
    status: 409,
    retriable: false,
    title: { es: 'Acción no permitida en el estado actual', en: 'Action not allowed in the current state' },
    detail: {
      es: 'La acción {action} no está permitida mientras la auditoría está en {currentState}. Acciones permitidas: {allowedActions}.',
      en: 'Action {action} is not allowed while the audit task is {currentState}. Allowed actions: {allowedActions}.',
    },
  },
  TASK_INVALID_DATA: {
    code: 'AUDIT_TASK.INVALID_DATA',
    status: 422,
    retriable: false,
    title: { es: 'Datos de la auditoría no válidos', en: 'Invalid audit task data' },
    detail: { es: 'El campo "{field}" {constraint}.', en: 'Field "{field}" {constraint}.' },
  },
  TASK_INSPECTOR_NOT_ELIGIBLE: {
    code: 'AUDIT_TASK.INSPECTOR_NOT_ELIGIBLE',
    status: 409,
    retriable: false,
    title: { es: 'Inspector no elegible', en: 'Inspector not eligible' },
    detail: {
      es: 'El inspector {inspectorId} no puede recibir esta auditoría: {failedRules}.',
      en: 'Inspector {inspectorId} may not receive this audit task: {failedRules}.',
    },
  },
  TASK_SAME_INSPECTOR: {
    code: 'AUDIT_TASK.SAME_INSPECTOR',
    status: 409,
    retriable: false,
    title: { es: 'Mismo inspector', en: 'Same inspector' },
    detail: {
      es: 'La auditoría ya está asignada al inspector {inspectorId}; reasigne a otro inspector.',
      en: 'The audit task is already assigned to inspector {inspectorId}; reassign it to another inspector.',
    },
  },
  TASK_UNKNOWN_FINDING: {
    code: 'AUDIT_TASK.UNKNOWN_FINDING',
    status: 422,
    retriable: false,
    title: { es: 'Hallazgo desconocido', en: 'Unknown finding' },
    detail: {
      es: 'El código de hallazgo {findingCode} no está en el catálogo.',
      en: 'Finding code {findingCode} is not in the catalogue.',
    },
  },
  TASK_FINDING_NOT_FOUND: {
    code: 'AUDIT_TASK.FINDING_NOT_FOUND',
    status: 404,
    retriable: false,
    title: { es: 'Hallazgo no encontrado', en: 'Finding not found' },
    detail: {
      es: 'La auditoría no tiene el hallazgo {findingId}.',
      en: 'The audit task has no finding {findingId}.',
    },
  },
  TASK_FINDING_NEEDS_WORKERS: {
    code: 'AUDIT_TASK.FINDING_NEEDS_WORKERS',
    status: 422,
    retriable: false,
    title: { es: 'El hallazgo es por trabajador', en: 'The finding is per worker' },
    detail: {
      es: 'El hallazgo {findingCode} se registra por trabajador: indique los permisos afectados o el número de trabajadores.',
      en: 'Finding {findingCode} is recorded per worker: give the affected permits or the number of workers.',
    },
  },
  TASK_NOT_ON_ROSTER: {
    code: 'AUDIT_TASK.NOT_ON_ROSTER',
    status: 422,
    retriable: false,
    title: { es: 'Permiso fuera de la plantilla', en: 'Permit not on the roster' },
    detail: {
      es: 'El permiso {permitId} no está en la plantilla esperada del centro de trabajo.',
      en: 'Permit {permitId} is not on the worksite’s expected roster.',
    },
  },
  TASK_INVALID_CORRECTIVE_DEADLINE: {
    code: 'AUDIT_TASK.INVALID_CORRECTIVE_DEADLINE',
    status: 422,
    retriable: false,
    title: { es: 'Plazo de acciones correctivas no válido', en: 'Invalid corrective-action deadline' },
    detail: {
      es: 'El plazo de acciones correctivas no es válido ({problem}): debe ser una fecha AAAA-MM-DD de 1 a {limit} días a partir de hoy, y solo lo llevan los resultados VIOLATIONS y REFERRAL.',
      en: 'The corrective-action deadline is not valid ({problem}): it must be a YYYY-MM-DD day 1 to {limit} days from today, and only VIOLATIONS and REFERRAL outcomes take one.',
    },
  },
  TASK_SNAPSHOT_INVALID: {
    code: 'AUDIT_TASK.SNAPSHOT_INVALID',
    status: 500,
    retriable: false,
    title: { es: 'Registro almacenado ilegible', en: 'Unreadable stored record' },
    detail: {
      es: 'No se pudo leer una auditoría almacenada: {problem}.',
      en: 'A stored audit task could not be read: {problem}.',
    },
  },

  // ------------------------------------------------------------------ audit plans
  PLAN_NOT_FOUND: {
    code: 'AUDIT_PLAN.NOT_FOUND',
    status: 404,
    retriable: false,
    title: { es: 'Plan de auditoría no encontrado', en: 'Audit plan not found' },
    detail: {
      es: 'No existe el plan de auditoría del empleador {employerId}, o no tiene acceso a él.',
      en: 'There is no audit plan for employer {employerId}, or it is not visible to you.',
    },
  },
  PLAN_INVALID_DATA: {
    code: 'AUDIT_PLAN.INVALID_DATA',
    status: 422,
    retriable: false,
    title: { es: 'Datos del plan no válidos', en: 'Invalid audit plan data' },
    detail: { es: 'El campo "{field}" {constraint}.', en: 'Field "{field}" {constraint}.' },
  },
  PLAN_UNKNOWN_DUE_AUDIT: {
    code: 'AUDIT_PLAN.UNKNOWN_DUE_AUDIT',
    status: 409,
    retriable: false,
    title: { es: 'Auditoría pendiente desconocida', en: 'Unknown due audit' },
    detail: {
      es: 'El plan no tiene la auditoría pendiente {key}.',
      en: 'The plan has no due audit {key}.',
    },
  },
  PLAN_SNAPSHOT_INVALID: {
    code: 'AUDIT_PLAN.SNAPSHOT_INVALID',
    status: 500,
    retriable: false,
    title: { es: 'Registro almacenado ilegible', en: 'Unreadable stored record' },
    detail: {
      es: 'No se pudo leer un plan de auditoría almacenado: {problem}.',
      en: 'A stored audit plan could not be read: {problem}.',
    },
  },

  // ------------------------------------------------------------------ inspectors
  INSPECTOR_NOT_FOUND: {
    code: 'INSPECTOR.NOT_FOUND',
    status: 404,
    retriable: false,
    title: { es: 'Inspector no encontrado', en: 'Inspector not found' },
    detail: {
      es: 'No existe el inspector {inspectorId}, o no tiene acceso a él.',
      en: 'There is no inspector {inspectorId}, or it is not visible to you.',
    },
  },
  INSPECTOR_TRANSITION_NOT_ALLOWED: {
    code: 'INSPECTOR.TRANSITION_NOT_ALLOWED',
    status: 409,
    retriable: false,
    title: { es: 'Acción no permitida en el estado actual', en: 'Action not allowed in the current state' },
    detail: {
      es: 'La acción {action} no está permitida mientras el inspector está en {currentState}. Acciones permitidas: {allowedActions}.',
      en: 'Action {action} is not allowed while the inspector is {currentState}. Allowed actions: {allowedActions}.',
    },
  },
  INSPECTOR_INVALID_DATA: {
    code: 'INSPECTOR.INVALID_DATA',
    status: 422,
    retriable: false,
    title: { es: 'Datos del inspector no válidos', en: 'Invalid inspector data' },
    detail: { es: 'El campo "{field}" {constraint}.', en: 'Field "{field}" {constraint}.' },
  },
  INSPECTOR_SNAPSHOT_INVALID: {
    code: 'INSPECTOR.SNAPSHOT_INVALID',
    status: 500,
    retriable: false,
    title: { es: 'Registro almacenado ilegible', en: 'Unreadable stored record' },
    detail: {
      es: 'No se pudo leer un inspector almacenado: {problem}.',
      en: 'A stored inspector could not be read: {problem}.',
    },
  },

  // ------------------------------------------------------------------ complaints
  COMPLAINT_NOT_FOUND: {
    code: 'COMPLAINT.NOT_FOUND',
    status: 404,
    retriable: false,
    title: { es: 'Queja no encontrada', en: 'Complaint not found' },
    detail: {
      es: 'No hay una queja con ese folio y clave.',
      en: 'There is no complaint with that receipt code and secret.',
    },
  },
  COMPLAINT_TRANSITION_NOT_ALLOWED: {
    code: 'COMPLAINT.TRANSITION_NOT_ALLOWED',
    status: 409,
    retriable: false,
    title: { es: 'Acción no permitida en el estado actual', en: 'Action not allowed in the current state' },
    detail: {
      es: 'La acción {action} no está permitida mientras la queja está en {currentState}. Acciones permitidas: {allowedActions}.',
      en: 'Action {action} is not allowed while the complaint is {currentState}. Allowed actions: {allowedActions}.',
    },
  },
  COMPLAINT_INVALID_DATA: {
    code: 'COMPLAINT.INVALID_DATA',
    status: 422,
    retriable: false,
    title: { es: 'Datos de la queja no válidos', en: 'Invalid complaint data' },
    detail: { es: 'El campo "{field}" {constraint}.', en: 'Field "{field}" {constraint}.' },
  },
  COMPLAINT_RECEIPT_CODE_INVALID: {
    code: 'COMPLAINT.RECEIPT_CODE_INVALID',
    status: 422,
    retriable: false,
    title: { es: 'Folio no válido', en: 'Invalid receipt code' },
    detail: {
      es: 'El folio no es válido ({problem}): tiene la forma Q-AA-XXXX-XXXX-C; revise que no haya errores de captura.',
      en: 'The receipt code is not valid ({problem}): it reads Q-YY-XXXX-XXXX-C; check it for typing errors.',
    },
  },
  COMPLAINT_EMPLOYER_REQUIRED: {
    code: 'COMPLAINT.EMPLOYER_REQUIRED',
    status: 409,
    retriable: false,
    title: { es: 'Falta identificar al empleador', en: 'The employer must be identified' },
    detail: {
      es: 'La queja {complaintId} describe un lugar sin empleador registrado: indique el empleador y el centro de trabajo para crear la auditoría.',
      en: 'Complaint {complaintId} names a place, not a registered employer: give the employer and worksite to create the audit.',
    },
  },
  COMPLAINT_SNAPSHOT_INVALID: {
    code: 'COMPLAINT.SNAPSHOT_INVALID',
    status: 500,
    retriable: false,
    title: { es: 'Registro almacenado ilegible', en: 'Unreadable stored record' },
    detail: {
      es: 'No se pudo leer una queja almacenada: {problem}.',
      en: 'A stored complaint could not be read: {problem}.',
    },
  },

  // ------------------------------------------------------------------ referrals
  REFERRAL_NOT_FOUND: {
    code: 'REFERRAL.NOT_FOUND',
    status: 404,
    retriable: false,
    title: { es: 'Canalización no encontrada', en: 'Referral not found' },
    detail: {
      es: 'No existe la canalización {referralId}, o no tiene acceso a ella.',
      en: 'There is no referral {referralId}, or it is not visible to you.',
    },
  },
  REFERRAL_TRANSITION_NOT_ALLOWED: {
    code: 'REFERRAL.TRANSITION_NOT_ALLOWED',
    status: 409,
    retriable: false,
    title: { es: 'Acción no permitida en el estado actual', en: 'Action not allowed in the current state' },
    detail: {
      es: 'La acción {action} no está permitida mientras la canalización está en {currentState}. Acciones permitidas: {allowedActions}.',
      en: 'Action {action} is not allowed while the referral is {currentState}. Allowed actions: {allowedActions}.',
    },
  },
  REFERRAL_INVALID_DATA: {
    code: 'REFERRAL.INVALID_DATA',
    status: 422,
    retriable: false,
    title: { es: 'Datos de la canalización no válidos', en: 'Invalid referral data' },
    detail: { es: 'El campo "{field}" {constraint}.', en: 'Field "{field}" {constraint}.' },
  },
  REFERRAL_NOT_REFERRED: {
    code: 'REFERRAL.SOURCE_NOT_REFERRED',
    status: 409,
    retriable: false,
    title: { es: 'La auditoría no se canaliza', en: 'The audit is not a referral' },
    detail: {
      es: 'La auditoría {taskId} no terminó con resultado REFERRAL: solo esas se canalizan.',
      en: 'Audit task {taskId} did not end with outcome REFERRAL: only those are referred.',
    },
  },
  REFERRAL_SNAPSHOT_INVALID: {
    code: 'REFERRAL.SNAPSHOT_INVALID',
    status: 500,
    retriable: false,
    title: { es: 'Registro almacenado ilegible', en: 'Unreadable stored record' },
    detail: {
      es: 'No se pudo leer una canalización almacenada: {problem}.',
      en: 'A stored referral could not be read: {problem}.',
    },
  },
});

export type AuditErrorKey = keyof typeof AuditErrors;
