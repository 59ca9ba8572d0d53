import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import {
  CARD_HEIGHT_PT,
  CARD_WIDTH_PT,
  PermitCardRenderer,
  verificationUrl,
  winAnsi,
} from './permit-card.renderer';
import type { PermitCardView } from './permit-card.view';

// The card is read back the way a person and a phone read it: poppler-utils' pdftoppm rasterises it
// (300 dpi, a printer's resolution) for jsQR, pdftotext extracts its text, pdfinfo its pages and
// metadata. scripts/test.sh installs poppler-utils in its dependencies phase (ensure_system_packages
// of scripts/lib/common.sh); without it these tests fail rather than skip.
const run = promisify(execFile);
const BASE_URL = 'https://verifica.frontera.example';

function aCardView(overrides: Partial<PermitCardView> = {}): PermitCardView {
  return {
    workerFullName: 'José Pérez Núñez',
    photoReference: 'photo-7f3c2a9e-5b1d-4c8e-9a0f-2d6b8e1c4a57',
    permitNumber: 'TVTF-CHP-26-K7Q9-M2XW-C',
    employerName: 'Finca Cafetalera La Ñandú, S. de R.L. de C.V.',
    worksiteStateCode: 'CHP',
    worksiteStateName: 'Chiapas',
    validFrom: '2026-03-01',
    validUntil: '2027-02-28',
    status: 'ACTIVE',
    verificationToken: 'q3Zx8_Lm-2VbT0pRkW9sYa',
    ...overrides,
  };
}

let workDir: string;
let files = 0;

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'frontera-permit-card-'));
});

afterAll(async () => {
  await rm(workDir, { recursive: true, force: true });
});

async function pdfFile(pdf: Buffer): Promise<string> {
  const path = join(workDir, `card-${++files}.pdf`);
  await writeFile(path, pdf);
  return path;
}

/** The QR code's text, from the page rasterised at 300 dpi; null when none is found. */
async function decodeQrCode(pdf: Buffer): Promise<string | null> {
  const path = await pdfFile(pdf);
  const root = path.replace(/\.pdf$/, '');
  await run('pdftoppm', ['-r', '300', '-png', '-singlefile', path, root]);
  const png = PNG.sync.read(await readFile(`${root}.png`));
  return jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data ?? null;
}

/** The page's text in reading order, lines joined by spaces. */
async function textOf(pdf: Buffer): Promise<string> {
  const { stdout } = await run('pdftotext', ['-enc', 'UTF-8', await pdfFile(pdf), '-']);
  return stdout.replace(/\s+/g, ' ');
}

async function infoOf(pdf: Buffer): Promise<string> {
  const { stdout } = await run('pdfinfo', [await pdfFile(pdf)]);
  return stdout;
}

// Rasterising and reading back take a few hundred milliseconds each; the two shared cores can
// make that several seconds.
const READ_BACK_MS = 30_000;

describe('verificationUrl', () => {
  it('Given a base URL and a token, Then it is `${base}/verify/${token}`', () => {
    expect(verificationUrl(BASE_URL, 'q3Zx8_Lm-2VbT0pRkW9sYa')).toBe(
      'https://verifica.frontera.example/verify/q3Zx8_Lm-2VbT0pRkW9sYa',
    );
  });

  it('Given a base URL with trailing slashes or a path, Then the slashes are trimmed and the path kept', () => {
    expect(verificationUrl('https://verifica.frontera.example/', 't')).toBe(
      'https://verifica.frontera.example/verify/t',
    );
    expect(verificationUrl('http://localhost:3002//', 't')).toBe('http://localhost:3002/verify/t');
    expect(verificationUrl('https://frontera.example/publico/', 't')).toBe(
      'https://frontera.example/publico/verify/t',
    );
  });

  it('Given a token with characters a URL path does not take, Then they are percent-encoded', () => {
    expect(verificationUrl(BASE_URL, 'a/b?c#d')).toBe(
      'https://verifica.frontera.example/verify/a%2Fb%3Fc%23d',
    );
  });

  it.each([
    'ftp://frontera.example',
    'javascript:alert(1)',
    'file:///etc/passwd',
    '/verify',
    '',
    'https://user:secret@frontera.example',
    'https://frontera.example/?a=1',
    'https://frontera.example/#x',
  ])(
    'Given the base URL %p (not http(s), not absolute, or with credentials, query or fragment), Then it is refused',
    (base) => {
      expect(() => verificationUrl(base, 't')).toThrow(TypeError);
      expect(() => new PermitCardRenderer(base)).toThrow(TypeError);
    },
  );

  it('Given an empty token, Then it is refused', () => {
    expect(() => verificationUrl(BASE_URL, '')).toThrow(TypeError);
  });
});

