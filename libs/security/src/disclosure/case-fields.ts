import { Role } from '../authorisation/roles';
import { FieldClass, FieldRule, FieldTable } from './disclose';

/*
 * Who sees which field of a case (rule book 1.2 and 1.3; anchors R1, R3). Groups of roles:
 * - OWNERS: the instructing association (A2, drafts and instructs the whole file), the préfecture
 *   (A4, decides on everything) and the scheduler; they see the whole file.
 * - SECRETARIAT: the commission's secretariat (A6) prepares the sessions on a minimised file;
 * - MEMBER: commission members (A3, A8, A9) read a minimised, pseudonymised summary of the items
 *   they sit on (ACL-01/02/03 apply upstream), with no health detail and no free text (R3);
 * - FOREIGNERS: the foreigners' department (A5) gets the annexe 10 items, not the social assessment (ACL-05);
 * - MSA: the AFIS payer (A7) gets identity, residence document, household, resources, children,
 *   the PSP decision and period (ACL-05, D.121-12-17);
 * - AUDITOR: the procedure (dates, statuses, opinions, decisions), never identity nor health (R11);
 * - analysts see no individual case at all (A11, D.121-12-18): they are in no list.
 */
const OWNERS: readonly Role[] = ['association', 'prefecture', 'system'];
const SECRETARIAT: Role = 'commission_secretariat';
const MEMBER: Role = 'commission_member';
const FOREIGNERS: Role = 'foreigners_department';
const MSA: Role = 'afis_payer';
const AUDITOR: Role = 'auditor';

const field = (cls: FieldClass, rule: string, ...roles: Role[]): FieldRule => ({
  class: cls,
  roles: [...OWNERS, ...roles],
  rule,
});

/** Several paths under one prefix with the same rule. */
const group = (prefix: string, names: readonly string[], rule: FieldRule): Record<string, FieldRule> =>
  Object.fromEntries(names.map((name) => [`${prefix}${name}`, rule]));

const EVERY_CASE_READER = [SECRETARIAT, MEMBER, FOREIGNERS, MSA, AUDITOR] as const;
const PROCEDURE_READERS = [SECRETARIAT, AUDITOR] as const;
const COMMISSION_SUMMARY = [SECRETARIAT, MEMBER, AUDITOR] as const;

