// Demo data for a local Frontera, loaded through the entry point's public APIs as its users would:
//
//   node tools/scripts/run-ts.cjs tools/demo/demo-data.ts            (scripts/dev.sh runs it)
//
// A finca in Tapachula, Chiapas, with two worksites (coffee; mango), verified by an officer; a
// 50-worker harvest roster of Guatemalan and Belizean workers whose permits an officer issues; a second
// employer in Tabasco; inspectors and a supervisor for the area; one completed audit (from a complaint
// that named the finca) and one open complaint. Loading it again creates nothing twice: employers,
// worksites and inspectors are looked up first, the roster file is the same file (the service answers
// the same import), only applications still SUBMITTED are approved, and the two complaints' receipt
// codes are kept in <data>/demo/state.json (the complaints are public: nothing else identifies them).
//
// Environment: FRONTERA_GATEWAY_URL (http://127.0.0.1:8080), FRONTERA_DATA_DIR (as servers.sh),
// FRONTERA_DEMO_TIMEOUT_S (180: how long each wait for an event's effect may take).
// Needs FRONTERA_DEV_TOKENS=enabled (development tokens; never in production).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { devKeyDirectory, devTokenRefusal, loadOrCreateDevKey, principalFromClaims, } from '@frontera/platform-auth';
import { TokenIssuer } from '@frontera/platform-auth/testing';
import { DEV_AUTH_AUDIENCE, DEV_AUTH_ISSUER } from '@frontera/platform-config';
import { ROSTER_COLUMN_NAMES } from '@frontera/permits-domain';
const BASE = (process.env['FRONTERA_GATEWAY_URL'] ?? 'http://127.0.0.1:8080').replace(/\/$/, '');
const WAIT_MS = Number(process.env['FRONTERA_DEMO_TIMEOUT_S'] ?? '180') * 1000;
const DATA_DIR = process.env['FRONTERA_DATA_DIR'] ??
    (process.getuid?.() === 0 ? '/var/lib/frontera' : join(homedir(), '.local/share/frontera'));
