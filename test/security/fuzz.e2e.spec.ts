import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { SignJWT, UnsecuredJWT, generateKeyPair } from 'jose';
import { openEventStore } from '@psp/event-store';
import { DEFAULT_AUDIENCE, DEV_ISSUER, issueDevToken } from '@psp/security';
import { RunningApi, startApiProcess } from '../support/api-process';
import { CaseDriver } from '../support/case-driver';
import { call, devTokens } from '../support/dev-tokens';
import { ApiRoute, apiRoutes } from '../support/openapi-routes';
import { seedRegistries } from '../support/registry-seed';

/**
 * Hostile input over every route of the OpenAPI document (R8, R2, house rule "never a 500"):
 * FUZZ_RUNS batches of BATCH requests sent concurrently over keep-alive HTTP, each mixing wrong
 * types, huge strings, prototype-pollution keys, deep nesting, unicode and NUL, wrong content
 * types, bad / forged / expired / revoked tokens, path traversal and SQL metacharacters in
 * parameters, bad If-Match and Idempotency-Key. Every answer is < 500, every error is a problem
 * document, no write is accepted, the global log does not grow, and /health answers afterwards.
 * Rate limits are off in this API process (RATE_LIMITS=off). FUZZ_SEED replays a run.
 */
const BATCH = 25;
const RUNS = Number(process.env.FUZZ_RUNS ?? 420); // 420 × 25 = 10,500 requests

const HOSTILE_STRINGS = [
  '',
  ' ',
  '../../../../etc/passwd',
  '..\\..\\windows\\win.ini',
  "' OR '1'='1' --",
  '"; DROP TABLE events; --',
  '1; SELECT * FROM streams',
  '%00',
  '\u0000',
  'a\u0000b',
  '\uFEFF\u202E\u200B',
  '𝕏💥ȁ\uD800',
  '<script>alert(1)</script>',
  '${jndi:ldap://x}',
  '{{7*7}}',
  '__proto__',
  'constructor',
  'prototype',
  'NaN',
  '-1',
  '1e309',
  '00000000-0000-0000-0000-000000000000',
  'x'.repeat(300),
];
const RAW_PATH_FRAGMENTS = [
  '%',
  '%zz',
  '%E0%A4%A',
  '%00',
  '..%2f..%2f',
  '%2e%2e',
  ';',
  '%0d%0aX-Injected:%201',
  '*',
  '~',
];
const HOSTILE_KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  '$where',
  '$gt',
  "'; --",
  'x-fuzz-\u0000',
  '𝕏',
  'toString',
  'hasOwnProperty',
];
const CONTENT_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'application/json; charset=utf-16',
  'text/plain',
  'application/xml',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/vnd.api+json',
  'application/json, text/plain',
  '*/*',
  '',
];

/** Percent-encodes any string, lone surrogates included (encodeURIComponent throws on them). */
function encodeSegment(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return [...Buffer.from(value, 'utf8')].map((byte) => `%${byte.toString(16).padStart(2, '0')}`).join('');
  }
}

interface FuzzRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
}

