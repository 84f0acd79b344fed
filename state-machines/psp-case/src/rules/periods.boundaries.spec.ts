import fc from 'fast-check';
import { CalendarDate, addDays, addMonths, daysBetween } from '@psp/legal-kernel';
import { DEFAULT_PSP_PARAMETERS } from '../parameters';
import { FOUR_PERIODS, period } from '../testing/contexts';
import {
  capEnd,
  capNotReached,
  dayAfterLastPeriod,
  daysWithRights,
  isFinalPeriod,
  nextPeriod,
  periodCovering,
  periodEnd,
  periodsDoNotOverlap,
  rightsLeft,
  rightsRuns,
  rightsUsed,
  spanInMonthsAndDays,
  stopPeriod,
} from './periods';

const params = DEFAULT_PSP_PARAMETERS;

/** Start dates on days 1 to 28 from 2017 to 2035: every reading of DUR-01 agrees on them. */
const startArb = fc
  .record({
    year: fc.integer({ min: 2017, max: 2035 }),
    month: fc.integer({ min: 1, max: 12 }),
    day: fc.integer({ min: 1, max: 28 }),
  })
  .map(({ year, month, day }) => `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`);

/** Four consecutive 6-month periods from `start` (24 months, no interruption). */
function fourFrom(start: CalendarDate) {
  const periods = [];
  let from = start;
  for (let index = 1; index <= 4; index += 1) {
    const end = addDays(addMonths(start, 6 * index), -1);
    periods.push(period(from, end, index));
    from = addDays(end, 1);
  }
  return periods;
}

describe('DUR-01 the period and its span', () => {
  it('DUR-01 a period from 2 Jan ends on 1 Jul; from 15 Aug, on 14 Feb', () => {
    expect(periodEnd('2024-01-02', params)).toBe('2024-07-01');
    expect(periodEnd('2024-08-15', params)).toBe('2025-02-14');
  });

  it('DUR-02 a span counts whole calendar months, then the leftover days', () => {
    expect(spanInMonthsAndDays('2024-01-02', '2024-07-01')).toEqual({ months: 6, days: 0 });
    expect(spanInMonthsAndDays('2024-01-02', '2024-07-02')).toEqual({ months: 6, days: 1 });
    expect(spanInMonthsAndDays('2024-01-02', '2024-06-30')).toEqual({ months: 5, days: 29 });
    expect(spanInMonthsAndDays('2024-01-02', '2024-01-02')).toEqual({ months: 0, days: 1 });
  });

  it('DUR-02 a period cut before its first day (end on the eve of its start) holds nothing', () => {
    expect(spanInMonthsAndDays('2024-01-02', '2024-01-01')).toEqual({ months: 0, days: 0 });
    expect(spanInMonthsAndDays('2024-01-02', '2023-12-20')).toEqual({ months: 0, days: 0 });
    expect(daysWithRights([period('2024-01-02', '2024-01-01')])).toBe(0);
    expect(daysWithRights([period('2024-01-02', '2023-12-20')])).toBe(0);
  });

  it('DUR-02 the same span asked twice gives the same answer', () => {
    const first = spanInMonthsAndDays('2024-03-05', '2024-05-09');
    expect(spanInMonthsAndDays('2024-03-05', '2024-05-09')).toEqual(first);
    expect(first).toEqual({ months: 2, days: 5 });
  });
});

describe('PD-5 dated parameters not in force', () => {
  it('PD-5 a period or a cap before the law name the parameter that has no value', () => {
    expect(() => periodEnd('2016-01-04', params)).toThrow(
      'PD-5: no value of parameter "periodMonths" is in force on 2016-01-04',
    );
    expect(() => capEnd('2016-01-04', [], params)).toThrow(
      'PD-5: no value of parameter "cumulativeCapMonths" is in force on 2016-01-04',
    );
    expect(() => capNotReached('2016-01-04', [], params)).toThrow(
      'PD-5: no value of parameter "cumulativeCapMonths" is in force on 2016-01-04',
    );
  });
});

