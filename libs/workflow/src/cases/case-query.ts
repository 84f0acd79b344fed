import { EventStore } from '@psp/event-store';
import {
  CaseView,
  EventAvailability,
  PspCaseState,
  availableEvents,
  caseView,
  papersNeededFor,
} from '@psp/psp-case';
import { Actor } from '@psp/security';
import { StreamNotFoundError } from '../command/command-errors';
import { caseInScope } from './case-access';
import { CaseFile, caseFile } from './case-file';
import { CASE_COMMANDS } from './case-commands';
import { caseAggregate, caseStreamId } from './case-stream';
import { foldCacheOf } from '../command/fold-cache';

export interface CommandAvailability {
  readonly command: string;
  readonly allowed: boolean;
  /** Why it is refused now: the rule and reason (PD-6), or the roles it is reserved to. */
  readonly reasons: readonly { readonly rule: string; readonly message: string; readonly missing?: string }[];
}

export interface CaseSnapshot {
  readonly caseId: string;
  readonly revision: number;
  readonly departement: string;
  readonly associationId: string;
  readonly personRef: string;
  readonly openedOn: string;
  readonly view: CaseView;
  /** The file behind the view (opinions, decisions, APS and AFIS files); disclosed field by field. */
  readonly file: CaseFile;
  readonly commands: readonly CommandAvailability[];
}

/** One case as the actor may see it, folded from its stream now (never stale); 404 out of scope. */
export async function loadCase(store: EventStore, caseId: string, actor: Actor): Promise<CaseSnapshot> {
  const { state, revision } = await readCase(store, caseId);
  if (!caseInScope(actor, state.context)) throw new StreamNotFoundError(caseStreamId(caseId));
  return caseSnapshot(caseId, revision, state, actor);
}

/** The case folded from its stream, with no scope check (callers check it: `caseInScope`, agenda recusals). */
export async function readCase(
  store: EventStore,
  caseId: string,
): Promise<{ readonly state: PspCaseState; readonly revision: number }> {
  // Through the fold cache (ADR 0023): only the events after the cached revision are read.
  const { state, revision } = await foldCacheOf(store).load(store, caseAggregate, caseStreamId(caseId));
  if (revision < 0) throw new StreamNotFoundError(caseStreamId(caseId));
  return { state, revision };
}

/** The snapshot of a folded case, its commands computed for the actor. */
export function caseSnapshot(
  caseId: string,
  revision: number,
  state: PspCaseState,
  actor: Actor,
): CaseSnapshot {
  const context = state.context;
  return {
    caseId,
    revision,
    departement: context.departement!,
    associationId: context.associationId!,
    personRef: context.personRef!,
    openedOn: context.openedOn!,
    view: caseView(state),
    file: caseFile(context),
    commands: commandsFor(actor, state),
  };
}

/** A command this actor's role may not issue at all (rule book 1.2): the roles it is reserved to. */
export function reservedTo(spec: {
  readonly name: string;
  readonly roles: readonly string[];
}): CommandAvailability {
  return {
    command: spec.name,
    allowed: false,
    reasons: [{ rule: 'ACL', message: `reserved to: ${spec.roles.join(', ')}` }],
  };
}

/** Each command with whether this actor may issue it now, or why not. */
export function commandsFor(actor: Actor, state: PspCaseState): CommandAvailability[] {
  const byType = new Map<string, EventAvailability>(availableEvents(state).map((a) => [a.type, a]));
  return CASE_COMMANDS.map((spec) => {
    if (!spec.roles.includes(actor.role)) return reservedTo(spec);
    const availability = byType.get(spec.eventType);
    if (!availability?.available) {
      return { command: spec.name, allowed: false, reasons: availability?.violations ?? [] };
    }
    // PSP-03 / PSP-04 / AFIS-04: a command whose papers are not on file is not offered either.
    const papers = papersNeededFor(spec.eventType, state.context.documents ?? []);
    return { command: spec.name, allowed: papers.length === 0, reasons: papers };
  });
}