describe('winAnsi', () => {
  it('keeps Spanish and Latin-1 as they are, and composes decomposed accents', () => {
    expect(winAnsi('José Pérez Núñez, ÑANDÚ, Güelatao, ¿¡')).toBe('José Pérez Núñez, ÑANDÚ, Güelatao, ¿¡');
    expect(winAnsi('Jose\u0301 Nu\u0301n\u0303ez')).toBe('José Núñez');
  });

  it('drops the diacritics WinAnsi lacks, writes ? for what has no Latin base, collapses white space', () => {
    expect(winAnsi('Đorđe Ővári Ǩ')).toBe('?or?e Ovári K');
    expect(winAnsi('李 Ana\n\tVázquez ')).toBe('? Ana Vázquez');
    expect(winAnsi('O’Brien – “Xol”')).toBe('O’Brien – “Xol”');
  });
});

describe('PermitCardRenderer', () => {
  const renderer = new PermitCardRenderer(`${BASE_URL}/`);

  it(
    'Given a card, When it is rendered, Then it is a one-page PDF of ID-1 size whose QR code decodes to the verification URL',
    async () => {
      const card = aCardView();
      const pdf = await renderer.render(card);

      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(pdf.subarray(-6).toString('latin1')).toMatch(/%%EOF\s*$/);
      const info = await infoOf(pdf);
      expect(info).toMatch(/^Pages:\s+1$/m);
      const [, width, height] = /^Page size:\s+([\d.]+) x ([\d.]+) pts/m.exec(info) ?? [];
      expect(Number(width)).toBeCloseTo(CARD_WIDTH_PT, 1);
      expect(Number(height)).toBeCloseTo(CARD_HEIGHT_PT, 1);
      expect(CARD_WIDTH_PT).toBeCloseTo((85.6 / 25.4) * 72, 3);
      expect(CARD_HEIGHT_PT).toBeCloseTo((53.98 / 25.4) * 72, 3);

      const decoded = await decodeQrCode(pdf);
      expect(decoded).toBe(verificationUrl(BASE_URL, card.verificationToken));
      expect(decoded).toBe('https://verifica.frontera.example/verify/q3Zx8_Lm-2VbT0pRkW9sYa');
    },
    READ_BACK_MS,
  );

  it(
    'Given a card, When its text is extracted, Then it shows the name with its accents, the number, employer, state, validity, status and photo reference',
    async () => {
      const text = await textOf(await renderer.render(aCardView()));

      expect(text).toContain('José Pérez Núñez');
      expect(text).toContain('TVTF-CHP-26-K7Q9-M2XW-C');
      expect(text).toContain('Finca Cafetalera La Ñandú, S. de R.L. de C.V.');
      expect(text).toContain('Chiapas (CHP)');
      expect(text).toContain('2026-03-01 al 2027-02-28');
      expect(text).toContain('Del 1 de marzo de 2026 al 28 de febrero de 2027');
      expect(text).toContain('VIGENTE');
      expect(text).toContain('photo-7f3c2a9e-5b1d-4c8e-9a0f-2d6b8e1c4a57');
      expect(text).toContain('Nombre · Name');
    },
    READ_BACK_MS,
  );

  it(
    'Given names in capitals with Ñ and a decomposed accent, Then they are printed as the worker writes them',
    async () => {
      const text = await textOf(
        await renderer.render(
          aCardView({ workerFullName: 'ÑUÑEZ PEÑA, JOSE\u0301 ÁNGEL', status: 'SUSPENDED' }),
        ),
      );

      expect(text).toContain('ÑUÑEZ PEÑA, JOSÉ ÁNGEL');
      expect(text).toContain('SUSPENDIDO');
    },
    READ_BACK_MS,
  );

  it('Given the same card twice, from two renderers, Then the bytes are the same', async () => {
    const first = await renderer.render(aCardView());
    const second = await new PermitCardRenderer(BASE_URL).render(aCardView());

    expect(second.equals(first)).toBe(true);
  });

  it('Given a name written decomposed (NFD), Then the card is the one of the composed name', async () => {
    const composed = await renderer.render(aCardView());
    const decomposed = await renderer.render(
      aCardView({ workerFullName: 'José Pérez Núñez'.normalize('NFD') }),
    );

    expect(decomposed.equals(composed)).toBe(true);
  });

  it('Given cards that differ in one field, Then the bytes differ', async () => {
    const card = await renderer.render(aCardView());

    for (const other of [
      aCardView({ verificationToken: 'Zz9x8_Lm-2VbT0pRkW9sYa' }),
      aCardView({ status: 'REVOKED' }),
      aCardView({ validUntil: '2027-03-01' }),
    ]) {
      expect((await renderer.render(other)).equals(card)).toBe(false);
    }
  });

  it(
    'Given a card, Then its metadata has a fixed creation date (the first day of validity) and not the worker’s name',
    async () => {
      const pdf = await renderer.render(aCardView());

      expect(pdf.toString('latin1')).toContain('(D:20260301000000Z)');
      const info = await infoOf(pdf);
      expect(info).toMatch(/^Title:\s+Tarjeta TVTF TVTF-CHP-26-K7Q9-M2XW-C$/m);
      expect(info).not.toContain('Pérez');
    },
    READ_BACK_MS,
  );

  it(
    'Given a very long name and employer and the longest token, Then the card stays one page and its QR code still decodes',
    async () => {
      const token = 'A'.repeat(64) + '_-'.repeat(32);
      const card = aCardView({
        workerFullName:
          'María de los Ángeles Guadalupe Concepción Xiloj Tzul de la Santísima Trinidad Hernández Villagrán y Castañeda',
        employerName:
          'Agroindustrias Unidas del Soconusco y la Frailesca, Sociedad de Producción Rural de Responsabilidad Limitada de Capital Variable',
        verificationToken: token,
      });
      const pdf = await renderer.render(card);

      expect(await infoOf(pdf)).toMatch(/^Pages:\s+1$/m);
      expect(await decodeQrCode(pdf)).toBe(`${BASE_URL}/verify/${token}`);
      expect(await textOf(pdf)).toContain('María de los Ángeles Guadalupe');
    },
    READ_BACK_MS,
  );

  it(
    'Given a worker without a photo, Then the card says so',
    async () => {
      const text = await textOf(await renderer.render(aCardView({ photoReference: '' })));

      expect(text).toContain('sin fotografía · no photo');
    },
    READ_BACK_MS,
  );

  it.each([['2026-02-30'], ['01/03/2026'], ['2026-3-1'], ['']])(
    'Given a validity date %p that is not a calendar date YYYY-MM-DD, Then rendering is refused',
    async (date) => {
      await expect(renderer.render(aCardView({ validFrom: date }))).rejects.toThrow(TypeError);
      await expect(renderer.render(aCardView({ validUntil: date }))).rejects.toThrow(TypeError);
    },
  );

  it('Given an empty verification token, Then rendering is refused', async () => {
    await expect(renderer.render(aCardView({ verificationToken: '' }))).rejects.toThrow(TypeError);
  });
});
