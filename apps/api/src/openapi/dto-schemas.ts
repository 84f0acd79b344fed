import type { Type } from '@nestjs/common';
import { defaultMetadataStorage } from 'class-transformer/cjs/storage';
import { ValidationTypes, getMetadataStorage } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';
import { targetConstructorToSchema } from 'class-validator-jsonschema';
import type { ISchemaConverters } from 'class-validator-jsonschema/build/defaultConverters';

/** A JSON Schema (2020-12, as OpenAPI 3.1 uses it). */
export type JsonSchema = Record<string, unknown>;

/** Any class (a DTO, nested or not). */
export type AnyClass = abstract new (...args: never[]) => unknown;

const SCHEMAS = '#/components/schemas/';

/** The class a nested property holds: `@Type(() => X)` first, else the reflected design type. */
function nestedClass(target: AnyClass, property: string): AnyClass | undefined {
  const declared = defaultMetadataStorage.findTypeMetadata(target, property)?.typeFunction();
  const type =
    (declared as AnyClass | undefined) ??
    (Reflect.getMetadata('design:type', target.prototype as object, property) as AnyClass | undefined);
  if (typeof type !== 'function' || [String, Number, Boolean, Array, Object].includes(type as never))
    return undefined;
  return type;
}

/**
 * The request body and query schemas of the API, read from the class-validator DTOs (the one
 * validation the API runs), each under a name unique across resources.
 *
 * class-validator-jsonschema names a schema after its class and merges classes of the same name
 * (`RefuseDto` of cases and of associations became one body with both's fields), and points nested
 * arrays at `#/components/schemas/Array`. Here every class is keyed by its constructor: a command
 * body gets the name its route gives it (`CaseRefuseBody`), a nested class its own name without
 * `Dto`, and two different classes asking for one name are refused when the document is built.
 */
export class DtoSchemas {
  private readonly names = new Map<AnyClass, string>();
  private readonly owners = new Map<string, AnyClass>();
  private readonly schemas: Record<string, JsonSchema> = {};

  /** `{ $ref }` to the schema of `dto`, registered (with its nested classes) under `name`. */
  ref(dto: Type<object>, name?: string): JsonSchema {
    return { $ref: `${SCHEMAS}${this.register(dto, name)}` };
  }

  /** The schema of `dto` itself (for query parameters, read property by property). */
  inline(dto: Type<object>): JsonSchema {
    return this.build(dto);
  }

  /** Every schema registered so far, by name. */
  all(): Readonly<Record<string, JsonSchema>> {
    return this.schemas;
  }

  private register(dto: AnyClass, name?: string): string {
    const known = this.names.get(dto);
    if (known) return known;
    const wanted = name ?? dto.name.replace(/Dto$/, '');
    const owner = this.owners.get(wanted);
    if (owner && owner !== dto) {
      throw new Error(
        `OpenAPI schema name ${wanted} is asked for by two different classes (${owner.name}, ${dto.name}): give one of them another name`,
      );
    }
    this.names.set(dto, wanted);
    this.owners.set(wanted, dto);
    this.schemas[wanted] = this.build(dto);
    return wanted;
  }

  private build(dto: AnyClass): JsonSchema {
    const converters: ISchemaConverters = {
      [ValidationTypes.NESTED_VALIDATION]: (meta: ValidationMetadata) => {
        const nested = nestedClass(meta.target as AnyClass, meta.propertyName);
        return nested ? { $ref: `${SCHEMAS}${this.register(nested)}` } : { type: 'object' };
      },
      isCalendarDate: { type: 'string', format: 'date', pattern: '^\\d{4}-\\d{2}-\\d{2}$' },
    };
    const schema = targetConstructorToSchema(dto, {
      classValidatorMetadataStorage: getMetadataStorage(),
      classTransformerMetadataStorage: defaultMetadataStorage,
      additionalConverters: converters,
      refPointerPrefix: SCHEMAS,
    }) as JsonSchema;
    return tidy({ ...schema, additionalProperties: false });
  }
}

/**
 * `IsDefined` adds `not: { type: null }` and a nested `$ref` keeps a sibling `type: object`:
 * both are true of the schema already and only clutter generated clients.
 */
function tidy(schema: JsonSchema): JsonSchema {
  const properties = schema.properties as Record<string, JsonSchema> | undefined;
  if (!properties) return schema;
  const cleaned = Object.fromEntries(
    Object.entries(properties).map(([key, property]) => {
      const { not: _not, ...rest } = property;
      if (rest.$ref)
        return [key, { $ref: rest.$ref, ...(rest.description ? { description: rest.description } : {}) }];
      return [key, rest];
    }),
  );
  return { ...schema, properties: cleaned };
}
