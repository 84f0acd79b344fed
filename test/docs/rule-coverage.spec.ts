import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RULE_BOOK, RULE_IDS } from '@psp/legal-kernel';
import { indexRules } from '../../apps/cli/src/rules-doc/rule-index';
import { renderRulesDoc } from '../../apps/cli/src/rules-doc/render-rules-doc';

const ROOT = join(__dirname, '..', '..');
const index = indexRules(ROOT, RULE_IDS);

describe('rule book coverage', () => {
  it.each(RULE_IDS.map((id) => [id]))('%s is named by at least one test', (id) => {
    expect(index.provedBy.get(id)!.length).toBeGreaterThan(0);
  });

  it('every rule is cited by a source file that enforces it (not only by a test title)', () => {
    const uncited = RULE_BOOK.filter((e) => !e.notEnforced && index.enforcedBy.get(e.id)!.length === 0).map(
      (e) => e.id,
    );
    expect(uncited).toEqual([]);
  });

  it('a rule marked as not enforced says why, and no code claims to enforce it', () => {
    const marked = RULE_BOOK.filter((e) => e.notEnforced);
    for (const entry of marked) expect(entry.notEnforced!.length).toBeGreaterThan(20);
    expect(marked.filter((e) => index.enforcedBy.get(e.id)!.length > 0).map((e) => e.id)).toEqual([]);
  });

  it('rule IDs are unique and every rule states its basis', () => {
    expect(new Set(RULE_IDS).size).toBe(RULE_IDS.length);
    expect(RULE_BOOK.filter((e) => e.basis.trim() === '' || e.rule.trim() === '')).toEqual([]);
  });

  it('docs/rules.md is the page the code renders (regenerate: npm run docs:rules)', () => {
    expect(readFileSync(join(ROOT, 'docs', 'rules.md'), 'utf8')).toBe(`${renderRulesDoc(index)}\n`);
  });
});
