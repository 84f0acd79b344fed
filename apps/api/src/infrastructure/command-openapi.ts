import type { Type } from '@nestjs/common';
import type { OpenAPIObject } from '@nestjs/swagger';
import { validationMetadatasToSchemas } from 'class-validator-jsonschema';

const PROBLEM = { $ref: '#/components/schemas/ProblemDetails' };
const problemResponse = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: PROBLEM } },
});

/** A command of a catalogue (cases, associations, commissions): route name, event, roles, summary. */
export interface CatalogueCommand {
  readonly name: string;
  readonly eventType: string;
  readonly roles: readonly string[];
  readonly summary: string;
}

/** A command's request body: its class-validator DTO and an example. */
export interface DocumentedBody {
  readonly dto: Type<object>;
  readonly example: object;
}

/** How one catalogue is exposed: `POST /{resource}/{id}/{command}`. */
export interface CommandRoutes {
  /** `cases`, `associations`, `commission-sessions`. */
  readonly resource: string;
  /** The path parameter naming the record: `caseId`. */
  readonly idParameter: string;
  /** `uuid` for generated ids; absent for registry ids. */
  readonly idFormat?: string;
  readonly tag: string;
  /** Prefix of the operation ids: `case`. */
  readonly operationPrefix: string;
  /** What the record is, for the 404 and 409 texts: `case`. */
  readonly noun: string;
}

export interface CommandCatalogueDocs {
  readonly routes: CommandRoutes;
  readonly commands: readonly CatalogueCommand[];
  readonly bodies: Readonly<Record<string, DocumentedBody>>;
}

const PROBLEM_DETAILS_SCHEMA = {
  type: 'object',
  description: 'RFC 9457 problem document; `rules` names the rule book IDs that refused the command (PD-6)',
  properties: {
    type: { type: 'string' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    instance: { type: 'string' },
    rules: {
      type: 'array',
      items: {
        type: 'object',
        properties: { rule: { type: 'string' }, message: { type: 'string' }, missing: { type: 'string' } },
      },
    },
    errors: {
      type: 'array',
      items: {
        type: 'object',
        properties: { field: { type: 'string' }, problems: { type: 'array', items: { type: 'string' } } },
      },
    },
  },
};

/**
 * Documents each command of each catalogue: its route, the roles that may issue it, its body
 * schema (read from the class-validator DTO) and an example, and its refusals.
 */
export function addCommandCatalogues(
  document: OpenAPIObject,
  catalogues: readonly CommandCatalogueDocs[],
): OpenAPIObject {
  const schemas = validationMetadatasToSchemas({ refPointerPrefix: '#/components/schemas/' });
  document.components = {
    ...document.components,
    schemas: {
      ...document.components?.schemas,
      ...(schemas as Record<string, object>),
      ProblemDetails: PROBLEM_DETAILS_SCHEMA,
    },
  };
  for (const { routes, commands, bodies } of catalogues) {
    for (const spec of commands) {
      const body = bodies[spec.name];
      if (!body) continue;
      document.paths[`/${routes.resource}/{${routes.idParameter}}/${spec.name}`] = {
        post: commandOperation(routes, spec, body),
      };
    }
  }
  return document;
}

function commandOperation(routes: CommandRoutes, spec: CatalogueCommand, body: DocumentedBody) {
  return {
    tags: [routes.tag],
    operationId: `${routes.operationPrefix}_${spec.name.replace(/-/g, '_')}`,
    summary: spec.summary,
    description: `Records \`${spec.eventType}\`. Roles: ${spec.roles.join(', ')}.`,
    security: [{ bearer: [] }],
    parameters: [
      {
        name: routes.idParameter,
        in: 'path' as const,
        required: true,
        schema: routes.idFormat ? { type: 'string', format: routes.idFormat } : { type: 'string' },
      },
      {
        name: 'Idempotency-Key',
        in: 'header' as const,
        required: false,
        description: 'the command id: a retry with the same key gets the first answer and writes nothing',
        schema: { type: 'string' },
      },
      {
        name: 'If-Match',
        in: 'header' as const,
        required: false,
        description: 'the ETag you read: the command is decided on that revision or refused with 412',
        schema: { type: 'string' },
      },
    ],
    requestBody: {
      required: true,
      content: {
        'application/json': {
          schema: { $ref: `#/components/schemas/${body.dto.name}` },
          example: body.example,
        },
      },
    },
    responses: {
      200: { description: 'accepted: the new revision (also in ETag) and the events written' },
      400: problemResponse('malformed body or headers: the fields are named'),
      401: problemResponse('no valid bearer token'),
      403: problemResponse('this role may not issue this command'),
      404: problemResponse(`no such ${routes.noun} within your scope`),
      409: problemResponse(`the ${routes.noun}'s state refuses the command: the rule is named`),
      412: problemResponse('If-Match is not the current revision'),
      422: problemResponse('the facts given break a rule'),
    },
  };
}
