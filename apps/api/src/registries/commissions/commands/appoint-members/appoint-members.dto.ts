import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsOptional, ValidateNested } from 'class-validator';
import { ChairRole, MemberCategory } from '@psp/commission';
import { IsCalendarDate } from '../../../../cases/commands/calendar-date.validator';
import { body } from '../../../../cases/commands/command-dto';
import { IsRecordId } from '../../../../cases/commands/command-fields';
import { IsSignatories } from '../commission-fields';

const CATEGORIES = [
  'judge',
  'social_cohesion_service',
  'national_police_departmental',
  'national_police_zonal',
  'gendarmerie',
  'prefecture_foreigners_department',
  'labour_service',
  'education_services',
  'doctor',
  'local_authority',
  'approved_association',
  'child_protection',
  'departmental_council_president',
] as const satisfies readonly MemberCategory[];

/** COM-01, COM-02: one seat of the order; members are ids and categories, never names. */
export class AppointmentDto {
  @IsRecordId()
  memberId!: string;

  @IsIn(CATEGORIES)
  category!: MemberCategory;

  /** First day of the 3-year term; the order's date when absent. */
  @IsOptional()
  @IsCalendarDate()
  termStart?: string;

  /** 11° (ACL-01): the approved association represented. */
  @IsOptional()
  @IsRecordId()
  associationId?: string;

  /** COM-02 (CRPA R.133-4): replaces a member who left, for the rest of the term. */
  @IsOptional()
  @IsRecordId()
  replacesMemberId?: string;
}

/** COM-01, COM-03: the préfet's order appointing members (MembersAppointed), with its signatories. */
export class AppointMembersDto {
  @IsCalendarDate()
  orderedOn!: string;

  @IsSignatories()
  signatories!: ChairRole[];

  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(60)
  @ValidateNested({ each: true })
  @Type(() => AppointmentDto)
  appointments!: AppointmentDto[];
}

export const appointMembers = body(AppointMembersDto, {
  orderedOn: '2023-06-01',
  signatories: ['prefet'],
  appointments: [
    { memberId: 'member-judge-69', category: 'judge' },
    { memberId: 'member-asso-69', category: 'approved_association', associationId: 'asso-69-nid' },
  ],
});
