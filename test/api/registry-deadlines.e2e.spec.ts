import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { RunningApi, startApiProcess } from '../support/api-process';
import { call, devTokens } from '../support/dev-tokens';

const run = promisify(execFile);
const ROOT = join(__dirname, '..', '..');

describe('agrément deadlines as data, issued by the scheduler', () => {
  const dir = mkdtempSync(join(tmpdir(), 'psp-agr-deadlines-'));
  const env = { EVENT_STORE_URL: `sqlite:${join(dir, 'events.sqlite')}`, SCHEDULER_INTERVAL_MS: '0' };
  let api: RunningApi;

  beforeAll(async () => {
    api = await startApiProcess(env);
  });
  afterAll(async () => {
    await api?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('AGR-04 / AGR-05: a complete file with no answer for 4 months is deemed complete, then granted by silence', async () => {
    const token = await devTokens(dir)('association', {
      departement: '33',
      associationId: 'asso-33-silence',
    });
    const applied = await call(api.baseUrl, 'POST', '/associations', {
      token,
      body: {
        receivedOn: '2024-01-10',
        declaredOn: '2012-09-01',
        statutoryPurposes: ['prostitution_support'],
        signedByLegalRepresentative: true,
        headOfficeDepartement: '33',
        addressedToDepartement: '33',
        requestedDepartements: ['33'],
        conditions: {
          generalAssemblyResolution: { proved: true },
          meansAndPartnerNetwork: { proved: true },
          staffAndVolunteerTraining: { proved: true },
        },
        fileItems: [
          'signed_request',
          'general_assembly_resolution',
          'means_and_partner_network',
          'staff_training_evidence',
          'registration_number',
        ],
      },
    });
    expect(applied.status).toBe(201);

    const cli = (today: string) =>
      run(
        process.execPath,
        ['-r', '@swc-node/register', 'apps/cli/src/main.ts', 'run-deadlines', '--today', today],
        {
          cwd: ROOT,
          env: { ...process.env, ...env, NODE_ENV: 'development' },
        },
      );
    const early = await cli('2024-02-01');
    expect(early.stdout).toContain('0 deadline command(s)');

    const late = await cli('2024-06-01');
    expect(late.stdout).toMatch(/association asso-33-silence {2}\S+/);
    const read = await call(api.baseUrl, 'GET', '/associations/asso-33-silence', { token });
    expect(read.status).toBe(200);
    expect(read.body.agrement.status).toBe('granted');
  });
});
