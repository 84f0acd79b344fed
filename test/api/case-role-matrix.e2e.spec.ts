import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ALL_ROLES, Role } from '@psp/security';
import { CASE_COMMANDS } from '@psp/workflow';
import { CASE_COMMAND_BODIES } from '../../apps/api/src/cases/commands';
import { RunningApi, startApiProcess } from '../support/api-process';
import { CaseDriver } from '../support/case-driver';
import { call, devTokens } from '../support/dev-tokens';
import { seedRegistries } from '../support/registry-seed';

/**
 * Every case command by every role, on a case of the actor's département (rule book 1.2, deny by
 * default): a role the command is not for gets 403, or 404 when the case is outside what the
 * role may see at all (analysts, commission members); only the command's own roles may get 200
 * (or a refusal by the case's state, 409/422). A refused command writes nothing.
 */
describe('role-by-command matrix over HTTP', () => {
  const dir = mkdtempSync(join(tmpdir(), 'psp-matrix-'));
  let api: RunningApi;
  let cases: CaseDriver;
  let caseId: string;

  beforeAll(async () => {
    api = await startApiProcess({
      EVENT_STORE_URL: `sqlite:${join(dir, 'events.sqlite')}`,
      SCHEDULER_INTERVAL_MS: '0',
    });
    const mint = devTokens(dir);
    await seedRegistries(api.baseUrl, mint, { departement: '69', associationId: 'asso-69-nid' });
    cases = new CaseDriver(api.baseUrl, mint, { departement: '69', associationId: 'asso-69-nid' });
    const opened = await cases.open({
      openedOn: '2024-01-05',
      personAgrees: true,
      victimOf: ['prostitution'],
      person: { givenName: 'Matrice', familyName: 'Essai' },
    });
    expect(opened.status).toBe(201);
    caseId = opened.body.caseId;
  });
  afterAll(async () => {
    await api?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const rows = CASE_COMMANDS.flatMap((spec) =>
    ALL_ROLES.map((role) => [spec.name, role, spec.roles.includes(role)] as const),
  );

  it.each(rows)('%s by %s (allowed: %s)', async (command: string, role: Role, allowed: boolean) => {
    const before = (await cases.view(caseId, 'prefecture')).revision as number;
    const answer = await cases.send(role, caseId, command, CASE_COMMAND_BODIES[command].example);
    if (allowed) {
      expect([200, 409, 422]).toContain(answer.status);
    } else {
      expect(answer.status).toBe(['analyst', 'commission_member'].includes(role) ? 404 : 403);
      expect(answer.headers.get('content-type')).toContain('application/problem+json');
    }
    const after = (await cases.view(caseId, 'prefecture')).revision as number;
    expect(after).toBe(answer.status === 200 ? before + 1 : before);
  });

  it('an actor of another département or another association gets 404 on every command, and nothing leaks', async () => {
    const mint = devTokens(dir);
    const outsiders = [
      await mint('association', { departement: '69', associationId: 'asso-other' }),
      await mint('association', { departement: '13', associationId: 'asso-69-nid' }),
      await mint('prefecture', { departement: '13' }),
      await mint('auditor', { departement: '13' }),
    ];
    for (const token of outsiders) {
      const read = await call(api.baseUrl, 'GET', `/cases/${caseId}`, { token });
      expect(read.status).toBe(404);
      expect(JSON.stringify(read.body)).not.toContain('asso-69-nid');
      for (const spec of CASE_COMMANDS) {
        const answer = await call(api.baseUrl, 'POST', `/cases/${caseId}/${spec.name}`, {
          token,
          body: CASE_COMMAND_BODIES[spec.name].example,
        });
        expect(answer.status).toBe(404);
        expect(JSON.stringify(answer.body)).not.toMatch(/asso-69-nid|Matrice|Essai/);
      }
    }
  });
});
