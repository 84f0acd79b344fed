import { Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { EventStore } from '@psp/event-store';
import { Actor, CASE_FIELDS, PersonalDataVault, ROLES, disclosesAny } from '@psp/security';
import { StreamNotFoundError, ForbiddenCommandError, loadCase } from '@psp/workflow';
import { IsCalendarDate } from '../commands/calendar-date.validator';
import { body as documentedBody } from '../commands/command-dto';
import { CurrentActor } from '../../infrastructure/authentication';
import { EVENT_STORE } from '../../infrastructure/event-store.provider';
import { VAULT } from '../../infrastructure/vault.provider';
import { CaseDisclosures, Disclosures } from '../../security-views/case-disclosures';
import { CasePayloads } from '../../security-views/case-payloads';
import { Answers } from '../../openapi/answers.decorator';

/** The identity searched for, exactly as the blind index takes it (docs/person-identity.md). */
export class SearchByPersonDto {
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  givenName!: string;

  @IsString()
  @MinLength(1)
  @MaxLength(100)
  familyName!: string;

  /** Without a birth date nothing is indexed, so nothing is searched (a name alone matches too many people). */
  @IsCalendarDate()
  birthDate!: string;

  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  birthPlace?: string;
}

documentedBody(SearchByPersonDto, {
  givenName: 'Camille',
  familyName: 'Exemple',
  birthDate: '1990-01-01',
  birthPlace: 'Lyon',
});

/** The roles that may read the person's identity on a case (ACL-05): the only ones who may search by it. */
const NAME_SEARCHERS = Object.values(ROLES).filter((role) => disclosesAny(role, CASE_FIELDS, 'person'));

/**
 * `POST /cases/search`: the cases of a person in your scope, found through the keyed blind index
 * of the vault (PSP-07, docs/person-identity.md) — never by reading identities. The identity is in
 * the body, not the URL, so that it reaches no access log; each case found is a case read (ACL-06).
 */
@ApiTags('cases')
@ApiBearerAuth('bearer')
@Controller('cases')
export class SearchCasesController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(VAULT) private readonly vault: PersonalDataVault,
    @Inject(CasePayloads) private readonly payloads: CasePayloads,
  ) {}

  @Post('search')
  @HttpCode(200)
  @Answers('CaseSearch')
  @ApiOperation({
    summary:
      'ACL-05 / PSP-07: the cases of a person within your scope, by name and birth date through the keyed blind index (never by scanning the vault); roles that may read the identity only',
  })
  async search(
    @Body() body: SearchByPersonDto,
    @CurrentActor() actor: Actor,
    @Disclosures() disclosures: CaseDisclosures,
  ) {
    if (!NAME_SEARCHERS.includes(actor.role))
      throw new ForbiddenCommandError(actor.role, NAME_SEARCHERS, 'read');
    const index = this.vault.identityIndex(body);
    const persons = index ? await this.vault.personsByIndex(index) : [];
    const caseIds = new Set<string>();
    for (const personId of persons)
      for (const link of await this.vault.casesOfPerson(personId)) caseIds.add(link.caseId);
    const items = [];
    for (const caseId of [...caseIds].sort()) {
      try {
        const snapshot = await loadCase(this.store, caseId, actor);
        const fileNumber = await this.payloads.fileNumber(caseId);
        disclosures.add({
          caseId,
          departement: snapshot.departement,
          fields: ['caseId', 'fileNumber', 'view.status', 'view.stage'],
        });
        items.push({
          caseId,
          ...(fileNumber ? { fileNumber } : {}),
          departement: snapshot.departement,
          status: snapshot.view.status,
          ...(snapshot.view.stage ? { stage: snapshot.view.stage } : {}),
          openedOn: snapshot.openedOn,
        });
      } catch (failure) {
        // Out of scope or purged: the same as no match (never a hint of a case elsewhere).
        if (!(failure instanceof StreamNotFoundError)) throw failure;
      }
    }
    return { items };
  }
}
