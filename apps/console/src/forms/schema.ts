// Reads the API's OpenAPI document generically: a command's request body schema (its $refs
// resolved) and its example, so the console asks what the API asks and nothing else.

export interface JsonSchema {
  readonly $ref?: string;
  readonly type?: string | readonly string[];
  readonly properties?: Readonly<Record<string, JsonSchema>>;
  readonly required?: readonly string[];
  readonly items?: JsonSchema;
  readonly enum?: readonly unknown[];
  readonly format?: string;
  readonly pattern?: string;
  readonly description?: string;
  readonly title?: string;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly allOf?: readonly JsonSchema[];
  readonly oneOf?: readonly JsonSchema[];
  readonly anyOf?: readonly JsonSchema[];
  readonly nullable?: boolean;
  readonly [key: string]: unknown;
}

export interface OpenApiDocument {
  readonly paths: Readonly<Record<string, Readonly<Record<string, OpenApiOperation>>>>;
  readonly components?: { readonly schemas?: Readonly<Record<string, JsonSchema>> };
}

export interface OpenApiOperation {
  readonly summary?: string;
  readonly description?: string;
  readonly requestBody?: {
    readonly content?: Readonly<Record<string, { readonly schema?: JsonSchema; readonly example?: unknown }>>;
  };
}

/** Follows a local `$ref` (`#/components/schemas/X`) through the document. */
export function resolveRef(document: OpenApiDocument, schema: JsonSchema): JsonSchema {
  let current = schema;
  const seen = new Set<string>();
  while (current.$ref) {
    const ref = current.$ref;
    if (seen.has(ref) || !ref.startsWith('#/')) return {};
    seen.add(ref);
    const target = ref
      .slice(2)
      .split('/')
      .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
      .reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], document);
    if (!target || typeof target !== 'object') return {};
    const { $ref: _ref, ...siblings } = current;
    current = { ...(target as JsonSchema), ...siblings };
  }
  if (current.allOf?.length) {
    // allOf of objects: one object with every property and every required name.
    const parts = current.allOf.map((part) => resolveRef(document, part));
    const { allOf: _allOf, ...rest } = current;
    return parts.reduce<JsonSchema>(
      (merged, part) => ({
        ...part,
        ...merged,
        properties: { ...part.properties, ...merged.properties },
        required: [...(merged.required ?? []), ...(part.required ?? [])],
      }),
      rest,
    );
  }
  return current;
}

export interface CommandForm {
  readonly path: string;
  readonly summary?: string;
  readonly schema: JsonSchema;
  readonly example: unknown;
}

/** The request body of `POST {path}` in the document, or undefined when the document has none. */
export function commandForm(document: OpenApiDocument, path: string): CommandForm | undefined {
  const operation = document.paths[path]?.post;
  const content = operation?.requestBody?.content?.['application/json'];
  if (!operation || !content) return undefined;
  const schema = content.schema ? resolveRef(document, content.schema) : {};
  const example = content.example ?? exampleOf(schema);
  return { path, summary: operation.summary, schema, example };
}

/** The example of a schema (`example`, or the first of `examples`), when it gives one. */
function exampleOf(schema: JsonSchema): unknown {
  if ('example' in schema) return schema.example;
  const examples = schema.examples;
  return Array.isArray(examples) ? examples[0] : undefined;
}

export type FieldKind = 'text' | 'date' | 'number' | 'boolean' | 'choice' | 'choices' | 'object' | 'json';

/** How a schema is asked for in a form. */
export function fieldKind(schema: JsonSchema, name = ''): FieldKind {
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  if (schema.enum && schema.enum.every((v) => typeof v === 'string')) return 'choice';
  if (type === 'string') {
    if (schema.format === 'date' || schema.pattern === '^\\d{4}-\\d{2}-\\d{2}$') return 'date';
    // The API names its calendar dates `…On`, `…Date`, `…Until` (decidedOn, birthDate, validUntil).
    if (!schema.format && !schema.pattern && /(On|Date|Until)$/.test(name)) return 'date';
    return 'text';
  }
  if (type === 'integer' || type === 'number') return 'number';
  if (type === 'boolean') return 'boolean';
  if (type === 'array' && schema.items?.enum?.every((v) => typeof v === 'string')) return 'choices';
  if ((type === 'object' || (!type && schema.properties)) && schema.properties) return 'object';
  return 'json';
}

/** The value to send: empty optional strings left out, so the API sees only what was filled in. */
export function cleanValue(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(cleanValue);
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== '' && v !== undefined)
      .map(([k, v]) => [k, cleanValue(v)]);
    return Object.fromEntries(entries);
  }
  return value;
}

/**
 * The form's first value: the example, and `false` for every required yes/no question the example
 * leaves out (an unticked box is an answer: "no").
 */
export function initialValue(document: OpenApiDocument, schema: JsonSchema, example: unknown): unknown {
  const resolved = resolveRef(document, schema);
  if (fieldKind(resolved) !== 'object') return example;
  const value = { ...((example && typeof example === 'object' ? example : {}) as Record<string, unknown>) };
  const required = new Set(resolved.required ?? []);
  for (const [name, property] of Object.entries(resolved.properties ?? {})) {
    const field = resolveRef(document, property);
    if (value[name] === undefined && required.has(name) && fieldKind(field) === 'boolean')
      value[name] = false;
    else if (value[name] !== undefined && fieldKind(field) === 'object')
      value[name] = initialValue(document, field, value[name]);
  }
  return value;
}
