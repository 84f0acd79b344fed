import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CASE_FIELDS, CASE_LIST_ITEM_FIELDS, renderFieldMatrix } from '@psp/security';

const DOC = readFileSync(join(__dirname, '..', '..', 'docs', 'security.md'), 'utf8');

/** The matrix between `<!-- name:start -->` and `<!-- name:end -->` in docs/security.md. */
const section = (name: string) => {
  const match = DOC.match(new RegExp(`<!-- ${name}:start -->\\n([\\s\\S]*?)\\n<!-- ${name}:end -->`));
  return match?.[1];
};

describe('docs/security.md matches the classification tables (R1, R3)', () => {
  it('the case payload matrix is the one CASE_FIELDS renders (regenerate: npm run docs:security)', () => {
    expect(section('case-fields')).toBe(renderFieldMatrix(CASE_FIELDS));
  });

  it('the case list matrix is the one CASE_LIST_ITEM_FIELDS renders', () => {
    expect(section('case-list-fields')).toBe(renderFieldMatrix(CASE_LIST_ITEM_FIELDS));
  });
});
