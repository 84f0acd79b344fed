import { CASE_COMMANDS } from '@psp/workflow';
import { CommandCatalogueDocs } from '../infrastructure/command-openapi';
import { CASE_COMMAND_BODIES } from './commands';

/** The case commands as the API documents them, one operation each (`POST /cases/{caseId}/{command}`). */
export const CASE_CATALOGUE: CommandCatalogueDocs = {
  routes: {
    resource: 'cases',
    idParameter: 'caseId',
    idFormat: 'uuid',
    tag: 'case commands',
    operationPrefix: 'case',
    noun: 'case',
  },
  commands: CASE_COMMANDS,
  bodies: CASE_COMMAND_BODIES,
};
