import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@psp/event-store';
import { SqliteReadModel } from '@psp/projections';
import { generateCases } from '@psp/workflow/testing';
import { RunningApi, startApiProcess } from '../support/api-process';
import { call, devTokens } from '../support/dev-tokens';

/**
 * Issue #5: `rebuild` swaps new versions in while the API keeps serving and keeps running its own
 * projector on the same read-model database; with PROJECTOR=external the API runs none and its
 * health reports the checkpoints the standalone projector stored.
 */
const ROOT = join(__dirname, '..', '..');
jest.setTimeout(300_000);

interface ProjectionHealth {
  projection: string;
  version: number;
  position: string;
  caughtUp: boolean;
}

function spawnTs(script: string, args: string[], env: Record<string, string>) {
  const child: ChildProcess = spawn(
    process.execPath,
    ['-r', '@swc-node/register', join(ROOT, script), ...args],
    {
      cwd: ROOT,
      env: { ...process.env, NODE_ENV: 'development', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk) => (stdout += chunk));
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise<number | string | null>((resolve) =>
    child.on('exit', (code, signal) => resolve(code ?? signal)),
  );
  return { child, exited, stdout: () => stdout, stderr: () => stderr };
}

/** The views as `/health` reports them to an operator (an auditor token of the API's data folder). */
async function projections(api: RunningApi, dataDir: string): Promise<ProjectionHealth[]> {
  const auditor = await devTokens(dataDir)('auditor');
  const response = await fetch(`${api.baseUrl}/health`, { headers: { authorization: `Bearer ${auditor}` } });
  return ((await response.json()) as { projections: ProjectionHealth[] }).projections;
}

async function until(what: string, test: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (!(await test())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('rebuilding views while the API serves them', () => {
  /** The version each view runs at after `rebuild --all` (one more than before it). */
  const rebuilt = new Map<string, number>();
  let dir: string;
  let env: Record<string, string>;
  let api: RunningApi | undefined;
  const lastPosition = async () => {
    const store = new SqliteEventStore({ file: join(dir, 'events.sqlite') });
    try {
      return String((await store.health()).details.lastGlobalPosition);
    } finally {
      await store.close();
    }
  };
  const append = async (events: number, seed: number) => {
    const store = new SqliteEventStore({ file: join(dir, 'events.sqlite') });
    await generateCases({ store, events, seed });
    await store.close();
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'psp-rebuild-serving-'));
    env = {
      EVENT_STORE_URL: `sqlite:${join(dir, 'events.sqlite')}`,
      DATA_DIR: dir,
      SCHEDULER_INTERVAL_MS: '0',
      RATE_LIMITS: 'off', // the test reads /cases in a loop for the whole rebuild
    };
    await append(6_000, 1);
  });
  afterAll(async () => {
    await api?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('swaps rebuilt versions in without stopping the API; its projector follows them and keeps them live', async () => {
    api = await startApiProcess(env);
    const token = await devTokens(dir)('prefecture', { departement: '75' });
    await until('the API has projected the store', async () =>
      (await projections(api!, dir)).every((p) => p.caughtUp && p.position === '6000'),
    );
    const before = await call(api.baseUrl, 'GET', '/cases', { token });
    expect(before.status).toBe(200);
    const views = (await projections(api, dir)).map((p) => p.projection);
    expect(views).toEqual(expect.arrayContaining(['case_list', 'association_list']));
    for (const p of await projections(api, dir)) rebuilt.set(p.projection, p.version + 1);

    const rebuild = spawnTs('apps/cli/src/main.ts', ['rebuild', '--all'], env);
    const answers: number[] = [];
    while (rebuild.child.exitCode === null) {
      answers.push((await call(api.baseUrl, 'GET', '/cases', { token })).status);
    }
    expect(await rebuild.exited).toBe(0);
    expect(answers.length).toBeGreaterThan(0);
    expect(answers.filter((status) => status !== 200)).toEqual([]); // served all along
    expect(
      rebuild
        .stdout()
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l)),
    ).toEqual(
      expect.arrayContaining(
        [...rebuilt].map(([view, version]) => expect.objectContaining({ view, version, events: 6_000 })),
      ),
    );
    expect(rebuild.stderr()).toContain('rebuild case_list: 6,000 / 6,000 events (100.0%)');

    // The API's projector hands over to the new versions and feeds them with new events.
    await until('the API runs the rebuilt versions', async () =>
      (await projections(api!, dir)).every((p) => p.version === rebuilt.get(p.projection)),
    );
    await append(1_000, 2);
    const end = await lastPosition();
    await until('the rebuilt versions are live', async () =>
      (await projections(api!, dir)).every((p) => p.version === rebuilt.get(p.projection) && p.position === end),
    );
    const after = await call(api.baseUrl, 'GET', '/cases', { token });
    expect(after.status).toBe(200);
    const db = new SqliteReadModel(join(dir, 'psp-read.sqlite'));
    const [rows] = await db.all<{ n: number }>('SELECT count(*) AS n FROM rv_case_list');
    const [versions] = await db.all<{ v: number }>(
      "SELECT version AS v FROM projection_active WHERE projection = 'case_list'",
    );
    await db.close();
    const store = new SqliteEventStore({ file: join(dir, 'events.sqlite') });
    const streams = new Set((await store.readAll()).map((e) => e.streamId));
    await store.close();
    expect(versions.v).toBe(rebuilt.get('case_list'));
    expect(rows.n).toBe(streams.size);
    await api.stop();
    api = undefined;
  });

  it('with PROJECTOR=external the API runs no projector; its health reports what the standalone projector stored', async () => {
    await api?.stop(); // if the test before failed half-way
    api = await startApiProcess({ ...env, PROJECTOR: 'external' });
    const end = await lastPosition();
    expect((await projections(api, dir)).map((p) => [p.projection, p.version, p.position, p.caughtUp])).toEqual(
      [...rebuilt]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([view, version]) => [view, version, end, true]),
    );
    await append(500, 3);
    const newEnd = await lastPosition();
    // Nobody projects: the views fall behind, and health says so.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect((await projections(api, dir)).every((p) => !p.caughtUp && p.position === end)).toBe(true);

    const projector = spawnTs('apps/projector/src/main.ts', [], env);
    await until('the standalone projector caught up', async () =>
      (await projections(api!, dir)).every((p) => p.caughtUp && p.position === newEnd),
    );
    await until('the projector logs it', async () => projector.stdout().includes('"msg":"caught up"'));
    projector.child.kill('SIGTERM');
    expect(await projector.exited).toBe(0);
  });
});
