import { IsCalendarDate } from '../calendar-date.validator';
import { body } from '../command-dto';

/**
 * PSP-07: the association states that the earlier parcours found at opening is another person's
 * (PersonLinkDenied): the case keeps a person of its own.
 */
export class DenyPersonLinkDto {
  @IsCalendarDate()
  deniedOn!: string;
}

export const denyPersonLink = body(DenyPersonLinkDto, { deniedOn: '2024-01-16' });
