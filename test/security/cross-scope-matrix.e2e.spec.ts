import { pdfWith, uploadDocument } from '../support/document-files';
import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RunningApi, startApiProcess } from '../support/api-process';
import { CaseDriver } from '../support/case-driver';
import { call, devTokens } from '../support/dev-tokens';
import type { HttpAnswer } from '../../apps/cli/src/demo/http-client';
import { ApiRoute, apiRoutes, fillPath } from '../support/openapi-routes';
import { Registries, seedRegistries } from '../support/registry-seed';

/**
 * R2 / ACL (rule book 1.2, 1.3), deny by default, over EVERY route of the OpenAPI document: actors
 * of another département and of another association, each with its own data, call every route
 * against a real target case (with its association, commission and session). A route naming a
 * target record answers 404, the same 404 as for a record that does not exist; no answer carries
 * the target's ids or person values; collections return only the caller's own scope. A route with
 * a path parameter this matrix does not know fails the test: add its target value below.
 */
const PUBLIC_ROUTES = ['GET /health', 'GET /health/live', 'GET /health/ready'];
/** Routes of the runtime table that OpenAPI leaves out on purpose (public, no data of any case). */
// /metrics is public by design; /dev/tokens exists only with development tokens (the console's sign-in,
// never in production: test/console covers its absence under OIDC).
const UNDOCUMENTED_PUBLIC_ROUTES = ['GET /metrics', 'GET /dev/tokens', 'POST /dev/tokens'];

/** Bodies for routes whose OpenAPI operation documents no example (a valid body, so only scope can refuse). */
const BODIES: Readonly<Record<string, unknown>> = {
  'POST /commissions/{commissionId}/sessions': {
    sessionId: 'session-outsider',
    convenedOn: '2024-03-01',
    sittingOn: '2024-03-15',
    urgency: false,
    presidingChairId: 'chair-prefet-69',
  },
};

/** Query strings for routes that need one to be valid (so only scope can refuse). */
const QUERIES: Readonly<Record<string, string>> = {
  'GET /cases/{caseId}/as-of': '?revision=0',
};

const PERSON = {
  givenName: 'Séraphine',
  familyName: 'Ciblevaleur',
  birthDate: '1999-04-12',
  nationality: 'FR',
};

