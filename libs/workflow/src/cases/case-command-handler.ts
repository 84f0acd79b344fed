import { EventStore } from '@psp/event-store';
import { CalendarDate, ageOn, isCalendarDate, violation } from '@psp/legal-kernel';
import { EVENT_SCHEMA_VERSIONS, PspCaseEvent, PspCaseState, VictimOf, decide } from '@psp/psp-case';
import { Actor, PersonRecord, PersonalDataVault } from '@psp/security';
import { CommandRefusedError, StreamNotFoundError } from '../command/command-errors';
import { deterministicUuid } from '../command/deterministic-id';
import { CommandContext, CommandOutcome, Decision, executeCommand } from '../command/execute-command';
import { ForbiddenCommandError, caseInScope } from './case-access';
import { commandsFor } from './case-query';
import { CaseCommandSpec } from './case-commands';
import { caseAggregate, caseStreamId } from './case-stream';
import { RegistryFacts } from './registry-facts';

export type Clock = () => Date;

/** What the association sends to open a request (T1): identity for the vault, facts for the event. */
export interface OpenRequestInput {
  readonly openedOn: CalendarDate;
  readonly personAgrees: boolean;
  readonly victimOf: readonly VictimOf[];
  readonly person: PersonRecord;
}

export interface CaseCommandContext extends Omit<CommandContext, 'actor'> {
  readonly actor: Actor;
}

/**
 * Case commands, end to end: who may issue them, on which cases, with which facts loaded from
 * the registries, decided by the case machine, appended with the expected revision.
 */
export class CaseCommandHandler {
  constructor(
    private readonly store: EventStore,
    private readonly vault: PersonalDataVault,
    private readonly facts: RegistryFacts,
    private readonly clock: Clock = () => new Date(),
  ) {}

  /** T1: an approved association opens a request with the person (the case id follows the command id). */
  async open(
    input: OpenRequestInput,
    context: CaseCommandContext,
  ): Promise<CommandOutcome & { caseId: string }> {
    const { actor } = context;
    if (actor.role !== 'association') throw new ForbiddenCommandError(actor.role, ['association']);
    const caseId = deterministicUuid(`case:${context.commandId}`);
    const personRef = deterministicUuid(`person:${context.commandId}`);
    const outcome = await executeCommand(
      this.store,
      caseAggregate,
      caseStreamId(caseId),
      { ...context, actor: { id: actor.subject, role: actor.role } },
      async ({ state }) => {
        const agrementValid = await this.facts.agrementValid(
          actor.associationId!,
          actor.departement!,
          input.openedOn,
        );
        const birthDate = input.person.birthDate;
        const event: PspCaseEvent = {
          type: 'RequestOpened',
          schemaVersion: EVENT_SCHEMA_VERSIONS.RequestOpened,
          data: {
            openedOn: input.openedOn,
            personRef,
            associationId: actor.associationId!,
            departement: actor.departement!,
            associationAgrementValid: agrementValid,
            personAgrees: input.personAgrees,
            victimOf: input.victimOf,
            minorOnRequest:
              birthDate !== undefined && isCalendarDate(birthDate) && ageOn(birthDate, input.openedOn) < 18,
          },
        } as PspCaseEvent;
        const decision = this.decideEvent(state, event, 'input');
        // Identity goes to the vault only once the request is accepted; events carry the reference.
        if (decision.accepted) await this.vault.put(personRef, input.person);
        return decision;
      },
      { mode: 'create' },
    );
    return { ...outcome, caseId };
  }

