import { CalendarDate } from '@psp/legal-kernel';

/**
 * Every case event is a fact in the past tense with a typed, versioned payload. Dates are calendar
 * dates (`YYYY-MM-DD`) carried by the event: the machine never reads the clock.
 */
export interface CaseEvent<TType extends string, TData, TVersion extends number = 1> {
  readonly type: TType;
  readonly schemaVersion: TVersion;
  readonly data: TData;
}

export type Opinion = 'favourable' | 'unfavourable';

export type { CalendarDate };
