import { RecordedEvent } from '@psp/event-store';
import { ReadModelTransaction } from '../read-model/read-model-database';

/** Names a view's tables for one version of it: `rv_<name>_v<version>[_<part>]`. */
export type TableNamer = (part?: string) => string;

/**
 * A read view fed by the global log. `apply` must be deterministic and idempotent in effect: it
 * runs in the same transaction as the checkpoint, so each event changes the view exactly once.
 */
export interface Projection {
  /** Stable name; analysts query the view `rv_<name>` (and `rv_<name>_<part>`). */
  readonly name: string;
  /** Bump when the tables or the logic change: a rebuild writes the new version, then swaps. */
  readonly version: number;
  /** Table parts this projection creates (for the stable views): `[undefined]` means one table. */
  readonly parts?: readonly (string | undefined)[];
  /**
   * Creates what is missing of the version's tables and indexes (`IF NOT EXISTS`): run when a
   * version is prepared, and on SQLite again at every start on the active version when it is the
   * code's own, so that an index added later reaches tables created before it.
   */
  createTables(tx: ReadModelTransaction, table: TableNamer): Promise<void>;
  /** Event types of interest; others only move the checkpoint. */
  handles(type: string): boolean;
  apply(tx: ReadModelTransaction, event: RecordedEvent, table: TableNamer): Promise<void>;
  /**
   * Optional fast path: applies a run of handled events (in log order) at once, leaving the view
   * exactly as `apply` on each would (e.g. one row write per case instead of one per event). If it
   * throws, the projector rolls it back and falls back to `apply`, event by event.
   */
  applyAll?(tx: ReadModelTransaction, events: readonly RecordedEvent[], table: TableNamer): Promise<void>;
  /**
   * Optional: what a new version of the view (a rebuild, new code) keeps from the version it
   * replaces, written into its fresh tables before it reads the log, in the transaction that
   * creates them. For what the log alone cannot give back: numbers given once (`rv_file_numbers`:
   * a purge deletes the request a number was counted from). `from` names the replaced version's
   * tables, with that version's columns. Must be idempotent (another process may prepare the same
   * version at the same time).
   */
  carryOver?(tx: ReadModelTransaction, table: TableNamer, from: TableNamer): Promise<void>;
}

export function tableNamer(projection: Pick<Projection, 'name'>, version: number): TableNamer {
  return (part) => `rv_${projection.name}_v${version}${part ? `_${part}` : ''}`;
}
