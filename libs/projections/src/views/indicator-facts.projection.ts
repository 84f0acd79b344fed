import { EventStore, RecordedEvent } from '@psp/event-store';
import { PspCaseEvent, PspCaseState, caseStatus } from '@psp/psp-case';
import { CASE_RECORD_PURGED, caseIdOf, isCaseEventType, toCaseEvent } from '@psp/workflow';
import { ReadModelTransaction, SqlValue } from '../read-model/read-model-database';
import { Projection, TableNamer } from '../projector/projection';
import { CaseStateCache, caseViewOf } from './case-state-cache';

/**
 * `rv_indicator_facts`: the per-case facts the section 7.3 indicators need, and nothing that
 * identifies a person. No `person_ref`, no vault read: demographic facts are coarse bands taken from
 * the events themselves (nationality group, age band). Three tables:
 *
 * `rv_indicator_facts` (one row per case)
 * | column | meaning |
 * |---|---|
 * | case_id, departement, association_id | the case, its département and instructing association |
 * | status, cycle_kind | PD-1 status and the current decision cycle (entry, renewal, resumption) |
 * | nationality_group | `french`, `eu_eea_swiss`, `third_country` or NULL (from AfisRequested / ApsRequired / ApsNotApplicable) |
 * | age_band | `under_18` (PD-4 minor on request), `18_24`, `25_34`, `35_44`, `45_plus` (AfisGranted age) or NULL |
 * | request_filed_on | first request (T1) |
 * | entry_opinion, entry_opinion_on | the commission's entry opinion (avis) on file at the entry decision |
 * | entry_decision, entry_decision_on | `authorised`, `refused` or `court_ordered`, and its date (PSP-05) |
 * | entry_notified_on | notification of the entry decision (R.121-12-10) |
 * | aps_need, aps_filed_on, aps_issued_on | APS region: need, first filing, first issue (APS-10 lead time) |
 * | afis_requested_on, afis_granted_on, afis_monthly_cents, afis_ends_on | AFIS region (D.121-12-14) |
 * | exit_reason, exit_on | how and when the parcours ended after entry (see `exit` events) |
 * | used_days, cap_reached | days with rights (DUR-02) and whether the 24-month cap was reached (PSP-06) |
 * | outcome_training, outcome_job, outcome_housing | 1/0 at completion (indicator 5), NULL before |
 * | revision | stream revision of the last event applied |
 *
 * `rv_indicator_facts_events` (one row per dated fact; flows over a period)
 * | column | meaning |
 * |---|---|
 * | case_id, revision, seq | the event and its rank among the rows it produced |
 * | departement | the case's département |
 * | kind | `request`, `commission_opinion`, `decision`, `notification`, `interruption`, `exit`, `aps_request`, `aps_decision`, `aps_renewal_request`, `aps_renewal`, `cst_decision`, `afis_request`, `afis_decision`, `afis_refusal_reason` |
 * | cycle | `entry`, `renewal`, `resumption`, `afis` (requests, opinions, decisions) |
 * | on_date | the date the fact took effect (YYYY-MM-DD) |
 * | outcome | favourable/unfavourable, authorised/refused/court_ordered/granted/not_granted, issued/refused/renewed |
 * | reason | interruption, exit, APS refusal or AFIS refusal reason (coded, never free text) |
 *
 * `rv_indicator_facts_periods` (one row per period with rights; stocks on a date, PSP-07)
 * | column | meaning |
 * |---|---|
 * | case_id, period_index, departement, kind, start_on, end_on | the period and its last day with rights |
 * | person_key | PSP-07: the pseudonymous person id of the case (the case id for cases opened before it existed), so that "people" counts persons, not cases |
 */
export class IndicatorFactsProjection implements Projection {
  readonly name = 'indicator_facts';
  readonly version = 2;
  readonly parts = [undefined, 'events', 'periods'] as const;
  private readonly cache: CaseStateCache;

  constructor(store: EventStore) {
    this.cache = new CaseStateCache(store);
  }

