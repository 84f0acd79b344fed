import { OpenApiDocument, cleanValue, commandForm, fieldKind, initialValue, resolveRef } from './schema';

/** A document shaped like the API's: bodies by $ref, nested $refs, an example. */
const DOCUMENT: OpenApiDocument = {
  paths: {
    '/cases/{caseId}/complete-instruction': {
      post: {
        requestBody: {
          content: {
            'application/json': {
              schema: { $ref: '#/components/schemas/CompleteInstructionDto' },
              example: { completedOn: '2024-02-01' },
            },
          },
        },
      },
    },
  },
  components: {
    schemas: {
      CompleteInstructionDto: {
        type: 'object',
        required: ['completedOn', 'parcoursDocumentSigned'],
        properties: {
          completedOn: { type: 'string' },
          parcoursDocumentSigned: { type: 'boolean' },
          plannedActions: { type: 'array', items: { type: 'string', enum: ['housing', 'health_care'] } },
          person: { $ref: '#/components/schemas/PersonDto' },
          documents: { type: 'array', items: { $ref: '#/components/schemas/Missing' } },
        },
      },
      PersonDto: {
        type: 'object',
        required: ['givenName'],
        properties: { givenName: { type: 'string' }, contact: { $ref: '#/components/schemas/ContactDto' } },
      },
      ContactDto: { type: 'object', properties: { phone: { type: 'string' } } },
    },
  },
};

describe('forms generated from the OpenAPI document', () => {
  it('reads a command body through its $ref, with the documented example', () => {
    const form = commandForm(DOCUMENT, '/cases/{caseId}/complete-instruction')!;
    expect(form.example).toEqual({ completedOn: '2024-02-01' });
    expect(Object.keys(form.schema.properties!)).toEqual([
      'completedOn',
      'parcoursDocumentSigned',
      'plannedActions',
      'person',
      'documents',
    ]);
    expect(commandForm(DOCUMENT, '/cases/{caseId}/unknown')).toBeUndefined();
  });

  it('picks a widget per schema, and JSON for what it cannot picture (a dangling $ref)', () => {
    const properties = commandForm(DOCUMENT, '/cases/{caseId}/complete-instruction')!.schema.properties!;
    const kind = (name: string) => fieldKind(resolveRef(DOCUMENT, properties[name]), name);
    expect(kind('completedOn')).toBe('date');
    expect(kind('parcoursDocumentSigned')).toBe('boolean');
    expect(kind('plannedActions')).toBe('choices');
    expect(kind('person')).toBe('object');
    expect(fieldKind(resolveRef(DOCUMENT, properties.documents.items!))).toBe('json');
  });

  it('answers "no" to required yes/no questions the example leaves out, and sends no empty text', () => {
    const form = commandForm(DOCUMENT, '/cases/{caseId}/complete-instruction')!;
    expect(initialValue(DOCUMENT, form.schema, form.example)).toEqual({
      completedOn: '2024-02-01',
      parcoursDocumentSigned: false,
    });
    expect(cleanValue({ a: '', b: 'x', c: { d: '', e: 1 } })).toEqual({ b: 'x', c: { e: 1 } });
  });
});
