import { EventStore, RecordedEvent } from '@psp/event-store';
import { agrementDeadlines, agrementView } from '@psp/association';
import { CalendarDate } from '@psp/legal-kernel';
import { KnownAssociations, associationAggregate } from '@psp/workflow';
import { ReadModelDatabase, ReadModelTransaction } from '../read-model/read-model-database';
import { Projection, TableNamer } from '../projector/projection';

const PREFIX = 'psp-association-';

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
 */
export class AssociationListProjection implements Projection {
  readonly name = 'association_list';
  readonly version = 1;

  constructor(private readonly store: EventStore) {}

  async createTables(tx: ReadModelTransaction, table: TableNamer): Promise<void> {
    await tx.run(`CREATE TABLE IF NOT EXISTS ${table()} (
      association_id TEXT PRIMARY KEY, head_office_departement TEXT, departements TEXT NOT NULL, status TEXT NOT NULL,
      valid_from TEXT, valid_to TEXT, expiry_warning_from TEXT, next_deadline TEXT, revision BIGINT NOT NULL)`);
  }

  handles(): boolean {
    return true;
  }

  async apply(tx: ReadModelTransaction, event: RecordedEvent, table: TableNamer): Promise<void> {
    if (!event.streamId.startsWith(PREFIX)) return;
    const history = await this.store.readStream(event.streamId, { maxCount: event.revision + 1 });
    const state = associationAggregate.fold(history);
    const view = agrementView(state);
    const d = agrementDeadlines(state);
    const next = [d.completenessDeadline, d.silenceDeadline, d.expiresOn]
      .filter((x): x is string => !!x)
      .sort()[0];
    await tx.run(
      `INSERT INTO ${table()} (association_id, head_office_departement, departements, status, valid_from, valid_to,
         expiry_warning_from, next_deadline, revision) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (association_id) DO UPDATE SET head_office_departement = excluded.head_office_departement,
         departements = excluded.departements, status = excluded.status, valid_from = excluded.valid_from,
         valid_to = excluded.valid_to, expiry_warning_from = excluded.expiry_warning_from,
         next_deadline = excluded.next_deadline, revision = excluded.revision`,
      [
        event.streamId.slice(PREFIX.length),
        view.headOfficeDepartement ?? null,
        view.departements.join(','),
        view.status,
        view.validFrom ?? null,
        view.validTo ?? null,
        d.expiryWarningFrom ?? null,
        next ?? null,
        event.revision,
      ],
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
