import 'reflect-metadata';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { RunningApi, startApiProcess } from '../support/api-process';
import { CaseDriver } from '../support/case-driver';
import { devTokens } from '../support/dev-tokens';
import { Registries, seedRegistries } from '../support/registry-seed';
import { waitForViews } from '../support/wait-for-views';

const run = promisify(execFile);
const ROOT = join(__dirname, '..', '..');
jest.setTimeout(180_000);

/** A fictional person: none of these values may ever appear in a log, an event or a view. */
const PERSON = {
  givenName: 'Apolline',
  familyName: 'Fictiverenouv',
  birthDate: '1998-05-12',
  nationality: 'FR',
};

/**
 * PD-4 (docs/adr/0009) over HTTP with the real deadline job (`run-deadlines`): a renewal decided by the
 * period's last day (2024-08-31) continues the rights whether it is recorded before or after the job
 * lapsed the case; decided after it, it is refused (PD-4) whether the job ran or not.
 */
describe('a renewal decided after the period ended, in either order with the deadline job', () => {
  const dir = mkdtempSync(join(tmpdir(), 'psp-late-renewal-'));
  const env = {
    EVENT_STORE_URL: `sqlite:${join(dir, 'events.sqlite')}`,
    DATA_DIR: dir,
    SCHEDULER_INTERVAL_MS: '0',
  };
  let api: RunningApi;
  let cases: CaseDriver;
  let registries: Registries;

  /** Period 1 from 2024-03-01 to 2024-08-31; a renewal instructed with both opinions (2024-08-20). */
  const instructedRenewal = async (key: string) => {
    const opened = await cases.open(
      { openedOn: '2024-01-05', personAgrees: true, victimOf: ['procuring'], person: PERSON },
      key,
    );
    expect(opened.status).toBe(201);
    const caseId = opened.body.caseId as string;
    const opinion = async (kind: 'entry' | 'renewal', on: string) =>
      cases.accept(
        'commission_secretariat',
        caseId,
        'record-commission-opinion',
        await registries.opinion({ caseId, kind, on, opinion: 'favourable' }),
      );
    await cases.accept('association', caseId, 'aps-not-applicable', {
      determinedOn: '2024-01-05',
      reason: 'french',
    });
    await cases.completeInstruction(caseId, {
      completedOn: '2024-01-20',
      plannedActions: ['housing', 'work_integration'],
      plannedLengthMonths: 6,
      associationOpinion: 'favourable',
      swornStatementOfCessation: false,
    });
    await cases.accept('association', caseId, 'submit', { submittedOn: '2024-01-22' });
    await opinion('entry', '2024-02-10');
    await cases.accept('prefecture', caseId, 'authorise', { decisionDate: '2024-03-01' });
    await cases.accept('prefecture', caseId, 'notify-decision', {
      notifiedOn: '2024-03-05',
      toPerson: true,
      toAssociation: true,
    });
    await cases.accept('association', caseId, 'start-renewal', { startedOn: '2024-08-01' });
    await cases.accept('association', caseId, 'submit-renewal', {
      submittedOn: '2024-08-02',
      followUpDocumentUpdated: true,
      resultsReported: true,
      commitmentsKept: 'kept',
      difficulties: [],
      associationOpinion: 'favourable',
    });
    await opinion('renewal', '2024-08-20');
    return caseId;
  };
  const grant = (caseId: string, decisionDate: string) =>
    cases.send('prefecture', caseId, 'grant-renewal', {
      decisionDate,
      notifiedOn: '2024-09-06',
      commitmentsAndDifficultiesConsidered: true,
    });
  const rulesOf = (answer: { body: { rules?: { rule: string }[] } }) => answer.body.rules?.map((r) => r.rule);

  beforeAll(async () => {
    api = await startApiProcess(env);
    const mint = devTokens(dir);
    registries = await seedRegistries(api.baseUrl, mint, {
      departement: '69',
      associationId: 'asso-69-late',
    });
    cases = new CaseDriver(api.baseUrl, mint, { departement: '69', associationId: 'asso-69-late' });
  });
  afterAll(async () => {
    await api?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('PD-4: in time and recorded before or after the job: the same renewed case; late: refused before and after the job', async () => {
    const inTimeFirst = await instructedRenewal('late-renewal-1');
    const jobFirst = await instructedRenewal('late-renewal-2');
    const lateFirst = await instructedRenewal('late-renewal-3');
    const lateAfterJob = await instructedRenewal('late-renewal-4');

    // before the job: the in-time decision is recorded, the late one refused
    expect((await grant(inTimeFirst, '2024-08-31')).status).toBe(200);
    const late = await grant(lateFirst, '2024-09-05');
    expect(late.status).toBe(409);
    expect(rulesOf(late)).toEqual(['PD-4']);

    // the deadline job runs on 2024-09-02
    await waitForViews(api.baseUrl, dir);
    const { stdout } = await run(
      process.execPath,
      ['-r', '@swc-node/register', 'apps/cli/src/main.ts', 'run-deadlines', '--today', '2024-09-02'],
      { cwd: ROOT, env: { ...process.env, ...env, NODE_ENV: 'development' } },
    );
    for (const lapsed of [jobFirst, lateFirst, lateAfterJob]) {
      expect(stdout).toContain(`${lapsed}  end-period  on 2024-09-01`);
    }
    expect(stdout).not.toContain(inTimeFirst);
    expect((await cases.view(lateFirst)).view.status).toBe('lapsed');

    // after the job: the in-time decision still continues the rights, the late one is still refused
    expect((await grant(jobFirst, '2024-08-31')).status).toBe(200);
    const stillLate = await grant(lateAfterJob, '2024-09-05');
    expect(stillLate.status).toBe(409);
    expect(rulesOf(stillLate)).toEqual(['PD-4']);
    expect((await cases.view(lateAfterJob)).view.status).toBe('lapsed');

    const a = (await cases.view(inTimeFirst, 'prefecture')).view;
    const b = (await cases.view(jobFirst, 'prefecture')).view;
    expect(a).toMatchObject({
      status: 'renewed',
      periods: [{ end: '2024-08-31' }, { start: '2024-09-01', end: '2025-02-28' }],
    });
    expect(b.periods).toEqual(a.periods);
    expect(b.rights).toEqual(a.rights);
    expect(b.status).toBe(a.status);
  });
});
