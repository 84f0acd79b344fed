import { CalendarDate } from '@psp/legal-kernel';

/** A fact in the past tense with a typed, versioned payload; dates come from the event, never the clock. */
export interface CommissionEvent<TType extends string, TData, TVersion extends number = 1> {
  readonly type: TType;
  readonly schemaVersion: TVersion;
  readonly data: TData;
}

export type Opinion = 'favourable' | 'unfavourable';

export type { CalendarDate };
