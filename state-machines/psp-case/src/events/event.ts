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

/**
 * The letter the préfet signs for a decision, generated from the events (docs/documents.md): the
 * document it is filed as, its SHA-256, the template and version used, and whether it states the
 * routes and time limit of appeal (CJA R.421-5: the two-month limit runs only if it does).
 */
export interface DecisionLetter {
  readonly documentId: string;
  readonly sha256: string;
  readonly template: string;
  readonly templateVersion: number;
  readonly appealRoutesStated: boolean;
}