describe('fuzz: hostile requests over every route', () => {
  const dir = mkdtempSync(join(tmpdir(), 'psp-fuzz-'));
  const eventsUrl = `sqlite:${join(dir, 'events.sqlite')}`;
  let api: RunningApi;
  let routes: ApiRoute[];
  let ids: Record<string, string[]>;
  let tokens: string[];

  beforeAll(async () => {
    api = await startApiProcess({
      EVENT_STORE_URL: eventsUrl,
      SCHEDULER_INTERVAL_MS: '0',
      RATE_LIMITS: 'off',
    });
    const mint = devTokens(dir);
    const registries = await seedRegistries(api.baseUrl, mint, {
      departement: '69',
      associationId: 'asso-69-fuzz',
    });
    const cases = new CaseDriver(api.baseUrl, mint, { departement: '69', associationId: 'asso-69-fuzz' });
    const opened = await cases.open({
      openedOn: '2024-01-05',
      personAgrees: true,
      victimOf: ['procuring'],
      person: { givenName: 'Fuzz', familyName: 'Cible' },
    });
    expect(opened.status).toBe(201);
    ids = {
      caseId: [opened.body.caseId],
      associationId: ['asso-69-fuzz'],
      commissionId: [registries.ids.commissionId],
      sessionId: ['session-none'],
    };
    routes = await apiRoutes(api.baseUrl);

    const keyFile = join(dir, 'dev-signing-key.json');
    const claims = { psp_role: 'system', amr: ['pwd', 'otp'] };
    const other = await generateKeyPair('ES256');
    const forge = (alg: string, key: Parameters<SignJWT['sign']>[0], issuer = DEV_ISSUER) =>
      new SignJWT(claims)
        .setProtectedHeader({ alg })
        .setSubject('forger')
        .setIssuer(issuer)
        .setAudience(DEFAULT_AUDIENCE)
        .setIssuedAt()
        .setExpirationTime('1h')
        .sign(key);
    const revoked = await mint('system', { subject: 'revoked-ops' });
    const auditor = await mint('auditor', { subject: 'fuzz-auditor' });
    expect(
      (
        await call(api.baseUrl, 'POST', '/security/revocations', {
          token: auditor,
          body: { subject: 'revoked-ops', reason: 'fuzz setup' },
        })
      ).status,
    ).toBe(201);
    tokens = [
      // valid, inside the target's scope and outside it: hostile bodies must still be refused
      await mint('association', { departement: '69', associationId: 'asso-69-fuzz' }),
      await mint('prefecture', { departement: '69' }),
      await mint('commission_secretariat', { departement: '69' }),
      await mint('system'),
      await mint('association', { departement: '13', associationId: 'asso-13-x' }),
      await mint('analyst'),
      // forged, expired, misdirected, revoked
      await forge('ES256', other.privateKey),
      await forge('HS256', new TextEncoder().encode('x'.repeat(32))),
      new UnsecuredJWT(claims)
        .setSubject('forger')
        .setIssuer(DEV_ISSUER)
        .setAudience(DEFAULT_AUDIENCE)
        .setExpirationTime('1h')
        .encode(),
      await issueDevToken(keyFile, { subject: 'late', role: 'system', ttlSeconds: -3600 }),
      await issueDevToken(keyFile, { subject: 'elsewhere', role: 'system' }, 'another-audience'),
      await issueDevToken(keyFile, { subject: 'no-role', role: 'superuser' }),
      revoked,
    ];
  }, 180_000);
  afterAll(async () => {
    await api?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const hostileString = fc.oneof(
    fc.constantFrom(...HOSTILE_STRINGS),
    fc.string({ unit: 'binary', maxLength: 40 }),
    fc.string({ maxLength: 5000 }).map((s) => s.repeat(3)),
  );

  /** JSON values of every type, with hostile keys and strings. */
  const hostileValue: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
    value: fc.oneof(
      { depthSize: 'small' },
      hostileString,
      fc.integer(),
      fc.double(),
      fc.boolean(),
      fc.constant(null),
      fc.array(tie('value'), { maxLength: 4 }),
      fc.dictionary(fc.oneof(fc.constantFrom(...HOSTILE_KEYS), fc.string({ maxLength: 12 })), tie('value'), {
        maxKeys: 4,
      }),
    ),
  })).value;

  const nested = (depth: number, leaf: string) => `${'{"a":['.repeat(depth)}${leaf}${']}'.repeat(depth)}`;

  /** A body that no route may accept: at least one unknown or poisoned key, or not a valid object. */
  const hostileBody = (route: ApiRoute | undefined): fc.Arbitrary<string | undefined> =>
    fc.oneof(
      fc.constant(undefined),
      fc
        .record({ extraKey: fc.constantFrom(...HOSTILE_KEYS, 'x-fuzz-unknown'), extra: hostileValue })
        .map(({ extraKey, extra }) =>
          JSON.stringify({ ...((route?.example as object) ?? {}), [extraKey]: extra }),
        ),
      fc
        .record({ key: fc.string({ maxLength: 20 }), value: hostileValue })
        .map(({ key, value }) =>
          JSON.stringify({ ...((route?.example as object) ?? {}), [`x-fuzz-${key}`]: value }),
        ),
      hostileValue.map((value) =>
        JSON.stringify(Array.isArray(value) || typeof value !== 'object' ? value : { 'x-fuzz': 1, ...value }),
      ),
      fc.constantFrom(
        '{"__proto__":{"polluted":true}}',
        '{"constructor":{"prototype":{"polluted":true}}}',
        '{"a":',
        '{"a":1}}',
        'null',
        '[]',
        '"just a string"',
        '\u0000',
        '{"a":"\u0000"}',
        '\uFEFF{}',
        nested(20, '1'),
        nested(40, '1'),
        nested(5000, '1'),
        `{"x-fuzz":"${'a'.repeat(70 * 1024)}"}`,
        `{"x-fuzz":"${'é'.repeat(30 * 1024)}"}`,
      ),
      fc.string({ unit: 'binary', maxLength: 200 }),
    );

  const pathValue = (name: string) =>
    fc.oneof(
      fc.constantFrom(...(ids[name] ?? ['x'])).map(encodeSegment),
      hostileString.map(encodeSegment),
      fc.constantFrom(...RAW_PATH_FRAGMENTS),
    );

  const queryString = fc.oneof(
    fc.constant(''),
    fc.constantFrom(
      '?format=csv',
      '?limit=-1',
      '?limit=abc',
      '?limit=1e9',
      '?offset=-5',
      '?status=active&status=refused',
      '?status[]=x',
      '?__proto__[polluted]=1',
      '?constructor[prototype][x]=1',
      '?stage=%00',
      '?deadlineBefore=2024-13-45',
      '?a=%zz',
    ),
    fc
      .dictionary(
        fc.oneof(
          fc.constantFrom(...HOSTILE_KEYS, 'status', 'limit', 'offset', 'format'),
          fc.string({ maxLength: 10 }),
        ),
        hostileString,
        { maxKeys: 3 },
      )
      .map((entries) => `?${new URLSearchParams(entries as Record<string, string>).toString()}`),
  );

  const headerValue = fc.oneof(
    fc.constantFrom(
      '',
      '*',
      '"0"',
      '"-1"',
      'W/"1"',
      '"abc"',
      '"1", "2"',
      '9'.repeat(400),
      'ü'.repeat(10),
      '\t',
    ),
    fc.string({ maxLength: 120 }).map((s) => s.replace(/[^\x20-\x7e]/g, '?')),
  );

  const authorization = () =>
    fc.oneof(
      fc.constant(undefined),
      fc.constantFrom(...tokens).map((t) => `Bearer ${t}`),
      fc.constantFrom(
        'Bearer',
        'Bearer ',
        'Basic YWRtaW46YWRtaW4=',
        'bearer x.y.z',
        'Bearer a.b',
        'Bearer ....',
        `Bearer ${'A'.repeat(5000)}.a.b`,
      ),
      fc
        .tuple(
          fc.base64String({ maxLength: 60 }),
          fc.base64String({ maxLength: 200 }),
          fc.base64String({ maxLength: 90 }),
        )
        .map(([a, b, c]) => `Bearer ${a}.${b}.${c}`.replace(/[+/=]/g, '_')),
    );

  /**
   * A documented, valid body on a real record with a valid token, refused only by its
   * precondition: an If-Match that is malformed or never the current revision (412 / 400), so
   * precondition parsing is fuzzed on the paths that would otherwise write.
   */
  const staleWrite = (): fc.Arbitrary<FuzzRequest> =>
    fc
      .record({
        route: fc.constantFrom(
          ...routes.filter(
            (route) =>
              route.method === 'POST' && route.example !== undefined && route.headers.includes('If-Match'),
          ),
        ),
        token: fc.constantFrom(...tokens.slice(0, 6)),
        ifMatch: fc.constantFrom(
          '"99999"',
          '"-1"',
          '"abc"',
          '*',
          '""',
          'W/"123456789012345"',
          '"1234567890123456"',
          '" 7"',
          '"1", "2"',
        ),
        idempotencyKey: fc.option(fc.stringMatching(/^[A-Za-z0-9_.:-]{8,40}$/), { freq: 2 }),
      })
      .map(({ route, token, ifMatch, idempotencyKey }) => ({
        method: 'POST',
        path: route.template.replace(/\{([^}]+)\}/g, (_m, name: string) => ids[name]?.[0] ?? 'x'),
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
          'if-match': ifMatch,
          ...(idempotencyKey === null ? {} : { 'idempotency-key': idempotencyKey }),
        },
        body: JSON.stringify(route.example),
      }));

  const request = (): fc.Arbitrary<FuzzRequest> =>
    fc.oneof({ arbitrary: hostileRequest(), weight: 7 }, { arbitrary: staleWrite(), weight: 1 });

  const hostileRequest = (): fc.Arbitrary<FuzzRequest> =>
    fc
      .record({
        route: fc.option(fc.constantFrom(...routes), { freq: 12 }),
        otherMethod: fc.option(fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD'), {
          freq: 6,
        }),
        unknownPath: fc.constantFrom(
          '/',
          '/admin',
          '/cases/',
          '//cases',
          '/cases/%2e%2e/health',
          '/docs/../cases',
          '/.env',
          '/metrics/..%2f',
        ),
        query: queryString,
        auth: authorization(),
        contentType: fc.option(fc.constantFrom(...CONTENT_TYPES), { freq: 5 }),
        ifMatch: fc.option(headerValue, { freq: 2 }),
        idempotencyKey: fc.option(headerValue, { freq: 2 }),
        extraHeaders: fc.dictionary(
          fc.constantFrom('x-forwarded-for', 'accept', 'x-http-method-override', 'origin', 'x-fuzz'),
          headerValue,
          { maxKeys: 2 },
        ),
      })
      .chain((r) =>
        fc
          .record({
            params: fc.tuple(...(r.route?.pathParameters ?? []).map(pathValue)),
            body: hostileBody(r.route ?? undefined),
          })
          .map(({ params, body }) => {
            let path: string = r.unknownPath;
            if (r.route) {
              let i = 0;
              path = r.route.template.replace(/\{[^}]+\}/g, () => params[i++] as string);
            }
            const method = r.otherMethod ?? r.route?.method ?? 'GET';
            const headers: Record<string, string> = { ...r.extraHeaders };
            if (r.auth !== undefined) headers.authorization = r.auth;
            if (r.ifMatch !== null) headers['if-match'] = r.ifMatch;
            if (r.idempotencyKey !== null) headers['idempotency-key'] = r.idempotencyKey;
            const sendsBody = body !== undefined && !['GET', 'HEAD'].includes(method);
            if (sendsBody) headers['content-type'] = r.contentType ?? 'application/json';
            return { method, path: `${path}${r.query}`, headers, ...(sendsBody ? { body } : {}) };
          }),
      );

  async function send(req: FuzzRequest) {
    const response = await fetch(`${api.baseUrl}${req.path}`, {
      method: req.method,
      headers: req.headers,
      body: req.body,
    });
    const text = await response.text();
    return { status: response.status, type: response.headers.get('content-type') ?? '', text };
  }

  it(`sends ${RUNS * BATCH} hostile requests: never a 500, always a problem document, no write, still healthy`, async () => {
    const store = await openEventStore(eventsUrl);
    const before = await store.readAll();
    const seed = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined;
    const statuses = new Map<number, number>();
    let sent = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(request(), { minLength: BATCH, maxLength: BATCH }), async (batch) => {
        const answers = await Promise.all(batch.map(send));
        sent += batch.length;
        answers.forEach((answer, i) => {
          statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
          const where = `${batch[i].method} ${batch[i].path.slice(0, 200)} → ${answer.status} ${answer.text.slice(0, 300)}`;
          if (answer.status >= 500) {
            const logged = api
              .output()
              .split('\n')
              .filter((line) => line.includes('unexpected error'))
              .slice(-3);
            const sentHeaders = Object.fromEntries(
              Object.entries(batch[i].headers).map(([name, value]) => [name, value.slice(0, 60)]),
            );
            throw new Error(
              `server error: ${where}\nheaders: ${JSON.stringify(sentHeaders)}\nbody: ${batch[i].body?.slice(0, 500)}\nlog: ${logged.join('\n')}`,
            );
          }
          if (batch[i].method !== 'GET' && batch[i].method !== 'HEAD' && answer.status < 400)
            throw new Error(`a hostile write was accepted: ${where}`);
          if (answer.status >= 400 && batch[i].method !== 'HEAD') {
            if (!answer.type.includes('application/problem+json'))
              throw new Error(`not a problem document: ${where} (${answer.type})`);
            const body = JSON.parse(answer.text) as { status?: unknown; type?: unknown; title?: unknown };
            if (
              body.status !== answer.status ||
              typeof body.type !== 'string' ||
              typeof body.title !== 'string'
            )
              throw new Error(`malformed problem document: ${where}`);
          }
        });
      }),
      { numRuns: RUNS, ...(seed === undefined ? {} : { seed }), endOnFailure: true },
    );
    expect(sent).toBeGreaterThanOrEqual(RUNS * BATCH);

    const after = await store.readAll();
    await store.close();
    expect(after.length).toBe(before.length);
    expect(after.at(-1)?.globalPosition).toBe(before.at(-1)?.globalPosition);
    const health = await call(api.baseUrl, 'GET', '/health');
    expect(health.status).toBe(200);
    expect(api.output()).not.toContain('unexpected error');
    // Every refusal class was reached (auth, validation, not found, stale If-Match, size, media type).
    expect([...statuses.keys()]).toEqual(expect.arrayContaining([400, 401, 404, 412, 413, 415]));
  }, 600_000);

  /** Byte sequences that are not UTF-8: a lone continuation byte, an overlong "/", a UTF-8-encoded surrogate, 0xFF. */
  const INVALID_UTF8 = [
    [0x80],
    [0xc0, 0xaf],
    [0xed, 0xa0, 0x80],
    [0xff],
    [0xc3, 0x28],
    [0xf4, 0x90, 0x80, 0x80],
  ];
  const BIDI = ['\u202E', '\u202D', '\u202A', '\u2066', '\u2067', '\u2068', '\u2069'];

  it('R9 / R21: invalid UTF-8 and bidi controls in every write are refused with nothing written; a key reused by another caller never replays the owner', async () => {
    const store = await openEventStore(eventsUrl);
    const before = (await store.readAll()).length;
    const writes = routes.filter((route) => route.method === 'POST' && route.example !== undefined);
    const pathOf = (route: ApiRoute) =>
      route.template.replace(/\{([^}]+)\}/g, (_m, name: string) => ids[name]?.[0] ?? 'x');
    const owner = tokens[0];
    const callers = [tokens[1], tokens[2], tokens[3], tokens[4]];

    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...writes),
        fc.constantFrom(...INVALID_UTF8),
        fc.constantFrom(...BIDI),
        fc.constantFrom(...callers),
        async (route, bytes, bidi, caller) => {
          // Invalid UTF-8 spliced into the documented example: 400, whoever sends it.
          const json = Buffer.from(JSON.stringify(route.example));
          const quote = json.indexOf(0x22, json.indexOf(0x3a)); // the first string value
          const body =
            quote < 0
              ? Buffer.concat([json, Buffer.from(bytes)])
              : Buffer.concat([json.subarray(0, quote + 1), Buffer.from(bytes), json.subarray(quote + 1)]);
          const raw = await fetch(`${api.baseUrl}${pathOf(route)}`, {
            method: 'POST',
            headers: { authorization: `Bearer ${caller}`, 'content-type': 'application/json' },
            body,
          });
          expect([route.template, raw.status]).toEqual([route.template, 400]);
          // A bidirectional control in a person's name: 400 naming the field.
          const opened = await call(api.baseUrl, 'POST', '/cases', {
            token: owner,
            body: {
              openedOn: '2024-01-05',
              personAgrees: true,
              victimOf: ['procuring'],
              person: { givenName: `Fu${bidi}zz`, familyName: 'Cible' },
            },
          });
          expect(opened.status).toBe(400);
          expect(opened.body.errors?.[0]?.field).toBe('person.givenName');
        },
      ),
      { numRuns: 60 },
    );
    expect((await store.readAll()).length).toBe(before);

    // Key reuse across callers: the owner uses a key on a command of its case; any other caller
    // sending the same key gets what it would get without it (never the owner's answer).
    const caseId = ids.caseId[0];
    await fc.assert(
      fc.asyncProperty(
        fc.stringMatching(/^[A-Za-z0-9_.:-]{8,40}$/),
        fc.constantFrom(...callers),
        async (key, caller) => {
          const body = { determinedOn: '2024-01-05', reason: 'french' };
          const path = `/cases/${caseId}/aps-not-applicable`;
          const first = await call(api.baseUrl, 'POST', path, {
            token: owner,
            body,
            headers: { 'idempotency-key': key },
          });
          expect([200, 409]).toContain(first.status);
          const other = await call(api.baseUrl, 'POST', path, {
            token: caller,
            body,
            headers: { 'idempotency-key': key },
          });
          const without = await call(api.baseUrl, 'POST', path, { token: caller, body });
          expect(other.status).toBe(without.status);
          expect(other.headers.get('idempotent-replayed')).toBeNull();
          const opened = await call(api.baseUrl, 'POST', '/cases', {
            token: caller,
            body: {
              openedOn: '2024-01-05',
              personAgrees: true,
              victimOf: ['procuring'],
              person: { givenName: 'A', familyName: 'B' },
            },
            headers: { 'idempotency-key': key },
          });
          expect(opened.status).not.toBe(200);
          if (opened.status === 201) expect(opened.body.caseId).not.toBe(caseId);
        },
      ),
      { numRuns: 20 },
    );
    await store.close();
  }, 300_000);
});
