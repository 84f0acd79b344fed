import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { RunningApi, startApiProcess } from '../support/api-process';

const run = promisify(execFile);
const ROOT = join(__dirname, '..', '..');

describe('the documented demo: seed-demo, then its curl walk-through', () => {
  const dir = mkdtempSync(join(tmpdir(), 'psp-demo-'));
  let api: RunningApi;
  const env = { EVENT_STORE_URL: `sqlite:${join(dir, 'events.sqlite')}`, SCHEDULER_INTERVAL_MS: '0' };

  beforeAll(async () => {
    api = await startApiProcess(env);
  });
  afterAll(async () => {
    await api?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('seeds a département, prints a token per role, and the walk-through takes a case to an active parcours', async () => {
    const script = join(dir, 'walkthrough.sh');
    const seeded = await run(
      process.execPath,
      [
        '-r',
        '@swc-node/register',
        'apps/cli/src/main.ts',
        'seed-demo',
        '--api',
        api.baseUrl,
        '--out',
        script,
      ],
      { cwd: ROOT, env: { ...process.env, ...env, NODE_ENV: 'development' } },
    );
    for (const role of ['association', 'prefecture', 'commission_secretariat', 'auditor', 'analyst']) {
      expect(seeded.stdout).toMatch(new RegExp(`^  ${role} +eyJ`, 'm'));
    }
    const walk = await run('bash', [script], { cwd: ROOT, env: { ...process.env, API: api.baseUrl } });
    expect(walk.stdout).toContain('== T5, T7');
    const lastLine = walk.stdout.trim().split('\n').pop()!;
    expect(JSON.parse(lastLine).view).toMatchObject({ status: 'active', stage: 'period_running' });
  });
});
