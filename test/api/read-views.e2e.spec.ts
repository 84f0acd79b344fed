import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freshSchemaUrl } from '@psp/event-store/testing';
import { CalendarDate, addDays } from '@psp/legal-kernel';
import { Role } from '@psp/security';
import { RunningApi, startApiProcess } from '../support/api-process';
import { CaseDriver } from '../support/case-driver';
import { TokenScope, call, devTokens } from '../support/dev-tokens';
import { Registries } from '../support/registry-seed';

/** A fictional person: nothing of it may appear in a read view. */
const PERSON = {
  givenName: 'Philomène',
  familyName: 'Vueslecture',
  birthDate: '1999-04-11',
  nationality: 'FR',
  contact: { phone: '+33 6 00 00 00 42', email: 'philomene.vueslecture@example.org' },
};

/** The seeding drives two cases and two sittings through every step over HTTP: more than the default 5 s. */
jest.setTimeout(120_000);

const D = '69';
const ASSO = 'asso-69-views';
const OLD_ASSO = 'asso-69-older';
const OTHER_D = '13';

/**
 * The read views over real HTTP against the API process. "Today" is the API's clock: the test
 * reads it from a first answer and seeds registries and cases on dates relative to it, so the
 * day counts (days to renewal, within N days) are checked exactly.
 */
const stores: [string, () => { url: string; cleanup: () => Promise<void> }][] = [
  ['SQLite', () => ({ url: '', cleanup: async () => undefined })],
  [
    'PostgreSQL',
    () => {
      const schema = freshSchemaUrl('views');
      return { url: schema.url, cleanup: schema.drop };
    },
  ],
];

