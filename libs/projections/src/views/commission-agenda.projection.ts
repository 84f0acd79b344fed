import { AgendaItemView, SESSION_EVENT_TYPES, sessionView } from '@psp/commission';
import { EventStore, RecordedEvent } from '@psp/event-store';
import { CalendarDate, addDays } from '@psp/legal-kernel';
import { RecentlyClosedSessions, sessionAggregate } from '@psp/workflow';
import { ReadModelDatabase, ReadModelTransaction } from '../read-model/read-model-database';
import { Projection, TableNamer } from '../projector/projection';
import { requestKind } from './case-list.projection';

const SESSION_PREFIX = 'psp-commission-session-';

/**
 * `rv_commission_agenda_sessions` and `rv_commission_agenda_items`: the commission's sittings and
 * their agendas (COM-07, COM-08), with the recusals of each item (ACL-01, ACL-02, ACL-03). No
 * personal data: cases are opaque ids, members opaque member ids. The minimised case summary of the
 * API joins `rv_case_list` on `case_id` for status, stage and period figures.
 *
 * `rv_commission_agenda_sessions`, one row per sitting:
 *
 * | column | meaning |
 * |---|---|
 * | session_id, commission_id, departement | the sitting and its commission |
 * | status | convened, sitting, closed, cancelled |
 * | convened_on, sitting_on, notice_days, notice_respected | COM-07: notice sent, sitting date, days between, 5 days kept or urgency (1/0) |
 * | urgency, second_convocation | R.133-8 urgency; R.133-10 second convocation (1/0) |
 * | opened_on, closed_on, cancelled_on | what happened to the sitting |
 * | case_items, policy_items, deliberated_items | agenda counts (COM-08) |
 * | policy_deliberations | policy items deliberated (COM-06 counts sittings with at least one) |
 * | revision | stream revision |
 *
 * `rv_commission_agenda_items`, one row per agenda item:
 *
 * | column | meaning |
 * |---|---|
 * | session_id, item_id, position | the item and its place on the agenda |
 * | departement, sitting_on | from the sitting |
 * | kind | entry, renewal, resumption, afis or policy |
 * | request_type | initial, renewal, resumption or afis for a case item (null for policy) |
 * | case_id, instructing_association_id | the case and the association that instructed it (ACL-01) |
 * | subject | the subject of a policy item |
 * | acl01_recused, acl02_recused, acl03_recused | member ids recused under each rule, comma-separated ('' when none) |
 * | recusal_count | members recused on the item |
 * | deliberated, postponed | deliberated (1/0); closed without deliberation (1/0) |
 * | outcome, decided_on | favourable/unfavourable (case) or adopted/rejected (policy), and the date |
 */
export class CommissionAgendaProjection implements Projection {
  readonly name = 'commission_agenda';
  readonly version = 1;
  readonly parts = ['sessions', 'items'] as const;

  constructor(private readonly store: EventStore) {}

  async createTables(tx: ReadModelTransaction, table: TableNamer): Promise<void> {
    await tx.run(`CREATE TABLE IF NOT EXISTS ${table('sessions')} (
      session_id TEXT PRIMARY KEY, commission_id TEXT NOT NULL, departement TEXT NOT NULL, status TEXT NOT NULL,
      convened_on TEXT, sitting_on TEXT, notice_days BIGINT, notice_respected BIGINT NOT NULL,
      urgency BIGINT NOT NULL, second_convocation BIGINT NOT NULL,
      opened_on TEXT, closed_on TEXT, cancelled_on TEXT,
      case_items BIGINT NOT NULL, policy_items BIGINT NOT NULL, deliberated_items BIGINT NOT NULL,
      policy_deliberations BIGINT NOT NULL, revision BIGINT NOT NULL)`);
    await tx.run(
      `CREATE INDEX IF NOT EXISTS ${table('sessions')}_by_departement ON ${table('sessions')} (departement, sitting_on)`,
    );
    await tx.run(`CREATE TABLE IF NOT EXISTS ${table('items')} (
      session_id TEXT NOT NULL, item_id TEXT NOT NULL, position BIGINT NOT NULL, departement TEXT NOT NULL,
      sitting_on TEXT, kind TEXT NOT NULL, request_type TEXT, case_id TEXT, instructing_association_id TEXT,
      subject TEXT, acl01_recused TEXT NOT NULL, acl02_recused TEXT NOT NULL, acl03_recused TEXT NOT NULL,
      recusal_count BIGINT NOT NULL, deliberated BIGINT NOT NULL, postponed BIGINT NOT NULL,
      outcome TEXT, decided_on TEXT, PRIMARY KEY (session_id, item_id))`);
    await tx.run(`CREATE INDEX IF NOT EXISTS ${table('items')}_by_case ON ${table('items')} (case_id)`);
  }

