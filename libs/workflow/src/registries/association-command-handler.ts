import { EventStore } from '@psp/event-store';
import {
  AGREMENT_EVENT_SCHEMA_VERSIONS,
  AgrementSnapshot,
  AgrementStreamEvent,
  decideAgrement,
} from '@psp/association';
import { Actor } from '@psp/security';
import { StreamNotFoundError } from '../command/command-errors';
import { deterministicUuid } from '../command/deterministic-id';
import { CommandOutcome, executeCommand } from '../command/execute-command';
import { ForbiddenCommandError } from '../cases/case-access';
import { CaseCommandContext, Clock } from '../cases/case-command-handler';
import { actsForHeadOffice, associationInScope } from './association-access';
import { AssociationCommandSpec } from './association-commands';
import { associationAggregate, associationStreamId } from './association-stream';
import { asWorkflowDecision } from './registry-commands';

/** Events about the application under instruction: the server names it (AGR-03, AGR-04). */
const ABOUT_APPLICATION = new Set<string>([
  'MissingDocumentsRequested',
  'MissingDocumentsReceived',
  'FileDeemedComplete',
  'AgrementGranted',
  'AgrementRefused',
  'AgrementGrantedBySilence',
  'AgrementRenewed',
  'AgrementRenewalRefused',
]);

/** Decisions of the préfet: the deciding département is the actor's (AGR-06). */
const DECIDED_BY = new Set<string>([
  'AgrementGranted',
  'AgrementRefused',
  'AgrementRenewed',
  'AgrementRenewalRefused',
  'AgrementWithdrawn',
]);

const APPLICATIONS = new Set<string>(['AgrementApplied', 'AgrementRenewalApplied']);

/**
 * Agrément commands, end to end (rule book section 6): scope (404), role (403), the facts the
 * server owns, the association machine's decision (409/422 naming the rule), append with the
 * expected revision. The association's id is the préfecture's registration (RNA/SIRET-like id).
 */
export class AssociationCommandHandler {
  constructor(
    private readonly store: EventStore,
    private readonly clock: Clock = () => new Date(),
  ) {}

  /**
   * AGR-03: an association applies for itself (its id comes from the token). The first application
   * creates the stream; a new file after a refusal, a withdrawal or an expiry goes to the same stream.
   */
  async apply(
    spec: AssociationCommandSpec,
    input: Record<string, unknown>,
    context: CaseCommandContext,
  ): Promise<CommandOutcome & { associationId: string }> {
    const { actor } = context;
    if (actor.role !== 'association' || !actor.associationId)
      throw new ForbiddenCommandError(actor.role, ['association']);
    const outcome = await this.execute(spec, actor.associationId, input, context);
    return { ...outcome, associationId: actor.associationId };
  }

  /** Any agrément command on an association's stream. */
  async execute(
    spec: AssociationCommandSpec,
    associationId: string,
    input: Record<string, unknown>,
    context: CaseCommandContext,
  ): Promise<CommandOutcome> {
    const { actor } = context;
    const streamId = associationStreamId(associationId);
    const creates = APPLICATIONS.has(spec.eventType) && (await this.store.streamRevision(streamId)) < 0;
    return executeCommand(
      this.store,
      associationAggregate,
      streamId,
      { ...context, actor: { id: actor.subject, role: actor.role } },
      ({ state }) => {
        if (!associationInScope(actor, associationId, state.context)) throw new StreamNotFoundError(streamId);
        if (!spec.roles.includes(actor.role) || !actsForHeadOffice(actor, state.context)) {
          throw new ForbiddenCommandError(actor.role, spec.roles);
        }
        const event = {
          type: spec.eventType,
          schemaVersion: AGREMENT_EVENT_SCHEMA_VERSIONS[spec.eventType] ?? 1,
          data: this.eventData(spec, associationId, state, input, actor, context.commandId),
        } as AgrementStreamEvent;
        return asWorkflowDecision(state, event, decideAgrement(state, event), this.clock().toISOString());
      },
      {
        mode: creates ? 'create' : 'update',
        // Scope before any replay: an outsider's key never confirms the record exists.
        admit: (state) => {
          if (!associationInScope(actor, associationId, state.context)) throw new StreamNotFoundError(streamId);
        },
      },
    );
  }

  /** The request body plus what the server owns: ids and the deciding département. */
  private eventData(
    spec: AssociationCommandSpec,
    associationId: string,
    state: AgrementSnapshot,
    input: Record<string, unknown>,
    actor: Actor,
    commandId: string,
  ): Record<string, unknown> {
    const data: Record<string, unknown> = { ...input };
    if (APPLICATIONS.has(spec.eventType)) {
      data.associationId = associationId;
      data.applicationId = input.applicationId ?? deterministicUuid(`agrement-application:${commandId}`);
    }
    if (ABOUT_APPLICATION.has(spec.eventType)) {
      data.applicationId = state.context.application?.applicationId ?? '';
    }
    if (DECIDED_BY.has(spec.eventType)) data.decidedByDepartement = actor.departement ?? '';
    if (spec.eventType === 'WithdrawalProposed') data.proposedByDepartement = actor.departement ?? '';
    return data;
  }
}
