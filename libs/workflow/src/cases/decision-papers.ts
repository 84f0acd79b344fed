import { PspCaseEvent, PspCaseState } from '@psp/psp-case';
import { Actor } from '@psp/security';

export interface DecisionPaperInput {
  readonly caseId: string;
  /** The case before the decision, and after it (the decision alone was accepted). */
  readonly state: PspCaseState;
  readonly next: PspCaseState;
  readonly event: PspCaseEvent;
  readonly actor: Actor;
  readonly commandId: string;
  readonly occurredAt: Date;
}

/**
 * What a decision brings with it besides its event: the letter the préfet signs (letters). Given
 * an accepted decision, returns the events to append before it (the letter filed as a document)
 * and the decision's event completed (the letter's hash); undefined when the decision has none.
 */
export interface DecisionPapers {
  attach(
    input: DecisionPaperInput,
  ): Promise<{ readonly before: readonly PspCaseEvent[]; readonly event: PspCaseEvent } | undefined>;
}
