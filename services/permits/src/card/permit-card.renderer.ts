import type PDFDocumentClass from 'pdfkit';
import type { create as createQrCodeFunction } from 'qrcode';
import type { PermitCardView } from './permit-card.view';

/** The two libraries a card is drawn with. */
interface CardLibraries {
  readonly PDFDocument: typeof PDFDocumentClass;
  readonly createQrCode: typeof createQrCodeFunction;
}

let cardLibraries: Promise<CardLibraries> | undefined;

/**
 * pdfkit and qrcode, loaded on the first card rather than at start: together about 4 MiB of V8
 * heap and 6–7 MiB of resident memory that a service which prints no card does not need (the idle
 * memory goal of issue 9). Loaded once; a failed load is tried again on the next card.
 */
function loadCardLibraries(): Promise<CardLibraries> {
  cardLibraries ??= Promise.all([import('pdfkit'), import('qrcode')]).then(
    ([pdfkit, qrcode]) => ({ PDFDocument: pdfkit.default, createQrCode: qrcode.create }),
    (error: unknown) => {
      cardLibraries = undefined;
      throw error;
    },
  );
  return cardLibraries;
}

/**
 * Page size: the card itself, ISO/IEC 7810 ID-1 (85.60 × 53.98 mm, a bank card), not an A6 or
 * letter page with the card drawn on it. The card is the whole document, so card printers (CR80 PVC
 * media) print it 1:1 with no placement to get wrong, and an office printer at "actual size" gives a
 * card-sized print with a cut line (the outline, with ID-1's 3.18 mm corner radius). The QR code's
 * physical size is then known (about 22 mm), which is what makes it scannable.
 */
const MM = 72 / 25.4;
export const CARD_WIDTH_PT = 85.6 * MM;
export const CARD_HEIGHT_PT = 53.98 * MM;
const CORNER_RADIUS_PT = 3.18 * MM;
const MARGIN = 7;
const HEADER_HEIGHT = 22;
const QR_SIZE = 62;
/** Four light modules around the symbol, the quiet zone ISO/IEC 18004 requires. */
const QR_QUIET_ZONE_MODULES = 4;
const QR_X = CARD_WIDTH_PT - MARGIN - QR_SIZE;
const QR_Y = HEADER_HEIGHT + 6;
const LEFT_WIDTH = QR_X - MARGIN - 5;

const INK = '#000000';
const LABEL_GREY = '#4d4d4d';
const HEADER_FILL = '#1d4d3a';
const PAPER = '#ffffff';

type FontName = 'Helvetica' | 'Helvetica-Bold' | 'Courier-Bold';

/**
 * The verification URL a card's QR code opens: `${publicBaseUrl}/verify/${token}`, the token
 * URL-encoded. The base must be an absolute http(s) URL without credentials, query or fragment
 * (a path is kept: `https://frontera.example/publico`); trailing slashes are trimmed. Anything else
 * is refused with a TypeError: the base comes from configuration, so this is a boot-time mistake,
 * not a client's.
 */
export function verificationUrl(publicBaseUrl: string, token: string): string {
  if (typeof token !== 'string' || token.length === 0) {
    throw new TypeError('verificationUrl: the verification token is empty');
  }
  return `${normalisedBaseUrl(publicBaseUrl)}/verify/${encodeURIComponent(token)}`;
}

