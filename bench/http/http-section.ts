import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import autocannon from 'autocannon';
import Database from 'better-sqlite3';
import { Pool } from 'pg';
import { openEventStore } from '@psp/event-store';
import { loadConfig, openVault } from '@psp/runtime';
import { issueDevToken } from '@psp/security';
import { BenchDatabase } from '../contenders/postgres-database';
import { caseHistory } from '../fixtures/case-events';
import { seedCase } from '../fixtures/seed-case';
import { summarizeCpuProfiles } from '../harness/cpu-profile';
import { formatMs, formatRate } from '../harness/format';
import { Goal, atLeast, below } from '../harness/goals';
import { printTable } from '../harness/table';
import { ApiProcess, ROOT, startApi } from './api-process';

export interface HttpOptions {
  readonly rates: readonly number[];
  readonly seconds: number;
  readonly httpCases: number;
  readonly connections: number;
  readonly profileApi: boolean;
}

/** One API process over one store, with its pre-created cases. */
interface Target {
  readonly store: string;
  readonly api: ApiProcess;
  readonly dataDir: string;
  readonly caseIds: readonly string[];
  readonly profileDir?: string;
  /** How many follow-ups the store holds (each accepted command wrote one). */
  followUps(): Promise<number>;
}

interface RunResult {
  readonly target: Target;
  readonly workload: string;
  readonly asked?: number;
  readonly sent: number;
  readonly ok: number;
  readonly failed: number;
  readonly seconds: number;
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
  /** CPU time the API process used during the run, per request sent (user + system). */
  readonly apiCpuMsPerRequest: number;
}

/** CPU seconds (user + system) a process has used so far, from /proc (Linux). */
function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ = 100)
}

const DEPARTEMENT = '69';
const WARM_UP_SECONDS = 10;
const ASSOCIATION = 'ASSOC-69-01';
const FOLLOW_UP = JSON.stringify({
  recordedOn: '2024-04-02',
  sessionId: 'session-69-2024-04-02',
  safetyConcern: false,
  accessToRightsConcern: false,
  commitmentsKept: 'kept',
});

/** Item 2: commands and reads over HTTP against the real API process, on SQLite and on PostgreSQL. */
export async function runHttp(
  options: HttpOptions,
  tmp: string,
  database: BenchDatabase | undefined,
): Promise<Goal[]> {
  console.log('\n- building the API: npm run build');
  execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  const targets: Target[] = [];
  const results: RunResult[] = [];
  try {
    targets.push(await prepare('SQLite', tmp, options));
    if (database) targets.push(await prepare('PostgreSQL', tmp, options, database));

    const warmUps: RunResult[] = [];
    for (const target of targets) {
      warmUps.push(await commands(target, { ...options, seconds: WARM_UP_SECONDS / 2 }));
      warmUps.push(await reads(target, { ...options, seconds: WARM_UP_SECONDS / 2 }));
    }
    // Each workload on every store before the next workload, so a slow patch of the machine
    // falls on both stores rather than on one.
    for (const rate of options.rates) {
      for (const target of targets) results.push(await commands(target, options, rate));
    }
    for (const target of targets) results.push(await commands(target, options));
    for (const target of targets) results.push(await reads(target, options));

    const checks: string[] = [];
    for (const target of targets) {
      const posts = [...warmUps, ...results].filter(
        (r) => r.target === target && r.workload.startsWith('POST'),
      );
      const accepted = posts.reduce((sum, r) => sum + r.ok, 0);
      const sent = posts.reduce((sum, r) => sum + r.sent, 0);
      const stored = await target.followUps();
      // Requests still in flight when a run's time is up are answered after autocannon stopped
      // counting: the store may hold a few more than the 2xx counted, never more than were sent.
      if (stored < accepted || stored > sent) {
        throw new Error(
          `${target.store}: ${accepted} commands answered 2xx, ${sent} sent, but the store holds ${stored} follow-ups`,
        );
      }
      checks.push(
        `${target.store}: ${accepted} commands answered 2xx, ${sent} sent (warm-up included); the store holds ${stored} new CommissionFollowUpRecorded events`,
      );
    }
    printTable(
      '5. HTTP API: commands and reads against the real API process',
      [
        'store',
        'workload',
        'asked req/s',
        'sent',
        '2xx/s',
        'failed',
        'p50 ms',
        'p99 ms',
        'max ms',
        'API CPU ms/req',
      ],
      results.map((r) => [
        r.target.store,
        r.workload,
        r.asked === undefined ? 'max' : formatRate(r.asked),
        r.sent,
        formatRate(r.ok / r.seconds),
        r.failed,
        formatMs(r.p50),
        formatMs(r.p99),
        formatMs(r.max),
        formatMs(r.apiCpuMsPerRequest),
      ]),
      [
        `POST: \`POST /cases/{id}/record-commission-follow-up\` (PSP-12, commission secretariat of département ${DEPARTEMENT}), each request on the next of ${options.httpCases} active cases in turn, each with its own Idempotency-Key: every 2xx appended one CommissionFollowUpRecorded event (checked below against the store's count)`,
        ...checks,
        `API CPU ms/req: the API process's user + system CPU time during the run (/proc/<pid>/stat) divided by the requests sent; one node process runs its JavaScript on one core, so 1,000 ÷ this is roughly its ceiling in requests/s when it has a core to itself`,
        `before the measured runs, ${WARM_UP_SECONDS} s of unmeasured commands and reads on each API (JIT, caches, the projector's catch-up on the seeded events)`,
        `GET: \`GET /cases/{id}\` as the association agent (loadCase, the person's identity from the vault), cycling through the same cases`,
        `autocannon ${'8'} in the benchmark process, ${options.connections} connections, ${options.seconds} s per run; fixed rates with overallRate, "max" without a rate; latency from request sent to response, as autocannon measures it (no coordinated-omission correction)`,
        `the API: \`node dist/apps/api/src/main.js\` (npm run build), NODE_ENV=development, dev tokens, scheduler off, one JSON log line per request written to a file; the load generator and the API share the machine's 2 CPUs`,
        `cases pre-created with executeCommand (opened, APS not applicable, instructed, submitted, commission opinion, authorised, notified), person records in the vault`,
        ...(options.profileApi
          ? ["the API ran under --cpu-prof: the figures carry the profiler's overhead"]
          : []),
      ],
    );
  } finally {
    for (const target of targets) await target.api.stop();
  }
  // node writes the profile when the process exits.
  for (const target of targets) if (target.profileDir) printProfile(target);
  return targets.flatMap((target) => goals(target, results));
}

