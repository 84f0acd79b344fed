import { CalendarDate } from '@psp/legal-kernel';
import { foldCase } from '../fold';
import { Period, PspCaseContext } from '../machine/context';

/** Test contexts for the pure rules: the fold of no events, then only the facts under test. */
export function contextWith(
  over: Omit<Partial<PspCaseContext>, 'aps' | 'afis' | 'cycle'> & {
    readonly aps?: Partial<PspCaseContext['aps']>;
    readonly afis?: Partial<PspCaseContext['afis']>;
    readonly cycle?: Partial<PspCaseContext['cycle']>;
  } = {},
): PspCaseContext {
  const base = foldCase([]).context;
  return {
    ...base,
    ...over,
    aps: { ...base.aps, ...over.aps },
    afis: { ...base.afis, ...over.afis },
    cycle: { ...base.cycle, ...over.cycle },
  };
}

/** A period with rights from `start` to `end` (both inclusive), as the machine records it. */
export function period(
  start: CalendarDate,
  end: CalendarDate,
  index = 1,
  over: Partial<Period> = {},
): Period {
  return {
    index,
    kind: index === 1 ? 'entry' : 'renewal',
    start,
    plannedEnd: end,
    end,
    shortened: false,
    ...over,
  };
}

/**
 * Four 6-month periods from 2 Jan 2024 (no month-end start, so every reading of DUR-01 agrees):
 * 2024-01-02..2024-07-01, 2024-07-02..2025-01-01, 2025-01-02..2025-07-01, 2025-07-02..2026-01-01.
 */
export const FOUR_PERIODS: readonly Period[] = [
  period('2024-01-02', '2024-07-01', 1),
  period('2024-07-02', '2025-01-01', 2),
  period('2025-01-02', '2025-07-01', 3),
  period('2025-07-02', '2026-01-01', 4),
];
