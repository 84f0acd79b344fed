import {
  IsObject,
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { Type } from 'class-transformer';
import { PERSON_SEXES, PersonSex } from '@psp/security';
import { IsCalendarDate } from '../calendar-date.validator';
import { body } from '../command-dto';

const VICTIM_OF = ['prostitution', 'procuring', 'trafficking'] as const;

/** How to reach the person (kept only in the vault). */
export class ContactDto {
  @IsOptional()
  @IsString()
  @MaxLength(30)
  phone?: string;

  @IsOptional()
  @IsEmail()
  @MaxLength(254)
  email?: string;

  @IsOptional()
  @IsString()
  @MaxLength(300)
  address?: string;
}

/** An identity or residence document (annexe 10 D1–D2). */
export class PersonDocumentDto {
  /** For example passport, consular_certificate, birth_certificate, residence_permit. */
  @IsString()
  @MinLength(1)
  @MaxLength(50)
  kind!: string;

  @IsOptional()
  @IsString()
  @MaxLength(50)
  number?: string;

  @IsOptional()
  @IsCalendarDate()
  validUntil?: string;
}

/** The person's identity: goes to the personal-data vault only, never into an event (events carry a personRef). */
export class PersonDto {
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  givenName!: string;

  @IsString()
  @MinLength(1)
  @MaxLength(100)
  familyName!: string;

  /** AFIS-02 and PD-4: the age on a decision date is computed from it. */
  @IsOptional()
  @IsCalendarDate()
  birthDate?: string;

  /**
   * PSP-07: birth place (town, and country when abroad); with the names and the birth date it forms
   * the keyed identity index that finds an earlier parcours of the same person (docs/person-identity.md).
   */
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  birthPlace?: string;

  /** ISO 3166-1 alpha-2 code; decides whether the APS applies (section 3.2). */
  @IsOptional()
  @Matches(/^[A-Z]{2}$/)
  nationality?: string;

  /** D.121-12-18: for the AFIS figures by sex; optional, `not_stated` allowed (vault only). */
  @IsOptional()
  @IsIn(PERSON_SEXES)
  sex?: PersonSex;

  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => ContactDto)
  contact?: ContactDto;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => PersonDocumentDto)
  documents?: PersonDocumentDto[];
}

/** T1: an approved association opens a request with the person (RequestOpened; PSP-01, AGR rules). */
export class OpenRequestDto {
  @IsCalendarDate()
  openedOn!: string;

  /** PSP-01 (L.121-9 II): the person agrees to the parcours (accord de la personne). */
  @IsBoolean()
  personAgrees!: boolean;

  /** PSP-01: victim of prostitution, procuring (proxénétisme) or trafficking (traite des êtres humains). */
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(VICTIM_OF, { each: true })
  victimOf!: (typeof VICTIM_OF)[number][];

  @IsObject()
  @ValidateNested()
  @Type(() => PersonDto)
  person!: PersonDto;
}

/** An obviously fictional person (example.org, reserved phone range, placeholder document number). */
export const openRequest = body(OpenRequestDto, {
  openedOn: '2024-01-15',
  personAgrees: true,
  victimOf: ['procuring', 'trafficking'],
  person: {
    givenName: 'Jeanne',
    familyName: 'Exemple',
    birthDate: '2001-09-12',
    birthPlace: 'Exempleville',
    nationality: 'NG',
    contact: {
      phone: '+33 6 00 00 00 00',
      email: 'jeanne.exemple@example.org',
      address: '1 rue de l’Exemple, 69000 Lyon',
    },
    documents: [{ kind: 'consular_certificate', number: 'EXAMPLE-0000', validUntil: '2026-01-14' }],
  },
});
