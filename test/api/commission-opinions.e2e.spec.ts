import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OPEN_REQUEST_BODY } from '../../apps/api/src/cases/commands';
import { RunningApi, startApiProcess } from '../support/api-process';
import { CaseDriver } from '../support/case-driver';
import { call, devTokens } from '../support/dev-tokens';
import { Registries, seedRegistries } from '../support/registry-seed';
import { waitForViews } from '../support/wait-for-views';

jest.setTimeout(120_000);

const D = '69';
const ASSO = 'asso-69-nid';
const SESSION = 'session-opinions-2024-02';

/**
 * COM-08 / R.133-13 (ADR 0012): closing a sitting passes each item's opinion to its case, with no
 * `record-commission-opinion` call, exactly once: a retried close, a second close and a late
 * `record-commission-opinion` from an existing client write nothing more.
 */
describe('closing a sitting passes the opinions to the cases exactly once, over HTTP', () => {
  const dir = mkdtempSync(join(tmpdir(), 'psp-opinions-'));
  let api: RunningApi;
  let mint: ReturnType<typeof devTokens>;
  let registries: Registries;
  let cases: CaseDriver;
  const caseIds: string[] = [];

  const asSecretariat = async (path: string, body: unknown, key?: string) =>
    call(api.baseUrl, 'POST', path, {
      token: await mint('commission_secretariat', { departement: D }),
      body,
      headers: key ? { 'idempotency-key': key } : {},
    });
  const opinionsRecorded = async (caseId: string) => {
    const history = await call(api.baseUrl, 'GET', `/cases/${caseId}/history`, {
      token: await mint('auditor', { departement: D }),
    });
    expect(history.status).toBe(200);
    return (history.body.entries as { type: string; data: Record<string, unknown> }[]).filter(
      (entry) => entry.type === 'CommissionOpinionRecorded',
    );
  };

  beforeAll(async () => {
    api = await startApiProcess({
      EVENT_STORE_URL: `sqlite:${join(dir, 'events.sqlite')}`,
      DATA_DIR: dir,
      SCHEDULER_INTERVAL_MS: '0',
      // after the seeded members' terms (2023-06-01 to 2026-05-31) ended
      PSP_CLOCK_FIXED: '2026-07-01',
    });
    mint = devTokens(dir);
    registries = await seedRegistries(api.baseUrl, mint, { departement: D, associationId: ASSO });
    cases = new CaseDriver(api.baseUrl, mint, { departement: D, associationId: ASSO });
    for (const key of ['opinions-case-a', 'opinions-case-b']) {
      const opened = await cases.open({ ...OPEN_REQUEST_BODY.example, openedOn: '2024-01-05' }, key);
      expect(opened.status).toBe(201);
      const caseId = opened.body.caseId as string;
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
      caseIds.push(caseId);
    }
    const convened = await asSecretariat(`/commissions/${registries.ids.commissionId}/sessions`, {
      sessionId: SESSION,
      convenedOn: '2024-02-01',
      sittingOn: '2024-02-10',
      urgency: false,
      presidingChairId: registries.ids.chairIds[0],
      agenda: caseIds.map((caseId, index) => ({ itemId: `item-${index}`, kind: 'entry', caseId })),
    });
    expect(convened.status).toBe(201);
    const opened = await asSecretariat(`/commission-sessions/${SESSION}/open`, {
      openedOn: '2024-02-10',
      attendance: [...registries.ids.chairIds, ...registries.ids.memberIds].map((memberId) => ({
        memberId,
        mode: 'in_person',
      })),
    });
    expect(opened.status).toBe(200);
    const session = await call(api.baseUrl, 'GET', `/commission-sessions/${SESSION}`, {
      token: await mint('commission_secretariat', { departement: D }),
    });
    for (const [index, entry] of (
      session.body.session.agenda as {
        item: { itemId: string };
        participation: { eligibleVoterIds: string[] };
      }[]
    ).entries()) {
      const vote = index === 0 ? 'for' : 'against';
      const deliberated = await asSecretariat(`/commission-sessions/${SESSION}/deliberate`, {
        itemId: entry.item.itemId,
        decidedOn: '2024-02-10',
        ballots: entry.participation.eligibleVoterIds.map((memberId) => ({ memberId, vote })),
      });
      expect(deliberated.status).toBe(200);
    }
  });
  afterAll(async () => {
    await api?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('COM-08: before the close, no opinion is on the cases', async () => {
    for (const caseId of caseIds) expect(await opinionsRecorded(caseId)).toEqual([]);
  });

  it('COM-08: closing the sitting records each opinion on its case, once', async () => {
    const closed = await asSecretariat(
      `/commission-sessions/${SESSION}/close`,
      { closedOn: '2024-02-10' },
      'close-opinions',
    );
    expect(closed.status).toBe(200);
    expect(closed.body.warnings).toEqual([]);
    const [a] = await opinionsRecorded(caseIds[0]);
    expect(a.data).toMatchObject({
      sessionId: SESSION,
      itemId: 'item-0',
      opinion: 'favourable',
      kind: 'entry',
    });
    const [b] = await opinionsRecorded(caseIds[1]);
    expect(b.data).toMatchObject({ sessionId: SESSION, itemId: 'item-1', opinion: 'unfavourable' });
    // the case moves on to the préfet's decision with no record-commission-opinion call (PSP-02)
    const view = await cases.view(caseIds[0]);
    expect(view.view).toMatchObject({ status: 'under_review', stage: 'awaiting_decision' });
  });

  it('COM-08: the same close retried, a second close and a late record-commission-opinion write nothing more', async () => {
    const retried = await asSecretariat(
      `/commission-sessions/${SESSION}/close`,
      { closedOn: '2024-02-10' },
      'close-opinions',
    );
    expect(retried.status).toBe(200);
    expect(retried.headers.get('idempotent-replayed')).toBe('true');
    const again = await asSecretariat(`/commission-sessions/${SESSION}/close`, { closedOn: '2024-02-11' });
    expect(again.status).toBe(409);
    const before = (await cases.view(caseIds[0])).revision;
    const late = await cases.send('commission_secretariat', caseIds[0], 'record-commission-opinion', {
      sessionId: SESSION,
      itemId: 'item-0',
    });
    expect(late.status).toBe(200);
    expect(late.body.events).toEqual([]);
    expect((await cases.view(caseIds[0])).revision).toBe(before);
    for (const caseId of caseIds) expect(await opinionsRecorded(caseId)).toHaveLength(1);
  });

  it('PSP-02: the préfet decides on the opinion passed by the close', async () => {
    const authorised = await cases.send('prefecture', caseIds[0], 'authorise', {
      decisionDate: '2024-03-01',
    });
    expect(authorised.status).toBe(200);
  });

  describe('COM-01 / COM-02: terms of office', () => {
    const D69 = { departement: D };
    const termRows = async () => {
      await waitForViews(api.baseUrl, dir);
      const answer = await call(api.baseUrl, 'GET', '/views/deadlines', {
        token: await mint('prefecture', D69),
      });
      expect(answer.status).toBe(200);
      return (
        answer.body.items as { source: string; subjectId: string; expired: boolean; dueOn: string }[]
      ).filter((item) => item.source === 'commission_member');
    };

    it('COM-02: the deadlines view flags the ended terms of the members the préfet named; an ex officio member has none (COM-01)', async () => {
      const rows = await termRows();
      expect(rows.map((row) => row.subjectId).sort()).toEqual(
        [`member-asso-${ASSO}`, `member-doctor-${D}`, `member-judge-${D}`, `member-local-${D}`].sort(),
      );
      for (const row of rows)
        expect(row).toMatchObject({ dueOn: '2026-05-31', expired: true, daysLeft: -31 });
    });

    it('COM-02: a member whose term ended is refused at the sitting with the dates of the term', async () => {
      const convened = await asSecretariat(`/commissions/${registries.ids.commissionId}/sessions`, {
        sessionId: 'session-after-terms',
        convenedOn: '2026-07-01',
        sittingOn: '2026-07-08',
        urgency: false,
        presidingChairId: registries.ids.chairIds[0],
      });
      expect(convened.status).toBe(201);
      const opened = await asSecretariat('/commission-sessions/session-after-terms/open', {
        openedOn: '2026-07-08',
        attendance: [registries.ids.chairIds[0], `member-gendarmerie-${D}`, `member-judge-${D}`].map(
          (memberId) => ({
            memberId,
            mode: 'video',
          }),
        ),
      });
      expect(opened.status).toBe(422);
      expect(opened.body.rules).toEqual([
        expect.objectContaining({
          rule: 'COM-02',
          message: expect.stringMatching(new RegExp(`member-judge-${D}.*2023-06-01 to 2026-05-31`)),
        }),
      ]);
    });

    it('COM-02: the flag goes once a successor takes the seat', async () => {
      const appointed = await call(
        api.baseUrl,
        'POST',
        `/commissions/${registries.ids.commissionId}/appoint-members`,
        {
          token: await mint('prefecture', D69),
          body: {
            orderedOn: '2026-07-01',
            signatories: ['prefet'],
            appointments: [
              { memberId: `member-judge-2-${D}`, category: 'judge', replacesMemberId: `member-judge-${D}` },
            ],
          },
        },
      );
      expect(appointed.status).toBe(200);
      expect((await termRows()).map((row) => row.subjectId)).not.toContain(`member-judge-${D}`);
    });
  });
});
