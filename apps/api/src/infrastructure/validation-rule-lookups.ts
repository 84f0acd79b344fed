import { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';
import { getMetadataStorage } from 'class-validator';

/**
 * class-validator looks a class's rules up again on every validation, nested objects included:
 * `getTargetValidationMetadatas` filters that class's metadata and tests the class against every
 * class it knows (`instanceof`, for inherited rules), then `groupByPropertyName` groups the result
 * into a new object. The rules come from decorators run when the modules load, so both answers are
 * the same for the life of the process: they are kept per class and options (and grouping per
 * list), and forgotten whenever a rule or schema is added. The validation itself is the library's,
 * unchanged; this is the part of its cost that the profile of a command showed (ADR 0026).
 */
export function memoiseRuleLookups(): void {
  type Storage = ReturnType<typeof getMetadataStorage> & { __pspMemoised?: true };
  const storage = getMetadataStorage() as Storage;
  if (storage.__pspMemoised) return;
  storage.__pspMemoised = true;
  let lookups = new Map<unknown, Map<string, ValidationMetadata[]>>();
  let groupings = new WeakMap<ValidationMetadata[], Record<string, ValidationMetadata[]>>();
  const forget = () => {
    lookups = new Map();
    groupings = new WeakMap();
  };
  for (const name of ['addValidationMetadata', 'addConstraintMetadata', 'addValidationSchema'] as const) {
    const original = storage[name].bind(storage) as (argument: never) => void;
    (storage as unknown as Record<string, (argument: never) => void>)[name] = (argument) => {
      forget();
      original(argument);
    };
  }
  const lookup = storage.getTargetValidationMetadatas.bind(storage);
  storage.getTargetValidationMetadatas = (target, schema, always, strictGroups, groups) => {
    const key = `${schema}\u0000${always}\u0000${strictGroups}\u0000${groups?.join('\u0000') ?? ''}`;
    let ofTarget = lookups.get(target);
    if (!ofTarget) lookups.set(target, (ofTarget = new Map()));
    let found = ofTarget.get(key);
    if (!found) ofTarget.set(key, (found = lookup(target, schema, always, strictGroups, groups)));
    return found;
  };
  const group = storage.groupByPropertyName.bind(storage);
  storage.groupByPropertyName = (metadata) => {
    let grouped = groupings.get(metadata);
    if (!grouped) groupings.set(metadata, (grouped = group(metadata)));
    return grouped;
  };
}
