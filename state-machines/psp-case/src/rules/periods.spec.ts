import { addDays } from '@psp/legal-kernel';
import { DEFAULT_PSP_PARAMETERS, pspParameters } from '../parameters';
import { Period } from '../machine/context';
import {
  capEnd,
  capNotReached,
  nextPeriod,
  periodEnd,
  rightsLeft,
  rightsUsed,
  spanInMonthsAndDays,
  stopPeriod,
} from './periods';

const params = DEFAULT_PSP_PARAMETERS;

function chain(starts: string[]): Period[] {
  return starts.reduce<Period[]>((periods, start) => {
    const next = nextPeriod(start, periods, 'renewal', params);
    if (!next) throw new Error('cap reached');
    return [...periods, next];
  }, []);
}

describe('Duration arithmetic (section 2.4)', () => {
  it('DUR-01 a period ends the day before the same day-of-month six months later', () => {
    expect(periodEnd('2024-03-01', params)).toBe('2024-08-31');
    expect(periodEnd('2024-03-15', params)).toBe('2024-09-14');
    // no 31 February: the period ends on the last day of that month (French counting of months)
    expect(periodEnd('2024-08-31', params)).toBe('2025-02-28');
    expect(periodEnd('2023-08-31', params)).toBe('2024-02-29');
    expect(periodEnd('2023-08-29', params)).toBe('2024-02-28');
    expect(periodEnd('2024-08-29', params)).toBe('2025-02-28');
  });

  it('DUR-01 / DUR-03 every period is computed from the anchor date: no clamping carries into later periods', () => {
    const periods: Period[] = [];
    let start = '2024-08-31';
    for (;;) {
      const next = nextPeriod(start, periods, 'renewal', params);
      if (!next) break;
      periods.push(next);
      start = addDays(next.end, 1);
    }
    expect(periods.map((p) => [p.start, p.end])).toEqual([
      ['2024-08-31', '2025-02-28'],
      ['2025-03-01', '2025-08-30'],
      ['2025-08-31', '2026-02-28'],
      ['2026-03-01', '2026-08-30'],
    ]);
    expect(periods.map((p) => p.shortened)).toEqual([false, false, false, false]);
    expect(rightsUsed(periods)).toEqual({ months: 24, days: 0 });
    // PSP-06: the 24-month cap's last day
    expect(capEnd('2024-08-31', [], params)).toBe('2026-08-30');
    expect(capEnd('2025-03-01', periods.slice(0, 1), params)).toBe('2026-08-30');
    expect(capNotReached('2026-08-31', periods, params)).toEqual([
      expect.objectContaining({ rule: 'PSP-06' }),
    ]);
    expect(rightsLeft(periods.slice(0, 1), params)).toEqual({ months: 18, days: 0 });
    expect(rightsLeft(periods, params)).toEqual({ months: 0, days: 0 });
  });

  it('DUR-02 a six-month period counts as six months, whatever day it starts on', () => {
    expect(spanInMonthsAndDays('2024-08-31', '2025-02-28')).toEqual({ months: 6, days: 0 });
    expect(spanInMonthsAndDays('2024-08-31', '2025-02-27')).toEqual({ months: 5, days: 28 });
    expect(spanInMonthsAndDays('2024-01-31', '2024-02-29')).toEqual({ months: 1, days: 0 });
  });

  it('DUR-01 / PD-5 the period length is a dated parameter', () => {
    const custom = pspParameters({ periodMonths: [{ from: '2016-04-15', value: 3, source: 'test' }] });
    expect(periodEnd('2024-03-01', custom)).toBe('2024-05-31');
  });

  it('DUR-02 counts whole calendar months then leftover days', () => {
    expect(spanInMonthsAndDays('2024-03-01', '2024-08-31')).toEqual({ months: 6, days: 0 });
    expect(spanInMonthsAndDays('2024-03-01', '2024-05-10')).toEqual({ months: 2, days: 10 });
    expect(spanInMonthsAndDays('2024-03-01', '2024-02-29')).toEqual({ months: 0, days: 0 });
  });

  it('DUR-02 the last period is shortened to keep the total within the cap', () => {
    const first = chain(['2024-01-01']);
    const stopped = [stopPeriod(first[0], '2024-03-11', 'interrupted')];
    expect(rightsUsed(stopped)).toEqual({ months: 2, days: 10 });
    const afterThree = [...stopped, ...chain(['2025-01-01'])];
    const periods = [...afterThree];
    for (const start of ['2025-07-01', '2026-01-01'])
      periods.push(nextPeriod(start, periods, 'renewal', params) as Period);
    expect(periods.map((p) => p.shortened)).toEqual([false, false, false, false]);
    const last = nextPeriod('2026-07-01', periods, 'renewal', params) as Period;
    // 20 months 10 days used: 4 months minus 10 days left
    expect(last).toMatchObject({ start: '2026-07-01', end: '2026-10-21', shortened: true });
  });

  it('PSP-06 the 24-month cap: a fifth period after four full ones is refused', () => {
    const four = chain(['2024-01-01', '2024-07-01', '2025-01-01', '2025-07-01']);
    expect(rightsUsed(four)).toEqual({ months: 24, days: 0 });
    expect(capNotReached('2026-01-01', four, params)).toEqual([expect.objectContaining({ rule: 'PSP-06' })]);
    expect(nextPeriod('2026-01-01', four, 'renewal', params)).toBeUndefined();
  });

  it('PSP-07 adds interrupted periods to the 24-month cap', () => {
    const periods = chain(['2024-01-01', '2024-07-01']);
    const interrupted = [periods[0], stopPeriod(periods[1], '2024-11-01', 'interrupted')];
    expect(rightsUsed(interrupted)).toEqual({ months: 10, days: 0 });
    expect(capEnd('2025-11-01', interrupted, params)).toBe('2026-12-31');
    const exhausted = [
      ...interrupted,
      { ...periods[0], index: 3, start: '2025-11-01', end: '2026-12-31', plannedEnd: '2026-12-31' },
    ];
    expect(capNotReached('2027-06-01', exhausted, params)).toEqual([
      expect.objectContaining({ rule: 'PSP-07' }),
    ]);
  });

  it('DUR-03 with no interruption there are at most four periods', () => {
    const periods: Period[] = [];
    let start = '2024-01-01';
    for (;;) {
      const next = nextPeriod(start, periods, 'renewal', params);
      if (!next) break;
      periods.push(next);
      start = addDays(next.end, 1);
    }
    expect(periods).toHaveLength(4);
  });

  it('DUR-04 a stop ends the period the day before the stop date (rights end on it)', () => {
    const [period] = chain(['2024-01-01']);
    expect(stopPeriod(period, '2024-03-15', 'not_renewed')).toMatchObject({
      end: '2024-03-14',
      stoppedOn: '2024-03-15',
    });
  });
});
