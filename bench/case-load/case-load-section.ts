import { join } from 'node:path';
import { getPostgreSQLEventStore } from '@event-driven-io/emmett-postgresql';
import Database from 'better-sqlite3';
import { Pool } from 'pg';
import { EventStore, PostgresEventStore, RecordedEvent, SqliteEventStore } from '@psp/event-store';
import { PspCaseEvent, PspCaseState, applyEvent, initialCaseState } from '@psp/psp-case';
import { Actor } from '@psp/security';
import {
  FoldCache,
  caseAggregate,
  caseStreamId,
  configureFoldCache,
  foldCacheOf,
  loadCase,
  toCaseEvent,
} from '@psp/workflow';
import { BenchDatabase } from '../contenders/postgres-database';
import { caseHistory } from '../fixtures/case-events';
import { seedCase } from '../fixtures/seed-case';
import { formatMs, formatRate, formatRatio } from '../harness/format';
import { Goal, atLeast } from '../harness/goals';
import { printTable } from '../harness/table';
import { LoadContender, LoadResult, measureLoads } from './measure-loads';

export interface CaseLoadOptions {
  /** Loads per contender, split over the rounds. */
  readonly loads: number;
  readonly rounds: number;
  /** Events in each case stream, and how many such cases the loads cycle through. */
  readonly streamLength: number;
  readonly cases: number;
}

/** The prefecture of the cases' département: in scope, sees every command's availability. */
const READER: Actor = { subject: 'bench-prefecture-69', role: 'prefecture', departement: '69' };

const TARGET_EVENTS_PER_SECOND = 100_000;

/** The product's ways of loading a case, on one of our stores. */
function oursContenders(store: EventStore, label: string): LoadContender[] {
  const coldCache = new FoldCache({ maxStreams: 1 });
  return [
    {
      name: `ours ${label}: readStream`,
      load: async (id) => (await store.readStream(caseStreamId(id))).length,
    },
    {
      name: `ours ${label}: read + fold, cold, no snapshot (a command's load without the cache)`,
      load: async (id) => {
        const events = await store.readStream(caseStreamId(id));
        caseAggregate.fold(events);
        return events.length;
      },
    },
    {
      // ADR 0027: the process's fold cache empty (a restart, an eviction), the stream's durable
      // snapshot in the store as the workflow wrote it while seeding: snapshot + events after it.
      name: `ours ${label}: a command's load, cold, from a durable snapshot`,
      load: async (id) => {
        coldCache.clear();
        return (await coldCache.load(store, caseAggregate, caseStreamId(id))).revision + 1;
      },
    },
    {
      // ADR 0023: the state cached by stream, revision and machine version; only newer events read.
      name: `ours ${label}: a command's load, fold cache warm`,
      load: async (id) =>
        (await foldCacheOf(store).load(store, caseAggregate, caseStreamId(id))).revision + 1,
    },
    {
      name: `ours ${label}: loadCase (fold cache, view, commands)`,
      load: async (id) => (await loadCase(store, id, READER)).revision + 1,
    },
  ];
}

/** The fold alone, on events already read and parsed (where the time of a load goes). */
function foldOnly(events: readonly RecordedEvent[]): LoadContender {
  return {
    name: 'fold only: caseAggregate.fold of parsed events (no I/O)',
    load: () => {
      caseAggregate.fold(events);
      return events.length;
    },
  };
}

async function seedCases(store: EventStore, options: CaseLoadOptions): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < options.cases; i++) {
    const id = `bench-${String(i).padStart(4, '0')}`;
    await seedCase(store, id, caseHistory(options.streamLength, `P-BENCH-${i}`));
    ids.push(id);
  }
  // The snapshots the workflow wrote while seeding (ADR 0027: after the commands, not awaited by them).
  await foldCacheOf(store).settled();
  return ids;
}

/**
 * What writing snapshots costs a command (ADR 0027): the same cases written through executeCommand
 * into two fresh SQLite files (synchronous FULL, group commit), snapshots every 20 events and none;
 * wall time and this process's CPU time per command, interleaved runs.
 */