describe('DUR-02 / PSP-07 rights used across periods', () => {
  it('DUR-02 adds months and days of every period, interrupted ones included', () => {
    const periods = [
      period('2024-01-02', '2024-07-01', 1),
      period('2024-07-02', '2024-07-16', 2, { plannedEnd: '2025-01-01', stopReason: 'interrupted' }),
      period('2024-10-01', '2024-12-10', 3, { kind: 'resumption' }),
    ];
    expect(rightsUsed(periods)).toEqual({ months: 8, days: 25 });
    expect(daysWithRights(periods)).toBe(182 + 15 + 71);
    expect(rightsUsed([])).toEqual({ months: 0, days: 0 });
    expect(daysWithRights([])).toBe(0);
  });

  it('PSP-06 four full periods use the 24 months: the cap ends on the last day of the fourth', () => {
    expect(rightsUsed(FOUR_PERIODS)).toEqual({ months: 24, days: 0 });
    expect(capEnd('2024-01-02', [], params)).toBe('2026-01-01');
    expect(capEnd('2024-07-02', FOUR_PERIODS.slice(0, 1), params)).toBe('2026-01-01');
  });
});

describe('PSP-06 / PSP-07 the cap boundary', () => {
  it('PSP-06 the fourth period starts with 6 months left; the day after it ends nothing is left', () => {
    expect(capNotReached('2025-07-02', FOUR_PERIODS.slice(0, 3), params)).toEqual([]);
    expect(capNotReached('2026-01-02', FOUR_PERIODS, params)).toEqual([
      { rule: 'PSP-06', message: 'the 24-month cap is reached' },
    ]);
  });

  it('PSP-07 with an interrupted period among them, the refusal says so', () => {
    const interrupted = [
      ...FOUR_PERIODS.slice(0, 3),
      { ...FOUR_PERIODS[3], stopReason: 'interrupted' as const },
    ];
    expect(capNotReached('2026-03-02', interrupted, params)).toEqual([
      { rule: 'PSP-07', message: 'the 24-month cap is reached, interrupted periods included' },
    ]);
  });

  // Rights held from 2 Jan 2024 to 31 Dec 2025: 24 months less one day. A resumption on 2 March
  // 2026 has exactly one day left: the last day of the budget is its first day.
  const oneDayShort = [
    ...FOUR_PERIODS.slice(0, 3),
    period('2025-07-02', '2025-12-31', 4, {
      plannedEnd: '2026-01-01',
      stoppedOn: '2026-01-01',
      stopReason: 'interrupted',
    }),
  ];

  it('PSP-06 / PSP-07 one day of budget left is one day, not none', () => {
    expect(rightsLeft(oneDayShort, params)).toEqual({ months: 0, days: 1 });
  });

  it('PSP-07 on the last day of the budget another period may start, one day long', () => {
    expect(rightsUsed(oneDayShort)).toEqual({ months: 23, days: 30 });
    expect(capEnd('2026-03-02', oneDayShort, params)).toBe('2026-03-02');
    expect(capNotReached('2026-03-02', oneDayShort, params)).toEqual([]);
    expect(nextPeriod('2026-03-02', oneDayShort, 'resumption', params)).toEqual({
      index: 5,
      kind: 'resumption',
      start: '2026-03-02',
      plannedEnd: '2026-03-02',
      end: '2026-03-02',
      shortened: true,
    });
  });

  it('DUR-02 the last period is shortened to the budget left; a full one is not', () => {
    expect(nextPeriod('2025-07-02', FOUR_PERIODS.slice(0, 3), 'renewal', params)).toEqual({
      index: 4,
      kind: 'renewal',
      start: '2025-07-02',
      plannedEnd: '2026-01-01',
      end: '2026-01-01',
      shortened: false,
    });
    const twoMonthsUsedExtra = [...FOUR_PERIODS.slice(0, 3), period('2025-07-02', '2025-09-01', 4)];
    expect(nextPeriod('2025-10-01', twoMonthsUsedExtra, 'resumption', params)).toMatchObject({
      start: '2025-10-01',
      end: '2026-01-31',
      shortened: true,
    });
    expect(nextPeriod('2026-01-02', FOUR_PERIODS, 'renewal', params)).toBeUndefined();
  });

  it('PSP-06 the final period is the one after which no budget is left', () => {
    expect(isFinalPeriod(FOUR_PERIODS, params)).toBe(true);
    expect(isFinalPeriod(FOUR_PERIODS.slice(0, 3), params)).toBe(false);
    expect(isFinalPeriod([], params)).toBe(false);
  });
});

