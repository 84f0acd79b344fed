import {
  DEFAULT_COMMISSION_PARAMETERS,
  MEMBERSHIP_EVENT_TYPES,
  SESSION_EVENT_TYPES,
  commissionParameterOn,
  opinionsOf,
} from '@psp/commission';
import { EventStore, RecordedEvent } from '@psp/event-store';
import { commissionAggregate, sessionAggregate } from '@psp/workflow';
import { ReadModelTransaction } from '../read-model/read-model-database';
import { Projection, TableNamer } from '../projector/projection';

const COMMISSION_PREFIX = 'psp-commission-';
const SESSION_PREFIX = 'psp-commission-session-';
const MEMBERSHIP = new Set<string>(MEMBERSHIP_EVENT_TYPES);
const SESSIONS = new Set<string>(SESSION_EVENT_TYPES);

/**
 * COM-06: the minimum number of policy meetings in `year`, the value in force on 1 January
 * (1 a year, 2 from the decree of 30 Dec 2025 [S]), as `meetingsHeldInYear` reads it.
 */
export function meetingsMinimumFor(year: number): number {
  return commissionParameterOn(DEFAULT_COMMISSION_PARAMETERS, 'meetingsPerYearMinimum', `${year}-01-01`);
}

/**
 * The departmental commissions (rule book section 5): membership, terms, training, and sittings
 * held per year against the legal minimum. Member ids are opaque: no name is ever stored.
 *
 * `rv_commissions`, one row per commission:
 *
 * | column | meaning |
 * |---|---|
 * | commission_id, departement, constituted_on | the commission (COM-03) |
 * | chairs | presiding chairs' member ids, comma-separated (COM-03) |
 * | revision | membership stream revision |
 *
 * `rv_commissions_members`, one row per member (the latest appointment of the id):
 *
 * | column | meaning |
 * |---|---|
 * | commission_id, member_id, departement | the seat |
 * | category, association_id | R.121-12-7 category; the approved association represented (11°, ACL-01) |
 * | term_start, term_end | COM-02: the 3-year term, `term_end` its last day; null for an ex officio member (2° to 8°, COM-01), who has no term |
 * | left_on | first day off the commission after an early departure (R.133-4) |
 * | training_completed_on | COM-05: the awareness/training session (null: not trained yet) |
 *
 * `rv_commissions_sittings`, one row per sitting that opened (the basis of the yearly count):
 *
 * | column | meaning |
 * |---|---|
 * | session_id, commission_id, departement | the sitting |
 * | year, opened_on | when it sat |
 * | policy_deliberations, case_opinions | policy items and case opinions deliberated (COM-08) |
 *
 * `rv_commissions_years`, one row per commission and year with at least one sitting:
 *
 * | column | meaning |
 * |---|---|
 * | commission_id, year, departement | |
 * | sessions_held | sittings that opened in the year |
 * | policy_sessions | sittings with at least one policy deliberation (R.121-12-8) |
 * | minimum | COM-06: policy meetings required that year (1 before 2026, 2 from 2026) |
 * | met | 1 when `policy_sessions >= minimum` |
 */
export class CommissionsProjection implements Projection {
  readonly name = 'commissions';
  /** 2: `term_end` is null for ex officio members (COM-01 / COM-02). */
  readonly version = 2;
  readonly parts = [undefined, 'members', 'sittings', 'years'] as const;

  constructor(private readonly store: EventStore) {}

  async createTables(tx: ReadModelTransaction, table: TableNamer): Promise<void> {
    await tx.run(`CREATE TABLE IF NOT EXISTS ${table()} (
      commission_id TEXT PRIMARY KEY, departement TEXT NOT NULL, constituted_on TEXT, chairs TEXT NOT NULL,
      revision BIGINT NOT NULL)`);
    await tx.run(`CREATE TABLE IF NOT EXISTS ${table('members')} (
      commission_id TEXT NOT NULL, member_id TEXT NOT NULL, departement TEXT NOT NULL, category TEXT NOT NULL,
      association_id TEXT, term_start TEXT NOT NULL, term_end TEXT, left_on TEXT,
      training_completed_on TEXT, PRIMARY KEY (commission_id, member_id))`);
    await tx.run(`CREATE TABLE IF NOT EXISTS ${table('sittings')} (
      session_id TEXT PRIMARY KEY, commission_id TEXT NOT NULL, departement TEXT NOT NULL, year BIGINT NOT NULL,
      opened_on TEXT NOT NULL, policy_deliberations BIGINT NOT NULL, case_opinions BIGINT NOT NULL)`);
    await tx.run(`CREATE TABLE IF NOT EXISTS ${table('years')} (
      commission_id TEXT NOT NULL, year BIGINT NOT NULL, departement TEXT NOT NULL, sessions_held BIGINT NOT NULL,
      policy_sessions BIGINT NOT NULL, minimum BIGINT NOT NULL, met BIGINT NOT NULL,
      PRIMARY KEY (commission_id, year))`);
  }