async function snapshotWriteCost(options: CaseLoadOptions, dir: string): Promise<void> {
  const cases = Math.max(4, Math.min(options.cases, 20));
  const rounds = 3;
  const rows: { label: string; every: number; wallMs: number; cpuMs: number; commands: number }[] = [
    { label: 'snapshots every 20 events (default)', every: 20, wallMs: 0, cpuMs: 0, commands: 0 },
    { label: 'no snapshots (snapshotEvery: 0)', every: 0, wallMs: 0, cpuMs: 0, commands: 0 },
  ];
  // Round -1 warms the code paths up (the first run pays for the JIT) and is not counted.
  for (let round = -1; round < rounds; round++) {
    for (const row of round % 2 === 0 ? rows : [...rows].reverse()) {
      const store = new SqliteEventStore({ file: join(dir, `snapshot-cost-${row.every}-${round}.sqlite`) });
      configureFoldCache(store, { snapshotEvery: row.every });
      const cpu = process.cpuUsage();
      const start = performance.now();
      for (let i = 0; i < cases; i++) {
        await seedCase(store, `cost-${i}`, caseHistory(options.streamLength, `P-COST-${i}`));
      }
      await foldCacheOf(store).settled();
      const wallMs = performance.now() - start;
      const used = process.cpuUsage(cpu);
      await store.close();
      if (round < 0) continue;
      row.wallMs += wallMs;
      row.cpuMs += (used.user + used.system) / 1000;
      row.commands += cases * options.streamLength;
    }
  }
  const base = rows[1];
  printTable(
    `4c. What writing durable snapshots costs a command, SQLite (${options.streamLength}-event cases written through executeCommand)`,
    ['writer', 'commands', 'wall ms per command', 'CPU ms per command', 'CPU ÷ no snapshots'],
    rows.map((r) => [
      r.label,
      r.commands,
      formatMs(r.wallMs / r.commands),
      formatMs(r.cpuMs / r.commands),
      r === base ? '' : formatRatio(r.cpuMs / r.commands / (base.cpuMs / base.commands)),
    ]),
    [
      `${cases} cases per run, ${rounds} interleaved runs per writer after one warm-up run each, each into a fresh file; synchronous FULL, group commit; one command at a time`,
      'a snapshot is saved after its command has answered, in the next group commit or alone without a sync (ADR 0027): never a durable commit of its own',
    ],
  );
}

function print(
  title: string,
  results: readonly LoadResult[],
  reference: LoadResult,
  header: string,
  notes: string[],
) {
  printTable(
    title,
    ['contender', 'loads', 'events/s', 'events per CPU-s', 'loads/s', 'p50 ms', 'p99 ms', header],
    results.map((r) => [
      r.contender.name,
      r.loads,
      formatRate(r.eventsPerSecond),
      formatRate(r.eventsPerCpuSecond),
      formatRate(r.eventsPerSecond / r.eventsPerLoad),
      formatMs(r.latency.p50),
      formatMs(r.latency.p99),
      r === reference ? '' : formatRatio(r.eventsPerSecond / reference.eventsPerSecond),
    ]),
    [
      ...notes,
      "events per CPU-s: events per second of the benchmark process's own CPU time (user + system) while it loaded: less sensitive to other processes on the machine than events/s (wall clock); on PostgreSQL the server's CPU time is not in it",
    ],
  );
}

/** Item 1 on SQLite: our loads against the raw read-and-parse rate of the same rows. */
export async function runCaseLoadSqlite(options: CaseLoadOptions, dir: string): Promise<Goal[]> {
  const file = join(dir, 'case-load.sqlite');
  const store = new SqliteEventStore({ file });
  const raw = new Database(file, { readonly: true });
  try {
    const ids = await seedCases(store, options);
    const select = raw.prepare<[string], { data: string; metadata: string; type: string; revision: number }>(
      'SELECT global_position, stream_id, revision, event_id, type, data, metadata, recorded_at FROM events WHERE stream_id = ? ORDER BY revision',
    );
    const rawRead: LoadContender = {
      name: 'raw better-sqlite3 SELECT + JSON.parse (same rows)',
      load: (id) => {
        const rows = select.all(caseStreamId(id));
        for (const row of rows) {
          JSON.parse(row.data);
          JSON.parse(row.metadata);
        }
        return rows.length;
      },
    };
    const parsed = await store.readStream(caseStreamId(ids[0]));
    const results = await measureLoads([rawRead, ...oursContenders(store, 'SQLite'), foldOnly(parsed)], ids, {
      ...options,
      eventsPerLoad: options.streamLength,
    });
    print(
      `4a. Case load, SQLite: a ${options.streamLength}-event case read and folded through the case machine`,
      results,
      results[0],
      '÷ raw read',
      [
        `${options.cases} cases of ${options.streamLength} events each (opened, instructed, authorised, AFIS granted, three renewals, follow-ups), written through executeCommand; loads cycle through them`,
        `"cold, from a durable snapshot": an empty fold cache before every load, the case's latest snapshot in the file as the workflow wrote it while seeding (every 20 events: the last at revision ${Math.floor(options.streamLength / 20) * 20 - 1}), then the events after it; events/s counts the case's ${options.streamLength} events, as for the other rows`,
        `${options.rounds} interleaved rounds, ${Math.ceil(options.loads / options.rounds)} loads per contender each, one load after another; loadCase as a prefecture agent of the département (in scope)`,
      ],
    );
    await snapshotWriteCost(options, dir);
    const load = results.find((r) => r.contender.name.includes('loadCase'))!;
    const fromSnapshot = results.find((r) => r.contender.name.includes('durable snapshot'))!;
    const readFold = results.find((r) => r.contender.name.includes('read + fold'))!;
    const fold = results[results.length - 1];
    return [
      atLeast(
        'Case load, SQLite: loadCase events/s',
        load.eventsPerSecond,
        TARGET_EVENTS_PER_SECOND,
        formatRate,
      ),
      // The cold target is the load of a case the process has not seen: from its durable snapshot
      // (ADR 0027). The fold of the whole stream (no snapshot yet) is shown beside it for reference.
      atLeast(
        'Case load, SQLite: cold, from a durable snapshot, events/s',
        fromSnapshot.eventsPerSecond,
        120_000,
        formatRate,
      ),
      atLeast(
        'Case load, SQLite: cold, no snapshot (read + fold whole), events/s (reference)',
        readFold.eventsPerSecond,
        120_000,
        formatRate,
      ),
      atLeast(
        'Case load, SQLite: fold cache warm, events/s',
        results.find((r) => r.contender.name.includes('cache warm'))!.eventsPerSecond,
        250_000,
        formatRate,
      ),
      atLeast(
        'Case fold alone (no I/O) events/s',
        fold.eventsPerSecond,
        TARGET_EVENTS_PER_SECOND,
        formatRate,
      ),
    ];
  } finally {
    raw.close();
    await store.close();
  }
}

