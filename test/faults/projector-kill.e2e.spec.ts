import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InMemoryEventStore, SqliteEventStore } from '@psp/event-store';
import { freshSchemaUrl } from '@psp/event-store/testing';
import { PostgresReadModel, ReadModelDatabase, SqliteReadModel, allProjections } from '@psp/projections';
import { generateCases } from '@psp/workflow/testing';

/**
 * Issue #5 must-show: a store of generated events, the standalone projector SIGKILLed while it
 * catches up, restarted: it resumes from its checkpoints and ends with views equal, row by row,
 * to a fresh rebuild (`npm run cli -- rebuild --all`) into another read-model database.
 * Size: PROJECTOR_KILL_EVENTS, else 100,000 events when CI=true, 30,000 otherwise (1,000,000: docs/projector.md).
 */
const EVENTS = Number(process.env.PROJECTOR_KILL_EVENTS ?? (process.env.CI === 'true' ? 100_000 : 30_000));
const ROOT = join(__dirname, '..', '..');
jest.setTimeout(Math.max(300_000, EVENTS * 2));

interface Running {
  readonly child: ChildProcess;
  readonly lines: () => Record<string, unknown>[];
  readonly stderr: () => string;
  readonly exited: Promise<number | string | null>;
  waitFor(test: (line: Record<string, unknown>) => boolean, what: string): Promise<Record<string, unknown>>;
}

