import { Body, Controller, Get, Headers, HttpCode, Inject, Param, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiExcludeEndpoint, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { EventStore } from '@psp/event-store';
import { dateOf } from '@psp/legal-kernel';
import { Actor } from '@psp/security';
import { Clock, CommissionCommandHandler, commissionCommand, loadCommission } from '@psp/workflow';
import { CurrentActor } from '../../infrastructure/authentication';
import { CLOCK } from '../../infrastructure/clock';
import { commandIdFrom, etag, expectedRevisionFrom } from '../../infrastructure/command-headers';
import { commandAnswer, countedCommand } from '../../infrastructure/command-response';
import { EVENT_STORE } from '../../infrastructure/event-store.provider';
import { Metrics } from '../../infrastructure/metrics';
import { notFound, recordIdOr404 } from '../../infrastructure/record-id';
import { validateBody } from '../../infrastructure/validation';
import { COMMISSION_COMMAND_HANDLER } from '../registry-tokens';
import { COMMISSION_COMMAND_BODIES } from './commands';
import { ConstituteDto } from './commands/constitute/constitute.dto';
import { ConveneDto } from './sessions/convene/convene.dto';

/**
 * The departmental commission (rule book section 5): one per département, id `commission-<dept>`.
 * `POST /commissions` constitutes the commission of the token's département; `POST
 * /commissions/{commissionId}/{command}` runs a membership command; `POST
 * /commissions/{commissionId}/sessions` convenes a sitting with the roster of its date.
 */
@ApiTags('commissions')
@ApiBearerAuth('bearer')
@Controller('commissions')
export class CommissionsController {
  constructor(
    @Inject(COMMISSION_COMMAND_HANDLER) private readonly handler: CommissionCommandHandler,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(Metrics) private readonly metrics: Metrics,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({
    summary: "COM-03: the préfet constitutes the commission of the token's département with its chair(s)",
  })
  async constitute(
    @Body() body: ConstituteDto,
    @CurrentActor() actor: Actor,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const outcome = await countedCommand(this.metrics, 'constitute', () =>
      this.handler.constitute({ ...body }, { actor, commandId: commandIdFrom(idempotencyKey) }),
    );
    reply.header('Location', `/commissions/${outcome.commissionId}`);
    return commandAnswer(reply, outcome, { commissionId: outcome.commissionId });
  }

  @Post(':commissionId/sessions')
  @HttpCode(201)
  @ApiOperation({
    summary:
      'COM-07: the secretariat convenes a sitting (notice 5 days before, R.133-8); the roster of the sitting date is copied by the server',
  })
  async convene(
    @Param('commissionId') commissionId: string,
    @Body() body: ConveneDto,
    @CurrentActor() actor: Actor,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    recordIdOr404(commissionId);
    const outcome = await countedCommand(this.metrics, 'convene', () =>
      this.handler.convene(commissionId, { ...body }, { actor, commandId: commandIdFrom(idempotencyKey) }),
    );
    reply.header('Location', `/commission-sessions/${outcome.sessionId}`);
    return commandAnswer(reply, outcome, { commissionId, sessionId: outcome.sessionId });
  }

  @Post(':commissionId/:command')
  @HttpCode(200)
  @ApiExcludeEndpoint() // documented per command from the catalogue (registries-openapi.ts)
  async execute(
    @Param('commissionId') commissionId: string,
    @Param('command') name: string,
    @Body() body: unknown,
    @CurrentActor() actor: Actor,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const spec = commissionCommand(name);
    const commandBody = COMMISSION_COMMAND_BODIES[name];
    if (!spec || !commandBody) throw notFound();
    recordIdOr404(commissionId);
    const input = await validateBody(commandBody.dto, body ?? {});
    const outcome = await countedCommand(this.metrics, name, () =>
      this.handler.execute(spec, commissionId, { ...input } as Record<string, unknown>, {
        actor,
        commandId: commandIdFrom(idempotencyKey),
        expectedRevision: expectedRevisionFrom(ifMatch),
      }),
    );
    return commandAnswer(reply, outcome, { commissionId });
  }

  @Get(':commissionId')
  @ApiOperation({
    summary:
      'The commission today: chairs, members by id and category with terms and training (COM-01..COM-05); no names',
  })
  @ApiOkResponse({ description: 'the commission; its revision is the ETag to send back in If-Match' })
  async get(
    @Param('commissionId') commissionId: string,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const today = dateOf(this.clock().toISOString());
    const snapshot = await loadCommission(this.store, recordIdOr404(commissionId), actor, today);
    reply.header('ETag', etag(snapshot.revision));
    return snapshot;
  }
}
