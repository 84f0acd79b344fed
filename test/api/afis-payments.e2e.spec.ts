import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freshSchemaUrl } from '@psp/event-store/testing';
import { RunningApi, startApiProcess } from '../support/api-process';
import { CaseDriver } from '../support/case-driver';
import { call, devTokens } from '../support/dev-tokens';
import { OpinionKind, Registries, seedRegistries } from '../support/registry-seed';
import { waitForViews } from '../support/wait-for-views';

/** A fictional person: none of these values may ever appear in a log, an event or a view. */
const PERSON = {
  givenName: 'Honorine',
  familyName: 'Fictivepaie',
  birthDate: '1990-04-01',
  nationality: 'FR',
  sex: 'female',
};

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

/** March 2022 to February 2023: the twelve months paid. */
const MONTHS = [
  '2022-03',
  '2022-04',
  '2022-05',
  '2022-06',
  '2022-07',
  '2022-08',
  '2022-09',
  '2022-10',
  '2022-11',
  '2022-12',
  '2023-01',
  '2023-02',
];

describe.each(stores)(
  'AFIS payments over HTTP, from the request to twelve months paid, on %s',
  (_name, database) => {
    const dir = mkdtempSync(join(tmpdir(), 'psp-afis-'));
    const { url, cleanup } = database();
    const env = {
      EVENT_STORE_URL: url || `sqlite:${join(dir, 'events.sqlite')}`,
      DATA_DIR: dir,
      SCHEDULER_INTERVAL_MS: '0',
      // The paying body runs February 2023 on 10 March 2023 (in arrears, D.121-12-16).
      PSP_CLOCK_FIXED: '2023-03-10',
    };
    let api: RunningApi;
    let cases: CaseDriver;
    let registries: Registries;

    const opinion = async (caseId: string, kind: OpinionKind, on: string) => {
      const item = await registries.opinion({ caseId, kind, on, opinion: 'favourable' });
      return cases.accept('commission_secretariat', caseId, 'record-commission-opinion', item);
    };

    const runMonth = async (month: string) =>
      call(api.baseUrl, 'POST', '/afis/payment-runs', {
        token: await cases.token('afis_payer'),
        body: { month },
      });

    const renewal = async (caseId: string, start: string, opinionOn: string, decisionDate: string) => {
      await cases.accept('association', caseId, 'start-renewal', { startedOn: start });
      await cases.accept('association', caseId, 'submit-renewal', {
        submittedOn: start,
        followUpDocumentUpdated: true,
        resultsReported: true,
        commitmentsKept: 'kept',
        difficulties: [],
        associationOpinion: 'favourable',
      });
      await opinion(caseId, 'renewal', opinionOn);
      await cases.accept('prefecture', caseId, 'grant-renewal', {
        decisionDate,
        notifiedOn: decisionDate,
        commitmentsAndDifficultiesConsidered: true,
      });
    };

    beforeAll(async () => {
      api = await startApiProcess(env);
      const mint = devTokens(dir);
      registries = await seedRegistries(api.baseUrl, mint, {
        departement: '69',
        associationId: 'asso-69-paie',
        year: 2021,
      });
      cases = new CaseDriver(api.baseUrl, mint, { departement: '69', associationId: 'asso-69-paie' });
    });
    afterAll(async () => {
      await api?.stop();
      await cleanup();
      rmSync(dir, { recursive: true, force: true });
    });

    it('D.121-12-14 to -16 / L.121-9: a parent of two children is paid 534 € a month, then 555.36 € from July 2022, once a month, in arrears; a garnishment is refused', async () => {
      const opened = await cases.open(
        { openedOn: '2022-01-05', personAgrees: true, victimOf: ['prostitution'], person: PERSON },
        'afis-e2e-open',
      );
      expect(opened.status).toBe(201);
      const caseId = opened.body.caseId as string;
      await cases.accept('association', caseId, 'aps-not-applicable', {
        determinedOn: '2022-01-05',
        reason: 'french',
      });
      await cases.completeInstruction(caseId, {
        completedOn: '2022-01-10',
        plannedActions: ['housing', 'work_integration'],
        plannedLengthMonths: 6,
        associationOpinion: 'favourable',
        swornStatementOfCessation: true,
      });
      await cases.accept('association', caseId, 'submit', { submittedOn: '2022-01-12' });
      await opinion(caseId, 'entry', '2022-01-25');
      await cases.accept('prefecture', caseId, 'authorise', { decisionDate: '2022-02-01' });
      await cases.accept('prefecture', caseId, 'notify-decision', {
        notifiedOn: '2022-02-02',
        toPerson: true,
        toAssociation: true,
      });

      // F1..F4: requested on 3 February 2022 (resources of January below the RSA then), granted on 1 March.
      await cases.accept('association', caseId, 'request-afis', {
        requestedOn: '2022-02-03',
        nationalityCategory: 'french',
        residenceDocument: 'none',
        previousMonthHouseholdResourcesCents: 30000,
        rsaReceivedOrClaimable: false,
        adaReceivedOrClaimable: false,
        dependentChildren: 2,
      });
      await cases.accept('afis_payer', caseId, 'start-afis-instruction', { startedOn: '2022-02-04' });
      // AFIS-04: the resources are proved by a statement on file, never by the payer's word.
      const unproved = await cases.send('afis_payer', caseId, 'complete-afis-instruction', {
        completedOn: '2022-02-15',
      });
      expect(unproved.status).toBe(422);
      expect(unproved.body.rules).toEqual([
        expect.objectContaining({ rule: 'AFIS-04', message: expect.stringContaining('afis_resources') }),
      ]);
      await cases.completeAfisInstruction(caseId, { completedOn: '2022-02-15' });
      await opinion(caseId, 'afis', '2022-02-20');
      await cases.accept('prefecture', caseId, 'grant-afis', { decisionDate: '2022-03-01' });

      const paid: Record<string, number> = {};
      const pay = async (month: string) => {
        await waitForViews(api.baseUrl, dir);
        const answer = await runMonth(month);
        expect(answer.status).toBe(200);
        const mine = answer.body.beneficiaries.find((b: { caseId: string }) => b.caseId === caseId);
        expect(mine).toMatchObject({ result: 'paid', lines: [{ month }], arrearsCents: 0 });
        paid[month] = mine.totalCents;
      };
      for (const month of MONTHS.slice(0, 4)) await pay(month);

      // The same month run twice pays once (idempotent per beneficiary and month).
      const again = await runMonth('2022-03');
      expect(again.status).toBe(200);
      expect(again.body.beneficiaries.find((b: { caseId: string }) => b.caseId === caseId)).toMatchObject({
        result: 'already_paid',
        totalCents: 53400,
      });
      expect(again.body.totalPaidCents).toBe(0);

      // Renewal 1 (period 2 from 1 August 2022): the AFIS waits for its own decision (AFIS-06).
      await renewal(caseId, '2022-06-15', '2022-07-05', '2022-07-10');
      expect((await cases.view(caseId, 'afis_payer')).view.afis.status).toBe('renewal_check');
      await pay('2022-07');
      await opinion(caseId, 'afis', '2022-07-20');
      await cases.accept('prefecture', caseId, 'grant-afis', { decisionDate: '2022-07-25' });
      for (const month of MONTHS.slice(5, 10)) await pay(month);

      // Renewal 2 (period 3 from 1 February 2023), with its AFIS decision.
      await renewal(caseId, '2022-12-01', '2022-12-20', '2023-01-10');
      await pay('2023-01');
      await opinion(caseId, 'afis', '2023-01-20');
      await cases.accept('prefecture', caseId, 'grant-afis', { decisionDate: '2023-01-25' });

      // F9 / L.121-9: a garnishment notice is recorded and refused; nothing is diverted.
      const notice = await cases.send('afis_payer', caseId, 'record-seizure-notice', {
        receivedOn: '2023-02-14',
        kind: 'garnishment',
        creditor: 'private',
      });
      expect(notice.status).toBe(200);
      expect(JSON.stringify(notice.body)).toContain('F9');
      await pay('2023-02');

      // 534 € for March to June 2022, 555.36 € from July 2022 (décret 2022-1340), twelve months.
      expect(MONTHS.map((m) => paid[m])).toEqual([
        53400, 53400, 53400, 53400, 55536, 55536, 55536, 55536, 55536, 55536, 55536, 55536,
      ]);
      expect(Object.values(paid).reduce((a, b) => a + b, 0)).toBe(657888);

      // Paid in arrears: March 2023 cannot be run before it ends.
      const early = await runMonth('2023-03');
      expect(early.status).toBe(422);
      expect(early.body.rules[0].rule).toBe('D.121-12-16');

      // The payments view: twelve months paid, no arrears, no overpayment; the rest of period 3 not yet payable.
      await waitForViews(api.baseUrl, dir);
      const view = await call(api.baseUrl, 'GET', `/afis/payments?caseId=${caseId}`, {
        token: await cases.token('afis_payer'),
      });
      expect(view.status).toBe(200);
      const rows = view.body.items as { month: string; dueCents: number; paidCents: number; state: string }[];
      expect(rows.filter((r) => r.state === 'paid').map((r) => [r.month, r.dueCents, r.paidCents])).toEqual(
        MONTHS.map((m) => [m, paid[m], paid[m]]),
      );
      expect(rows.filter((r) => r.state !== 'paid').map((r) => r.state)).toEqual(
        Array(5).fill('not_yet_payable'),
      );
      expect(view.body.totals).toMatchObject({ paidCents: 657888, arrearsCents: 0, overpaidCents: 0 });

      // D.121-12-17: the MSA reports conditions no longer met; the aid is not ended by it.
      await cases.accept('afis_payer', caseId, 'reexamine-afis', {
        decisionDate: '2023-03-02',
        dependentChildren: 2,
        conditionsStillMet: false,
        findings: ['new_job'],
      });
      expect((await cases.view(caseId, 'afis_payer')).view.afis.status).toBe('reported_to_prefect');
      // T20: the préfet's end without written reasons is refused, naming the rule; nothing is written.
      const noReasons = await cases.send('prefecture', caseId, 'end-afis', {
        decisionDate: '2023-03-08',
        reason: 'conditions_lost',
        personInvitedToAnswerOn: '2023-03-02',
        answerReceivedOn: '2023-03-06',
      });
      expect(noReasons.status).toBeGreaterThanOrEqual(409);
      expect(noReasons.body.rules.map((r: { rule: string }) => r.rule)).toEqual(['T20']);
      expect((await cases.view(caseId, 'afis_payer')).view.afis.status).toBe('reported_to_prefect');

      // Only the paying body (and auditors) read the payments; an association gets 403.
      const forbidden = await call(api.baseUrl, 'GET', '/afis/payments', {
        token: await cases.token('association'),
      });
      expect(forbidden.status).toBe(403);
    }, 180_000); // a whole year of commands over HTTP: generous on a loaded machine
  },
);
