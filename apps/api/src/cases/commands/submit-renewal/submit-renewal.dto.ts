import { IsBoolean, IsIn, IsOptional } from 'class-validator';
import { IsCalendarDate } from '../calendar-date.validator';
import { body } from '../command-dto';
import { COMMITMENTS_KEPT, IsShortStatements, OPINIONS } from '../command-fields';

/** T8: the renewal file with results, commitments kept and difficulties (RenewalSubmitted; PSP-03, PSP-08). */
export class SubmitRenewalDto {
  @IsCalendarDate()
  submittedOn!: string;

  /** PSP-08: the follow-up document (document de suivi) is up to date. */
  @IsBoolean()
  followUpDocumentUpdated!: boolean;

  /** PSP-03 (R.121-12-9): the results obtained are reported. */
  @IsBoolean()
  resultsReported!: boolean;

  /** PSP-08: commitments of the follow-up document (engagements). */
  @IsIn(COMMITMENTS_KEPT)
  commitmentsKept!: (typeof COMMITMENTS_KEPT)[number];

  /** PSP-08: the difficulties met (difficultés rencontrées); may be empty. */
  @IsShortStatements()
  difficulties!: string[];

  /** PSP-03: the association's opinion (avis), if given with the file. */
  @IsOptional()
  @IsIn(OPINIONS)
  associationOpinion?: (typeof OPINIONS)[number];
}

export const submitRenewal = body(SubmitRenewalDto, {
  submittedOn: '2024-08-01',
  followUpDocumentUpdated: true,
  resultsReported: true,
  commitmentsKept: 'kept',
  difficulties: ['The search for social housing took longer than planned'],
  associationOpinion: 'favourable',
});
