import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ENVIRONMENT, describeEnvironment } from './environment';

const ROOT = join(__dirname, '..', '..', '..');

/** The source files of the product (not its tests). */
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory())
      return name === 'node_modules' || name === 'testing' ? [] : sources(path);
    return path.endsWith('.ts') && !path.endsWith('.spec.ts') ? [path] : [];
  });
}

describe('the environment variables, in one list', () => {
  const names = ENVIRONMENT.map((variable) => variable.name);

  it('every variable the code reads is listed (libs/runtime ENVIRONMENT)', () => {
    const read = new Set<string>();
    for (const file of ['apps', 'libs', 'state-machines'].flatMap((dir) => sources(join(ROOT, dir)))) {
      const text = readFileSync(file, 'utf8');
      for (const match of text.matchAll(/\benv(?:\.|\[')([A-Z][A-Z0-9_]+)/g)) read.add(match[1]);
      for (const match of text.matchAll(/'(RATE_LIMIT_[A-Z_]+_PER_MINUTE)'/g)) read.add(match[1]);
    }
    expect([...read].filter((name) => !names.includes(name)).sort()).toEqual([]);
  });

  it('the README lists every one of them', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    expect(names.filter((name) => !readme.includes(`\`${name}\``))).toEqual([]);
  });

  it('secrets are never printed', () => {
    const shown = describeEnvironment({
      VAULT_MASTER_KEY: 'c2VjcmV0',
      EVENT_STORE_URL: 'postgres://u:pw@h/db',
    });
    expect(JSON.stringify(shown)).not.toContain('c2VjcmV0');
    expect(JSON.stringify(shown)).not.toContain('pw@');
  });
});
