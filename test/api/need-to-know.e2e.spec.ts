import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventStore, openEventStore } from '@psp/event-store';
import { freshSchemaUrl } from '@psp/event-store/testing';
import { ReadModelDatabase } from '@psp/projections';
import { loadConfig, openReadModel, openVault } from '@psp/runtime';
import {
  Actor,
  CASE_FIELDS,
  CASE_LIST_ITEM_FIELDS,
  PersonalDataVault,
  Role,
  disclose,
  openSealedTexts,
  fieldPaths,
  isWithin,
  unclassifiedFields,
} from '@psp/security';
import { PersonDirectory, loadCase } from '@psp/workflow';
import { fullCasePayload, payloadPerson } from '../../apps/api/src/security-views/full-case-payload';
import { RunningApi, startApiProcess } from '../support/api-process';
import { CaseDriver } from '../support/case-driver';
import { waitForViews } from '../support/wait-for-views';
import { call, devTokens } from '../support/dev-tokens';
import { FOREIGN_PERSON, driveForeignCase } from '../support/foreign-case';
import { Registries, seedRegistries } from '../support/registry-seed';

// Driving a whole case over HTTP on a shared 2-core machine takes longer than jest's 5 s default.
jest.setTimeout(180_000);

const D = '69';
const ASSO = 'asso-69-nid';
const PERSONAL_VALUES = [
  FOREIGN_PERSON.givenName,
  FOREIGN_PERSON.familyName,
  FOREIGN_PERSON.birthDate,
  FOREIGN_PERSON.contact.phone,
  FOREIGN_PERSON.documents[0].number,
];

/** The actor the case driver's token carries for a role (same scope, same subject). */
const actorFor = (role: Role): Actor => ({
  subject: `test-${role}`,
  role,
  ...(['auditor', 'analyst', 'system'].includes(role) ? {} : { departement: D }),
  ...(role === 'association' ? { associationId: ASSO } : {}),
});

const allowedPaths = (role: Role, table = CASE_FIELDS) =>
  Object.entries(table)
    .filter(([, rule]) => rule.roles.includes(role))
    .map(([path]) => path);

/** Every field path of a payload is allowed for the role (an empty container: something under it is). */
const expectOnlyAllowed = (role: Role, payload: unknown, table = CASE_FIELDS) => {
  const allowed = allowedPaths(role, table);
  const extra = fieldPaths(payload).filter((path) => !allowed.some((candidate) => isWithin(candidate, path)));
  expect({ role, extra }).toEqual({ role, extra: [] });
};

const CASE_READERS: readonly Role[] = [
  'association',
  'prefecture',
  'commission_secretariat',
  'foreigners_department',
  'afis_payer',
  'auditor',
];

const stores: [string, () => { url: string; cleanup: () => Promise<void> }][] = [
  ['SQLite', () => ({ url: '', cleanup: async () => undefined })],
  [
    'PostgreSQL',
    () => {
      const schema = freshSchemaUrl('e2e');
      return { url: schema.url, cleanup: schema.drop };
    },
  ],
];

