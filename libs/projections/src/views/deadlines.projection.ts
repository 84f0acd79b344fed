import { AGREMENT_EVENT_TYPES, agrementDeadlines, agrementView } from '@psp/association';
import { MEMBERSHIP_EVENT_TYPES } from '@psp/commission';
import { EventStore, RecordedEvent } from '@psp/event-store';
import { PspCaseState } from '@psp/psp-case';
import {
  CASE_RECORD_PURGED,
  associationAggregate,
  caseIdOf,
  commissionAggregate,
  isCaseEventType,
} from '@psp/workflow';
import { ReadModelTransaction } from '../read-model/read-model-database';
import { Projection, TableNamer } from '../projector/projection';
import { CaseStateCache, caseViewOf } from './case-state-cache';

const ASSOCIATION_PREFIX = 'psp-association-';
const COMMISSION_PREFIX = 'psp-commission-';
const SESSION_PREFIX = 'psp-commission-session-';
const MEMBERSHIP = new Set<string>(MEMBERSHIP_EVENT_TYPES);
const AGREMENT = new Set<string>(AGREMENT_EVENT_TYPES);
const CLOSED_CASE = new Set(['completed', 'withdrawn', 'refused', 'not_renewed', 'closed']);

export type DeadlineSource = 'case' | 'agrement' | 'commission_member';

interface Deadline {
  readonly kind: string;
  readonly rule: string;
  readonly dueOn: string | undefined;
}

/**
 * `rv_deadlines`: every dated deadline ahead of a case, an agrément or a commission seat, one row
 * each, for "what falls due within N days" lists (the API computes N from today at query time).
 * No personal data: subjects are opaque ids.
 *
 * | column | meaning |
 * |---|---|
 * | deadline_id | `<source>:<subject_id>:<kind>` |
 * | source | `case`, `agrement` or `commission_member` |
 * | subject_id | the case id, the association id or the member id |
 * | departement | the case's département, the association's head office, or the commission's département |
 * | departements | départements concerned, comma-separated (an agrément's coverage, AGR-09) |
 * | association_id | the instructing association (case), the association (agrément), the association represented (11° member) |
 * | commission_id | the member's commission |
 * | kind | `period_end` (DUR-01), `cap_date` (PSP-06/DUR-02), `aps_expiry` (APS-05), `observations_deadline` (PSP-09), `post_psp_review` (APS-12, T17: a completed case's residence review), `agrement_expiry` (AGR-06), `member_term_end` (COM-02) |
 * | rule_id | the rule book ID behind the deadline |
 * | due_on | the date (last day of the period, of the APS, of the agrément, of the term; the observations deadline) |
 *
 * Cases appear while open, and a completed one while its post-PSP review is open (T17); an agrément
 * while granted; a member named for a term (1°, 9°, 10°, 11°) while on the commission, and after the
 * term ended until the term is renewed or the seat filled by a successor (COM-02): the API lists such
 * a past `member_term_end` as expired. Ex officio members (2° to 8°) have no term and no row (COM-01).
 */
export class DeadlinesProjection implements Projection {
  readonly name = 'deadlines';
  /**
   * 4: an expired APS is no longer a deadline (APS-05); the post-PSP review of completed cases (T17);
   * no term row for ex officio members, a replaced member's row goes (COM-01 / COM-02).
   */
  readonly version = 4;
  private readonly cache: CaseStateCache;
  /** Each case state's deadlines, computed once (held weakly: they go with the state). */
  private readonly derived = new WeakMap<PspCaseState, CaseDeadlines>();

  constructor(private readonly store: EventStore) {
    this.cache = new CaseStateCache(store);
  }

  async createTables(tx: ReadModelTransaction, table: TableNamer): Promise<void> {
    await tx.run(`CREATE TABLE IF NOT EXISTS ${table()} (
      deadline_id TEXT PRIMARY KEY, source TEXT NOT NULL, subject_id TEXT NOT NULL, departement TEXT NOT NULL,
      departements TEXT NOT NULL, association_id TEXT, commission_id TEXT, kind TEXT NOT NULL, rule_id TEXT NOT NULL,
      due_on TEXT NOT NULL)`);
    await tx.run(`CREATE INDEX IF NOT EXISTS ${table()}_by_due ON ${table()} (due_on)`);
    await tx.run(`CREATE INDEX IF NOT EXISTS ${table()}_by_subject ON ${table()} (source, subject_id)`);
  }

