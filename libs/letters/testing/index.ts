import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

/** The text of a PDF, extracted by pdf-parse in a child process, whitespace folded. */
export function pdfText(pdf: Buffer): string {
  const text = execFileSync(process.execPath, [join(__dirname, 'pdf-text.js')], {
    input: pdf,
    cwd: join(__dirname, '..', '..', '..'),
    maxBuffer: 16 * 1024 * 1024,
  }).toString('utf8');
  return text.replace(/\s+/g, ' ');
}
