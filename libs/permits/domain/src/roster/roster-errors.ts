import { defineErrors } from '@frontera/shared-kernel';

/**
 * The errors of harvest rosters (`ROSTER.*`): a file refused at upload (before any job runs), an
 * import that is absent or out of scope, and the values of a row the row mapping refuses. A
 * catalogue of its own beside PermitErrors because a refused upload answers statuses the other
 * entries never need (400 for a body that is not CSV, 413 for a file over the limit). Codes are
 * public API: add, never rename.
 *
 * Parameters never carry the file's values: limits, line numbers, csv-parse's problem code, and
 * column names only when they read as column names (a header that is really a row of data would
 * otherwise be echoed back).
 */
export const RosterErrors = defineErrors('ROSTER', {
  NOT_FOUND: {
    status: 404,
    retriable: false,
    title: { es: 'Carga de cuadrilla no encontrada', en: 'Roster import not found' },
    detail: {
      es: 'No existe la carga de cuadrilla {importId}, o no tiene acceso a ella.',
      en: 'There is no roster import {importId}, or it is not visible to you.',
    },
  },
  WORKSITE_NOT_FOUND: {
    status: 404,
    retriable: false,
    title: { es: 'Centro de trabajo no encontrado', en: 'Worksite not found' },
    detail: {
      es: 'El centro de trabajo {worksiteId} no es uno de los de su empleador.',
      en: 'Worksite {worksiteId} is not one of your employer’s.',
    },
  },
  NOT_CSV: {
    status: 400,
    retriable: false,
    title: { es: 'El archivo no es CSV', en: 'The file is not CSV' },
    detail: {
      es: 'El archivo no es texto CSV en UTF-8 ({problem}). Guárdelo como «CSV UTF-8 (delimitado por comas)» y vuelva a enviarlo.',
      en: 'The file is not CSV text in UTF-8 ({problem}). Save it as “CSV UTF-8 (comma delimited)” and send it again.',
    },
  },
  MALFORMED: {
    status: 400,
    retriable: false,
    title: { es: 'CSV mal formado', en: 'Malformed CSV' },
    detail: {
      es: 'El CSV está mal formado en la línea {line} ({problem}): revise las comillas y que cada fila tenga tantos campos como el encabezado.',
      en: 'The CSV is malformed at line {line} ({problem}): check the quotes and that every row has as many fields as the header.',
    },
  },
  EMPTY: {
    status: 422,
    retriable: false,
    title: { es: 'Cuadrilla vacía', en: 'Empty roster' },
    detail: {
      es: 'El archivo no tiene filas de datos: la primera línea es el encabezado y cada línea siguiente un trabajador.',
      en: 'The file has no data rows: the first line is the header and each following line one worker.',
    },
  },
  HEADER_MISSING: {
    status: 422,
    retriable: false,
    title: { es: 'Falta el encabezado', en: 'The header is missing' },
    detail: {
      es: 'La primera línea debe ser el encabezado con los nombres de las columnas ({expectedColumns}); ninguna columna de la primera línea es conocida.',
      en: 'The first line must be the header naming the columns ({expectedColumns}); none of the first line’s columns is known.',
    },
  },
  INVALID_COLUMNS: {
    status: 422,
    retriable: false,
    title: { es: 'Columnas no válidas', en: 'Invalid columns' },
    detail: {
      es: 'El encabezado no corresponde al formato de la cuadrilla. Desconocidas: [{unknownColumns}]; faltantes: [{missingColumns}]; repetidas: [{duplicateColumns}].',
      en: 'The header does not match the roster layout. Unknown: [{unknownColumns}]; missing: [{missingColumns}]; repeated: [{duplicateColumns}].',
    },
  },
  TOO_LARGE: {
    status: 413,
    retriable: false,
    title: { es: 'Archivo demasiado grande', en: 'File too large' },
    detail: {
      es: 'El archivo excede {maxBytes} bytes: divídalo en varias cuadrillas.',
      en: 'The file exceeds {maxBytes} bytes: split it into several rosters.',
    },
  },
  TOO_MANY_ROWS: {
    status: 422,
    retriable: false,
    title: { es: 'Demasiadas filas', en: 'Too many rows' },
    detail: {
      es: 'El archivo tiene más de {maxRows} filas de datos: divídalo en varias cuadrillas.',
      en: 'The file has more than {maxRows} data rows: split it into several rosters.',
    },
  },
  INVALID_VALUE: {
    status: 422,
    retriable: false,
    title: { es: 'Valor no válido', en: 'Invalid value' },
    detail: {
      es: 'La columna "{field}" {constraint}.',
      en: 'Column "{field}" {constraint}.',
    },
  },
  TRANSITION_NOT_ALLOWED: {
    status: 409,
    retriable: false,
    title: { es: 'Acción no permitida en el estado actual', en: 'Action not allowed in the current state' },
    detail: {
      es: 'La acción {action} no está permitida mientras la carga está en {currentState}. Acciones permitidas: {allowedActions}.',
      en: 'Action {action} is not allowed while the import is {currentState}. Allowed actions: {allowedActions}.',
    },
  },
  INVALID_BATCH: {
    status: 409,
    retriable: false,
    title: { es: 'Lote fuera de orden', en: 'Batch out of order' },
    detail: {
      es: 'El lote {batch} no es el siguiente de la carga ({expectedBatch}) o sus cifras no cuadran ({problem}).',
      en: 'Batch {batch} is not the import’s next one ({expectedBatch}) or its counts do not add up ({problem}).',
    },
  },
  SNAPSHOT_INVALID: {
    status: 500,
    retriable: false,
    title: { es: 'Registro almacenado ilegible', en: 'Unreadable stored record' },
    detail: {
      es: 'No se pudo leer una carga de cuadrilla almacenada: {problem}.',
      en: 'A stored roster import could not be read: {problem}.',
    },
  },
});

export type RosterErrorKey = keyof typeof RosterErrors;
