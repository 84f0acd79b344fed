/** One operation of the running API's OpenAPI document, with what a black-box test needs to call it. */
export interface ApiRoute {
  readonly method: string;
  /** OpenAPI template, e.g. `/cases/{caseId}/submit`. */
  readonly template: string;
  readonly pathParameters: readonly string[];
  /** Whether the operation needs a bearer token (every route but the public ones). */
  readonly secured: boolean;
  /** The documented example body, when there is one. */
  readonly example?: unknown;
  /** The request headers the operation documents (`Idempotency-Key`, `If-Match`). */
  readonly headers: readonly string[];
}

interface OpenApiOperation {
  security?: unknown[];
  parameters?: { in: string; name: string }[];
  requestBody?: { content?: Record<string, { example?: unknown }> };
}

/**
 * Every operation of the API, read from the document it serves (`/docs/openapi.json`), so a
 * route added later is enumerated with no change to the tests that walk them.
 */
export async function apiRoutes(baseUrl: string): Promise<ApiRoute[]> {
  const response = await fetch(`${baseUrl}/docs/openapi.json`);
  if (!response.ok) throw new Error(`GET /docs/openapi.json → ${response.status}`);
  const document = (await response.json()) as {
    paths: Record<string, Record<string, OpenApiOperation>>;
  };
  const routes: ApiRoute[] = [];
  for (const [template, operations] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(operations)) {
      if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
      const fromTemplate = [...template.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
      routes.push({
        method: method.toUpperCase(),
        template,
        pathParameters: fromTemplate,
        secured: (operation.security ?? []).length > 0,
        example: operation.requestBody?.content?.['application/json']?.example,
        headers: (operation.parameters ?? []).filter((p) => p.in === 'header').map((p) => p.name),
      });
    }
  }
  return routes;
}

/** Fills a template's `{name}` parameters from `values`. */
export function fillPath(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(/\{([^}]+)\}/g, (_m, name: string) => {
    if (values[name] === undefined) throw new Error(`no value for {${name}} in ${template}`);
    return encodeURIComponent(values[name]);
  });
}