  async createTables(tx: ReadModelTransaction, table: TableNamer): Promise<void> {
    await tx.run(`CREATE TABLE IF NOT EXISTS ${table()} (
      case_id TEXT PRIMARY KEY, departement TEXT NOT NULL, association_id TEXT NOT NULL,
      status TEXT NOT NULL, cycle_kind TEXT NOT NULL, nationality_group TEXT, age_band TEXT,
      request_filed_on TEXT, entry_opinion TEXT, entry_opinion_on TEXT, entry_decision TEXT, entry_decision_on TEXT,
      entry_notified_on TEXT, aps_need TEXT NOT NULL, aps_filed_on TEXT, aps_issued_on TEXT,
      afis_requested_on TEXT, afis_granted_on TEXT, afis_monthly_cents BIGINT, afis_ends_on TEXT,
      exit_reason TEXT, exit_on TEXT, used_days BIGINT NOT NULL, cap_reached BIGINT NOT NULL,
      outcome_training BIGINT, outcome_job BIGINT, outcome_housing BIGINT, revision BIGINT NOT NULL)`);
    await tx.run(`CREATE TABLE IF NOT EXISTS ${table('events')} (
      case_id TEXT NOT NULL, revision BIGINT NOT NULL, seq BIGINT NOT NULL, departement TEXT NOT NULL,
      kind TEXT NOT NULL, cycle TEXT, on_date TEXT NOT NULL, outcome TEXT, reason TEXT,
      PRIMARY KEY (case_id, revision, seq))`);
    await tx.run(
      `CREATE INDEX IF NOT EXISTS ${table('events')}_by_date ON ${table('events')} (kind, on_date, departement)`,
    );
    await tx.run(`CREATE TABLE IF NOT EXISTS ${table('periods')} (
      case_id TEXT NOT NULL, period_index BIGINT NOT NULL, departement TEXT NOT NULL, kind TEXT NOT NULL,
      start_on TEXT NOT NULL, end_on TEXT NOT NULL, person_key TEXT NOT NULL, PRIMARY KEY (case_id, period_index))`);
  }

  handles(type: string): boolean {
    return isCaseEventType(type) || type === CASE_RECORD_PURGED;
  }

  async apply(tx: ReadModelTransaction, event: RecordedEvent, table: TableNamer): Promise<void> {
    await this.applyAll(tx, [event], table);
  }

