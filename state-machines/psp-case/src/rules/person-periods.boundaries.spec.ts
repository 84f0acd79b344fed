import { PersonPeriodFact } from '../events';
import { contextWith, period } from '../testing/contexts';
import {
  noRightsElsewhere,
  periodsFromFacts,
  personLinkDecided,
  personPeriods,
  withPersonFacts,
} from './person-periods';

/**
 * Boundaries of the person's periods across cases (PSP-06 / PSP-07, R.121-12-10 paragraphs 3 and 4):
 * which periods the cap counts, a period elsewhere ending the day before or on the day a new one
 * starts, and the link to an earlier parcours still to be answered.
 */

const fact = (over: Partial<PersonPeriodFact> = {}): PersonPeriodFact => ({
  caseId: 'case-old',
  index: 1,
  kind: 'entry',
  start: '2022-01-02',
  end: '2022-07-01',
  ...over,
});

const own = [period('2024-01-02', '2024-07-01')];

describe("PSP-06 / PSP-07 the periods the cap counts are the person's", () => {
  it("PSP-06 without periods elsewhere, the case's own periods (the same list)", () => {
    const context = contextWith({ periods: own });
    expect(personPeriods(context)).toBe(own);
    expect(personPeriods(contextWith({ periods: own, otherCasePeriods: [] }))).toBe(own);
  });

  it("PSP-07 the periods of other cases come first, then the case's own", () => {
    const elsewhere = periodsFromFacts([fact()]);
    expect(personPeriods(contextWith({ periods: own, otherCasePeriods: elsewhere }))).toEqual([
      ...elsewhere,
      ...own,
    ]);
  });

  it('PSP-07 facts become periods in date order, keeping their case, kind, index and stop', () => {
    const facts = [
      fact({
        caseId: 'b',
        index: 2,
        kind: 'renewal',
        start: '2022-07-02',
        end: '2022-10-01',
        stopReason: 'interrupted',
      }),
      fact({ caseId: 'c', index: 1, start: '2023-01-02', end: '2023-07-01' }),
      fact({ caseId: 'a', index: 1, start: '2022-01-02', end: '2022-07-01' }),
    ];
    expect(periodsFromFacts(facts)).toEqual([
      {
        index: 1,
        kind: 'entry',
        start: '2022-01-02',
        plannedEnd: '2022-07-01',
        end: '2022-07-01',
        shortened: false,
        caseId: 'a',
      },
      {
        index: 2,
        kind: 'renewal',
        start: '2022-07-02',
        plannedEnd: '2022-10-01',
        end: '2022-10-01',
        shortened: false,
        stopReason: 'interrupted',
        caseId: 'b',
      },
      {
        index: 1,
        kind: 'entry',
        start: '2023-01-02',
        plannedEnd: '2023-07-01',
        end: '2023-07-01',
        shortened: false,
        caseId: 'c',
      },
    ]);
    expect(Object.keys(periodsFromFacts([fact()])[0])).not.toContain('stopReason');
    expect(facts.map((f) => f.caseId)).toEqual(['b', 'c', 'a']);
  });

  it('PSP-07 two facts starting the same day keep their order', () => {
    const same = [fact({ caseId: 'x' }), fact({ caseId: 'y' }), fact({ caseId: 'z', start: '2021-01-02' })];
    expect(periodsFromFacts(same).map((p) => p.caseId)).toEqual(['z', 'x', 'y']);
    const reversed = [
      fact({ caseId: 'z', start: '2023-01-02' }),
      fact({ caseId: 'x' }),
      fact({ caseId: 'y' }),
    ];
    expect(periodsFromFacts(reversed).map((p) => p.caseId)).toEqual(['x', 'y', 'z']);
  });

  it('PSP-07 a decision without facts leaves the context as it is; with facts, they replace the periods elsewhere', () => {
    const context = contextWith({ periods: own, otherCasePeriods: periodsFromFacts([fact()]) });
    expect(withPersonFacts(context, undefined)).toBe(context);
    const replaced = withPersonFacts(context, [fact({ caseId: 'new' })]);
    expect(replaced.otherCasePeriods?.map((p) => p.caseId)).toEqual(['new']);
    expect(replaced.periods).toBe(own);
    expect(withPersonFacts(context, []).otherCasePeriods).toEqual([]);
  });
});

describe('PSP-07 one parcours at a time', () => {
  const elsewhere = (end: string, caseId: string | null = 'case-old') =>
    contextWith({
      otherCasePeriods: [{ ...period('2024-01-02', end), ...(caseId ? { caseId } : {}) }],
    });

  it('PSP-07 rights elsewhere ending the day before the new period: allowed; ending on its first day: refused, naming the case and the end', () => {
    expect(noRightsElsewhere(elsewhere('2024-07-01'), '2024-07-02')).toEqual([]);
    expect(noRightsElsewhere(elsewhere('2024-07-02'), '2024-07-02')).toEqual([
      {
        rule: 'PSP-07',
        message:
          'the person holds PSP rights in case case-old until 2024-07-02: that case must end before a period starts here',
      },
    ]);
  });

  it('PSP-07 a period elsewhere without its case id is named as another case', () => {
    expect(noRightsElsewhere(elsewhere('2024-12-31', null), '2024-07-02')[0].message).toBe(
      'the person holds PSP rights in case (another case) until 2024-12-31: that case must end before a period starts here',
    );
  });

  it('PSP-07 no periods elsewhere: allowed', () => {
    expect(noRightsElsewhere(contextWith(), '2024-07-02')).toEqual([]);
  });

  it('PSP-07 the first period elsewhere still running is named', () => {
    const context = contextWith({
      otherCasePeriods: [
        { ...period('2022-01-02', '2022-07-01'), caseId: 'ended' },
        { ...period('2024-01-02', '2024-09-01'), caseId: 'running' },
      ],
    });
    expect(noRightsElsewhere(context, '2024-07-02')[0].message).toContain('case running until 2024-09-01');
  });

  it.each([
    ['pending', [{ rule: 'PSP-07', missing: 'personLink' }]],
    ['confirmed', []],
    ['denied', []],
    ['none', []],
    [undefined, []],
  ] as const)(
    'PSP-07 a person link %s: the préfet may decide unless it is pending',
    (personLink, expected) => {
      expect(
        personLinkDecided(contextWith({ personLink })).map((v) => ({ rule: v.rule, missing: v.missing })),
      ).toEqual(expected);
    },
  );

  it('PSP-07 the pending link refusal says what to do', () => {
    expect(personLinkDecided(contextWith({ personLink: 'pending' }))[0].message).toBe(
      'a probable earlier parcours of this person was found: the association must confirm or deny it (confirm-person-link / deny-person-link) before the préfet decides, so that the 24-month cap counts every period of the person',
    );
  });
});
