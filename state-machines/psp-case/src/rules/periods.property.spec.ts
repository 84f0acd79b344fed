import fc from 'fast-check';
import { addDays, daysBetween } from '@psp/legal-kernel';
import { PspCaseEvent, pspEvent } from '../events';
import { decide } from '../decide';
import { PspCaseState, foldCase } from '../fold';
import { activeCase, commissionOpinion, renewalSubmitted } from '../testing/fixtures';
import { capEnd, periodsDoNotOverlap, rightsUsed } from './periods';

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
function run(steps: readonly Step[]): PspCaseState[] {
  let state = foldCase(activeCase('2024-03-01', '2024-03-05'));
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
      fc.property(fc.array(stepArb, { maxLength: 25 }), (steps) => {
        for (const state of run(steps)) {
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

  it('DUR-01 / DUR-03 with renewals only, periods follow each other and end exactly 24 months after the start', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 60 }), { minLength: 3, maxLength: 8 }), (offsets) => {
        const states = run(offsets.map((daysBeforeEnd) => ({ kind: 'renew' as const, daysBeforeEnd })));
        const periods = states[states.length - 1].context.periods;
        expect(periods).toHaveLength(4);
        periods.slice(1).forEach((p, i) => expect(daysBetween(periods[i].end, p.start)).toBe(1));
        expect(periods[3].end).toBe('2026-02-28');
        expect(rightsUsed(periods)).toEqual({ months: 24, days: 0 });
      }),
      { numRuns: 50 },
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