function goals(target: Target, results: readonly RunResult[]): Goal[] {
  const mine = results.filter((r) => r.target === target);
  const max = mine.find((r) => r.workload.startsWith('POST') && r.asked === undefined)!;
  const at1000 = mine.find((r) => r.workload.startsWith('POST') && r.asked === 1_000);
  const out = [atLeast(`HTTP ${target.store}: commands/s (max)`, max.ok / max.seconds, 1_000, formatRate)];
  if (at1000) {
    out.push(
      atLeast(
        `HTTP ${target.store}: commands/s at 1,000 req/s asked`,
        at1000.ok / at1000.seconds,
        990,
        formatRate,
      ),
      below(`HTTP ${target.store}: p99 at 1,000 req/s (ms)`, at1000.p99, 25, formatMs),
    );
  }
  return out;
}

async function prepare(
  store: 'SQLite' | 'PostgreSQL',
  tmp: string,
  options: HttpOptions,
  database?: BenchDatabase,
): Promise<Target> {
  const dataDir = join(tmp, `http-${store.toLowerCase()}`);
  rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(dataDir, { recursive: true });
  let url: string;
  let followUps: () => Promise<number>;
  if (store === 'SQLite') {
    const file = join(dataDir, 'events.sqlite');
    url = `sqlite:${file}`;
    followUps = async () => {
      const db = new Database(file, { readonly: true });
      try {
        return (
          db.prepare("SELECT count(*) AS n FROM events WHERE type = 'CommissionFollowUpRecorded'").get() as {
            n: number;
          }
        ).n;
      } finally {
        db.close();
      }
    };
  } else {
    const pool = new Pool({ connectionString: database!.url });
    await pool.query('CREATE SCHEMA IF NOT EXISTS psp_http');
    await pool.end();
    const pgUrl = new URL(database!.url);
    pgUrl.searchParams.set('schema', 'psp_http');
    url = pgUrl.toString();
    followUps = async () => {
      const count = new Pool({ connectionString: database!.url });
      try {
        const { rows } = await count.query<{ n: string }>(
          "SELECT count(*) AS n FROM psp_http.psp_events WHERE type = 'CommissionFollowUpRecorded'",
        );
        return Number(rows[0].n);
      } finally {
        await count.end();
      }
    };
  }
  // Rate limits off: the benchmark is one token sending thousands of commands a second (docs/security.md).
  const env = { EVENT_STORE_URL: url, DATA_DIR: dataDir, SCHEDULER_INTERVAL_MS: '0', RATE_LIMITS: 'off' };
  const caseIds = await seedActiveCases(env, options.httpCases);
  const profileDir = options.profileApi ? join(dataDir, 'cpu-profile') : undefined;
  const flags = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];
  const api = await startApi(env, join(dataDir, 'api.log'), flags);
  // The API's projector catches up on the seeded events at start; let it finish before measuring.
  await new Promise((r) => setTimeout(r, 2_000));
  return { store, api, dataDir, caseIds, profileDir, followUps };
}

