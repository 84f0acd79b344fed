import { IsIn, IsOptional } from 'class-validator';
import { IsCalendarDate } from '../calendar-date.validator';
import { body } from '../command-dto';
import { OPINIONS } from '../command-fields';

/** T16: the association files a new instruction to resume the parcours (ResumptionRequested; PSP-07). */
export class RequestResumptionDto {
  @IsCalendarDate()
  requestedOn!: string;

  /** PSP-03: the association's opinion (avis), if given with the request. */
  @IsOptional()
  @IsIn(OPINIONS)
  associationOpinion?: (typeof OPINIONS)[number];
}

export const requestResumption = body(RequestResumptionDto, {
  requestedOn: '2024-07-01',
  associationOpinion: 'favourable',
});
