/**
 * What an event looks like going in (NewEvent) and coming out (RecordedEvent).
 * Metadata is the envelope every reader relies on: who did it, under which command,
 * when it happened, and which version of the schema and of the machine wrote it.
 */
export interface EventActor {
  readonly id: string;
  readonly role: string;
}

export interface EventMetadata {
  readonly actor?: EventActor;
  /** The command that produced the event (idempotency key). */
  readonly commandId?: string;
  readonly correlationId?: string;
  readonly causationId?: string;
  /** When the fact happened in the world (ISO timestamp); business time comes from here, never from the clock. */
  readonly occurredAt: string;
  /** Version of the event's data schema; readers upcast older ones. */
  readonly schemaVersion: number;
  /** Version of the state machine that accepted the event. */
  readonly machineVersion?: string;
  readonly [key: string]: unknown;
}

export interface NewEvent<Data = unknown> {
  /** A UUID chosen by the writer; appending the same id again is an idempotent no-op. */
  readonly id: string;
  readonly type: string;
  readonly data: Data;
  readonly metadata: EventMetadata;
}

export interface RecordedEvent<Data = unknown> {
  readonly id: string;
  readonly type: string;
  readonly data: Data;
  readonly metadata: EventMetadata;
  readonly streamId: string;
  /** 0-based position of the event in its stream. */
  readonly revision: number;
  /** Position in the global log; strictly increasing in the order readers receive events. */
  readonly globalPosition: bigint;
  /** When the store wrote it (ISO timestamp, from the store's clock). */
  readonly recordedAt: string;
}
