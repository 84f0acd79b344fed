/**
 * Field paths of a JSON payload: `a.b` for an object member, `a[]` for the elements of an array
 * (`view.periods[].start`, `view.plannedActions[]`). A leaf is a string, number, boolean or null;
 * an empty array or object is reported by its own path (`view.warnings[]`, `view.outcomes`) so
 * that a field which happens to be empty is still seen.
 */
export function fieldPaths(value: unknown, prefix = ''): string[] {
  const paths = new Set<string>();
  walk(value, prefix, paths);
  return [...paths].sort();
}

function walk(value: unknown, path: string, paths: Set<string>): void {
  if (value === undefined) return;
  if (value === null || typeof value !== 'object') {
    if (path) paths.add(path);
    return;
  }
  if (Array.isArray(value)) {
    const element = `${path}[]`;
    if (value.length === 0) paths.add(element);
    for (const item of value) walk(item, element, paths);
    return;
  }
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
  if (entries.length === 0 && path) paths.add(path);
  for (const [key, child] of entries) walk(child, path ? `${path}.${key}` : key, paths);
}

/** Is `path` the same as `container` or inside it (`view.rights` contains `view.rights.left.days`)? */
export function isWithin(path: string, container: string): boolean {
  return (
    path === container ||
    path.startsWith(`${container}.`) ||
    path.startsWith(`${container}[]`) ||
    (container.endsWith('[]') && path.startsWith(container))
  );
}
