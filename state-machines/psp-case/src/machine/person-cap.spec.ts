import { PspCaseEvent, pspEvent } from '../events';
import {
  activeCase,
  authorised,
  entryUnderDecision,
  given,
  notified,
  replayAccepted,
  requestOpened,
  resumption,
} from '../testing/fixtures';
import { caseView } from '../view';

/**
 * PSP-06 / PSP-07 (R.121-12-10 paragraphs 3 and 4): the 24-month cap belongs to the person, not to
 * the case. The workflow records in each decision the periods the person held in other cases (any
 * association, any département) as a fact; the guards count them with the case's own.
 */

/** A completed 24-month parcours of the same person in another case (four full periods). */
const FULL_PARCOURS_ELSEWHERE = [
  { caseId: 'case-A', index: 1, kind: 'entry', start: '2021-01-01', end: '2021-06-30' },
  { caseId: 'case-A', index: 2, kind: 'renewal', start: '2021-07-01', end: '2021-12-31' },
  { caseId: 'case-A', index: 3, kind: 'renewal', start: '2022-01-01', end: '2022-06-30' },
  {
    caseId: 'case-A',
    index: 4,
    kind: 'renewal',
    start: '2022-07-01',
    end: '2022-12-31',
    stopReason: 'completed',
  },
] as const;

/** 20 months used in another case, the last period cut short by an interruption. */
const TWENTY_MONTHS_ELSEWHERE = [
  { caseId: 'case-A', index: 1, kind: 'entry', start: '2021-01-01', end: '2021-06-30' },
  { caseId: 'case-A', index: 2, kind: 'renewal', start: '2021-07-01', end: '2021-12-31' },
  { caseId: 'case-A', index: 3, kind: 'renewal', start: '2022-01-01', end: '2022-06-30' },
  {
    caseId: 'case-A',
    index: 4,
    kind: 'renewal',
    start: '2022-07-01',
    end: '2022-08-31',
    stopReason: 'interrupted',
  },
] as const;

function authorisedWith(decisionDate: string, personPeriods: readonly object[]): PspCaseEvent {
  return { ...authorised(decisionDate), data: { decisionDate, personPeriods } } as PspCaseEvent;
}

