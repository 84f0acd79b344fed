import { EventStore, RecordedEvent } from '@psp/event-store';
import { EVENT_RULE, isPspCaseEventType } from '@psp/psp-case';
import { Actor } from '@psp/security';
import { CASE_COMMANDS } from '@psp/workflow';
import { PURGE_TOMBSTONE_TYPE, readCaseForAuditor } from './auditor-scope';

/** One recorded event of a case as an auditor reads it: who, when, under which command and rule. */
export interface CaseHistoryEntry {
  readonly revision: number;
  /** Position in the global log (a decimal string: it may exceed 2^53). */
  readonly globalPosition: string;
  readonly type: string;
  /** When the store wrote the event (transaction time). */
  readonly recordedAt: string;
  /** When the fact happened in the world, as the command stated it (business time). */
  readonly occurredAt: string;
  /** The role and the opaque subject of the token that issued the command (never a name). */
  readonly actor?: { readonly role: string; readonly id: string };
  /** The API command that produced the event (`open-request` for the opening). */
  readonly command?: string;
  readonly commandId?: string;
  readonly correlationId?: string;
  readonly machineVersion?: string;
  readonly schemaVersion: number;
  /** Rule-book IDs the transition or the event's stated reasons cite. */
  readonly rules: readonly string[];
  /** The reasons the decision gives (refusals, non-renewal, closure), as recorded. */
  readonly reasons?: readonly string[];
  /** The event's data: facts and opaque references only (personal data lives in the vault). */
  readonly data: unknown;
}

export interface CaseHistory {
  readonly caseId: string;
  readonly revision: number;
  readonly entries: readonly CaseHistoryEntry[];
}

const OPEN_REQUEST = {
  name: 'open-request',
  summary: 'T1: an approved association opens a PSP request with the person (PSP-01)',
};
const PURGE = { name: 'purge', summary: 'retention purge of the case record' };

/** A rule-book ID: `PSP-02`, `APS-04`, `DUR-05`, `PD-6`, `ACL-05`, or a transition `T5`, `F4`. */
const RULE_ID = /\b(?:[A-Z]{1,5}-\d{1,3}|[TF]\d{1,2})\b/g;

function commandFor(type: string): { name: string; summary: string } | undefined {
  if (type === 'RequestOpened') return OPEN_REQUEST;
  if (type === PURGE_TOMBSTONE_TYPE) return PURGE;
  return CASE_COMMANDS.find((c) => c.eventType === type);
}

function reasonsOf(data: unknown): string[] | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const { reasons, reason } = data as { reasons?: unknown; reason?: unknown };
  if (Array.isArray(reasons)) return reasons.filter((r): r is string => typeof r === 'string');
  if (typeof reason === 'string') return [reason];
  return undefined;
}

export function historyEntry(event: RecordedEvent): CaseHistoryEntry {
  const command = commandFor(event.type);
  const reasons = reasonsOf(event.data);
  const transition = isPspCaseEventType(event.type) ? [EVENT_RULE[event.type]] : [];
  const cited = [command?.summary ?? '', ...(reasons ?? [])].join(' ').match(RULE_ID) ?? [];
  const actor = event.metadata.actor;
  return {
    revision: event.revision,
    globalPosition: event.globalPosition.toString(),
    type: event.type,
    recordedAt: event.recordedAt,
    occurredAt: event.metadata.occurredAt,
    actor: actor ? { role: actor.role, id: actor.id } : undefined,
    command: command?.name,
    commandId: event.metadata.commandId,
    correlationId: event.metadata.correlationId,
    machineVersion: event.metadata.machineVersion,
    schemaVersion: event.metadata.schemaVersion,
    rules: [...new Set([...transition, ...cited])],
    reasons,
    data: event.data,
  };
}

/** GET /cases/{id}/history: every event of the case, one entry each, in revision order (auditors only). */
export async function caseHistory(store: EventStore, caseId: string, actor: Actor): Promise<CaseHistory> {
  const events = await readCaseForAuditor((id) => store.readStream(id), caseId, actor);
  return {
    caseId,
    revision: events[events.length - 1].revision,
    entries: events.map(historyEntry),
  };
}
