/** `PRAGMA synchronous` reads back as a number: 0 OFF, 1 NORMAL, 2 FULL, 3 EXTRA. */
export function synchronousName(value: number): string {
  return ['OFF', 'NORMAL', 'FULL', 'EXTRA'][value] ?? String(value);
}
