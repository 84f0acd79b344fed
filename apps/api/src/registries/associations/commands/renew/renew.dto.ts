import { IsCalendarDate } from '../../../../cases/commands/calendar-date.validator';
import { body } from '../../../../cases/commands/command-dto';
import { IsDepartementList } from '../../../shared/registry-fields';

/** AGR-07: the head-office préfet renews (AgrementRenewed). */
export class RenewDto {
  @IsCalendarDate()
  decidedOn!: string;

  @IsDepartementList()
  departements!: string[];
}

export const renew = body(RenewDto, { decidedOn: '2026-02-01', departements: ['69'] });
