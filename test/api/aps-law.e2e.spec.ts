import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RunningApi, startApiProcess } from '../support/api-process';
import { CaseDriver } from '../support/case-driver';
import { call, devTokens } from '../support/dev-tokens';
import { driveForeignCase } from '../support/foreign-case';
import { Registries, seedRegistries } from '../support/registry-seed';
import { waitForViews } from '../support/wait-for-views';

jest.setTimeout(120_000);

/**
 * Section 3 over HTTP, against the API as a process whose clock reads 2024-08-20: what the préfecture
 * may not demand is refused with its rule and nothing is written (APS-03, APS-07, D2); a foreign
 * national's completed parcours opens the post-PSP residence review by itself, as a task with a
 * deadline in the deadlines view and the handler inbox, with no residence card issued (T17, APS-12).
 */
describe('APS over HTTP (APS-03, APS-07, T17)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'psp-aps-law-'));
  const env = {
    EVENT_STORE_URL: `sqlite:${join(dir, 'events.sqlite')}`,
    DATA_DIR: dir,
    SCHEDULER_INTERVAL_MS: '0',
    PSP_CLOCK_FIXED: '2024-08-20',
  };
  let api: RunningApi;
  let cases: CaseDriver;
  let registries: Registries;
  let mint: ReturnType<typeof devTokens>;
  let caseId: string;

  beforeAll(async () => {
    api = await startApiProcess(env);
    mint = devTokens(dir);
    registries = await seedRegistries(api.baseUrl, mint, { departement: '69', associationId: 'asso-69-aps' });
    cases = new CaseDriver(api.baseUrl, mint, { departement: '69', associationId: 'asso-69-aps' });
    caseId = await driveForeignCase(cases, registries, 'aps-law-foreign-1');
  });
  afterAll(async () => {
    await api?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const revision = async () => (await cases.get(caseId, 'foreigners_department')).headers.get('etag');

  it('APS-07 / APS-03 / D2: the préfecture cannot demand a complaint receipt, a long-stay visa or a passport; nothing is written', async () => {
    const before = await revision();
    for (const [documents, rule] of [
      [['complaint_receipt'], 'APS-07'],
      [['criminal_proceedings_reference'], 'APS-07'],
      [['long_stay_visa'], 'APS-03'],
      // the consular card filed with the request (a photo, valid) proves nationality
      [['passport'], 'D2'],
    ] as const) {
      const refused = await cases.send('foreigners_department', caseId, 'request-aps-documents', {
        requestedOn: '2024-08-01',
        documents,
      });
      expect({ documents, status: refused.status }).toEqual({ documents, status: 409 });
      expect(refused.headers.get('content-type')).toContain('application/problem+json');
      expect(refused.body.rules.map((r: { rule: string }) => r.rule)).toEqual([rule]);
    }
    expect(await revision()).toBe(before);
    // a lawful request is recorded
    await cases.accept('foreigners_department', caseId, 'request-aps-documents', {
      requestedOn: '2024-08-01',
      documents: ['proof_of_address'],
    });
    expect(await revision()).not.toBe(before);
    // an unknown document kind is a 400 naming the field
    const unknown = await cases.send('foreigners_department', caseId, 'request-aps-documents', {
      requestedOn: '2024-08-01',
      documents: ['fingerprints'],
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors[0].field).toBe('documents');
  });

  it('T17 / APS-12: completing the parcours opens the post-PSP review as a task with a deadline, in the deadlines view and the inbox; no card is issued', async () => {
    await cases.accept('association', caseId, 'complete', {
      completedOn: '2024-08-15',
      outcomes: { training: true, job: true, housing: false },
    });
    const view = await cases.view(caseId, 'foreigners_department');
    expect(view.view).toMatchObject({
      status: 'completed',
      aps: { status: 'post_psp_review' },
      deadlines: { postPspReview: '2024-10-14' },
    });
    await waitForViews(api.baseUrl, dir);
    const token = await mint('foreigners_department', { departement: '69' });
    const deadlines = await call(api.baseUrl, 'GET', '/views/deadlines?within=90', { token });
    expect(deadlines.status).toBe(200);
    expect(deadlines.body.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          source: 'case',
          subjectId: caseId,
          kind: 'post_psp_review',
          ruleId: 'APS-12',
          dueOn: '2024-10-14',
          daysLeft: 55,
        }),
      ]),
    );
    const inbox = await call(api.baseUrl, 'GET', '/views/handler-inbox', { token });
    expect(inbox.status).toBe(200);
    expect(inbox.body.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          caseId,
          status: 'completed',
          aps: 'post_psp_review',
          postPspReviewDue: '2024-10-14',
        }),
      ]),
    );
    // the review is the préfet's discretion: no residence card until a decision (CstIssued) is recorded
    expect(view.view.aps.status).not.toBe('cst_issued');
  });
});
