/** One store under measurement, seen through the few operations the benchmarks need. */
export interface StoreContender {
  readonly name: string;
  /** How a commit is made durable, read back from the database where it can be. */
  durability(): Promise<string>;
  /**
   * Appends one event at `revision` (0-based) of `stream`, with the expected-version check of the
   * store (the stream must be at `revision - 1`, or not exist for revision 0).
   */
  appendOne(stream: string, revision: number): Promise<void>;
  /** Writes `count` events to a new stream in one append (to prepare reads). */
  seedStream?(stream: string, count: number): Promise<void>;
  /** Reads the whole stream forwards; resolves to how many events came back. */
  readStream?(stream: string): Promise<number>;
  /** Anything that went wrong but was worked around during the run, to print next to the figures. */
  anomalies?(): string | undefined;
  close(): Promise<void>;
}
