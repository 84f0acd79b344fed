import { PspCaseEventType } from '@psp/psp-case';
import { Role } from '@psp/security';

/**
 * Every command a case takes after it is opened: the route name, the event it becomes, and the
 * roles that may issue it (rule book section 1.2). The request body is the event's data, except
 * for the facts the workflow loads itself (see case-command-handler.ts).
 */
export interface CaseCommandSpec {
  readonly name: string;
  readonly eventType: PspCaseEventType;
  readonly roles: readonly Role[];
  readonly summary: string;
}

const ASSOCIATION: readonly Role[] = ['association'];
const PREFECTURE: readonly Role[] = ['prefecture'];
const FOREIGNERS: readonly Role[] = ['foreigners_department'];
const MSA: readonly Role[] = ['afis_payer'];
const SYSTEM: readonly Role[] = ['system'];

export const CASE_COMMANDS: readonly CaseCommandSpec[] = [
  {
    name: 'complete-instruction',
    eventType: 'InstructionCompleted',
    roles: ASSOCIATION,
    summary:
      'T2: the association completes the instruction with the signed parcours document (PSP-03, PSP-04)',
  },
  {
    name: 'record-association-opinion',
    eventType: 'AssociationOpinionRecorded',
    roles: ASSOCIATION,
    summary: "PSP-03: the instructing association's opinion (avis)",
  },
  {
    name: 'submit',
    eventType: 'SubmittedToPrefecture',
    roles: ASSOCIATION,
    summary: 'T3: the file goes to the préfecture and the commission',
  },
  {
    name: 'record-commission-opinion',
    eventType: 'CommissionOpinionRecorded',
    roles: ['commission_secretariat'],
    summary:
      "T4/T9: the commission's opinion, read from its session (quorum and recusals applied); closing the sitting already passes it, so this writes nothing when the opinion of that item is on file",
  },
  {
    name: 'record-commission-follow-up',
    eventType: 'CommissionFollowUpRecorded',
    roles: ['commission_secretariat'],
    summary: 'PSP-12: the commission follows the parcours',
  },
  {
    name: 'authorise',
    eventType: 'PrefectAuthorised',
    roles: PREFECTURE,
    summary: 'T5: the préfet authorises entry after both opinions (PSP-02)',
  },
  {
    name: 'refuse',
    eventType: 'PrefectRefused',
    roles: PREFECTURE,
    summary: 'T6: the préfet refuses entry, with reasons (PSP-15)',
  },
  {
    name: 'notify-decision',
    eventType: 'DecisionNotified',
    roles: PREFECTURE,
    summary: 'T7: the decision is notified to the person and the association (PSP-05)',
  },
  {
    name: 'start-renewal',
    eventType: 'RenewalInstructionStarted',
    roles: ASSOCIATION,
    summary: 'T8: the association starts instructing a renewal',
  },
  {
    name: 'submit-renewal',
    eventType: 'RenewalSubmitted',
    roles: ASSOCIATION,
    summary: 'T8: the renewal file with results, commitments kept and difficulties (PSP-08)',
  },
  {
    name: 'grant-renewal',
    eventType: 'RenewalGranted',
    roles: PREFECTURE,
    summary: 'T10/T13: the préfet renews for a new period within the 24-month cap (PSP-06)',
  },
  {
    name: 'propose-non-renewal',
    eventType: 'NonRenewalProposed',
    roles: PREFECTURE,
    summary: 'T11: the préfet intends not to renew; the person may present observations (PSP-09)',
  },
  {
    name: 'record-observations',
    eventType: 'ObservationsReceived',
    roles: ['association', 'prefecture'],
    summary: "T11: the person's observations were received (ACL-07)",
  },
  {
    name: 'notify-non-renewal',
    eventType: 'NonRenewalNotified',
    roles: PREFECTURE,
    summary: 'T12: non-renewal notified; rights end on the notification date (PSP-09, DUR-04)',
  },
  {
    name: 'interrupt',
    eventType: 'Interrupted',
    roles: ASSOCIATION,
    summary: 'T15: the parcours is interrupted; the rights clock stops (PSP-07)',
  },
  {
    name: 'request-resumption',
    eventType: 'ResumptionRequested',
    roles: ASSOCIATION,
    summary: 'T16: a new instruction to resume the parcours',
  },
  {
    name: 'authorise-resumption',
    eventType: 'ResumptionAuthorised',
    roles: PREFECTURE,
    summary: 'T16: the préfet authorises resumption within the remaining budget (PSP-07)',
  },
  {
    name: 'withdraw',
    eventType: 'Withdrawn',
    roles: ASSOCIATION,
    summary: 'PD-1: the person withdrew their agreement, recorded by the association',
  },
  {
    name: 'close',
    eventType: 'ClosedOther',
    roles: ['association', 'prefecture'],
    summary: 'T18: closed for death, leaving France, moving département or written refusal',
  },
  {
    name: 'complete',
    eventType: 'Completed',
    roles: ASSOCIATION,
    summary: 'T17: completion with outcomes (training, job, housing)',
  },
  {
    name: 'record-court-order',
    eventType: 'CourtOrderedAuthorisation',
    roles: PREFECTURE,
    summary: 'T19: a judgment grants the authorisation (PSP-14, CE 440802)',
  },
  {
    name: 'end-period',
    eventType: 'PeriodEnded',
    roles: SYSTEM,
    summary: 'T14: a period ended with no renewal decision (scheduler)',
  },
  {
    name: 'reach-cap',
    eventType: 'CapReached',
    roles: SYSTEM,
    summary: 'T17: the 24-month cap is reached (scheduler)',
  },
  {
    name: 'aps-not-applicable',
    eventType: 'ApsNotApplicable',
    roles: ['association', 'foreigners_department'],
    summary: 'APS-01: no residence permit is needed',
  },
  {
    name: 'aps-required',
    eventType: 'ApsRequired',
    roles: ['association', 'foreigners_department'],
    summary: 'APS-01: the person needs the L.425-4 residence permit',
  },
  {
    name: 'record-asylum-claim',
    eventType: 'AsylumClaimPending',
    roles: FOREIGNERS,
    summary: 'APS-09: an asylum claim is pending; no APS meanwhile',
  },
  {
    name: 'record-asylum-rejection',
    eventType: 'AsylumFinallyRejected',
    roles: FOREIGNERS,
    summary: 'APS-09: protection finally refused; the APS may be filed if the PSP is still running',
  },
  {
    name: 'file-aps',
    eventType: 'ApsFiled',
    roles: FOREIGNERS,
    summary:
      'APS: filed with the annexe 10 checklist (no passport where other documents prove nationality, no complaint, no visa)',
  },
  {
    name: 'request-aps-documents',
    eventType: 'ApsDocumentsRequested',
    roles: FOREIGNERS,
    summary:
      'APS-03, APS-07, D2: the préfecture asks for documents; a complaint receipt, a long-stay visa or a passport when other documents prove nationality is refused',
  },
  {
    name: 'issue-aps',
    eventType: 'ApsIssued',
    roles: FOREIGNERS,
    summary: 'APS-01, APS-02, APS-06, APS-13: the APS is issued for at least 6 months with the right to work',
  },
  {
    name: 'refuse-aps',
    eventType: 'ApsRefused',
    roles: FOREIGNERS,
    summary:
      'APS-15: the APS is refused or not renewed, on a legal ground with written reasons (APS-05, APS-02)',
  },
  {
    name: 'file-aps-renewal',
    eventType: 'ApsRenewalFiled',
    roles: FOREIGNERS,
    summary: 'APS-05: renewal filed',
  },
  {
    name: 'renew-aps',
    eventType: 'ApsRenewed',
    roles: FOREIGNERS,
    summary: 'APS-05: renewed while the conditions hold',
  },
  {
    name: 'expire-aps',
    eventType: 'ApsExpired',
    roles: SYSTEM,
    summary: 'APS-05: the APS expired (scheduler)',
  },
  {
    name: 'open-post-psp-review',
    eventType: 'PostPspReviewOpened',
    roles: FOREIGNERS,
    summary:
      'APS-12: review of residence after a completed PSP (T17: it opens by itself at completion; kept for streams recorded before)',
  },
  {
    name: 'issue-cst',
    eventType: 'CstIssued',
    roles: FOREIGNERS,
    summary: 'APS-12: a temporary residence card after the PSP',
  },
  {
    name: 'refuse-cst',
    eventType: 'CstRefused',
    roles: FOREIGNERS,
    summary: 'APS-12: no residence card after the PSP',
  },
  {
    name: 'request-afis',
    eventType: 'AfisRequested',
    roles: ['association', 'afis_payer'],
    summary: 'F1: the AFIS request with the facts of R.121-12-13-1',
  },
  {
    name: 'start-afis-instruction',
    eventType: 'AfisInstructionStarted',
    roles: MSA,
    summary: 'F2: the MSA starts instructing',
  },
  {
    name: 'complete-afis-instruction',
    eventType: 'AfisInstructionCompleted',
    roles: MSA,
    summary: "F2: instructed; waits for the commission's opinion",
  },
  {
    name: 'grant-afis',
    eventType: 'AfisGranted',
    roles: PREFECTURE,
    summary: 'F4/AFIS-06: the préfet grants the AFIS after the commission; the amount follows D.121-12-14',
  },
  {
    name: 'refuse-afis',
    eventType: 'AfisRefused',
    roles: PREFECTURE,
    summary: 'F4: the AFIS is refused with reasons',
  },
  {
    name: 'report-afis-change',
    eventType: 'AfisChangeReported',
    roles: ['association', 'afis_payer'],
    summary: 'F7: a change of situation (D.121-12-17)',
  },
  {
    name: 'reexamine-afis',
    eventType: 'AfisReexamined',
    roles: MSA,
    summary:
      'F7: the MSA re-examines the right and the amount and reports to the préfet; it never ends the AFIS (D.121-12-17)',
  },
  {
    name: 'end-afis',
    eventType: 'AfisEnded',
    roles: PREFECTURE,
    summary:
      'T20/F8: only the préfet ends the AFIS, with written reasons after the person could answer, from the following month (R.121-12-13-2)',
  },
  {
    name: 'record-seizure-notice',
    eventType: 'AfisSeizureNoticeRefused',
    roles: MSA,
    summary:
      'F9: a garnishment or assignment notice is recorded and refused: the AFIS is incessible et insaisissable (L.121-9)',
  },
  {
    name: 'confirm-person-link',
    eventType: 'PersonLinkConfirmed',
    roles: ASSOCIATION,
    summary:
      "PSP-07: the earlier parcours found at opening is this person's: the 24-month cap counts every period of the person",
  },
  {
    name: 'deny-person-link',
    eventType: 'PersonLinkDenied',
    roles: ASSOCIATION,
    summary: "PSP-07: the earlier parcours found at opening is another person's",
  },
];

export function caseCommand(name: string): CaseCommandSpec | undefined {
  return CASE_COMMANDS.find((command) => command.name === name);
}
