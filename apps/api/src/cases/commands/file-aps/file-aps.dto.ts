import { IsIn, IsOptional } from 'class-validator';
import { IsCalendarDate } from '../calendar-date.validator';
import { body } from '../command-dto';

/**
 * APS: filed at the préfecture (ApsFiled; APS-03, APS-07). The annexe 10 checklist (D1–D10) is
 * read from the documents on file (`POST /cases/{caseId}/documents`), never sent as booleans; the
 * body carries only what is declared rather than proved by a paper.
 */
export class FileApsDto {
  @IsCalendarDate()
  filedOn!: string;

  /** D4: the sworn statement of non-polygamy does not apply (the person is not married). */
  @IsOptional()
  @IsIn(['not_applicable'])
  nonPolygamyStatement?: 'not_applicable';

  /** D6 (APS-11): the visa fee is paid on delivery (default) or waived; a receipt on file reads as provided. */
  @IsOptional()
  @IsIn(['due_on_delivery', 'waived'])
  visaFeeProof?: 'due_on_delivery' | 'waived';
}

export const fileAps = body(FileApsDto, {
  filedOn: '2024-04-02',
  nonPolygamyStatement: 'not_applicable',
  visaFeeProof: 'due_on_delivery',
});
