import { EventStore, RecordedEvent } from '@psp/event-store';
import { PspCaseState } from '@psp/psp-case';
import { CASE_RECORD_PURGED, isCaseEventType } from '@psp/workflow';
import { ReadModelTransaction } from '../read-model/read-model-database';
import { Projection, TableNamer } from '../projector/projection';
import { CaseStateCache, caseOutcomes, caseViewOf } from './case-state-cache';

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
 * | used_months, used_month_days, cap_months | rights used as months and days, of the cap (24 months, PSP-06) |
 * | request_kind | the current decision cycle: `initial` (first entry), `renewal` or `resumption` (PSP-06, PSP-07) |
 * | left_months, left_days | rights left of the 24-month cap, in months and days (PSP-06) |
 * | cap_date, aps_expiry, observations_deadline | deadlines (DUR-02, APS-05, PSP-09) |
 * | next_deadline | the earliest of the deadlines still ahead of the case |
 * | opened_on, revision, updated_at | first request date, stream revision, time of the last event |
 *
 * A case record purged at the end of its retention period (`CaseRecordPurged`) loses its row:
 * the tombstone keeps only dates and statuses, so a rebuild could not fill the row anyway.
 */
export class CaseListProjection implements Projection {
  readonly name = 'case_list';
  /** 3: an expired APS is no longer a deadline (APS-05): rebuilt so old rows drop it. */
  readonly version = 3;
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
      opened_on TEXT NOT NULL, revision BIGINT NOT NULL, updated_at TEXT NOT NULL,
      used_months BIGINT NOT NULL, used_month_days BIGINT NOT NULL, cap_months BIGINT NOT NULL, request_kind TEXT NOT NULL)`);
    await tx.run(`CREATE INDEX IF NOT EXISTS ${table()}_by_departement ON ${table()} (departement, status)`);
    await tx.run(`CREATE INDEX IF NOT EXISTS ${table()}_by_deadline ON ${table()} (next_deadline)`);
  }

  handles(type: string): boolean {
    return isCaseEventType(type) || type === CASE_RECORD_PURGED;
  }

  async apply(tx: ReadModelTransaction, event: RecordedEvent, table: TableNamer): Promise<void> {
    await this.applyAll(tx, [event], table);
  }

  /** Every event goes through the machine; each case's row is written once, from its last event. */
  async applyAll(
    tx: ReadModelTransaction,
    events: readonly RecordedEvent[],
    table: TableNamer,
  ): Promise<void> {
    for (const [caseId, outcome] of await caseOutcomes(this.cache, events)) {
      if (outcome.purged) await tx.run(`DELETE FROM ${table()} WHERE case_id = ?`, [caseId]);
      else await this.write(tx, caseId, outcome.event, outcome.state, table);
    }
  }

  private async write(
    tx: ReadModelTransaction,
    caseId: string,
    event: RecordedEvent,
    state: PspCaseState,
    table: TableNamer,
  ): Promise<void> {
    const view = caseViewOf(state);
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
         opened_on, revision, updated_at, used_months, used_month_days, cap_months, request_kind)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (case_id) DO UPDATE SET status = excluded.status, stage = excluded.stage,
         aps_status = excluded.aps_status, afis_status = excluded.afis_status, period_index = excluded.period_index,
         period_end = excluded.period_end, used_days = excluded.used_days, left_months = excluded.left_months,
         left_days = excluded.left_days,
         cap_date = excluded.cap_date, aps_expiry = excluded.aps_expiry,
         observations_deadline = excluded.observations_deadline, next_deadline = excluded.next_deadline,
         revision = excluded.revision, updated_at = excluded.updated_at, used_months = excluded.used_months,
         used_month_days = excluded.used_month_days, cap_months = excluded.cap_months,
         request_kind = excluded.request_kind`,
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
        view.rights.used.months,
        view.rights.used.days,
        view.rights.capMonths,
        requestKind(c.cycle.kind),
      ],
    );
  }
}

/** The request type of a decision cycle as handlers and the commission name it: first entry is `initial`. */
export function requestKind(kind: string): string {
  return kind === 'entry' ? 'initial' : kind;
}
