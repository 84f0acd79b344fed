export function collectPersonalValues(): string[];
export function encodingsOf(value: string): [string, Buffer][];
export function findPersonalValues(
  bytes: Buffer,
  values: readonly string[],
): { value: string; encoding: string }[];