function normalisedBaseUrl(publicBaseUrl: string): string {
  let url: URL;
  try {
    url = new URL(publicBaseUrl);
  } catch {
    throw new TypeError(
      `verificationUrl: the public base URL is not an absolute URL: ${String(publicBaseUrl)}`,
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new TypeError(`verificationUrl: the public base URL must be http or https, got ${url.protocol}`);
  }
  if (url.username !== '' || url.password !== '' || url.search !== '' || url.hash !== '') {
    throw new TypeError(
      'verificationUrl: the public base URL may not carry credentials, a query or a fragment',
    );
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

/**
 * Renders the printable permit card (docs/domain/permits.md, "Card") as a one-page PDF with pdfkit:
 * the worker's name, the photo reference (as text), the permit number, the employer, the worksite's
 * state, the validity, the status and a QR code of the public verification URL, made with `qrcode`
 * (error correction level M) and drawn as vector squares so it stays sharp at any printer resolution.
 *
 * Spanish first, English labels small underneath (decision 0023, Spanish by default). Only the
 * standard PDF fonts (Helvetica, Courier), which pdfkit does not embed: nothing to download or ship.
 * Their WinAnsi encoding covers Spanish (á é í ó ú ü ñ Ñ ¿ ¡) and the rest of Latin-1; text is
 * NFC-normalised, and a character outside WinAnsi is printed without its diacritics when that
 * leaves a WinAnsi letter (`ő` → `o`), else as `?`.
 *
 * Deterministic: the same view gives the same bytes (CreationDate is the first day of validity, the
 * file id pdfkit derives from the document info, no random ids, compression is zlib's). The
 * worker's name is kept out of the PDF metadata. Pure adapter: no I/O, no clock.
 */
export class PermitCardRenderer {
  private readonly publicBaseUrl: string;

  /** @param publicBaseUrl where public verification is served; refused (TypeError) when not http(s). */
  constructor(publicBaseUrl: string) {
    this.publicBaseUrl = normalisedBaseUrl(publicBaseUrl);
  }

  async render(card: PermitCardView): Promise<Buffer> {
    const libraries = await loadCardLibraries();
    return new Promise<Buffer>((resolve, reject) => {
      try {
        const doc = this.draw(card, libraries);
        const chunks: Buffer[] = [];
        doc.on('data', (chunk: Buffer) => chunks.push(chunk));
        doc.on('end', () => resolve(Buffer.concat(chunks)));
        doc.on('error', reject);
        doc.end();
      } catch (error) {
        reject(error);
      }
    });
  }

  private draw(card: PermitCardView, { PDFDocument, createQrCode }: CardLibraries): PDFKit.PDFDocument {
    const validFrom = calendarDate(card.validFrom, 'validFrom');
    const validUntil = calendarDate(card.validUntil, 'validUntil');
    const url = verificationUrl(this.publicBaseUrl, card.verificationToken);
    const permitNumber = winAnsi(card.permitNumber);

    const doc = new PDFDocument({
      size: [CARD_WIDTH_PT, CARD_HEIGHT_PT],
      margin: 0,
      lang: 'es-MX',
      displayTitle: true,
      info: {
        Title: `Tarjeta TVTF ${permitNumber}`,
        Subject: 'Tarjeta de Visitante Trabajador Fronterizo (TVTF)',
        Creator: 'Frontera permits',
        Producer: 'PDFKit',
        CreationDate: new Date(`${validFrom.iso}T00:00:00.000Z`),
      },
    });

    this.drawFrame(doc);
    this.drawHeader(doc);

    let y = QR_Y - 1;
    y = field(doc, y, MARGIN, LEFT_WIDTH, 'Nombre', 'Name', card.workerFullName, {
      font: 'Helvetica-Bold',
      size: 9,
      oneLineMin: 7,
      min: 5.5,
      height: 16,
    });
    y = field(doc, y, MARGIN, LEFT_WIDTH, 'Número de permiso', 'Permit number', permitNumber, {
      font: 'Courier-Bold',
      size: 9,
      oneLineMin: 5.5,
      min: 5.5,
      height: 10,
    });
    y = field(doc, y, MARGIN, LEFT_WIDTH, 'Empleador', 'Employer', card.employerName, {
      font: 'Helvetica-Bold',
      size: 7,
      oneLineMin: 6,
      min: 5,
      height: 12,
    });
    const small = { font: 'Helvetica-Bold', size: 7, oneLineMin: 5, min: 5, height: 8 } as const;
    const state = `${card.worksiteStateName} (${card.worksiteStateCode})`;
    y = field(doc, y, MARGIN, LEFT_WIDTH, 'Entidad del centro de trabajo', 'Worksite state', state, small);
    y = field(
      doc,
      y,
      MARGIN,
      LEFT_WIDTH,
      'Vigencia',
      'Valid from / until',
      `${validFrom.iso} al ${validUntil.iso}`,
      small,
    );
    fitted(doc, `Del ${validFrom.words} al ${validUntil.words}`, MARGIN, y - 2, LEFT_WIDTH, {
      font: 'Helvetica',
      size: 5,
      oneLineMin: 4,
      min: 4,
      height: 6,
    });

    this.drawQrCode(doc, url, createQrCode);
    this.drawStatus(doc, card.status);
    this.drawPhotoReference(doc, card.photoReference);
    return doc;
  }

  private drawFrame(doc: PDFKit.PDFDocument): void {
    doc.save();
    doc.rect(0, 0, CARD_WIDTH_PT, CARD_HEIGHT_PT).fill(PAPER);
    doc.roundedRect(0, 0, CARD_WIDTH_PT, CARD_HEIGHT_PT, CORNER_RADIUS_PT).clip();
    doc.rect(0, 0, CARD_WIDTH_PT, HEADER_HEIGHT).fill(HEADER_FILL);
    doc.restore();
    // The cut line, just inside the page edge so a printer's rounding cannot lose it.
    doc
      .roundedRect(0.25, 0.25, CARD_WIDTH_PT - 0.5, CARD_HEIGHT_PT - 0.5, CORNER_RADIUS_PT)
      .lineWidth(0.5)
      .stroke('#8c8c8c');
  }

  private drawHeader(doc: PDFKit.PDFDocument): void {
    doc.fillColor(PAPER);
    doc
      .font('Helvetica-Bold')
      .fontSize(7.5)
      .text('TARJETA DE VISITANTE TRABAJADOR FRONTERIZO', MARGIN, 5, { lineBreak: false });
    doc
      .font('Helvetica')
      .fontSize(5)
      .text('Border worker visitor card · TVTF · México', MARGIN, 14, { lineBreak: false });
  }

  private drawQrCode(
    doc: PDFKit.PDFDocument,
    url: string,
    createQrCode: CardLibraries['createQrCode'],
  ): void {
    const symbol = createQrCode(url, { errorCorrectionLevel: 'M' });
    const { size } = symbol.modules;
    const module = QR_SIZE / (size + 2 * QR_QUIET_ZONE_MODULES);
    const origin = QR_QUIET_ZONE_MODULES * module;
    doc.rect(QR_X, QR_Y, QR_SIZE, QR_SIZE).fill(PAPER);
    // One rectangle per horizontal run of dark modules, all in one path filled once: no seams
    // between neighbouring modules when a viewer or printer anti-aliases.
    for (let row = 0; row < size; row++) {
      let col = 0;
      while (col < size) {
        if (!symbol.modules.get(row, col)) {
          col++;
          continue;
        }
        const start = col;
        while (col < size && symbol.modules.get(row, col)) col++;
        doc.rect(
          QR_X + origin + start * module,
          QR_Y + origin + row * module,
          (col - start) * module,
          module,
        );
      }
    }
    doc.fill(INK);

    const captionY = QR_Y + QR_SIZE + 1;
    doc.fillColor(INK).font('Helvetica-Bold').fontSize(5);
    doc.text('Verifique el estado actual', QR_X - 4, captionY, {
      width: QR_SIZE + 8,
      align: 'center',
      lineBreak: false,
    });
    doc.fillColor(LABEL_GREY).font('Helvetica').fontSize(4.5);
    doc.text('Scan to verify the current status', QR_X - 6, captionY + 6, {
      width: QR_SIZE + 12,
      align: 'center',
      lineBreak: false,
    });
  }

  /** Under the QR code, which answers with the current status: the card shows it as printed. */
  private drawStatus(doc: PDFKit.PDFDocument, status: string): void {
    const [spanish, english] = statusText(status);
    const y = QR_Y + QR_SIZE + 16;
    label(doc, QR_X, y, 'Estado', 'Status');
    fitted(doc, spanish, QR_X, y + 5.5, QR_SIZE, {
      font: 'Helvetica-Bold',
      size: 7,
      oneLineMin: 5,
      min: 5,
      height: 8,
    });
    if (english !== '') {
      doc
        .fillColor(LABEL_GREY)
        .font('Helvetica')
        .fontSize(4.5)
        .text(english, QR_X, y + 14, { lineBreak: false });
    }
  }

  private drawPhotoReference(doc: PDFKit.PDFDocument, photoReference: string): void {
    const y = CARD_HEIGHT_PT - MARGIN - 13;
    const reference = winAnsi(photoReference);
    label(doc, MARGIN, y, 'Fotografía (referencia)', 'Photo (reference)');
    fitted(
      doc,
      reference === '' ? 'sin fotografía · no photo' : reference,
      MARGIN,
      y + 6,
      CARD_WIDTH_PT - 2 * MARGIN,
      {
        font: 'Helvetica',
        size: 5.5,
        oneLineMin: 4.5,
        min: 4.5,
        height: 6.5,
      },
    );
  }
}

interface Fit {
  readonly font: FontName;
  /** Largest size, in points. */
  readonly size: number;
  /** Smallest size tried on one line before wrapping to more lines is allowed. */
  readonly oneLineMin: number;
  /** Smallest size at all; what still does not fit is cut with an ellipsis, never onto a new page. */
  readonly min: number;
  /** Height of the value's box, in points. */
  readonly height: number;
}

/** A label (Spanish, then English small) and its value below; returns the y of the next field. */
function field(
  doc: PDFKit.PDFDocument,
  y: number,
  x: number,
  width: number,
  spanish: string,
  english: string,
  value: string,
  fit: Fit,
): number {
  label(doc, x, y, spanish, english);
  fitted(doc, winAnsi(value), x, y + 5.5, width, fit);
  return y + 5.5 + fit.height + 2.5;
}

function label(doc: PDFKit.PDFDocument, x: number, y: number, spanish: string, english: string): void {
  doc.fillColor(LABEL_GREY).font('Helvetica-Bold').fontSize(4.5).text(spanish, x, y, { lineBreak: false });
  const after = x + doc.widthOfString(spanish);
  doc
    .font('Helvetica')
    .fontSize(4)
    .text(` · ${english}`, after, y + 0.4, { lineBreak: false });
}

/**
 * Writes `text` in the box at (x, y): at the largest size from `fit.size` down to `fit.oneLineMin`
 * that fits one line, else the largest down to `fit.min` that fits the box on several lines, else at
 * `fit.min` cut with an ellipsis. Always with a height, so pdfkit never continues onto a second page.
 */
function fitted(doc: PDFKit.PDFDocument, text: string, x: number, y: number, width: number, fit: Fit): void {
  doc
    .fillColor(INK)
    .font(fit.font)
    .fontSize(fittingSize(doc, text, width, fit));
  // pdfkit writes no line whose height passes the box: never less than one line.
  const height = Math.max(fit.height, doc.currentLineHeight(true));
  doc.text(text, x, y, { width, height, lineGap: 0, ellipsis: true });
}

function fittingSize(doc: PDFKit.PDFDocument, text: string, width: number, fit: Fit): number {
  for (let size = fit.size; size >= fit.oneLineMin; size -= 0.25) {
    if (doc.fontSize(size).widthOfString(text) <= width) return size;
  }
  for (let size = fit.size; size >= fit.min; size -= 0.25) {
    if (doc.fontSize(size).heightOfString(text, { width, lineGap: 0 }) <= fit.height) return size;
  }
  return fit.min;
}

/** Spanish and English words for the permit statuses; another code is printed as given. */
const STATUS_TEXT: Readonly<Record<string, readonly [string, string]>> = {
  ACTIVE: ['VIGENTE', 'active'],
  SUSPENDED: ['SUSPENDIDO', 'suspended'],
  REVOKED: ['REVOCADO', 'revoked'],
  EXPIRED: ['VENCIDO', 'expired'],
  ENDED: ['TERMINADO', 'ended'],
};

function statusText(status: string): readonly [string, string] {
  return Object.prototype.hasOwnProperty.call(STATUS_TEXT, status)
    ? STATUS_TEXT[status]
    : [winAnsi(status), ''];
}

const MONTHS = [
  'enero',
  'febrero',
  'marzo',
  'abril',
  'mayo',
  'junio',
  'julio',
  'agosto',
  'septiembre',
  'octubre',
  'noviembre',
  'diciembre',
];

interface CalendarDate {
  /** `2026-03-01` */
  readonly iso: string;
  /** `1 de marzo de 2026` */
  readonly words: string;
}

/** A real calendar date written `YYYY-MM-DD`, else a TypeError naming the field. */
function calendarDate(value: string, field: string): CalendarDate {
  const match = typeof value === 'string' ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(value) : null;
  const date = match ? new Date(`${value}T00:00:00.000Z`) : null;
  if (!match || !date || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value) {
    throw new TypeError(
      `PermitCardRenderer: ${field} must be a calendar date YYYY-MM-DD, got ${String(value)}`,
    );
  }
  const [, year, month, day] = match;
  return { iso: value, words: `${Number(day)} de ${MONTHS[Number(month) - 1]} de ${year}` };
}

/** The 27 characters WinAnsi puts in 0x80–0x9F (the rest of it is Latin-1's printable range). */
const WIN_ANSI_EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');

function inWinAnsi(character: string): boolean {
  const code = character.codePointAt(0) ?? 0;
  return (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || WIN_ANSI_EXTRA.has(character);
}

/**
 * Text the standard fonts can show: NFC (so a decomposed `é` is one WinAnsi character), white space
 * collapsed to single spaces, characters outside WinAnsi without their diacritics when that leaves
 * WinAnsi letters, else `?`. pdfkit would otherwise write broken bytes for them.
 */
export function winAnsi(text: string): string {
  return [
    ...String(text ?? '')
      .normalize('NFC')
      .replace(/\s+/gu, ' ')
      .trim(),
  ]
    .map((character) => {
      if (inWinAnsi(character)) return character;
      const base = character.normalize('NFD').replace(/\p{M}/gu, '');
      return base !== '' && [...base].every(inWinAnsi) ? base : '?';
    })
    .join('');
}
