/**
 * A letter the préfet signs, as data: reviewed like a rule (docs/documents.md). Paragraphs may
 * hold `{placeholders}` filled from the decision's events; nothing else varies.
 */
export interface LetterTemplate {
  readonly id: string;
  /** Bumped on every change of wording: the event records which version was sent. */
  readonly version: number;
  readonly title: string;
  /** The legal basis (visas). */
  readonly basis: readonly string[];
  /** The decision itself (articles). */
  readonly decision: readonly string[];
  /** CRPA L.211-2: adverse individual decisions state their reasons (then listed from the event). */
  readonly reasonsRequired: boolean;
  /**
   * CJA R.421-1 and R.421-5: the routes and time limit of appeal. The two-month limit runs against
   * the person only when the notified decision states them; a template without them says so.
   */
  readonly appeal?: { readonly timeLimit: string; readonly routes: readonly string[] };
}

/** Does the letter state the routes and time limit of appeal (CJA R.421-5)? */
export function statesAppealRoutes(template: LetterTemplate): boolean {
  return (
    template.appeal !== undefined && template.appeal.routes.length > 0 && template.appeal.timeLimit.length > 0
  );
}
