import { EventStore, RecordedEvent } from '@psp/event-store';
import { ReadModelDatabase, ReadModelTransaction } from '../read-model/read-model-database';
import { Projection, tableNamer } from './projection';
import { createProjectorTables } from './projector-schema';
import { SpanStatusCode, trace } from '@opentelemetry/api';

const tracer = trace.getTracer('psp-case-engine');

export interface ProjectionStatus {
  readonly projection: string;
  readonly version: number;
  readonly position: string;
  readonly events: number;
  readonly caughtUp: boolean;
  readonly parkedStreams: number;
  readonly error?: string;
}

export interface ProjectorOptions {
  readonly batchSize?: number;
  /**
   * Events per batch of a runner building a new version of a view (a rebuild, a new version's
   * catch-up): larger than a live batch, since it has the whole log to read and each batch costs a
   * commit (and, every few, a WAL checkpoint with its fsyncs). 10,000 by default, or `batchSize`
   * when that is given (the tests' small batches then apply to rebuilds too).
   */
  readonly rebuildBatchSize?: number;
  /** How long to wait for new events before looking again (ms). */
  readonly idleMs?: number;
  /**
   * The shortest time between two wakes of the runners by nudges (ms; 10 by default, 0: every
   * nudge wakes them at the next turn of the event loop). The first nudge after a quiet spell
   * wakes them at once; under load the nudges that come within the window share one wake, so each
   * batch carries several commands' events and pays the per-batch work (one read of the log, a
   * checkpoint read and write per view, one commit) once for all of them. What it costs: a view
   * may trail the log by up to the window more under load (ADR 0026).
   */
  readonly coalesceMs?: number;
  /** Told when an event cannot be handled and its stream is parked for that view (an alert). */
  readonly onParked?: (parked: {
    projection: string;
    streamId: string;
    position: bigint;
    error: string;
  }) => void;
  readonly now?: () => Date;
}

/**
 * Position of the last event in the log: from the store's health when it tells it (SQLite,
 * PostgreSQL), else by reading forward from `from` (a checkpoint) to the end.
 */
export async function lastLogPosition(store: EventStore, from = 0n): Promise<bigint> {
  const details = (await store.health().catch(() => undefined))?.details;
  const told = details?.lastGlobalPosition ?? details?.events;
  if (typeof told === 'string' || typeof told === 'number') return BigInt(told);
  let last = from;
  for (;;) {
    const batch = await store.readAll({ after: last, maxCount: 10_000 });
    if (batch.length === 0) return last;
    last = batch[batch.length - 1].globalPosition;
  }
}

interface Runner {
  readonly projection: Projection;
  readonly version: number;
  /** Events per read: `rebuildBatchSize` while building a new version, else `batchSize`. */
  readonly batchSize: number;
  position: bigint;
  events: number;
  caughtUp: boolean;
  error?: string;
  stopped: boolean;
  swapCheckedAt: number;
  /** The log's generation when this runner last read it (a nudge since then: read again at once). */
  readGeneration: number;
  /** The checkpoint as this runner last wrote (or read) it, when, and the events passed since. */
  savedPosition: bigint;
  savedAt: number;
  unsavedEvents: number;
  /** The streams parked for this view, as last read from the read model (and parked since), and when. */
  parked?: Set<string>;
  parkedReadAt: number;
  done?: Promise<void>;
}

/**
 * How long a runner may keep its checkpoint in memory when a batch holds nothing for its view (ms):
 * such a batch changes no row, so writing the checkpoint is its only work. A restart replays
 * those events, which the view ignores again.
 */
const CHECKPOINT_LAG_MS = 1_000;
/** How long a runner trusts its list of parked streams before reading it again (ms). */
const PARKED_REREAD_MS = 1_000;

/**
 * One read of the log per batch for every view: the runners at the same checkpoint share the
 * same read (the same event objects, so the case states folded for one view serve the others).
 * A full batch never changes and is kept while a runner may still ask for it; a short one (the end
 * of the log) is shared only until the log's generation moves (a nudge, the idle timer).
 */
class SharedLog {
  private readonly reads = new Map<
    string,
    { after: bigint; generation: number; batch: Promise<RecordedEvent[]> }
  >();
  generation = 0;
  /** Reads issued to the store (for the tests and the benchmarks). */
  storeReads = 0;

