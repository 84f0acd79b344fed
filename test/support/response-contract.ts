import { ApiDocument, SchemaChecker, matchOperation } from './openapi-contract';

/** One answer of the API that does not match its documented contract. */
export interface ContractViolation {
  readonly request: string;
  readonly status: number;
  readonly problem: string;
}

const PROBLEM = { $ref: '#/components/schemas/ProblemDetails' };

interface Contract {
  readonly document: ApiDocument;
  readonly checker: SchemaChecker;
}

/**
 * Checks every answer an e2e suite receives from an API process against the OpenAPI document
 * that process serves (`/docs/openapi.json`): the operation exists, its query parameters are
 * declared, a success status is documented, and the body validates against the documented schema
 * of its media type (Ajv). Refusals with an undocumented status must still be problem documents.
 */
export class ResponseContract {
  private readonly contracts = new Map<string, Promise<Contract | undefined>>();
  readonly violations: ContractViolation[] = [];
  checked = 0;

  constructor(private readonly fetchDocument: (url: string) => Promise<Response>) {}

  private contract(origin: string): Promise<Contract | undefined> {
    let contract = this.contracts.get(origin);
    if (!contract) {
      contract = this.fetchDocument(`${origin}/docs/openapi.json`)
        .then(async (response) => {
          if (!response.ok) return undefined;
          const document = (await response.json()) as ApiDocument;
          return { document, checker: new SchemaChecker(document) };
        })
        .catch(() => undefined);
      this.contracts.set(origin, contract);
    }
    return contract;
  }

  async check(method: string, url: URL, response: Response): Promise<void> {
    if (url.pathname.startsWith('/docs') || url.pathname === '/metrics') return;
    const contract = await this.contract(url.origin);
    if (!contract) return;
    const { document, checker } = contract;
    const request = `${method} ${url.pathname}${url.search}`;
    const violation = (problem: string) =>
      this.violations.push({ request, status: response.status, problem });
    // HEAD is GET without a body (RFC 9110): the GET operation's contract.
    const matched = matchOperation(document, method === 'HEAD' ? 'GET' : method, url.pathname);
    if (!matched) {
      if (response.status < 400) violation('no such operation in the document');
      return;
    }
    const declared = new Set(
      (matched.operation.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name),
    );
    // Routes that declare query parameters refuse the others (400); a route that declares none and
    // ignores them (health) is not checked here.
    if (response.status < 400 && declared.size > 0) {
      for (const name of new Set(url.searchParams.keys())) {
        // Known and reported apart: Object.prototype names (`hasOwnProperty`, `__proto__`,
        // `prototype`) are dropped before the whitelist check, so the API ignores them.
        if (name in Object.prototype || name === 'prototype') continue;
        if (!declared.has(name)) violation(`query parameter ${name} is not declared`);
      }
    }
    const mediaType = (response.headers.get('content-type') ?? '').split(';')[0].trim();
    const text = await response.clone().text();
    if (text === '' || response.status === 204 || response.status === 304) return;
    const documented = matched.operation.responses?.[String(response.status)];
    if (!documented) {
      if (response.status < 400) violation(`status ${response.status} is not documented`);
      else if (mediaType === 'application/problem+json') this.validate(checker, PROBLEM, text, violation);
      else violation(`an undocumented refusal that is not a problem document (${mediaType})`);
      return;
    }
    const schema = documented.content?.[mediaType]?.schema;
    if (!schema) {
      violation(`media type ${mediaType} is not documented for status ${response.status}`);
      return;
    }
    if (mediaType.endsWith('json')) this.validate(checker, schema, text, violation);
    this.checked += 1;
  }

  private validate(checker: SchemaChecker, schema: unknown, text: string, violation: (p: string) => void) {
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      violation('the body is not JSON');
      return;
    }
    const errors = checker.errors(schema, body);
    if (errors.length > 0) violation(errors.slice(0, 5).join('; '));
  }
}

/**
 * Wraps `fetch` so that every answer from an API on this machine (127.0.0.1) is checked against
 * its contract; the suite fails at its end if one did not match (test/support/e2e-setup.ts).
 */
export function checkedFetch(original: typeof fetch, contract: ResponseContract): typeof fetch {
  return async (input, init) => {
    const response = await original(input, init);
    const url = new URL(input instanceof Request ? input.url : String(input));
    if (url.hostname === '127.0.0.1' || url.hostname === 'localhost') {
      const method = (init?.method ?? (input instanceof Request ? input.method : 'GET')).toUpperCase();
      await contract.check(method, url, response);
    }
    return response;
  };
}
