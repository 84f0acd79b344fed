import { CommandBody } from './command-dto';
import { apsNotApplicable } from './aps-not-applicable/aps-not-applicable.dto';
import { apsRequired } from './aps-required/aps-required.dto';
import { authorise } from './authorise/authorise.dto';
import { authoriseResumption } from './authorise-resumption/authorise-resumption.dto';
import { close } from './close/close.dto';
import { complete } from './complete/complete.dto';
import { completeAfisInstruction } from './complete-afis-instruction/complete-afis-instruction.dto';
import { completeInstruction } from './complete-instruction/complete-instruction.dto';
import { confirmPersonLink } from './confirm-person-link/confirm-person-link.dto';
import { denyPersonLink } from './deny-person-link/deny-person-link.dto';
import { endAfis } from './end-afis/end-afis.dto';
import { endPeriod } from './end-period/end-period.dto';
import { expireAps } from './expire-aps/expire-aps.dto';
import { fileAps } from './file-aps/file-aps.dto';
import { fileApsRenewal } from './file-aps-renewal/file-aps-renewal.dto';
import { grantAfis } from './grant-afis/grant-afis.dto';
import { grantRenewal } from './grant-renewal/grant-renewal.dto';
import { interrupt } from './interrupt/interrupt.dto';
import { issueAps } from './issue-aps/issue-aps.dto';
import { issueCst } from './issue-cst/issue-cst.dto';
import { notifyDecision } from './notify-decision/notify-decision.dto';
import { notifyNonRenewal } from './notify-non-renewal/notify-non-renewal.dto';
import { openPostPspReview } from './open-post-psp-review/open-post-psp-review.dto';
import { openRequest } from './open-request/open-request.dto';
import { proposeNonRenewal } from './propose-non-renewal/propose-non-renewal.dto';
import { reachCap } from './reach-cap/reach-cap.dto';
import { recordAssociationOpinion } from './record-association-opinion/record-association-opinion.dto';
import { recordAsylumClaim } from './record-asylum-claim/record-asylum-claim.dto';
import { recordAsylumRejection } from './record-asylum-rejection/record-asylum-rejection.dto';
import { recordCommissionFollowUp } from './record-commission-follow-up/record-commission-follow-up.dto';
import { recordCommissionOpinion } from './record-commission-opinion/record-commission-opinion.dto';
import { recordCourtOrder } from './record-court-order/record-court-order.dto';
import { recordObservations } from './record-observations/record-observations.dto';
import { reexamineAfis } from './reexamine-afis/reexamine-afis.dto';
import { recordSeizureNotice } from './record-seizure-notice/record-seizure-notice.dto';
import { refuse } from './refuse/refuse.dto';
import { refuseAfis } from './refuse-afis/refuse-afis.dto';
import { refuseAps } from './refuse-aps/refuse-aps.dto';
import { refuseCst } from './refuse-cst/refuse-cst.dto';
import { renewAps } from './renew-aps/renew-aps.dto';
import { reportAfisChange } from './report-afis-change/report-afis-change.dto';
import { requestAfis } from './request-afis/request-afis.dto';
import { requestApsDocuments } from './request-aps-documents/request-aps-documents.dto';
import { requestResumption } from './request-resumption/request-resumption.dto';
import { startAfisInstruction } from './start-afis-instruction/start-afis-instruction.dto';
import { startRenewal } from './start-renewal/start-renewal.dto';
import { submit } from './submit/submit.dto';
import { submitRenewal } from './submit-renewal/submit-renewal.dto';
import { withdraw } from './withdraw/withdraw.dto';

/**
 * The request body of every case command, by route name (libs/workflow CASE_COMMANDS).
 * `case-command-bodies.spec.ts` checks that each command has one and that each example is valid.
 */
export const CASE_COMMAND_BODIES: Readonly<Record<string, CommandBody>> = {
  'complete-instruction': completeInstruction,
  'record-association-opinion': recordAssociationOpinion,
  submit,
  'record-commission-opinion': recordCommissionOpinion,
  'record-commission-follow-up': recordCommissionFollowUp,
  authorise,
  refuse,
  'notify-decision': notifyDecision,
  'start-renewal': startRenewal,
  'submit-renewal': submitRenewal,
  'grant-renewal': grantRenewal,
  'propose-non-renewal': proposeNonRenewal,
  'record-observations': recordObservations,
  'notify-non-renewal': notifyNonRenewal,
  interrupt,
  'request-resumption': requestResumption,
  'authorise-resumption': authoriseResumption,
  withdraw,
  close,
  complete,
  'record-court-order': recordCourtOrder,
  'end-period': endPeriod,
  'reach-cap': reachCap,
  'aps-not-applicable': apsNotApplicable,
  'aps-required': apsRequired,
  'record-asylum-claim': recordAsylumClaim,
  'record-asylum-rejection': recordAsylumRejection,
  'file-aps': fileAps,
  'request-aps-documents': requestApsDocuments,
  'issue-aps': issueAps,
  'refuse-aps': refuseAps,
  'file-aps-renewal': fileApsRenewal,
  'renew-aps': renewAps,
  'expire-aps': expireAps,
  'open-post-psp-review': openPostPspReview,
  'issue-cst': issueCst,
  'refuse-cst': refuseCst,
  'request-afis': requestAfis,
  'start-afis-instruction': startAfisInstruction,
  'complete-afis-instruction': completeAfisInstruction,
  'grant-afis': grantAfis,
  'refuse-afis': refuseAfis,
  'report-afis-change': reportAfisChange,
  'reexamine-afis': reexamineAfis,
  'end-afis': endAfis,
  'confirm-person-link': confirmPersonLink,
  'deny-person-link': denyPersonLink,
  'record-seizure-notice': recordSeizureNotice,
};

/** The body of `POST /cases` (T1), outside CASE_COMMANDS: identity for the vault, facts for the event. */
export const OPEN_REQUEST_BODY: CommandBody = openRequest;
