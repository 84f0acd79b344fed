import { SessionEvent, SessionView, SittingPaperFiled } from '@psp/commission';

export type SittingPaper = SittingPaperFiled['paper'];

/**
 * COM-07 / COM-08: the papers a sitting files when an event is recorded: the convocation at
 * convening and whenever the agenda grows, the attendance sheet and the minutes at closing.
 */
export const PAPERS_FILED_ON: Partial<Record<SessionEvent['type'], readonly SittingPaper[]>> = {
  SessionConvened: ['convocation'],
  AgendaItemAdded: ['convocation'],
  SessionClosed: ['attendance', 'minutes'],
};

/**
 * The port that draws up a paper of a sitting from its view (after the event) and stores it; it
 * answers the document id and SHA-256 the event records (libs/letters: `SittingPaperStore`).
 */
export interface SittingPapers {
  file(
    paper: SittingPaper,
    sessionId: string,
    departement: string,
    view: SessionView,
  ): Promise<SittingPaperFiled>;
}