/** `count` cases in status `active` (T1–T7 done), written as the product writes them, persons in the vault. */
async function seedActiveCases(env: Record<string, string>, count: number): Promise<string[]> {
  const config = loadConfig({ ...env, NODE_ENV: 'development' });
  const store = await openEventStore(config.eventStoreUrl);
  const vault = await openVault(config);
  const ids = Array.from({ length: count }, () => randomUUID());
  try {
    for (let i = 0; i < ids.length; i += 25) {
      await Promise.all(
        ids.slice(i, i + 25).map(async (id, j) => {
          const personRef = randomUUID();
          await vault.put(personRef, {
            givenName: 'Bench',
            familyName: `Personne-${i + j}`,
            birthDate: '1994-05-17',
            nationality: 'FR',
          });
          await seedCase(store, id, caseHistory(7, personRef));
        }),
      );
    }
  } finally {
    await vault.close();
    await store.close();
  }
  return ids;
}

async function token(target: Target, role: 'commission_secretariat' | 'association'): Promise<string> {
  return issueDevToken(join(target.dataDir, 'dev-signing-key.json'), {
    subject: `bench-${role}`,
    role,
    departement: DEPARTEMENT,
    associationId: role === 'association' ? ASSOCIATION : undefined,
  });
}

async function commands(target: Target, options: HttpOptions, rate?: number): Promise<RunResult> {
  const authorization = `Bearer ${await token(target, 'commission_secretariat')}`;
  let next = 0;
  return run(target, 'POST follow-up', options, rate, {
    method: 'POST',
    setupRequest: (request) => ({
      ...request,
      method: 'POST',
      path: `/cases/${target.caseIds[next++ % target.caseIds.length]}/record-commission-follow-up`,
      headers: { authorization, 'content-type': 'application/json', 'idempotency-key': randomUUID() },
      body: FOLLOW_UP,
    }),
  });
}

async function reads(target: Target, options: HttpOptions, rate?: number): Promise<RunResult> {
  const authorization = `Bearer ${await token(target, 'association')}`;
  let next = 0;
  return run(target, 'GET case', options, rate, {
    method: 'GET',
    setupRequest: (request) => ({
      ...request,
      method: 'GET',
      path: `/cases/${target.caseIds[next++ % target.caseIds.length]}`,
      headers: { authorization },
    }),
  });
}

async function run(
  target: Target,
  workload: string,
  options: HttpOptions,
  rate: number | undefined,
  request: autocannon.Request,
): Promise<RunResult> {
  const cpuBefore = cpuSeconds(target.api.child.pid!);
  const result = await autocannon({
    url: target.api.baseUrl,
    connections: options.connections,
    duration: options.seconds,
    ...(rate ? { overallRate: rate } : {}),
    requests: [request],
  });
  return {
    target,
    workload,
    asked: rate,
    sent: result.requests.sent,
    ok: result['2xx'],
    failed: result.non2xx + result.errors + result.timeouts,
    seconds: result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    max: result.latency.max,
    apiCpuMsPerRequest:
      ((cpuSeconds(target.api.child.pid!) - cpuBefore) * 1000) / Math.max(1, result.requests.sent),
  };
}

function printProfile(target: Target): void {
  const { self, inclusive } = summarizeCpuProfiles(target.profileDir!, 25);
  printTable(
    `5-profile. Where the API's time went (${target.store}, node --cpu-prof over the whole HTTP section)`,
    ['function (self time)', 'share', 'product function (inclusive)', 'share '],
    self.map((line, i) => [
      line.name,
      `${(line.share * 100).toFixed(1)}%`,
      inclusive[i]?.name ?? '',
      inclusive[i] ? `${(inclusive[i].share * 100).toFixed(1)}%` : '',
    ]),
  );
}
