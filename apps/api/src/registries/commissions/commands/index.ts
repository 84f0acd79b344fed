import { CommandBody } from '../../../cases/commands/command-dto';
import { appointMembers } from './appoint-members/appoint-members.dto';
import { constitute } from './constitute/constitute.dto';
import { recordDeparture } from './record-departure/record-departure.dto';
import { recordTraining } from './record-training/record-training.dto';
import { renewTerm } from './renew-term/renew-term.dto';

/** The request body of every membership command, by route name (libs/workflow COMMISSION_COMMANDS). */
export const COMMISSION_COMMAND_BODIES: Readonly<Record<string, CommandBody>> = {
  constitute,
  'appoint-members': appointMembers,
  'renew-term': renewTerm,
  'record-departure': recordDeparture,
  'record-training': recordTraining,
};
