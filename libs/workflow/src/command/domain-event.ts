/** What a decision produces: a fact in the past tense, before the store gives it an envelope. */
export interface DomainEvent<Type extends string = string, Data = unknown> {
  readonly type: Type;
  readonly schemaVersion: number;
  readonly data: Data;
  /** When the fact happened (ISO timestamp); business time for every guard. */
  readonly occurredAt: string;
}
