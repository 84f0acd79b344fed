import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openEventStore } from '@psp/event-store';
import { AssociationListProjection, CaseListProjection, Projector } from '@psp/projections';
import { REDACTED } from '@psp/security';
import { loadConfig, openReadModel } from '@psp/runtime';
import { RunningApi, startApiProcess } from '../support/api-process';
import { CaseDriver } from '../support/case-driver';
import { call, devTokens } from '../support/dev-tokens';
import { Registries, seedRegistries } from '../support/registry-seed';
import { findPersonalValues } from '../support/personal-values';
import { personalValuesIn, sqliteFiles } from '../support/store-files';
import { waitForViews } from '../support/wait-for-views';

/** A fictional person with values found nowhere else, so that any copy of them is a leak. */
const PERSON = {
  givenName: 'Oriane',
  familyName: 'Effacementval',
  birthDate: '1993-11-27',
  nationality: 'FR',
  contact: {
    phone: '+33 6 41 97 28 53',
    email: 'oriane.effacementval@example.org',
    address: '17 impasse Imaginaire-Shredding, Lyon',
  },
};
/** A refusal reason that names the person: it must be sealed with the person's key too. */
const REASON = 'Oriane Effacementval left the shelter of impasse Imaginaire'; // personal
const VALUES = [
  PERSON.givenName,
  PERSON.familyName,
  PERSON.birthDate,
  PERSON.contact.phone,
  PERSON.contact.email,
  PERSON.contact.address,
  REASON,
];

// Starts and restarts real API processes on a machine shared by other runs: a generous ceiling.
jest.setTimeout(120_000);