  /**
   * The batch path: every event goes through the machine and gives its dated facts (each event's
   * `before` is the case row as the previous event left it), the facts are inserted as many rows per
   * statement as the database wants (`rowsPerInsert`: one in SQLite, a few hundred on PostgreSQL),
   * and each case's row and periods are written once, from its last event. The
   * tables end exactly as applying the events one by one would leave them.
   */
  async applyAll(
    tx: ReadModelTransaction,
    events: readonly RecordedEvent[],
    table: TableNamer,
  ): Promise<void> {
    const before = new Map<string, { status: string; cycle_kind: string } | undefined>();
    const exists = new Map<string, boolean>();
    const last = new Map<
      string,
      {
        event: RecordedEvent;
        state: PspCaseState;
        once: Readonly<Record<string, SqlValue>>;
        /** The state before the case's first event of the batch, when the cache held it. */
        previous?: PspCaseState;
      }
    >();
    let facts: { caseId: string; values: SqlValue[] }[] = [];
    for (const event of events) {
      const caseId = caseIdOf(event.streamId);
      if (!caseId) continue;
      if (event.type === CASE_RECORD_PURGED) {
        // A purged record leaves the figures too: a rebuild, which no longer sees its events,
        // must give the same tables as the live view.
        this.cache.forget(event.streamId);
        facts = facts.filter((f) => f.caseId !== caseId);
        last.delete(caseId);
        before.set(caseId, undefined);
        exists.set(caseId, false);
        for (const part of this.parts) await tx.run(`DELETE FROM ${table(part)} WHERE case_id = ?`, [caseId]);
        continue;
      }
      if (!before.has(caseId)) {
        // A case whose first event this is has no row yet: nothing to read (a rebuild meets every
        // case so once, and the SELECT that found nothing was a statement per case).
        const [row] =
          event.revision === 0
            ? []
            : await tx.all<{ status: string; cycle_kind: string }>(
                `SELECT status, cycle_kind FROM ${table()} WHERE case_id = ?`,
                [caseId],
              );
        before.set(caseId, row);
        exists.set(caseId, row !== undefined);
      }
      const previous = last.has(caseId)
        ? last.get(caseId)!.previous
        : this.cache.stateAt(event.streamId, event.revision - 1);
      const state = this.cache.stateNow(event) ?? (await this.cache.unlessPurged(event));
      // Purged since this event was read: the tombstone, next, removes the rows.
      if (!state) continue;
      const e = toCaseEvent(event);
      const departement = state.context.departement ?? '';
      for (const [seq, f] of eventFacts(e, state, before.get(caseId)).entries()) {
        facts.push({
          caseId,
          values: [
            caseId,
            event.revision,
            seq,
            departement,
            f.kind,
            f.cycle ?? null,
            f.on,
            f.outcome ?? null,
            f.reason ?? null,
          ],
        });
      }
      // Only the status and the cycle of each state: the whole row (and the case view it reads,
      // ≈ 9 µs a state) is computed once per case, from its last state of the batch.
      const once = onceValues(e, state, last.get(caseId)?.once ?? NO_VALUES);
      last.set(caseId, previous ? { event, state, once, previous } : { event, state, once });
      before.set(caseId, { status: caseStatus(state), cycle_kind: state.context.cycle.kind });
    }
    // As many rows per statement as the database wants (one in SQLite: ReadModelTransaction.rowsPerInsert).
    const perInsert = Math.max(1, tx.rowsPerInsert ?? FACT_ROWS_PER_INSERT);
    const insert = (rows: number) =>
      `INSERT INTO ${table('events')} (case_id, revision, seq, departement, kind, cycle, on_date, outcome, reason)
         VALUES ${Array.from({ length: rows }, () => '(?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ')} ON CONFLICT (case_id, revision, seq) DO NOTHING`;
    // The same SQL string for every full statement: its prepared statement is found without hashing it again.
    const full = insert(perInsert);
    for (let i = 0; i < facts.length; i += perInsert) {
      if (perInsert === 1) {
        await tx.run(full, facts[i].values);
        continue;
      }
      const chunk = facts.slice(i, i + perInsert);
      await tx.run(
        chunk.length === perInsert ? full : insert(chunk.length),
        chunk.flatMap((f) => f.values),
      );
    }
    for (const [caseId, { event, state, once, previous }] of last) {
      if (!previous || periodRowsChanged(previous, state)) {
        await this.writePeriods(tx, table, caseId, state, exists.get(caseId) === true);
      }
      const values: Record<string, SqlValue> = { ...caseRow(state), ...once, revision: event.revision };
      if (!exists.get(caseId)) {
        const columns = ['case_id', ...Object.keys(values)];
        await tx.run(
          `INSERT INTO ${table()} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
          [caseId, ...Object.values(values)],
        );
        continue;
      }
      const columns = Object.keys(values);
      await tx.run(`UPDATE ${table()} SET ${columns.map((c) => `${c} = ?`).join(', ')} WHERE case_id = ?`, [
        ...Object.values(values),
        caseId,
      ]);
    }
  }

  /**
   * A case's periods (for the cumulative figures), written again from its state. `hasRow`: the case
   * has its row, so it may have periods to delete first; without one it has none (both are written
   * together, and a purge deletes both): a rebuild meets every case once so, and the DELETE that
   * found nothing was a statement per case.
   */
  private async writePeriods(
    tx: ReadModelTransaction,
    table: TableNamer,
    caseId: string,
    state: PspCaseState,
    hasRow: boolean,
  ) {
    const departement = state.context.departement ?? '';
    if (hasRow) await tx.run(`DELETE FROM ${table('periods')} WHERE case_id = ?`, [caseId]);
    for (const p of state.context.periods) {
      await tx.run(
        `INSERT INTO ${table('periods')} (case_id, period_index, departement, kind, start_on, end_on, person_key)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
        [caseId, p.index, departement, p.kind, p.start, p.end, state.context.personId ?? caseId],
      );
    }
  }
}

/**
 * The period rows are a function of the periods, the département and the person: an event that
 * leaves them alone (the machine's updates are partial, states never mutated) leaves the rows.
 */
function periodRowsChanged(before: PspCaseState, after: PspCaseState): boolean {
  const [b, a] = [before.context, after.context];
  return b.periods !== a.periods || b.departement !== a.departement || b.personId !== a.personId;
}

/**
 * Rows of `rv_indicator_facts_events` per INSERT where the database sets no `rowsPerInsert`
 * (PostgreSQL: one round trip per statement; 9 parameters a row, well under the limits).
 */
const FACT_ROWS_PER_INSERT = 400;

const NO_VALUES: Readonly<Record<string, SqlValue>> = Object.freeze({});

/**
 * Columns set from the one event that carries them; later events keep them: `earlier` with this
 * event's values over it, or `earlier` itself when the event sets none (most events: no copy).
 */
function onceValues(
  e: PspCaseEvent,
  state: PspCaseState,
  earlier: Readonly<Record<string, SqlValue>>,
): Readonly<Record<string, SqlValue>> {
  const values = eventOnceValues(e, state);
  return values ? { ...earlier, ...values } : earlier;
}

function eventOnceValues(e: PspCaseEvent, state: PspCaseState): Record<string, SqlValue> | undefined {
  switch (e.type) {
    case 'AfisRequested':
      return { nationality_group: e.data.nationalityCategory };
    case 'ApsRequired':
      return { nationality_group: 'third_country' };
    case 'ApsNotApplicable':
      return {
        nationality_group: e.data.reason === 'other_residence_title' ? 'third_country' : e.data.reason,
      };
    case 'AfisGranted':
      return { age_band: ageBand(e.data.ageOnDecisionDate) };
    case 'RequestOpened':
      return e.data.minorOnRequest ? { age_band: 'under_18' } : undefined;
    case 'CommissionOpinionRecorded':
      return e.data.kind === 'entry' && !entryDecision(state)
        ? { entry_opinion: e.data.opinion, entry_opinion_on: e.data.recordedOn }
        : undefined;
    default:
      return undefined;
  }
}

/** Coarse age bands for the D.121-12-18 reporting (never a birth date). */
export function ageBand(age: number): string {
  if (age < 18) return 'under_18';
  if (age < 25) return '18_24';
  if (age < 35) return '25_34';
  if (age < 45) return '35_44';
  return '45_plus';
}

const TERMINAL = new Set(['completed', 'withdrawn', 'not_renewed', 'closed']);

interface Fact {
  readonly kind: string;
  readonly on: string;
  readonly cycle?: string;
  readonly outcome?: string;
  readonly reason?: string;
}

/** The state-derived columns of the case row (those not set once from a single event). */
function caseRow(state: PspCaseState): Record<string, SqlValue> {
  const c = state.context;
  const view = caseViewOf(state);
  const entry = entryDecision(state);
  const exit = TERMINAL.has(view.status) && c.periods.length > 0 ? exitOf(state) : undefined;
  const flag = (b: boolean | undefined) => (b === undefined ? null : b ? 1 : 0);
  return {
    departement: c.departement ?? '',
    association_id: c.associationId ?? '',
    status: view.status,
    cycle_kind: c.cycle.kind,
    request_filed_on: c.openedOn ?? null,
    entry_decision: entry ? (entry.kind === 'court_order' ? 'court_ordered' : entry.kind) : null,
    entry_decision_on: entry?.decisionDate ?? null,
    entry_notified_on: entry?.notifiedOn ?? null,
    aps_need: c.aps.need,
    aps_filed_on: c.aps.filedOn ?? null,
    aps_issued_on: c.aps.issuedOn ?? null,
    afis_requested_on: c.afis.request?.requestedOn ?? null,
    afis_granted_on: c.afis.grantedOn ?? null,
    afis_monthly_cents: c.afis.monthlyAmountCents ?? null,
    afis_ends_on: c.afis.endsOn ?? null,
    exit_reason: exit?.reason ?? null,
    exit_on: exit?.on ?? null,
    used_days: view.rights.usedDays,
    cap_reached: view.rights.left.months === 0 && view.rights.left.days === 0 ? 1 : 0,
    outcome_training: flag(c.outcomes?.training),
    outcome_job: flag(c.outcomes?.job),
    outcome_housing: flag(c.outcomes?.housing),
  };
}

/** The entry decision on file (`entry_decision` is NULL until there is one). */
function entryDecision(state: PspCaseState) {
  return state.context.decisions.find(
    (d) => d.kind === 'authorised' || d.kind === 'court_order' || d.kind === 'refused',
  );
}

function exitOf(state: PspCaseState): { reason: string; on: string } {
  const c = state.context;
  const view = caseViewOf(state);
  const fallback = c.rightsEndedOn ?? c.periods[c.periods.length - 1].end;
  switch (view.status) {
    case 'completed': {
      const atCap = view.rights.left.months === 0 && view.rights.left.days === 0;
      return { reason: atCap ? 'completed_at_cap' : 'completed_early', on: c.completedOn ?? fallback };
    }
    case 'withdrawn':
      return { reason: 'withdrawn', on: c.withdrawnOn ?? fallback };
    case 'closed':
      return { reason: `closed_${c.closure?.reason ?? 'other'}`, on: c.closure?.on ?? fallback };
    default:
      return { reason: 'not_renewed', on: fallback };
  }
}

/** AFIS refusal reasons grouped as indicator 8 asks (RSA, ADA, resources, residence document). */
function afisRefusalReasons(reasons: readonly string[], state: PspCaseState): string[] {
  const request = state.context.afis.request;
  const out = new Set<string>();
  for (const reason of reasons) {
    if (/AFIS-03/.test(reason)) out.add('residence_document');
    else if (/AFIS-04/.test(reason)) out.add('resources');
    else if (/AFIS-05/.test(reason)) {
      if (request?.rsaReceivedOrClaimable || /RSA/i.test(reason)) out.add('rsa');
      if (request?.adaReceivedOrClaimable || /ADA/i.test(reason)) out.add('ada');
    } else out.add('other');
  }
  if (out.size === 0) out.add('other');
  return [...out].sort();
}

const APS_REFUSAL_GROUPS: Record<string, string> = {
  public_order: 'public_order',
  stop_not_shown: 'stop_not_shown',
};

/** The dated facts one event adds (flows). `before` is the case row before this event. */
function eventFacts(
  e: PspCaseEvent,
  state: PspCaseState,
  before: { status: string; cycle_kind: string } | undefined,
): Fact[] {
  const facts = lifecycleFacts(e, state, before);
  const status = caseStatus(state);
  if (before && !TERMINAL.has(before.status) && TERMINAL.has(status) && state.context.periods.length > 0) {
    const exit = exitOf(state);
    facts.push({ kind: 'exit', on: exit.on, reason: exit.reason });
  }
  return facts;
}

function lifecycleFacts(
  e: PspCaseEvent,
  state: PspCaseState,
  before: { status: string; cycle_kind: string } | undefined,
): Fact[] {
  switch (e.type) {
    case 'RequestOpened':
      return [{ kind: 'request', cycle: 'entry', on: e.data.openedOn }];
    case 'RenewalSubmitted':
      return [{ kind: 'request', cycle: 'renewal', on: e.data.submittedOn }];
    case 'ResumptionRequested':
      return [{ kind: 'request', cycle: 'resumption', on: e.data.requestedOn }];
    case 'CommissionOpinionRecorded':
      return [
        { kind: 'commission_opinion', cycle: e.data.kind, on: e.data.recordedOn, outcome: e.data.opinion },
      ];
    case 'PrefectAuthorised':
      return [{ kind: 'decision', cycle: 'entry', on: e.data.decisionDate, outcome: 'authorised' }];
    case 'CourtOrderedAuthorisation':
      return [{ kind: 'decision', cycle: 'entry', on: e.data.judgmentDate, outcome: 'court_ordered' }];
    case 'PrefectRefused': {
      const cycle = before?.cycle_kind === 'resumption' ? 'resumption' : 'entry';
      const facts: Fact[] = [{ kind: 'decision', cycle, on: e.data.decisionDate, outcome: 'refused' }];
      if (e.data.notifiedOn) facts.push({ kind: 'notification', cycle, on: e.data.notifiedOn });
      return facts;
    }
    case 'DecisionNotified':
      return [{ kind: 'notification', cycle: 'entry', on: e.data.notifiedOn }];
    case 'RenewalGranted':
      return [{ kind: 'decision', cycle: 'renewal', on: e.data.decisionDate, outcome: 'granted' }];
    case 'NonRenewalNotified':
      return [{ kind: 'decision', cycle: 'renewal', on: e.data.decisionDate, outcome: 'not_granted' }];
    case 'ResumptionAuthorised':
      return [{ kind: 'decision', cycle: 'resumption', on: e.data.decisionDate, outcome: 'authorised' }];
    case 'Interrupted':
      return [{ kind: 'interruption', on: e.data.interruptedOn, reason: e.data.reason }];
    case 'ApsFiled':
      return [{ kind: 'aps_request', on: e.data.filedOn }];
    case 'ApsIssued':
      return [{ kind: 'aps_decision', on: e.data.decisionDate, outcome: 'issued' }];
    case 'ApsRefused':
      return [
        {
          kind: 'aps_decision',
          on: e.data.decisionDate,
          outcome: 'refused',
          reason: APS_REFUSAL_GROUPS[e.data.reason] ?? 'other',
        },
      ];
    case 'ApsRenewalFiled':
      return [{ kind: 'aps_renewal_request', on: e.data.filedOn }];
    case 'ApsRenewed':
      return [{ kind: 'aps_renewal', on: e.data.decisionDate, outcome: 'renewed' }];
    case 'CstIssued':
      return [{ kind: 'cst_decision', on: e.data.decisionDate, outcome: 'issued' }];
    case 'CstRefused':
      return [{ kind: 'cst_decision', on: e.data.decisionDate, outcome: 'refused' }];
    case 'AfisRequested':
      return [{ kind: 'afis_request', cycle: 'afis', on: e.data.requestedOn }];
    case 'AfisGranted':
      return [{ kind: 'afis_decision', cycle: 'afis', on: e.data.decisionDate, outcome: 'granted' }];
    case 'AfisRefused':
      return [
        { kind: 'afis_decision', cycle: 'afis', on: e.data.decisionDate, outcome: 'refused' },
        ...afisRefusalReasons(e.data.reasons, state).map((reason) => ({
          kind: 'afis_refusal_reason',
          cycle: 'afis',
          on: e.data.decisionDate,
          reason,
        })),
      ];
    default:
      return [];
  }
}
