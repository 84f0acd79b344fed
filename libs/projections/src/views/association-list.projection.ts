import { EventStore, RecordedEvent } from '@psp/event-store';
import { agrementDeadlines, agrementView, lastValidDay } from '@psp/association';
import { CalendarDate } from '@psp/legal-kernel';
import { KnownAssociations, associationAggregate } from '@psp/workflow';
import { ReadModelDatabase, ReadModelTransaction } from '../read-model/read-model-database';
import { Projection, TableNamer } from '../projector/projection';

const PREFIX = 'psp-association-';
const CASE_PREFIX = 'psp-case-';

/**
 * `rv_association_list`: one row per association and its agrément (section 6), for the agrément
 * deadlines (AGR-04, AGR-05, expiry) and the indicators of 7.3 item 9.
 *
 * | column | meaning |
 * |---|---|
 * | association_id, head_office_departement, departements | who, and the départements the agrément covers (AGR-09, comma-separated) |
 * | status | agrément status (applied, incomplete, complete, granted, renewed, refused, withdrawn, expired) |
 * | valid_from, valid_to | the term in force (AGR-06) |
 * | expiry_warning_from | 6 months before expiry |
 * | next_deadline | the earliest of the completeness deadline, the silence deadline and the expiry |
 * | cases_instructed | cases the association opened and instructs (PSP-03; counted from `rv_association_list_cases`) |
 *
 * `rv_association_list_terms`, one row per term of agrément ever granted or renewed (AGR-06, AGR-07),
 * for "valid on a date" questions:
 *
 * | column | meaning |
 * |---|---|
 * | association_id, term_index | the association and the term's rank (0 = first grant) |
 * | kind | granted, granted_by_silence (AGR-05), renewed, renewed_by_silence |
 * | decided_on, valid_from, valid_to | the decision and the term (`valid_to` its last day, including the days a renewal filed before expiry kept it in force until decided, AGR-07) |
 * | withdrawn_on | AGR-08: first day the agrément no longer applies after a withdrawal |
 * | departements | départements covered (AGR-09), comma-separated |
 *
 * `rv_association_list_cases`, one row per case: case_id, association_id, departement, opened_on.
 */
export class AssociationListProjection implements Projection {
  readonly name = 'association_list';
  readonly version = 2;
  readonly parts = [undefined, 'terms', 'cases'] as const;

  constructor(private readonly store: EventStore) {}

  async createTables(tx: ReadModelTransaction, table: TableNamer): Promise<void> {
    await tx.run(`CREATE TABLE IF NOT EXISTS ${table()} (
      association_id TEXT PRIMARY KEY, head_office_departement TEXT, departements TEXT NOT NULL, status TEXT NOT NULL,
      valid_from TEXT, valid_to TEXT, expiry_warning_from TEXT, next_deadline TEXT, revision BIGINT NOT NULL,
      cases_instructed BIGINT NOT NULL)`);
    await tx.run(`CREATE TABLE IF NOT EXISTS ${table('terms')} (
      association_id TEXT NOT NULL, term_index BIGINT NOT NULL, kind TEXT NOT NULL, decided_on TEXT NOT NULL,
      valid_from TEXT NOT NULL, valid_to TEXT NOT NULL, withdrawn_on TEXT, departements TEXT NOT NULL,
      PRIMARY KEY (association_id, term_index))`);
    await tx.run(`CREATE TABLE IF NOT EXISTS ${table('cases')} (
      case_id TEXT PRIMARY KEY, association_id TEXT NOT NULL, departement TEXT NOT NULL, opened_on TEXT NOT NULL)`);
    await tx.run(
      `CREATE INDEX IF NOT EXISTS ${table('cases')}_by_association ON ${table('cases')} (association_id)`,
    );
  }

  handles(): boolean {
    return true;
  }

  async apply(tx: ReadModelTransaction, event: RecordedEvent, table: TableNamer): Promise<void> {
    if (event.type === 'RequestOpened' && event.streamId.startsWith(CASE_PREFIX)) {
      return this.countCase(tx, event, table);
    }
    if (!event.streamId.startsWith(PREFIX)) return;
    const associationId = event.streamId.slice(PREFIX.length);
    const history = await this.store.readStream(event.streamId, { maxCount: event.revision + 1 });
    const state = associationAggregate.fold(history);
    const view = agrementView(state);
    const d = agrementDeadlines(state);
    const next = [d.completenessDeadline, d.silenceDeadline, d.expiresOn]
      .filter((x): x is string => !!x)
      .sort()[0];
    await tx.run(
      `INSERT INTO ${table()} (association_id, head_office_departement, departements, status, valid_from, valid_to,
         expiry_warning_from, next_deadline, revision, cases_instructed)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, (SELECT count(*) FROM ${table('cases')} WHERE association_id = ?))
       ON CONFLICT (association_id) DO UPDATE SET head_office_departement = excluded.head_office_departement,
         departements = excluded.departements, status = excluded.status, valid_from = excluded.valid_from,
         valid_to = excluded.valid_to, expiry_warning_from = excluded.expiry_warning_from,
         next_deadline = excluded.next_deadline, revision = excluded.revision`,
      [
        associationId,
        view.headOfficeDepartement ?? null,
        view.departements.join(','),
        view.status,
        view.validFrom ?? null,
        view.validTo ?? null,
        d.expiryWarningFrom ?? null,
        next ?? null,
        event.revision,
        associationId,
      ],
    );
    await tx.run(`DELETE FROM ${table('terms')} WHERE association_id = ?`, [associationId]);
    for (const [index, term] of view.terms.entries()) {
      await tx.run(
        `INSERT INTO ${table('terms')} (association_id, term_index, kind, decided_on, valid_from, valid_to, withdrawn_on,
           departements) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
        [
          associationId,
          index,
          term.kind,
          term.decidedOn,
          term.validFrom,
          lastValidDay(term),
          term.withdrawnOn ?? null,
          term.departements.join(','),
        ],
      );
    }
  }

  /** PSP-03: a case opened by an association counts as instructed by it (the case keeps its association). */
  private async countCase(tx: ReadModelTransaction, event: RecordedEvent, table: TableNamer): Promise<void> {
    const data = event.data as { associationId?: string; departement?: string; openedOn?: string };
    if (!data.associationId) return;
    await tx.run(
      `INSERT INTO ${table('cases')} (case_id, association_id, departement, opened_on) VALUES (?, ?, ?, ?)
       ON CONFLICT (case_id) DO NOTHING`,
      [
        event.streamId.slice(CASE_PREFIX.length),
        data.associationId,
        data.departement ?? '',
        data.openedOn ?? '',
      ],
    );
    await tx.run(
      `UPDATE ${table()} SET cases_instructed = (SELECT count(*) FROM ${table('cases')} WHERE association_id = ?)
       WHERE association_id = ?`,
      [data.associationId, data.associationId],
    );
  }
}

/** Associations with an agrément deadline that has passed (the registry scheduler's to-do list). */
export class AssociationListDue implements KnownAssociations {
  constructor(
    private readonly db: ReadModelDatabase,
    private readonly today: () => CalendarDate,
  ) {}

  async all(): Promise<string[]> {
    const rows = await this.db.all<{ association_id: string }>(
      'SELECT association_id FROM rv_association_list WHERE next_deadline IS NOT NULL AND next_deadline <= ?',
      [this.today()],
    );
    return rows.map((r) => r.association_id);
  }
}
