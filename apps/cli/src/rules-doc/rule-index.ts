import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/** Where a rule ID is cited: a file of the repository and the declaration around the citation. */
export interface Citation {
  readonly file: string;
  readonly symbol: string;
}

/** A test whose title names a rule ID. */
export interface TestTitle {
  readonly file: string;
  readonly title: string;
}

export interface RuleIndex {
  /** Non-test source files citing each rule ID, with the enclosing declaration. */
  readonly enforcedBy: ReadonlyMap<string, readonly Citation[]>;
  /** Tests whose title names each rule ID. */
  readonly provedBy: ReadonlyMap<string, readonly TestTitle[]>;
}

const SOURCE_ROOTS = ['state-machines', 'libs', 'apps'];
const TEST_ROOTS = ['state-machines', 'libs', 'apps', 'test'];
/** The catalogue itself names every ID: it states the rules, it enforces none. */
const CATALOGUE = 'state-machines/legal-kernel/src/rule-book.ts';

/** The pattern of one rule ID inside text: `PSP-06` but not `PSP-061` nor `XPSP-06`. */
export const rulePattern = (id: string, flags = '') =>
  new RegExp(`(^|[^A-Z0-9-])${id.replace(/-/g, '\\-')}(?![0-9])`, flags);

function walk(dir: string, keep: (name: string) => boolean): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      if (name === 'node_modules' || name === 'dist' || name.startsWith('.')) return [];
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return walk(path, keep);
      return keep(name) ? [path] : [];
    });
}

const isSpec = (name: string) => name.endsWith('.spec.ts');
/** Production sources: TypeScript that is neither a test nor test support (`testing/` folders). */
function sourceFiles(root: string): string[] {
  return SOURCE_ROOTS.flatMap((dir) =>
    walk(join(root, dir), (name) => name.endsWith('.ts') && !isSpec(name) && !name.endsWith('.d.ts')),
  ).filter((path) => !/[/\\]testing[/\\]/.test(relative(root, path)));
}

const DECLARATIONS = [
  /^\s*(?:export\s+)?(?:default\s+)?(?:async\s+)?function\s*\*?\s*([A-Za-z_$][\w$]*)/,
  /^\s*(?:export\s+)?(?:declare\s+)?(?:const|let|var)\s+([A-Za-z_$][\w$]*)/,
  /^\s*(?:export\s+)?(?:default\s+)?(?:abstract\s+)?class\s+([A-Za-z_$][\w$]*)/,
  /^\s*(?:export\s+)?(?:interface|type|enum)\s+([A-Za-z_$][\w$]*)/,
  /^\s+(?:(?:public|private|protected|static|async|readonly|override)\s+)*([A-Za-z_$][\w$]*)\s*(?:<[^>]*>)?\([^)]*\)?\s*(?::\s*[^={]*)?\{\s*$/,
  /^\s+['"]?([A-Za-z_$][\w$-]*)['"]?\s*:\s*(?:\(|async\s|function\b|\{|\[|[A-Za-z_$][\w$.]*\()/,
];
const KEYWORDS = new Set(['if', 'for', 'while', 'switch', 'catch', 'return', 'else', 'do', 'try']);

function declaredName(line: string): string | undefined {
  for (const pattern of DECLARATIONS) {
    const name = line.match(pattern)?.[1];
    if (name && !KEYWORDS.has(name)) return name;
  }
  return undefined;
}

const indentOf = (line: string) => line.length - line.trimStart().length;
const inDocComment = (line: string) => /^\s*(\/\*\*?|\*(?!\/))/.test(line);

/**
 * The declaration a citation on `lines[at]` belongs to: for a comment block, the declaration that
 * follows it; otherwise the nearest enclosing declaration above (same or lower indentation).
 */
function enclosingSymbol(lines: readonly string[], at: number): string {
  if (inDocComment(lines[at]) || /^\s*\/\//.test(lines[at])) {
    let next = at;
    while (next < lines.length && (inDocComment(lines[next]) || /^\s*(\/\/|\*\/)/.test(lines[next]))) next++;
    const below = next < lines.length ? declaredName(lines[next]) : undefined;
    if (below && indentOf(lines[next]) <= indentOf(lines[at])) return below;
  }
  const own = declaredName(lines[at]);
  if (own) return own;
  const indent = indentOf(lines[at]);
  for (let i = at - 1; i >= 0; i--) {
    if (lines[i].trim() === '' || indentOf(lines[i]) >= indent) continue;
    const name = declaredName(lines[i]);
    if (name) return name;
  }
  return '(module)';
}

/** The titles given to `describe`, `it` and `test` (including `.each` tables and templates). */
export function testTitles(source: string): string[] {
  const titles: string[] = [];
  const pattern =
    /\b(?:describe|it|test)(?:\.(?:each|skip|only)\([^)]*\))?\(\s*(['"`])((?:\\.|(?!\1).)*)\1/gs;
  for (const match of source.matchAll(pattern)) titles.push(match[2].replace(/\s+/g, ' '));
  return titles;
}

/** Reads the repository at `root` and indexes every rule ID's citations and tests. */
export function indexRules(root: string, ids: readonly string[]): RuleIndex {
  const enforcedBy = new Map<string, Citation[]>(ids.map((id) => [id, []]));
  const provedBy = new Map<string, TestTitle[]>(ids.map((id) => [id, []]));
  const patterns = ids.map((id) => [id, rulePattern(id)] as const);

  for (const path of sourceFiles(root)) {
    const file = relative(root, path).split('\\').join('/');
    if (file === CATALOGUE) continue;
    const lines = readFileSync(path, 'utf8').split('\n');
    lines.forEach((line, at) => {
      for (const [id, pattern] of patterns) {
        if (!pattern.test(line)) continue;
        const citations = enforcedBy.get(id)!;
        const symbol = enclosingSymbol(lines, at);
        if (!citations.some((c) => c.file === file && c.symbol === symbol)) citations.push({ file, symbol });
      }
    });
  }

  for (const path of TEST_ROOTS.flatMap((dir) => walk(join(root, dir), isSpec))) {
    const file = relative(root, path).split('\\').join('/');
    for (const title of testTitles(readFileSync(path, 'utf8'))) {
      for (const [id, pattern] of patterns) {
        if (pattern.test(title)) provedBy.get(id)!.push({ file, title });
      }
    }
  }
  return { enforcedBy, provedBy };
}
