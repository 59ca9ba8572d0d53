import { defineErrors } from '@frontera/shared-kernel';

/**
 * The reasons an application is not eligible, each with its Spanish and English text. They are
 * never thrown one by one: `checkEligibility` reports every failed rule, and `assertEligible` throws
 * one `APPLICATION.NOT_ELIGIBLE` (422) listing them all (members `failures` and `errors[]`). Declared
 * with the kernel's `defineErrors` so their placeholders are type-checked and filled like any error's;
 * the codes stand alone (`UNDER_AGE`), as the failures of `APPLICATION.NOT_ELIGIBLE`.
 *
 * Parameters are limits, codes and states, never the worker's data (no age, no date of birth).
 */
export const EligibilityFailures = defineErrors('ELIGIBILITY', {
  NATIONALITY_NOT_ELIGIBLE: {
    code: 'NATIONALITY_NOT_ELIGIBLE',
    status: 422,
    retriable: false,
    title: { es: 'Nacionalidad no elegible', en: 'Nationality not eligible' },
    detail: {
      es: 'El permiso de trabajador fronterizo solo se otorga a nacionales de {allowed}.',
      en: 'The border worker permit is only issued to nationals of {allowed}.',
    },
  },
  UNDER_AGE: {
    code: 'UNDER_AGE',
    status: 422,
    retriable: false,
    title: { es: 'Menor de la edad mínima', en: 'Under the minimum age' },
    detail: {
      es: 'La persona trabajadora debe tener al menos {minimumAge} años cumplidos en la fecha de inicio.',
      en: 'The worker must be at least {minimumAge} years old on the start date.',
    },
  },
  EMPLOYER_NOT_FOUND: {
    code: 'EMPLOYER_NOT_FOUND',
    status: 422,
    retriable: false,
    title: { es: 'Empleador desconocido', en: 'Unknown employer' },
    detail: {
      es: 'El empleador no figura en el padrón del programa (o su registro aún no llega a este servicio).',
      en: 'The employer is not in the programme register (or its registration has not reached this service yet).',
    },
  },
  EMPLOYER_NOT_ACTIVE: {
    code: 'EMPLOYER_NOT_ACTIVE',
    status: 422,
    retriable: false,
    title: { es: 'Empleador no activo', en: 'Employer not active' },
    detail: {
      es: 'El empleador está en {employerStatus}: solo un empleador ACTIVE puede solicitar permisos.',
      en: 'The employer is {employerStatus}: only an ACTIVE employer may apply for permits.',
    },
  },
  EMPLOYER_NOT_RATED_A: {
    code: 'EMPLOYER_NOT_RATED_A',
    status: 422,
    retriable: false,
    title: { es: 'Empleador sin calificación A', en: 'Employer not rated A' },
    detail: {
      es: 'La calificación de cumplimiento del empleador es {rating}: se requiere A (una reauditoría aprobada la restablece).',
      en: 'The employer’s compliance rating is {rating}: A is required (a passed re-audit restores it).',
    },
  },
  WORKSITE_NOT_FOUND: {
    code: 'WORKSITE_NOT_FOUND',
    status: 422,
    retriable: false,
    title: { es: 'Centro de trabajo desconocido', en: 'Unknown worksite' },
    detail: {
      es: 'El centro de trabajo {worksiteId} no es de este empleador.',
      en: 'Worksite {worksiteId} does not belong to this employer.',
    },
  },
  WORKSITE_CLOSED: {
    code: 'WORKSITE_CLOSED',
    status: 422,
    retriable: false,
    title: { es: 'Centro de trabajo cerrado', en: 'Worksite closed' },
    detail: {
      es: 'El centro de trabajo {worksiteId} está cerrado.',
      en: 'Worksite {worksiteId} is closed.',
    },
  },
  WORKSITE_STATE_NOT_ELIGIBLE: {
    code: 'WORKSITE_STATE_NOT_ELIGIBLE',
    status: 422,
    retriable: false,
    title: { es: 'Estado no cubierto por el programa', en: 'State not covered by the programme' },
    detail: {
      es: 'El centro de trabajo está en {state}; el programa cubre {allowed}.',
      en: 'The worksite is in {state}; the programme covers {allowed}.',
    },
  },
  WORKSITE_AT_CAPACITY: {
    code: 'WORKSITE_AT_CAPACITY',
    status: 422,
    retriable: false,
    title: { es: 'Centro de trabajo sin cupo', en: 'Worksite at capacity' },
    detail: {
      es: 'El centro de trabajo ya tiene tantos permisos vigentes como su capacidad declarada ({capacity}).',
      en: 'The worksite already holds as many valid permits as its declared capacity ({capacity}).',
    },
  },
  WORKER_HAS_ACTIVE_PERMIT: {
    code: 'WORKER_HAS_ACTIVE_PERMIT',
    status: 422,
    retriable: false,
    title: { es: 'Ya tiene un permiso vigente', en: 'Already holds a valid permit' },
    detail: {
      es: 'La persona trabajadora ya tiene un permiso vigente o suspendido; si su empleador fue sancionado, solicite una transferencia.',
      en: 'The worker already holds a valid or suspended permit; if their employer was sanctioned, apply for a transfer.',
    },
  },
  RECRUITMENT_FEE: {
    code: 'RECRUITMENT_FEE',
    status: 422,
    retriable: false,
    title: { es: 'Falta la declaración de no cobro', en: 'No-fee declaration missing' },
    detail: {
      es: 'El empleador debe declarar que la persona trabajadora no pagó cuota de reclutamiento a nadie.',
      en: 'The employer must declare that the worker paid no recruitment fee to anyone.',
    },
  },
  WAGE_BELOW_MINIMUM: {
    code: 'WAGE_BELOW_MINIMUM',
    status: 422,
    retriable: false,
    title: { es: 'Salario menor al mínimo', en: 'Wage below the minimum' },
    detail: {
      es: 'El salario diario ofrecido es menor al mínimo vigente de {minimumDailyWage} MXN.',
      en: 'The offered daily wage is below the minimum of {minimumDailyWage} MXN.',
    },
  },
  REPLACED_PERMIT_NOT_FOUND: {
    code: 'REPLACED_PERMIT_NOT_FOUND',
    status: 422,
    retriable: false,
    title: { es: 'Permiso a sustituir desconocido', en: 'Unknown permit to replace' },
    detail: {
      es: 'El permiso {permitId} no existe o no es de esta persona trabajadora.',
      en: 'Permit {permitId} does not exist or is not this worker’s.',
    },
  },
  REPLACED_PERMIT_NOT_ACTIVE: {
    code: 'REPLACED_PERMIT_NOT_ACTIVE',
    status: 422,
    retriable: false,
    title: { es: 'Permiso a sustituir no vigente', en: 'Permit to replace not active' },
    detail: {
      es: 'El permiso {permitId} está en {permitStatus}: solo un permiso ACTIVE se transfiere o renueva.',
      en: 'Permit {permitId} is {permitStatus}: only an ACTIVE permit is transferred or renewed.',
    },
  },
  PERMIT_NOT_TRANSFERABLE: {
    code: 'PERMIT_NOT_TRANSFERABLE',
    status: 422,
    retriable: false,
    title: { es: 'Permiso no transferible', en: 'Permit not transferable' },
    detail: {
      es: 'El permiso {permitId} no es transferible: solo lo es cuando su empleador fue suspendido por hallazgos críticos o dado de baja.',
      en: 'Permit {permitId} is not transferable: it becomes so only when its employer is suspended for critical findings or deregistered.',
    },
  },
  TRANSFER_WINDOW_CLOSED: {
    code: 'TRANSFER_WINDOW_CLOSED',
    status: 422,
    retriable: false,
    title: { es: 'Plazo de transferencia vencido', en: 'Transfer window closed' },
    detail: {
      es: 'El permiso {permitId} podía transferirse hasta {transferableUntil}.',
      en: 'Permit {permitId} could be transferred until {transferableUntil}.',
    },
  },
  TRANSFER_TO_SAME_EMPLOYER: {
    code: 'TRANSFER_TO_SAME_EMPLOYER',
    status: 422,
    retriable: false,
    title: { es: 'Transferencia al mismo empleador', en: 'Transfer to the same employer' },
    detail: {
      es: 'El permiso {permitId} ya es de este empleador: una transferencia es hacia otro empleador.',
      en: 'Permit {permitId} already belongs to this employer: a transfer is to another employer.',
    },
  },
  RENEWED_PERMIT_OF_ANOTHER_EMPLOYER: {
    code: 'RENEWED_PERMIT_OF_ANOTHER_EMPLOYER',
    status: 422,
    retriable: false,
    title: { es: 'Permiso de otro empleador', en: 'Permit of another employer' },
    detail: {
      es: 'El permiso {permitId} es de otro empleador: solo su empleador lo renueva (otro empleador solicita una transferencia).',
      en: 'Permit {permitId} belongs to another employer: only its employer renews it (another employer applies for a transfer).',
    },
  },
  RENEWED_PERMIT_OF_ANOTHER_WORKSITE: {
    code: 'RENEWED_PERMIT_OF_ANOTHER_WORKSITE',
    status: 422,
    retriable: false,
    title: { es: 'Permiso de otro centro de trabajo', en: 'Permit of another worksite' },
    detail: {
      es: 'El permiso {permitId} es de otro centro de trabajo: una renovación conserva el centro de trabajo (para otro, solicite un permiso nuevo al terminar este).',
      en: 'Permit {permitId} is for another worksite: a renewal keeps the worksite (for another one, apply for a new permit once this one ends).',
    },
  },
});

/** A failure's code: the catalogue key, which is also its `code`. */
export type EligibilityCode = keyof typeof EligibilityFailures;
export const ELIGIBILITY_CODES = Object.keys(EligibilityFailures) as EligibilityCode[];
