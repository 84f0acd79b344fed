import { CommandBody } from '../../../cases/commands/command-dto';
import { addAgendaItem } from './add-agenda-item/add-agenda-item.dto';
import { cancelSession } from './cancel/cancel.dto';
import { closeSession } from './close/close.dto';
import { convene } from './convene/convene.dto';
import { declareInterest } from './declare-interest/declare-interest.dto';
import { deliberate } from './deliberate/deliberate.dto';
import { giveProxy } from './give-proxy/give-proxy.dto';
import { open } from './open/open.dto';

/** The request body of every session command, by route name (libs/workflow SESSION_COMMANDS). */
export const SESSION_COMMAND_BODIES: Readonly<Record<string, CommandBody>> = {
  convene,
  'add-agenda-item': addAgendaItem,
  'declare-interest': declareInterest,
  'give-proxy': giveProxy,
  open,
  deliberate,
  close: closeSession,
  cancel: cancelSession,
};
