import type { Type } from '@nestjs/common';
import type { OpenAPIObject } from '@nestjs/swagger';
import type { DtoSchemas } from '../openapi/dto-schemas';

const PROBLEM = { $ref: '#/components/schemas/ProblemDetails' };
export const problemResponse = (description: string) => ({
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

/** `Idempotency-Key`, on every command route (the ones that create a record included). */
export const IDEMPOTENCY_KEY = {
  name: 'Idempotency-Key',
  in: 'header' as const,
  required: false,
  description:
    'the command id (8–100 letters, digits or _ . : -): a retry with the same key gets the first answer (header Idempotent-Replayed: true) and writes nothing',
  schema: { type: 'string', pattern: '^[A-Za-z0-9_.:-]{8,100}$' },
};

/** `traceparent` and `X-Request-Id`: the correlation id written into the events' metadata. */
export const CORRELATION_HEADERS = [
  {
    name: 'traceparent',
    in: 'header' as const,
    required: false,
    description:
      "W3C trace context: its trace id becomes the events' correlationId (shown in the case history)",
    schema: { type: 'string' },
  },
  {
    name: 'X-Request-Id',
    in: 'header' as const,
    required: false,
    description: "without traceparent, the events' correlationId (1–100 letters, digits or _ . : -)",
    schema: { type: 'string' },
  },
];

/** `If-Match`, on the command routes of an existing record. */
export const IF_MATCH = {
  name: 'If-Match',
  in: 'header' as const,
  required: false,
  description:
    'the ETag you read (`"3"`): the command is decided on that revision, or refused with 412 if the record moved on; without it, on the latest',
  schema: { type: 'string', pattern: '^(W/)?"?[0-9]{1,15}"?$' },
};

/** The refusals every command may meet (RFC 9457 problem documents; docs/api-errors.md). */
export function COMMAND_REFUSALS(noun: string) {
  return {
    400: problemResponse('malformed body or headers: the fields are named in `errors`'),
    401: problemResponse('no valid bearer token'),
    403: problemResponse('your role may not issue this command: `roles` names the roles that may'),
    404: problemResponse(`no such ${noun} within your scope`),
    409: problemResponse(
      `the ${noun}'s state does not accept this command now: \`rules\` names the rule and the command or fact missing first`,
    ),
    412: problemResponse('If-Match is not the current revision: read the record again'),
    422: problemResponse('the facts given break a rule of the rule book: `rules` names it'),
  };
}

/**
 * Documents each command of each catalogue: its route, the roles that may issue it, its body
 * schema (read from the class-validator DTO, under a name unique across resources) and an
 * example, its answer and its refusals.
 */
export function addCommandCatalogues(
  document: OpenAPIObject,
  catalogues: readonly CommandCatalogueDocs[],
  schemas: DtoSchemas,
): OpenAPIObject {
  for (const { routes, commands, bodies } of catalogues) {
    for (const spec of commands) {
      const body = bodies[spec.name];
      if (!body) continue;
      document.paths[`/${routes.resource}/{${routes.idParameter}}/${spec.name}`] = {
        post: commandOperation(routes, spec, body, schemas) as never,
      };
    }
  }
  return document;
}

/** `CaseRefuseBody`, `AssociationWithdrawBody`. */
function bodyName(routes: CommandRoutes, command: string): string {
  const pascal = (text: string) =>
    text
      .split(/[-_]/)
      .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
      .join('');
  return `${pascal(routes.operationPrefix)}${pascal(command)}Body`;
}

function commandOperation(
  routes: CommandRoutes,
  spec: CatalogueCommand,
  body: DocumentedBody,
  schemas: DtoSchemas,
) {
  return {
    tags: [routes.tag],
    operationId: `${routes.operationPrefix}_${spec.name.replace(/-/g, '_')}`,
    summary: spec.summary,
    description: `Records \`${spec.eventType}\`. Roles: ${spec.roles.join(', ')}.`,
    'x-roles': [...spec.roles],
    security: [{ bearer: [] }],
    parameters: [
      {
        name: routes.idParameter,
        in: 'path' as const,
        required: true,
        schema: routes.idFormat ? { type: 'string', format: routes.idFormat } : { type: 'string' },
      },
      IDEMPOTENCY_KEY,
      IF_MATCH,
      ...CORRELATION_HEADERS,
    ],
    requestBody: {
      required: true,
      content: {
        'application/json': {
          schema: schemas.ref(body.dto, bodyName(routes, spec.name)),
          example: body.example,
        },
      },
    },
    responses: {
      200: {
        description: 'accepted: the new revision (also in ETag) and the events written',
        headers: {
          ETag: { description: 'the new revision, to send back in If-Match', schema: { type: 'string' } },
        },
        content: { 'application/json': { schema: { $ref: '#/components/schemas/CommandAnswer' } } },
      },
      ...COMMAND_REFUSALS(routes.noun),
    },
  };
}
