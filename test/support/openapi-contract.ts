import Ajv2020, { ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';

/** The parts of an OpenAPI 3.1 document the contract checks read. */
export interface ApiDocument {
  readonly openapi: string;
  readonly paths: Record<string, Record<string, ApiOperation>>;
  readonly components?: { readonly schemas?: Record<string, unknown> };
}

export interface ApiOperation {
  readonly operationId?: string;
  readonly parameters?: readonly { name: string; in: string; required?: boolean; schema?: unknown }[];
  readonly requestBody?: { content?: Record<string, { schema?: unknown; example?: unknown }> };
  readonly responses?: Record<string, { content?: Record<string, { schema?: unknown }> }>;
  readonly security?: readonly unknown[];
  readonly 'x-roles'?: readonly string[];
}

export const HTTP_METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

/** Every operation of the document: method, path template, operation. */
export function operationsOf(
  document: ApiDocument,
): { method: string; path: string; operation: ApiOperation }[] {
  return Object.entries(document.paths).flatMap(([path, operations]) =>
    Object.entries(operations)
      .filter(([method]) => (HTTP_METHODS as readonly string[]).includes(method))
      .map(([method, operation]) => ({ method, path, operation })),
  );
}

/** Every `$ref` in the document, with where it is. */
export function refsOf(value: unknown, at = '#'): { ref: string; at: string }[] {
  if (Array.isArray(value)) return value.flatMap((item, index) => refsOf(item, `${at}/${index}`));
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value as Record<string, unknown>).flatMap(([key, child]) =>
    key === '$ref' && typeof child === 'string' ? [{ ref: child, at }] : refsOf(child, `${at}/${key}`),
  );
}

/** Whether a local `$ref` (`#/components/schemas/X`) points at something in the document. */
export function resolves(document: ApiDocument, ref: string): boolean {
  if (!ref.startsWith('#/')) return false;
  let node: unknown = document;
  for (const part of ref.slice(2).split('/')) {
    const key = part.replace(/~1/g, '/').replace(/~0/g, '~');
    if (node === null || typeof node !== 'object' || !(key in (node as object))) return false;
    node = (node as Record<string, unknown>)[key];
  }
  return true;
}

const DOCUMENT_ID = 'https://psp.invalid/openapi.json';

/**
 * JSON Schema validation against the document's own schemas (Ajv, draft 2020-12 as OpenAPI 3.1
 * uses it): `#/components/schemas/X` references resolve inside the document.
 */
export class SchemaChecker {
  private readonly ajv: Ajv2020;
  private readonly compiled = new Map<string, ValidateFunction>();

  constructor(document: ApiDocument) {
    this.ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
    addFormats(this.ajv);
    this.ajv.addSchema({ $id: DOCUMENT_ID, components: document.components ?? {} });
  }

  /** The errors of `value` against `schema` (a schema of the document, `$ref`s included), or []. */
  errors(schema: unknown, value: unknown): string[] {
    const key = JSON.stringify(schema);
    let validate = this.compiled.get(key);
    if (!validate) {
      validate = this.ajv.compile(rebase(schema) as object);
      this.compiled.set(key, validate);
    }
    if (validate(value)) return [];
    return (validate.errors ?? []).map(
      (e) => `${e.instancePath || '(root)'} ${e.message ?? ''} ${JSON.stringify(e.params)}`,
    );
  }
}

/** `#/components/…` → the document's id, so that a schema compiled alone resolves its references. */
function rebase(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(rebase);
  if (schema === null || typeof schema !== 'object') return schema;
  return Object.fromEntries(
    Object.entries(schema as Record<string, unknown>).map(([key, value]) => [
      key,
      key === '$ref' && typeof value === 'string' && value.startsWith('#/')
        ? `${DOCUMENT_ID}${value}`
        : rebase(value),
    ]),
  );
}

/** The operation a concrete request hits: `/cases/3f…/submit` → `/cases/{caseId}/submit`. */
export function matchOperation(
  document: ApiDocument,
  method: string,
  pathname: string,
): { path: string; operation: ApiOperation } | undefined {
  const candidates = Object.entries(document.paths)
    .map(([path, operations]) => ({ path, operation: operations[method.toLowerCase()] }))
    .filter(({ path, operation }) => operation && templateRegex(path).test(pathname));
  // A literal segment beats a parameter (`/views/commission-agenda` before `/{x}`).
  candidates.sort((a, b) => literalCount(b.path) - literalCount(a.path));
  return candidates[0];
}

function templateRegex(path: string): RegExp {
  const pattern = path
    .split('/')
    .map((segment) =>
      /^\{[^}]+\}$/.test(segment) ? '[^/]+' : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
    )
    .join('/');
  return new RegExp(`^${pattern}$`);
}

function literalCount(path: string): number {
  return path.split('/').filter((segment) => segment && !segment.startsWith('{')).length;
}