/** Emmett's PostgreSQL store holding the same events, read and folded through our machine. */
async function emmettContenders(
  url: string,
  source: EventStore,
  ids: readonly string[],
): Promise<{
  contenders: LoadContender[];
  close: () => Promise<void>;
}> {
  const emmett = getPostgreSQLEventStore(url);
  await emmett.schema.migrate();
  for (const id of ids) {
    const events = await source.readStream(caseStreamId(id));
    await emmett.appendToStream(
      caseStreamId(id),
      events.map((e) => ({ type: e.type, data: e.data as Record<string, unknown>, metadata: e.metadata })),
      { expectedStreamVersion: 0n },
    );
  }
  const asCaseEvent = (e: { type: string; data: unknown; metadata: unknown }): PspCaseEvent =>
    toCaseEvent({ ...(e as unknown as RecordedEvent), metadata: e.metadata as RecordedEvent['metadata'] });
  return {
    contenders: [
      {
        name: 'Emmett getPostgreSQLEventStore: readStream',
        load: async (id) => (await emmett.readStream(caseStreamId(id))).events.length,
      },
      {
        name: 'Emmett getPostgreSQLEventStore: aggregateStream through our case machine',
        load: async (id) => {
          let count = 0;
          await emmett.aggregateStream(caseStreamId(id), {
            initialState: (): PspCaseState => initialCaseState(),
            evolve: (state: PspCaseState, event: { type: string; data: unknown; metadata: unknown }) => {
              count += 1;
              return applyEvent(state, asCaseEvent(event));
            },
          });
          return count;
        },
      },
    ],
    close: () => emmett.close(),
  };
}

/** Item 1 and 6 on PostgreSQL: our loads against Emmett's store reading the same stream. */
export async function runCaseLoadPostgres(
  options: CaseLoadOptions,
  database: BenchDatabase,
): Promise<Goal[]> {
  const url = new URL(database.url);
  url.searchParams.set('schema', 'psp_case_load');
  const pool = new Pool({ connectionString: database.url });
  await pool.query('CREATE SCHEMA IF NOT EXISTS psp_case_load');
  await pool.end();
  const store = await PostgresEventStore.open({ url: url.toString() });
  let emmett: Awaited<ReturnType<typeof emmettContenders>> | undefined;
  try {
    const ids = await seedCases(store, options);
    emmett = await emmettContenders(database.url, store, ids);
    const ours = oursContenders(store, 'PostgreSQL');
    const results = await measureLoads([...emmett.contenders, ...ours], ids, {
      ...options,
      eventsPerLoad: options.streamLength,
    });
    print(
      `4b. Case load, PostgreSQL: a ${options.streamLength}-event case read and folded, ours and Emmett`,
      results,
      results[1],
      '÷ Emmett read + fold',
      [
        `the same ${options.cases} cases in both stores (Emmett's copy appended from ours, one append per case); both pools of 10 connections`,
        `database ${database.name}; ours in schema psp_case_load, Emmett in public`,
      ],
    );
    const load = results.find((r) => r.contender.name.includes('loadCase'))!;
    const readFold = results.find((r) => r.contender.name.includes('read + fold'))!;
    return [
      atLeast(
        'Case load, PostgreSQL: loadCase events/s',
        load.eventsPerSecond,
        TARGET_EVENTS_PER_SECOND,
        formatRate,
      ),
      atLeast(
        'Case load, PostgreSQL: read + fold events/s',
        readFold.eventsPerSecond,
        TARGET_EVENTS_PER_SECOND,
        formatRate,
      ),
    ];
  } finally {
    await emmett?.close();
    await store.close();
  }
}
