import type { INestApplication, Type } from '@nestjs/common';
import { RouteParamtypes } from '@nestjs/common/internal';
import { ModulesContainer } from '@nestjs/core';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { exampleOf } from '../cases/commands/command-dto';
import { CASE_CATALOGUE } from '../cases/case-openapi';
import { readCommandCall } from '../infrastructure/command-endpoint';
import { REGISTRY_CATALOGUES } from '../registries/registries-openapi';
import { ANSWERS, AnswerDoc } from './answers.decorator';
import {
  COMMAND_REFUSALS,
  CORRELATION_HEADERS,
  IDEMPOTENCY_KEY,
  addCommandCatalogues,
  problemResponse,
} from '../infrastructure/command-openapi';
import { DtoSchemas, JsonSchema } from './dto-schemas';
import { RESPONSE_SCHEMAS } from './response-schemas';

// Nest's route metadata keys (@nestjs/common constants).
const PATH_METADATA = 'path';
const METHOD_METADATA = 'method';
const ROUTE_ARGS_METADATA = '__routeArguments__';
/** RequestMethod's order. */
const HTTP_METHODS = ['get', 'post', 'put', 'delete', 'patch', 'all', 'options', 'head'];

export const API_DESCRIPTION = `Commands and queries for parcours de sortie de la prostitution (PSP) cases, their APS and AFIS, approved associations and departmental commissions. Errors are RFC 9457 problem documents naming the rule (PD-6): 400 malformed input (fields named), 401 no valid token, 403 your role may not issue this command (the roles that may are named), 404 not found or outside your scope, 409 the record's state does not accept this command now (the command or fact missing first is named), 412 If-Match is not the current revision, 422 the facts given break a rule of the rule book.

**Getting a token in development** (AUTH_MODE=dev, the default outside production): \`npm run cli -- token --role association --departement 69 --association asso-69-1\` prints a bearer token signed with the local development key. Press **Authorize** above and paste it: Swagger UI keeps it across reloads of this page. In production tokens come from the identity provider (OIDC).`;

interface RouteInputs {
  readonly path: string;
  readonly method: string;
  readonly body?: Type<object>;
  readonly query?: Type<object>;
  readonly command: boolean;
  readonly answers?: AnswerDoc;
}

function joinPath(...parts: (string | undefined)[]): string {
  const joined = parts
    .flatMap((part) => (part ?? '').split('/'))
    .filter(Boolean)
    .map((segment) => (segment.startsWith(':') ? `{${segment.slice(1)}}` : segment))
    .join('/');
  return `/${joined}`;
}

function isDto(type: unknown): type is Type<object> {
  return typeof type === 'function' && ![Object, String, Number, Boolean, Array].includes(type as never);
}

/** Every route of every controller, with the DTO classes its `@Body()` and `@Query()` take. */
function routeInputs(app: INestApplication): RouteInputs[] {
  const routes: RouteInputs[] = [];
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as Type<object> | undefined;
      if (!controller?.prototype) continue;
      const base = Reflect.getMetadata(PATH_METADATA, controller) as string | undefined;
      for (const name of Object.getOwnPropertyNames(controller.prototype)) {
        const handler = (controller.prototype as Record<string, unknown>)[name];
        if (name === 'constructor' || typeof handler !== 'function') continue;
        const path = Reflect.getMetadata(PATH_METADATA, handler) as string | string[] | undefined;
        const method = Reflect.getMetadata(METHOD_METADATA, handler) as number | undefined;
        if (path === undefined || method === undefined) continue;
        const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, name) ?? {}) as Record<
          string,
          { index: number; factory?: unknown }
        >;
        const types = (Reflect.getMetadata('design:paramtypes', controller.prototype, name) ??
          []) as unknown[];
        const typeOf = (kind: RouteParamtypes) => {
          const entry = Object.entries(args).find(([key]) => key.split(':')[0] === String(kind));
          const type = entry ? types[entry[1].index] : undefined;
          return isDto(type) ? type : undefined;
        };
        for (const one of Array.isArray(path) ? path : [path]) {
          routes.push({
            path: joinPath(base, one),
            method: HTTP_METHODS[method] ?? 'get',
            body: typeOf(RouteParamtypes.BODY),
            query: typeOf(RouteParamtypes.QUERY),
            command: Object.values(args).some((arg) => arg.factory === readCommandCall),
            answers: Reflect.getMetadata(ANSWERS, handler) as AnswerDoc | undefined,
          });
        }
      }
    }
  }
  return routes;
}

interface Operation {
  parameters?: { name: string; in: string; description?: string }[];
  requestBody?: unknown;
  responses: Record<string, unknown>;
  security?: unknown[];
}

