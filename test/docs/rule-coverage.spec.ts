import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { RULE_IDS } from '@psp/legal-kernel';

const ROOT = join(__dirname, '..', '..');

function specFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === 'node_modules' || name === 'dist') return [];
    if (statSync(path).isDirectory()) return specFiles(path);
    return name.endsWith('.spec.ts') ? [path] : [];
  });
}

/** The titles given to `describe`, `it` and `test` (including `.each` tables and string templates). */
function testTitles(source: string): string[] {
  const titles: string[] = [];
  const pattern =
    /\b(?:describe|it|test)(?:\.(?:each|skip|only)\([^)]*\))?\(\s*(['"`])((?:\\.|(?!\1).)*)\1/gs;
  for (const match of source.matchAll(pattern)) titles.push(match[2]);
  return titles;
}

describe('rule book coverage', () => {
  const titles = ['state-machines', 'libs', 'apps', 'test']
    .flatMap((dir) => specFiles(join(ROOT, dir)))
    .flatMap((file) => testTitles(readFileSync(file, 'utf8')));

  it.each(RULE_IDS.map((id) => [id]))('%s is named by at least one test', (id) => {
    const named = titles.filter((title) => new RegExp(`(^|[^A-Z0-9-])${id}(?![0-9])`).test(title));
    expect(named.length).toBeGreaterThan(0);
  });
});
