import { IsCalendarDate } from '../calendar-date.validator';
import { body } from '../command-dto';
import { IsShortStatements } from '../command-fields';

/** T11: the préfet intends not to renew and invites observations (NonRenewalProposed; PSP-09, CRPA L.122-1). */
export class ProposeNonRenewalDto {
  @IsCalendarDate()
  proposedOn!: string;

  /** PSP-15: the reasons given to the person, who may answer them (observations). */
  @IsShortStatements()
  reasons!: string[];
}

export const proposeNonRenewal = body(ProposeNonRenewalDto, {
  proposedOn: '2024-08-20',
  reasons: ['No action of the parcours document was carried out during the period'],
});
