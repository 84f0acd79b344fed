import { EventStore } from '@psp/event-store';
import { CalendarDate, RuleWarning, ageOn, isCalendarDate, isSatisfied, violation } from '@psp/legal-kernel';
import {
  ApsDeclarations,
  EVENT_SCHEMA_VERSIONS,
  PspCaseEvent,
  PspCaseState,
  VictimOf,
  afisDocumentIds,
  apsChecklistFromDocuments,
  apsDocumentIds,
  apsRenewalChecklistFromDocuments,
  cerRequired,
  decide,
  instructionChecklistFromDocuments,
  papersNeededFor,
} from '@psp/psp-case';
import { Actor, PersonRecord, PersonalDataVault } from '@psp/security';
import { CommandRefusedError, StreamNotFoundError } from '../command/command-errors';
import { deterministicUuid } from '../command/deterministic-id';
import { CommandContext, CommandOutcome, Decision, executeCommand } from '../command/execute-command';
import { ForbiddenCommandError, caseInScope } from './case-access';
import { commandsFor } from './case-query';
import { CaseCommandSpec } from './case-commands';
import { DecisionPapers } from './decision-papers';
import { caseAggregate, caseStreamId } from './case-stream';
import { PersonDirectory, PriorParcours } from './person-directory';
import { opinionOnFile } from '../registries/commission-opinion-dispatcher';
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
 * PSP-07: the identity index found a probable earlier parcours of the person. The association sees
 * only that it exists and the rights it used, and must answer with `confirm-person-link` or
 * `deny-person-link` before the préfet decides.
 */
export interface PossibleMatch extends PriorParcours {
  readonly commands: readonly ['confirm-person-link', 'deny-person-link'];
}

/** The decisions that open a period: they record the person's periods in other cases (PSP-06, PSP-07). */
const DECISIONS_COUNTING_THE_PERSON: readonly string[] = [
  'PrefectAuthorised',
  'RenewalGranted',
  'ResumptionAuthorised',
  'CourtOrderedAuthorisation',
];

/**
 * Case commands, end to end: who may issue them, on which cases, with which facts loaded from
 * the registries, decided by the case machine, appended with the expected revision.
 */
export class CaseCommandHandler {
  private readonly persons: PersonDirectory;

  constructor(
    private readonly store: EventStore,
    private readonly vault: PersonalDataVault,
    private readonly facts: RegistryFacts,
    private readonly clock: Clock = () => new Date(),
    /** The letters of decisions (libs/letters); none in tests that do not need them. */
    private readonly papers?: DecisionPapers,
  ) {
    this.persons = new PersonDirectory(store, vault);
  }

