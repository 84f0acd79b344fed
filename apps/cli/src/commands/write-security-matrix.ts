import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CASE_FIELDS, CASE_LIST_ITEM_FIELDS, FieldTable, renderFieldMatrix } from '@psp/security';

/** Rewrites the role × field matrices of docs/security.md from the classification tables. */
const file = join(__dirname, '..', '..', '..', '..', 'docs', 'security.md');
const tables: [string, FieldTable][] = [
  ['case-fields', CASE_FIELDS],
  ['case-list-fields', CASE_LIST_ITEM_FIELDS],
];
let doc = readFileSync(file, 'utf8');
for (const [name, table] of tables) {
  const pattern = new RegExp(`(<!-- ${name}:start -->\\n)[\\s\\S]*?(<!-- ${name}:end -->)`);
  if (!pattern.test(doc)) throw new Error(`docs/security.md has no ${name} markers`);
  doc = doc.replace(
    pattern,
    (_all, start: string, end: string) => `${start}${renderFieldMatrix(table)}\n${end}`,
  );
}
writeFileSync(file, doc);
process.stdout.write('docs/security.md\n');