function run(script: string, args: string[], env: Record<string, string>): Running {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', join(ROOT, script), ...args], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'development', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const parsed: Record<string, unknown>[] = [];
  let pending = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    pending += chunk.toString();
    const parts = pending.split('\n');
    pending = parts.pop()!;
    for (const part of parts) if (part.startsWith('{')) parsed.push(JSON.parse(part));
  });
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
    process.stderr.write(chunk); // the progress display, in the test output
  });
  const exited = new Promise<number | string | null>((resolve) =>
    child.on('exit', (code, signal) => resolve(code ?? signal)),
  );
  return {
    child,
    lines: () => parsed,
    stderr: () => stderr,
    exited,
    async waitFor(test, what) {
      for (;;) {
        const found = parsed.find(test);
        if (found) return found;
        if (child.exitCode !== null || child.signalCode !== null) {
          throw new Error(`exited before ${what}:\n${stderr}\n${JSON.stringify(parsed.slice(-5))}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
  };
}

/** Every row of every stable view, in a stable order, values as text (engines differ in number types). */
async function viewRows(db: ReadModelDatabase): Promise<Record<string, string[][]>> {
  const out: Record<string, string[][]> = {};
  for (const projection of allProjections(new InMemoryEventStore())) {
    for (const part of projection.parts ?? [undefined]) {
      const view = `rv_${projection.name}${part ? `_${part}` : ''}`;
      const rows = await db.all<Record<string, unknown>>(`SELECT * FROM ${view}`);
      out[view] = rows
        .map((row) =>
          Object.keys(row)
            .sort()
            .map((k) => `${k}=${row[k] === null ? 'NULL' : String(row[k])}`),
        )
        .sort((a, b) => (a.join('|') < b.join('|') ? -1 : 1));
    }
  }
  return out;
}

const readModels: [
  string,
  (dir: string) => { url: string; open: () => Promise<ReadModelDatabase>; drop: () => Promise<void> },
][] = [
  [
    'SQLite',
    (dir) => ({
      url: `sqlite:${join(dir, 'read-killed.sqlite')}`,
      open: async () => new SqliteReadModel(join(dir, 'read-killed.sqlite')),
      drop: async () => undefined,
    }),
  ],
  [
    'PostgreSQL',
    () => {
      const schema = freshSchemaUrl('projector_kill');
      return { url: schema.url, open: () => PostgresReadModel.open(schema.url), drop: schema.drop };
    },
  ],
];

describe(`the standalone projector killed with SIGKILL mid-way (${EVENTS.toLocaleString('en-US')} events)`, () => {
  let dir: string;
  let eventStoreUrl: string;
  let fresh: Record<string, string[][]>;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'psp-projector-kill-'));
    const file = join(dir, 'events.sqlite');
    const store = new SqliteEventStore({ file, synchronous: 'OFF' });
    let last = 0;
    const started = Date.now();
    await generateCases({
      store,
      events: EVENTS,
      onProgress: (p) => {
        if (p.events - last >= EVENTS / 10 || p.events === EVENTS) {
          last = p.events;
          process.stderr.write(`generate: ${p.events} / ${EVENTS} events, ${p.cases} cases\n`);
        }
      },
    });
    process.stderr.write(`generated ${EVENTS} events in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
    await store.close();
    eventStoreUrl = `sqlite:${file}`;

    // The reference: a fresh rebuild of every view by the CLI, into a read model of its own.
    const rebuild = run('apps/cli/src/main.ts', ['rebuild', '--all'], {
      EVENT_STORE_URL: eventStoreUrl,
      READ_MODEL_URL: `sqlite:${join(dir, 'read-fresh.sqlite')}`,
    });
    expect(await rebuild.exited).toBe(0);
    expect(rebuild.stderr()).toMatch(
      /rebuild case_list: [\d,]+ \/ [\d,]+ events \(100\.0%\), [\d,]+ events\/s/,
    );
    expect(rebuild.lines().map((l) => [l.view, l.events])).toEqual(
      allProjections(new InMemoryEventStore()).map((p) => [p.name, EVENTS]),
    );
    const db = new SqliteReadModel(join(dir, 'read-fresh.sqlite'));
    fresh = await viewRows(db);
    await db.close();
    expect(fresh.rv_case_list.length).toBeGreaterThan(EVENTS / 20);
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each(readModels)(
    'on a %s read model, resumes from its checkpoints and ends with views equal to a fresh rebuild',
    async (_engine, readModel) => {
      const target = readModel(dir);
      const env = { EVENT_STORE_URL: eventStoreUrl, READ_MODEL_URL: target.url, PROGRESS_EVERY_MS: '200' };
      try {
        const first = run('apps/projector/src/main.ts', [], env);
        // Killed once the case list has done part of the work, not all of it.
        const partial = await first.waitFor(
          (l) => l.msg === 'progress' && l.projection === 'case_list' && Number(l.events) >= EVENTS / 4,
          'partial progress',
        );
        first.child.kill('SIGKILL');
        expect(await first.exited).toBe('SIGKILL');
        expect(Number(partial.events)).toBeGreaterThan(0);

        const db = await target.open();
        try {
          const [checkpoint] = await db.all<{ position: string }>(
            `SELECT c.position FROM projection_checkpoints c JOIN projection_active a
             ON a.projection = c.projection AND a.version = c.version WHERE c.projection = 'case_list'`,
          );
          // Work committed before the kill, and work left: the restart must resume, not start over.
          expect(Number(checkpoint.position)).toBeGreaterThan(0);
          expect(Number(checkpoint.position)).toBeLessThan(EVENTS);

          const second = run('apps/projector/src/main.ts', [], env);
          await second.waitFor((l) => l.msg === 'caught up', 'caught up');
          // It resumed: once loaded, the runner starts from the checkpoint, not from the beginning.
          const counts = second
            .lines()
            .filter((l) => l.msg === 'progress' && l.projection === 'case_list' && Number(l.events) > 0)
            .map((l) => Number(l.events));
          expect(Math.min(...counts)).toBeGreaterThanOrEqual(Number(checkpoint.position));
          second.child.kill('SIGTERM');
          expect(await second.exited).toBe(0);
          expect(second.lines().some((l) => l.msg === 'stopped')).toBe(true);

          const views = await viewRows(db);
          expect(Object.keys(views)).toEqual(Object.keys(fresh));
          for (const view of Object.keys(fresh))
            expect({ view, rows: views[view] }).toEqual({ view, rows: fresh[view] });
          const [counted] = await db.all<{ events: number | string }>(
            `SELECT c.events FROM projection_checkpoints c JOIN projection_active a
             ON a.projection = c.projection AND a.version = c.version WHERE c.projection = 'case_list'`,
          );
          expect(Number(counted.events)).toBe(EVENTS); // each event applied exactly once
        } finally {
          await db.close();
        }
      } finally {
        await target.drop();
      }
    },
  );
});