describe.each(stores)('read views over HTTP (/views/...), events and read model on %s', (_name, database) => {
  const dir = mkdtempSync(join(tmpdir(), 'psp-views-'));
  const { url, cleanup } = database();
  let api: RunningApi;
  let mint: ReturnType<typeof devTokens>;
  let today: CalendarDate;
  const d = (days: number) => addDays(today, days);
  let activeCaseId: string;
  let pendingCaseId: string;
  const UPCOMING = 'session-69-upcoming';

  const token = (role: Role, scope: TokenScope = {}) => mint(role, scope);
  const must = async (path: string, role: Role, scope: TokenScope, body: unknown) => {
    const answer = await call(api.baseUrl, 'POST', path, { token: await token(role, scope), body });
    if (answer.status !== 200 && answer.status !== 201) {
      throw new Error(`POST ${path} → ${answer.status}: ${JSON.stringify(answer.body)}`);
    }
    return answer;
  };
  const get = async (
    path: string,
    role: Role,
    scope: TokenScope = {},
    headers: Record<string, string> = {},
  ) => call(api.baseUrl, 'GET', path, { token: await token(role, scope), headers });
  /** Views are fed asynchronously: read until the predicate holds (bounded). */
  const eventually = async (
    path: string,
    role: Role,
    scope: TokenScope,
    ready: (body: any) => boolean,
  ): Promise<any> => {
    for (let attempt = 0; ; attempt += 1) {
      const answer = await get(path, role, scope);
      if (answer.status === 200 && ready(answer.body)) return answer.body;
      if (attempt >= 100) throw new Error(`${path} never got ready: ${JSON.stringify(answer.body)}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };

  const PREF = { departement: D };
  const SEC = { departement: D };
  const PREF_13 = { departement: OTHER_D };
  const ASSO_SCOPE = { departement: D, associationId: ASSO };

  const applyAndGrant = async (
    associationId: string,
    departement: string,
    receivedOn: string,
    decidedOn: string,
  ) => {
    await must(
      '/associations',
      'association',
      { departement, associationId },
      {
        applicationId: `agr-${associationId}`,
        receivedOn,
        declaredOn: '2012-01-10',
        statutoryPurposes: ['prostitution_support'],
        signedByLegalRepresentative: true,
        headOfficeDepartement: departement,
        addressedToDepartement: departement,
        requestedDepartements: [departement],
        conditions: {
          generalAssemblyResolution: { proved: true },
          meansAndPartnerNetwork: { proved: true },
          staffAndVolunteerTraining: { proved: true },
        },
        fileItems: [
          'signed_request',
          'general_assembly_resolution',
          'means_and_partner_network',
          'staff_training_evidence',
          'registration_number',
        ],
      },
    );
    await must(
      `/associations/${associationId}/grant`,
      'prefecture',
      { departement },
      {
        decidedOn,
        departements: [departement],
      },
    );
  };

  beforeAll(async () => {
    api = await startApiProcess({
      EVENT_STORE_URL: url || `sqlite:${join(dir, 'events.sqlite')}`,
      DATA_DIR: dir,
      SCHEDULER_INTERVAL_MS: '0',
    });
    mint = devTokens(dir);
    today = (await get('/views/deadlines', 'system')).body.today;

    // AGR-06: one agrément in force for 3 years from d(-400); an older one ending in about 60 days.
    await applyAndGrant(ASSO, D, d(-420), d(-400));
    await applyAndGrant(OLD_ASSO, D, d(-1120), d(-1035));
    await applyAndGrant('asso-13-views', OTHER_D, d(-420), d(-400));

    // COM-01 / COM-02: the commission of 69; one member's term (started earlier) ends in about 25 days.
    await must('/commissions', 'prefecture', PREF, {
      constitutedOn: d(-200),
      chairs: [{ memberId: 'chair-69', role: 'prefet' }],
    });
    const appointments = [
      { memberId: 'judge-69', category: 'judge' },
      { memberId: 'doctor-69', category: 'doctor' },
      { memberId: 'local-69', category: 'local_authority' },
      { memberId: 'rep-69', category: 'approved_association', associationId: ASSO },
      { memberId: 'senior-69', category: 'local_authority', termStart: d(-1070) },
    ];
    await must('/commissions/commission-69/appoint-members', 'prefecture', PREF, {
      orderedOn: d(-200),
      signatories: ['prefet'],
      appointments,
    });
    await must('/commissions/commission-69/record-training', 'prefecture', PREF, {
      memberId: 'judge-69',
      completedOn: d(-150),
      trainerAssociationId: ASSO,
      trainerLevel: 'departmental',
    });
    const registries = new Registries(api.baseUrl, mint, {
      departement: D,
      associationId: ASSO,
      commissionId: 'commission-69',
      chairIds: ['chair-69'],
      memberIds: appointments.map((a) => a.memberId),
      associationRepresentativeId: 'rep-69',
    });

    // A case in its first period (authorised and notified on d(-50)), and one awaiting the commission.
    const cases = new CaseDriver(api.baseUrl, mint, { departement: D, associationId: ASSO });
    const instructed = async (key: string, openedOn: string) => {
      const opened = await cases.open(
        { openedOn, personAgrees: true, victimOf: ['procuring'], person: PERSON },
        key,
      );
      if (opened.status !== 201) throw new Error(JSON.stringify(opened.body));
      const caseId = opened.body.caseId as string;
      await cases.accept('association', caseId, 'aps-not-applicable', {
        determinedOn: openedOn,
        reason: 'french',
      });
      await cases.completeInstruction(caseId, {
        completedOn: addDays(openedOn, 5),
        plannedActions: ['housing', 'health_care', 'work_integration'],
        plannedLengthMonths: 6,
        associationOpinion: 'favourable',
        swornStatementOfCessation: false,
      });
      await cases.accept('association', caseId, 'submit', { submittedOn: addDays(openedOn, 10) });
      return caseId;
    };
    activeCaseId = await instructed('views-active', d(-90));
    const item = await registries.opinion({
      caseId: activeCaseId,
      kind: 'entry',
      on: d(-60),
      opinion: 'favourable',
    });
    await cases.accept('commission_secretariat', activeCaseId, 'record-commission-opinion', item);
    await cases.accept('prefecture', activeCaseId, 'authorise', { decisionDate: d(-50) });
    await cases.accept('prefecture', activeCaseId, 'notify-decision', {
      notifiedOn: d(-50),
      toPerson: true,
      toAssociation: true,
    });
    pendingCaseId = await instructed('views-pending', d(-20));

    // COM-07: the next sitting, in 10 days, with the pending case; ACL-02 declared by the doctor.
    await must('/commissions/commission-69/sessions', 'commission_secretariat', SEC, {
      sessionId: UPCOMING,
      convenedOn: today,
      sittingOn: d(10),
      urgency: false,
      presidingChairId: 'chair-69',
      agenda: [
        { itemId: 'item-upcoming', kind: 'entry', caseId: pendingCaseId },
        { itemId: 'item-policy', kind: 'policy', subject: 'departmental action plan' },
      ],
    });
    await must(`/commission-sessions/${UPCOMING}/declare-interest`, 'commission_secretariat', SEC, {
      memberId: 'doctor-69',
      itemId: 'item-upcoming',
      declaredOn: today,
    });
  });
  afterAll(async () => {
    await api?.stop();
    await cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  it('handler inbox: period end, days to renewal (DUR-01), months used of 24 (PSP-06), next sitting (COM-07), JSON and CSV', async () => {
    const body = await eventually('/views/handler-inbox', 'prefecture', PREF, (b) =>
      b.items.some((i: any) => i.caseId === pendingCaseId && i.nextCommissionSession),
    );
    expect(body.today).toBe(today);
    const active = body.items.find((i: any) => i.caseId === activeCaseId);
    expect(active).toMatchObject({
      status: 'active',
      requestType: 'initial',
      periodIndex: 1,
      capMonths: 24,
      nextCommissionSession: { sessionId: UPCOMING, sittingOn: d(10) },
    });
    expect(active.periodEnd > today).toBe(true);
    expect(active.daysToRenewal).toBe(
      Math.round((Date.parse(active.periodEnd) - Date.parse(today)) / 86_400_000),
    );
    expect(active.monthsUsed.months).toBe(6);
    const pending = body.items.find((i: any) => i.caseId === pendingCaseId);
    expect(pending).toMatchObject({ status: 'under_review', periodEnd: null, daysToRenewal: null });

    // Cases by status and stage: the counts add up to the list.
    expect(body.byStatus).toEqual(
      expect.arrayContaining([expect.objectContaining({ status: 'active', cases: 1 })]),
    );
    expect(body.byStatus.reduce((sum: number, g: any) => sum + g.cases, 0)).toBe(body.items.length);
    const onlyActive = await get('/views/handler-inbox?status=active', 'prefecture', PREF);
    expect(onlyActive.body.items.map((i: any) => i.caseId)).toEqual([activeCaseId]);

    const own = await get('/views/handler-inbox', 'association', ASSO_SCOPE);
    expect(own.body.items.map((i: any) => i.caseId).sort()).toEqual([activeCaseId, pendingCaseId].sort());

    const csv = await get('/views/handler-inbox?format=csv', 'prefecture', PREF);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    const lines = (csv.body as string).trim().split('\r\n');
    expect(lines[0]).toBe(
      'case_id,departement,association_id,status,stage,request_type,period_index,period_end,days_to_renewal,months_used,months_used_days,cap_months,aps_status,aps_expiry,post_psp_review_due,next_session_id,next_sitting_on',
    );
    expect(lines).toHaveLength(3);
    expect(lines.find((line) => line.startsWith(activeCaseId))).toContain(`,${active.daysToRenewal},6,`);
  });

  it('commission agenda: items with ACL-01 and ACL-02 recusal flags and a minimised case summary with no personal field', async () => {
    const body = await eventually(
      `/views/commission-agenda?from=${today}`,
      'commission_secretariat',
      SEC,
      (b) =>
        b.sessions.some(
          (s: any) =>
            s.sessionId === UPCOMING && s.items[0]?.case?.status && s.items[0].recusalFlags['ACL-02'],
        ),
    );
    const session = body.sessions.find((s: any) => s.sessionId === UPCOMING);
    expect(session).toMatchObject({ status: 'convened', sittingOn: d(10), noticeRespected: true });
    const [caseItem, policyItem] = session.items;
    expect(caseItem).toMatchObject({
      itemId: 'item-upcoming',
      kind: 'entry',
      recusals: {
        instructingAssociation: ['rep-69'],
        declaredInterest: ['doctor-69'],
        individualFilesExcluded: [],
      },
      recusalFlags: { 'ACL-01': true, 'ACL-02': true, 'ACL-03': false },
      case: {
        caseId: pendingCaseId,
        requestType: 'initial',
        instructingAssociationId: ASSO,
        status: 'under_review',
        periodIndex: null,
        periodEnd: null,
      },
    });
    expect(Object.keys(caseItem.case).sort()).toEqual(
      [
        'caseId',
        'instructingAssociationId',
        'monthsUsed',
        'periodEnd',
        'periodIndex',
        'requestType',
        'rightsLeft',
        'stage',
        'status',
      ].sort(),
    );
    expect(policyItem).toMatchObject({ kind: 'policy', subject: 'departmental action plan', case: null });
    // No personal data anywhere in the agenda (ACL-05): no name, birth date, contact, no person reference.
    const csv = await get(`/views/commission-agenda?from=${today}`, 'commission_secretariat', SEC, {
      accept: 'text/csv',
    });
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    expect((csv.body as string).split('\r\n')[0]).toContain('acl01_recused,acl02_recused');
    expect(csv.body).toContain('rep-69');
    for (const text of [JSON.stringify(body), csv.body as string]) {
      for (const secret of [
        PERSON.givenName,
        PERSON.familyName,
        PERSON.birthDate,
        PERSON.contact.email,
        '00 42',
      ]) {
        expect(text).not.toContain(secret);
      }
      expect(text).not.toMatch(/person|birth|nationality|health|social/i);
    }
    const one = await get(`/views/commission-agenda/${UPCOMING}`, 'prefecture', PREF);
    expect(one.status).toBe(200);
    expect(one.body.sessions).toHaveLength(1);
  });

  it('deadlines within N days: case period end (DUR-01), agrément expiry (AGR-06), member term end (COM-02), JSON and CSV', async () => {
    const body = await eventually('/views/deadlines?within=200', 'prefecture', PREF, (b) =>
      b.items.some((i: any) => i.source === 'case'),
    );
    expect(body).toMatchObject({ today, within: 200, until: d(200) });
    const kinds = body.items.map((i: any) => `${i.source}:${i.subjectId}:${i.kind}:${i.ruleId}`);
    expect(kinds).toEqual(
      expect.arrayContaining([
        `case:${activeCaseId}:period_end:DUR-01`,
        `agrement:${OLD_ASSO}:agrement_expiry:AGR-06`,
        'commission_member:senior-69:member_term_end:COM-02',
      ]),
    );
    expect(kinds).not.toContain(`agrement:${ASSO}:agrement_expiry:AGR-06`); // beyond 200 days
    for (const item of body.items) {
      expect(item.daysLeft).toBe(Math.round((Date.parse(item.dueOn) - Date.parse(today)) / 86_400_000));
      expect(item.daysLeft).toBeGreaterThanOrEqual(0);
      expect(item.daysLeft).toBeLessThanOrEqual(200);
    }
    const soon = await get('/views/deadlines?within=30', 'prefecture', PREF);
    expect(soon.body.items.map((i: any) => i.subjectId)).toEqual(['senior-69']);
    const byDefault = await get('/views/deadlines', 'prefecture', PREF);
    expect(byDefault.body.within).toBe(30);

    const own = await get('/views/deadlines?within=200', 'association', ASSO_SCOPE);
    expect(own.body.items.map((i: any) => i.source)).not.toContain('commission_member');
    expect(own.body.items.map((i: any) => i.subjectId)).not.toContain(OLD_ASSO);

    const csv = await get('/views/deadlines?within=200&format=csv', 'prefecture', PREF);
    const lines = (csv.body as string).trim().split('\r\n');
    expect(lines[0]).toBe(
      'due_on,days_left,source,subject_id,kind,rule_id,departement,association_id,commission_id',
    );
    expect(lines).toHaveLength(body.items.length + 1);
  });

  it('associations: agrément valid on a date (AGR-06), expiring within 6 months, cases instructed (PSP-03)', async () => {
    const body = await eventually(`/views/associations?on=${today}`, 'prefecture', PREF, (b) =>
      b.items.some((i: any) => i.associationId === ASSO && i.casesInstructed === 2),
    );
    expect(body.items).toEqual([
      expect.objectContaining({
        associationId: OLD_ASSO,
        validOnDate: true,
        expiringWithinSixMonths: true,
        casesInstructed: 0,
      }),
      expect.objectContaining({
        associationId: ASSO,
        validOnDate: true,
        expiringWithinSixMonths: false,
        casesInstructed: 2,
      }),
    ]);
    const before = await get(`/views/associations?on=${d(-410)}`, 'prefecture', PREF);
    expect(before.body.items.map((i: any) => i.associationId)).toEqual([OLD_ASSO]);
    const expiring = await get('/views/associations?expiring=true', 'prefecture', PREF);
    expect(expiring.body.items.map((i: any) => i.associationId)).toEqual([OLD_ASSO]);
    const own = await get('/views/associations', 'association', ASSO_SCOPE);
    expect(own.body.items.map((i: any) => i.associationId)).toEqual([ASSO]);
    const csv = await get('/views/associations?format=csv', 'prefecture', PREF);
    expect((csv.body as string).split('\r\n')[0]).toBe(
      'association_id,head_office_departement,departements,status,valid_from,valid_to,valid_on_date,expiring_within_6_months,cases_instructed',
    );
    expect(csv.body).toContain(`${ASSO},69,69,granted,${d(-400)},`);
  });

  it('commissions: COM-06 sittings held against the dated minimum, COM-02 terms ending, COM-05 members without training', async () => {
    const year = Number(d(-60).slice(0, 4));
    const body = await eventually(
      `/views/commissions?year=${year}&within=60`,
      'commission_secretariat',
      SEC,
      (b) => b.items.some((i: any) => i.sessionsHeld === 1),
    );
    expect(body.items).toEqual([
      {
        commissionId: 'commission-69',
        departement: D,
        year,
        sessionsHeld: 1,
        policySessions: 0,
        // COM-06: 1 policy meeting a year before 2026, 2 from 2026 (decree of 30 Dec 2025).
        minimum: year >= 2026 ? 2 : 1,
        minimumMet: false,
        termsEnding: [
          {
            memberId: 'senior-69',
            category: 'local_authority',
            termEnd: expect.any(String),
            daysLeft: expect.any(Number),
          },
        ],
        withoutTraining: ['senior-69', 'doctor-69', 'local-69', 'rep-69'].map((memberId) => ({
          memberId,
          category: expect.any(String),
        })),
      },
    ]);
    const csv = await get(`/views/commissions?year=${year}`, 'prefecture', PREF, { accept: 'text/csv' });
    expect((csv.body as string).split('\r\n')[1]).toMatch(/^commission-69,69,\d{4},1,0,[12],false,/);
  });

  it('scope: another département reads nothing of 69 (empty lists, 404 on the sitting); analysts and members read no rows (403)', async () => {
    const views = [
      'handler-inbox',
      'commission-agenda?from=2000-01-01',
      'deadlines?within=3000',
      'associations',
      'commissions',
    ];
    for (const view of views) {
      const answer = await get(`/views/${view}`, 'prefecture', PREF_13);
      expect(answer.status).toBe(200);
      const text = JSON.stringify(answer.body);
      for (const leak of [ASSO, OLD_ASSO, 'commission-69', activeCaseId, pendingCaseId, UPCOMING]) {
        expect(text).not.toContain(leak);
      }
    }
    expect(
      (await get(`/views/commission-agenda/${UPCOMING}`, 'commission_secretariat', PREF_13)).status,
    ).toBe(404);
    expect((await get(`/views/commission-agenda/${UPCOMING}`, 'association', ASSO_SCOPE)).status).toBe(404);
    for (const view of views) {
      expect((await get(`/views/${view}`, 'analyst')).status).toBe(403);
    }
    expect(
      (await get('/views/commission-agenda', 'commission_member', { departement: D, memberId: 'judge-69' }))
        .status,
    ).toBe(403);
  });

  it('bad query values are a 400 problem naming the field, never a 500', async () => {
    const cases: [string, string][] = [
      ['/views/deadlines?within=abc', 'within'],
      ['/views/deadlines?within=-1', 'within'],
      ['/views/associations?on=2026-02-30', 'on'],
      ['/views/associations?expiring=maybe', 'expiring'],
      ['/views/commissions?year=1999', 'year'],
      ['/views/commission-agenda?from=yesterday', 'from'],
      ['/views/handler-inbox?status=sleeping', 'status'],
      ['/views/handler-inbox?format=xml', 'format'],
      ['/views/handler-inbox?unknown=1', 'unknown'],
    ];
    for (const [path, field] of cases) {
      const answer = await get(path, 'prefecture', PREF);
      expect([path, answer.status]).toEqual([path, 400]);
      expect(answer.headers.get('content-type')).toMatch(/application\/problem\+json/);
      expect(answer.body.errors.map((e: any) => e.field)).toContain(field);
    }
  });
});
