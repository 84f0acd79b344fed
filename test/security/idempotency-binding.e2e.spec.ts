import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RunningApi, startApiProcess } from '../support/api-process';
import { call, devTokens } from '../support/dev-tokens';
import { seedRegistries } from '../support/registry-seed';

const PERSON = { givenName: 'Aurélie', familyName: 'Clefunique', birthDate: '1999-04-02', nationality: 'FR' };
const OTHER_PERSON = {
  givenName: 'Bérénice',
  familyName: 'Autreclef',
  birthDate: '1994-11-20',
  nationality: 'FR',
};

const openBody = (person: object) => ({
  openedOn: '2024-01-05',
  personAgrees: true,
  victimOf: ['procuring'],
  person,
});

/**
 * R21: an Idempotency-Key is bound to its caller (token issuer and subject), to the method,
 * route and record, and to a fingerprint of the body. A retry of the same command gets the first
 * answer and writes nothing; anything else that reuses the key is either another caller's own key
 * (no link to the first one) or a 422.
 */
describe('R21: an Idempotency-Key is bound to its caller, its command and its body', () => {
  const dir = mkdtempSync(join(tmpdir(), 'psp-idem-'));
  let api: RunningApi;
  let mint: ReturnType<typeof devTokens>;
  let lyon: string;
  let marseille: string;
  let lyonColleague: string;

  const open = (token: string, body: unknown, key: string) =>
    call(api.baseUrl, 'POST', '/cases', { token, body, headers: { 'idempotency-key': key } });
  const history = async (caseId: string) => {
    const auditor = await mint('auditor', {});
    return call(api.baseUrl, 'GET', `/cases/${caseId}/history`, { token: auditor });
  };

  beforeAll(async () => {
    api = await startApiProcess({
      EVENT_STORE_URL: `sqlite:${join(dir, 'events.sqlite')}`,
      DATA_DIR: dir,
      SCHEDULER_INTERVAL_MS: '0',
    });
    mint = devTokens(dir);
    await seedRegistries(api.baseUrl, mint, { departement: '69', associationId: 'asso-69-nid' });
    await seedRegistries(api.baseUrl, mint, { departement: '13', associationId: 'asso-13-amicale' });
    lyon = await mint('association', {
      departement: '69',
      associationId: 'asso-69-nid',
      subject: 'agent-lyon',
    });
    lyonColleague = await mint('association', {
      departement: '69',
      associationId: 'asso-69-nid',
      subject: 'agent-lyon-2',
    });
    marseille = await mint('association', {
      departement: '13',
      associationId: 'asso-13-amicale',
      subject: 'agent-marseille',
    });
  }, 120_000);
  afterAll(async () => {
    await api?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('R21: two associations opening a case with the same key get two different cases', async () => {
    const first = await open(lyon, openBody(PERSON), 'shared-key-0001');
    expect(first.status).toBe(201);
    const second = await open(marseille, openBody(OTHER_PERSON), 'shared-key-0001');
    expect(second.status).toBe(201);
    expect(second.body.replayed).toBe(false);
    expect(second.headers.get('idempotent-replayed')).toBeNull();
    expect(second.body.caseId).not.toBe(first.body.caseId);
    // Two colleagues of one association are two callers too.
    const colleague = await open(lyonColleague, openBody(OTHER_PERSON), 'shared-key-0001');
    expect(colleague.status).toBe(201);
    expect(new Set([first.body.caseId, second.body.caseId, colleague.body.caseId]).size).toBe(3);
  });

  it("R21: an outsider sending the owner's key on the owner's case gets 404, as without the key", async () => {
    const opened = await open(lyon, openBody(PERSON), 'owner-open-0002');
    const caseId = opened.body.caseId as string;
    const body = { determinedOn: '2024-01-05', reason: 'french' };
    const owner = await call(api.baseUrl, 'POST', `/cases/${caseId}/aps-not-applicable`, {
      token: lyon,
      body,
      headers: { 'idempotency-key': 'owner-command-0002' },
    });
    expect(owner.status).toBe(200);
    const outsider = await call(api.baseUrl, 'POST', `/cases/${caseId}/aps-not-applicable`, {
      token: marseille,
      body,
      headers: { 'idempotency-key': 'owner-command-0002' },
    });
    expect(outsider.status).toBe(404);
    expect(JSON.stringify(outsider.body)).not.toContain('ApsNotApplicable');
    expect(outsider.body.revision).toBeUndefined();
  });

  it('R21: the same caller reusing a key with another body or another command gets 422 and nothing is written', async () => {
    const first = await open(lyon, openBody(PERSON), 'reused-key-0003');
    expect(first.status).toBe(201);
    const otherBody = await open(lyon, openBody(OTHER_PERSON), 'reused-key-0003');
    expect(otherBody.status).toBe(422);
    expect(otherBody.headers.get('content-type')).toContain('application/problem+json');
    expect(otherBody.body.errors?.[0]?.field ?? otherBody.body.detail).toMatch(/Idempotency-Key/);

    const caseId = first.body.caseId as string;
    const applies = await call(api.baseUrl, 'POST', `/cases/${caseId}/aps-not-applicable`, {
      token: lyon,
      body: { determinedOn: '2024-01-05', reason: 'french' },
      headers: { 'idempotency-key': 'command-key-0003' },
    });
    expect(applies.status).toBe(200);
    const otherCommand = await call(api.baseUrl, 'POST', `/cases/${caseId}/complete-instruction`, {
      token: lyon,
      body: {
        completedOn: '2024-01-20',
        plannedActions: ['housing'],
        plannedLengthMonths: 6,
        associationOpinion: 'favourable',
        swornStatementOfCessation: false,
      },
      headers: { 'idempotency-key': 'command-key-0003' },
    });
    expect(otherCommand.status).toBe(422);
    const sameCommandOtherBody = await call(api.baseUrl, 'POST', `/cases/${caseId}/aps-not-applicable`, {
      token: lyon,
      body: { determinedOn: '2024-01-06', reason: 'french' },
      headers: { 'idempotency-key': 'command-key-0003' },
    });
    expect(sameCommandOtherBody.status).toBe(422);
    const events = (await history(caseId)).body;
    expect(events.entries).toHaveLength(2);
  });

  it('R21: 20 concurrent retries of one command give one case, the first answer, and one event', async () => {
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => open(lyon, openBody(PERSON), 'concurrent-key-0004')),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(201));
    const ids = new Set(answers.map((a) => a.body.caseId));
    expect(ids.size).toBe(1);
    expect(answers.filter((a) => a.body.replayed === false).length).toBeGreaterThanOrEqual(1);
    expect(new Set(answers.map((a) => a.body.revision))).toEqual(new Set([0]));
    const events = (await history([...ids][0] as string)).body;
    expect(events.entries).toHaveLength(1);
  });
});
