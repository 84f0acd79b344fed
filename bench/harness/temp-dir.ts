import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * Scratch directory for database files under bench/.tmp (git-ignored), on the same disk as
 * the work tree: /tmp can be another filesystem (tmpfs) with a very different sync cost.
 */
export const BENCH_TMP_ROOT = resolve(__dirname, '..', '.tmp');

export function makeTempDir(prefix: string): { path: string; remove: () => void } {
  mkdirSync(BENCH_TMP_ROOT, { recursive: true });
  const path = mkdtempSync(join(BENCH_TMP_ROOT, `${prefix}-`));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}