describe('cross-scope matrix over every route (R2)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'psp-cross-scope-'));
  let api: RunningApi;
  let routes: ApiRoute[];
  let target: Record<string, string>;
  let missing: Record<string, string>;
  let secrets: string[];
  let outsiders: { label: string; token: string; departement?: string; associationId?: string }[];

  beforeAll(async () => {
    api = await startApiProcess({
      EVENT_STORE_URL: `sqlite:${join(dir, 'events.sqlite')}`,
      SCHEDULER_INTERVAL_MS: '0',
    });
    const mint = devTokens(dir);
    // The target: département 69, association asso-69-cible, a case that went to the commission.
    const registries: Registries = await seedRegistries(api.baseUrl, mint, {
      departement: '69',
      associationId: 'asso-69-cible',
    });
    const cases = new CaseDriver(api.baseUrl, mint, { departement: '69', associationId: 'asso-69-cible' });
    const opened = await cases.open({
      openedOn: '2024-01-05',
      personAgrees: true,
      victimOf: ['procuring'],
      person: PERSON,
    });
    expect(opened.status).toBe(201);
    const caseId = opened.body.caseId as string;
    await cases.accept('association', caseId, 'aps-not-applicable', {
      determinedOn: '2024-01-05',
      reason: 'french',
    });
    await cases.completeInstruction(caseId, {
      completedOn: '2024-01-20',
      plannedActions: ['housing'],
      plannedLengthMonths: 6,
      associationOpinion: 'favourable',
      swornStatementOfCessation: false,
    });
    await cases.accept('association', caseId, 'submit', { submittedOn: '2024-01-22' });
    const item = await registries.opinion({ caseId, kind: 'entry', on: '2024-02-10', opinion: 'favourable' });
    await cases.accept('commission_secretariat', caseId, 'record-commission-opinion', item);
    const document = await uploadDocument(
      api.baseUrl,
      await cases.token('association'),
      caseId,
      'proof_of_address',
      {
        bytes: await pdfWith('a proof of address'),
        name: 'address.pdf',
      },
    );
    target = {
      caseId,
      documentId: document.body.documentId,
      paper: 'minutes',
      associationId: 'asso-69-cible',
      commissionId: registries.ids.commissionId,
      sessionId: item.sessionId,
    };
    missing = {
      caseId: '00000000-0000-4000-8000-000000000000',
      documentId: '00000000-0000-4000-8000-00000000000d',
      paper: 'minutes',
      associationId: 'asso-does-not-exist',
      commissionId: 'commission-does-not-exist',
      sessionId: 'session-does-not-exist',
    };
    secrets = [
      caseId,
      'asso-69-cible',
      registries.ids.commissionId,
      item.sessionId,
      item.itemId,
      PERSON.givenName,
      PERSON.familyName,
      PERSON.birthDate,
      ...registries.ids.memberIds,
    ];

    // The outsiders' own world: département 13 with its association, commission and a case.
    const own = await seedRegistries(api.baseUrl, mint, {
      departement: '13',
      associationId: 'asso-13-autre',
    });
    const ownCases = new CaseDriver(api.baseUrl, mint, { departement: '13', associationId: 'asso-13-autre' });
    expect(
      (
        await ownCases.open({
          openedOn: '2024-01-08',
          personAgrees: true,
          victimOf: ['procuring'],
          person: { givenName: 'Autre', familyName: 'Personne' },
        })
      ).status,
    ).toBe(201);
    const d13 = { departement: '13' };
    outsiders = [
      {
        label: 'association of another association (same département)',
        token: await mint('association', {
          departement: '69',
          associationId: 'asso-69-autre',
          subject: 'out-asso-69',
        }),
        departement: '69',
        associationId: 'asso-69-autre',
      },
      {
        label: 'association of another département',
        token: await mint('association', {
          departement: '13',
          associationId: 'asso-13-autre',
          subject: 'out-asso-13',
        }),
        ...d13,
        associationId: 'asso-13-autre',
      },
      { label: 'prefecture 13', token: await mint('prefecture', { ...d13, subject: 'out-pref-13' }), ...d13 },
      {
        label: 'commission_secretariat 13',
        token: await mint('commission_secretariat', { ...d13, subject: 'out-sec-13' }),
        ...d13,
      },
      {
        label: 'commission_member 13',
        token: await mint('commission_member', {
          ...d13,
          memberId: own.ids.memberIds[0],
          subject: 'out-member-13',
        }),
        ...d13,
      },
      {
        label: 'foreigners_department 13',
        token: await mint('foreigners_department', { ...d13, subject: 'out-etrangers-13' }),
        ...d13,
      },
      { label: 'afis_payer 13', token: await mint('afis_payer', { ...d13, subject: 'out-msa-13' }), ...d13 },
      { label: 'auditor 13', token: await mint('auditor', { ...d13, subject: 'out-auditor-13' }), ...d13 },
    ];
    routes = await apiRoutes(api.baseUrl);
    // Control: the target exists and its own actors read it (the outsiders' 404 is about scope).
    const insider = await mint('commission_secretariat', { departement: '69' });
    for (const path of [
      `/cases/${caseId}`,
      `/commissions/${target.commissionId}`,
      `/commission-sessions/${item.sessionId}`,
    ]) {
      expect((await call(api.baseUrl, 'GET', path, { token: insider })).status).toBe(200);
    }
    expect((await cases.get(caseId)).status).toBe(200);
  }, 180_000);
  afterAll(async () => {
    await api?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const key = (route: ApiRoute) => `${route.method} ${route.template}`;
  /** The body without `instance` (which only echoes the path the caller sent). */
  const withoutInstance = (body: unknown) => {
    if (typeof body !== 'object' || body === null) return body;
    const { instance: _instance, ...rest } = body as Record<string, unknown>;
    return rest;
  };
  const send = (route: ApiRoute, path: string, token: string) =>
    call(api.baseUrl, route.method, `${path}${QUERIES[key(route)] ?? ''}`, {
      token,
      ...(route.method === 'GET' ? {} : { body: route.example ?? BODIES[key(route)] ?? {} }),
    });

  function expectHardened(answer: HttpAnswer, where: string) {
    const type = answer.headers.get('content-type') ?? '';
    if (answer.status >= 400)
      expect({ where, type }).toEqual({ where, type: expect.stringContaining('application/problem+json') });
    expect({ where, cache: answer.headers.get('cache-control') }).toEqual({ where, cache: 'no-store' });
    expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
    expect(answer.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(answer.headers.get('x-frame-options')).toBe('DENY');
  }

  function expectNoLeak(answer: HttpAnswer, where: string) {
    const text = JSON.stringify(withoutInstance(answer.body)) ?? '';
    const leaked = secrets.filter((secret) => text.includes(secret));
    expect({ where, leaked }).toEqual({ where, leaked: [] });
  }

  it('knows every route: public ones are the health probes, every path parameter has a target', () => {
    expect(routes.length).toBeGreaterThan(20);
    const unknown = routes.flatMap((route) => {
      if (!route.secured)
        return PUBLIC_ROUTES.includes(key(route))
          ? []
          : [`${key(route)} is public: add it to PUBLIC_ROUTES or secure it`];
      return route.pathParameters
        .filter((name) => target[name] === undefined)
        .map((name) => `${key(route)}: no target value for {${name}}`);
    });
    expect(unknown).toEqual([]);
  });

  it('the runtime route table has no route the OpenAPI document (and so this matrix) misses', () => {
    // NestJS logs its route table at start: "Mapped {/cases/:caseId, GET} route".
    const mapped = [...api.output().matchAll(/Mapped \{([^,}]+), ([A-Z]+)\} route/g)].map((m) => ({
      method: m[2],
      segments: m[1].split('/').filter(Boolean),
    }));
    expect(mapped.length).toBeGreaterThan(10);
    const documented = routes.map((route) => ({
      method: route.method,
      segments: route.template.split('/').filter(Boolean),
    }));
    // A runtime parameter (`:command`) may be documented as `{name}` or expanded into literal paths.
    const covers = (
      runtime: { method: string; segments: string[] },
      doc: { method: string; segments: string[] },
    ) =>
      runtime.method === doc.method &&
      runtime.segments.length === doc.segments.length &&
      runtime.segments.every((segment, i) => segment.startsWith(':') || segment === doc.segments[i]);
    const missed = mapped
      .filter((runtime) => !documented.some((doc) => covers(runtime, doc)))
      .map((runtime) => `${runtime.method} /${runtime.segments.join('/')}`)
      .filter((route) => !UNDOCUMENTED_PUBLIC_ROUTES.includes(route));
    expect(missed).toEqual([]);
  });

  it('a route naming a target record answers 404 to every outsider, the same 404 as for a record that does not exist', async () => {
    const perRecord = routes.filter((route) => route.secured && route.pathParameters.length > 0);
    expect(perRecord.length).toBeGreaterThan(10);
    const failures: string[] = [];
    for (const route of perRecord) {
      await Promise.all(
        outsiders.map(async (outsider) => {
          const where = `${key(route)} as ${outsider.label}`;
          const answer = await send(route, fillPath(route.template, target), outsider.token);
          const absent = await send(route, fillPath(route.template, missing), outsider.token);
          if (answer.status !== 404)
            failures.push(`${where} → ${answer.status} ${JSON.stringify(answer.body).slice(0, 200)}`);
          else
            expect({ where, body: withoutInstance(answer.body) }).toEqual({
              where,
              body: withoutInstance(absent.body),
            });
          expectHardened(answer, where);
          expectNoLeak(answer, where);
        }),
      );
    }
    expect(failures).toEqual([]);
  }, 300_000);

  it('collections and creations return only the caller’s own scope, never the target’s data', async () => {
    const collections = routes.filter((route) => route.secured && route.pathParameters.length === 0);
    expect(collections.map(key)).toEqual(expect.arrayContaining(['GET /cases', 'POST /cases']));
    for (const route of collections) {
      for (const outsider of outsiders) {
        const where = `${key(route)} as ${outsider.label}`;
        const answer = await send(route, route.template, outsider.token);
        expect({ where, status: answer.status < 500 }).toEqual({ where, status: true });
        expectHardened(answer, where);
        expectNoLeak(answer, where);
        const items = (answer.body as { items?: unknown })?.items;
        if (answer.status === 200 && Array.isArray(items)) {
          for (const row of items as Record<string, unknown>[]) {
            if (typeof row.departement === 'string')
              expect({ where, d: row.departement }).toEqual({ where, d: outsider.departement });
            if (outsider.associationId && typeof row.associationId === 'string')
              expect({ where, a: row.associationId }).toEqual({ where, a: outsider.associationId });
          }
        }
      }
    }
    // The list really serves the caller's own cases (the outsiders of 13 see their case, not the target).
    const own = await call(api.baseUrl, 'GET', '/cases', { token: outsiders[2].token });
    // (POST /cases documents a valid example: the outsider association of 13 opened one more case of its own.)
    const departements = own.body.items.map((row: { departement: string }) => row.departement);
    expect(departements.length).toBeGreaterThan(0);
    expect(new Set(departements)).toEqual(new Set(['13']));
    const cross = await call(api.baseUrl, 'GET', '/cases', { token: outsiders[0].token });
    expect(cross.body.items).toEqual([]);
  }, 300_000);
});
