import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsOptional,
  ValidateNested,
} from 'class-validator';
import { AgrementLevel, FileItemCode, StatutoryPurpose } from '@psp/association';
import { IsCalendarDate } from '../../../cases/commands/calendar-date.validator';
import { IsRecordId } from '../../../cases/commands/command-fields';
import { IsDepartement, IsDepartementList } from '../../shared/registry-fields';

const PURPOSES = [
  'prostitution_support',
  'trafficking_victims',
  'women_victims_of_violence',
  'people_in_difficulty',
] as const satisfies readonly StatutoryPurpose[];

const FILE_ITEMS = [
  'signed_request',
  'general_assembly_resolution',
  'means_and_partner_network',
  'staff_training_evidence',
  'registration_number',
] as const satisfies readonly FileItemCode[];

const LEVELS = ['national', 'regional', 'departmental'] as const satisfies readonly AgrementLevel[];

/** AGR-10 items of the file (arrêté of 4 November 2016, partial list). */
export function IsFileItems(): PropertyDecorator {
  return (target, key) => {
    IsArray()(target, key);
    ArrayMaxSize(FILE_ITEMS.length)(target, key);
    ArrayUnique()(target, key);
    IsIn(FILE_ITEMS, { each: true })(target, key);
  };
}

/** AGR-02: a condition proved on the application date, with the document that proves it. */
export class EvidenceDto {
  @IsBoolean()
  proved!: boolean;

  @IsOptional()
  @IsRecordId()
  documentRef?: string;
}

/** AGR-02: the three conditions of R.121-12-2. */
export class ConditionsDto {
  @ValidateNested()
  @Type(() => EvidenceDto)
  generalAssemblyResolution!: EvidenceDto;

  @ValidateNested()
  @Type(() => EvidenceDto)
  meansAndPartnerNetwork!: EvidenceDto;

  @ValidateNested()
  @Type(() => EvidenceDto)
  staffAndVolunteerTraining!: EvidenceDto;
}

/** AGR-01..AGR-03, AGR-10: an application; the association's id comes from the token. */
export class ApplicationDto {
  /** The préfecture's file number; generated from the command id when absent. */
  @IsOptional()
  @IsRecordId()
  applicationId?: string;

  /** Date of receipt by the préfecture: the AGR-04 and AGR-05 clocks start here. */
  @IsCalendarDate()
  receivedOn!: string;

  /** AGR-01: date the association was regularly declared. */
  @IsCalendarDate()
  declaredOn!: string;

  @IsArray()
  @ArrayUnique()
  @IsIn(PURPOSES, { each: true })
  statutoryPurposes!: StatutoryPurpose[];

  @IsBoolean()
  signedByLegalRepresentative!: boolean;

  @IsDepartement()
  headOfficeDepartement!: string;

  /** AGR-03: the préfet the application was sent to (must be the head office's). */
  @IsDepartement()
  addressedToDepartement!: string;

  @IsDepartementList()
  requestedDepartements!: string[];

  @ValidateNested()
  @Type(() => ConditionsDto)
  conditions!: ConditionsDto;

  @IsFileItems()
  fileItems!: FileItemCode[];

  /** AGR-11: a note only; it never widens the scope. */
  @IsOptional()
  @IsIn(LEVELS)
  levelNote?: AgrementLevel;
}

const PROVED = { proved: true, documentRef: 'doc-ga-2023' };

export const APPLICATION_EXAMPLE: ApplicationDto = {
  receivedOn: '2023-03-01',
  declaredOn: '2015-01-10',
  statutoryPurposes: ['prostitution_support'],
  signedByLegalRepresentative: true,
  headOfficeDepartement: '69',
  addressedToDepartement: '69',
  requestedDepartements: ['69'],
  conditions: {
    generalAssemblyResolution: PROVED,
    meansAndPartnerNetwork: { proved: true, documentRef: 'doc-means-2023' },
    staffAndVolunteerTraining: { proved: true, documentRef: 'doc-training-2023' },
  },
  fileItems: [...FILE_ITEMS],
};
