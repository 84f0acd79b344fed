import { ASSOCIATION_COMMANDS } from '@psp/workflow';
import { CommandCatalogueDocs, registerCommandCatalogue } from '../infrastructure/command-openapi';
import { ASSOCIATION_COMMAND_BODIES } from './associations/commands';

export const ASSOCIATION_CATALOGUE: CommandCatalogueDocs = {
  routes: {
    resource: 'associations',
    idParameter: 'associationId',
    tag: 'association commands',
    operationPrefix: 'association',
    noun: 'association',
  },
  commands: ASSOCIATION_COMMANDS,
  bodies: ASSOCIATION_COMMAND_BODIES,
};

/** The registries' command catalogues, added to the API document next to the case commands. */
export function registerRegistryCatalogues(): void {
  registerCommandCatalogue(ASSOCIATION_CATALOGUE);
}
