import { AgrementStreamEvent } from '../events';
import { agrementParameters } from '../parameters';
import { isAgrementValidFor } from '../rules';
import { agrementDeadlines, agrementView, isExpiringSoon } from '../views';
import { GRANTED_HISTORY, applied, granted, renewalApplied } from './agrement.fixtures';
import { decideAgrement } from './decide';
import { AgrementReplayError, foldAgrement } from './fold';

const given = (...events: readonly AgrementStreamEvent[]) => foldAgrement(events);

function refusal(events: readonly AgrementStreamEvent[], when: AgrementStreamEvent) {
  const decision = decideAgrement(given(...events), when);
  if (decision.accepted) throw new Error(`expected a refusal of ${when.type}`);
  return decision.violations;
}

const silence = (on: string, applicationId = 'app-1'): AgrementStreamEvent => ({
  type: 'AgrementGrantedBySilence',
  schemaVersion: 1,
  data: { applicationId, on },
});

describe('agrément decision, silence and term (R.121-12-3, R.121-12-4)', () => {
  it('AGR-05 grants the agrément after 4 months of silence on a complete file', () => {
    // given a complete file received on 2024-01-15 and no decision
    const state = given(applied());
    expect(agrementDeadlines(state).silenceDeadline).toBe('2024-05-15');
    // when the scheduler emits the silence event on the deadline
    const decision = decideAgrement(state, silence('2024-05-15'));
    // then the agrément is granted from that date, for the départements requested, for 3 years
    expect(decision.accepted).toBe(true);
    if (!decision.accepted) return;
    const view = agrementView(decision.next);
    expect(view.status).toBe('granted');
    expect(view.terms[0]).toMatchObject({
      kind: 'granted_by_silence',
      validFrom: '2024-05-15',
      validTo: '2027-05-14',
    });
    expect(view.departements).toEqual(['69', '01']);
  });

  it('AGR-05 refuses the silence event before 4 months have passed', () => {
    expect(refusal([applied()], silence('2024-05-14')).map((v) => v.rule)).toEqual(['AGR-05']);
  });

  it('AGR-05 runs the silence clock from the receipt of the missing documents (AGR-04)', () => {
    const state = given(
      applied(),
      {
        type: 'MissingDocumentsRequested',
        schemaVersion: 1,
        data: { applicationId: 'app-1', requestedOn: '2024-02-10', missingItems: ['registration_number'] },
      },
      {
        type: 'MissingDocumentsReceived',
        schemaVersion: 1,
        data: { applicationId: 'app-1', receivedOn: '2024-03-20', items: ['registration_number'] },
      },
    );
    expect(agrementDeadlines(state).silenceDeadline).toBe('2024-07-20');
    expect(decideAgrement(state, silence('2024-07-19')).accepted).toBe(false);
    expect(decideAgrement(state, silence('2024-07-20')).accepted).toBe(true);
  });

  it('AGR-05 refuses an express decision taken after the silence already granted the agrément', () => {
    const violations = refusal([applied()], {
      type: 'AgrementRefused',
      schemaVersion: 1,
      data: {
        applicationId: 'app-1',
        decidedOn: '2024-06-01',
        decidedByDepartement: '69',
        reasons: ['late'],
      },
    });
    expect(violations).toEqual([
      expect.objectContaining({ rule: 'AGR-05', message: expect.stringContaining('2024-05-15') }),
    ]);
  });

  it('AGR-06 grants for 3 years by the préfet of the head-office département', () => {
    const view = agrementView(given(...GRANTED_HISTORY));
    expect(view).toMatchObject({ status: 'granted', validFrom: '2024-03-01', validTo: '2027-02-28' });
    expect(view.deadlines).toMatchObject({ expiresOn: '2027-03-01', expiryWarningFrom: '2026-08-28' });
  });

  it('AGR-06 refuses a decision by the préfet of another département', () => {
    expect(refusal([applied()], granted({ decidedByDepartement: '01' })).map((v) => v.rule)).toEqual([
      'AGR-06',
    ]);
  });

  it('AGR-06 refuses a refusal without reasons (CRPA L.211-2)', () => {
    const violations = refusal([applied()], {
      type: 'AgrementRefused',
      schemaVersion: 1,
      data: { applicationId: 'app-1', decidedOn: '2024-02-01', decidedByDepartement: '69', reasons: [] },
    });
    expect(violations).toEqual([expect.objectContaining({ rule: 'AGR-06', missing: 'reasons' })]);
  });

  it('AGR-06 expires the agrément the day after its last day and it is no longer valid', () => {
    const expiry = (on: string): AgrementStreamEvent => ({
      type: 'AgrementExpired',
      schemaVersion: 1,
      data: { on },
    });
    expect(refusal(GRANTED_HISTORY, expiry('2027-02-28')).map((v) => v.rule)).toEqual(['AGR-06']);
    const state = given(...GRANTED_HISTORY, expiry('2027-03-01'));
    expect(agrementView(state).status).toBe('expired');
    expect(isAgrementValidFor(state, '69', '2027-03-01')).toEqual([
      expect.objectContaining({ rule: 'AGR-06' }),
    ]);
    // the history still answers for past dates (auditors)
    expect(isAgrementValidFor(state, '69', '2026-06-01')).toEqual([]);
  });

  it('AGR-06 flags the agrément as expiring within 6 months', () => {
    const state = given(...GRANTED_HISTORY);
    expect(isExpiringSoon(state, '2026-08-27')).toBe(false);
    expect(isExpiringSoon(state, '2026-08-28')).toBe(true);
  });

  it('AGR-07 renews with the same clocks: silence 4 months after the complete renewal file, new term after the running one', () => {
    const state = given(...GRANTED_HISTORY, renewalApplied({ receivedOn: '2026-09-01' }));
    expect(agrementView(state)).toMatchObject({ status: 'granted', renewal: 'applied' });
    expect(agrementDeadlines(state)).toMatchObject({
      completenessDeadline: '2026-11-01',
      silenceDeadline: '2027-01-01',
    });
    expect(decideAgrement(state, silence('2026-12-31', 'app-2')).accepted).toBe(false);
    const renewed = decideAgrement(state, silence('2027-01-01', 'app-2'));
    expect(renewed.accepted).toBe(true);
    if (!renewed.accepted) return;
    const view = agrementView(renewed.next);
    expect(view).toMatchObject({
      status: 'renewed',
      renewal: 'none',
      validFrom: '2027-03-01',
      validTo: '2030-02-28',
    });
    expect(isAgrementValidFor(renewed.next, '69', '2029-12-31')).toEqual([]);
  });

  describe('AGR-07 (R.121-12-4): a renewal filed before expiry and undecided at expiry', () => {
    const expiry = (on: string): AgrementStreamEvent =>
      ({ type: 'AgrementExpired', schemaVersion: 2, data: { on } }) as AgrementStreamEvent;
    // valid until 2027-02-28; the complete renewal file arrives on its last day
    const pending = [...GRANTED_HISTORY, renewalApplied({ receivedOn: '2027-02-28' })];

    it('AGR-07: the agrément does not expire while the renewal filed on its last day is undecided', () => {
      expect(refusal(pending, expiry('2027-03-01'))).toEqual([
        expect.objectContaining({ rule: 'AGR-07', message: expect.stringContaining('2027-02-28') }),
      ]);
      const state = given(...pending);
      expect(isAgrementValidFor(state, '69', '2027-03-01')).toEqual([]);
      expect(isAgrementValidFor(state, '69', '2027-06-27')).toEqual([]);
      expect(agrementDeadlines(state)).toMatchObject({
        validTo: '2027-02-28',
        silenceDeadline: '2027-06-28',
      });
      expect(agrementDeadlines(state).expiresOn).toBeUndefined();
    });

    it('AGR-07 / AGR-05: 4 months of silence on the renewal grant it, with the same effects as a first agrément', () => {
      expect(refusal(pending, silence('2027-06-27', 'app-2')).map((v) => v.rule)).toEqual(['AGR-05']);
      const state = given(...pending, silence('2027-06-28', 'app-2'));
      expect(agrementView(state)).toMatchObject({
        status: 'renewed',
        validFrom: '2027-06-28',
        validTo: '2030-06-27',
        departements: ['69', '01'],
      });
      // no gap: the first term was continued until the eve of the renewed one
      for (const on of ['2027-03-01', '2027-06-27', '2027-06-28', '2030-06-27'])
        expect(isAgrementValidFor(state, '69', on)).toEqual([]);
      expect(isAgrementValidFor(state, '69', '2030-06-28')).toEqual([
        expect.objectContaining({ rule: 'AGR-06' }),
      ]);
    });

    it('AGR-07: a renewal refused after the expiry date ends the agrément on the refusal', () => {
      const state = given(...pending, {
        type: 'AgrementRenewalRefused',
        schemaVersion: 1,
        data: {
          applicationId: 'app-2',
          decidedOn: '2027-04-01',
          decidedByDepartement: '69',
          reasons: ['no activity'],
        },
      });
      expect(isAgrementValidFor(state, '69', '2027-03-31')).toEqual([]);
      expect(isAgrementValidFor(state, '69', '2027-04-01')).toEqual([
        expect.objectContaining({ rule: 'AGR-06' }),
      ]);
      expect(agrementDeadlines(state).expiresOn).toBe('2027-04-01');
      expect(decideAgrement(state, expiry('2027-04-01')).accepted).toBe(true);
    });

    it('AGR-06: an expiry recorded before this rule (schema version 1) still replays: the pending renewal lapsed then', () => {
      const state = given(...pending, {
        type: 'AgrementExpired',
        schemaVersion: 1,
        data: { on: '2027-03-01' },
      });
      expect(agrementView(state).status).toBe('expired');
    });
  });

  it('AGR-07 refuses a renewal of an agrément that already expired', () => {
    expect(refusal(GRANTED_HISTORY, renewalApplied({ receivedOn: '2027-03-01' })).map((v) => v.rule)).toEqual(
      ['AGR-07'],
    );
  });

  it('AGR-07 refuses a renewal when no agrément is in force', () => {
    expect(refusal([], renewalApplied()).map((v) => v.rule)).toEqual(['AGR-07']);
  });

  it('AGR-07 keeps the running agrément when the renewal is refused', () => {
    const state = given(...GRANTED_HISTORY, renewalApplied({ receivedOn: '2026-09-01' }), {
      type: 'AgrementRenewalRefused',
      schemaVersion: 1,
      data: {
        applicationId: 'app-2',
        decidedOn: '2026-10-01',
        decidedByDepartement: '69',
        reasons: ['no activity'],
      },
    });
    expect(agrementView(state)).toMatchObject({ status: 'granted', renewal: 'none', validTo: '2027-02-28' });
    expect(isAgrementValidFor(state, '69', '2027-02-28')).toEqual([]);
  });

  it('AGR-09 limits validity to the départements named in the decision', () => {
    const state = given(applied(), granted({ departements: ['69'] }));
    expect(isAgrementValidFor(state, '69', '2024-06-01')).toEqual([]);
    expect(isAgrementValidFor(state, '01', '2024-06-01')).toEqual([
      expect.objectContaining({ rule: 'AGR-09' }),
    ]);
  });

  it('AGR-09 refuses a decision naming a département that was not requested', () => {
    expect(refusal([applied()], granted({ departements: ['69', '38'] })).map((v) => v.rule)).toEqual([
      'AGR-09',
    ]);
  });

  it('AGR-11 records a "national" level note without widening the scope to other départements', () => {
    const state = given(applied({ levelNote: 'national' }), granted());
    expect(agrementView(state).levelNote).toBe('national');
    expect(isAgrementValidFor(state, '75', '2024-06-01')).toEqual([
      expect.objectContaining({ rule: 'AGR-09' }),
    ]);
  });

  it('isAgrementValidFor is not valid before the grant', () => {
    expect(isAgrementValidFor(given(applied()), '69', '2024-02-01')).toEqual([
      expect.objectContaining({ rule: 'AGR-06' }),
    ]);
    expect(isAgrementValidFor(given(...GRANTED_HISTORY), '69', '2024-02-29')).toEqual([
      expect.objectContaining({ rule: 'AGR-06' }),
    ]);
  });

  it('PD-5 reads the silence length from the parameter table', () => {
    const sixMonths = agrementParameters({
      silenceMonths: [{ from: '2016-10-31', value: 6, source: 'test' }],
    });
    expect(agrementDeadlines(foldAgrement([applied()], sixMonths), sixMonths).silenceDeadline).toBe(
      '2024-07-15',
    );
  });
});

