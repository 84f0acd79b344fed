import { Body, Controller, Get, Headers, HttpCode, Inject, Param, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiExcludeEndpoint, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { EventStore } from '@psp/event-store';
import { Actor } from '@psp/security';
import { AssociationCommandHandler, associationCommand, loadAssociation } from '@psp/workflow';
import { CurrentActor } from '../../infrastructure/authentication';
import { commandIdFrom, etag, expectedRevisionFrom } from '../../infrastructure/command-headers';
import { commandAnswer, countedCommand } from '../../infrastructure/command-response';
import { EVENT_STORE } from '../../infrastructure/event-store.provider';
import { Metrics } from '../../infrastructure/metrics';
import { notFound, recordIdOr404 } from '../../infrastructure/record-id';
import { validateBody } from '../../infrastructure/validation';
import { ASSOCIATION_COMMAND_HANDLER } from '../registry-tokens';
import { ASSOCIATION_COMMAND_BODIES } from './commands';
import { ApplyDto } from './commands/apply/apply.dto';

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
    @Inject(Metrics) private readonly metrics: Metrics,
  ) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({
    summary:
      'AGR-01..AGR-03: the association of the token applies for agrément to the préfet of its head office',
  })
  async apply(
    @Body() body: ApplyDto,
    @CurrentActor() actor: Actor,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const outcome = await countedCommand(this.metrics, 'apply', () =>
      this.handler.apply(
        associationCommand('apply')!,
        { ...body },
        {
          actor,
          commandId: commandIdFrom(idempotencyKey),
        },
      ),
    );
    reply.header('Location', `/associations/${outcome.associationId}`);
    return commandAnswer(reply, outcome, { associationId: outcome.associationId });
  }

  @Post(':associationId/:command')
  @HttpCode(200)
  @ApiExcludeEndpoint() // documented per command from the catalogue (registries-openapi.ts)
  async execute(
    @Param('associationId') associationId: string,
    @Param('command') name: string,
    @Body() body: unknown,
    @CurrentActor() actor: Actor,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const spec = associationCommand(name);
    const commandBody = ASSOCIATION_COMMAND_BODIES[name];
    if (!spec || !commandBody) throw notFound();
    recordIdOr404(associationId);
    const input = await validateBody(commandBody.dto, body ?? {});
    const outcome = await countedCommand(this.metrics, name, () =>
      this.handler.execute(spec, associationId, { ...input } as Record<string, unknown>, {
        actor,
        commandId: commandIdFrom(idempotencyKey),
        expectedRevision: expectedRevisionFrom(ifMatch),
      }),
    );
    return commandAnswer(reply, outcome, { associationId });
  }

  @Get(':associationId')
  @ApiOperation({
    summary:
      'One agrément: status, départements, validity, the application under instruction and its deadlines (AGR-04, AGR-05, AGR-06, AGR-08)',
  })
  @ApiOkResponse({ description: 'the agrément; its revision is the ETag to send back in If-Match' })
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