  handles(type: string): boolean {
    return SESSION_EVENTS.has(type);
  }

  async apply(tx: ReadModelTransaction, event: RecordedEvent, table: TableNamer): Promise<void> {
    if (!event.streamId.startsWith(SESSION_PREFIX)) return;
    const history = await this.store.readStream(event.streamId, { maxCount: event.revision + 1 });
    const state = sessionAggregate.fold(history);
    const view = sessionView(state);
    const c = state.context;
    const sessionId = event.streamId.slice(SESSION_PREFIX.length);
    const policyDeliberations = view.policyDeliberations.length;
    await tx.run(
      `INSERT INTO ${table('sessions')} (session_id, commission_id, departement, status, convened_on, sitting_on,
         notice_days, notice_respected, urgency, second_convocation, opened_on, closed_on, cancelled_on, case_items,
         policy_items, deliberated_items, policy_deliberations, revision)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (session_id) DO UPDATE SET status = excluded.status, convened_on = excluded.convened_on,
         sitting_on = excluded.sitting_on, notice_days = excluded.notice_days,
         notice_respected = excluded.notice_respected, urgency = excluded.urgency,
         second_convocation = excluded.second_convocation, opened_on = excluded.opened_on,
         closed_on = excluded.closed_on, cancelled_on = excluded.cancelled_on, case_items = excluded.case_items,
         policy_items = excluded.policy_items, deliberated_items = excluded.deliberated_items,
         policy_deliberations = excluded.policy_deliberations, revision = excluded.revision`,
      [
        sessionId,
        c.commissionId ?? '',
        c.departement ?? '',
        view.status,
        view.convenedOn ?? null,
        view.sittingOn ?? null,
        view.noticeDays ?? null,
        view.noticeWarnings.length === 0 ? 1 : 0,
        view.urgency ? 1 : 0,
        view.secondConvocation ? 1 : 0,
        c.openedOn ?? null,
        c.closedOn ?? null,
        c.cancelledOn ?? null,
        view.agenda.filter((entry) => entry.item.kind !== 'policy').length,
        view.agenda.filter((entry) => entry.item.kind === 'policy').length,
        view.agenda.filter((entry) => entry.deliberated).length,
        policyDeliberations,
        event.revision,
      ],
    );
    await tx.run(`DELETE FROM ${table('items')} WHERE session_id = ?`, [sessionId]);
    for (const [position, entry] of view.agenda.entries()) {
      await tx.run(
        `INSERT INTO ${table('items')} (session_id, item_id, position, departement, sitting_on, kind, request_type,
           case_id, instructing_association_id, subject, acl01_recused, acl02_recused, acl03_recused, recusal_count,
           deliberated, postponed, outcome, decided_on)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        itemRow(sessionId, position, c.departement ?? '', view.sittingOn ?? null, entry),
      );
    }
  }
}

const SESSION_EVENTS = new Set<string>(SESSION_EVENT_TYPES);

function itemRow(
  sessionId: string,
  position: number,
  departement: string,
  sittingOn: string | null,
  entry: AgendaItemView,
): (string | number | null)[] {
  const { item, participation, record } = entry;
  const recused = (rule: string) =>
    participation.recusals
      .filter((recusal) => recusal.rule === rule)
      .map((recusal) => recusal.memberId)
      .join(',');
  const outcome = record ? (record.kindOfRecord === 'opinion' ? record.opinion : record.outcome) : null;
  return [
    sessionId,
    item.itemId,
    position,
    departement,
    sittingOn,
    item.kind,
    item.kind === 'policy' ? null : requestKind(item.kind),
    item.kind === 'policy' ? null : item.caseId,
    item.kind === 'policy' ? null : item.instructingAssociationId,
    item.kind === 'policy' ? item.subject : null,
    recused('ACL-01'),
    recused('ACL-02'),
    recused('ACL-03'),
    participation.recusals.length,
    entry.deliberated ? 1 : 0,
    entry.postponed ? 1 : 0,
    outcome,
    record?.decidedOn ?? null,
  ];
}

/**
 * Sittings closed in the last `days` days (the recovery pass of the opinion deliveries, ADR 0012):
 * `rv_commission_agenda_sessions` where status is `closed`.
 */
export class RecentlyClosedSittings implements RecentlyClosedSessions {
  constructor(
    private readonly db: ReadModelDatabase,
    private readonly today: () => CalendarDate,
    private readonly days = 30,
  ) {}

  async ids(): Promise<string[]> {
    const rows = await this.db.all<{ session_id: string }>(
      `SELECT session_id FROM rv_commission_agenda_sessions WHERE status = 'closed' AND closed_on >= ?
       ORDER BY closed_on, session_id`,
      [addDays(this.today(), -this.days)],
    );
    return rows.map((row) => row.session_id);
  }
}
