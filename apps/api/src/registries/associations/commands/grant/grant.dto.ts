import { IsOptional } from 'class-validator';
import { IsCalendarDate } from '../../../../cases/commands/calendar-date.validator';
import { body } from '../../../../cases/commands/command-dto';
import { IsDepartementList } from '../../../shared/registry-fields';

/** AGR-06, AGR-09: the head-office préfet grants (AgrementGranted); the deciding département is the token's. */
export class GrantDto {
  @IsCalendarDate()
  decidedOn!: string;

  /** AGR-09: the départements named in the decision (among those requested). */
  @IsDepartementList()
  departements!: string[];

  /** First day of validity; the decision date when absent. */
  @IsOptional()
  @IsCalendarDate()
  validFrom?: string;
}

export const grant = body(GrantDto, { decidedOn: '2023-05-15', departements: ['69'] });
