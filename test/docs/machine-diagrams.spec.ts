import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { machineDiagrams, renderDiagramPage } from '../../state-machines/diagrams/machine-diagrams';

describe('machine pictures in docs/machines', () => {
  it.each(machineDiagrams().map((d) => [d.file, d] as const))(
    '%s matches the code (run npm run docs:machines)',
    (file, diagram) => {
      const onDisk = readFileSync(join(__dirname, '..', '..', 'docs', 'machines', file), 'utf8');
      expect(onDisk).toBe(renderDiagramPage(diagram));
    },
  );
});
