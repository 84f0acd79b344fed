import type { OpenAPIObject } from '@nestjs/swagger';
import { validationMetadatasToSchemas } from 'class-validator-jsonschema';
import { CASE_COMMANDS } from '@psp/workflow';
import { CASE_COMMAND_BODIES } from './commands';

const PROBLEM = { $ref: '#/components/schemas/ProblemDetails' };
const problemResponse = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: PROBLEM } },
});

/**
 * Documents each case command from the catalogue: its route, the roles that may issue it, its
 * body schema (read from the class-validator DTO) and an example, and its refusals.
 */
export function addCaseCommands(document: OpenAPIObject): OpenAPIObject {
  const schemas = validationMetadatasToSchemas({ refPointerPrefix: '#/components/schemas/' });
  document.components = {
    ...document.components,
    schemas: {
      ...document.components?.schemas,
      ...(schemas as Record<string, object>),
      ProblemDetails: {
        type: 'object',
        description:
          'RFC 9457 problem document; `rules` names the rule book IDs that refused the command (PD-6)',
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
              properties: {
                rule: { type: 'string' },
                message: { type: 'string' },
                missing: { type: 'string' },
              },
            },
          },
          errors: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                field: { type: 'string' },
                problems: { type: 'array', items: { type: 'string' } },
              },
            },
          },
        },
      },
    },
  };
  for (const spec of CASE_COMMANDS) {
    const body = CASE_COMMAND_BODIES[spec.name];
    if (!body) continue;
    document.paths[`/cases/{caseId}/${spec.name}`] = {
      post: {
        tags: ['case commands'],
        operationId: `case_${spec.name.replace(/-/g, '_')}`,
        summary: spec.summary,
        description: `Records \`${spec.eventType}\`. Roles: ${spec.roles.join(', ')}.`,
        security: [{ bearer: [] }],
        parameters: [
          { name: 'caseId', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } },
          {
            name: 'Idempotency-Key',
            in: 'header',
            required: false,
            description: 'the command id: a retry with the same key gets the first answer and writes nothing',
            schema: { type: 'string' },
          },
          {
            name: 'If-Match',
            in: 'header',
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
          404: problemResponse('no such case within your scope'),
          409: problemResponse("the case's state refuses the command: the rule is named"),
          412: problemResponse('If-Match is not the current revision'),
          422: problemResponse('the facts given break a rule'),
        },
      },
    };
  }
  return document;
}
