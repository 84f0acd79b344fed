import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { EventStore, InMemoryEventStore } from '@psp/event-store';
import { freshSchemaUrl } from '@psp/event-store/testing';
import { PspCaseEvent } from '@psp/psp-case';
import { Actor } from '@psp/security';
import {
  AssociationCommandHandler,
  CommissionCommandHandler,
  associationCommand,
  caseStreamId,
  commissionCommand,
  loadSession,
  sessionCommand,
} from '@psp/workflow';
import {
  activeCase,
  entryUnderDecision,
  requestOpened,
} from '../../../../state-machines/psp-case/src/testing/fixtures';
import { Projection } from '../projector/projection';
import { Projector } from '../projector/projector';
import { PostgresReadModel } from '../read-model/postgres-read-model';
import { ReadModelDatabase } from '../read-model/read-model-database';
import { SqliteReadModel } from '../read-model/sqlite-read-model';
import { AssociationListProjection } from './association-list.projection';
import { CaseListProjection } from './case-list.projection';
import { CommissionAgendaProjection } from './commission-agenda.projection';
import { CommissionsProjection } from './commissions.projection';
import { AfisPaymentsProjection } from './afis-payments.projection';
import { DeadlinesProjection } from './deadlines.projection';

const ASSOCIATION: Actor = {
  subject: 'asso',
  role: 'association',
  departement: '69',
  associationId: 'asso-nid',
};
const PREFECTURE: Actor = { subject: 'pref', role: 'prefecture', departement: '69' };
const SECRETARIAT: Actor = { subject: 'sec', role: 'commission_secretariat', departement: '69' };
const SYSTEM: Actor = { subject: 'system', role: 'system' };

let seq = 0;
const ctx = (actor: Actor) => ({ actor, commandId: `cmd-${++seq}-${randomUUID()}` });

/** Case events from the psp-case fixtures (the machine's own test data), stored as the workflow stores them. */
async function givenCase(store: EventStore, caseId: string, events: readonly PspCaseEvent[]) {
  await store.append(
    caseStreamId(caseId),
    events.map((event) => ({
      id: randomUUID(),
      type: event.type,
      data: event.data,
      metadata: { schemaVersion: event.schemaVersion, occurredAt: '2024-03-05T09:00:00.000Z' },
    })),
    { expectedRevision: 'no_stream' },
  );
}

/**
 * Registries and cases of département 69 driven through the real workflow handlers: asso-nid
 * approved 2023-05-15, the commission with four members (asso-nid's representative among them),
 * case-a running its first period, case-b awaiting its decision, a 2025 sitting with a policy
 * deliberation and a 2026 sitting with case-a (ACL-01 and ACL-02 recusals) and a policy item.
 */
