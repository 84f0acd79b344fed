import { IsIn } from 'class-validator';
import { IsCalendarDate } from '../calendar-date.validator';
import { body } from '../command-dto';
import { OPINIONS } from '../command-fields';

/** PSP-02/PSP-03: the instructing association's opinion (AssociationOpinionRecorded). */
export class RecordAssociationOpinionDto {
  @IsCalendarDate()
  givenOn!: string;

  /** The association's opinion (avis). */
  @IsIn(OPINIONS)
  opinion!: (typeof OPINIONS)[number];

  /** What the opinion is on: the first entry, a renewal (PSP-08) or a resumption (PSP-07). */
  @IsIn(['entry', 'renewal', 'resumption'])
  kind!: 'entry' | 'renewal' | 'resumption';
}

export const recordAssociationOpinion = body(RecordAssociationOpinionDto, {
  givenOn: '2024-02-01',
  opinion: 'favourable',
  kind: 'entry',
});