/** The case payload of `GET /cases/{caseId}` (and every other payload showing one case). */
export const CASE_FIELDS: FieldTable = {
  caseId: field('identifier', 'pseudonymous case id', ...EVERY_CASE_READER),
  fileNumber: field(
    'identifier',
    'the human-readable file number (69-2026-0042): département, year, rank; no personal data',
    ...EVERY_CASE_READER,
  ),
  revision: field('identifier', 'If-Match for commands', SECRETARIAT, FOREIGNERS, MSA, AUDITOR),
  departement: field('identifier', 'scope', ...EVERY_CASE_READER),
  associationId: field(
    'identifier',
    'ACL-01: withheld from members (the presenting association is not named to them)',
    ...PROCEDURE_READERS,
  ),
  personRef: field('identifier', 'vault reference: owners and auditors (erasure checks)', AUDITOR),
  openedOn: field('procedure', 'T1 date', ...EVERY_CASE_READER),

  ...group(
    'person.',
    ['givenName', 'familyName', 'birthDate', 'nationality', 'sex'],
    field(
      'identity',
      'ACL-05: identity to those who act with or for the person (APS annexe 10 D1–D2; AFIS D.121-12-17)',
      FOREIGNERS,
      MSA,
    ),
  ),

  'view.status': field('procedure', 'PD-1', ...EVERY_CASE_READER),
  'view.stage': field('procedure', 'PD-1', ...EVERY_CASE_READER),
  ...group(
    'view.periods[].',
    ['index', 'kind', 'start', 'end', 'plannedEnd', 'shortened', 'stoppedOn'],
    field(
      'procedure',
      'PSP-06/PSP-07: the PSP period (MSA: ACL-05 "PSP decision and period"; foreigners: annexe 10 D7)',
      ...EVERY_CASE_READER,
    ),
  ),
  ...group(
    'view.rights.',
    [
      'capMonths',
      'used.months',
      'used.days',
      'usedDays',
      'personUsed.months',
      'personUsed.days',
      'left.months',
      'left.days',
      'finalPeriod',
    ],
    field('procedure', 'DUR-02: months used and left (commission: PSP-08 renewal)', ...COMMISSION_SUMMARY),
  ),
  ...group(
    'personParcours.',
    [
      'link',
      'otherCases',
      'rightsUsed.months',
      'rightsUsed.days',
      'possibleMatch.cases',
      'possibleMatch.rightsUsed.months',
      'possibleMatch.rightsUsed.days',
    ],
    field(
      'procedure',
      'PSP-06/PSP-07: rights the person used over all her cases (counts only: no other case id, association or place)',
      ...PROCEDURE_READERS,
    ),
  ),
  'view.rights.rightsEndedOn': field(
    'procedure',
    'PSP-09: rights end (MSA stops the AFIS, R.121-12-13-2)',
    SECRETARIAT,
    MSA,
    AUDITOR,
  ),
  'view.rights.hardshipPresumed': field('social', 'PSP-13: tax relief, the person’s own matter', AUDITOR),

  ...group(
    'view.aps.',
    ['status', 'validFrom', 'validTo', 'workAllowed'],
    field(
      'immigration',
      'APS-04: the residence document (foreigners: they issue it; MSA: AFIS-03 residence condition)',
      FOREIGNERS,
      MSA,
      AUDITOR,
    ),
  ),
  'view.aps.daysFromAuthorisationToAps': field('immigration', 'APS-10', FOREIGNERS, AUDITOR),
  'view.afis.status': field(
    'resources',
    'AFIS status (the commission gives its opinion on the AFIS, L.121-9)',
    ...COMMISSION_SUMMARY,
    MSA,
  ),
  ...group(
    'view.afis.',
    ['monthlyAmountCents', 'endsOn', 'endReason'],
    field(
      'resources',
      'ACL-05: the amount and its end are the MSA’s to set and pay (D.121-12-15)',
      MSA,
      AUDITOR,
    ),
  ),
  'view.deadlines.periodEnd': field('procedure', 'PSP-06', SECRETARIAT, FOREIGNERS, MSA, AUDITOR),
  'view.deadlines.capDate': field('procedure', 'DUR-02', ...PROCEDURE_READERS),
  'view.deadlines.observationsDeadline': field('procedure', 'PSP-09 / R.121-12-10', ...PROCEDURE_READERS),
  'view.deadlines.appealUntil': field('procedure', 'PSP-15', AUDITOR),
  'view.deadlines.apsExpiry': field('immigration', 'APS', FOREIGNERS, AUDITOR),
  'view.deadlines.apsImplicitRefusalOn': field('immigration', 'APS-14', FOREIGNERS, AUDITOR),
  'view.deadlines.postPspReview': field('immigration', 'T17 / APS-12', FOREIGNERS, AUDITOR),
  'view.plannedActions[]': field(
    'health',
    'PSP-11: includes health care (GDPR art. 9): owners only; the commission sees file.parcours.socialActions',
  ),
  ...group(
    'view.outcomes.',
    ['training', 'job', 'housing'],
    field('social', 'exit outcomes (indicators come from aggregates)', ...PROCEDURE_READERS),
  ),
  ...group(
    'view.warnings[].',
    ['rule', 'message', 'missing'],
    field('procedure', 'PD-6: rule warnings, no personal data', ...PROCEDURE_READERS),
  ),

  ...group(
    'commands[].',
    ['command', 'allowed', 'reasons[].rule', 'reasons[].message', 'reasons[].missing'],
    field(
      'capability',
      'R4: what this role may issue now (roles that act on cases)',
      SECRETARIAT,
      FOREIGNERS,
      MSA,
    ),
  ),

  'file.parcours.socialActions[]': field(
    'social',
    'PSP-11 without health: the commission’s minimised summary (R3)',
    ...COMMISSION_SUMMARY,
  ),
  'file.parcours.healthCarePlanned': field('health', 'GDPR art. 9: health care planned: owners only (R3)'),
  'file.cycle.kind': field('procedure', 'entry / renewal / resumption', ...COMMISSION_SUMMARY),
  ...group(
    'file.cycle.associationOpinion.',
    ['opinion', 'givenOn'],
    field(
      'procedure',
      'R.121-12-9: the association’s opinion, on the agenda (matrix 1.2)',
      ...COMMISSION_SUMMARY,
    ),
  ),
  ...group(
    'file.cycle.commissionOpinion.',
    ['opinion', 'recordedOn', 'sessionId', 'itemId'],
    field('procedure', 'COM-08; annexe 10 D9 (foreigners)', ...COMMISSION_SUMMARY, FOREIGNERS),
  ),
  'file.cycle.commitmentsKept': field('social', 'PSP-08: commitments kept (renewal)', ...COMMISSION_SUMMARY),
  'file.cycle.difficulties[]': field(
    'social',
    'PSP-08 free text of the association: may hold health or private details: owners only (R3, ACL-04)',
  ),
  ...group(
    'file.decisions[].',
    ['kind', 'decisionDate', 'notifiedOn'],
    field(
      'procedure',
      'PSP-05 (MSA: date and period only; foreigners: annexe 10 D7)',
      SECRETARIAT,
      FOREIGNERS,
      MSA,
      AUDITOR,
    ),
  ),
  'file.decisions[].reasons[]': field('procedure', 'PSP-15: reasons of an adverse decision', AUDITOR),
  ...group(
    'file.nonRenewal.',
    ['proposedOn', 'observationsDeadline', 'observationsReceivedOn'],
    field('procedure', 'PSP-09 / ACL-07', ...PROCEDURE_READERS),
  ),
  'file.interruption.on': field('procedure', 'PSP-07 (MSA: AFIS stops)', SECRETARIAT, MSA, AUDITOR),
  'file.interruption.reason': field('health', 'may be a hospital stay (GDPR art. 9): owners only'),
  'file.closure.on': field('procedure', 'T18', SECRETARIAT, FOREIGNERS, MSA, AUDITOR),
  'file.closure.reason': field('social', 'death, leaving France…: owners and auditors', AUDITOR),
  'file.withdrawnOn': field('procedure', 'PD-1', SECRETARIAT, FOREIGNERS, MSA, AUDITOR),
  'file.completedOn': field('procedure', 'T17', SECRETARIAT, FOREIGNERS, MSA, AUDITOR),
  ...group(
    'file.followUps[].',
    ['recordedOn', 'safetyConcern', 'accessToRightsConcern', 'commitmentsKept'],
    field('social', 'PSP-12: the commission’s follow-up, kept by its secretariat', ...PROCEDURE_READERS),
  ),

  ...group(
    'file.aps.',
    [
      'need',
      'asylumClaimPending',
      'filedOn',
      'issuedOn',
      'validFrom',
      'validTo',
      'workAllowed',
      'renewalFiledOn',
      'renewalCerSigned',
      'expiredOn',
      'postPspReviewOpenedOn',
      'documentsRequested.on',
      'documentsRequested.documents[]',
      'refusal.decisionDate',
      'refusal.reason',
      'refusal.oqtfIssued',
      'cst.decisionDate',
      'cst.outcome',
      'cst.oqtfIssued',
      'checklist.civilStatus',
      'checklist.nationalityDocuments[].kind',
      'checklist.nationalityDocuments[].hasPhoto',
      'checklist.nationalityDocuments[].valid',
      'checklist.proofOfAddress',
      'checklist.nonPolygamyStatement',
      'checklist.photos',
      'checklist.visaFeeProof',
      'checklist.stopOfProstitutionDocuments',
      'checklist.cerSigned',
    ],
    field(
      'immigration',
      'ACL-05: the APS file and the annexe 10 items (section 3.3) to the foreigners’ department',
      FOREIGNERS,
      AUDITOR,
    ),
  ),

  ...group(
    'file.afis.request.',
    [
      'requestedOn',
      'nationalityCategory',
      'residenceDocument',
      'dependentChildren',
      'rsaReceivedOrClaimable',
      'adaReceivedOrClaimable',
    ],
    field(
      'resources',
      'ACL-05: AFIS conditions (AFIS-03..05); the commission’s AFIS opinion on a summary',
      ...COMMISSION_SUMMARY,
      MSA,
    ),
  ),
  'file.afis.request.previousMonthHouseholdResourcesCents': field(
    'resources',
    'ACL-05: household resources (AFIS-04), MSA only',
    MSA,
    AUDITOR,
  ),
  ...group(
    'file.afis.',
    [
      'grantedOn',
      'dependentChildren',
      'monthlyAmountCents',
      'endsOn',
      'endReason',
      'refusal.decisionDate',
      'refusal.reasons[]',
    ],
    field('resources', 'ACL-05: D.121-12-15 to -17, the MSA sets the amount and pays', MSA, AUDITOR),
  ),
  ...group(
    'file.afis.',
    [
      'grants[].kind',
      'grants[].decisionDate',
      'grants[].from',
      'grants[].until',
      'children[].from',
      'children[].children',
      'msaReport.on',
      'msaReport.conditionsStillMet',
      'msaReport.findings[]',
      'payments[].runMonth',
      'payments[].paidOn',
      'payments[].lines[].month',
      'payments[].lines[].amountCents',
      'seizureNotices[].receivedOn',
      'seizureNotices[].kind',
      'seizureNotices[].creditor',
      'seizureNotices[].refusedUnder',
    ],
    field(
      'resources',
      'ACL-05: the AFIS decisions, children counted, the MSA report to the préfet, payments and refused notices (D.121-12-14 to -17, F9)',
      MSA,
      AUDITOR,
    ),
  ),
  ...group(
    'file.afis.commissionOpinion.',
    ['opinion', 'recordedOn', 'sessionId', 'itemId'],
    field('procedure', 'L.121-9: the commission’s opinion on the AFIS', ...COMMISSION_SUMMARY, MSA),
  ),
};

