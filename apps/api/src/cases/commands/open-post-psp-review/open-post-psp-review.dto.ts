import { IsCalendarDate } from '../calendar-date.validator';
import { body } from '../command-dto';

/** APS-12: the préfet reviews residence after a completed PSP (PostPspReviewOpened). */
export class OpenPostPspReviewDto {
  @IsCalendarDate()
  openedOn!: string;
}

export const openPostPspReview = body(OpenPostPspReviewDto, { openedOn: '2024-12-02' });