  handles(type: string): boolean {
    return isCaseEventType(type) || type === CASE_RECORD_PURGED || MEMBERSHIP.has(type) || AGREMENT.has(type);
  }

  async apply(tx: ReadModelTransaction, event: RecordedEvent, table: TableNamer): Promise<void> {
    const caseId = caseIdOf(event.streamId);
    if (caseId && event.type === CASE_RECORD_PURGED) {
      // A purged record (retention) keeps no deadline, live as after a rebuild.
      this.cache.forget(event.streamId);
      return replace(tx, table, 'case', caseId, [], {
        departement: '',
        departements: '',
        associationId: null,
        commissionId: null,
      });
    }
    if (caseId && isCaseEventType(event.type)) return this.applyCase(tx, event, caseId, table);
    if (event.streamId.startsWith(ASSOCIATION_PREFIX)) return this.applyAgrement(tx, event, table);
    if (event.streamId.startsWith(COMMISSION_PREFIX) && !event.streamId.startsWith(SESSION_PREFIX)) {
      return this.applyMembership(tx, event, table);
    }
  }

  /**
   * The batch path (Projection.applyAll): every case event still goes through the machine, but a
   * case's deadlines are written once, from its last event in the batch; registry events and
   * purges are applied in log order as `apply` does (they touch other subjects' rows).
   */
  async applyAll(
    tx: ReadModelTransaction,
    events: readonly RecordedEvent[],
    table: TableNamer,
  ): Promise<void> {
    // `opened`: the case's first event of the batch is its first event, so it has no row yet.
    const last = new Map<string, { state: PspCaseState; before?: PspCaseState; opened: boolean }>();
    for (const event of events) {
      const caseId = caseIdOf(event.streamId);
      if (caseId && isCaseEventType(event.type)) {
        const earlier = last.get(caseId);
        const before = earlier ? earlier.before : this.cache.stateAt(event.streamId, event.revision - 1);
        const state = this.cache.stateNow(event) ?? (await this.cache.unlessPurged(event));
        if (state)
          last.set(caseId, { state, before, opened: earlier ? earlier.opened : event.revision === 0 });
        continue;
      }
      if (caseId) last.delete(caseId);
      await this.apply(tx, event, table);
    }
    for (const [caseId, { state, before, opened }] of last) {
      await this.writeCase(tx, caseId, state, table, before, opened);
    }
  }

  private async applyCase(tx: ReadModelTransaction, event: RecordedEvent, caseId: string, table: TableNamer) {
    const before = this.cache.stateAt(event.streamId, event.revision - 1);
    const state = this.cache.stateNow(event) ?? (await this.cache.unlessPurged(event));
    if (!state) return; // purged since this event was read: the tombstone, next, clears the case
    await this.writeCase(tx, caseId, state, table, before);
  }

  /**
   * Writes a case's deadlines, unless they are those of the state before its event(s): the rows
   * then stand (a view that applies events in order holds the rows of the state before).
   */
  private async writeCase(
    tx: ReadModelTransaction,
    caseId: string,
    state: PspCaseState,
    table: TableNamer,
    before?: PspCaseState,
    opened = false,
  ) {
    let derived = this.derived.get(state);
    if (!derived) {
      derived = caseDeadlinesOf(state);
      this.derived.set(state, derived);
    }
    // The rows of the state before, when they were computed (written) from that very state.
    if (before && this.derived.get(before)?.key === derived.key) return;
    await replace(tx, table, 'case', caseId, derived.deadlines, derived.scope, opened);
  }

  private async applyAgrement(tx: ReadModelTransaction, event: RecordedEvent, table: TableNamer) {
    const history = await this.store.readStream(event.streamId, { maxCount: event.revision + 1 });
    const state = associationAggregate.fold(history);
    const view = agrementView(state);
    const associationId = event.streamId.slice(ASSOCIATION_PREFIX.length);
    await replace(
      tx,
      table,
      'agrement',
      associationId,
      [{ kind: 'agrement_expiry', rule: 'AGR-06', dueOn: agrementDeadlines(state).validTo }],
      {
        departement: view.headOfficeDepartement ?? '',
        departements: view.departements.join(','),
        associationId,
        commissionId: null,
      },
    );
  }

