import { Registries } from './registry-seed';
import { CaseDriver } from './case-driver';
import { uploadAnnexe10 } from './document-files';

/** A fictional foreign national: none of these values may appear in an audit record, a log or a member's payload. */
export const FOREIGN_PERSON = {
  givenName: 'Oluwadamilare',
  familyName: 'Fictivenom',
  birthDate: '1994-08-21',
  nationality: 'NG',
  contact: { phone: '+33 6 00 00 00 42' },
  documents: [{ kind: 'consular_card', number: 'CC-SEC-0042', validUntil: '2027-01-01' }],
};

/**
 * A case driven over HTTP to a state that fills most of the file: a foreign national with health
 * care in the parcours, authorised after both opinions, APS filed (annexe 10 items) and issued,
 * AFIS requested and instructed with the commission's opinion, a follow-up, and a renewal
 * submitted with difficulties reported (PSP-08).
 */
export async function driveForeignCase(
  cases: CaseDriver,
  registries: Registries,
  key: string,
): Promise<string> {
  const opened = await cases.open(
    { openedOn: '2024-01-08', personAgrees: true, victimOf: ['trafficking'], person: FOREIGN_PERSON },
    key,
  );
  if (opened.status !== 201) throw new Error(`open → ${opened.status}: ${JSON.stringify(opened.body)}`);
  const caseId = opened.body.caseId as string;
  const opinion = async (kind: 'entry' | 'afis' | 'renewal', on: string) =>
    cases.accept(
      'commission_secretariat',
      caseId,
      'record-commission-opinion',
      await registries.opinion({ caseId, kind, on, opinion: 'favourable' }),
    );
  await cases.accept('association', caseId, 'aps-required', {
    determinedOn: '2024-01-08',
    asylumClaimPending: false,
  });
  await cases.completeInstruction(caseId, {
    completedOn: '2024-01-20',
    plannedActions: ['housing', 'health_care', 'work_integration'],
    plannedLengthMonths: 6,
    associationOpinion: 'favourable',
    swornStatementOfCessation: true,
  });
  await cases.accept('association', caseId, 'submit', { submittedOn: '2024-01-22' });
  await opinion('entry', '2024-02-10');
  await cases.accept('prefecture', caseId, 'authorise', { decisionDate: '2024-03-01' });
  await cases.accept('prefecture', caseId, 'notify-decision', {
    notifiedOn: '2024-03-05',
    toPerson: true,
    toAssociation: true,
  });
  // D1–D10: the checklist is read from the papers on file (docs/documents.md).
  await uploadAnnexe10(cases.baseUrl, await cases.token('association'), caseId);
  await cases.accept('foreigners_department', caseId, 'file-aps', {
    filedOn: '2024-03-10',
    nonPolygamyStatement: 'not_applicable',
    visaFeeProof: 'due_on_delivery',
  });
  await cases.accept('foreigners_department', caseId, 'issue-aps', {
    decisionDate: '2024-03-20',
    publicOrderThreat: false,
    previousOqtf: 'none',
    stopDoubted: false,
    validFrom: '2024-03-20',
    validTo: '2024-09-30',
  });
  await cases.accept('association', caseId, 'request-afis', {
    requestedOn: '2024-04-03',
    nationalityCategory: 'third_country',
    residenceDocument: 'aps_with_work',
    previousMonthHouseholdResourcesCents: 21000,
    rsaReceivedOrClaimable: false,
    adaReceivedOrClaimable: false,
    dependentChildren: 1,
  });
  await cases.accept('afis_payer', caseId, 'start-afis-instruction', { startedOn: '2024-04-05' });
  await cases.completeAfisInstruction(caseId, { completedOn: '2024-04-20' });
  await opinion('afis', '2024-05-10');
  await cases.accept('commission_secretariat', caseId, 'record-commission-follow-up', {
    recordedOn: '2024-05-10',
    sessionId: 'follow-up-secviews',
    safetyConcern: false,
    accessToRightsConcern: true,
    commitmentsKept: 'kept',
  });
  await cases.accept('association', caseId, 'start-renewal', { startedOn: '2024-07-01' });
  await cases.accept('association', caseId, 'submit-renewal', {
    submittedOn: '2024-07-02',
    followUpDocumentUpdated: true,
    resultsReported: true,
    commitmentsKept: 'partly_kept',
    difficulties: ['missed two appointments'],
    associationOpinion: 'favourable',
  });
  return caseId;
}