  handles(type: string): boolean {
    return MEMBERSHIP.has(type) || SESSIONS.has(type);
  }

  async apply(tx: ReadModelTransaction, event: RecordedEvent, table: TableNamer): Promise<void> {
    if (event.streamId.startsWith(SESSION_PREFIX)) return this.applySession(tx, event, table);
    if (event.streamId.startsWith(COMMISSION_PREFIX)) return this.applyMembership(tx, event, table);
  }

  private async applyMembership(tx: ReadModelTransaction, event: RecordedEvent, table: TableNamer) {
    const history = await this.store.readStream(event.streamId, { maxCount: event.revision + 1 });
    const { context } = commissionAggregate.fold(history);
    const commissionId = context.commissionId ?? event.streamId.slice(COMMISSION_PREFIX.length);
    const departement = context.departement ?? '';
    await tx.run(
      `INSERT INTO ${table()} (commission_id, departement, constituted_on, chairs, revision) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (commission_id) DO UPDATE SET departement = excluded.departement,
         constituted_on = excluded.constituted_on, chairs = excluded.chairs, revision = excluded.revision`,
      [
        commissionId,
        departement,
        context.constitutedOn ?? null,
        context.chairs.map((chair) => chair.memberId).join(','),
        event.revision,
      ],
    );
    await tx.run(`DELETE FROM ${table('members')} WHERE commission_id = ?`, [commissionId]);
    // The latest record of each member id (a re-appointment replaces the earlier seat).
    const latest = new Map(context.members.map((member) => [member.memberId, member]));
    for (const member of latest.values()) {
      await tx.run(
        `INSERT INTO ${table('members')} (commission_id, member_id, departement, category, association_id, term_start,
           term_end, left_on, training_completed_on) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [
          commissionId,
          member.memberId,
          departement,
          member.category,
          member.associationId ?? null,
          member.termStart,
          member.termEnd ?? null,
          member.leftOn ?? null,
          member.trainingCompletedAt ?? null,
        ],
      );
    }
  }

  private async applySession(tx: ReadModelTransaction, event: RecordedEvent, table: TableNamer) {
    const history = await this.store.readStream(event.streamId, { maxCount: event.revision + 1 });
    const state = sessionAggregate.fold(history);
    const { context } = state;
    if (!context.openedOn || !context.commissionId) return;
    const year = Number(context.openedOn.slice(0, 4));
    const policy = context.deliberations.filter((record) => record.kindOfRecord === 'policy').length;
    await tx.run(
      `INSERT INTO ${table('sittings')} (session_id, commission_id, departement, year, opened_on, policy_deliberations,
         case_opinions) VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (session_id) DO UPDATE SET policy_deliberations = excluded.policy_deliberations,
         case_opinions = excluded.case_opinions`,
      [
        event.streamId.slice(SESSION_PREFIX.length),
        context.commissionId,
        context.departement ?? '',
        year,
        context.openedOn,
        policy,
        opinionsOf(state).length,
      ],
    );
    const [counts] = await tx.all<{ held: number | string; with_policy: number | string | null }>(
      `SELECT count(*) AS held, sum(CASE WHEN policy_deliberations > 0 THEN 1 ELSE 0 END) AS with_policy
       FROM ${table('sittings')} WHERE commission_id = ? AND year = ?`,
      [context.commissionId, year],
    );
    const minimum = meetingsMinimumFor(year);
    const withPolicy = Number(counts?.with_policy ?? 0);
    await tx.run(
      `INSERT INTO ${table('years')} (commission_id, year, departement, sessions_held, policy_sessions, minimum, met)
       VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (commission_id, year) DO UPDATE SET sessions_held = excluded.sessions_held,
         policy_sessions = excluded.policy_sessions, minimum = excluded.minimum, met = excluded.met`,
      [
        context.commissionId,
        year,
        context.departement ?? '',
        Number(counts?.held ?? 0),
        withPolicy,
        minimum,
        withPolicy >= minimum ? 1 : 0,
      ],
    );
  }
}
