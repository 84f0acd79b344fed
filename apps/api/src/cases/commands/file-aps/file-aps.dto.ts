import { IsObject, ArrayMaxSize, IsArray, IsBoolean, IsIn, ValidateNested } from 'class-validator';
import { Type } from 'class-transformer';
import { IsCalendarDate } from '../calendar-date.validator';
import { body } from '../command-dto';

const NATIONALITY_DOCUMENT_KINDS = [
  'passport',
  'consular_certificate',
  'identity_card',
  'consular_card',
  'nationality_certificate',
  'other',
] as const;

/** D2: one document proving nationality (a passport is not required when others prove it). */
export class NationalityDocumentDto {
  @IsIn(NATIONALITY_DOCUMENT_KINDS)
  kind!: (typeof NATIONALITY_DOCUMENT_KINDS)[number];

  @IsBoolean()
  hasPhoto!: boolean;

  @IsBoolean()
  valid!: boolean;
}

/** CESEDA annexe 10 line 45: items D1..D10 as filed (D7 and D9 come from the case). */
export class ApsChecklistDto {
  /** D1: birth certificate (acte de naissance), or not needed with a residence card. */
  @IsIn(['birth_certificate', 'holds_residence_card', 'missing'])
  civilStatus!: 'birth_certificate' | 'holds_residence_card' | 'missing';

  /** D2: documents proving nationality. */
  @IsArray()
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => NationalityDocumentDto)
  nationalityDocuments!: NationalityDocumentDto[];

  /** D3: proof of address less than 6 months old (justificatif de domicile). */
  @IsBoolean()
  proofOfAddress!: boolean;

  /** D4: sworn statement of non-polygamy. */
  @IsIn(['provided', 'not_applicable', 'missing'])
  nonPolygamyStatement!: 'provided' | 'not_applicable' | 'missing';

  /** D5: photos (or the online photo and signature code). */
  @IsBoolean()
  photos!: boolean;

  /** D6 (APS-11): regularisation visa fee; recorded, never blocks filing. */
  @IsIn(['provided', 'due_on_delivery', 'waived'])
  visaFeeProof!: 'provided' | 'due_on_delivery' | 'waived';

  /** D8 (APS-02): documents allowing the stop of prostitution to be assessed. */
  @IsBoolean()
  stopOfProstitutionDocuments!: boolean;

  /** D10 (APS-13): signed contrat d'engagement républicain (CER). */
  @IsBoolean()
  cerSigned!: boolean;
}

/** APS: filed with the annexe 10 checklist; no passport, complaint or visa required (ApsFiled; APS-03, APS-07). */
export class FileApsDto {
  @IsCalendarDate()
  filedOn!: string;

  @IsObject()
  @ValidateNested()
  @Type(() => ApsChecklistDto)
  checklist!: ApsChecklistDto;
}

export const fileAps = body(FileApsDto, {
  filedOn: '2024-04-02',
  checklist: {
    civilStatus: 'birth_certificate',
    nationalityDocuments: [{ kind: 'consular_certificate', hasPhoto: true, valid: true }],
    proofOfAddress: true,
    nonPolygamyStatement: 'provided',
    photos: true,
    visaFeeProof: 'due_on_delivery',
    stopOfProstitutionDocuments: true,
    cerSigned: true,
  },
});
