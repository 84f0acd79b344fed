import {
  EventActor,
  EventStore,
  IdempotencyConflictError,
  NewEvent,
  RecordedEvent,
  WrongExpectedRevisionError,
} from '@psp/event-store';
import { RuleViolation } from '@psp/legal-kernel';
import { GENESIS_HASH, HashedEventContent, eventHash } from '../integrity/event-hash';
import { inSpan } from './tracing';
import {
  CommandRefusedError,
  ConcurrencyExhaustedError,
  IdempotencyKeyReusedError,
  StaleRevisionError,
  StreamNotFoundError,
} from './command-errors';
import { eventIdFor } from './deterministic-id';
import { DomainEvent } from './domain-event';
import { Aggregate, CommandRecord, foldCacheOf } from './fold-cache';

export type { Aggregate } from './fold-cache';

export interface CommandContext {
  /**
   * The command id: the same id twice gives the first answer and writes nothing. Over HTTP it is
   * derived from the caller and its Idempotency-Key (never the raw key: see `boundCommandId`).
   */
  readonly commandId: string;
  /**
   * A fingerprint of what the command asked (method, route, record, body). Stored with its events:
   * a later command with the same id and another fingerprint is refused (422), not answered as a retry.
   */
  readonly fingerprint?: string;
  readonly actor: EventActor;
  readonly correlationId?: string;
  readonly causationId?: string;
  /** The client's `If-Match`: the command is decided on this revision or refused with 412. */
  readonly expectedRevision?: number;
}

export type Decision =
  | {
      readonly accepted: true;
      readonly events: readonly DomainEvent[];
      readonly warnings?: readonly RuleViolation[];
      /**
       * The state after these events, when the decision computed it from events whose data is
       * already as the store gives it back (JSON): the fold cache goes on from it instead of
       * applying the written events again (ADR 0026).
       */
      readonly state?: unknown;
    }
  | {
      readonly accepted: false;
      readonly violations: readonly RuleViolation[];
      /** The commands the actor may issue now, for a state refusal (PD-6: say what to do). */
      readonly available?: readonly string[];
      readonly kind?: 'state' | 'input';
    };

export interface DecisionInput<State> {
  readonly state: State;
  /** Revision of the stream's last event, -1 for a new stream. */
  readonly revision: number;
  /**
   * The stream's events up to `revision`, read on demand: the state is folded from a cache and
   * only the events after its revision are read (ADR 0023), so the history costs a read.
   */
  readonly history: () => Promise<readonly RecordedEvent[]>;
}

export interface CommandOutcome {
  readonly streamId: string;
  /** Revision after the command (the new ETag). */
  readonly revision: number;
  readonly events: readonly { id: string; type: string; revision: number }[];
  /** True when this answers a command id already handled: nothing was written now. */
  readonly replayed: boolean;
  readonly warnings: readonly RuleViolation[];
}

export interface ExecuteOptions<State = unknown> {
  /** `create`: the stream must not exist; `update`: it must (404 otherwise). */
  readonly mode: 'create' | 'update';
  /** Attempts on the fresh state when another writer wins the race (without If-Match). */
  readonly maxAttempts?: number;
  /**
   * May this actor know of this record? Checked on the folded state before anything else, a replay
   * included: an outsider gets the same refusal (404) with or without an Idempotency-Key.
   */
  readonly admit?: (state: State, revision: number) => void;
}

/**
 * One command, end to end: load the stream, fold it, decide, append with the expected revision,
 * retrying the decision on the fresh state when another writer got there first. A refused
 * command throws before anything is written.
 */
export async function executeCommand<State>(
  store: EventStore,
  aggregate: Aggregate<State>,
  streamId: string,
  context: CommandContext,
  decide: (input: DecisionInput<State>) => Decision | Promise<Decision>,
  options: ExecuteOptions<State>,
): Promise<CommandOutcome> {
  // One span for the command, with the store reads, the decision and the append inside it.
  return inSpan(
    'command',
    { 'psp.stream': streamId, 'psp.command_id': context.commandId, 'psp.mode': options.mode },
    () => runCommand(store, aggregate, streamId, context, decide, options),
  );
}

