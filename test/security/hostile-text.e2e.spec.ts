import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RunningApi, startApiProcess } from '../support/api-process';
import { call, devTokens } from '../support/dev-tokens';
import { seedRegistries } from '../support/registry-seed';

const PERSON = { givenName: 'Noémie', familyName: 'Texteneutre', birthDate: '1998-03-04', nationality: 'FR' };
const open = (person: object) => ({
  openedOn: '2024-01-05',
  personAgrees: true,
  victimOf: ['procuring'],
  person,
});

/**
 * R9: text that looks the same but is not (hostile Unicode). A body that is not UTF-8 is
 * refused; control characters, lone surrogates and bidirectional controls are refused naming the
 * field; names are stored in NFC, so "é" typed two ways is one name.
 */
describe('R9: hostile text in command bodies', () => {
  const dir = mkdtempSync(join(tmpdir(), 'psp-text-'));
  let api: RunningApi;
  let token: string;
  let auditor: string;

  const lastPosition = async () =>
    (await call(api.baseUrl, 'GET', '/health', { token: auditor })).body.store.details
      .lastGlobalPosition as string;

  beforeAll(async () => {
    api = await startApiProcess({
      EVENT_STORE_URL: `sqlite:${join(dir, 'events.sqlite')}`,
      DATA_DIR: dir,
      SCHEDULER_INTERVAL_MS: '0',
    });
    const mint = devTokens(dir);
    await seedRegistries(api.baseUrl, mint, { departement: '69', associationId: 'asso-69-nid' });
    token = await mint('association', { departement: '69', associationId: 'asso-69-nid' });
    auditor = await mint('auditor');
  }, 120_000);
  afterAll(async () => {
    await api?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('R9: a body that is not valid UTF-8 gets 400 and nothing is written', async () => {
    const before = await lastPosition();
    const json = Buffer.from(JSON.stringify(open({ ...PERSON, givenName: 'XX' })));
    const at = json.indexOf('XX');
    json[at] = 0xc3; // a lead byte followed by an ASCII byte: not UTF-8
    json[at + 1] = 0x28;
    const response = await fetch(`${api.baseUrl}/cases`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: json,
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(((await response.json()) as { detail: string }).detail).toMatch(/UTF-8/);
    expect(await lastPosition()).toBe(before);
  });

  it.each([
    ['a right-to-left override', 'givenName', 'Ali\u202Ece'],
    ['a bidirectional isolate', 'familyName', 'Texte\u2066neutre'],
    ['a control character', 'familyName', 'Texte\u0007neutre'],
    ['a line break in a name', 'givenName', 'Noé\nmie'],
    ['a NUL', 'givenName', 'No\u0000emie'],
    ['a lone surrogate', 'givenName', 'No\uD800emie'],
  ])(
    'R9: %s in person.%s is refused with 400 naming the field, nothing written',
    async (_what, field, value) => {
      const before = await lastPosition();
      const response = await call(api.baseUrl, 'POST', '/cases', {
        token,
        body: open({ ...PERSON, [field]: value }),
      });
      expect(response.status).toBe(400);
      expect(response.body.errors).toEqual([expect.objectContaining({ field: `person.${field}` })]);
      expect(await lastPosition()).toBe(before);
    },
  );

  it('R9: names are stored in NFC: a decomposed "é" reads back composed', async () => {
    const decomposed = 'Noe\u0301mie';
    const opened = await call(api.baseUrl, 'POST', '/cases', {
      token,
      body: open({ ...PERSON, givenName: decomposed }),
    });
    expect(opened.status).toBe(201);
    const read = await call(api.baseUrl, 'GET', `/cases/${opened.body.caseId}`, { token });
    expect(read.body.person.givenName).toBe('Noémie');
    expect(read.body.person.givenName).toBe(decomposed.normalize('NFC'));
  });
});