  constructor(
    private readonly store: EventStore,
    private readonly maxKept = 32,
  ) {}

  read(after: bigint, maxCount: number): Promise<RecordedEvent[]> {
    const key = `${after}/${maxCount}`;
    const kept = this.reads.get(key);
    if (kept && (kept.generation === this.generation || kept.generation === Infinity)) return kept.batch;
    this.storeReads += 1;
    const generation = this.generation;
    const batch = this.store.readAll({ after, maxCount });
    const entry = { after, generation, batch };
    this.reads.set(key, entry);
    batch.then(
      (events) => {
        if (events.length === maxCount && this.reads.get(key) === entry) {
          this.reads.set(key, { after, generation: Infinity, batch });
        }
      },
      () => this.reads.delete(key),
    );
    while (this.reads.size > this.maxKept) this.reads.delete(this.reads.keys().next().value!);
    return batch;
  }

  /** Forgets the reads no runner will ask for again (all runners are past them). */
  forgetBefore(position: bigint): void {
    for (const [key, read] of this.reads) if (read.after < position) this.reads.delete(key);
  }
}

/**
 * Feeds read views from the global log. For each batch of events, in one read-model transaction:
 * apply each event (in a savepoint), move the checkpoint. A crash anywhere replays from the last
 * committed checkpoint, so each event changes a view exactly once. An event a view cannot handle
 * parks its stream for that view and raises an alert; every other stream keeps going.
 */
export class Projector {
  private readonly runners = new Map<string, Runner>();
  private readonly waiters = new Set<() => void>();
  private readonly log: SharedLog;
  private wakeScheduled = false;
  private wakeTimer: NodeJS.Timeout | undefined;
  /** When the runners were last woken (performance.now()), for the coalescing window. */
  private lastWakeAt = Number.NEGATIVE_INFINITY;
  private readonly coalesceMs: number;
  private idleTimer: NodeJS.Timeout | undefined;
  private readonly batchSize: number;
  private readonly rebuildBatchSize: number;
  private readonly idleMs: number;
  private readonly now: () => Date;

  constructor(
    private readonly store: EventStore,
    private readonly db: ReadModelDatabase,
    private readonly projections: readonly Projection[],
    private readonly options: ProjectorOptions = {},
  ) {
    this.batchSize = options.batchSize ?? 2000;
    this.rebuildBatchSize = options.rebuildBatchSize ?? options.batchSize ?? 10_000;
    this.idleMs = options.idleMs ?? 100;
    this.coalesceMs = options.coalesceMs ?? 10;
    this.now = options.now ?? (() => new Date());
    this.log = new SharedLog(store);
  }

  /** Reads of the log issued to the store so far (every view's runner shares them). */
  get logReads(): number {
    return this.log.storeReads;
  }

  /** Creates missing tables and starts every projection at its active version. */
  async start(): Promise<void> {
    await createProjectorTables(this.db);
    for (const projection of this.projections) {
      const active = await this.activeVersion(projection.name);
      if (active === undefined || active < projection.version) {
        // A new projection, or new code: build the new version, swap when caught up.
        await this.prepareVersion(projection, projection.version);
        if (active === undefined) await this.swap(projection, projection.version);
        else this.launch(projection, active, false); // keeps serving until the new version swaps in
        this.launch(projection, projection.version, active !== undefined);
      } else {
        // SQLite, the code's own version: an index added to its tables since they were created (same
        // rows, so no new version) reaches them now; `createTables` creates only what is missing,
        // in one write transaction like any other. Not on PostgreSQL, where `CREATE INDEX IF NOT
        // EXISTS` locks the table against writes before it looks, and the views' transactions of
        // other instances could deadlock with it: there, a new index comes with a new version.
        if (active === projection.version && this.db.dialect === 'sqlite') {
          await this.db.transaction((tx) => projection.createTables(tx, tableNamer(projection, active)));
        }
        this.launch(projection, active, false);
      }
    }
  }

  /**
   * Tells the runners the log has grown (the API calls it after each accepted command). Nudges
   * are coalesced: the idle runners wake once for all the nudges of a turn of the event loop, and
   * not again before `coalesceMs` since their last wake; a runner busy with a batch when a nudge
   * comes waits for that next wake too, so the runners keep reading the log together.
   */
  nudge(): void {
    this.log.generation += 1;
    this.scheduleWake();
  }

