import { existsSync, readFileSync } from 'node:fs';
import { findPersonalValues } from './personal-values';

/** A SQLite database file with its write-ahead log and shared-memory index, as they are on disk now. */
export function sqliteFiles(file: string): string[] {
  return [file, `${file}-wal`, `${file}-shm`].filter((path) => existsSync(path));
}

/** Which of the values each file holds, in any encoding `personal-values.js` knows. */
export function personalValuesIn(
  files: readonly string[],
  values: readonly string[],
): { file: string; value: string; encoding: string }[] {
  return files.flatMap((file) =>
    findPersonalValues(readFileSync(file), values).map((found) => ({ file, ...found })),
  );
}
