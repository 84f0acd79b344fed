/** `--name value` and `--flag` pairs after the command word; no dependency, no surprises. */
export function parseArguments(argv: readonly string[]): {
  command?: string;
  options: Record<string, string | true>;
} {
  const [command, ...rest] = argv;
  const options: Record<string, string | true> = {};
  for (let i = 0; i < rest.length; i += 1) {
    const word = rest[i];
    if (!word.startsWith('--')) throw new UsageError(`unexpected argument "${word}"`);
    const name = word.slice(2);
    const next = rest[i + 1];
    if (next === undefined || next.startsWith('--')) options[name] = true;
    else {
      options[name] = next;
      i += 1;
    }
  }
  return { command, options };
}

export class UsageError extends Error {}

export function stringOption(options: Record<string, string | true>, name: string): string | undefined {
  const value = options[name];
  if (value === true) throw new UsageError(`--${name} needs a value`);
  return value;
}