async function givenDepartement69(store: EventStore): Promise<void> {
  const associations = new AssociationCommandHandler(store, () => new Date('2026-04-01T10:00:00Z'));
  const commissions = new CommissionCommandHandler(store, () => new Date('2026-04-01T10:00:00Z'));
  await associations.apply(
    associationCommand('apply')!,
    {
      applicationId: 'agr-69-2023',
      receivedOn: '2023-03-01',
      declaredOn: '2015-01-10',
      statutoryPurposes: ['prostitution_support'],
      signedByLegalRepresentative: true,
      headOfficeDepartement: '69',
      addressedToDepartement: '69',
      requestedDepartements: ['69'],
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
    ctx(ASSOCIATION),
  );
  await associations.execute(
    associationCommand('grant')!,
    'asso-nid',
    { decidedOn: '2023-05-15', departements: ['69'] },
    ctx(PREFECTURE),
  );
  await givenCase(store, 'case-a', [requestOpened({ associationId: 'asso-nid' }), ...activeCase().slice(1)]);
  await givenCase(store, 'case-b', [
    requestOpened({ associationId: 'asso-nid', openedOn: '2024-02-01' }),
    ...entryUnderDecision().slice(1),
  ]);

  await commissions.constitute(
    { constitutedOn: '2023-06-01', chairs: [{ memberId: 'chair', role: 'prefet' }] },
    ctx(PREFECTURE),
  );
  await commissions.execute(
    commissionCommand('appoint-members')!,
    'commission-69',
    {
      orderedOn: '2023-06-01',
      signatories: ['prefet'],
      appointments: [
        { memberId: 'judge', category: 'judge' },
        { memberId: 'doctor', category: 'doctor' },
        { memberId: 'local', category: 'local_authority' },
        { memberId: 'rep-nid', category: 'approved_association', associationId: 'asso-nid' },
      ],
    },
    ctx(PREFECTURE),
  );
  await commissions.execute(
    commissionCommand('record-training')!,
    'commission-69',
    {
      memberId: 'judge',
      completedOn: '2023-09-01',
      trainerAssociationId: 'asso-nid',
      trainerLevel: 'departmental',
    },
    ctx(PREFECTURE),
  );

  const sit = async (
    sessionId: string,
    convenedOn: string,
    sittingOn: string,
    agenda: Record<string, unknown>[],
    beforeOpening: (
      run: (command: string, body: Record<string, unknown>) => Promise<unknown>,
    ) => Promise<void>,
  ) => {
    await commissions.convene(
      'commission-69',
      { sessionId, convenedOn, sittingOn, urgency: false, presidingChairId: 'chair', agenda } as never,
      ctx(SECRETARIAT),
    );
    const run = (command: string, body: Record<string, unknown>) =>
      commissions.executeSession(sessionCommand(command)!, sessionId, body, ctx(SECRETARIAT));
    await beforeOpening(run);
    await run('open', {
      openedOn: sittingOn,
      attendance: ['chair', 'judge', 'doctor', 'local', 'rep-nid'].map((memberId) => ({
        memberId,
        mode: 'in_person',
      })),
    });
    const snapshot = await loadSession(store, sessionId, SYSTEM);
    if (!('session' in snapshot)) throw new Error('expected the full session view');
    for (const entry of snapshot.session.agenda) {
      await run('deliberate', {
        itemId: entry.item.itemId,
        decidedOn: sittingOn,
        ballots: entry.participation.eligibleVoterIds.map((memberId) => ({ memberId, vote: 'for' })),
      });
    }
    await run('close', { closedOn: sittingOn });
  };

  await sit(
    'session-2025',
    '2025-09-01',
    '2025-09-15',
    [{ itemId: 'policy-2025', kind: 'policy', subject: 'departmental action plan' }],
    async () => undefined,
  );
  await sit(
    'session-2026',
    '2026-03-01',
    '2026-03-10',
    [
      { itemId: 'item-a', kind: 'entry', caseId: 'case-a' },
      { itemId: 'policy-2026', kind: 'policy', subject: 'minors coordination' },
    ],
    async (run) => {
      await run('declare-interest', { memberId: 'doctor', itemId: 'item-a', declaredOn: '2026-03-02' });
    },
  );
  // A sitting convened for later, with case-b on its agenda.
  await commissions.convene(
    'commission-69',
    {
      sessionId: 'session-next',
      convenedOn: '2026-04-20',
      sittingOn: '2026-05-05',
      urgency: false,
      presidingChairId: 'chair',
      agenda: [{ itemId: 'item-b', kind: 'entry', caseId: 'case-b' }],
    } as never,
    ctx(SECRETARIAT),
  );
}

const readModels: [string, () => Promise<{ db: ReadModelDatabase; cleanup: () => Promise<void> }>][] = [
  [
    'sqlite',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'psp-views-'));
      return {
        db: new SqliteReadModel(join(dir, 'read.sqlite')),
        cleanup: async () => rmSync(dir, { recursive: true, force: true }),
      };
    },
  ],
  [
    'postgres',
    async () => {
      const schema = freshSchemaUrl('views');
      return { db: await PostgresReadModel.open(schema.url), cleanup: schema.drop };
    },
  ],
];

const projectionsOf = (store: EventStore): Projection[] => [
  new CaseListProjection(store),
  new AssociationListProjection(store),
  new CommissionAgendaProjection(store),
  new CommissionsProjection(store),
  new DeadlinesProjection(store),
  new AfisPaymentsProjection(store),
];

/** Numbers come back as strings from PostgreSQL BIGINT: compare as numbers. */
const normalise = (rows: Record<string, unknown>[]) =>
  rows.map((row) =>
    Object.fromEntries(
      Object.entries(row).map(([key, value]) => [
        key,
        typeof value === 'string' &&
        /^-?\d+$/.test(value) &&
        !key.endsWith('_id') &&
        !key.startsWith('departement')
          ? Number(value)
          : value,
      ]),
    ),
  );

