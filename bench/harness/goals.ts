import { printTable } from './table';

/** One of the targets, checked against a measured figure (absolute rates, latencies, ratios). */
export interface Goal {
  readonly target: string;
  /** What the issue asks, as written in the table ("≥ 100,000 events/s"). */
  readonly asked: string;
  readonly measured: string;
  readonly met: boolean;
  /** How far off, when missed ("38% short"). */
  readonly shortBy?: string;
}

/** `measured ≥ atLeast`, with how far short it fell. */
export function atLeast(target: string, measured: number, goal: number, format: (n: number) => string): Goal {
  return {
    target,
    asked: `≥ ${format(goal)}`,
    measured: format(measured),
    met: measured >= goal,
    shortBy: `${Math.round((1 - measured / goal) * 100)}% short`,
  };
}

/** `measured < below` (a latency, a growth factor). */
export function below(target: string, measured: number, goal: number, format: (n: number) => string): Goal {
  return {
    target,
    asked: `< ${format(goal)}`,
    measured: format(measured),
    met: measured < goal,
    shortBy: `${Math.round((measured / goal - 1) * 100)}% over`,
  };
}

/** Met or missed, and by how much; the targets are the issue's, not tuned to the figures. */
export function printGoals(title: string, goals: readonly Goal[], notes: readonly string[] = []): void {
  if (goals.length === 0) return;
  printTable(
    title,
    ['target', 'asked', 'measured', 'verdict'],
    goals.map((g) => [g.target, g.asked, g.measured, g.met ? 'met' : `MISSED (${g.shortBy ?? ''})`]),
    notes,
  );
}
