import { PspCaseEvent, pspEvent, upcastPspEvent } from '../events';
import { foldCase } from '../fold';
import { caseView } from '../view';
import {
  apsDecision,
  completeChecklist,
  foreignNationalCase,
  given,
  renewal,
  replayAccepted,
  requestOpened,
  statusOf,
} from '../testing/fixtures';

/** Section 3, second pass: APS-01, APS-02, APS-03/APS-07, APS-05 and T17 as the law reads them. */
const filed = (over = {}) =>
  pspEvent('ApsFiled', { filedOn: '2024-09-05', checklist: completeChecklist(over) });
const inPsp = () => [...foreignNationalCase('2024-09-02'), filed()];

function rules(events: readonly PspCaseEvent[], event: PspCaseEvent): string[] {
  const decision = given(events).when(event);
  return decision.accepted ? [] : decision.violations.map((v) => v.rule);
}

const refusal = (over: Partial<Extract<PspCaseEvent, { type: 'ApsRefused' }>['data']> = {}) =>
  pspEvent('ApsRefused', {
    decisionDate: '2024-10-01',
    reason: 'public_order',
    oqtfIssued: false,
    reasons: ['threat to public order (conviction of 2024-06-01)'],
    ...over,
  });

describe('APS-02 the police enquiry on the stop of prostitution', () => {
  it('APS-02: with a doubt and no enquiry, or an enquiry not answered yet, the condition counts as met', () => {
    expect(rules(inPsp(), apsDecision('2024-09-20', { stopDoubted: true }))).toEqual([]);
    expect(rules(inPsp(), apsDecision('2024-09-20', { stopDoubted: true, policeEnquiry: 'asked' }))).toEqual(
      [],
    );
    expect(
      rules(inPsp(), apsDecision('2024-09-20', { stopDoubted: true, policeEnquiry: 'answered_stopped' })),
    ).toEqual([]);
  });

  it('APS-02: only a police answer that the activity has not stopped stands against the APS', () => {
    expect(
      rules(inPsp(), apsDecision('2024-09-20', { stopDoubted: true, policeEnquiry: 'answered_not_stopped' })),
    ).toEqual(['APS-02']);
  });

  it('APS-02: a refusal on the stop of prostitution needs the police answer "not stopped"', () => {
    expect(rules(inPsp(), refusal({ reason: 'stop_not_shown' }))).toEqual(['APS-02']);
    expect(rules(inPsp(), refusal({ reason: 'stop_not_shown', policeEnquiry: 'asked' }))).toEqual(['APS-02']);
    const state = replayAccepted([
      ...inPsp(),
      refusal({ reason: 'stop_not_shown', policeEnquiry: 'answered_not_stopped' }),
    ]);
    expect(caseView(state).aps.status).toBe('refused');
  });

  it("ACL-08 / APS-02: an enquiry is recorded only with the préfet's doubt", () => {
    expect(rules(inPsp(), apsDecision('2024-09-20', { policeEnquiry: 'asked' }))).toEqual(['ACL-08']);
  });
});

describe('APS-01 (L.425-4) the APS is for victims of trafficking or procuring', () => {
  const prostitutionOnly = () => [
    requestOpened({ openedOn: '2024-07-01', victimOf: ['prostitution'] }),
    ...foreignNationalCase('2024-09-02').slice(1),
  ];

  it('APS-01: a victim of prostitution only cannot get the APS; the PSP stays open to her', () => {
    const state = replayAccepted(prostitutionOnly());
    expect(caseView(state).status).toBe('aps_pending');
    expect(state.context.periods).toHaveLength(1);
    expect(rules(prostitutionOnly(), filed())).toEqual(['APS-01']);
    // the PSP goes on: renewal, AFIS… (the APS-01 refusal concerns the permit only)
    const renewed = replayAccepted([...prostitutionOnly(), ...renewal('2025-02-20')]);
    expect(statusOf(renewed)).toBe('aps_pending');
    expect(renewed.context.periods).toHaveLength(2);
  });

  it('APS-01: a victim of prostitution and procuring may get it', () => {
    const events = [
      requestOpened({ openedOn: '2024-07-01', victimOf: ['prostitution', 'procuring'] }),
      ...foreignNationalCase('2024-09-02').slice(1),
      filed(),
      apsDecision('2024-09-20'),
    ];
    expect(caseView(replayAccepted(events)).aps.status).toBe('issued');
  });
});