describe('T10 / DUR-02 order of periods', () => {
  it('T10 a renewal starts the day after the last period; with no period there is none', () => {
    expect(dayAfterLastPeriod(FOUR_PERIODS.slice(0, 2))).toBe('2025-01-02');
    expect(dayAfterLastPeriod([])).toBeUndefined();
  });

  it('DUR-02 periods that follow each other do not overlap; a period starting on the last day of the previous one does', () => {
    expect(periodsDoNotOverlap(FOUR_PERIODS)).toEqual([]);
    expect(periodsDoNotOverlap([])).toEqual([]);
    expect(periodsDoNotOverlap([FOUR_PERIODS[0], period('2024-07-01', '2024-12-31', 2)])).toEqual([
      { rule: 'DUR-02', message: 'period 2 starts before period 1 ends' },
    ]);
    expect(periodsDoNotOverlap([...FOUR_PERIODS.slice(0, 2), period('2024-12-01', '2025-05-31', 3)])).toEqual(
      [{ rule: 'DUR-02', message: 'period 3 starts before period 2 ends' }],
    );
  });

  it('APS-01 / AFIS-01 the period covering a date, first and last day included; none outside', () => {
    expect(periodCovering(FOUR_PERIODS, '2024-07-02')).toBe(FOUR_PERIODS[1]);
    expect(periodCovering(FOUR_PERIODS, '2025-01-01')).toBe(FOUR_PERIODS[1]);
    expect(periodCovering(FOUR_PERIODS, '2024-01-01')).toBeUndefined();
    expect(periodCovering(FOUR_PERIODS, '2026-01-02')).toBeUndefined();
    expect(periodCovering([], '2024-03-01')).toBeUndefined();
  });
});

describe('DUR-04 / PSP-07 a period cut by a stop', () => {
  const first = FOUR_PERIODS[0]; // 2024-01-02..2024-07-01

  it('DUR-04 rights stop on the stop date: the last day with rights is the day before', () => {
    expect(stopPeriod(first, '2024-03-15', 'interrupted')).toEqual({
      ...first,
      end: '2024-03-14',
      stoppedOn: '2024-03-15',
      stopReason: 'interrupted',
    });
  });

  it('DUR-04 a stop on the last day keeps every day but that one; the day after keeps the period whole', () => {
    expect(stopPeriod(first, '2024-07-01', 'not_renewed').end).toBe('2024-06-30');
    expect(stopPeriod(first, '2024-07-02', 'completed')).toMatchObject({
      end: '2024-07-01',
      stopReason: 'completed',
    });
    expect(stopPeriod(first, '2024-09-01', 'withdrawn').end).toBe('2024-07-01');
  });

  it('DUR-04 a stop on the first day, or before it, leaves no day with rights', () => {
    expect(stopPeriod(first, '2024-01-02', 'closed').end).toBe('2024-01-01');
    expect(stopPeriod(first, '2023-12-01', 'closed').end).toBe('2024-01-01');
    expect(stopPeriod(first, '2024-01-03', 'closed').end).toBe('2024-01-02');
  });
});

