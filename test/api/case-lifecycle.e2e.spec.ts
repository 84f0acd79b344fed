import 'reflect-metadata';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freshSchemaUrl } from '@psp/event-store/testing';
import { RunningApi, startApiProcess } from '../support/api-process';
import { CaseDriver } from '../support/case-driver';
import { uploadAnnexe10 } from '../support/document-files';
import { call, devTokens } from '../support/dev-tokens';
import { OpinionKind, Registries, seedRegistries } from '../support/registry-seed';
import { waitForViews } from '../support/wait-for-views';

const run = promisify(execFile);
const ROOT = join(__dirname, '..', '..');

/** A fictional person: none of these values may ever appear in a log, an event or a view. */
const PERSON = {
  givenName: 'Zéphyrine',
  familyName: 'Testvaleur',
  birthDate: '2001-06-15',
  nationality: 'FR',
  contact: { phone: '+33 6 00 00 00 17', email: 'zephyrine.testvaleur@example.org' },
};

const FOREIGN_PERSON = {
  givenName: 'Ifeoma',
  familyName: 'Nonreelle',
  birthDate: '1996-02-03',
  nationality: 'NG',
  documents: [{ kind: 'consular_card', number: 'CC-TEST-0001', validUntil: '2027-01-01' }],
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

describe.each(stores)(
  'a PSP case from request to the end of the parcours over HTTP, on %s',
  (_name, database) => {
    const dir = mkdtempSync(join(tmpdir(), 'psp-lifecycle-'));
    const { url, cleanup } = database();
    const env = {
      EVENT_STORE_URL: url || `sqlite:${join(dir, 'events.sqlite')}`,
      DATA_DIR: dir,
      SCHEDULER_INTERVAL_MS: '0',
    };
    let api: RunningApi;
    let cases: CaseDriver;
    let registries: Registries;

    const opinion = async (
      caseId: string,
      kind: OpinionKind,
      on: string,
      value: 'favourable' | 'unfavourable' = 'favourable',
    ) => {
      const item = await registries.opinion({ caseId, kind, on, opinion: value });
      return cases.accept('commission_secretariat', caseId, 'record-commission-opinion', item);
    };

    /** T1..T7 for a French national: instructed, both opinions, authorised, notified. */
    const activeFrenchCase = async (key: string, authorisedOn = '2024-03-01') => {
      const opened = await cases.open(
        { openedOn: '2024-01-05', personAgrees: true, victimOf: ['procuring'], person: PERSON },
        key,
      );
      expect(opened.status).toBe(201);
      const caseId = opened.body.caseId as string;
      await cases.accept('association', caseId, 'aps-not-applicable', {
        determinedOn: '2024-01-05',
        reason: 'french',
      });
      await cases.completeInstruction(caseId, {
        completedOn: '2024-01-20',
        plannedActions: ['housing', 'health_care', 'work_integration'],
        plannedLengthMonths: 6,
        associationOpinion: 'favourable',
        swornStatementOfCessation: false,
      });
      await cases.accept('association', caseId, 'submit', { submittedOn: '2024-01-22' });
      await opinion(caseId, 'entry', '2024-02-10');
      await cases.accept('prefecture', caseId, 'authorise', { decisionDate: authorisedOn });
      await cases.accept('prefecture', caseId, 'notify-decision', {
        notifiedOn: '2024-03-05',
        toPerson: true,
        toAssociation: true,
      });
      return caseId;
    };

    const renewal = async (
      caseId: string,
      start: string,
      opinionOn: string,
      decisionDate: string,
      notifiedOn: string,
    ) => {
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
      return cases.accept('prefecture', caseId, 'grant-renewal', {
        decisionDate,
        notifiedOn,
        commitmentsAndDifficultiesConsidered: true,
      });
    };

    beforeAll(async () => {
      api = await startApiProcess(env);
      const mint = devTokens(dir);
      registries = await seedRegistries(api.baseUrl, mint, {
        departement: '69',
        associationId: 'asso-69-nid',
      });
      cases = new CaseDriver(api.baseUrl, mint, { departement: '69', associationId: 'asso-69-nid' });
    });
    afterAll(async () => {
      await api?.stop();
      await cleanup();
      rmSync(dir, { recursive: true, force: true });
    });

    it('scenario 1 / PSP-02 / PSP-05 / PSP-10: French national, AFIS granted with its amount, two renewals, an interruption and a resumption within the 24-month cap', async () => {
      const caseId = await activeFrenchCase('lifecycle-french-1');
      let view = await cases.view(caseId);
      expect(view).toMatchObject({
        view: { status: 'active' },
        departement: '69',
        associationId: 'asso-69-nid',
      });
      expect(view.view.periods).toEqual([
        expect.objectContaining({ index: 1, start: '2024-03-01', end: '2024-08-31' }),
      ]);

      // AFIS (section 4): requested, instructed by the MSA, commission opinion, granted by the préfet.
      await cases.accept('association', caseId, 'request-afis', {
        requestedOn: '2024-04-03',
        nationalityCategory: 'french',
        residenceDocument: 'none',
        previousMonthHouseholdResourcesCents: 30000,
        rsaReceivedOrClaimable: false,
        adaReceivedOrClaimable: false,
        dependentChildren: 0,
      });
      await cases.accept('afis_payer', caseId, 'start-afis-instruction', { startedOn: '2024-04-05' });
      await cases.completeAfisInstruction(caseId, { completedOn: '2024-04-20' });
      await opinion(caseId, 'afis', '2024-05-10');
      await cases.accept('prefecture', caseId, 'grant-afis', { decisionDate: '2024-05-15' });
      view = await cases.view(caseId);
      expect(view.view.afis).toMatchObject({ status: 'paying', monthlyAmountCents: 34320 }); // scenario 14: 343.20 €

      // Renewal 1 (T8..T10): period 2 follows period 1.
      await renewal(caseId, '2024-07-01', '2024-07-20', '2024-08-01', '2024-08-05');
      view = await cases.view(caseId);
      expect(view.view.status).toBe('renewed');
      expect(view.view.periods[1]).toMatchObject({ index: 2, start: '2024-09-01', end: '2025-02-28' });

      // Interruption (T15) and resumption (T16): interrupted months count towards the cap (PSP-07).
      await cases.accept('association', caseId, 'interrupt', {
        interruptedOn: '2024-11-01',
        reason: 'hospital_stay',
      });
      expect((await cases.view(caseId)).view.status).toBe('interrupted');
      await cases.accept('association', caseId, 'request-resumption', {
        requestedOn: '2025-03-01',
        associationOpinion: 'favourable',
      });
      await opinion(caseId, 'resumption', '2025-03-10');
      await cases.accept('prefecture', caseId, 'authorise-resumption', {
        decisionDate: '2025-03-15',
        notifiedOn: '2025-03-15',
      });

      // Renewal 2.
      await renewal(caseId, '2025-07-01', '2025-07-20', '2025-08-01', '2025-08-05');
      view = await cases.view(caseId);
      const periods = view.view.periods as { start: string; end: string; stoppedOn?: string }[];
      expect(periods).toHaveLength(4);
      for (let i = 1; i < periods.length; i += 1)
        expect(periods[i].start > (periods[i - 1].stoppedOn ?? periods[i - 1].end)).toBe(true);
      // 6 months + 2 months (to the interruption) + 6 + 6 = 20 months used at the end of period 4: 4 left.
      expect(view.view.rights).toMatchObject({ capMonths: 24 });
      expect(view.view.rights.left.months + view.view.rights.used.months).toBeLessThanOrEqual(24);

      // The list view follows (projection).
      await waitForViews(api.baseUrl, dir);
      const list = await call(api.baseUrl, 'GET', '/cases?status=renewed', {
        token: await cases.token('prefecture'),
      });
      expect(list.body.items.map((c: { caseId: string }) => c.caseId)).toContain(caseId);
    });

    it('APS-09 / scenario 27 / scenario 28 / APS-07: a foreign national: no APS while asylum is pending, then issued on a consular card without passport', async () => {
      const opened = await cases.open(
        { openedOn: '2024-07-01', personAgrees: true, victimOf: ['trafficking'], person: FOREIGN_PERSON },
        'lifecycle-foreign-1',
      );
      const caseId = opened.body.caseId as string;
      await cases.accept('association', caseId, 'aps-required', {
        determinedOn: '2024-07-01',
        asylumClaimPending: true,
      });
      await cases.completeInstruction(caseId, {
        completedOn: '2024-07-15',
        plannedActions: ['housing', 'access_to_rights'],
        plannedLengthMonths: 6,
        associationOpinion: 'favourable',
        swornStatementOfCessation: true,
      });
      await cases.accept('association', caseId, 'submit', { submittedOn: '2024-07-16' });
      await opinion(caseId, 'entry', '2024-08-20');
      await cases.accept('prefecture', caseId, 'authorise', { decisionDate: '2024-09-02' });
      await cases.accept('prefecture', caseId, 'notify-decision', {
        notifiedOn: '2024-09-02',
        toPerson: true,
        toAssociation: true,
      });
      expect((await cases.view(caseId)).view.status).toBe('aps_pending');

      // D1–D10: the annexe 10 papers are uploaded; the checklist is read from them.
      await uploadAnnexe10(api.baseUrl, await cases.token('association'), caseId);
      const declarations = { nonPolygamyStatement: 'not_applicable', visaFeeProof: 'due_on_delivery' };
      const blocked = await cases.send('foreigners_department', caseId, 'file-aps', {
        filedOn: '2024-09-10',
        ...declarations,
      });
      expect(blocked.status).toBe(409);
      expect(blocked.body.rules.map((r: { rule: string }) => r.rule)).toContain('APS-09');

      await cases.accept('foreigners_department', caseId, 'record-asylum-rejection', {
        rejectedOn: '2024-10-01',
      });
      await cases.accept('foreigners_department', caseId, 'file-aps', {
        filedOn: '2024-10-05',
        ...declarations,
      });
      await cases.accept('foreigners_department', caseId, 'issue-aps', {
        decisionDate: '2024-10-20',
        publicOrderThreat: false,
        previousOqtf: 'none',
        stopDoubted: false,
        validFrom: '2024-10-20',
        validTo: '2025-04-30',
      });
      const view = await cases.view(caseId);
      expect(view.view).toMatchObject({ status: 'active', aps: { status: 'issued', workAllowed: true } });
    });

    it('PSP-09 / scenario 10 / scenario 11: a non-renewal needs the observations step, and rights end on the notification date', async () => {
      const caseId = await activeFrenchCase('lifecycle-non-renewal-1');
      await cases.accept('association', caseId, 'start-renewal', { startedOn: '2024-07-01' });
      await cases.accept('association', caseId, 'submit-renewal', {
        submittedOn: '2024-07-05',
        followUpDocumentUpdated: true,
        resultsReported: true,
        commitmentsKept: 'not_kept',
        difficulties: ['no contact since May'],
        associationOpinion: 'unfavourable',
      });
      await opinion(caseId, 'renewal', '2024-07-20', 'unfavourable');
      await cases.accept('prefecture', caseId, 'propose-non-renewal', {
        proposedOn: '2024-07-25',
        reasons: ['commitments not kept'],
      });
      const early = await cases.send('prefecture', caseId, 'notify-non-renewal', {
        decisionDate: '2024-07-26',
        notifiedOn: '2024-07-27',
        reasons: ['commitments not kept'],
      });
      expect(early.status).toBe(409);
      expect(early.body.rules.map((r: { rule: string }) => r.rule)).toContain('PSP-09');

      await cases.accept('association', caseId, 'record-observations', { receivedOn: '2024-08-05' });
      await cases.accept('prefecture', caseId, 'notify-non-renewal', {
        decisionDate: '2024-08-10',
        notifiedOn: '2024-08-15',
        reasons: ['commitments not kept'],
      });
      const view = await cases.view(caseId);
      expect(view.view).toMatchObject({ status: 'not_renewed', rights: { rightsEndedOn: '2024-08-15' } });
    });

    it('PD-1: the person withdraws their agreement, recorded by the association', async () => {
      const caseId = await activeFrenchCase('lifecycle-withdrawal-1');
      await cases.accept('association', caseId, 'withdraw', {
        withdrawnOn: '2024-05-02',
        recordedBy: 'association',
        byPerson: true,
      });
      expect((await cases.view(caseId)).view.status).toBe('withdrawn');
    });

    it('ACL-05 shows the person to the instructing association, not to the commission secretariat; ACL-04 no personal value in the logs', async () => {
      const caseId = await activeFrenchCase('lifecycle-need-to-know-1');
      expect((await cases.view(caseId, 'association')).person).toMatchObject({ givenName: PERSON.givenName });
      expect((await cases.view(caseId, 'commission_secretariat')).person).toBeUndefined();
      const logs = api.output();
      for (const value of [
        PERSON.givenName,
        PERSON.familyName,
        PERSON.birthDate,
        PERSON.contact.email,
        FOREIGN_PERSON.familyName,
      ]) {
        expect(logs).not.toContain(value);
      }
    });

    it('answers a retried command (same Idempotency-Key) with the first answer and writes nothing; a stale If-Match gets 412', async () => {
      const caseId = await activeFrenchCase('lifecycle-idempotency-1');
      const body = {
        recordedOn: '2024-04-10',
        sessionId: 'follow-up-1',
        safetyConcern: false,
        accessToRightsConcern: false,
        commitmentsKept: 'kept',
      };
      const first = await cases.send('commission_secretariat', caseId, 'record-commission-follow-up', body, {
        'idempotency-key': 'follow-up-key-1',
      });
      expect(first.status).toBe(200);
      const again = await cases.send('commission_secretariat', caseId, 'record-commission-follow-up', body, {
        'idempotency-key': 'follow-up-key-1',
      });
      expect(again.status).toBe(200);
      expect(again.body).toMatchObject({ revision: first.body.revision, replayed: true });
      expect(again.headers.get('idempotent-replayed')).toBe('true');
      expect((await cases.get(caseId)).headers.get('etag')).toBe(`"${first.body.revision}"`);

      const stale = await cases.send('commission_secretariat', caseId, 'record-commission-follow-up', body, {
        'if-match': `"${first.body.revision - 1}"`,
      });
      expect(stale.status).toBe(412);
      expect(stale.headers.get('etag')).toBe(`"${first.body.revision}"`);
      const fresh = await cases.send('commission_secretariat', caseId, 'record-commission-follow-up', body, {
        'if-match': `"${first.body.revision}"`,
      });
      expect(fresh.status).toBe(200);
      expect(fresh.body.revision).toBe(first.body.revision + 1);
    });

    it('50 concurrent commands on one case: every accepted one written once, none lost, revisions without gaps', async () => {
      const caseId = await activeFrenchCase('lifecycle-concurrency-1');
      const before = (await cases.view(caseId)).revision as number;
      const answers = await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          cases.send('commission_secretariat', caseId, 'record-commission-follow-up', {
            recordedOn: '2024-04-10',
            sessionId: `follow-up-c${i}`,
            safetyConcern: false,
            accessToRightsConcern: false,
            commitmentsKept: 'kept',
          }),
        ),
      );
      const accepted = answers.filter((a) => a.status === 200);
      const busy = answers.filter((a) => a.status === 409);
      expect(accepted.length + busy.length).toBe(50);
      expect(accepted.length).toBeGreaterThan(0);
      const revisions = accepted.map((a) => a.body.revision as number).sort((a, b) => a - b);
      expect(revisions).toEqual(Array.from({ length: accepted.length }, (_, i) => before + 1 + i));
      expect((await cases.view(caseId)).revision).toBe(before + accepted.length);
    });

    it('T14: a deadline falls due when the scheduler runs on a later date, and the case lapses; restarting the API gives the same answers', async () => {
      const caseId = await activeFrenchCase('lifecycle-deadline-1');
      expect((await cases.view(caseId)).view.deadlines.periodEnd).toBe('2024-08-31');
      const { stdout } = await run(
        process.execPath,
        ['-r', '@swc-node/register', 'apps/cli/src/main.ts', 'run-deadlines', '--today', '2024-09-02'],
        {
          cwd: ROOT,
          env: { ...process.env, ...env, NODE_ENV: 'development' },
        },
      );
      expect(stdout).toContain(`${caseId}  end-period  on 2024-09-01`);
      const lapsed = await cases.view(caseId);
      expect(lapsed.view.status).toBe('lapsed');

      await api.stop();
      api = await startApiProcess(env);
      const mint = devTokens(dir);
      cases = new CaseDriver(api.baseUrl, mint, { departement: '69', associationId: 'asso-69-nid' });
      registries = registries.reconnect(api.baseUrl);
      expect(await cases.view(caseId)).toEqual(lapsed);
    });
  },
);
