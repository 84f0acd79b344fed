import { toMermaid } from '@psp/legal-kernel';
import { EVENT_SCHEMA_VERSIONS, PSP_CASE_EVENT_TYPES, pspEvent } from './events';
import { availableEvents, decide } from './decide';
import { applyEvent, foldCase, initialCaseState, persistCase, restoreCase } from './fold';
import { MACHINE_VERSION, pspCaseMachine } from './machine/psp-case.machine';
import { pspParameters } from './parameters';
import { caseStatus, caseView } from './view';
import {
  activeCase,
  apsDecision,
  completeChecklist,
  foreignNationalCase,
  given,
  renewal,
  requestOpened,
} from './testing/fixtures';

describe('Fold, decide and the available commands', () => {
  const history = [
    ...foreignNationalCase('2024-09-02'),
    pspEvent('ApsFiled', { filedOn: '2024-09-05', checklist: completeChecklist() }),
    apsDecision('2024-09-20'),
    ...renewal('2025-02-01'),
    pspEvent('Interrupted', { interruptedOn: '2025-05-01', reason: 'hospital_stay' }),
  ];

  it('caseStatus gives the status of caseView after every event, without the rest of the view', () => {
    let state = initialCaseState();
    for (const event of history) {
      state = applyEvent(state, event);
      expect(caseStatus(state)).toBe(caseView(state).status);
    }
  });

  it('replaying the same events twice gives deep-equal snapshots (determinism)', () => {
    const a = foldCase(history);
    const b = foldCase(history);
    expect(pspCaseMachine.getPersistedSnapshot(a)).toEqual(pspCaseMachine.getPersistedSnapshot(b));
    expect(a).toEqual(b);
    expect(a.value).toEqual(b.value);
    expect(JSON.stringify(a.context)).toBe(JSON.stringify(b.context));
    expect(caseView(a)).toEqual(caseView(b));
  });

  it('folding event by event equals folding the whole stream', () => {
    const stepwise = history.reduce(applyEvent, initialCaseState());
    expect(persistCase(stepwise)).toEqual(persistCase(foldCase(history)));
  });

  it('a persisted snapshot restores to a state that folds on exactly like the full replay', () => {
    const head = history.slice(0, 10);
    const tail = history.slice(10);
    const restored = restoreCase(JSON.parse(JSON.stringify(persistCase(foldCase(head)))));
    expect(persistCase(tail.reduce(applyEvent, restored))).toEqual(persistCase(foldCase(history)));
    expect(() => restoreCase({ ...persistCase(restored), machineVersion: 'psp-case@0' })).toThrow(
      'replay the events',
    );
  });

  it('PD-5 parameters travel in the snapshot, so a deployment override is replayed identically', () => {
    const params = pspParameters({
      observationDays: [{ from: '2016-04-15', value: 21, source: 'deployment' }],
    });
    expect(foldCase(activeCase(), params).context.params.observationDays[0].value).toBe(21);
    expect(foldCase(activeCase()).context.params.observationDays[0].value).toBe(15);
  });

  it('PD-6 decide refuses an event with the transition it needs when the status does not allow it', () => {
    const decision = decide(
      initialCaseState(),
      pspEvent('DecisionNotified', { notifiedOn: '2024-03-05', toPerson: true, toAssociation: true }),
    );
    expect(!decision.accepted && decision.violations).toEqual([
      { rule: 'T7', message: 'DecisionNotified is not allowed while the case is in status not_opened' },
    ]);
  });

  it('PD-6 decide refuses an event written with another schema version', () => {
    const event = { ...requestOpened(), schemaVersion: 2 } as unknown as ReturnType<typeof requestOpened>;
    const decision = decide(initialCaseState(), event);
    expect(!decision.accepted && decision.violations[0].rule).toBe('PD-5');
  });

  it('PD-6 availableEvents lists every event type with ok or the reason it is refused now', () => {
    const list = availableEvents(given([...activeCase(), ...renewal('2024-08-01').slice(0, 2)]).state);
    expect(list.map((e) => e.type)).toEqual(PSP_CASE_EVENT_TYPES);
    const byType = Object.fromEntries(list.map((e) => [e.type, e]));
    expect(byType.CommissionOpinionRecorded.available).toBe(true);
    expect(byType.Interrupted.available).toBe(true);
    expect(byType.RenewalGranted).toMatchObject({
      available: false,
      violations: [expect.objectContaining({ rule: 'PSP-02', missing: 'commissionOpinion' })],
    });
    expect(byType.NonRenewalNotified.violations[0].rule).toBe('PSP-09');
    expect(byType.RequestOpened.violations[0].rule).toBe('T1');
    expect(byType.AfisGranted.violations[0].message).toContain('afis.status not_requested');
  });

  it('every event type has a schema version and MACHINE_VERSION names the machine', () => {
    expect(MACHINE_VERSION).toBe('psp-case@1');
    expect(PSP_CASE_EVENT_TYPES.length).toBe(Object.keys(EVENT_SCHEMA_VERSIONS).length);
    expect(PSP_CASE_EVENT_TYPES).toContain('CourtOrderedAuthorisation');
  });

  it('the machine never uses XState delays for business time and draws as Mermaid', () => {
    const text = toMermaid(pspCaseMachine);
    expect(text).not.toContain('after ');
    expect(text).toContain('status__active__renewal_awaiting_decision');
    expect(text.split('\n')).toContain('  --');
  });
});
