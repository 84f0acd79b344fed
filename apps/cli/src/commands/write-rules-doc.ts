import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { RULE_IDS } from '@psp/legal-kernel';
import { indexRules } from '../rules-doc/rule-index';
import { renderRulesDoc } from '../rules-doc/render-rules-doc';

/** Rewrites docs/rules.md from the rule book table and the code and tests that cite each rule. */
const root = join(__dirname, '..', '..', '..', '..');
writeFileSync(join(root, 'docs', 'rules.md'), `${renderRulesDoc(indexRules(root, RULE_IDS))}\n`);
process.stdout.write('docs/rules.md\n');