  /**
   * T1: an approved association opens a request with the person. The case id follows the command
   * id, which the API derives from the caller and its Idempotency-Key: two callers using the same
   * key open two cases. PSP-07: the keyed identity index looks for an earlier parcours of the same
   * person; a probable match is answered as `possibleMatch` and waits for the association's confirmation.
   */
  async open(
    input: OpenRequestInput,
    context: CaseCommandContext,
  ): Promise<CommandOutcome & { caseId: string; possibleMatch?: PossibleMatch }> {
    const { actor } = context;
    if (actor.role !== 'association') throw new ForbiddenCommandError(actor.role, ['association']);
    const caseId = deterministicUuid(`case:${context.commandId}`);
    const personRef = deterministicUuid(`person:${context.commandId}`);
    const personId = deterministicUuid(`person-id:${context.commandId}`);
    const index = this.vault.identityIndex(input.person);
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
        const candidate = index ? await this.candidateFor(index) : undefined;
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
            personId,
            ...(candidate ? { possiblePriorParcours: true } : {}),
          },
        } as PspCaseEvent;
        const decision = this.decideEvent(state, event, 'input');
        // Identity goes to the vault only once the request is accepted; events carry the reference.
        if (decision.accepted) {
          await this.vault.put(personRef, input.person);
          if (candidate && index) {
            await this.vault.recordPendingMatch({ caseId, candidatePersonId: candidate, blindIndex: index });
          } else {
            await this.vault.registerPerson(personId, { caseId, personRef }, index);
          }
        }
        return decision;
      },
      { mode: 'create', admit: (state) => this.admit(actor, caseId, state) },
    );
    // Read back from the vault: a replayed command gives the same answer.
    const pending = await this.vault.pendingMatch(caseId);
    if (!pending) return { ...outcome, caseId };
    const prior = await this.persons.priorParcours(pending.candidatePersonId, caseId);
    return {
      ...outcome,
      caseId,
      possibleMatch: { ...prior, commands: ['confirm-person-link', 'deny-person-link'] },
    };
  }

  /** PSP-07: the person indexed under this identity who has a case of her own (the most cases first). */
  private async candidateFor(index: string): Promise<string | undefined> {
    let best: { personId: string; cases: number } | undefined;
    for (const personId of await this.vault.personsByIndex(index)) {
      const { cases } = await this.persons.priorParcours(personId);
      if (cases > 0 && (!best || cases > best.cases)) best = { personId, cases };
    }
    return best?.personId;
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
      async ({ state, history }) => {
        if (!spec.roles.includes(actor.role)) throw new ForbiddenCommandError(actor.role, spec.roles);
        // COM-08 (ADR 0012): closing the sitting already passed this opinion to the case: nothing to add.
        if (
          spec.eventType === 'CommissionOpinionRecorded' &&
          opinionOnFile(await history(), String(input.sessionId), String(input.itemId))
        )
          return { accepted: true, events: [] };
        // Decided on the data as it is stored and read back (JSON): the state the decision computes
        // is then the one folding the stored event gives, and the fold cache goes on from it.
        const data = asStored(await this.eventData(spec, caseId, state, input));
        const event = {
          type: spec.eventType,
          schemaVersion: EVENT_SCHEMA_VERSIONS[spec.eventType],
          data,
        } as PspCaseEvent;
        const decision = await this.decideWithLetter(caseId, state, event, actor, context.commandId);
        if (decision.accepted) {
          await this.afterPersonLink(caseId, state, event);
          return decision;
        }
        // What the actor may issue now instead (the `commands` list of GET /cases/{id}).
        const available = commandsFor(actor, state)
          .filter((command) => command.allowed)
          .map((command) => command.command);
        return { ...decision, available };
      },
      { mode: 'update', admit: (state) => this.admit(actor, caseId, state) },
    );
  }

  /**
   * PSP-07: once the association answered, the vault follows the case's history: a confirmed case
   * joins the earlier person; a denied one becomes a person of its own, indexed under its identity.
   */
  private async afterPersonLink(caseId: string, state: PspCaseState, event: PspCaseEvent): Promise<void> {
    if (event.type !== 'PersonLinkConfirmed' && event.type !== 'PersonLinkDenied') return;
    const personRef = state.context.personRef!;
    const pending = await this.vault.pendingMatch(caseId);
    if (event.type === 'PersonLinkConfirmed') {
      await this.vault.linkCase(event.data.personId, { caseId, personRef });
    } else if (state.context.personId) {
      await this.vault.registerPerson(state.context.personId, { caseId, personRef }, pending?.blindIndex);
    }
    await this.vault.resolvePendingMatch(caseId);
  }

  /**
   * The machine's decision; once accepted, a decision of the préfecture gets its letter generated and
   * filed before it (docs/documents.md), and the decision carries the letter's hash.
   */
  private async decideWithLetter(
    caseId: string,
    state: PspCaseState,
    event: PspCaseEvent,
    actor: Actor,
    commandId: string,
  ): Promise<Decision> {
    const alone = decide(state, event);
    if (!alone.accepted) return { accepted: false, violations: alone.violations, kind: 'state' };
    if (!this.papers) return this.accepted(event, alone.warnings, alone.next);
    const occurredAt = this.clock();
    const attached = await this.papers.attach({
      caseId,
      state,
      next: alone.next,
      event,
      actor,
      commandId,
      occurredAt,
    });
    if (!attached) return this.accepted(event, alone.warnings, alone.next);
    return this.decideEvents(state, [...attached.before, attached.event], occurredAt);
  }

  /**
   * An event the machine accepted (decided once: the decision is not made again). `next`, the state
   * after it, is handed on only for an event whose data is as stored (see `asStored`).
   */
  private accepted(event: PspCaseEvent, warnings: readonly RuleWarning[], next?: PspCaseState): Decision {
    return {
      accepted: true,
      events: [{ ...event, occurredAt: this.clock().toISOString() }],
      warnings,
      ...(next ? { state: next } : {}),
    };
  }

  /** Out of scope reads as not found (404), before anything else, a replayed command included. */
  private admit(actor: Actor, caseId: string, state: PspCaseState): void {
    if (!caseInScope(actor, state.context)) throw new StreamNotFoundError(caseStreamId(caseId));
  }

  private decideEvent(state: PspCaseState, event: PspCaseEvent, refusalKind: 'state' | 'input'): Decision {
    const decision = decide(state, event);
    if (!decision.accepted) return { accepted: false, violations: decision.violations, kind: refusalKind };
    return this.accepted(event, decision.warnings);
  }

  /** Several events decided in order, each on the state the previous one left. */
  private decideEvents(state: PspCaseState, events: readonly PspCaseEvent[], occurredAt: Date): Decision {
    let current = state;
    const warnings: RuleWarning[] = [];
    for (const event of events) {
      const decision = decide(current, event);
      if (!decision.accepted) return { accepted: false, violations: decision.violations, kind: 'state' };
      current = decision.next;
      warnings.push(...decision.warnings);
    }
    return {
      accepted: true,
      events: events.map((event) => ({ ...event, occurredAt: occurredAt.toISOString() })),
      warnings,
    };
  }

  /** The event's data: the request body, plus the facts the workflow loads itself (PD-3). */
  private async eventData(
    spec: CaseCommandSpec,
    caseId: string,
    state: PspCaseState,
    input: Record<string, unknown>,
  ): Promise<Record<string, unknown>> {
    if (DECISIONS_COUNTING_THE_PERSON.includes(spec.eventType)) {
      const data = await this.sealFreeTexts(state, input);
      const personId = state.context.personId;
      // PSP-06 / PSP-07: the periods the person held in her other cases, read now, recorded as a fact.
      return personId
        ? { ...data, personPeriods: await this.persons.periodsElsewhere(personId, caseId) }
        : data;
    }
    switch (spec.eventType) {
      case 'PersonLinkConfirmed': {
        const pending = await this.vault.pendingMatch(caseId);
        if (!pending) {
          throw new CommandRefusedError(
            violation('PSP-07', 'no probable earlier parcours of this person awaits an answer', 'personLink'),
            'state',
          );
        }
        return { confirmedOn: input.confirmedOn, personId: pending.candidatePersonId };
      }
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
      case 'SubmittedToPrefecture':
      case 'RenewalSubmitted':
      case 'ResumptionRequested':
        return {
          ...(await this.sealFreeTexts(state, input)),
          associationAgrementValid: await this.agrementValidOn(state, filingDate(input)),
        };
      case 'ApsFiled': {
        // D1–D10: the checklist is read from the documents on file now, never from client booleans.
        const filedOn = input.filedOn as CalendarDate;
        const documents = state.context.documents ?? [];
        return {
          filedOn,
          checklist: apsChecklistFromDocuments(documents, filedOn, input as ApsDeclarations),
          documentIds: apsDocumentIds(documents),
        };
      }
      case 'InstructionCompleted': {
        // PSP-03 / PSP-04: the signed parcours document and the commitments are read from the
        // documents on file, never from client booleans; each missing paper is named by its type.
        const documents = state.context.documents ?? [];
        const missing = papersNeededFor('InstructionCompleted', documents);
        if (!isSatisfied(missing)) throw new CommandRefusedError(missing, 'input');
        return { ...input, ...instructionChecklistFromDocuments(documents) };
      }
      case 'ApsRenewalFiled': {
        // APS-13: the signed contrat d'engagement républicain is read from the documents on file.
        const filedOn = input.filedOn as CalendarDate;
        const checklist = apsRenewalChecklistFromDocuments(state.context.documents ?? []);
        if (!checklist.cerSigned && state.context.params && cerRequired(filedOn, state.context.params)) {
          throw new CommandRefusedError(
            violation(
              'APS-13',
              `a signed contrat d'engagement républicain is required since ${state.context.params.cerRequiredFrom}: upload a document of type republican_commitment_contract first`,
              'documents.republican_commitment_contract',
            ),
            'input',
          );
        }
        return { filedOn, ...checklist };
      }
      case 'AfisInstructionCompleted': {
        // AFIS-04: the household's resources are proved by a statement on file.
        const documents = state.context.documents ?? [];
        const missing = papersNeededFor('AfisInstructionCompleted', documents);
        if (!isSatisfied(missing)) throw new CommandRefusedError(missing, 'input');
        return { ...input, documentIds: afisDocumentIds(documents) };
      }
      default:
        return this.sealFreeTexts(state, input);
    }
  }

  /**
   * AGR-06 / AGR-09: every filing by the association (entry file, renewal, resumption) records
   * whether its agrément was valid for the case's département on the filing date (PD-3).
   */
  private async agrementValidOn(state: PspCaseState, on: unknown): Promise<boolean> {
    const { associationId, departement } = state.context;
    if (!associationId || !departement || typeof on !== 'string' || !isCalendarDate(on)) return false;
    return this.facts.agrementValid(associationId, departement, on);
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

/** The date of a filing by the association, as its body names it. */
function filingDate(input: Record<string, unknown>): unknown {
  return input.submittedOn ?? input.requestedOn;
}

/** Event fields that hold free texts about the person (sealed with the person's key). */
export const FREE_TEXT_FIELDS = ['reasons', 'difficulties'] as const;

/**
 * Event data as the store writes it and reads it back: JSON (members set to `undefined` dropped,
 * and so on). A decision made on this form computes exactly the state a fold of the stored event gives.
 */
function asStored<T>(data: T): T {
  return JSON.parse(JSON.stringify(data)) as T;
}
