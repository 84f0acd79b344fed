import { RecordedEvent } from '@psp/event-store';
import { caseIdOf } from '@psp/workflow';
import { ReadModelTransaction } from '../read-model/read-model-database';
import { Projection, TableNamer } from '../projector/projection';

/**
 * `rv_file_numbers`: the human-readable file number of each case, `DD-YYYY-NNNN` (département,
 * year of the request, rank of the request in that département and year), e.g. `69-2026-0042`.
 * Numbers follow the order of the global log. A purged case keeps its row, so its number is never
 * given again; and since the purge deleted the request its number was counted from, a new version
 * of the view (a rebuild, new code) starts from the rows of the version it replaces
 * (`carryOver`): every case keeps its number, and the log numbers only the requests after them.
 * No personal data.
 *
 * | column | meaning |
 * |---|---|
 * | case_id | the case |
 * | departement, year, rank | the parts of the number |
 * | file_number | `DD-YYYY-NNNN` (at least four digits) |
 */
export class FileNumbersProjection implements Projection {
  readonly name = 'file_numbers';
  readonly version = 1;

  async createTables(tx: ReadModelTransaction, table: TableNamer): Promise<void> {
    await tx.run(`CREATE TABLE IF NOT EXISTS ${table()} (
      case_id TEXT PRIMARY KEY, departement TEXT NOT NULL, year BIGINT NOT NULL, rank BIGINT NOT NULL,
      file_number TEXT NOT NULL UNIQUE)`);
    // The next rank is MAX(rank) of the département and year: without this index every request
    // opened scanned the whole table (a rebuild of 100,000 events spent 1.7 s there, O(n²)).
    await tx.run(
      `CREATE INDEX IF NOT EXISTS ${table()}_by_departement_year ON ${table()} (departement, year, rank)`,
    );
  }

  /**
   * Numbers once given (on letters, in searches) are kept: from the log alone, a rebuild after a
   * retention purge would give every later request of that département and year the number of the
   * one before it (ADR 0028).
   */
  async carryOver(tx: ReadModelTransaction, table: TableNamer, from: TableNamer): Promise<void> {
    // `WHERE true`: SQLite reads `ON CONFLICT` after a bare `SELECT … FROM t` as a join constraint.
    await tx.run(
      `INSERT INTO ${table()} (case_id, departement, year, rank, file_number)
       SELECT case_id, departement, year, rank, file_number FROM ${from()} WHERE true
       ON CONFLICT DO NOTHING`,
    );
  }

  handles(type: string): boolean {
    return type === 'RequestOpened';
  }

  async apply(tx: ReadModelTransaction, event: RecordedEvent, table: TableNamer): Promise<void> {
    const caseId = caseIdOf(event.streamId);
    const data = event.data as { departement?: string; openedOn?: string };
    if (!caseId || !data.departement || !data.openedOn) return;
    const [known] = await tx.all<{ case_id: string }>(`SELECT case_id FROM ${table()} WHERE case_id = ?`, [
      caseId,
    ]);
    if (known) return;
    const year = Number(data.openedOn.slice(0, 4));
    const [last] = await tx.all<{ rank: number | string | null }>(
      `SELECT MAX(rank) AS rank FROM ${table()} WHERE departement = ? AND year = ?`,
      [data.departement, year],
    );
    const rank = Number(last?.rank ?? 0) + 1;
    await tx.run(
      `INSERT INTO ${table()} (case_id, departement, year, rank, file_number) VALUES (?, ?, ?, ?, ?)`,
      [caseId, data.departement, year, rank, fileNumber(data.departement, year, rank)],
    );
  }
}

/** `69-2026-0042`: département, year, rank on at least four digits. */
export function fileNumber(departement: string, year: number, rank: number): string {
  return `${departement}-${year}-${String(rank).padStart(4, '0')}`;
}

/** A file number as typed by a user (`69-2026-42`, ` 2a-2026-0042 `), normalised; undefined if it is not one. */
export function parseFileNumber(text: string): string | undefined {
  const match = /^\s*(\d{2,3}|2[ab])-(\d{4})-(\d{1,9})\s*$/i.exec(text);
  if (!match) return undefined;
  return fileNumber(match[1].toUpperCase(), Number(match[2]), Number(match[3]));
}
