import { Controller, Get, Inject, Param, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { EventStore } from '@psp/event-store';
import { Actor, PersonalDataVault, REDACTED, Role } from '@psp/security';
import { loadCase } from '@psp/workflow';
import { CurrentActor } from '../../infrastructure/authentication';
import { etag } from '../../infrastructure/command-headers';
import { EVENT_STORE } from '../../infrastructure/event-store.provider';
import { RequestProblem } from '../../infrastructure/problem-details.filter';
import { problem } from '../../infrastructure/problem-details';
import { VAULT } from '../../infrastructure/vault.provider';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Roles that work with the person and need to know who they are (ACL-05). */
const SEES_IDENTITY: readonly Role[] = ['association', 'prefecture', 'foreigners_department', 'afis_payer'];

@ApiTags('cases')
@ApiBearerAuth('bearer')
@Controller('cases')
export class GetCaseController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(VAULT) private readonly vault: PersonalDataVault,
  ) {}

  @Get(':caseId')
  @ApiOperation({
    summary:
      'One case: status, stage, periods, months of rights used and left, APS and AFIS, next deadlines, and the commands you may issue now (or why not)',
  })
  @ApiOkResponse({ description: 'the case; its revision is the ETag to send back in If-Match' })
  async get(
    @Param('caseId') caseId: string,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    if (!UUID.test(caseId)) throw new RequestProblem(problem(404, 'not-found', 'Not found'));
    const snapshot = await loadCase(this.store, caseId, actor);
    reply.header('ETag', etag(snapshot.revision));
    return { ...snapshot, person: await this.personFor(actor, snapshot.personRef) };
  }

  private async personFor(actor: Actor, personRef: string) {
    if (!SEES_IDENTITY.includes(actor.role)) return undefined;
    const read = await this.vault.read(personRef);
    if (read.status === 'present') {
      const { givenName, familyName, birthDate, nationality } = read.record;
      return { givenName, familyName, birthDate, nationality };
    }
    return { givenName: REDACTED, familyName: REDACTED };
  }
}