/** The query parameters a DTO accepts, one per property, typed by its class-validator rules. */
function queryParameters(dto: Type<object>, schemas: DtoSchemas) {
  const schema = schemas.inline(dto) as { properties?: Record<string, JsonSchema>; required?: string[] };
  return Object.entries(schema.properties ?? {}).map(([name, property]) => ({
    name,
    in: 'query' as const,
    required: (schema.required ?? []).includes(name),
    schema: property,
  }));
}

/** Body, query parameters, headers, answers and refusals of the routes Nest documented itself. */
function documentRoutes(document: OpenAPIObject, routes: readonly RouteInputs[], schemas: DtoSchemas) {
  for (const route of routes) {
    const operation = document.paths[route.path]?.[route.method as 'get'] as Operation | undefined;
    if (!operation) continue; // excluded (the catalogues document those)
    const parameters = operation.parameters ?? [];
    if (route.query) {
      for (const parameter of queryParameters(route.query, schemas)) {
        const existing = parameters.find((p) => p.in === 'query' && p.name === parameter.name);
        if (existing) Object.assign(existing, { ...parameter, description: existing.description });
        else parameters.push(parameter);
      }
    }
    if (route.command) parameters.push(IDEMPOTENCY_KEY, ...CORRELATION_HEADERS);
    operation.parameters = parameters;
    // A multipart body's example: each required part, its first allowed value or a file name.
    type Part = { enum?: unknown[]; format?: string };
    type Media = { example?: unknown; schema?: { required?: string[]; properties?: Record<string, Part> } };
    const multipart = (operation.requestBody as { content?: Record<string, Media> } | undefined)?.content?.[
      'multipart/form-data'
    ];
    if (multipart && multipart.example === undefined && multipart.schema?.properties) {
      const parts = multipart.schema.properties;
      multipart.example = Object.fromEntries(
        (multipart.schema.required ?? []).map((name: string) => [
          name,
          parts[name]?.enum?.[0] ?? (parts[name]?.format === 'binary' ? 'document.pdf' : 'value'),
        ]),
      );
    }
    if (route.body) {
      const example = exampleOf(route.body);
      operation.requestBody = {
        required: true,
        content: {
          'application/json': {
            schema: schemas.ref(route.body, `${route.body.name.replace(/Dto$/, '')}Body`),
            ...(example ? { example } : {}),
          },
        },
      };
    }
    if (route.answers) {
      const { schema, status = 200, csv, file, description } = route.answers;
      for (const code of Object.keys(operation.responses))
        if (/^2/.test(code)) delete operation.responses[code];
      const body = { schema: { $ref: `#/components/schemas/${schema}` } };
      operation.responses[String(status)] = {
        description: description ?? 'success',
        content: {
          ...(file
            ? { 'application/pdf': body, 'image/jpeg': body, 'image/png': body }
            : { 'application/json': body }),
          ...(csv
            ? { 'text/csv': { schema: { type: 'string', description: 'RFC 4180, one header row' } } }
            : {}),
        },
      };
    }
    if (route.command) {
      // A command that creates its record reads no If-Match: no 412.
      const { 412: _stale, ...refusals } = COMMAND_REFUSALS('record');
      Object.assign(operation.responses, refusals);
    }
    if ((operation.security ?? []).length > 0 || document.security) {
      operation.responses['401'] ??= problemResponse('no valid bearer token');
    }
  }
}

/**
 * The API's OpenAPI 3.1 document: Nest's scan of the controllers, then the request bodies and
 * query parameters read from the class-validator DTOs (the validation the API runs), the answers
 * (`@Answers`), and one operation per command of each catalogue. Served at /docs/openapi.json;
 * `npm run cli -- openapi` writes it to a file.
 */
export function buildApiDocument(app: INestApplication): OpenAPIObject {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setOpenAPIVersion('3.1.0')
      .setTitle('PSP case engine')
      .setDescription(API_DESCRIPTION)
      .setVersion('0.1.0')
      .addBearerAuth(
        {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description:
            'development: `npm run cli -- token --role … --departement …`; production: the OIDC provider',
        },
        'bearer',
      )
      .build(),
  );
  const schemas = new DtoSchemas();
  documentRoutes(document, routeInputs(app), schemas);
  addCommandCatalogues(document, [CASE_CATALOGUE, ...REGISTRY_CATALOGUES], schemas);
  const bodies = schemas.all();
  for (const name of Object.keys(bodies)) {
    if (RESPONSE_SCHEMAS[name]) throw new Error(`OpenAPI schema ${name} is both a body and an answer`);
  }
  // Nest's own model scan is dropped: without @ApiProperty it gives empty schemas.
  document.components = { ...document.components, schemas: { ...RESPONSE_SCHEMAS, ...bodies } as never };
  return document;
}
