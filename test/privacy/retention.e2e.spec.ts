import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { openEventStore } from '@psp/event-store';
import { AssociationListProjection, CaseListProjection, Projector } from '@psp/projections';
import { loadConfig, openReadModel, openVault } from '@psp/runtime';
import { CASE_RECORD_PURGED, caseStreamId, eventHash, personStreamId } from '@psp/workflow';
import { RunningApi, startApiProcess } from '../support/api-process';
import { CaseDriver } from '../support/case-driver';
import { call, devTokens } from '../support/dev-tokens';
import { pdfWith, uploadDocument } from '../support/document-files';
import { seedRegistries } from '../support/registry-seed';
import { waitForViews } from '../support/wait-for-views';

const run = promisify(execFile);
const ROOT = join(__dirname, '..', '..');

// Restarts real API processes on a machine shared by other runs: a generous ceiling.
jest.setTimeout(180_000);

const PERSON = { givenName: 'Rétentia', familyName: 'Purgevaleur', birthDate: '1990-09-09' };
const SCOPE = { departement: '69', associationId: 'asso-69-retention' };

/**
 * R14 with a controlled clock: the API process runs "on" a date given by PSP_CLOCK_FIXED. A case
 * withdrawn on 2024-02-01 is kept 2 years (default for `withdrawn`): notice from 2026-01-18, purge
 * on 2026-02-01.
 */