describe('agrément withdrawal (R.121-12-5)', () => {
  const proposed: AgrementStreamEvent = {
    type: 'WithdrawalProposed',
    schemaVersion: 1,
    data: { proposedOn: '2025-01-10', proposedByDepartement: '69', grounds: ['annual_reports_not_sent'] },
  };
  const withdrawn = (decidedOn: string): AgrementStreamEvent => ({
    type: 'AgrementWithdrawn',
    schemaVersion: 1,
    data: { decidedOn, decidedByDepartement: '69', grounds: ['annual_reports_not_sent'] },
  });

  it('AGR-08 refuses a withdrawal without the adversarial step', () => {
    expect(refusal(GRANTED_HISTORY, withdrawn('2025-01-10'))).toEqual([
      expect.objectContaining({ rule: 'AGR-08', missing: 'withdrawalProposed' }),
    ]);
  });

  it('AGR-08 refuses a withdrawal before the observation period is over', () => {
    const state = given(...GRANTED_HISTORY, proposed);
    expect(agrementDeadlines(state).observationsDueOn).toBe('2025-01-25');
    expect(decideAgrement(state, withdrawn('2025-01-25')).accepted).toBe(false);
    expect(decideAgrement(state, withdrawn('2025-01-26')).accepted).toBe(true);
  });

  it('AGR-08 withdraws after the observations and the agrément stops being valid from that date', () => {
    const state = given(
      ...GRANTED_HISTORY,
      proposed,
      { type: 'WithdrawalObservationsReceived', schemaVersion: 1, data: { receivedOn: '2025-01-15' } },
      withdrawn('2025-01-20'),
    );
    expect(agrementView(state).status).toBe('withdrawn');
    expect(isAgrementValidFor(state, '69', '2025-01-19')).toEqual([]);
    expect(isAgrementValidFor(state, '69', '2025-01-20')).toEqual([
      expect.objectContaining({ rule: 'AGR-08' }),
    ]);
  });

  it('AGR-08 accepts only the five grounds of R.121-12-5, and only those put to the association', () => {
    const bad = {
      ...proposed,
      data: { ...(proposed.data as object), grounds: ['bad_press'] },
    } as unknown as AgrementStreamEvent;
    expect(refusal(GRANTED_HISTORY, bad).map((v) => v.rule)).toEqual(['AGR-08']);
    const other: AgrementStreamEvent = {
      type: 'AgrementWithdrawn',
      schemaVersion: 1,
      data: { decidedOn: '2025-02-01', decidedByDepartement: '69', grounds: ['psp_task_not_carried_out'] },
    };
    expect(refusal([...GRANTED_HISTORY, proposed], other).map((v) => v.rule)).toEqual(['AGR-08']);
  });

  it('AGR-08 abandoning the proposal keeps the agrément in force', () => {
    const state = given(...GRANTED_HISTORY, proposed, {
      type: 'WithdrawalAbandoned',
      schemaVersion: 1,
      data: { decidedOn: '2025-02-01' },
    });
    expect(agrementView(state)).toMatchObject({ status: 'granted', withdrawalProposed: false });
    expect(
      refusal(
        [
          ...GRANTED_HISTORY,
          proposed,
          {
            type: 'WithdrawalAbandoned',
            schemaVersion: 1,
            data: { decidedOn: '2025-02-01' },
          },
        ],
        withdrawn('2025-03-01'),
      ).map((v) => v.rule),
    ).toEqual(['AGR-08']);
  });
});

describe('agrément stream replay', () => {
  it('is deterministic: the same events give a deep-equal snapshot', () => {
    const events = [
      ...GRANTED_HISTORY,
      renewalApplied({ receivedOn: '2026-09-01' }),
      silence('2027-01-01', 'app-2'),
    ];
    const first = foldAgrement(events);
    const second = foldAgrement(events.map((event) => JSON.parse(JSON.stringify(event))));
    expect(second.value).toEqual(first.value);
    expect(second.context).toEqual(first.context);
    expect(JSON.stringify(second)).toEqual(JSON.stringify(first));
  });

  it('refuses to replay a stored event the machine does not accept', () => {
    expect(() => foldAgrement([granted()])).toThrow(AgrementReplayError);
  });

  it('names the lifecycle rule when the state does not allow the event (PD-6)', () => {
    expect(refusal(GRANTED_HISTORY, applied({ applicationId: 'app-9' }))).toEqual([
      expect.objectContaining({ rule: 'AGR-07' }),
    ]);
  });
});