describe('APS-05 a renewal is due while the conditions hold', () => {
  const renewalFiled = () => [
    ...inPsp(),
    apsDecision('2024-09-20', { validTo: '2025-03-31' }),
    ...renewal('2025-02-20'),
    pspEvent('ApsRenewalFiled', { filedOn: '2025-03-01', cerSigned: true }),
  ];

  it('APS-05: refusing a renewal needs a legal ground (public order, or a condition no longer met)', () => {
    expect(rules(renewalFiled(), refusal({ decisionDate: '2025-03-10', reason: 'other' }))).toEqual([
      'APS-05',
    ]);
    // the person is still in the PSP and signed the CER: those grounds are false
    expect(rules(renewalFiled(), refusal({ decisionDate: '2025-03-10', reason: 'not_in_psp' }))).toEqual([
      'APS-05',
    ]);
    expect(rules(renewalFiled(), refusal({ decisionDate: '2025-03-10', reason: 'cer_missing' }))).toEqual([
      'APS-13',
    ]);
    const state = replayAccepted([...renewalFiled(), refusal({ decisionDate: '2025-03-10' })]);
    expect(caseView(state).aps.status).toBe('not_renewed');
  });

  it('APS-05: refusing a renewal needs written reasons', () => {
    expect(rules(renewalFiled(), refusal({ decisionDate: '2025-03-10', reasons: [] }))).toEqual(['APS-05']);
    expect(rules(renewalFiled(), refusal({ decisionDate: '2025-03-10', reasons: ['  '] }))).toEqual([
      'APS-05',
    ]);
  });

  it('PSP-15: a first refusal gives written reasons too', () => {
    expect(rules(inPsp(), refusal({ reasons: [] }))).toEqual(['PSP-15']);
  });
});

describe('APS-03 / APS-07 / D2 what the préfecture may not demand', () => {
  const request = (
    ...documents: Extract<PspCaseEvent, { type: 'ApsDocumentsRequested' }>['data']['documents']
  ) => pspEvent('ApsDocumentsRequested', { requestedOn: '2024-09-10', documents });
  const consularCard = [
    filed({ nationalityDocuments: [{ kind: 'consular_card', hasPhoto: true, valid: true }] }),
  ];
  const withConsularCard = () => [...foreignNationalCase('2024-09-02'), ...consularCard];

  it('APS-07: no complaint receipt and no criminal proceedings may be demanded', () => {
    expect(rules(withConsularCard(), request('complaint_receipt'))).toEqual(['APS-07']);
    expect(rules(withConsularCard(), request('criminal_proceedings_reference'))).toEqual(['APS-07']);
  });

  it('APS-03: no long-stay visa may be demanded', () => {
    expect(rules(withConsularCard(), request('long_stay_visa'))).toEqual(['APS-03']);
  });

  it('D2: no passport may be demanded when another valid document with a photo proves nationality', () => {
    expect(rules(withConsularCard(), request('passport'))).toEqual(['D2']);
    const noPhoto = [
      ...foreignNationalCase('2024-09-02'),
      pspEvent('ApsDocumentsRequested', { requestedOn: '2024-09-03', documents: ['passport', 'photos'] }),
    ];
    expect(replayAccepted(noPhoto).context.aps.documentsRequested).toEqual({
      on: '2024-09-03',
      documents: ['passport', 'photos'],
    });
  });

  it('APS-03 / APS-07: lawful requests are recorded and change nothing else', () => {
    const state = replayAccepted([...withConsularCard(), request('birth_certificate', 'proof_of_address')]);
    expect(caseView(state).aps.status).toBe('filed');
  });
});

describe('T17 the post-PSP residence review opens by itself', () => {
  it('T17 / APS-12: a foreign national completing the parcours gets the review as a task with a deadline; no card is issued', () => {
    const events = [
      ...inPsp(),
      apsDecision('2024-09-20', { validTo: '2025-03-31' }),
      pspEvent('Completed', {
        completedOn: '2025-01-15',
        outcomes: { training: true, job: true, housing: false },
      }),
    ];
    const state = replayAccepted(events);
    expect(caseView(state)).toMatchObject({
      status: 'completed',
      aps: { status: 'post_psp_review' },
      deadlines: { postPspReview: '2025-03-14' },
    });
    expect(state.context.aps.postPspReviewOpenedOn).toBe('2025-01-15');
    expect(state.context.aps.cst).toBeUndefined();
  });

  it('T17 / APS-12: the cap reached opens the review the same way', () => {
    const events = [
      ...inPsp(),
      apsDecision('2024-09-20', { validTo: '2025-03-31' }),
      ...renewal('2025-02-20'),
      ...renewal('2025-08-20'),
      ...renewal('2026-02-20'),
      pspEvent('CapReached', { reachedOn: '2026-09-02' }),
    ];
    const state = replayAccepted(events);
    expect(caseView(state)).toMatchObject({
      status: 'completed',
      aps: { status: 'post_psp_review' },
      deadlines: { postPspReview: '2026-11-01' },
    });
  });
});

describe('Replay of APS events written under schema 1', () => {
  it('APS-02 / APS-05: schema-1 ApsIssued (policeCheck) and ApsRefused (no written reasons) still fold as decided', () => {
    const v1Issued = upcastPspEvent('ApsIssued', 1, {
      decisionDate: '2024-09-20',
      publicOrderThreat: false,
      previousOqtf: 'none',
      stopDoubted: true,
      policeCheck: 'stop_confirmed',
      validFrom: '2024-09-20',
      validTo: '2025-03-31',
    });
    expect(v1Issued.data).toMatchObject({ policeEnquiry: 'answered_stopped' });
    expect(v1Issued.data).not.toHaveProperty('policeCheck');
    expect(caseView(foldCase([...inPsp(), v1Issued])).aps.status).toBe('issued');
    const v1Refused = upcastPspEvent('ApsRefused', 1, {
      decisionDate: '2024-10-01',
      reason: 'other',
      oqtfIssued: false,
    });
    expect(caseView(foldCase([...inPsp(), v1Refused])).aps.status).toBe('refused');
  });
});