describe('R14: retention over HTTP with the API clock fixed from the environment', () => {
  const dir = mkdtempSync(join(tmpdir(), 'psp-retention-'));
  const env = {
    EVENT_STORE_URL: `sqlite:${join(dir, 'events.sqlite')}`,
    DATA_DIR: dir,
    SCHEDULER_INTERVAL_MS: '0',
  };
  let api: RunningApi | undefined;
  let cases: CaseDriver;
  let caseId: string;
  let otherCaseId: string;
  let laterCaseId: string;

  /** (Re)starts the API on `day`. */
  const on = async (day: string) => {
    await api?.stop();
    api = await startApiProcess({ ...env, PSP_CLOCK_FIXED: day });
    cases = new CaseDriver(api.baseUrl, devTokens(dir), SCOPE);
  };
  const runRetention = async () => {
    await waitForViews(api!.baseUrl, dir);
    const answer = await call(api!.baseUrl, 'POST', '/retention/run', { token: await cases.token('system') });
    expect(answer.status).toBe(200);
    return answer.body.outcomes as { caseId: string; action: string; purgeOn: string }[];
  };
  const due = async (role: 'prefecture' | 'association' = 'prefecture', departement = '69') => {
    await waitForViews(api!.baseUrl, dir);
    const token = await devTokens(dir)(role, {
      departement,
      associationId: role === 'association' ? SCOPE.associationId : undefined,
    });
    return call(api!.baseUrl, 'GET', '/retention/due', { token });
  };

  afterAll(async () => {
    await api?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('2024-02-01: a case is opened and withdrawn; another stays open', async () => {
    await on('2024-02-01');
    await seedRegistries(api!.baseUrl, devTokens(dir), SCOPE);
    const opened = await cases.open(
      { openedOn: '2024-01-05', personAgrees: true, victimOf: ['procuring'], person: PERSON },
      'retention-open-1',
    );
    expect(opened.status).toBe(201);
    caseId = opened.body.caseId;
    // A paper of the case: its sealed bytes must go with the record (R14).
    const paper = await uploadDocument(
      api!.baseUrl,
      await cases.token('association'),
      caseId,
      'commitments',
      {
        bytes: await pdfWith('the commitments of a fictional person'),
        name: 'commitments.pdf',
      },
    );
    expect(paper.status).toBe(201);
    expect(existsSync(join(dir, 'documents', caseId))).toBe(true);
    await cases.accept('association', caseId, 'withdraw', {
      withdrawnOn: '2024-02-01',
      recordedBy: 'association',
      byPerson: true,
    });
    const other = await cases.open(
      { openedOn: '2024-01-06', personAgrees: true, victimOf: ['procuring'], person: PERSON },
      'retention-open-2',
    );
    otherCaseId = other.body.caseId;
  });

  it('2026-01-17: nothing is due yet (a third case is withdrawn today)', async () => {
    await on('2026-01-17');
    expect(await runRetention()).toEqual([]);
    const later = await cases.open(
      { openedOn: '2025-12-01', personAgrees: true, victimOf: ['procuring'], person: PERSON },
      'retention-open-3',
    );
    laterCaseId = later.body.caseId;
    await cases.accept('association', laterCaseId, 'withdraw', {
      withdrawnOn: '2026-01-17',
      recordedBy: 'association',
      byPerson: true,
    });
    expect((await due()).body).toEqual({ today: '2026-01-17', items: [] });
  });

  it('2026-01-18: the notice is issued and the préfecture of the département sees the case due for purge', async () => {
    await on('2026-01-18');
    // The run takes no body: one with anything in it is refused, naming it, and runs nothing (the
    // notice below is still to be issued). A fuzzed body under the system token was once a 200.
    for (const body of [{ purgeNow: true }, '__proto__']) {
      const refused = await call(api!.baseUrl, 'POST', '/retention/run', {
        token: await cases.token('system'),
        body,
      });
      expect({ body, status: refused.status }).toEqual({ body, status: 400 });
      expect(refused.body.errors).toEqual([expect.objectContaining({ field: 'body' })]);
    }
    expect(await runRetention()).toEqual([
      { caseId, action: 'notice', on: '2026-01-18', purgeOn: '2026-02-01' },
    ]);
    expect(await runRetention()).toEqual([]);
    expect((await due()).body.items).toEqual([
      {
        caseId,
        departement: '69',
        status: 'withdrawn',
        lastEventOn: '2024-02-01',
        noticeFrom: '2026-01-18',
        purgeOn: '2026-02-01',
      },
    ]);
    expect((await due('prefecture', '13')).body.items).toEqual([]);
    expect((await due('association')).status).toBe(403);
    expect((await cases.view(caseId, 'prefecture')).person.givenName).toBe(PERSON.givenName);
  });

  it('2026-02-01: the record is purged: 410 Gone, out of the case list, the key deleted, the tombstone chained to the last event', async () => {
    await on('2026-01-31');
    expect(await runRetention()).toEqual([]);
    const config = loadConfig({ ...process.env, ...env, NODE_ENV: 'test' });
    let store = await openEventStore(config.eventStoreUrl);
    const before = await store.readStream(caseStreamId(caseId));
    await store.close();
    const last = before[before.length - 1];

    await on('2026-02-01');
    expect(await runRetention()).toEqual([
      { caseId, action: 'purge', on: '2026-02-01', purgeOn: '2026-02-01' },
    ]);
    const gone = await cases.get(caseId, 'prefecture');
    expect(gone.status).toBe(410);
    expect(existsSync(join(dir, 'documents', caseId))).toBe(false);
    expect(gone.body).toMatchObject({ type: expect.stringContaining('record-purged') });
    const command = await cases.send('prefecture', caseId, 'close', {
      closedOn: '2026-02-01',
      reason: 'death',
    });
    expect(command.status).toBe(410);
    await waitForViews(api!.baseUrl, dir);
    const list = await call(api!.baseUrl, 'GET', '/cases', { token: await cases.token('prefecture') });
    const listed = list.body.items.map((c: { caseId: string }) => c.caseId);
    expect(listed).not.toContain(caseId);
    expect(listed).toContain(otherCaseId);
    expect((await due()).body.items).toEqual([]);
    await api!.stop();
    api = undefined;

    store = await openEventStore(config.eventStoreUrl);
    const vault = await openVault(config);
    try {
      const after = await store.readStream(caseStreamId(caseId));
      expect(after).toHaveLength(1);
      expect(after[0]).toMatchObject({
        type: CASE_RECORD_PURGED,
        revision: last.revision + 1,
        data: {
          purgedThroughRevision: last.revision,
          openedOn: '2024-01-05',
          finalStatus: 'withdrawn',
          purgedOn: '2026-02-01',
          retentionEndedOn: '2026-02-01',
        },
        metadata: { previousHash: eventHash(last) },
      });
      expect(Object.keys(after[0].data as object).sort()).toEqual([
        'finalStatus',
        'openedOn',
        'purgedOn',
        'purgedThroughRevision',
        'retentionEndedOn',
        'statusHistory',
      ]);
      const global = (await store.readAll()).filter((e) => e.streamId === caseStreamId(caseId));
      expect(global.map((e) => e.type)).toEqual([CASE_RECORD_PURGED]);
      const personRef = (before[0].data as { personRef: string }).personRef;
      expect(await vault.read(personRef)).toEqual({ status: 'erased' });
      expect((await store.readStream(personStreamId(personRef)))[0].data).toMatchObject({
        basis: 'retention',
      });
      // The open case is untouched.
      expect((await store.readStream(caseStreamId(otherCaseId))).length).toBeGreaterThan(0);
    } finally {
      await vault.close();
      await store.close();
    }
  });

  it('the read views rebuild over the tombstone: the purged case has no row, the others keep theirs', async () => {
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
      await projector.rebuild('case_list');
      expect((await projector.status()).every((s) => s.parkedStreams === 0 && !s.error)).toBe(true);
      await projector.stop();
      const rows = await db.all<{ case_id: string }>('SELECT case_id FROM rv_case_list ORDER BY case_id');
      expect(rows.map((r) => r.case_id).sort()).toEqual([otherCaseId, laterCaseId].sort());
    } finally {
      await db.close();
      await store.close();
    }
  });

  it('npm run cli -- run-retention --today: the same notice, then purge, from the command line', async () => {
    const cli = async (today: string) =>
      (
        await run(
          process.execPath,
          ['-r', '@swc-node/register', 'apps/cli/src/main.ts', 'run-retention', '--today', today],
          {
            cwd: ROOT,
            env: { ...process.env, ...env, NODE_ENV: 'development' },
          },
        )
      ).stdout;
    expect(await cli('2028-01-02')).toContain('0 retention step(s) as of 2028-01-02');
    expect(await cli('2028-01-03')).toContain(`${laterCaseId}  notice  purge on 2028-01-17`);
    expect(await cli('2028-01-17')).toContain(`${laterCaseId}  purge  purge on 2028-01-17`);
    await expect(
      run(
        process.execPath,
        ['-r', '@swc-node/register', 'apps/cli/src/main.ts', 'run-retention', '--today', '2028-01-17'],
        {
          cwd: ROOT,
          env: {
            ...process.env,
            ...env,
            NODE_ENV: 'production',
            OIDC_ISSUER: 'https://issuer.invalid',
            OIDC_JWKS_URL: 'https://issuer.invalid/jwks',
          },
        },
      ),
    ).rejects.toMatchObject({ stderr: expect.stringContaining('--today is refused in production') });
  });
});
