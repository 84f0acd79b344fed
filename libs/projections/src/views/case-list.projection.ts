import { EventStore, RecordedEvent } from '@psp/event-store';
import { PspCaseState, caseView } from '@psp/psp-case';
import { caseIdOf, isCaseEventType } from '@psp/workflow';
import { ReadModelTransaction } from '../read-model/read-model-database';
import { Projection, TableNamer } from '../projector/projection';
import { CaseStateCache } from './case-state-cache';

/**
 * `rv_case_list`: one row per case, for handlers' lists and the deadline scheduler. No personal
 * data: the person is the opaque `person_ref`.
 *
 * | column | meaning |
 * |---|---|
 * | case_id, departement, association_id, person_ref | who and where |
 * | status, stage, aps_status, afis_status | PD-1 status, its stage, the APS and AFIS regions |
 * | period_index, period_end | current or last period (DUR-01) |
 * | used_days | days with rights used (DUR-02, PSP-07) |
 * | left_months, left_days | rights left of the 24-month cap, in months and days (PSP-06) |
 * | cap_date, aps_expiry, observations_deadline | deadlines (DUR-02, APS-05, PSP-09) |
 * | next_deadline | the earliest of the deadlines still ahead of the case |
 * | opened_on, revision, updated_at | first request date, stream revision, time of the last event |
 */
export class CaseListProjection implements Projection {
  readonly name = 'case_list';
  readonly version = 1;
  private readonly cache: CaseStateCache;

  constructor(store: EventStore) {
    this.cache = new CaseStateCache(store);
  }

  async createTables(tx: ReadModelTransaction, table: TableNamer): Promise<void> {
    await tx.run(`CREATE TABLE IF NOT EXISTS ${table()} (
      case_id TEXT PRIMARY KEY, departement TEXT NOT NULL, association_id TEXT NOT NULL, person_ref TEXT NOT NULL,
      status TEXT NOT NULL, stage TEXT, aps_status TEXT NOT NULL, afis_status TEXT NOT NULL,
      period_index BIGINT, period_end TEXT, used_days BIGINT NOT NULL, left_months BIGINT NOT NULL, left_days BIGINT NOT NULL,
      cap_date TEXT, aps_expiry TEXT, observations_deadline TEXT, next_deadline TEXT,
      opened_on TEXT NOT NULL, revision BIGINT NOT NULL, updated_at TEXT NOT NULL)`);
    await tx.run(`CREATE INDEX IF NOT EXISTS ${table()}_by_departement ON ${table()} (departement, status)`);
    await tx.run(`CREATE INDEX IF NOT EXISTS ${table()}_by_deadline ON ${table()} (next_deadline)`);
  }

  handles(type: string): boolean {
    return isCaseEventType(type);
  }

  async apply(tx: ReadModelTransaction, event: RecordedEvent, table: TableNamer): Promise<void> {
    const caseId = caseIdOf(event.streamId);
    if (!caseId) return;
    await this.write(tx, caseId, event, await this.cache.after(event), table);
  }

  /** Every event goes through the machine; each case's row is written once, from its last event. */
  async applyAll(
    tx: ReadModelTransaction,
    events: readonly RecordedEvent[],
    table: TableNamer,
  ): Promise<void> {
    const last = new Map<string, { event: RecordedEvent; state: PspCaseState }>();
    for (const event of events) {
      const caseId = caseIdOf(event.streamId);
      if (!caseId) continue;
      last.set(caseId, { event, state: await this.cache.after(event) });
    }
    for (const [caseId, { event, state }] of last) await this.write(tx, caseId, event, state, table);
  }

  private async write(
    tx: ReadModelTransaction,
    caseId: string,
    event: RecordedEvent,
    state: PspCaseState,
    table: TableNamer,
  ): Promise<void> {
    const view = caseView(state);
    const c = state.context;
    const last = view.periods[view.periods.length - 1];
    const open = !['completed', 'withdrawn', 'refused', 'not_renewed', 'closed'].includes(view.status);
    const ahead = open
      ? [
          view.deadlines.periodEnd,
          view.deadlines.capDate,
          view.deadlines.apsExpiry,
          view.deadlines.observationsDeadline,
        ]
          .filter((d): d is string => d !== undefined)
          .sort()
      : [];
    await tx.run(
      `INSERT INTO ${table()} (case_id, departement, association_id, person_ref, status, stage, aps_status, afis_status,
         period_index, period_end, used_days, left_months, left_days, cap_date, aps_expiry, observations_deadline, next_deadline,
         opened_on, revision, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (case_id) DO UPDATE SET status = excluded.status, stage = excluded.stage,
         aps_status = excluded.aps_status, afis_status = excluded.afis_status, period_index = excluded.period_index,
         period_end = excluded.period_end, used_days = excluded.used_days, left_months = excluded.left_months,
         left_days = excluded.left_days,
         cap_date = excluded.cap_date, aps_expiry = excluded.aps_expiry,
         observations_deadline = excluded.observations_deadline, next_deadline = excluded.next_deadline,
         revision = excluded.revision, updated_at = excluded.updated_at`,
      [
        caseId,
        c.departement ?? '',
        c.associationId ?? '',
        c.personRef ?? '',
        view.status,
        view.stage ?? null,
        view.aps.status,
        view.afis.status,
        last?.index ?? null,
        last?.end ?? null,
        view.rights.usedDays,
        view.rights.left.months,
        view.rights.left.days,
        view.deadlines.capDate ?? null,
        view.deadlines.apsExpiry ?? null,
        view.deadlines.observationsDeadline ?? null,
        ahead[0] ?? null,
        c.openedOn ?? '',
        event.revision,
        event.metadata.occurredAt,
      ],
    );
  }
}
