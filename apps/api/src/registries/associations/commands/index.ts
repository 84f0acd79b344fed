import { CommandBody } from '../../../cases/commands/command-dto';
import { abandonWithdrawal } from './abandon-withdrawal/abandon-withdrawal.dto';
import { apply } from './apply/apply.dto';
import { applyRenewal } from './apply-renewal/apply-renewal.dto';
import { deemFileComplete } from './deem-file-complete/deem-file-complete.dto';
import { expire } from './expire/expire.dto';
import { grant } from './grant/grant.dto';
import { grantBySilence } from './grant-by-silence/grant-by-silence.dto';
import { proposeWithdrawal } from './propose-withdrawal/propose-withdrawal.dto';
import { receiveMissingDocuments } from './receive-missing-documents/receive-missing-documents.dto';
import { refuse } from './refuse/refuse.dto';
import { refuseRenewal } from './refuse-renewal/refuse-renewal.dto';
import { renew } from './renew/renew.dto';
import { requestMissingDocuments } from './request-missing-documents/request-missing-documents.dto';
import { sendObservations } from './send-observations/send-observations.dto';
import { withdraw } from './withdraw/withdraw.dto';

/** The request body of every agrément command, by route name (libs/workflow ASSOCIATION_COMMANDS). */
export const ASSOCIATION_COMMAND_BODIES: Readonly<Record<string, CommandBody>> = {
  apply,
  'apply-renewal': applyRenewal,
  'request-missing-documents': requestMissingDocuments,
  'receive-missing-documents': receiveMissingDocuments,
  'deem-file-complete': deemFileComplete,
  grant,
  refuse,
  'grant-by-silence': grantBySilence,
  renew,
  'refuse-renewal': refuseRenewal,
  'propose-withdrawal': proposeWithdrawal,
  'send-observations': sendObservations,
  'abandon-withdrawal': abandonWithdrawal,
  withdraw,
  expire,
};