  /** One wake of every waiting runner: at the next turn, or at the end of the coalescing window. */
  private scheduleWake(): void {
    if (this.wakeScheduled) return;
    this.wakeScheduled = true;
    const fire = () => {
      this.wakeScheduled = false;
      this.wakeTimer = undefined;
      this.wakeAll();
    };
    const wait = this.lastWakeAt + this.coalesceMs - performance.now();
    if (wait > 0) this.wakeTimer = setTimeout(fire, wait);
    else setImmediate(fire);
  }

  private wakeAll(): void {
    this.lastWakeAt = performance.now();
    for (const wake of [...this.waiters]) wake();
  }

  /** Waits until every runner has read everything the store had when called. */
  async waitUntilCaughtUp(timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    const target = await this.lastPosition();
    this.nudge();
    while ([...this.runners.values()].some((r) => !r.stopped && !r.error && r.position < target)) {
      if (Date.now() > deadline) throw new Error('projections did not catch up in time');
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }

  /**
   * Rebuilds one view from the start of the log into a new version of its tables while the
   * current version keeps serving, then swaps. `onProgress` gets the events done.
   */
  async rebuild(name: string, onProgress?: (done: number, position: bigint) => void): Promise<number> {
    const projection = this.projections.find((p) => p.name === name);
    if (!projection) throw new Error(`unknown projection ${name}`);
    await createProjectorTables(this.db);
    const current = (await this.activeVersion(name)) ?? 0;
    // A rebuild left unfinished (a killed CLI, a crash) is resumed from its checkpoint: a runner of
    // another process on the same version is harmless, the checkpoint guard applies each event once.
    const [unfinished] = await this.db.all<{ version: number | string | null }>(
      'SELECT max(version) AS version FROM projection_checkpoints WHERE projection = ? AND version > ?',
      [name, current],
    );
    const next =
      unfinished?.version != null && !this.runners.has(`${name}@${Number(unfinished.version)}`)
        ? Number(unfinished.version)
        : Math.max(
            current,
            projection.version - 1, // never below the version the code writes
            ...[...this.runners.values()].filter((r) => r.projection.name === name).map((r) => r.version),
          ) + 1;
    await this.prepareVersion(projection, next);
    const runner = this.launch(projection, next, true, onProgress);
    while (!runner.stopped) {
      if (runner.error) throw new Error(`rebuild of ${name} failed: ${runner.error}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
      if (runner.caughtUp && (await this.activeVersion(name)) === next) break;
    }
    return next;
  }

  /**
   * Rebuilds every view (or the named ones) in one pass over the log: each view gets a new version
   * of its tables and its own runner, all runners share each batch read (one read of the log per
   * batch for all views), each view's writes go in its own transaction per batch, and each view
   * swaps in when it has caught up. `onProgress` gets each view's events done.
   */
  async rebuildAll(
    names: readonly string[] = this.projections.map((p) => p.name),
    onProgress?: (name: string, done: number, position: bigint) => void,
  ): Promise<{ name: string; version: number }[]> {
    return Promise.all(
      names.map(async (name) => ({
        name,
        version: await this.rebuild(name, (done, position) => onProgress?.(name, done, position)),
      })),
    );
  }

  /**
   * The views' progress as stored in the read-model database: each active version's checkpoint,
   * for a process that does not run the projector itself (the API with `PROJECTOR=external`).
   */
  async storedStatus(): Promise<ProjectionStatus[]> {
    await createProjectorTables(this.db);
    const rows = await this.db.all<{
      projection: string;
      version: number | string;
      position: string;
      events: number | string;
      parked: number | string;
    }>(
      `SELECT c.projection, c.version, c.position, c.events,
         (SELECT count(*) FROM projection_parked p WHERE p.projection = c.projection AND p.version = c.version) AS parked
       FROM projection_checkpoints c JOIN projection_active a ON a.projection = c.projection AND a.version = c.version
       ORDER BY c.projection`,
    );
    const last = await lastLogPosition(
      this.store,
      rows.reduce((max, r) => (BigInt(r.position) > max ? BigInt(r.position) : max), 0n),
    );
    return rows.map((r) => ({
      projection: r.projection,
      version: Number(r.version),
      position: r.position,
      events: Number(r.events),
      caughtUp: BigInt(r.position) >= last,
      parkedStreams: Number(r.parked),
    }));
  }

  async status(): Promise<ProjectionStatus[]> {
    const parked = await this.db.all<{
      projection: string;
      version: number | string;
      streams: number | string;
    }>('SELECT projection, version, count(*) AS streams FROM projection_parked GROUP BY projection, version');
    const parkedOf = (r: Runner) =>
      Number(
        parked.find((p) => p.projection === r.projection.name && Number(p.version) === r.version)?.streams ??
          0,
      );
    return [...this.runners.values()].map((r) => ({
      projection: r.projection.name,
      version: r.version,
      position: r.position.toString(),
      events: r.events,
      caughtUp: r.caughtUp,
      parkedStreams: parkedOf(r),
      ...(r.error ? { error: r.error } : {}),
    }));
  }

  async stop(): Promise<void> {
    for (const runner of this.runners.values()) runner.stopped = true;
    this.wakeAll();
    await Promise.all([...this.runners.values()].map((r) => r.done));
    for (const runner of this.runners.values()) await this.saveCheckpoint(runner);
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
    if (this.wakeTimer) clearTimeout(this.wakeTimer);
    this.wakeTimer = undefined;
    this.wakeScheduled = false;
  }

  /**
   * Whether a batch can pass this runner by without a transaction: the runner follows the end of
   * the log (not catching up or rebuilding: there, each batch's transaction keeps the runners in
   * step, so they share each read of the log; a runner let through would run ahead of the
   * others, and the reads it left behind would be read again), none of the batch's events is for
   * the view, and the checkpoint was written less than CHECKPOINT_LAG_MS ago.
   */
  private nothingFor(runner: Runner, batch: readonly RecordedEvent[]): boolean {
    if (!runner.caughtUp || Date.now() - runner.savedAt >= CHECKPOINT_LAG_MS) return false;
    return !batch.some((event) => runner.projection.handles(event.type));
  }

  /** Writes the checkpoint a runner kept in memory, unless another process moved it since. */
  private async saveCheckpoint(runner: Runner): Promise<void> {
    if (runner.unsavedEvents === 0 || runner.error) return;
    runner.savedAt = Date.now();
    await this.db.transaction(async (tx) => {
      const stored = await this.storedCheckpoint(tx, runner);
      if (!stored || BigInt(stored.position) !== runner.savedPosition) return;
      await this.storeCheckpoint(tx, runner, runner.position, Number(stored.events) + runner.unsavedEvents);
    });
    runner.savedPosition = runner.position;
    runner.savedAt = Date.now();
    runner.unsavedEvents = 0;
  }

  /** The runner's checkpoint as stored, locked on PostgreSQL until the transaction ends. */
  private async storedCheckpoint(
    tx: ReadModelTransaction,
    { projection, version }: Runner,
  ): Promise<{ position: string; events: number | string } | undefined> {
    const lock = this.db.dialect === 'postgres' ? ' FOR UPDATE' : '';
    const [stored] = await tx.all<{ position: string; events: number | string }>(
      `SELECT position, events FROM projection_checkpoints WHERE projection = ? AND version = ?${lock}`,
      [projection.name, version],
    );
    return stored;
  }

  private async storeCheckpoint(
    tx: ReadModelTransaction,
    { projection, version }: Runner,
    position: bigint,
    events: number,
  ): Promise<void> {
    await tx.run(
      'UPDATE projection_checkpoints SET position = ?, events = ?, updated_at = ? WHERE projection = ? AND version = ?',
      [position.toString(), events, this.now().toISOString(), projection.name, version],
    );
  }

  /** The view's active version; `on` a transaction to read it inside one. */
  async activeVersion(name: string, on: ReadModelTransaction = this.db): Promise<number | undefined> {
    const rows = await on.all<{ version: number | string }>(
      'SELECT version FROM projection_active WHERE projection = ?',
      [name],
    );
    return rows.length === 0 ? undefined : Number(rows[0].version);
  }

  private async lastPosition(): Promise<bigint> {
    let last = 0n;
    for (const runner of this.runners.values()) if (runner.position > last) last = runner.position;
    // Read forward from the furthest runner to the end of the log.
    for (;;) {
      const batch = await this.store.readAll({ after: last, maxCount: 10_000 });
      if (batch.length === 0) return last;
      last = batch[batch.length - 1].globalPosition;
    }
  }

  private async prepareVersion(projection: Projection, version: number): Promise<void> {
    await this.db.transaction(async (tx) => {
      await projection.createTables(tx, tableNamer(projection, version));
      if (projection.carryOver) {
        // A new version, not one resumed (its checkpoint is written below, with what it carried).
        const [prepared] = await tx.all(
          'SELECT 1 FROM projection_checkpoints WHERE projection = ? AND version = ?',
          [projection.name, version],
        );
        const active = await this.activeVersion(projection.name, tx);
        if (!prepared && active !== undefined && active !== version) {
          await projection.carryOver(tx, tableNamer(projection, version), tableNamer(projection, active));
        }
      }
      await tx.run(
        `INSERT INTO projection_checkpoints (projection, version, position, events, updated_at) VALUES (?, ?, '0', 0, ?)
         ON CONFLICT (projection, version) DO NOTHING`,
        [projection.name, version, this.now().toISOString()],
      );
    });
  }

  /** Points the stable views `rv_<name>[_part]` at a version's tables and records it as active. */
  private async swap(projection: Projection, version: number): Promise<void> {
    await this.db.transaction(async (tx) => {
      // Versions only move forward: another process may already have swapped in a newer one.
      const active = await this.activeVersion(projection.name, tx);
      if (active !== undefined && active >= version) return;
      const table = tableNamer(projection, version);
      for (const part of projection.parts ?? [undefined]) {
        const view = `rv_${projection.name}${part ? `_${part}` : ''}`;
        await tx.run(`DROP VIEW IF EXISTS ${view}`);
        await tx.run(`CREATE VIEW ${view} AS SELECT * FROM ${table(part)}`);
      }
      await tx.run(
        `INSERT INTO projection_active (projection, version, swapped_at) VALUES (?, ?, ?)
         ON CONFLICT (projection) DO UPDATE SET version = excluded.version, swapped_at = excluded.swapped_at`,
        [projection.name, version, this.now().toISOString()],
      );
    });
  }

  private launch(
    projection: Projection,
    version: number,
    swapWhenCaughtUp: boolean,
    onProgress?: (done: number, position: bigint) => void,
  ): Runner {
    const runner: Runner = {
      projection,
      version,
      batchSize: swapWhenCaughtUp ? this.rebuildBatchSize : this.batchSize,
      position: 0n,
      events: 0,
      caughtUp: false,
      stopped: false,
      swapCheckedAt: 0,
      readGeneration: -1,
      savedPosition: 0n,
      savedAt: 0,
      unsavedEvents: 0,
      parkedReadAt: 0,
    };
    this.runners.set(`${projection.name}@${version}`, runner);
    runner.done = this.run(runner, swapWhenCaughtUp, onProgress).catch((error: unknown) => {
      runner.error = error instanceof Error ? error.message : String(error);
    });
    return runner;
  }

  private async run(
    runner: Runner,
    swapWhenCaughtUp: boolean,
    onProgress?: (done: number, position: bigint) => void,
  ): Promise<void> {
    const { projection, version } = runner;
    const table = tableNamer(projection, version);
    const [checkpoint] = await this.db.all<{ position: string; events: number | string }>(
      'SELECT position, events FROM projection_checkpoints WHERE projection = ? AND version = ?',
      [projection.name, version],
    );
    runner.position = BigInt(checkpoint?.position ?? '0');
    runner.events = Number(checkpoint?.events ?? 0);
    runner.savedPosition = runner.position;
    runner.savedAt = Date.now();
    let pendingSwap = swapWhenCaughtUp;

    while (!runner.stopped) {
      runner.readGeneration = this.log.generation;
      const batch = await this.log.read(runner.position, runner.batchSize);
      if (batch.length > 0 && this.nothingFor(runner, batch)) {
        // Nothing here for this view: no transaction, the checkpoint moves in memory (written
        // with the view's next rows, at the latest a second later, or when the projector stops).
        runner.position = batch[batch.length - 1].globalPosition;
        runner.events += batch.length;
        runner.unsavedEvents += batch.length;
        this.log.forgetBefore(this.slowestPosition());
        onProgress?.(runner.events, runner.position);
      } else if (batch.length > 0) {
        const { parked, events } = await this.db.transaction(async (tx) => {
          // Another projector process may have moved this checkpoint: apply only what is after it.
          const stored = await this.storedCheckpoint(tx, runner);
          const from = BigInt(stored?.position ?? '0');
          // The batch is in log order: when its first event is after the checkpoint (nearly always),
          // all are, and no bigint comparison per event and view is needed.
          const fresh =
            batch[0].globalPosition > from ? batch : batch.filter((event) => event.globalPosition > from);
          const parkedNow = await this.applyBatch(tx, runner, fresh, table);
          const last = batch[batch.length - 1].globalPosition;
          // The events this runner passed without writing its checkpoint count too, unless
          // another process moved the checkpoint since (it counted them then).
          const passed = from === runner.savedPosition ? runner.unsavedEvents : 0;
          const total = Number(stored?.events ?? 0) + passed + fresh.length;
          if (last > from) await this.storeCheckpoint(tx, runner, last, total);
          return { parked: parkedNow, events: total };
        });
        runner.position = batch[batch.length - 1].globalPosition;
        runner.events = events;
        runner.savedPosition = runner.position;
        runner.savedAt = Date.now();
        runner.unsavedEvents = 0;
        this.log.forgetBefore(this.slowestPosition());
        for (const p of parked) this.options.onParked?.({ projection: projection.name, ...p });
        onProgress?.(runner.events, runner.position);
        // Let timers, signals and requests in between batches: with SQLite every call above is
        // synchronous, and a catch-up of a million events would otherwise hold the event loop.
        await new Promise((resolve) => setImmediate(resolve));
      }
      if (batch.length < runner.batchSize) {
        runner.caughtUp = true;
        if (pendingSwap) {
          await this.swap(projection, version);
          pendingSwap = false;
          this.retireOlder(projection.name, version);
        }
        // Caught up with a checkpoint kept in memory for a second: stored now, so that another
        // process (the API's health with PROJECTOR=external) sees this view caught up too. The
        // idle timer brings the runner back here while the log is quiet.
        if (Date.now() - runner.savedAt >= CHECKPOINT_LAG_MS) await this.saveCheckpoint(runner);
        await this.followExternalSwap(runner, pendingSwap);
        await this.idle(runner);
      } else {
        runner.caughtUp = false;
      }
    }
  }

  /**
   * Applies a batch in one savepoint, the fast path. If an event fails, the whole batch is rolled
   * back to that savepoint and applied again event by event, each in its own savepoint, so only
   * the failing event's stream is parked: the same outcome as one savepoint per event, at a
   * fraction of the statements when nothing fails (nearly always).
   */
  private async applyBatch(
    tx: ReadModelTransaction,
    runner: Runner,
    batch: readonly RecordedEvent[],
    table: ReturnType<typeof tableNamer>,
  ): Promise<{ streamId: string; position: bigint; error: string }[]> {
    // One span per view and batch (OpenTelemetry; a no-op unless tracing is configured).
    return tracer.startActiveSpan(
      'projector.applyBatch',
      { attributes: { 'psp.projection': runner.projection.name, 'psp.events': batch.length } },
      async (span) => {
        try {
          const parked = await this.applyBatchUntraced(tx, runner, batch, table);
          span.setAttribute('psp.parked', parked.length);
          return parked;
        } catch (error) {
          span.setStatus({
            code: SpanStatusCode.ERROR,
            message: error instanceof Error ? error.name : 'error',
          });
          throw error;
        } finally {
          span.end();
        }
      },
    );
  }

  private async applyBatchUntraced(
    tx: ReadModelTransaction,
    runner: Runner,
    batch: readonly RecordedEvent[],
    table: ReturnType<typeof tableNamer>,
  ): Promise<{ streamId: string; position: bigint; error: string }[]> {
    const name = runner.projection.name;
    const wanted = batch.filter((event) => runner.projection.handles(event.type));
    if (wanted.length === 0) return [];
    // Read again every second: another process may have parked a stream for this version too
    // (were it missed, this runner would meet the same error and park the stream itself).
    if (!runner.parked || Date.now() - runner.parkedReadAt >= PARKED_REREAD_MS) {
      const parkedRows = await tx.all<{ stream_id: string }>(
        'SELECT stream_id FROM projection_parked WHERE projection = ? AND version = ?',
        [name, runner.version],
      );
      runner.parked = new Set(parkedRows.map((r) => r.stream_id));
      runner.parkedReadAt = Date.now();
    }
    const parkedStreams = runner.parked;
    const todo =
      parkedStreams.size === 0 ? wanted : wanted.filter((event) => !parkedStreams.has(event.streamId));
    await tx.run('SAVEPOINT apply_batch');
    try {
      if (runner.projection.applyAll) await runner.projection.applyAll(tx, todo, table);
      else for (const event of todo) await runner.projection.apply(tx, event, table);
      await tx.run('RELEASE SAVEPOINT apply_batch');
      return [];
    } catch {
      await tx.run('ROLLBACK TO SAVEPOINT apply_batch');
      await tx.run('RELEASE SAVEPOINT apply_batch');
    }
    const parked: { streamId: string; position: bigint; error: string }[] = [];
    for (const event of todo) {
      if (parkedStreams.has(event.streamId)) continue;
      await tx.run('SAVEPOINT apply_event');
      try {
        await runner.projection.apply(tx, event, table);
        await tx.run('RELEASE SAVEPOINT apply_event');
      } catch (error) {
        await tx.run('ROLLBACK TO SAVEPOINT apply_event');
        await tx.run('RELEASE SAVEPOINT apply_event');
        const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
        await tx.run(
          `INSERT INTO projection_parked (projection, version, stream_id, position, event_type, error, parked_at)
           VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (projection, version, stream_id) DO NOTHING`,
          [
            name,
            runner.version,
            event.streamId,
            event.globalPosition.toString(),
            event.type,
            message.slice(0, 500),
            this.now().toISOString(),
          ],
        );
        parkedStreams.add(event.streamId);
        parked.push({ streamId: event.streamId, position: event.globalPosition, error: message });
      }
    }
    return parked;
  }

  /**
   * Another process (the CLI's `rebuild`, a standalone projector) may have swapped in a newer
   * version: the runner of the serving version then hands over to a runner of that version.
   */
  private async followExternalSwap(runner: Runner, pendingSwap: boolean): Promise<void> {
    const now = Date.now();
    if (pendingSwap || runner.stopped || now - runner.swapCheckedAt < 1_000) return;
    runner.swapCheckedAt = now;
    const name = runner.projection.name;
    const active = await this.activeVersion(name);
    if (active === undefined || active <= runner.version || this.runners.has(`${name}@${active}`)) return;
    this.launch(runner.projection, active, false);
    this.retireOlder(name, active);
  }

  private retireOlder(name: string, version: number): void {
    for (const [key, runner] of this.runners) {
      if (runner.projection.name === name && runner.version < version) {
        runner.stopped = true;
        this.runners.delete(key);
      }
    }
    this.nudge();
  }

  private slowestPosition(): bigint {
    let slowest: bigint | undefined;
    for (const r of this.runners.values()) {
      if (!r.stopped && (slowest === undefined || r.position < slowest)) slowest = r.position;
    }
    return slowest ?? 0n;
  }

  /**
   * Waits for a nudge or the idle timer. When the log was nudged since this runner's last read, it
   * waits only for the next wake (at once, or at the end of the coalescing window: `nudge`).
   * One timer for all runners: they wake together and share their next read.
   */
  private idle(runner: Runner): Promise<void> {
    if (runner.stopped) return Promise.resolve();
    const nudged = this.log.generation !== runner.readGeneration;
    if (nudged && this.coalesceMs <= 0) return Promise.resolve();
    return new Promise((resolve) => {
      const wake = () => {
        this.waiters.delete(wake);
        resolve();
      };
      this.waiters.add(wake);
      if (nudged) {
        this.scheduleWake();
        return;
      }
      this.idleTimer ??= setTimeout(() => {
        this.idleTimer = undefined;
        this.log.generation += 1;
        this.wakeAll();
      }, this.idleMs);
    });
  }
}
