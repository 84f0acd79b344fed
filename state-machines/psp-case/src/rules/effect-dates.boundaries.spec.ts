import { DecisionCycle } from '../machine/context';
import { DEFAULT_PSP_PARAMETERS, pspParameters } from '../parameters';
import { effectDateAllowed, renewalDecidedInTime } from './effect-dates';

/**
 * Boundaries of backdating (docs/adr/0009): DUR-05 at most 30 days before the decision date,
 * PSP-02 never before the opinions the decision rests on; PD-4 a renewal decided by the period's
 * last day.
 */

const params = DEFAULT_PSP_PARAMETERS;
const DECISION = '2024-03-31';

const cycle = (commission?: string, association?: string): DecisionCycle => ({
  kind: 'entry',
  ...(commission
    ? {
        commissionOpinion: {
          opinion: 'favourable' as const,
          recordedOn: commission,
          sessionId: 'S-1',
          itemId: 'i-1',
        },
      }
    : {}),
  ...(association ? { associationOpinion: { opinion: 'favourable' as const, givenOn: association } } : {}),
});

describe('DUR-05 a decision takes effect at most 30 days before its date', () => {
  it('DUR-05 30 days before the decision (1 March for 31 March) is allowed; 31 days is refused, naming effectiveFrom', () => {
    expect(effectDateAllowed('2024-03-01', DECISION, cycle(), params)).toEqual([]);
    expect(effectDateAllowed('2024-02-29', DECISION, cycle(), params)).toEqual([
      {
        rule: 'DUR-05',
        message:
          'the decision of 2024-03-31 cannot take effect on 2024-02-29: at most 30 days before the decision date (from 2024-03-01)',
        missing: 'effectiveFrom',
      },
    ]);
  });

  it.each([['2024-03-31'], ['2024-03-15'], ['2024-04-30']])(
    'DUR-05 an effect date on or after %s within the window, or later than the decision, is allowed',
    (effectiveFrom) => {
      expect(effectDateAllowed(effectiveFrom, DECISION, cycle(), params)).toEqual([]);
    },
  );

  it('DUR-05 the number of days is the parameter in force on the decision date', () => {
    const tenDays = pspParameters({
      maxBackdatingDays: [
        { from: '2016-04-15', to: '2024-03-30', value: 30, source: 'test' },
        { from: '2024-03-31', value: 10, source: 'test' },
      ],
    });
    expect(effectDateAllowed('2024-03-21', DECISION, cycle(), tenDays)).toEqual([]);
    expect(effectDateAllowed('2024-03-20', DECISION, cycle(), tenDays)).toEqual([
      expect.objectContaining({
        rule: 'DUR-05',
        message: expect.stringContaining('at most 10 days before the decision date (from 2024-03-21)'),
      }),
    ]);
    expect(effectDateAllowed('2024-03-20', '2024-03-30', cycle(), tenDays)).toEqual([]);
  });

  it('PD-5 with no backdating parameter in force on the decision date, the error names it', () => {
    const late = pspParameters({ maxBackdatingDays: [{ from: '2030-01-01', value: 30, source: 'test' }] });
    expect(() => effectDateAllowed('2024-03-15', DECISION, cycle(), late)).toThrow(
      'PD-5: no value of parameter "maxBackdatingDays" is in force on 2024-03-31',
    );
  });
});

describe('PSP-02 a decision takes effect no earlier than the opinions it rests on', () => {
  it('PSP-02 effect on the day of the commission opinion is allowed, the day before is refused', () => {
    expect(effectDateAllowed('2024-03-10', DECISION, cycle('2024-03-10'), params)).toEqual([]);
    expect(effectDateAllowed('2024-03-09', DECISION, cycle('2024-03-10'), params)).toEqual([
      {
        rule: 'PSP-02',
        message:
          'the decision cannot take effect on 2024-03-09, before the commission opinion it rests on (2024-03-10)',
      },
    ]);
  });

  it('PSP-02 effect on the day of the association opinion is allowed, the day before is refused', () => {
    expect(effectDateAllowed('2024-03-05', DECISION, cycle(undefined, '2024-03-05'), params)).toEqual([]);
    expect(effectDateAllowed('2024-03-04', DECISION, cycle(undefined, '2024-03-05'), params)).toEqual([
      {
        rule: 'PSP-02',
        message:
          'the decision cannot take effect on 2024-03-04, before the association opinion it rests on (2024-03-05)',
      },
    ]);
  });

  it('PSP-02 / DUR-05 every reason at once: commission, association, then the backdating limit', () => {
    expect(
      effectDateAllowed('2024-02-01', DECISION, cycle('2024-03-10', '2024-03-05'), params).map((v) => [
        v.rule,
        v.missing,
      ]),
    ).toEqual([
      ['PSP-02', undefined],
      ['PSP-02', undefined],
      ['DUR-05', 'effectiveFrom'],
    ]);
  });
});

describe('PD-4 a renewal continues the rights only if decided by the period last day', () => {
  it('PD-4 decided on the last day of the period: in time; the day after: refused with both dates', () => {
    expect(renewalDecidedInTime('2024-07-01', '2024-07-01')).toEqual([]);
    expect(renewalDecidedInTime('2024-06-01', '2024-07-01')).toEqual([]);
    expect(renewalDecidedInTime('2024-07-02', '2024-07-01')).toEqual([
      {
        rule: 'PD-4',
        message:
          'the period ended on 2024-07-01: a renewal decided on 2024-07-02, after it, cannot continue it; the case lapses and a resumption (T16) is needed',
      },
    ]);
  });
});