  private async applyMembership(tx: ReadModelTransaction, event: RecordedEvent, table: TableNamer) {
    const history = await this.store.readStream(event.streamId, { maxCount: event.revision + 1 });
    const { context } = commissionAggregate.fold(history);
    const commissionId = context.commissionId ?? event.streamId.slice(COMMISSION_PREFIX.length);
    await tx.run(`DELETE FROM ${table()} WHERE source = 'commission_member' AND commission_id = ?`, [
      commissionId,
    ]);
    const latest = new Map(context.members.map((member) => [member.memberId, member]));
    for (const member of latest.values()) {
      // COM-01: ex officio members have no term; COM-02: a departure or a successor closes the seat's row.
      if (member.leftOn !== undefined || member.termEnd === undefined || member.replacedBy !== undefined)
        continue;
      await insert(
        tx,
        table,
        'commission_member',
        member.memberId,
        {
          kind: 'member_term_end',
          rule: 'COM-02',
          dueOn: member.termEnd,
        },
        {
          departement: context.departement ?? '',
          departements: context.departement ?? '',
          associationId: member.associationId ?? null,
          commissionId,
        },
      );
    }
  }
}

interface Scope {
  readonly departement: string;
  readonly departements: string;
  readonly associationId: string | null;
  readonly commissionId: string | null;
}

async function replace(
  tx: ReadModelTransaction,
  table: TableNamer,
  source: DeadlineSource,
  subjectId: string,
  deadlines: readonly Deadline[],
  scope: Scope,
  /**
   * The subject has no row yet (a case opened in this batch): no DELETE. A rebuild meets every case
   * once so, and the DELETE that found nothing was a statement per case (≈ 7 µs).
   */
  noRowsYet = false,
): Promise<void> {
  if (!noRowsYet) {
    await tx.run(`DELETE FROM ${table()} WHERE source = ? AND subject_id = ?`, [source, subjectId]);
  }
  for (const deadline of deadlines) await insert(tx, table, source, subjectId, deadline, scope);
}

async function insert(
  tx: ReadModelTransaction,
  table: TableNamer,
  source: DeadlineSource,
  subjectId: string,
  deadline: Deadline,
  scope: Scope,
): Promise<void> {
  if (!deadline.dueOn) return;
  await tx.run(
    `INSERT INTO ${table()} (deadline_id, source, subject_id, departement, departements, association_id,
       commission_id, kind, rule_id, due_on) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (deadline_id) DO UPDATE SET due_on = excluded.due_on`,
    [
      `${source}:${scope.commissionId ? `${scope.commissionId}:` : ''}${subjectId}:${deadline.kind}`,
      source,
      subjectId,
      scope.departement,
      scope.departements,
      scope.associationId,
      scope.commissionId,
      deadline.kind,
      deadline.rule,
      deadline.dueOn,
    ],
  );
}

interface CaseDeadlines {
  readonly deadlines: Deadline[];
  readonly scope: Parameters<typeof replace>[5];
  /** Deadlines and scope as one string, to compare two states' rows. */
  readonly key: string;
}

/** The deadlines of a case in a state: the rows `writeCase` holds for it. */
function caseDeadlinesOf(state: PspCaseState): CaseDeadlines {
  const view = caseViewOf(state);
  const c = state.context;
  const deadlines: Deadline[] = [
    ...(CLOSED_CASE.has(view.status)
      ? []
      : [
          { kind: 'period_end', rule: 'DUR-01', dueOn: view.deadlines.periodEnd },
          { kind: 'cap_date', rule: 'PSP-06', dueOn: view.deadlines.capDate },
          { kind: 'aps_expiry', rule: 'APS-05', dueOn: view.deadlines.apsExpiry },
          { kind: 'observations_deadline', rule: 'PSP-09', dueOn: view.deadlines.observationsDeadline },
        ]),
    // T17 / APS-12: the post-PSP residence review of a completed case, open until the préfet decides
    { kind: 'post_psp_review', rule: 'APS-12', dueOn: view.deadlines.postPspReview },
  ];
  const scope = {
    departement: c.departement ?? '',
    departements: c.departement ?? '',
    associationId: c.associationId ?? null,
    commissionId: null,
  };
  return { deadlines, scope, key: JSON.stringify([deadlines, scope]) };
}
