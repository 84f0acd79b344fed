import { relative } from 'node:path';

/**
 * The exact command that is running, so every printed figure can be reproduced:
 * the working directory, node's own flags, the script and its arguments, and the npm
 * script when it was started through `npm run`.
 */
export function commandLine(): string {
  const script = relative(process.cwd(), process.argv[1] ?? '') || process.argv[1];
  const parts = ['node', ...process.execArgv, script, ...process.argv.slice(2)];
  const direct = `cd ${process.cwd()} && ${parts.join(' ')}`;
  const npmScript = process.env.npm_lifecycle_event;
  return npmScript ? `npm run ${npmScript}  (runs: ${direct})` : direct;
}
