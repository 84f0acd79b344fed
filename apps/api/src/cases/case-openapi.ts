import type { OpenAPIObject } from '@nestjs/swagger';
import { CASE_COMMANDS } from '@psp/workflow';
import {
  CommandCatalogueDocs,
  addCommandCatalogues,
  registeredCommandCatalogues,
} from '../infrastructure/command-openapi';
import { CASE_COMMAND_BODIES } from './commands';

const CASE_CATALOGUE: CommandCatalogueDocs = {
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

/**
 * Documents each case command from the catalogue, and the catalogues other modules registered
 * (associations, commissions), with the shared function of infrastructure/command-openapi.ts.
 */
export function addCaseCommands(document: OpenAPIObject): OpenAPIObject {
  return addCommandCatalogues(document, [CASE_CATALOGUE, ...registeredCommandCatalogues()]);
}