describe.each(stores)('need-to-know views and the read audit over HTTP, on %s', (_name, database) => {
  const dir = mkdtempSync(join(tmpdir(), 'psp-need-to-know-'));
  const { url, cleanup } = database();
  const env = {
    EVENT_STORE_URL: url || `sqlite:${join(dir, 'events.sqlite')}`,
    DATA_DIR: dir,
    SCHEDULER_INTERVAL_MS: '0',
  };
  let api: RunningApi;
  let cases: CaseDriver;
  let registries: Registries;
  let mint: ReturnType<typeof devTokens>;
  let store: EventStore;
  let vault: PersonalDataVault;
  let readModel: ReadModelDatabase;
  let caseId: string;

  /** The unfiltered payload the API builds for this role, rebuilt here from the same store and vault. */
  const fullPayload = async (role: Role) => {
    const snapshot = await loadCase(store, caseId, actorFor(role));
    // The file number is read from its view (rv_file_numbers), as the API reads it.
    const [numbered] = await readModel.all<{ file_number: string }>(
      'SELECT file_number FROM rv_file_numbers WHERE case_id = ?',
      [caseId],
    );
    const full = fullCasePayload(
      snapshot,
      payloadPerson(await vault.read(snapshot.personRef)),
      await new PersonDirectory(store, vault).personParcours(caseId, snapshot.view.periods),
      numbered?.file_number,
    );
    return openSealedTexts(vault, snapshot.personRef, full);
  };

  beforeAll(async () => {
    api = await startApiProcess(env);
    mint = devTokens(dir);
    registries = await seedRegistries(api.baseUrl, mint, { departement: D, associationId: ASSO });
    cases = new CaseDriver(api.baseUrl, mint, { departement: D, associationId: ASSO });
    caseId = await driveForeignCase(cases, registries, 'need-to-know-foreign-1');
    const config = loadConfig({ ...process.env, ...env });
    store = await openEventStore(config.eventStoreUrl);
    vault = await openVault(config);
    readModel = await openReadModel(config);
  });
  afterAll(async () => {
    await api?.stop();
    await store?.close();
    await vault?.close();
    await readModel?.close();
    await cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  it('R1 contract: every field of the full case payload is classified (an unclassified field fails)', async () => {
    const full = await fullPayload('prefecture');
    // The driven case fills the file: the walk sees the APS checklist, the AFIS request, opinions, decisions.
    expect(fieldPaths(full)).toEqual(
      expect.arrayContaining([
        'file.aps.checklist.nationalityDocuments[].kind',
        'file.afis.request.previousMonthHouseholdResourcesCents',
        'file.afis.commissionOpinion.opinion',
        'file.cycle.difficulties[]',
        'file.followUps[].safetyConcern',
        'file.decisions[].decisionDate',
        'person.birthDate',
      ]),
    );
    for (const role of CASE_READERS)
      expect(unclassifiedFields(await fullPayload(role), CASE_FIELDS)).toEqual([]);
  });

  it.each(CASE_READERS)(
    'R3 / ACL-05: GET /cases/{id} as %s is exactly its allow-list of the full payload',
    async (role) => {
      const body = await cases.view(caseId, role);
      expect(body).toEqual(disclose(role, await fullPayload(role), CASE_FIELDS).value);
      expectOnlyAllowed(role, body);
    },
  );

  it('ACL-05: the association and the préfecture see the identity and the health details; the secretariat neither', async () => {
    const association = await cases.view(caseId, 'association');
    expect(association.person).toMatchObject({
      givenName: FOREIGN_PERSON.givenName,
      birthDate: FOREIGN_PERSON.birthDate,
    });
    expect(association.view.plannedActions).toContain('health_care');
    expect(association.file.cycle.difficulties).toEqual(['missed two appointments']);

    const secretariat = await cases.view(caseId, 'commission_secretariat');
    expect(secretariat.person).toBeUndefined();
    expect(secretariat.view.plannedActions).toBeUndefined();
    expect(secretariat.file.parcours).toEqual({ socialActions: ['housing', 'work_integration'] });
    expect(secretariat.file.cycle.difficulties).toBeUndefined();
    expect(JSON.stringify(secretariat)).not.toContain('health');
  });

  it('ACL-05: the foreigners’ department gets the annexe 10 items and the identity, not the social assessment nor the AFIS', async () => {
    const body = await cases.view(caseId, 'foreigners_department');
    expect(body.person).toMatchObject({ familyName: FOREIGN_PERSON.familyName, nationality: 'NG' });
    expect(body.file.aps.checklist).toMatchObject({
      civilStatus: 'birth_certificate',
      stopOfProstitutionDocuments: true,
    });
    expect(body.file.cycle?.commissionOpinion).toBeUndefined(); // the renewal cycle has none yet
    expect(body.file.decisions[0]).toEqual({
      kind: 'authorised',
      decisionDate: '2024-03-01',
      notifiedOn: '2024-03-05',
    });
    expect(body.file.parcours).toBeUndefined();
    expect(body.file.afis).toBeUndefined();
    expect(body.file.followUps).toBeUndefined();
    expect(body.view.plannedActions).toBeUndefined();
    expect(body.view.afis).toBeUndefined();
  });

  it('ACL-05: the AFIS payer (MSA) gets identity, residence document, household, resources, children, decision and period only', async () => {
    const body = await cases.view(caseId, 'afis_payer');
    expect(body.person).toMatchObject({ givenName: FOREIGN_PERSON.givenName });
    expect(body.file.afis.request).toMatchObject({
      residenceDocument: 'aps_with_work',
      previousMonthHouseholdResourcesCents: 21000,
      dependentChildren: 1,
    });
    expect(body.view.aps).toMatchObject({ status: 'issued', validTo: '2024-09-30' });
    expect(body.view.periods[0]).toMatchObject({ start: '2024-03-01' });
    expect(body.file.decisions[0]).toEqual({
      kind: 'authorised',
      decisionDate: '2024-03-01',
      notifiedOn: '2024-03-05',
    });
    expect(body.file.aps).toBeUndefined();
    expect(body.file.cycle).toBeUndefined();
    expect(body.file.parcours).toBeUndefined();
    expect(body.file.followUps).toBeUndefined();
  });

  it('R11: auditors see the procedure, never the identity nor a health detail', async () => {
    const body = await cases.view(caseId, 'auditor');
    expect(body.person).toBeUndefined();
    expect(body.view.plannedActions).toBeUndefined();
    expect(body.file.decisions).toHaveLength(1);
    const text = JSON.stringify(body);
    for (const value of [...PERSONAL_VALUES, 'health_care', 'missed two appointments'])
      expect(text).not.toContain(value);
  });

  it('A11 / D.121-12-18: analysts get no individual case, neither one (404) nor the list (403)', async () => {
    expect((await cases.get(caseId, 'analyst')).status).toBe(404);
    const list = await call(api.baseUrl, 'GET', '/cases', { token: await cases.token('analyst') });
    expect(list.status).toBe(403);
  });

  it('R3: GET /cases shows each row through its allow-list (the foreigners’ department sees no instructing association)', async () => {
    await waitForViews(api.baseUrl, dir); // the list is a read view: let it follow the commands
    for (const role of [
      'prefecture',
      'foreigners_department',
      'afis_payer',
      'commission_secretariat',
    ] as const) {
      const list = await call(api.baseUrl, 'GET', '/cases', { token: await cases.token(role) });
      expect(list.status).toBe(200);
      expect(list.body.items.length).toBeGreaterThan(0);
      for (const item of list.body.items) expectOnlyAllowed(role, item, CASE_LIST_ITEM_FIELDS);
    }
  });

  it('R3 / ACL-03: a commission member reads the minimised summary of an item it sits on, while the session is convened', async () => {
    const sessionId = 'session-secviews-renewal';
    const secretariat = await mint('commission_secretariat', { departement: D });
    const convened = await call(api.baseUrl, 'POST', `/commissions/${registries.ids.commissionId}/sessions`, {
      token: secretariat,
      body: {
        sessionId,
        convenedOn: '2024-07-05',
        sittingOn: '2024-07-20',
        urgency: false,
        presidingChairId: registries.ids.chairIds[0],
        agenda: [{ itemId: 'item-secviews-renewal', kind: 'renewal', caseId }],
      },
    });
    expect(convened.status).toBe(201);
    const judge = await mint('commission_member', { departement: D, memberId: `member-judge-${D}` });
    const session = await call(api.baseUrl, 'GET', `/commission-sessions/${sessionId}`, { token: judge });
    expect(session.status).toBe(200);
    const [item] = session.body.member.agenda;
    expect(item).toMatchObject({ itemId: 'item-secviews-renewal', caseId });
    const full = await fullPayload('prefecture');
    expect(item.summary).toEqual(disclose('commission_member', full, CASE_FIELDS).value);
    expectOnlyAllowed('commission_member', item.summary);
    expect(item.summary).toMatchObject({
      view: { status: 'active' },
      file: {
        parcours: { socialActions: ['housing', 'work_integration'] },
        cycle: { kind: 'renewal', commitmentsKept: 'partly_kept' },
      },
    });
    const text = JSON.stringify(item.summary);
    for (const value of [
      ...PERSONAL_VALUES,
      'health_care',
      'healthCarePlanned',
      'missed two appointments',
      ASSO,
    ])
      expect(text).not.toContain(value);
  });

  it('ACL-06: a CSV export of the case list carries only the role’s columns (anchors R17)', async () => {
    await waitForViews(api.baseUrl, dir); // the list is a read view: let it follow the commands
    const response = await call(api.baseUrl, 'GET', '/cases?format=csv', {
      token: await cases.token('foreigners_department'),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
    const [header] = String(response.body).split('\r\n');
    expect(header.split(',')).toEqual(allowedPaths('foreigners_department', CASE_LIST_ITEM_FIELDS));
    expect(header).not.toContain('associationId');
    expect(String(response.body)).toContain(caseId);
  });

  it('ACL-06: every case read and every export is recorded for auditors, with the fields disclosed and no personal value', async () => {
    await waitForViews(api.baseUrl, dir); // the list is a read view: let it follow the commands
    // One more read of each kind, then the auditor lists the records of this case.
    await cases.view(caseId, 'afis_payer');
    await call(api.baseUrl, 'GET', '/cases?format=csv', { token: await cases.token('prefecture') });
    const auditor = await cases.token('auditor');
    const answer = await call(api.baseUrl, 'GET', `/audit/reads?caseId=${caseId}&from=2000-01-01`, {
      token: auditor,
    });
    expect(answer.status).toBe(200);
    const records = answer.body.items as Record<string, any>[];
    const reads = records.filter((r) => r.kind === 'read' && r.route === '/cases/:caseId');
    expect(reads.map((r) => r.actorRole)).toEqual(expect.arrayContaining([...CASE_READERS]));
    const payer = reads.find((r) => r.actorRole === 'afis_payer')!;
    expect(payer).toMatchObject({
      caseId,
      departement: D,
      method: 'GET',
      actorSubject: 'test-afis_payer',
      actorDepartement: D,
      contentType: 'application/json',
    });
    expect(payer.fields).toEqual(
      expect.arrayContaining(['person.givenName', 'file.afis.request.dependentChildren']),
    );
    expect(payer.fields).not.toContain('file.aps.checklist.civilStatus');
    expect(new Date(payer.occurredAt).toISOString()).toBe(payer.occurredAt);
    const secretariat = reads.find((r) => r.actorRole === 'commission_secretariat')!;
    expect(secretariat.fields.some((f: string) => f.startsWith('person.'))).toBe(false);

    const exports = records.filter((r) => r.kind === 'export');
    expect(exports).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          actorRole: 'prefecture',
          route: '/cases',
          contentType: 'text/csv',
          caseId,
        }),
      ]),
    );
    const memberRead = records.find((r) => r.route === '/commission-sessions/:sessionId');
    expect(memberRead).toMatchObject({
      actorRole: 'commission_member',
      actorMemberId: `member-judge-${D}`,
      caseId,
    });

    const text = JSON.stringify(records);
    for (const value of PERSONAL_VALUES) expect(text).not.toContain(value);

    // Period filter: nothing before the records were written.
    const none = await call(api.baseUrl, 'GET', `/audit/reads?caseId=${caseId}&to=2000-01-01`, {
      token: auditor,
    });
    expect(none.body.items).toEqual([]);
  });

  it('ACL-06: only auditors list the read audit (403), an auditor of another département sees none of these records', async () => {
    const prefecture = await call(api.baseUrl, 'GET', '/audit/reads', {
      token: await cases.token('prefecture'),
    });
    expect(prefecture.status).toBe(403);
    const other = await mint('auditor', { departement: '13' });
    const answer = await call(api.baseUrl, 'GET', `/audit/reads?caseId=${caseId}`, { token: other });
    expect(answer.status).toBe(200);
    expect(answer.body.items).toEqual([]);
    const bad = await call(api.baseUrl, 'GET', '/audit/reads?from=yesterday', {
      token: await cases.token('auditor'),
    });
    expect(bad.status).toBe(400);
  });

  it('ACL-06 / R12: the read audit is append-only: the database refuses UPDATE and DELETE', async () => {
    const [{ count }] = await readModel.all<{ count: string | number }>(
      'SELECT COUNT(*) AS count FROM audit_case_reads',
    );
    expect(Number(count)).toBeGreaterThan(0);
    // The refusal's message, read without `instanceof`: better-sqlite3's native part keeps the error
    // class of the first test file that loaded it, from another realm than this file's `Error`.
    const refusal = async (sql: string) =>
      readModel.run(sql).then(
        () => 'accepted',
        (error: unknown) => String((error as { message?: unknown }).message),
      );
    expect(await refusal("UPDATE audit_case_reads SET actor_subject = 'someone-else'")).toMatch(
      /append-only/,
    );
    expect(await refusal('DELETE FROM audit_case_reads')).toMatch(/append-only/);
    const [{ count: after }] = await readModel.all<{ count: string | number }>(
      'SELECT COUNT(*) AS count FROM audit_case_reads',
    );
    expect(Number(after)).toBe(Number(count));
  });
});