  /** Any other case command: scope (404), role (403), facts, machine decision (409/422). */
  async execute(
    spec: CaseCommandSpec,
    caseId: string,
    input: Record<string, unknown>,
    context: CaseCommandContext,
  ): Promise<CommandOutcome> {
    const { actor } = context;
    return executeCommand(
      this.store,
      caseAggregate,
      caseStreamId(caseId),
      { ...context, actor: { id: actor.subject, role: actor.role } },
      async ({ state }) => {
        if (!caseInScope(actor, state.context)) throw new StreamNotFoundError(caseStreamId(caseId));
        if (!spec.roles.includes(actor.role)) throw new ForbiddenCommandError(actor.role, spec.roles);
        const data = await this.eventData(spec, caseId, state, input);
        const event = {
          type: spec.eventType,
          schemaVersion: EVENT_SCHEMA_VERSIONS[spec.eventType],
          data,
        } as PspCaseEvent;
        const decision = this.decideEvent(state, event, 'state');
        if (decision.accepted) return decision;
        // What the actor may issue now instead (the `commands` list of GET /cases/{id}).
        const available = commandsFor(actor, state)
          .filter((command) => command.allowed)
          .map((command) => command.command);
        return { ...decision, available };
      },
      { mode: 'update' },
    );
  }

  private decideEvent(state: PspCaseState, event: PspCaseEvent, refusalKind: 'state' | 'input'): Decision {
    const decision = decide(state, event);
    if (!decision.accepted) return { accepted: false, violations: decision.violations, kind: refusalKind };
    return {
      accepted: true,
      events: [{ ...event, occurredAt: this.clock().toISOString() }],
      warnings: decision.warnings,
    };
  }

  /** The event's data: the request body, plus the facts the workflow loads itself (PD-3). */
  private async eventData(
    spec: CaseCommandSpec,
    caseId: string,
    state: PspCaseState,
    input: Record<string, unknown>,
  ): Promise<Record<string, unknown>> {
    switch (spec.eventType) {
      case 'CommissionOpinionRecorded': {
        const { sessionId, itemId } = input as { sessionId: string; itemId: string };
        const fact = await this.facts.commissionOpinion(sessionId, itemId);
        if (!fact || fact.caseId !== caseId || fact.departement !== state.context.departement) {
          throw new CommandRefusedError(
            violation(
              'COM-08',
              'no commission opinion was given on this agenda item for this case',
              'commissionOpinion',
            ),
            'input',
          );
        }
        return {
          recordedOn: fact.decidedOn,
          opinion: fact.opinion,
          quorumMet: fact.quorumMet,
          recusalsApplied: fact.recusalsApplied,
          sessionId,
          itemId,
          kind: fact.kind,
        };
      }
      case 'AfisGranted': {
        const decisionDate = input.decisionDate as CalendarDate;
        const person = state.context.personRef ? await this.vault.read(state.context.personRef) : undefined;
        const birthDate = person?.status === 'present' ? person.record.birthDate : undefined;
        if (!birthDate || !isCalendarDate(birthDate)) {
          throw new CommandRefusedError(
            violation('AFIS-02', "the person's birth date is needed to check the age condition", 'birthDate'),
            'input',
          );
        }
        return { decisionDate, ageOnDecisionDate: ageOn(birthDate, decisionDate) };
      }
      default:
        return this.sealFreeTexts(state, input);
    }
  }

  /**
   * ACL-06: reasons and difficulties are free texts about the person: they go into the event
   * sealed with the person's key (crypto-shredding), never in clear. Blank entries stay as they are
   * so that the machine still sees a missing reason (PSP-15).
   */
  private async sealFreeTexts(
    state: PspCaseState,
    input: Record<string, unknown>,
  ): Promise<Record<string, unknown>> {
    const personRef = state.context.personRef;
    if (!personRef) return input;
    const data = { ...input };
    for (const field of FREE_TEXT_FIELDS) {
      const texts = data[field];
      if (!Array.isArray(texts)) continue;
      data[field] = await Promise.all(
        texts.map((text: unknown) =>
          typeof text === 'string' && text.trim().length > 0 ? this.vault.sealText(personRef, text) : text,
        ),
      );
    }
    return data;
  }
}

/** Event fields that hold free texts about the person (sealed with the person's key). */
export const FREE_TEXT_FIELDS = ['reasons', 'difficulties'] as const;
