import { Body, Controller, Get, HttpCode, Inject, Param, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiExcludeEndpoint, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { EventStore } from '@psp/event-store';
import { Actor } from '@psp/security';
import {
  AssociationCommandHandler,
  AssociationCommandSpec,
  associationCommand,
  loadAssociation,
} from '@psp/workflow';
import { CurrentActor } from '../../infrastructure/authentication';
import { CommandCall, CommandEndpoint, CommandRoute } from '../../infrastructure/command-endpoint';
import { etag } from '../../infrastructure/command-headers';
import { EVENT_STORE } from '../../infrastructure/event-store.provider';
import { RECORD_ID, recordIdOr404 } from '../../infrastructure/record-id';
import { ASSOCIATION_COMMAND_HANDLER } from '../registry-tokens';
import { ASSOCIATION_COMMAND_BODIES } from './commands';
import { ApplyDto } from './commands/apply/apply.dto';
import { Answers } from '../../openapi/answers.decorator';

const ASSOCIATION_COMMAND_ROUTE: CommandRoute<AssociationCommandSpec> = {
  idPattern: RECORD_ID,
  idParameter: 'associationId',
  command: associationCommand,
  bodies: ASSOCIATION_COMMAND_BODIES,
};

/**
 * Agrément of approved associations (rule book section 6). `POST /associations` applies for the
 * association of the token (the first application creates its stream); `POST
 * /associations/{associationId}/{command}` runs any other command, its body validated by the
 * command's DTO. Headers: `Idempotency-Key`, `If-Match`; the answer's ETag is the new revision.
 */
@ApiTags('associations')
@ApiBearerAuth('bearer')
@Controller('associations')
export class AssociationsController {
  constructor(
    @Inject(ASSOCIATION_COMMAND_HANDLER) private readonly handler: AssociationCommandHandler,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CommandEndpoint) private readonly commands: CommandEndpoint,
  ) {}

  @Post()
  @Answers('CommandAnswer', { status: 201, description: 'the application is recorded' })
  @HttpCode(201)
  @ApiOperation({
    summary:
      'AGR-01..AGR-03: the association of the token applies for agrément to the préfet of its head office',
  })
  apply(@Body() body: ApplyDto, @CommandCall() call: CommandCall) {
    return this.commands.create(call, {
      command: 'apply',
      run: (context) => this.handler.apply(associationCommand('apply')!, { ...body }, context),
      ids: (outcome) => ({ associationId: outcome.associationId }),
      location: (outcome) => `/associations/${outcome.associationId}`,
    });
  }

  @Post(':associationId/:command')
  @HttpCode(200)
  @ApiExcludeEndpoint() // documented per command from the catalogue (registries-openapi.ts)
  execute(
    @Param('associationId') associationId: string,
    @Param('command') name: string,
    @Body() body: unknown,
    @CommandCall() call: CommandCall,
  ) {
    return this.commands.execute(ASSOCIATION_COMMAND_ROUTE, associationId, name, body, call, (...command) =>
      this.handler.execute(...command),
    );
  }

  @Get(':associationId')
  @Answers('Association', { description: 'the agrément; its revision is the ETag to send back in If-Match' })
  @ApiOperation({
    summary:
      'One agrément: status, départements, validity, the application under instruction and its deadlines (AGR-04, AGR-05, AGR-06, AGR-08)',
  })
  async get(
    @Param('associationId') associationId: string,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const snapshot = await loadAssociation(this.store, recordIdOr404(associationId), actor);
    reply.header('ETag', etag(snapshot.revision));
    return snapshot;
  }
}