async function runCommand<State>(
  store: EventStore,
  aggregate: Aggregate<State>,
  streamId: string,
  context: CommandContext,
  decide: (input: DecisionInput<State>) => Decision | Promise<Decision>,
  options: ExecuteOptions<State>,
): Promise<CommandOutcome> {
  const maxAttempts = context.expectedRevision === undefined ? (options.maxAttempts ?? 5) : 1;
  for (let attempt = 1; attempt <= maxAttempts; attempt += 1) {
    const stream = await inSpan('store.readStream', {}, () =>
      foldCacheOf(store).load(store, aggregate, streamId),
    );
    const { state, revision } = stream;
    if (revision >= 0) options.admit?.(state, revision);

    // Idempotency through the stream's command index, not a scan of its events.
    const earlier = stream.command(context.commandId);
    if (earlier) return replayOf(streamId, earlier, context);

    if (options.mode === 'update' && revision < 0) throw new StreamNotFoundError(streamId);
    if (options.mode === 'create' && revision >= 0) {
      throw new CommandRefusedError([{ rule: 'PD-3', message: 'this record already exists' }]);
    }
    if (context.expectedRevision !== undefined && context.expectedRevision !== revision) {
      throw new StaleRevisionError(streamId, context.expectedRevision, revision);
    }

    const decision = await inSpan('decide', { 'psp.revision': revision }, async () =>
      decide({ state, revision, history: stream.history }),
    );
    if (!decision.accepted)
      throw new CommandRefusedError(decision.violations, decision.kind, decision.available);
    if (decision.events.length === 0) {
      return { streamId, revision, events: [], replayed: false, warnings: decision.warnings ?? [] };
    }

    const newEvents = chainEvents(streamId, stream.last, revision, decision.events, context, aggregate);
    try {
      const result = await inSpan('store.append', { 'psp.events': newEvents.length }, () =>
        store.append(streamId, newEvents, {
          expectedRevision: revision < 0 ? 'no_stream' : revision,
        }),
      );
      if (!result.written) {
        // A concurrent request with the same command id wrote first: answer as a retry of it,
        // unless it asked for something else (same key, another body).
        const stored = await store.readStream(streamId);
        const written = stored.filter((event) => event.metadata.commandId === context.commandId);
        return replayOf(streamId, written.length === 0 ? undefined : recordOf(written), context);
      }
      // The next command on this stream (and the projector) goes on from here without a read.
      // It also writes the stream's durable snapshot when one is due (ADR 0027), after this answer.
      if (result.recorded) {
        const decided = decision.state as State | undefined;
        foldCacheOf(store).advance(aggregate, streamId, revision, result.recorded, store, decided);
      }
      return {
        streamId,
        revision: result.nextExpectedRevision,
        events: newEvents.map((e, i) => ({
          id: e.id,
          type: e.type,
          revision: result.nextExpectedRevision - newEvents.length + 1 + i,
        })),
        replayed: !result.written,
        warnings: decision.warnings ?? [],
      };
    } catch (error) {
      if (error instanceof IdempotencyConflictError) throw new IdempotencyKeyReusedError(context.commandId);
      if (!(error instanceof WrongExpectedRevisionError)) throw error;
      if (context.expectedRevision !== undefined) {
        throw new StaleRevisionError(streamId, context.expectedRevision, error.actual);
      }
      // Another writer won: decide again on the fresh state.
    }
  }
  throw new ConcurrencyExhaustedError(streamId, maxAttempts);
}

/**
 * The first answer to a command id, given again. Events written before fingerprints were stored
 * carry none and are answered as before; a different fingerprint is another request under the
 * same key: 422 (IETF draft "The Idempotency-Key HTTP Header Field").
 */
function replayOf(
  streamId: string,
  earlier: CommandRecord | undefined,
  context: CommandContext,
): CommandOutcome {
  const stored = earlier?.fingerprint;
  if (
    !earlier ||
    earlier.events.length === 0 ||
    (typeof stored === 'string' && stored !== context.fingerprint)
  ) {
    throw new IdempotencyKeyReusedError(context.commandId);
  }
  return {
    streamId,
    revision: earlier.events[earlier.events.length - 1].revision,
    events: earlier.events.map((e) => ({ id: e.id, type: e.type, revision: e.revision })),
    replayed: true,
    warnings: [],
  };
}

function recordOf(events: readonly RecordedEvent[]): CommandRecord {
  return {
    fingerprint: events[0].metadata.fingerprint,
    events: events.map((e) => ({ id: e.id, type: e.type, revision: e.revision })),
  };
}

/**
 * Gives each new event its envelope and the hash of its predecessor (tamper evidence). Exported
 * for the event generator (`@psp/workflow/testing`), which must write exactly what a command writes.
 */
export function chainEvents(
  streamId: string,
  last: HashedEventContent | undefined,
  revision: number,
  events: readonly DomainEvent[],
  context: CommandContext,
  aggregate: { readonly machineVersion: string },
): NewEvent[] {
  let previousHash = last ? eventHash(last) : GENESIS_HASH;
  return events.map((event, i) => {
    const newEvent: NewEvent = {
      id: eventIdFor(context.commandId, i),
      type: event.type,
      data: event.data,
      metadata: {
        actor: context.actor,
        commandId: context.commandId,
        ...(context.fingerprint ? { fingerprint: context.fingerprint } : {}),
        correlationId: context.correlationId ?? context.commandId,
        causationId: context.causationId ?? context.commandId,
        occurredAt: event.occurredAt,
        schemaVersion: event.schemaVersion,
        machineVersion: aggregate.machineVersion,
        previousHash,
      },
    };
    // The next event of the batch chains to this one (the last one's hash is the next command's to take).
    if (i < events.length - 1)
      previousHash = eventHash({ ...newEvent, streamId, revision: revision + 1 + i });
    return newEvent;
  });
}
