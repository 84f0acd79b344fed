import { commandLine } from './command-line';

export type Cell = string | number;

/**
 * Prints one benchmark's figures side by side as a Markdown table (pastes as-is into
 * BENCHMARKS.md), followed by the command that produced them and optional notes.
 */
export function printTable(
  title: string,
  header: readonly string[],
  rows: readonly (readonly Cell[])[],
  notes: readonly string[] = [],
): void {
  const cells = [header, ...rows].map((row) => row.map(String));
  const widths = header.map((_, c) => Math.max(...cells.map((row) => (row[c] ?? '').length)));
  const line = (row: readonly string[]) =>
    `| ${row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join(' | ')} |`;
  const rule = `|${widths.map((w, c) => (c === 0 ? '-'.repeat(w + 2) : `${'-'.repeat(w + 1)}:`)).join('|')}|`;
  console.log(`\n### ${title}\n`);
  console.log(line(cells[0]));
  console.log(rule);
  for (const row of cells.slice(1)) console.log(line(row));
  console.log('');
  for (const note of notes) console.log(`- ${note}`);
  console.log(`- command: \`${commandLine()}\``);
}
