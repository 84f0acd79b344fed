import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventStore, InMemoryEventStore } from '@psp/event-store';
import { freshSchemaUrl } from '@psp/event-store/testing';
import { PspCaseEvent, pspEvent } from '@psp/psp-case';
import { appendCase } from '@psp/workflow/testing';
import {
  activeCase,
  apsDecision,
  commissionOpinion,
  completeChecklist,
  entryUnderDecision,
  foreignNationalCase,
} from '../../../../state-machines/psp-case/src/testing/fixtures';
import { computeIndicators } from '../analytics/indicator-engine';
import { readIndicatorFacts } from '../analytics/indicator-facts';
import { Projector } from '../projector/projector';
import { PostgresReadModel } from '../read-model/postgres-read-model';
import { ReadModelDatabase, ReadModelTransaction } from '../read-model/read-model-database';
import { SqliteReadModel } from '../read-model/sqlite-read-model';
import { IndicatorFactsProjection } from './indicator-facts.projection';

const readModels: [string, () => Promise<{ db: ReadModelDatabase; cleanup: () => Promise<void> }>][] = [
  [
    'sqlite',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'psp-ind-'));
      return {
        db: new SqliteReadModel(join(dir, 'read.sqlite')),
        cleanup: async () => rmSync(dir, { recursive: true, force: true }),
      };
    },
  ],
  [
    'postgres',
    async () => {
      const schema = freshSchemaUrl('ind');
      return { db: await PostgresReadModel.open(schema.url), cleanup: schema.drop };
    },
  ],
];

const afis = (ageOnDecisionDate: number): PspCaseEvent[] => [
  pspEvent('AfisRequested', {
    requestedOn: '2024-04-02',
    nationalityCategory: 'french',
    residenceDocument: 'none',
    previousMonthHouseholdResourcesCents: 30000,
    rsaReceivedOrClaimable: false,
    adaReceivedOrClaimable: false,
    dependentChildren: 0,
  }),
  pspEvent('AfisInstructionStarted', { startedOn: '2024-04-05' }),
  pspEvent('AfisInstructionCompleted', { completedOn: '2024-04-20' }),
  commissionOpinion('afis', { recordedOn: '2024-05-02' }),
  pspEvent('AfisGranted', { decisionDate: '2024-05-10', ageOnDecisionDate }),
];

/** Four cases in two départements; each history is checked against the machine first. */
const CASES: Record<string, PspCaseEvent[]> = {
  interrupted: [
    ...activeCase(),
    ...afis(30),
    pspEvent('Interrupted', { interruptedOn: '2024-06-01', reason: 'loss_of_contact' }),
  ],
  refused: [
    ...entryUnderDecision(),
    pspEvent('PrefectRefused', { decisionDate: '2024-03-01', reasons: ['PSP-15: reasons given'] }),
  ],
  foreign: [
    ...foreignNationalCase().map((e) =>
      e.type === 'RequestOpened' ? { ...e, data: { ...e.data, departement: '13', personRef: 'P-0002' } } : e,
    ),
    pspEvent('ApsFiled', { filedOn: '2024-09-05', checklist: completeChecklist() }),
    apsDecision('2024-09-20'),
  ],
  completed: [
    ...activeCase(),
    pspEvent('Completed', {
      completedOn: '2024-06-15',
      outcomes: { training: true, job: false, housing: true },
    }),
  ],
};


