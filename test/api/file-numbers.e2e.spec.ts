import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OPEN_REQUEST_BODY } from '../../apps/api/src/cases/commands';
import { RunningApi, startApiProcess } from '../support/api-process';
import { CaseDriver } from '../support/case-driver';
import { call, devTokens } from '../support/dev-tokens';
import { seedRegistries } from '../support/registry-seed';
import { waitForViews } from '../support/wait-for-views';

jest.setTimeout(120_000);

const PERSON = {
  givenName: 'Héloïse',
  familyName: 'Numérofictif',
  birthDate: '1990-02-03',
  birthPlace: 'Lyon',
  nationality: 'FR',
};

/**
 * File numbers (`69-2024-0001`: département, year of the request, rank) and the searches of the
 * console: by file number in `GET /cases`, by name through the vault's keyed blind index in
 * `POST /cases/search` (PSP-07, ACL-05), never by reading identities.
 */
describe('file numbers and case search over HTTP', () => {
  const dir = mkdtempSync(join(tmpdir(), 'psp-file-numbers-'));
  let api: RunningApi;
  let mint: ReturnType<typeof devTokens>;
  const caseIds: string[] = [];

  beforeAll(async () => {
    api = await startApiProcess({
      EVENT_STORE_URL: `sqlite:${join(dir, 'events.sqlite')}`,
      SCHEDULER_INTERVAL_MS: '0',
    });
    mint = devTokens(dir);
    await seedRegistries(api.baseUrl, mint, { departement: '69', associationId: 'asso-69-num' });
    const cases = new CaseDriver(api.baseUrl, mint, { departement: '69', associationId: 'asso-69-num' });
    const first = await cases.open(
      { ...OPEN_REQUEST_BODY.example, openedOn: '2024-01-05', person: PERSON },
      'file-numbers-1',
    );
    const second = await cases.open(
      { ...OPEN_REQUEST_BODY.example, openedOn: '2024-01-06' },
      'file-numbers-2',
    );
    if (first.status !== 201) throw new Error(JSON.stringify(first.body));
    expect([first.status, second.status]).toEqual([201, 201]);
    caseIds.push(first.body.caseId, second.body.caseId);
    await waitForViews(api.baseUrl, dir);
  });
  afterAll(async () => {
    await api?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const as = async (role: Parameters<typeof mint>[0], departement = '69') =>
    mint(role, { departement, ...(role === 'association' ? { associationId: 'asso-69-num' } : {}) });

  it('each case gets the next file number of its département and year, in the list, the inbox and the case', async () => {
    const token = await as('prefecture');
    const list = await call(api.baseUrl, 'GET', '/cases', { token });
    const numbers = Object.fromEntries(
      (list.body.items as { caseId: string; fileNumber: string }[]).map((i) => [i.caseId, i.fileNumber]),
    );
    expect(numbers).toEqual({ [caseIds[0]]: '69-2024-0001', [caseIds[1]]: '69-2024-0002' });
    const inbox = await call(api.baseUrl, 'GET', '/views/handler-inbox', { token });
    expect(inbox.body.items.map((i: { fileNumber: string }) => i.fileNumber).sort()).toEqual([
      '69-2024-0001',
      '69-2024-0002',
    ]);
    const one = await call(api.baseUrl, 'GET', `/cases/${caseIds[1]}`, { token });
    expect(one.body.fileNumber).toBe('69-2024-0002');
  });

  it('GET /cases?fileNumber= finds the case (69-2024-2 reads as 69-2024-0002); a malformed number is a 400 naming the field', async () => {
    const token = await as('prefecture');
    const found = await call(api.baseUrl, 'GET', '/cases?fileNumber=69-2024-2', { token });
    expect(found.body.items.map((i: { caseId: string }) => i.caseId)).toEqual([caseIds[1]]);
    const bad = await call(api.baseUrl, 'GET', '/cases?fileNumber=nonsense', { token });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('fileNumber');
    const elsewhere = await call(api.baseUrl, 'GET', '/cases?fileNumber=69-2024-0001', {
      token: await as('prefecture', '13'),
    });
    expect(elsewhere.body.items).toEqual([]);
  });

  it('ACL-05 / PSP-07: POST /cases/search finds a person’s cases by name through the blind index, in scope only; roles that may not read the identity are refused', async () => {
    const body = {
      givenName: 'heloise',
      familyName: 'NUMEROFICTIF',
      birthDate: '1990-02-03',
      birthPlace: 'LYON',
    };
    const mine = await call(api.baseUrl, 'POST', '/cases/search', { token: await as('association'), body });
    expect(mine.status).toBe(200);
    expect(mine.body.items).toEqual([
      expect.objectContaining({ caseId: caseIds[0], fileNumber: '69-2024-0001' }),
    ]);
    const otherDepartement = await call(api.baseUrl, 'POST', '/cases/search', {
      token: await as('prefecture', '13'),
      body,
    });
    expect(otherDepartement.body.items).toEqual([]);
    const analyst = await call(api.baseUrl, 'POST', '/cases/search', {
      token: await mint('analyst', {}),
      body,
    });
    expect(analyst.status).toBe(403);
    const noBirthDate = await call(api.baseUrl, 'POST', '/cases/search', {
      token: await as('association'),
      body: { givenName: 'heloise', familyName: 'NUMEROFICTIF' },
    });
    expect(noBirthDate.status).toBe(400);
    expect(JSON.stringify(noBirthDate.body)).toContain('birthDate');
  });
});
