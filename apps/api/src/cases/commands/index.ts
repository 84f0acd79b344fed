import { CommandBody } from './command-dto';
import { authorise } from './authorise/authorise.dto';
import { completeInstruction } from './complete-instruction/complete-instruction.dto';

/**
 * The request body of every case command, by route name (libs/workflow CASE_COMMANDS).
 * `case-command-bodies.spec.ts` checks that each command has one and that each example is valid.
 */
export const CASE_COMMAND_BODIES: Readonly<Record<string, CommandBody>> = {
  authorise,
  'complete-instruction': completeInstruction,
};
