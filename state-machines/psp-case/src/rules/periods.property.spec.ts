import fc from 'fast-check';
import {
  CalendarDate,
  addDays,
  daysBetween,
  daysInMonth,
  isCalendarDate,
  lastDayOfMonthsFrom,
} from '@psp/legal-kernel';
import { PspCaseEvent, pspEvent } from '../events';
import { decide } from '../decide';
import { PspCaseState, foldCase } from '../fold';
import {
  apsNotApplicable,
  authorised,
  commissionOpinion,
  instructionCompleted,
  notified,
  renewalSubmitted,
  requestOpened,
  submitted,
} from '../testing/fixtures';
import { capEnd, periodsDoNotOverlap, rightsUsed } from './periods';

/**
 * Random first days of a parcours, 2017–2035: any day, and often the 28th to the 31st of any month
 * (the days a month may not have), leap years included.
 */
const startArb: fc.Arbitrary<CalendarDate> = fc.oneof(
  fc.integer({ min: 0, max: 6_939 }).map((n) => addDays('2017-01-01', n)),
  fc
    .record({
      year: fc.integer({ min: 2017, max: 2035 }),
      month: fc.integer({ min: 1, max: 12 }),
      day: fc.integer({ min: 28, max: 31 }),
    })
    .map(
      ({ year, month, day }) => `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
    )
    .filter(isCalendarDate),
);

/** T1..T7 around `start`: instructed and both opinions before it, authorised and notified on it. */
function entryOn(start: CalendarDate): PspCaseEvent[] {
  return [
    requestOpened({ openedOn: addDays(start, -60) }),
    apsNotApplicable(addDays(start, -60)),
    instructionCompleted({ completedOn: addDays(start, -40) }),
    submitted(addDays(start, -38)),
    commissionOpinion('entry', { recordedOn: addDays(start, -20) }),
    authorised(start),
    notified(start),
  ];
}

/**
 * DUR-01, checked without the engine's own function: the day after a period counted from `anchor`
 * is day d of the month `months` later, or the 1st after a month that has no day d.
 */
function endsAsTheLawCounts(anchor: CalendarDate, months: number, end: CalendarDate): void {
  const [y, m, d] = anchor.split('-').map(Number);
  const target = y * 12 + (m - 1) + months;
  const [ty, tm] = [Math.floor(target / 12), (target % 12) + 1];
  const [ey, em, ed] = end.split('-').map(Number);
  if (d <= daysInMonth(ty, tm)) {
    expect(addDays(end, 1)).toBe(`${ty}-${String(tm).padStart(2, '0')}-${String(d).padStart(2, '0')}`);
  } else {
    expect([ey, em, ed]).toEqual([ty, tm, daysInMonth(ty, tm)]);
  }
}

/**
 * Property-based tests of the period arithmetic (DUR-01, DUR-02, PSP-06, PSP-07): random sequences of
 * renewals, interruptions, lapses and resumptions, pushed through `decide` like real commands.
 */
type Step =
  | { readonly kind: 'renew'; readonly daysBeforeEnd: number }
  | { readonly kind: 'interrupt'; readonly daysIn: number }
  | { readonly kind: 'lapse' }
  | { readonly kind: 'resume'; readonly gapDays: number; readonly statedDelay: number }
  | { readonly kind: 'cap' };

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('renew' as const), daysBeforeEnd: fc.integer({ min: 0, max: 60 }) }),
  fc.record({ kind: fc.constant('interrupt' as const), daysIn: fc.integer({ min: 0, max: 200 }) }),
  fc.record({ kind: fc.constant('lapse' as const) }),
  fc.record({
    kind: fc.constant('resume' as const),
    gapDays: fc.integer({ min: 0, max: 500 }),
    statedDelay: fc.integer({ min: 0, max: 40 }),
  }),
  fc.record({ kind: fc.constant('cap' as const) }),
);

function eventsFor(state: PspCaseState, step: Step): PspCaseEvent[] {
  const c = state.context;
  const last = c.periods[c.periods.length - 1];
  switch (step.kind) {
    case 'renew': {
      const on = addDays(last.end, -step.daysBeforeEnd);
      return [
        pspEvent('RenewalInstructionStarted', { startedOn: on }),
        renewalSubmitted(on),
        commissionOpinion('renewal', { recordedOn: on }),
        pspEvent('RenewalGranted', {
          decisionDate: on,
          notifiedOn: on,
          commitmentsAndDifficultiesConsidered: true,
        }),
      ];
    }
    case 'interrupt':
      return [pspEvent('Interrupted', { interruptedOn: addDays(last.start, step.daysIn), reason: 'other' })];
    case 'lapse':
      return [pspEvent('PeriodEnded', { periodIndex: last.index, endedOn: addDays(last.end, 1) })];
    case 'resume': {
      const on = addDays(c.rightsEndedOn ?? last.end, step.gapDays);
      return [
        pspEvent('ResumptionRequested', { requestedOn: on, associationOpinion: 'favourable' }),
        commissionOpinion('resumption', { recordedOn: on }),
        pspEvent('ResumptionAuthorised', {
          decisionDate: on,
          effectiveFrom: addDays(on, step.statedDelay),
          notifiedOn: on,
        }),
      ];
    }
    case 'cap':
      return [pspEvent('CapReached', { reachedOn: addDays(last.end, 1) })];
  }
}

/** Applies each step's events through `decide`, keeping only what the machine accepts. */
function run(steps: readonly Step[], start: CalendarDate = '2024-03-01'): PspCaseState[] {
  let state = foldCase(entryOn(start));
  const states = [state];
  for (const step of steps) {
    for (const event of eventsFor(state, step)) {
      const decision = decide(state, event);
      if (decision.accepted) state = decision.next;
    }
    states.push(state);
  }
  return states;
}

describe('Period arithmetic properties', () => {
  it('DUR-02 / PSP-07 random renewals, interruptions and resumptions never overlap periods and never exceed the cap', () => {
    fc.assert(
      fc.property(startArb, fc.array(stepArb, { maxLength: 25 }), (start, steps) => {
        for (const state of run(steps, start)) {
          const periods = state.context.periods;
          expect(periodsDoNotOverlap(periods)).toEqual([]);
          const used = rightsUsed(periods);
          expect(used.months).toBeLessThanOrEqual(24);
          if (used.months === 24) expect(used.days).toBe(0);
          periods.forEach((p, i) => {
            // each period fits the budget left when it started (PSP-06, PSP-07)
            expect(p.end <= capEnd(p.start, periods.slice(0, i), state.context.params)).toBe(true);
            expect(p.end >= addDays(p.start, -1)).toBe(true);
          });
        }
      }),
      { numRuns: 150 },
    );
  });

  it('DUR-01 / DUR-03 with renewals only, from any start date, every period ends as counted from the anchor and the fourth ends 24 months after it', () => {
    fc.assert(
      fc.property(
        startArb,
        fc.array(fc.integer({ min: 0, max: 60 }), { minLength: 3, maxLength: 8 }),
        (start, offsets) => {
          const states = run(
            offsets.map((daysBeforeEnd) => ({ kind: 'renew' as const, daysBeforeEnd })),
            start,
          );
          const periods = states[states.length - 1].context.periods;
          expect(periods).toHaveLength(4);
          expect(periods[0].start).toBe(start);
          periods.slice(1).forEach((p, i) => expect(daysBetween(periods[i].end, p.start)).toBe(1));
          periods.forEach((p, k) => {
            endsAsTheLawCounts(start, 6 * (k + 1), p.end);
            expect(p.shortened).toBe(false);
          });
          expect(periods[3].end).toBe(lastDayOfMonthsFrom(start, 24));
          expect(rightsUsed(periods)).toEqual({ months: 24, days: 0 });
          expect(capEnd(periods[3].start, periods.slice(0, 3), states[0].context.params)).toBe(
            periods[3].end,
          );
        },
      ),
      { numRuns: 300 },
    );
  });

  it('DUR-01 / DUR-03 every start on the 28th to the 31st of every month of 2023–2029 (leap years included) gives four periods counted from the anchor', () => {
    for (let year = 2023; year <= 2029; year++) {
      for (let month = 1; month <= 12; month++) {
        for (let day = 28; day <= daysInMonth(year, month); day++) {
          const start = `${year}-${String(month).padStart(2, '0')}-${day}`;
          const states = run(
            [0, 0, 0, 0].map(() => ({ kind: 'renew' as const, daysBeforeEnd: 10 })),
            start,
          );
          const periods = states[states.length - 1].context.periods;
          expect(periods.map((p) => p.index)).toEqual([1, 2, 3, 4]);
          periods.forEach((p, k) => endsAsTheLawCounts(start, 6 * (k + 1), p.end));
          expect(rightsUsed(periods)).toEqual({ months: 24, days: 0 });
        }
      }
    }
  });

  it('DUR-01 / PSP-07 a resumption after an interruption opens a new anchor: its periods count from the resumption date, and the last one ends on the cap', () => {
    fc.assert(
      fc.property(
        startArb,
        fc.integer({ min: 0, max: 2 }),
        fc.integer({ min: 0, max: 170 }),
        fc.integer({ min: 1, max: 400 }),
        (start, renewals, daysIn, gapDays) => {
          const steps: Step[] = [
            ...Array.from({ length: renewals }, () => ({ kind: 'renew' as const, daysBeforeEnd: 5 })),
            { kind: 'interrupt', daysIn },
            { kind: 'resume', gapDays, statedDelay: 0 },
            ...Array.from({ length: 5 }, () => ({ kind: 'renew' as const, daysBeforeEnd: 5 })),
          ];
          const states = run(steps, start);
          const periods = states[states.length - 1].context.periods;
          const resumed = periods.findIndex((p) => p.kind === 'resumption');
          expect(resumed).toBe(renewals + 1);
          const before = periods.slice(0, resumed);
          const anchor = periods[resumed].start;
          const params = states[0].context.params;
          const used = rightsUsed(before);
          const capLastDay = addDays(lastDayOfMonthsFrom(anchor, 24 - used.months), -used.days);
          const after = periods.slice(resumed);
          after.slice(1).forEach((p, i) => expect(daysBetween(after[i].end, p.start)).toBe(1));
          after.forEach((p, j) => {
            if (p.shortened) expect(p.end).toBe(capLastDay);
            else endsAsTheLawCounts(anchor, 6 * (j + 1), p.end);
          });
          // the cap ends the run exactly, counted from the resumption's anchor (PSP-07)
          expect(after[after.length - 1].end).toBe(capLastDay);
          expect(capEnd(anchor, before, params)).toBe(capLastDay);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('PSP-07 the days with rights, summed across interruptions, never exceed what 24 calendar months can hold', () => {
    fc.assert(
      fc.property(fc.array(stepArb, { maxLength: 15 }), (steps) => {
        const states = run(steps);
        const final = states[states.length - 1];
        const sum = final.context.periods.reduce(
          (total, p) => total + Math.max(0, daysBetween(p.start, p.end) + 1),
          0,
        );
        // 24 calendar months hold at most 4 × 184 days (four July–December periods)
        expect(sum).toBeLessThanOrEqual(4 * 184);
      }),
      { numRuns: 100 },
    );
  });
});