/** One row of `GET /cases` (JSON `items[]` and the CSV export). */
export const CASE_LIST_ITEM_FIELDS: FieldTable = {
  caseId: field('identifier', 'pseudonymous case id', SECRETARIAT, FOREIGNERS, MSA, AUDITOR),
  fileNumber: field(
    'identifier',
    'the human-readable file number (69-2026-0042): département, year, rank; no personal data',
    SECRETARIAT,
    FOREIGNERS,
    MSA,
    AUDITOR,
  ),
  departement: field('identifier', 'scope', SECRETARIAT, FOREIGNERS, MSA, AUDITOR),
  associationId: field('identifier', 'ACL-01', ...PROCEDURE_READERS),
  status: field('procedure', 'PD-1', SECRETARIAT, FOREIGNERS, MSA, AUDITOR),
  stage: field('procedure', 'PD-1', SECRETARIAT, FOREIGNERS, MSA, AUDITOR),
  aps: field('immigration', 'APS status', FOREIGNERS, MSA, AUDITOR),
  afis: field('resources', 'AFIS status', SECRETARIAT, MSA, AUDITOR),
  periodIndex: field('procedure', 'PSP-06', SECRETARIAT, FOREIGNERS, MSA, AUDITOR),
  periodEnd: field('procedure', 'PSP-06', SECRETARIAT, FOREIGNERS, MSA, AUDITOR),
  rightsUsedDays: field('procedure', 'DUR-02', ...PROCEDURE_READERS),
  'rightsLeft.months': field('procedure', 'DUR-02', ...PROCEDURE_READERS),
  'rightsLeft.days': field('procedure', 'DUR-02', ...PROCEDURE_READERS),
  nextDeadline: field('procedure', 'deadlines of every kind (PSP, APS, AFIS)', ...PROCEDURE_READERS),
  openedOn: field('procedure', 'T1', SECRETARIAT, FOREIGNERS, MSA, AUDITOR),
  revision: field('identifier', 'If-Match', SECRETARIAT, FOREIGNERS, MSA, AUDITOR),
};
