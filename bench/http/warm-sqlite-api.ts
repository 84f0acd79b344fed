import { join } from 'node:path';
import { SqliteEventStore } from '@psp/event-store';
import { Projector, SqliteReadModel, allProjections } from '@psp/projections';
import { issueDevToken } from '@psp/security';
import { makeTempDir } from '../harness/temp-dir';
import { API_ENTRY, ApiProcess, startApi } from './api-process';
import { copyCases, templateOf } from './http-section';

export interface WarmSqliteApi {
  readonly api: ApiProcess;
  /** The run's directory: events, read views, the API's log (`api.log`). */
  readonly dir: string;
  readonly cases: readonly string[];
  /** 20 commission secretariat users' tokens (the commands go round robin over them). */
  readonly tokens: readonly string[];
}

/**
 * The API as a process on a SQLite store of its own holding `count` copies of one case of `length`
 * events, the read views built before it starts, and each case read once through it (so its fold
 * cache holds them, as it does for the cases a running API works on). For the tools that profile or
 * compare warm commands (profile-warm.ts, compare-builds.ts).
 */
export async function startWarmSqliteApi(options: {
  readonly name: string;
  readonly length: number;
  readonly count?: number;
  readonly env?: Record<string, string>;
  readonly nodeFlags?: (dir: string) => readonly string[];
  readonly entry?: string;
  readonly template?: Awaited<ReturnType<typeof templateOf>>;
}): Promise<WarmSqliteApi> {
  const dir = makeTempDir(options.name).path;
  const file = join(dir, 'events.sqlite');
  const template = options.template ?? (await templateOf(options.length));
  const cases = copyCases(file, template, options.count ?? 500);
  const store = new SqliteEventStore({ file });
  const db = new SqliteReadModel(join(dir, 'psp-read.sqlite'));
  const projector = new Projector(store, db, allProjections(store));
  await projector.start();
  await projector.waitUntilCaughtUp(900_000);
  await projector.stop();
  await db.close();
  await store.close();
  const api = await startApi(
    {
      EVENT_STORE_URL: `sqlite:${file}`,
      DATA_DIR: dir,
      SCHEDULER_INTERVAL_MS: '0',
      RATE_LIMITS: 'off',
      NOTIFY_INTERVAL_MS: '0',
      ...options.env,
    },
    join(dir, 'api.log'),
    options.nodeFlags?.(dir) ?? [],
    options.entry ?? API_ENTRY,
  );
  const key = join(dir, 'dev-signing-key.json');
  const tokens = await Promise.all(
    Array.from({ length: 20 }, (_, i) =>
      issueDevToken(key, { subject: `p-${i}`, role: 'commission_secretariat', departement: '69' }),
    ),
  );
  const reader = await issueDevToken(key, { subject: 'r', role: 'prefecture', departement: '69' });
  for (const id of cases) {
    const res = await fetch(`${api.baseUrl}/cases/${id}`, { headers: { authorization: `Bearer ${reader}` } });
    await res.arrayBuffer();
  }
  return { api, dir, cases, tokens };
}