const STATE_FILE = join(DATA_DIR, 'demo', 'state.json');
export const DEMO = {
    finca: 'demo-finca-la-esperanza',
    tabasco: 'demo-agricola-usumacinta',
    inspectors: ['demo-insp-tapachula-1', 'demo-insp-tapachula-2', 'demo-insp-tabasco-1'],
    officerStates: ['CHP', 'TAB'],
};
async function call(method, path, options = {}) {
    const headers = { accept: 'application/json' };
    if (options.token)
        headers['authorization'] = `Bearer ${options.token}`;
    if (options.idempotencyKey)
        headers['idempotency-key'] = options.idempotencyKey;
    let body;
    if (options.json !== undefined) {
        headers['content-type'] = 'application/json';
        body = JSON.stringify(options.json);
    }
    else if (options.csv !== undefined) {
        headers['content-type'] = 'text/csv';
        body = options.csv;
    }
    const response = await fetch(`${BASE}${path}`, { method, headers, body });
    const text = await response.text();
    let parsed = text;
    try {
        parsed = text.length > 0 ? JSON.parse(text) : null;
    }
    catch {
        // not JSON: keep the text
    }
    return { status: response.status, body: parsed, location: response.headers.get('location') };
}
function expectStatus(answer, allowed, what) {
    if (!allowed.includes(answer.status)) {
        throw new Error(`${what}: HTTP ${answer.status} ${JSON.stringify(answer.body).slice(0, 600)}`);
    }
    return answer;
}
async function until(what, probe) {
    const deadline = Date.now() + WAIT_MS;
    for (let delay = 200;; delay = Math.min(delay * 2, 2_000)) {
        const value = await probe();
        if (value !== undefined)
            return value;
        if (Date.now() > deadline)
            throw new Error(`timed out after ${WAIT_MS / 1000}s waiting for ${what}`);
        await new Promise((resolve) => setTimeout(resolve, delay));
    }
}
export async function demoTokens(ttlSeconds = 8 * 3600) {
    const refusal = devTokenRefusal(process.env);
    if (refusal)
        throw new Error(refusal);
    const key = loadOrCreateDevKey(devKeyDirectory(process.env));
    const issuer = TokenIssuer.fromPrivateKeyPem(key.privateKeyPem, {
        issuer: process.env['AUTH_ISSUER']?.trim() || DEV_AUTH_ISSUER,
        audience: process.env['AUTH_AUDIENCE']?.trim() || DEV_AUTH_AUDIENCE,
    });
    const mint = async (claims) => {
        const principal = principalFromClaims(claims);
        if (!principal.ok)
            throw new Error(`demo token refused: ${principal.problems.join('; ')}`);
        return issuer.mintFor(principal.principal, { ttlSeconds });
    };
    return {
        employer: (employerId) => mint({ sub: `demo-staff-${employerId}`, role: 'employer', employerId }),
        officer: await mint({ sub: 'demo-officer', role: 'officer', states: [...DEMO.officerStates] }),
        supervisor: await mint({ sub: 'demo-supervisor', role: 'supervisor', states: [...DEMO.officerStates] }),
        inspector: (inspectorId) => mint({ sub: `demo-${inspectorId}`, role: 'inspector', inspectorId }),
    };
}
// ---------------------------------------------------------------------------------------------
// The demo's records
// ---------------------------------------------------------------------------------------------
const EMPLOYERS = [
    {
        id: DEMO.finca,
        registration: {
            rfc: 'FLE050315ABA',
            legalName: 'Finca La Esperanza, S.A. de C.V.',
            kind: 'COMPANY',
            sector: 'COFFEE',
            contact: {
                name: 'María López Hernández',
                email: 'rh@finca-la-esperanza.mx',
                phone: '+52 962 123 4567',
            },
            address: {
                state: 'CHP',
                municipality: 'Tapachula',
                street: 'Carretera a Nueva Alemania km 12',
                postalCode: '30700',
            },
            legalRepresentative: { fullName: 'Jorge Pérez Gómez', position: 'Apoderado legal' },
        },
        worksites: [
            {
                name: 'Finca La Esperanza — cafetal',
                activity: 'coffee harvest',
                municipality: 'Tapachula',
                lat: 15.0415,
                lng: -92.2317,
                capacity: 80,
                housingProvided: true,
            },
            {
                name: 'Finca La Esperanza — huerta de mango',
                activity: 'mango harvest',
                municipality: 'Tapachula',
                lat: 14.8893,
                lng: -92.3089,
                capacity: 40,
                housingProvided: false,
            },
        ],
        state: 'CHP',
    },
    {
        id: DEMO.tabasco,
        registration: {
            rfc: 'ATA100722K30',
            legalName: 'Agrícola Usumacinta, S.A. de C.V.',
            kind: 'COMPANY',
            sector: 'SUGAR_CANE',
            contact: {
                name: 'Rosa Méndez Cruz',
                email: 'contacto@agricola-usumacinta.mx',
                phone: '+52 934 342 1100',
            },
            address: { state: 'TAB', municipality: 'Balancán', street: 'Calle 21 de Marzo 5', postalCode: '86930' },
            legalRepresentative: null,
        },
        worksites: [
            {
                name: 'Agrícola Usumacinta — cañaveral',
                activity: 'sugar cane harvest',
                municipality: 'Balancán',
                lat: 17.8067,
                lng: -91.5372,
                capacity: 120,
                housingProvided: true,
            },
        ],
        state: 'TAB',
    },
];
const GIVEN = [
    'José Luis',
    'María',
    'Juan Carlos',
    'Ana Lucía',
    'Pedro',
    'Rosa',
    'Luis Fernando',
    'Carmen',
    'Miguel Ángel',
    'Sandra',
];
const FIRST = [
    'Pérez',
    'López',
    'García',
    'Hernández',
    'Ramírez',
    'Chávez',
    'Morales',
    'Orozco',
    'Xicará',
    'Tzul',
];
const SECOND = ['Gómez', 'Cifuentes', 'Barrios', 'Velásquez', 'Coc', ''];
const GTM_PLACES = ['Malacatán', 'Tecún Umán', 'San Marcos', 'Coatepeque', 'Retalhuleu'];
const BLZ_PLACES = ['Benque Viejo del Carmen', 'San Ignacio', 'Corozal'];
function isoDay(offsetDays) {
    return new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);
}
/** Fifty workers' roster cells, forty from Guatemala and ten from Belize, the same on every run. */
function demoRosterRows() {
    return Array.from({ length: 50 }, (_, i) => {
        const belize = i % 5 === 4;
        const country = belize ? 'BLZ' : 'GTM';
        const place = belize ? BLZ_PLACES[i % BLZ_PLACES.length] : GTM_PLACES[i % GTM_PLACES.length];
        const year = 1975 + ((i * 7) % 30);
        const cells = {
            givenNames: GIVEN[i % GIVEN.length] ?? 'José',
            'surnames.first': FIRST[(i * 3) % FIRST.length] ?? 'Pérez',
            'surnames.second': SECOND[i % SECOND.length] ?? '',
            dateOfBirth: `${year}-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 27) + 1).padStart(2, '0')}`,
            sex: i % 3 === 1 ? 'F' : 'M',
            nationality: country,
            'identityDocument.type': belize ? 'PASSPORT' : 'NATIONAL_ID',
            'identityDocument.number': belize
                ? `P0${String(710_000 + i * 37)}`
                : `2547 ${String(89_000 + i * 11).padStart(5, '0')} 0${String(101 + (i % 20))}`,
            'identityDocument.issuingCountry': country,
            'placeOfBirth.country': country,
            'placeOfBirth.locality': place ?? '',
            'homeAddress.line': `Aldea ${place}, casa ${i + 1}`,
            'homeAddress.locality': place ?? '',
            'homeAddress.country': country,
            phone: '',
            photoReference: `photo_demo_${String(i + 1).padStart(2, '0')}`,
            occupation: i % 10 === 9 ? 'Caporal de corte' : 'Cortador de café',
            dailyWage: i % 10 === 9 ? '420.00' : '320.50',
            startDate: isoDay(7),
            noRecruitmentFeeDeclared: 'true',
        };
        return cells;
    });
}
export function demoRosterCsv() {
    const rows = demoRosterRows().map((cells) => ROSTER_COLUMN_NAMES.map((name) => csvCell(cells[name] ?? '')));
    return [ROSTER_COLUMN_NAMES.join(','), ...rows.map((r) => r.join(','))].join('\r\n') + '\r\n';
}
/** The worker of a roster row as the JSON of POST /applications (dotted names nested, empty cells left out). */
function workerJson(cells) {
    const application = new Set(['occupation', 'dailyWage', 'startDate', 'noRecruitmentFeeDeclared']);
    const worker = {};
    for (const [name, value] of Object.entries(cells)) {
        if (application.has(name) || value === '')
            continue;
        const [outer, inner] = name.split('.');
        if (!outer)
            continue;
        if (inner)
            worker[outer] = { ...(worker[outer] ?? {}), [inner]: value };
        else
            worker[outer] = value;
    }
    return worker;
}
function csvCell(value) {
    return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
function readState() {
    try {
        return JSON.parse(readFileSync(STATE_FILE, 'utf8'));
    }
    catch {
        return { complaints: {} };
    }
}
function writeState(state) {
    mkdirSync(dirname(STATE_FILE), { recursive: true });
    writeFileSync(STATE_FILE, JSON.stringify(state, null, 2), { mode: 0o600 });
}
// ---------------------------------------------------------------------------------------------
// Steps
// ---------------------------------------------------------------------------------------------
const say = (text) => process.stdout.write(`    ${text}\n`);
async function ensureEmployers(t) {
    const worksiteIds = new Map();
    for (const e of EMPLOYERS) {
        const token = await t.employer(e.id);
        const found = await call('GET', `/employers/${e.id}`, { token });
        if (found.status === 404) {
            expectStatus(await call('POST', '/employers', { token, json: e.registration }), [201], `register ${e.id}`);
            say(`registered ${e.registration.legalName} (${e.id})`);
        }
        else {
            expectStatus(found, [200], `read ${e.id}`);
        }
        const listed = expectStatus(await call('GET', `/employers/${e.id}/worksites`, { token }), [200], 'worksites');
        const existing = Array.isArray(listed.body)
            ? listed.body
            : (listed.body?.items ?? []);
        const ids = new Map(existing.map((w) => [w.name, w.id]));
        for (const w of e.worksites) {
            if (ids.has(w.name))
                continue;
            const added = expectStatus(await call('POST', `/employers/${e.id}/worksites`, {
                token,
                json: {
                    name: w.name,
                    activity: w.activity,
                    state: e.state,
                    municipality: w.municipality,
                    coordinates: { lat: w.lat, lng: w.lng },
                    capacity: w.capacity,
                    housingProvided: w.housingProvided,
                },
            }), [201], `add worksite ${w.name}`);
            ids.set(w.name, added.body.id);
            say(`added worksite ${w.name}`);
        }
        worksiteIds.set(e.id, ids);
        const employer = expectStatus(await call('GET', `/employers/${e.id}`, { token: t.officer }), [200], 'employer');
        if (employer.body.status === 'PENDING_VERIFICATION') {
            expectStatus(await call('POST', `/employers/${e.id}/verification`, { token: t.officer }), [200], `verify ${e.id}`);
            say(`verified ${e.id} (officer of ${e.state})`);
        }
    }
    return worksiteIds;
}
async function ensureInspectors(t) {
    const areas = {
        'demo-insp-tapachula-1': [{ state: 'CHP', municipalities: ['Tapachula', 'Suchiate'] }],
        'demo-insp-tapachula-2': [{ state: 'CHP', municipalities: ['Tapachula', 'Huixtla'] }],
        'demo-insp-tabasco-1': [{ state: 'TAB' }],
    };
    for (const inspectorId of DEMO.inspectors) {
        const found = await call('GET', `/inspectors/${inspectorId}`, { token: t.supervisor });
        if (found.status === 200)
            continue;
        expectStatus(found, [404], `read inspector ${inspectorId}`);
        expectStatus(await call('POST', '/inspectors', {
            token: t.supervisor,
            idempotencyKey: `demo-${inspectorId}`,
            json: { inspectorId, areas: areas[inspectorId], capacity: 12 },
        }), [201, 200], `register inspector ${inspectorId}`);
        say(`registered inspector ${inspectorId}`);
    }
}
async function ensureRoster(t, worksiteId) {
    const token = await t.employer(DEMO.finca);
    const [first] = demoRosterRows();
    if (!first)
        throw new Error('no roster rows');
    // The permits service learns of the verification from an event: an application it must refuse
    // (a wage of 1 MXN) answers 422 with every failed rule, and the employer's and worksite's rules
    // leave that list once the service knows the employer ACTIVE and the worksite open.
    await until('the permits service to know the verified finca', async () => {
        const probe = await call('POST', '/applications', {
            token,
            json: {
                kind: 'NEW',
                worksiteId,
                worker: workerJson(first),
                occupation: 'Cortador de café',
                dailyWage: 1,
                startDate: isoDay(7),
                noRecruitmentFeeDeclared: true,
            },
        });
        if (probe.status < 400 || probe.status === 400) {
            throw new Error(`the probe application was not refused as expected: HTTP ${probe.status} ${JSON.stringify(probe.body).slice(0, 400)}`);
        }
        const text = JSON.stringify(probe.body);
        return probe.status >= 400 && !/EMPLOYER_NOT|WORKSITE_NOT/.test(text) ? true : undefined;
    });
    const upload = expectStatus(await call('POST', `/worksites/${worksiteId}/rosters`, { token, csv: demoRosterCsv() }), [200, 202], 'upload the roster');
    const rosterId = upload.body.id;
    const done = await until('the roster import to finish', async () => {
        const progress = expectStatus(await call('GET', `/rosters/${rosterId}`, { token }), [200], 'roster progress');
        if (progress.body.status === 'FAILED')
            throw new Error(`roster import failed: ${JSON.stringify(progress.body)}`);
        return progress.body.status === 'COMPLETED' ? progress.body : undefined;
    });
    say(`roster ${rosterId}: ${done.accepted} rows accepted, ${done.rejected} rejected (${upload.status === 200 ? 'already imported' : 'imported now'})`);
    let approved = 0;
    for (;;) {
        const page = expectStatus(await call('GET', `/applications?status=SUBMITTED&limit=100`, { token: t.officer }), [200], 'submitted applications');
        const mine = page.body.items.filter((a) => a.worksiteId === worksiteId);
        if (mine.length === 0)
            break;
        for (const application of mine) {
            const answer = await call('POST', `/applications/${application.id}/approval`, {
                token: t.officer,
                idempotencyKey: `demo-approve-${application.id}`,
            });
            expectStatus(answer, [200, 201, 409], `approve ${application.id}`);
            if (answer.status !== 409)
                approved += 1;
        }
    }
    say(`${approved} permits issued now by the officer of Chiapas`);
}
async function ensureComplaint(state, name, complaint) {
    const known = state.complaints[name];
    if (known) {
        const status = await call('POST', '/complaints/status', { json: known });
        if (status.status === 200)
            return { ...known, created: false };
    }
    const filed = expectStatus(await call('POST', '/complaints', { json: complaint }), [201], `file complaint ${name}`);
    state.complaints[name] = { receiptCode: filed.body.receiptCode, secret: filed.body.secret };
    writeState(state);
    return { ...state.complaints[name], created: true };
}
async function ensureCompletedAudit(t, worksiteId) {
    const state = readState();
    const complaint = await ensureComplaint(state, 'finca-contracts', {
        channel: 'WEB',
        employerId: DEMO.finca,
        worksiteId,
        state: 'CHP',
        municipality: 'Tapachula',
        description: 'En el cafetal no nos dieron contrato por escrito al empezar la temporada.',
        indicators: [],
    });
    say(`complaint about the finca: receipt ${complaint.receiptCode}${complaint.created ? '' : ' (filed before)'}`);
    const task = await until('the COMPLAINT audit of the finca to be assigned', async () => {
        const listed = expectStatus(await call('GET', '/tasks?state=CHP', { token: t.supervisor }), [200], 'tasks');
        const all = [
            ...(listed.body.items ?? listed.body),
            ...((await call('GET', '/tasks?state=CHP&status=COMPLETED', { token: t.supervisor })).body.items ?? []),
        ];
        return all.find((x) => x.employerId === DEMO.finca && x.kind === 'COMPLAINT' && x.inspectorId);
    });
    if (task.status === 'COMPLETED') {
        say(`audit ${task.id} completed before`);
        return;
    }
    const inspector = await t.inspector(task.inspectorId ?? '');
    if (task.status === 'ASSIGNED') {
        expectStatus(await call('POST', `/tasks/${task.id}/start`, { token: inspector }), [200], 'start the audit');
    }
    expectStatus(await call('POST', `/tasks/${task.id}/completion`, { token: inspector, json: {} }), [200], 'complete the audit');
    say(`audit ${task.id} by ${task.inspectorId}: visited and completed (COMPLIANT)`);
}
async function ensureOpenComplaint() {
    const state = readState();
    const complaint = await ensureComplaint(state, 'tabasco-place', {
        channel: 'PHONE',
        place: 'Cañaveral cerca del ejido Las Palmas, camino a Tenosique',
        state: 'TAB',
        municipality: 'Balancán',
        description: 'Un grupo de cortadores dice que les descuentan el transporte y la comida del pago.',
        indicators: ['WITHHOLDING_OF_WAGES'],
    });
    say(`open complaint in Tabasco: receipt ${complaint.receiptCode}${complaint.created ? '' : ' (filed before)'}`);
}
export async function loadDemo() {
    const t = await demoTokens();
    const step = (text) => process.stdout.write(`==> demo: ${text}\n`);
    step('employers and worksites');
    const worksites = await ensureEmployers(t);
    const coffee = worksites.get(DEMO.finca)?.get(EMPLOYERS[0].worksites[0].name);
    if (!coffee)
        throw new Error('the coffee worksite was not created');
    step('inspectors of the area');
    await ensureInspectors(t);
    step('the harvest roster and its permits');
    await ensureRoster(t, coffee);
    step('a completed audit and an open complaint');
    await ensureCompletedAudit(t, coffee);
    await ensureOpenComplaint();
}
if (require.main === module) {
    loadDemo().then(() => process.stdout.write('==> demo: loaded\n'), (error) => {
        process.stderr.write(`demo: ${error instanceof Error ? error.message : String(error)}\n`);
        process.exit(1);
    });
}