describe('period arithmetic over random dates (fast-check)', () => {
  it('DUR-01 a period from any day 1..28 ends on the eve of the same day six months later', () => {
    fc.assert(
      fc.property(startArb, (start) => {
        const end = periodEnd(start, params);
        expect(addDays(end, 1)).toBe(addMonths(start, 6));
        expect(spanInMonthsAndDays(start, end)).toEqual({ months: 6, days: 0 });
      }),
    );
  });

  it('PSP-06 from any start, four renewed periods use exactly 24 months and the cap ends on the last day of the fourth', () => {
    fc.assert(
      fc.property(startArb, (start) => {
        const four = fourFrom(start);
        expect(rightsUsed(four)).toEqual({ months: 24, days: 0 });
        expect(capEnd(start, [], params)).toBe(four[3].end);
        expect(capNotReached(four[3].start, four.slice(0, 3), params)).toEqual([]);
        expect(nextPeriod(four[3].start, four.slice(0, 3), 'renewal', params)).toMatchObject({
          end: four[3].end,
          shortened: false,
        });
        expect(capNotReached(addDays(four[3].end, 1), four, params)).toEqual([
          expect.objectContaining({ rule: 'PSP-06' }),
        ]);
        expect(isFinalPeriod(four, params)).toBe(true);
        expect(isFinalPeriod(four.slice(0, 3), params)).toBe(false);
        expect(periodsDoNotOverlap(four)).toEqual([]);
      }),
    );
  });

  it('DUR-04 a stop on any date cuts the period to the day before, never after its end nor before its eve', () => {
    fc.assert(
      fc.property(startArb, fc.integer({ min: -30, max: 220 }), (start, offset) => {
        const whole = period(start, periodEnd(start, params));
        const stoppedOn = addDays(start, offset);
        const cut = stopPeriod(whole, stoppedOn, 'interrupted');
        const expected =
          offset <= 0
            ? addDays(start, -1)
            : offset > daysBetween(start, whole.end)
              ? whole.end
              : addDays(stoppedOn, -1);
        expect(cut.end).toBe(expected);
        expect(daysWithRights([cut])).toBe(Math.max(0, daysBetween(start, expected) + 1));
        expect(cut.plannedEnd).toBe(whole.plannedEnd);
      }),
    );
  });

  it('APS-01 a date is covered exactly when it lies between the first and last day of a period', () => {
    fc.assert(
      fc.property(startArb, fc.integer({ min: -10, max: 760 }), (start, offset) => {
        const four = fourFrom(start);
        const on = addDays(start, offset);
        const covering = periodCovering(four, on);
        const inside = four.filter((p) => p.start <= on && on <= p.end);
        expect(covering).toBe(inside[0]);
        expect(inside.length).toBe(on >= start && on <= four[3].end ? 1 : 0);
      }),
    );
  });
});

describe('DUR-01 / DUR-03 the runs of rights: anchored on their first day, closed by a stop', () => {
  const first = period('2024-08-31', '2025-02-28');
  const second = period('2025-03-01', '2025-08-30', 2);

  it('DUR-01 two periods that follow each other with no gap make one run anchored on the first day, in whatever order they are given', () => {
    const run = [{ anchor: '2024-08-31', end: '2025-08-30', open: true }];
    expect(rightsRuns([first, second])).toEqual(run);
    expect(rightsRuns([second, first])).toEqual(run);
  });

  it('DUR-02 a one-day period is a run of one day; a period stopped on its first day (no day of rights) is none', () => {
    expect(rightsRuns([period('2024-09-02', '2024-09-02')])).toEqual([
      { anchor: '2024-09-02', end: '2024-09-02', open: true },
    ]);
    const noDay = period('2024-09-02', '2024-09-01', 1, {
      plannedEnd: '2025-03-01',
      stopReason: 'interrupted',
    });
    expect(rightsRuns([noDay])).toEqual([]);
  });

  it('DUR-03 a period stopped on the day after its last day still closes its run: the next one opens a new run', () => {
    const stopped = { ...first, stopReason: 'interrupted' as const, stoppedOn: '2025-03-01' };
    expect(rightsRuns([stopped, second])).toEqual([
      { anchor: '2024-08-31', end: '2025-02-28', open: false },
      { anchor: '2025-03-01', end: '2025-08-30', open: true },
    ]);
  });

  it('DUR-03 a period that ended before its planned end closes its run, even with no stop reason', () => {
    const early = { ...first, end: '2025-02-27' };
    expect(rightsRuns([early, period('2025-02-28', '2025-08-27', 2)])).toEqual([
      { anchor: '2024-08-31', end: '2025-02-27', open: false },
      { anchor: '2025-02-28', end: '2025-08-27', open: true },
    ]);
  });
});