describe('ACL-06 / ACL-07 / R13: erasure by crypto-shredding over HTTP, checked down to the bytes on disk', () => {
  const dir = mkdtempSync(join(tmpdir(), 'psp-erasure-'));
  const env = {
    EVENT_STORE_URL: `sqlite:${join(dir, 'events.sqlite')}`,
    DATA_DIR: dir,
    SCHEDULER_INTERVAL_MS: '0',
  };
  const files = () =>
    ['events.sqlite', 'psp-read.sqlite', 'psp-vault.sqlite'].flatMap((f) => sqliteFiles(join(dir, f)));
  let api: RunningApi;
  let cases: CaseDriver;
  let registries: Registries;
  let caseId: string;

  beforeAll(async () => {
    api = await startApiProcess(env);
    const mint = devTokens(dir);
    registries = await seedRegistries(api.baseUrl, mint, {
      departement: '69',
      associationId: 'asso-69-erasure',
    });
    cases = new CaseDriver(api.baseUrl, mint, { departement: '69', associationId: 'asso-69-erasure' });
  });
  afterAll(async () => {
    await api?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a case is opened with distinctive personal values, which the préfecture and the association can read', async () => {
    const opened = await cases.open(
      { openedOn: '2024-01-05', personAgrees: true, victimOf: ['trafficking'], person: PERSON },
      'erasure-open-1',
    );
    expect(opened.status).toBe(201);
    caseId = opened.body.caseId;
    await cases.accept('association', caseId, 'aps-not-applicable', {
      determinedOn: '2024-01-05',
      reason: 'french',
    });
    await cases.completeInstruction(caseId, {
      completedOn: '2024-01-20',
      plannedActions: ['housing'],
      plannedLengthMonths: 6,
      associationOpinion: 'favourable',
      swornStatementOfCessation: false,
    });
    await cases.accept('association', caseId, 'submit', { submittedOn: '2024-01-22' });
    const item = await registries.opinion({
      caseId,
      kind: 'entry',
      on: '2024-02-10',
      opinion: 'unfavourable',
    });
    await cases.accept('commission_secretariat', caseId, 'record-commission-opinion', item);
    expect((await cases.view(caseId, 'prefecture')).person).toEqual({
      givenName: PERSON.givenName,
      familyName: PERSON.familyName,
      birthDate: PERSON.birthDate,
      nationality: PERSON.nationality,
    });
  });

  it('ACL-07 legal hold: erasure is refused while the case is open (409 naming ACL-07), and by any role but the préfecture (403)', async () => {
    const refused = await erase('prefecture', 'erasure-too-early');
    expect(refused.status).toBe(409);
    expect(refused.body.rules).toEqual([expect.objectContaining({ rule: 'ACL-07' })]);
    expect((await erase('association', 'erasure-by-association')).status).toBe(403);
    expect((await cases.view(caseId, 'association')).person.givenName).toBe(PERSON.givenName);
  });

  it('after the refusal (reasons naming the person), the préfecture erases: every place that showed the person shows the redaction marker', async () => {
    await cases.accept('prefecture', caseId, 'refuse', {
      decisionDate: '2024-03-01',
      notifiedOn: '2024-03-04',
      reasons: [REASON],
    });
    const erased = await erase('prefecture', 'erasure-1');
    expect(erased.status).toBe(201);
    expect((await erase('prefecture', 'erasure-1')).headers.get('idempotent-replayed')).toBe('true');
    expect((await erase('prefecture', 'erasure-2')).status).toBe(409);

    for (const role of ['prefecture', 'association', 'foreigners_department'] as const) {
      const view = await cases.view(caseId, role);
      expect(view.person).toEqual({ givenName: REDACTED, familyName: REDACTED });
      // The history still replays: the machine never needed the clear values.
      expect(view.view.status).toBe('refused');
    }
    await waitForViews(api.baseUrl, dir);
    const list = await call(api.baseUrl, 'GET', '/cases', { token: await cases.token('prefecture') });
    expect(list.body.items.map((c: { caseId: string }) => c.caseId)).toContain(caseId);
  });

  it('no personal value is left in the event store, the read views, the vault (files, -wal, -shm) nor the API logs, in any common encoding', async () => {
    expect(personalValuesIn(files(), VALUES)).toEqual([]);
    const logs = Buffer.from(api.output());
    expect(logs.length).toBeGreaterThan(0);
    expect(findPersonalValues(logs, VALUES)).toEqual([]);
    // Once the process is stopped (SQLite checkpoints and closes its files), nothing either.
    await api.stop();
    expect(personalValuesIn(files(), VALUES)).toEqual([]);
    // The reason is in the event, sealed with the person's key (the search does find what is there).
    expect(readFileSync(join(dir, 'events.sqlite')).includes('"reasons":["sealed:v1:')).toBe(true);
    const runLog = process.env.PSP_TEST_API_LOG;
    if (runLog) expect(readFileSync(runLog, 'utf8')).not.toContain(PERSON.familyName);
  });

  it('R13: the read views rebuild from the history, and the restarted API still shows the marker', async () => {
    const config = loadConfig({ ...process.env, ...env, NODE_ENV: 'test' });
    const store = await openEventStore(config.eventStoreUrl);
    const db = await openReadModel(config);
    const projector = new Projector(store, db, [
      new CaseListProjection(store),
      new AssociationListProjection(store),
    ]);
    try {
      await projector.start();
      await projector.waitUntilCaughtUp();
      const active = (await projector.activeVersion('case_list'))!;
      expect(await projector.rebuild('case_list')).toBe(active + 1);
      expect((await projector.status()).every((s) => s.parkedStreams === 0 && !s.error)).toBe(true);
      await projector.stop();
      const rows = await db.all<{ status: string }>('SELECT status FROM rv_case_list WHERE case_id = ?', [
        caseId,
      ]);
      expect(rows).toEqual([{ status: 'refused' }]);
    } finally {
      await db.close();
      await store.close();
    }
    expect(personalValuesIn(files(), VALUES)).toEqual([]);
    api = await startApiProcess(env);
    cases = new CaseDriver(api.baseUrl, devTokens(dir), cases.scope);
    expect((await cases.view(caseId, 'prefecture')).person).toEqual({
      givenName: REDACTED,
      familyName: REDACTED,
    });
  });

  async function erase(role: 'prefecture' | 'association', key: string) {
    return call(api.baseUrl, 'POST', `/cases/${caseId}/erasure`, {
      token: await cases.token(role),
      headers: { 'idempotency-key': key },
    });
  }
});