describe('the cap over every case of the person (PSP-06, PSP-07)', () => {
  it('PSP-06: a person with a completed 24-month parcours in another case starts a new case: the cap counts both, entry is refused', () => {
    const decision = given(entryUnderDecision()).when(authorisedWith('2024-03-01', FULL_PARCOURS_ELSEWHERE));
    expect(decision.accepted).toBe(false);
    if (!decision.accepted)
      expect(decision.violations).toContainEqual(expect.objectContaining({ rule: 'PSP-06' }));
  });

  it('PSP-07: 20 months held in another case (interrupted) leave 4: the first period of the new case is shortened to 4 months', () => {
    const state = replayAccepted([
      ...entryUnderDecision(),
      authorisedWith('2024-03-01', TWENTY_MONTHS_ELSEWHERE),
      notified('2024-03-05'),
    ]);
    const view = caseView(state);
    expect(view.periods).toEqual([
      expect.objectContaining({ index: 1, start: '2024-03-01', end: '2024-06-30', shortened: true }),
    ]);
    expect(view.rights.finalPeriod).toBe(true);
    // the person's count over both cases: 20 months elsewhere + 4 here
    expect(view.rights.personUsed).toEqual({ months: 24, days: 0 });
    expect(view.rights.left).toEqual({ months: 0, days: 0 });
  });

  it('PSP-07: a day short of the cap elsewhere: the boundary leaves exactly one day', () => {
    const almost = [
      ...FULL_PARCOURS_ELSEWHERE.slice(0, 3),
      {
        caseId: 'case-A',
        index: 4,
        kind: 'renewal',
        start: '2022-07-01',
        end: '2022-12-30',
        stopReason: 'interrupted',
      },
    ];
    const state = replayAccepted([...entryUnderDecision(), authorisedWith('2024-03-01', almost), notified()]);
    expect(caseView(state).periods[0]).toEqual(
      expect.objectContaining({ start: '2024-03-01', end: '2024-03-01', shortened: true }),
    );
  });

  it('PSP-07: a resumption counts the periods the person held in another case since the last decision', () => {
    const events = [
      ...activeCase('2024-03-01'),
      pspEvent('Interrupted', { interruptedOn: '2024-05-01', reason: 'person_choice' }),
    ];
    const [requested, opinion, resumed] = resumption('2025-01-10');
    const withFacts = {
      ...resumed,
      data: { ...resumed.data, personPeriods: FULL_PARCOURS_ELSEWHERE },
    } as PspCaseEvent;
    const decision = given([...events, requested, opinion]).when(withFacts);
    expect(decision.accepted).toBe(false);
    if (!decision.accepted)
      expect(decision.violations).toContainEqual(expect.objectContaining({ rule: 'PSP-07' }));
  });

  it('PSP-07: the person cannot hold rights in two cases at once: entry is refused while another case still runs', () => {
    const running = [{ caseId: 'case-A', index: 1, kind: 'entry', start: '2024-01-01', end: '2024-06-30' }];
    const decision = given(entryUnderDecision()).when(authorisedWith('2024-03-01', running));
    expect(decision.accepted).toBe(false);
    if (!decision.accepted)
      expect(decision.violations).toContainEqual(
        expect.objectContaining({ rule: 'PSP-07', message: expect.stringContaining('case-A') }),
      );
  });

  it('PSP-07: while a possible prior parcours is neither confirmed nor denied, the préfet cannot authorise', () => {
    const opened = {
      ...requestOpened(),
      data: { ...requestOpened().data, personId: 'person-new', possiblePriorParcours: true },
    } as PspCaseEvent;
    const [, ...rest] = entryUnderDecision();
    const decision = given([opened, ...rest]).when(authorised('2024-03-01'));
    expect(decision.accepted).toBe(false);
    if (!decision.accepted)
      expect(decision.violations).toContainEqual(
        expect.objectContaining({ rule: 'PSP-07', message: expect.stringContaining('confirm-person-link') }),
      );
  });

  it('PSP-07: once the association confirms the link, the case belongs to the prior person; once denied, it keeps its own', () => {
    const opened = {
      ...requestOpened(),
      data: { ...requestOpened().data, personId: 'person-new', possiblePriorParcours: true },
    } as PspCaseEvent;
    const [, ...rest] = entryUnderDecision();
    const confirmed = replayAccepted([
      opened,
      ...rest,
      {
        type: 'PersonLinkConfirmed',
        schemaVersion: 1,
        data: { confirmedOn: '2024-02-20', personId: 'person-prior' },
      } as PspCaseEvent,
      authorised('2024-03-01'),
    ]);
    expect(confirmed.context.personId).toBe('person-prior');
    const denied = replayAccepted([
      opened,
      ...rest,
      { type: 'PersonLinkDenied', schemaVersion: 1, data: { deniedOn: '2024-02-20' } } as PspCaseEvent,
      authorised('2024-03-01'),
    ]);
    expect(denied.context.personId).toBe('person-new');
    // no match pending: nothing to confirm
    const plain = given(entryUnderDecision()).when({
      type: 'PersonLinkConfirmed',
      schemaVersion: 1,
      data: { confirmedOn: '2024-02-20', personId: 'person-prior' },
    } as PspCaseEvent);
    expect(plain.accepted).toBe(false);
  });

  it('replay: decisions recorded before person facts existed still fold to the same periods', () => {
    const state = replayAccepted(activeCase('2024-03-01'));
    expect(caseView(state).periods).toEqual([
      expect.objectContaining({ index: 1, start: '2024-03-01', end: '2024-08-31', shortened: false }),
    ]);
  });
});
