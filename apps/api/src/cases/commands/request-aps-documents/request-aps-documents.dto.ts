import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn } from 'class-validator';
import { IsCalendarDate } from '../calendar-date.validator';
import { body } from '../command-dto';

const PREFECTURE_REQUIREMENTS = [
  'passport',
  'complaint_receipt',
  'criminal_proceedings_reference',
  'long_stay_visa',
  'birth_certificate',
  'proof_of_address',
  'photos',
] as const;

/**
 * The préfecture asks the APS applicant for documents (ApsDocumentsRequested). Refused with the rule
 * when it asks what the law excludes: a complaint receipt or criminal proceedings (APS-07), a long-stay
 * visa (APS-03), a passport when another valid document with a photo proves nationality (D2).
 */
export class RequestApsDocumentsDto {
  @IsCalendarDate()
  requestedOn!: string;

  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(PREFECTURE_REQUIREMENTS.length)
  @IsIn(PREFECTURE_REQUIREMENTS, { each: true })
  documents!: (typeof PREFECTURE_REQUIREMENTS)[number][];
}

export const requestApsDocuments = body(RequestApsDocumentsDto, {
  requestedOn: '2024-04-05',
  documents: ['proof_of_address'],
});
