import { CalendarDate, CaseEvent } from './event';

/**
 * PSP-06 / PSP-07 (R.121-12-10 paragraphs 3 and 4): a period with PSP rights that the same person
 * held in another case (any association, any département). The workflow reads them from the
 * person's other case streams when the préfet decides and records them in the decision event, so
 * a replay never needs the other streams again (like the registry facts, PD-3).
 */
export interface PersonPeriodFact {
  readonly caseId: string;
  readonly index: number;
  readonly kind: 'entry' | 'renewal' | 'resumption' | 'court_order';
  readonly start: CalendarDate;
  /** The last day with rights (a running period counts up to its planned end: its budget is committed). */
  readonly end: CalendarDate;
  readonly stopReason?: 'interrupted' | 'not_renewed' | 'withdrawn' | 'closed' | 'completed';
}

/**
 * The association confirmed that the person of this case is the person of an earlier parcours found
 * by the identity index: from now on the case counts that person's periods (no silent merge).
 * `personId` is the pseudonymous person id (no identity value).
 */
export type PersonLinkConfirmed = CaseEvent<
  'PersonLinkConfirmed',
  { readonly confirmedOn: CalendarDate; readonly personId: string }
>;

/** The association stated that the probable match is another person: the case keeps its own person id. */
export type PersonLinkDenied = CaseEvent<'PersonLinkDenied', { readonly deniedOn: CalendarDate }>;

export type PersonEvent = PersonLinkConfirmed | PersonLinkDenied;
