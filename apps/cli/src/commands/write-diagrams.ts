import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { machineDiagrams, renderDiagramPage } from '../../../../state-machines/diagrams/machine-diagrams';

const folder = join(__dirname, '..', '..', '..', '..', 'docs', 'machines');
mkdirSync(folder, { recursive: true });
for (const diagram of machineDiagrams()) {
  writeFileSync(join(folder, diagram.file), renderDiagramPage(diagram));
  process.stdout.write(`docs/machines/${diagram.file}\n`);
}