describe.each(readModels)('read views on a %s read model', (_name, open) => {
  let store: EventStore;
  let db: ReadModelDatabase;
  let cleanup: () => Promise<void>;
  let projector: Projector;

  beforeAll(async () => {
    store = new InMemoryEventStore();
    await givenDepartement69(store);
    ({ db, cleanup } = await open());
    projector = new Projector(store, db, projectionsOf(store));
    await projector.start();
    await projector.waitUntilCaughtUp();
  });
  afterAll(async () => {
    await projector.stop();
    await db.close();
    await cleanup();
  });

  const rows = async (sql: string, params: (string | number)[] = []) => normalise(await db.all(sql, params));

  it('handler inbox (rv_case_list v2): request type, months used of the 24-month cap (PSP-06, DUR-02)', async () => {
    const cases = await rows(
      `SELECT case_id, status, request_kind, period_end, used_months, used_month_days, cap_months
       FROM rv_case_list ORDER BY case_id`,
    );
    expect(cases).toEqual([
      expect.objectContaining({
        case_id: 'case-a',
        status: 'active',
        request_kind: 'initial',
        period_end: '2024-08-31',
        used_months: 6,
        used_month_days: 0,
        cap_months: 24,
      }),
      expect.objectContaining({
        case_id: 'case-b',
        request_kind: 'initial',
        period_end: null,
        used_months: 0,
      }),
    ]);
  });

  it('commission agenda: sittings and items with ACL-01 and ACL-02 recusals, no personal data', async () => {
    const sessions = await rows(
      `SELECT session_id, status, sitting_on, case_items, policy_items, policy_deliberations, notice_respected
       FROM rv_commission_agenda_sessions ORDER BY sitting_on`,
    );
    expect(sessions).toEqual([
      {
        session_id: 'session-2025',
        status: 'closed',
        sitting_on: '2025-09-15',
        case_items: 0,
        policy_items: 1,
        policy_deliberations: 1,
        notice_respected: 1,
      },
      {
        session_id: 'session-2026',
        status: 'closed',
        sitting_on: '2026-03-10',
        case_items: 1,
        policy_items: 1,
        policy_deliberations: 1,
        notice_respected: 1,
      },
      {
        session_id: 'session-next',
        status: 'convened',
        sitting_on: '2026-05-05',
        case_items: 1,
        policy_items: 0,
        policy_deliberations: 0,
        notice_respected: 1,
      },
    ]);
    const items = await rows(
      `SELECT item_id, kind, request_type, case_id, instructing_association_id, acl01_recused, acl02_recused,
              recusal_count, deliberated, outcome
       FROM rv_commission_agenda_items WHERE session_id = 'session-2026' ORDER BY position`,
    );
    expect(items).toEqual([
      {
        item_id: 'item-a',
        kind: 'entry',
        request_type: 'initial',
        case_id: 'case-a',
        instructing_association_id: 'asso-nid',
        acl01_recused: 'rep-nid',
        acl02_recused: 'doctor',
        recusal_count: 2,
        deliberated: 1,
        outcome: 'favourable',
      },
      {
        item_id: 'policy-2026',
        kind: 'policy',
        request_type: null,
        case_id: null,
        instructing_association_id: null,
        acl01_recused: '',
        acl02_recused: '',
        recusal_count: 0,
        deliberated: 1,
        outcome: 'adopted',
      },
    ]);
  });

  it('commissions: COM-02 terms, COM-05 training, COM-06 sittings per year against the dated minimum (1 in 2025, 2 in 2026)', async () => {
    const members = await rows(
      `SELECT member_id, category, association_id, term_end, training_completed_on
       FROM rv_commissions_members ORDER BY member_id`,
    );
    expect(members).toEqual([
      {
        member_id: 'doctor',
        category: 'doctor',
        association_id: null,
        term_end: '2026-05-31',
        training_completed_on: null,
      },
      {
        member_id: 'judge',
        category: 'judge',
        association_id: null,
        term_end: '2026-05-31',
        training_completed_on: '2023-09-01',
      },
      {
        member_id: 'local',
        category: 'local_authority',
        association_id: null,
        term_end: '2026-05-31',
        training_completed_on: null,
      },
      {
        member_id: 'rep-nid',
        category: 'approved_association',
        association_id: 'asso-nid',
        term_end: '2026-05-31',
        training_completed_on: null,
      },
    ]);
    expect(await rows('SELECT commission_id, departement, chairs FROM rv_commissions')).toEqual([
      { commission_id: 'commission-69', departement: '69', chairs: 'chair' },
    ]);
    expect(
      await rows(
        'SELECT year, sessions_held, policy_sessions, minimum, met FROM rv_commissions_years ORDER BY year',
      ),
    ).toEqual([
      { year: 2025, sessions_held: 1, policy_sessions: 1, minimum: 1, met: 1 },
      { year: 2026, sessions_held: 1, policy_sessions: 1, minimum: 2, met: 0 },
    ]);
  });

  it('deadlines: case period end (DUR-01) and cap (PSP-06), agrément expiry (AGR-06), member term ends (COM-02)', async () => {
    const deadlines = await rows(
      'SELECT source, subject_id, kind, rule_id, due_on, departement, association_id FROM rv_deadlines ORDER BY source, subject_id, kind',
    );
    expect(deadlines).toEqual([
      {
        source: 'agrement',
        subject_id: 'asso-nid',
        kind: 'agrement_expiry',
        rule_id: 'AGR-06',
        due_on: '2026-05-14',
        departement: '69',
        association_id: 'asso-nid',
      },
      expect.objectContaining({ source: 'case', subject_id: 'case-a', kind: 'cap_date', rule_id: 'PSP-06' }),
      expect.objectContaining({
        source: 'case',
        subject_id: 'case-a',
        kind: 'period_end',
        rule_id: 'DUR-01',
        association_id: 'asso-nid',
      }),
      ...['doctor', 'judge', 'local', 'rep-nid'].map((member) =>
        expect.objectContaining({
          source: 'commission_member',
          subject_id: member,
          kind: 'member_term_end',
          rule_id: 'COM-02',
          due_on: '2026-05-31',
        }),
      ),
    ]);
  });

  it('associations (rv_association_list v2): terms valid on a date (AGR-06) and cases instructed (PSP-03)', async () => {
    expect(
      await rows(
        'SELECT association_id, status, valid_to, expiry_warning_from, cases_instructed FROM rv_association_list',
      ),
    ).toEqual([
      {
        association_id: 'asso-nid',
        status: 'granted',
        valid_to: '2026-05-14',
        expiry_warning_from: '2025-11-14',
        cases_instructed: 2,
      },
    ]);
    const validOn = (on: string) =>
      rows(
        `SELECT association_id FROM rv_association_list_terms
         WHERE valid_from <= ? AND valid_to >= ? AND (withdrawn_on IS NULL OR withdrawn_on > ?)`,
        [on, on, on],
      );
    expect(await validOn('2024-01-01')).toEqual([{ association_id: 'asso-nid' }]);
    expect(await validOn('2023-01-01')).toEqual([]);
    expect(await validOn('2026-05-15')).toEqual([]);
  });

  it('the example SQL of docs/read-views.md runs on this engine (docs match the tables)', async () => {
    const doc = readFileSync(join(__dirname, '..', '..', '..', '..', 'docs', 'read-views.md'), 'utf8');
    const blocks = [...doc.matchAll(/```sql\n([\s\S]*?)```/g)].map((match) => match[1]);
    expect(blocks.length).toBeGreaterThanOrEqual(5);
    let ran = 0;
    for (const block of blocks) {
      const only = /\(PostgreSQL\)/.test(block)
        ? 'postgres'
        : /\(SQLite\)/.test(block)
          ? 'sqlite'
          : undefined;
      if (only && only !== db.dialect) continue;
      for (const statement of block.split(';').map((part) => part.trim())) {
        if (statement.replace(/--.*$/gm, '').trim() === '') continue;
        await expect(db.all(statement)).resolves.toBeDefined();
        ran += 1;
      }
    }
    expect(ran).toBeGreaterThanOrEqual(3);
  });

  it('every view is deterministic: a rebuild from the log gives the same rows', async () => {
    const tables = [
      'rv_case_list',
      'rv_association_list',
      'rv_association_list_terms',
      'rv_commission_agenda_sessions',
      'rv_commission_agenda_items',
      'rv_commissions_members',
      'rv_commissions_years',
      'rv_deadlines',
    ];
    const snapshot = async () => {
      const all: Record<string, unknown>[][] = [];
      for (const table of tables) {
        const key = table === 'rv_deadlines' ? 'deadline_id' : '1, 2, 3';
        all.push(await rows(`SELECT * FROM ${table} ORDER BY ${key}`));
      }
      return all;
    };
    const before = await snapshot();
    for (const name of ['case_list', 'association_list', 'commission_agenda', 'commissions', 'deadlines']) {
      await projector.rebuild(name);
    }
    expect(await snapshot()).toEqual(before);
  });
});
