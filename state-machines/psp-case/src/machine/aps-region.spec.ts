import { pspEvent } from '../events';
import { DEFAULT_PSP_PARAMETERS } from '../parameters';
import { apsChecklistComplete, prefectureRequirementsAllowed } from '../rules';
import { caseView } from '../view';
import {
  apsDecision,
  completeChecklist,
  foreignNationalCase,
  given,
  renewal,
  replayAccepted,
} from '../testing/fixtures';

const filed = (over = {}) =>
  pspEvent('ApsFiled', { filedOn: '2024-09-05', checklist: completeChecklist(over) });
const inPsp = () => [...foreignNationalCase('2024-09-02'), filed()];
const caseDocs = { pspAuthorised: true, commissionOpinionOnFile: true };

describe('APS region (section 3)', () => {
  it('APS-01 issues an APS of at least 6 months to a person engaged in the PSP, and PD-1 moves aps_pending to active', () => {
    expect(caseView(replayAccepted(foreignNationalCase())).status).toBe('aps_pending');
    const state = replayAccepted([...inPsp(), apsDecision('2024-09-20', { validTo: '2025-03-19' })]);
    expect(caseView(state)).toMatchObject({
      status: 'active',
      aps: { status: 'issued', validTo: '2025-03-19' },
    });
    const short = given(inPsp()).when(apsDecision('2024-09-20', { validTo: '2025-03-18' }));
    expect(!short.accepted && short.violations).toEqual([expect.objectContaining({ rule: 'APS-01' })]);
  });

  it('APS-01 the request is filed only once the PSP is authorised (D7)', () => {
    const state = replayAccepted(foreignNationalCase().slice(0, 5));
    expect(caseView(state).aps.status).toBe('awaiting_authorisation');
    expect(caseView(replayAccepted(foreignNationalCase().slice(0, 6))).aps.status).toBe('to_file');
  });

  it('APS-02 needs evidence that prostitution stopped; only a police answer "not stopped" stands against it', () => {
    const noEvidence = given([...foreignNationalCase(), filed({ stopOfProstitutionDocuments: false })]);
    expect(noEvidence.state.value).toMatchObject({ aps: 'to_file' });
    const notStopped = given(inPsp()).when(
      apsDecision('2024-09-20', { stopDoubted: true, policeEnquiry: 'answered_not_stopped' }),
    );
    expect(!notStopped.accepted && notStopped.violations).toEqual([
      expect.objectContaining({ rule: 'APS-02', missing: 'policeEnquiry' }),
    ]);
    expect(
      given(inPsp()).when(apsDecision('2024-09-20', { stopDoubted: true, policeEnquiry: 'answered_stopped' }))
        .accepted,
    ).toBe(true);
  });

  it('APS-03 no long-stay visa may be required', () => {
    expect(prefectureRequirementsAllowed(['long_stay_visa'], completeChecklist())).toEqual([
      expect.objectContaining({ rule: 'APS-03' }),
    ]);
    expect(apsChecklistComplete(completeChecklist(), caseDocs, '2024-09-05', DEFAULT_PSP_PARAMETERS)).toEqual(
      [],
    );
  });

  it('APS-04 an issued APS allows work', () => {
    expect(caseView(replayAccepted(inPsp())).aps.workAllowed).toBe(false);
    expect(caseView(replayAccepted([...inPsp(), apsDecision('2024-09-20')])).aps.workAllowed).toBe(true);
  });

  it('APS-05 the APS is renewed throughout the parcours, not once the PSP ended', () => {
    const issued = [...inPsp(), apsDecision('2024-09-20', { validTo: '2025-03-19' })];
    const renewedPsp = [...issued, ...renewal('2025-02-01')];
    const state = replayAccepted([
      ...renewedPsp,
      pspEvent('ApsRenewalFiled', { filedOn: '2025-02-10', cerSigned: true }),
      pspEvent('ApsRenewed', {
        decisionDate: '2025-03-01',
        publicOrderThreat: false,
        previousOqtf: 'none',
        stopDoubted: false,
        validFrom: '2025-03-20',
        validTo: '2025-09-19',
      }),
    ]);
    expect(caseView(state).aps).toMatchObject({ status: 'renewed', validTo: '2025-09-19' });
    const ended = [...issued, pspEvent('Interrupted', { interruptedOn: '2025-01-01', reason: 'other' })];
    const refusedRenewal = given(ended).when(
      pspEvent('ApsRenewalFiled', { filedOn: '2025-02-10', cerSigned: true }),
    );
    expect(!refusedRenewal.accepted && refusedRenewal.violations[0].rule).toBe('APS-05');
  });

  it('APS-06 a threat to public order bars the APS', () => {
    const d = given(inPsp()).when(apsDecision('2024-09-20', { publicOrderThreat: true }));
    expect(!d.accepted && d.violations).toEqual([expect.objectContaining({ rule: 'APS-06' })]);
  });

  it('APS-07 no complaint receipt or criminal proceedings may be required', () => {
    expect(
      prefectureRequirementsAllowed(
        ['complaint_receipt', 'criminal_proceedings_reference'],
        completeChecklist(),
      ).map((v) => v.rule),
    ).toEqual(['APS-07', 'APS-07']);
  });

  it('APS-08 a previous OQTF blocks only when based on public order', () => {
    expect(
      given(inPsp()).when(apsDecision('2024-09-20', { previousOqtf: 'not_public_order' })).accepted,
    ).toBe(true);
    const d = given(inPsp()).when(apsDecision('2024-09-20', { previousOqtf: 'public_order' }));
    expect(!d.accepted && d.violations).toEqual([expect.objectContaining({ rule: 'APS-08' })]);
  });

  it('APS-09 no APS while an asylum claim is pending; after a final rejection, only while the PSP runs', () => {
    const pending = [
      ...foreignNationalCase().slice(0, 1),
      pspEvent('ApsRequired', { determinedOn: '2024-07-01', asylumClaimPending: true }),
      ...foreignNationalCase().slice(2),
    ];
    expect(caseView(replayAccepted(pending)).aps.status).toBe('blocked_asylum_pending');
    expect(
      given(pending).when(pspEvent('ApsFiled', { filedOn: '2024-09-05', checklist: completeChecklist() }))
        .accepted,
    ).toBe(false);
    const withdrawn = [
      ...pending,
      pspEvent('Withdrawn', { withdrawnOn: '2024-10-01', recordedBy: 'association', byPerson: true }),
    ];
    const late = given(withdrawn).when(pspEvent('AsylumFinallyRejected', { rejectedOn: '2024-11-01' }));
    expect(!late.accepted && late.violations[0].rule).toBe('APS-09');
  });

  it('APS-10 the view measures the delay from the PSP authorisation to the APS', () => {
    const state = replayAccepted([...inPsp(), apsDecision('2024-09-20')]);
    expect(caseView(state).aps.daysFromAuthorisationToAps).toBe(18);
  });

  it('APS-11 the visa fee proof (D6) is recorded but never blocks filing', () => {
    expect(
      apsChecklistComplete(
        completeChecklist({ visaFeeProof: 'due_on_delivery' }),
        caseDocs,
        '2024-09-05',
        DEFAULT_PSP_PARAMETERS,
      ),
    ).toEqual([]);
    expect(replayAccepted(inPsp()).context.aps.checklist?.visaFeeProof).toBe('due_on_delivery');
  });

  it('APS-12 after a completed PSP the post-PSP review may issue or refuse a CST; not before completion', () => {
    const issued = [...inPsp(), apsDecision('2024-09-20')];
    expect(given(issued).when(pspEvent('PostPspReviewOpened', { openedOn: '2025-01-01' })).accepted).toBe(
      false,
    );
    const state = replayAccepted([
      ...issued,
      pspEvent('Completed', {
        completedOn: '2025-01-15',
        outcomes: { training: true, job: true, housing: true },
      }),
      pspEvent('CstIssued', { decisionDate: '2025-03-01', basis: 'L.435-1', validTo: '2026-02-28' }),
    ]);
    expect(caseView(state).aps.status).toBe('cst_issued');
  });

  it('APS-13 a signed CER is required from 17 July 2024 (parameter), not before', () => {
    expect(
      apsChecklistComplete(
        completeChecklist({ cerSigned: false }),
        caseDocs,
        '2024-07-17',
        DEFAULT_PSP_PARAMETERS,
      ),
    ).toEqual([expect.objectContaining({ rule: 'APS-13', missing: 'cer' })]);
    expect(
      apsChecklistComplete(
        completeChecklist({ cerSigned: false }),
        caseDocs,
        '2024-07-16',
        DEFAULT_PSP_PARAMETERS,
      ),
    ).toEqual([]);
  });

  it('APS-14 silence on a filed APS: the view shows the 4-month implicit-refusal date (parameter)', () => {
    expect(caseView(replayAccepted(inPsp())).deadlines.apsImplicitRefusalOn).toBe('2025-01-05');
  });

  it('APS-15 a refusal records whether an OQTF followed', () => {
    const state = replayAccepted([
      ...inPsp(),
      pspEvent('ApsRefused', {
        decisionDate: '2024-10-01',
        reason: 'public_order',
        oqtfIssued: true,
        reasons: ['threat to public order'],
      }),
    ]);
    expect(caseView(state).aps.status).toBe('refused');
    expect(state.context.aps.refusal).toEqual({
      decisionDate: '2024-10-01',
      reason: 'public_order',
      oqtfIssued: true,
    });
  });

  it('D1..D10 the annexe 10 checklist names every missing item', () => {
    const result = apsChecklistComplete(
      completeChecklist({
        civilStatus: 'missing',
        nationalityDocuments: [],
        proofOfAddress: false,
        nonPolygamyStatement: 'missing',
        photos: false,
        stopOfProstitutionDocuments: false,
      }),
      { pspAuthorised: false, commissionOpinionOnFile: false },
      '2024-09-05',
      DEFAULT_PSP_PARAMETERS,
    );
    expect(result.map((v) => v.rule)).toEqual(['D1', 'D2', 'D3', 'D4', 'D5', 'D7', 'D8', 'D9']);
  });

  it('D2 an expired nationality document needs a second, valid, confirming document', () => {
    const expired = [{ kind: 'identity_card' as const, hasPhoto: true, valid: false }];
    expect(
      apsChecklistComplete(
        completeChecklist({ nationalityDocuments: expired }),
        caseDocs,
        '2024-09-05',
        DEFAULT_PSP_PARAMETERS,
      ),
    ).toEqual([expect.objectContaining({ rule: 'D2', missing: 'nationalityConfirmation' })]);
    const confirmed = [
      ...expired,
      { kind: 'nationality_certificate' as const, hasPhoto: false, valid: true },
    ];
    expect(
      apsChecklistComplete(
        completeChecklist({ nationalityDocuments: confirmed }),
        caseDocs,
        '2024-09-05',
        DEFAULT_PSP_PARAMETERS,
      ),
    ).toEqual([]);
  });

  it('APS-01 an APS cannot be issued without a filed request, and the status stays aps_pending', () => {
    const d = given(foreignNationalCase()).when(apsDecision('2024-09-20'));
    expect(!d.accepted && d.violations).toEqual(
      expect.arrayContaining([expect.objectContaining({ rule: 'APS-01', missing: 'apsRequest' })]),
    );
  });

  it('PD-1 a person who obtains another residence title leaves aps_pending; the APS is no longer needed', () => {
    const state = replayAccepted([
      ...inPsp(),
      pspEvent('ApsNotApplicable', { determinedOn: '2024-10-01', reason: 'other_residence_title' }),
    ]);
    expect(caseView(state)).toMatchObject({ status: 'active', aps: { status: 'not_applicable' } });
  });

  it('PD-1 a need for an APS found during a running period moves the case to aps_pending, once', () => {
    const events = [
      ...activeCaseForeignLate(),
      pspEvent('ApsRequired', { determinedOn: '2024-10-01', asylumClaimPending: false }),
    ];
    expect(caseView(replayAccepted(events))).toMatchObject({
      status: 'aps_pending',
      aps: { status: 'to_file' },
    });
    expect(
      given(events).when(pspEvent('ApsRequired', { determinedOn: '2024-10-02', asylumClaimPending: false }))
        .accepted,
    ).toBe(false);
  });
});

function activeCaseForeignLate() {
  return foreignNationalCase('2024-09-02').filter((e) => e.type !== 'ApsRequired');
}
