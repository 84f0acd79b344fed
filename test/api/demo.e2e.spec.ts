import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { addDays } from '@psp/legal-kernel';
import { issueDevToken } from '@psp/security';
import { RunningApi, startApiProcess } from '../support/api-process';
import { waitForViews } from '../support/wait-for-views';

const run = promisify(execFile);
const ROOT = join(__dirname, '..', '..');
const TODAY = new Date().toISOString().slice(0, 10);

/**
 * The README's demo section as a newcomer runs it: cases generated for the demo département,
 * the API started with its deadline scheduler on, `seed-demo`, then the curl walk-through twice.
 * "Ten minutes later" is simulated without waiting: the API is restarted on a fixed clock
 * (PSP_CLOCK_FIXED) 30 days ahead, its scheduler running every 200 ms, and the demo must still
 * show active cases, a granted agrément and indicators above the small-count threshold.
 */
describe('the documented demo: generate, seed-demo, then its curl walk-through, twice', () => {
  const dir = mkdtempSync(join(tmpdir(), 'psp-demo-'));
  let api: RunningApi;
  const env = {
    EVENT_STORE_URL: `sqlite:${join(dir, 'events.sqlite')}`,
    DATA_DIR: dir,
    SCHEDULER_INTERVAL_MS: '200',
  };
  const cli = (args: string[], extra: Record<string, string> = {}) =>
    run(process.execPath, ['-r', '@swc-node/register', 'apps/cli/src/main.ts', ...args], {
      cwd: ROOT,
      env: { ...process.env, ...env, NODE_ENV: 'development', ...extra },
    });
  const token = (role: 'association' | 'prefecture' | 'analyst', scope: object = {}) =>
    issueDevToken(join(dir, 'dev-signing-key.json'), { subject: `demo-check-${role}`, role, ...scope });
  const get = async (path: string, bearer: string) => {
    const response = await fetch(`${api.baseUrl}${path}`, { headers: { authorization: `Bearer ${bearer}` } });
    return { status: response.status, body: (await response.json()) as any };
  };

  beforeAll(async () => {
    await cli(['generate', '--events', '4000', '--departement', '69']);
    api = await startApiProcess({ ...env, PSP_CLOCK_FIXED: TODAY });
  }, 180_000);
  afterAll(async () => {
    await api?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('seeds a département, prints a token per role, and the walk-through takes a new case to an active parcours each time it runs; a month later (scheduler on) the cases are still active, the agrément granted, and the indicators show numbers', async () => {
    const script = join(dir, 'walkthrough.sh');
    const seeded = await cli(['seed-demo', '--api', api.baseUrl, '--out', script], {
      PSP_CLOCK_FIXED: TODAY,
    });
    for (const role of ['association', 'prefecture', 'commission_secretariat', 'auditor', 'analyst']) {
      expect(seeded.stdout).toMatch(new RegExp(`^  ${role} +eyJ`, 'm'));
    }
    const caseIds: string[] = [];
    for (let walk = 0; walk < 2; walk += 1) {
      const output = await run('bash', [script], {
        cwd: ROOT,
        env: { ...process.env, API: api.baseUrl, PSP_CLOCK_FIXED: TODAY },
      });
      expect(output.stdout).toContain('== T5, T7');
      const last = JSON.parse(output.stdout.trim().split('\n').pop()!);
      expect(last.view).toMatchObject({ status: 'active', stage: 'period_running' });
      caseIds.push(last.caseId);
    }
    expect(new Set(caseIds).size).toBe(2);
    // Seeding again (another day, the registries already there) works too.
    await cli(['seed-demo', '--api', api.baseUrl, '--out', script], { PSP_CLOCK_FIXED: addDays(TODAY, 1) });

    // A month later, the scheduler running: nothing of the demo has lapsed.
    await api.stop();
    api = await startApiProcess({ ...env, PSP_CLOCK_FIXED: addDays(TODAY, 30) });
    await new Promise((resolve) => setTimeout(resolve, 2_000)); // ten scheduler runs
    await waitForViews(api.baseUrl, dir);
    const association = await token('association', { departement: '69', associationId: 'asso-69-demo' });
    for (const caseId of caseIds) {
      const { body } = await get(`/cases/${caseId}`, association);
      expect(body.view.status).toBe('active');
    }
    const prefecture = await token('prefecture', { departement: '69' });
    const agrement = await get('/associations/asso-69-demo', prefecture);
    expect(agrement.body.agrement.status).toBe('granted');

    const analyst = await token('analyst');
    const year = Number(TODAY.slice(0, 4)) - 1;
    const indicators = await get(`/indicators?year=${year}&departement=69`, analyst);
    expect(indicators.status).toBe(200);
    const published = (
      indicators.body.tables as { rows: { departement: string; values: (number | null)[] }[] }[]
    )
      .flatMap((table) => table.rows.filter((row) => row.departement === '69'))
      .flatMap((row) => row.values)
      .filter((value): value is number => value !== null && value >= indicators.body.minCell);
    expect(published.length).toBeGreaterThan(0);
  }, 300_000);
});