describe.each(readModels)('indicator_facts projection on a %s read model (section 7.3)', (_name, open) => {
  let store: EventStore;
  let db: ReadModelDatabase;
  let cleanup: () => Promise<void>;
  let projector: Projector | undefined;

  beforeEach(async () => {
    store = new InMemoryEventStore();
    ({ db, cleanup } = await open());
    for (const [id, events] of Object.entries(CASES)) await appendCase(store, id, events);
    projector = new Projector(store, db, [new IndicatorFactsProjection(store)]);
    await projector.start();
    await projector.waitUntilCaughtUp();
  });
  afterEach(async () => {
    await projector?.stop();
    projector = undefined;
    await db.close();
    await cleanup();
  });

  it('keeps per-case facts with coarse bands only: no person reference, no vault read (ACL-06)', async () => {
    const rows = await db.all<Record<string, unknown>>('SELECT * FROM rv_indicator_facts ORDER BY case_id');
    expect(rows.map((r) => r.case_id)).toEqual(['completed', 'foreign', 'interrupted', 'refused']);
    expect(Object.keys(rows[0])).not.toContain('person_ref');
    for (const r of rows) expect(JSON.stringify(r)).not.toMatch(/P-000/);
    const byId = Object.fromEntries(rows.map((r) => [r.case_id, r]));
    expect(byId.interrupted).toMatchObject({
      departement: '69',
      nationality_group: 'french',
      age_band: '25_34',
      request_filed_on: '2024-01-05',
      entry_opinion: 'favourable',
      entry_opinion_on: '2024-02-10',
      entry_decision: 'authorised',
      entry_decision_on: '2024-03-01',
      entry_notified_on: '2024-03-05',
      afis_granted_on: '2024-05-10',
      status: 'interrupted',
    });
    expect(Number(byId.interrupted.afis_monthly_cents)).toBe(34320);
    expect(byId.refused).toMatchObject({ entry_decision: 'refused', exit_reason: null });
    expect(byId.foreign).toMatchObject({
      departement: '13',
      nationality_group: 'third_country',
      aps_issued_on: '2024-09-20',
    });
    expect(byId.completed).toMatchObject({ exit_reason: 'completed_early', exit_on: '2024-06-15' });
    expect(Number(byId.completed.outcome_training)).toBe(1);
    expect(Number(byId.completed.outcome_job)).toBe(0);
  });

  it('7.3 items 3, 5, 7, 8: dated flows (opinions, decisions, interruptions, exits, APS, AFIS)', async () => {
    const facts = await readIndicatorFacts(db);
    const kinds = facts.events.map(
      (e) => `${e.departement}:${e.kind}:${e.cycle ?? ''}:${e.outcome ?? e.reason ?? ''}`,
    );
    expect(kinds).toEqual(
      expect.arrayContaining([
        '69:request:entry:',
        '69:commission_opinion:entry:favourable',
        '69:decision:entry:authorised',
        '69:decision:entry:refused',
        '69:notification:entry:',
        '69:interruption::loss_of_contact',
        '69:exit::completed_early',
        '69:afis_request:afis:',
        '69:afis_decision:afis:granted',
        '13:aps_request::',
        '13:aps_decision::issued',
      ]),
    );
    expect(facts.periods.filter((p) => p.departement === '69')).toHaveLength(2);
  });

  it('7.3: the engine reads the view and publishes national totals with small département cells hidden (k = 5)', async () => {
    const report = computeIndicators(await readIndicatorFacts(db), {
      year: 2024,
      today: '2024-12-31',
      minCell: 5,
    });
    const requests = report.tables.find((t) => t.id === 'entry_requests')!;
    expect(requests.rows).toEqual([
      { departement: '13', values: [null] },
      { departement: '69', values: [null] },
    ]);
    // The national total (4) is itself below k: suppressed too.
    expect(requests.national.values).toEqual([null]);
    expect(report.departementsWithPsp).toEqual({ ever: 2, inProgressAtYearEnd: 1 });
  });

  it('rebuilds the view from the log to the same facts', async () => {
    const before = await readIndicatorFacts(db);
    await projector!.rebuild('indicator_facts');
    expect(await readIndicatorFacts(db)).toEqual(before);
  });
});

describe('indicator_facts: rows per INSERT of dated facts', () => {
  /** Applies every case's events at once through a transaction that records the facts' INSERTs. */
  async function factInserts(rowsPerInsert: number | undefined) {
    const dir = mkdtempSync(join(tmpdir(), 'psp-ind-rows-'));
    const db = new SqliteReadModel(join(dir, 'read.sqlite'));
    try {
      const store = new InMemoryEventStore();
      for (const [id, events] of Object.entries(CASES)) await appendCase(store, id, events);
      const projection = new IndicatorFactsProjection(store);
      const table = (part?: string) => `ind_rows${part ? `_${part}` : ''}`;
      const rowsPer: number[] = [];
      const statements: string[] = [];
      const tx: ReadModelTransaction = {
        rowsPerInsert,
        run: async (sql, params) => {
          if (sql.startsWith(`INSERT INTO ${table('events')} `)) rowsPer.push(sql.split('(?,').length - 1);
          statements.push(sql);
          return db.run(sql, params);
        },
        all: (sql, params) => (statements.push(sql), db.all(sql, params)),
      };
      await projection.createTables(db, table);
      await projection.applyAll(tx, await store.readAll(), table);
      const rows = await db.all(`SELECT * FROM ${table('events')} ORDER BY case_id, revision, seq`);
      const periods = await db.all(`SELECT * FROM ${table('periods')}`);
      return { rowsPer, rows, periods, statements };
    } finally {
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }

  it('puts as many rows in one statement as the database asks: one in SQLite (no statement journal), hundreds elsewhere', async () => {
    const sqlite = new SqliteReadModel(':memory:');
    expect(sqlite.rowsPerInsert).toBe(1);
    await sqlite.close();
    const one = await factInserts(1);
    const three = await factInserts(3);
    const many = await factInserts(undefined);
    expect(one.rows.length).toBeGreaterThan(10);
    expect(one.rowsPer.every((n) => n === 1)).toBe(true);
    expect(one.rowsPer).toHaveLength(one.rows.length);
    expect(three.rowsPer.slice(0, -1).every((n) => n === 3)).toBe(true);
    expect(many.rowsPer).toEqual([one.rows.length]);
    expect(three.rows).toEqual(one.rows);
    expect(many.rows).toEqual(one.rows);
  });

  it('neither reads nor deletes the rows of a case that has none yet (a rebuild meets every case so once)', async () => {
    const { statements, periods } = await factInserts(1);
    expect(periods.length).toBeGreaterThan(0);
    expect(statements.filter((sql) => sql.startsWith('DELETE') || sql.startsWith('SELECT'))).toEqual([]);
  });
});
