import { ASSOCIATION_COMMANDS, COMMISSION_COMMANDS, SESSION_COMMANDS } from '@psp/workflow';
import { CommandCatalogueDocs } from '../infrastructure/command-openapi';
import { ASSOCIATION_COMMAND_BODIES } from './associations/commands';
import { COMMISSION_COMMAND_BODIES } from './commissions/commands';
import { SESSION_COMMAND_BODIES } from './commissions/sessions';

export const ASSOCIATION_CATALOGUE: CommandCatalogueDocs = {
  routes: {
    resource: 'associations',
    idParameter: 'associationId',
    tag: 'association commands',
    operationPrefix: 'association',
    noun: 'association',
  },
  commands: ASSOCIATION_COMMANDS.filter((command) => command.name !== 'apply'),
  bodies: ASSOCIATION_COMMAND_BODIES,
};

export const COMMISSION_CATALOGUE: CommandCatalogueDocs = {
  routes: {
    resource: 'commissions',
    idParameter: 'commissionId',
    tag: 'commission commands',
    operationPrefix: 'commission',
    noun: 'commission',
  },
  commands: COMMISSION_COMMANDS.filter((command) => command.name !== 'constitute'),
  bodies: COMMISSION_COMMAND_BODIES,
};

export const SESSION_CATALOGUE: CommandCatalogueDocs = {
  routes: {
    resource: 'commission-sessions',
    idParameter: 'sessionId',
    tag: 'commission session commands',
    operationPrefix: 'session',
    noun: 'session',
  },
  commands: SESSION_COMMANDS.filter((command) => command.name !== 'convene'),
  bodies: SESSION_COMMAND_BODIES,
};

/** The registries' command catalogues, added to the API document next to the case commands. */
export const REGISTRY_CATALOGUES: readonly CommandCatalogueDocs[] = [
  ASSOCIATION_CATALOGUE,
  COMMISSION_CATALOGUE,
  SESSION_CATALOGUE,
];
