import 'reflect-metadata';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getMetadataStorage } from 'class-validator';
import {
  ApiDocument,
  ApiOperation,
  SchemaChecker,
  operationsOf,
  refsOf,
  resolves,
} from '../../../../test/support/openapi-contract';
import { CASE_CATALOGUE } from '../cases/case-openapi';
import { REGISTRY_CATALOGUES } from '../registries/registries-openapi';

const ROOT = join(__dirname, '../../../..');

/**
 * The document as the API serves it at /docs/openapi.json, written by `cli openapi` (an API built
 * in its own Node process on an in-memory store: Nest is an ES module Jest cannot load).
 */
function servedDocument(): { document: ApiDocument; file: string } {
  const file = join(mkdtempSync(join(tmpdir(), 'psp-openapi-')), 'openapi.json');
  execFileSync(
    process.execPath,
    ['-r', '@swc-node/register', 'apps/cli/src/main.ts', 'openapi', '--out', file],
    {
      cwd: ROOT,
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  return { document: JSON.parse(readFileSync(file, 'utf8')) as ApiDocument, file };
}

/** Every property class-validator knows for a DTO (inherited ones included). */
function declaredProperties(dto: new (...args: never[]) => object): string[] {
  const metadata = getMetadataStorage().getTargetValidationMetadatas(dto, '', true, false);
  return [...new Set(metadata.map((m) => m.propertyName))].sort();
}

describe('the OpenAPI document', () => {
  let document: ApiDocument;
  let file: string;
  let checker: SchemaChecker;
  const operations = () => operationsOf(document);

  beforeAll(() => {
    ({ document, file } = servedDocument());
    checker = new SchemaChecker(document);
  });

  it('is a valid OpenAPI 3.1 document (swagger-parser)', () => {
    expect(document.openapi).toBe('3.1.0');
    const script = join(ROOT, 'test/support/validate-openapi.js');
    expect(execFileSync(process.execPath, [script, file], { encoding: 'utf8' })).toContain(
      'valid OpenAPI 3.1.0',
    );
  });

  it('every $ref resolves inside the document', () => {
    const dangling = refsOf(document).filter(({ ref }) => !resolves(document, ref));
    expect(dangling).toEqual([]);
  });

  it('every schema of the document compiles (Ajv, JSON Schema 2020-12)', () => {
    for (const name of Object.keys(document.components?.schemas ?? {})) {
      expect(() => checker.errors({ $ref: `#/components/schemas/${name}` }, null)).not.toThrow();
    }
  });

  it('every request body has an example, and every example is valid against its own schema', () => {
    const problems: string[] = [];
    for (const { method, path, operation } of operations()) {
      for (const [type, media] of Object.entries(operation.requestBody?.content ?? {})) {
        if (media.example === undefined) {
          problems.push(`${method} ${path} ${type}: no example`);
          continue;
        }
        const errors = checker.errors(media.schema, media.example);
        if (errors.length) problems.push(`${method} ${path}: ${errors.join('; ')}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('every operation documents its success answer with a schema', () => {
    const missing = operations()
      .filter(({ operation }) => {
        const success = Object.entries(operation.responses ?? {}).filter(([status]) => /^2/.test(status));
        return (
          success.length === 0 ||
          success.some(
            ([status, r]) => status !== '204' && !Object.values(r.content ?? {}).some((m) => m.schema),
          )
        );
      })
      .map(({ method, path }) => `${method} ${path}`);
    expect(missing).toEqual([]);
  });

  it('GET /cases/{caseId} answers the Case schema with the commands list', () => {
    const answer = document.paths['/cases/{caseId}'].get.responses?.['200'];
    expect(answer?.content?.['application/json'].schema).toEqual({ $ref: '#/components/schemas/Case' });
  });

  it('every command operation takes Idempotency-Key; those on an existing record take If-Match', () => {
    const problems: string[] = [];
    const commandAnswer = (operation: ApiOperation) =>
      Object.values(operation.responses ?? {}).some(
        (r) =>
          (r.content?.['application/json']?.schema as { $ref?: string })?.$ref ===
          '#/components/schemas/CommandAnswer',
      );
    for (const { method, path, operation } of operations()) {
      if (method !== 'post' || !commandAnswer(operation)) continue;
      const headers = (operation.parameters ?? []).filter((p) => p.in === 'header').map((p) => p.name);
      if (!headers.includes('Idempotency-Key')) problems.push(`${path}: no Idempotency-Key`);
      if (operation['x-roles'] && !headers.includes('If-Match')) problems.push(`${path}: no If-Match`);
    }
    expect(problems).toEqual([]);
  });

  it('the list and view routes declare the query parameters they accept', () => {
    const queryOf = (path: string) =>
      (document.paths[path].get.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name);
    expect(queryOf('/cases')).toEqual(
      expect.arrayContaining(['status', 'stage', 'deadlineBefore', 'limit', 'offset', 'format']),
    );
    expect(queryOf('/views/deadlines')).toEqual(expect.arrayContaining(['within', 'format']));
    expect(queryOf('/views/handler-inbox')).toEqual(expect.arrayContaining(['status', 'stage', 'limit']));
    expect(queryOf('/indicators')).toEqual(expect.arrayContaining(['year', 'tables', 'departement']));
  });

  it('each command body has exactly the fields of its own DTO (no name shared across resources)', () => {
    const problems: string[] = [];
    for (const { routes, commands, bodies } of [CASE_CATALOGUE, ...REGISTRY_CATALOGUES]) {
      for (const spec of commands) {
        const body = bodies[spec.name];
        if (!body) continue;
        const path = `/${routes.resource}/{${routes.idParameter}}/${spec.name}`;
        const ref = (
          document.paths[path]?.post.requestBody?.content?.['application/json'].schema as { $ref: string }
        ).$ref;
        const schema = document.components!.schemas![ref.split('/').pop()!] as {
          properties: Record<string, unknown>;
        };
        const documented = Object.keys(schema.properties).sort();
        const declared = declaredProperties(body.dto);
        if (JSON.stringify(documented) !== JSON.stringify(declared))
          problems.push(`${path}: documents ${documented.join(',')}, accepts ${declared.join(',')}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('refuse, withdraw and the APS decisions are documented with their own fields', () => {
    const schemas = document.components!.schemas! as Record<
      string,
      { properties: object; required?: string[] }
    >;
    expect(Object.keys(schemas.CaseRefuseBody.properties)).not.toContain('decidedOn');
    expect(schemas.CaseRefuseBody.required).not.toContain('decidedOn');
    expect(Object.keys(schemas.CaseWithdrawBody.properties).sort()).toEqual([
      'byPerson',
      'recordedBy',
      'withdrawnOn',
    ]);
    expect(Object.keys(schemas.CaseIssueApsBody.properties)).toContain('validTo');
    expect(Object.keys(schemas.CaseRenewApsBody.properties)).toContain('validTo');
    expect(Object.keys(schemas.ApplyBody.properties).length).toBeGreaterThan(0);
    expect(JSON.stringify(document)).not.toContain('#/components/schemas/Array');
  });

  it('Swagger UI tells how to get a development token', () => {
    expect((document as unknown as { info: { description: string } }).info.description).toContain(
      'npm run cli -- token',
    );
  });
});
