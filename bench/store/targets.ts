import { formatRatio } from '../harness/format';
import { printTable } from '../harness/table';

export interface TargetCheck {
  readonly target: string;
  /** Measured ratio and the ratio the target asks for (at least). */
  readonly measured: number;
  readonly atLeast: number;
}

/** Met or missed, and by how much; the targets are the issue's, not tuned to the figures. */
export function printTargets(checks: readonly TargetCheck[]): void {
  printTable(
    'Targets (benchmark goals, not tests)',
    ['target', 'asked', 'measured', 'verdict'],
    checks.map((c) => [
      c.target,
      `≥ ${formatRatio(c.atLeast)}`,
      formatRatio(c.measured),
      c.measured >= c.atLeast ? 'met' : `MISSED (${Math.round((1 - c.measured / c.atLeast) * 100)}% short)`,
    ]),
  );
}
