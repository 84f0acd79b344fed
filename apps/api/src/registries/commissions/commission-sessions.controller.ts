import { Body, Controller, Get, Headers, HttpCode, Inject, Param, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiExcludeEndpoint, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { EventStore } from '@psp/event-store';
import { Actor } from '@psp/security';
import { CommissionCommandHandler, loadSession, sessionCommand } from '@psp/workflow';
import { CurrentActor } from '../../infrastructure/authentication';
import { commandIdFrom, etag, expectedRevisionFrom } from '../../infrastructure/command-headers';
import { commandAnswer, countedCommand } from '../../infrastructure/command-response';
import { EVENT_STORE } from '../../infrastructure/event-store.provider';
import { Metrics } from '../../infrastructure/metrics';
import { notFound, recordIdOr404 } from '../../infrastructure/record-id';
import { validateBody } from '../../infrastructure/validation';
import { COMMISSION_COMMAND_HANDLER } from '../registry-tokens';
import { SESSION_COMMAND_BODIES } from './sessions';

/**
 * One sitting of the commission (COM-07, COM-08): `POST /commission-sessions/{sessionId}/{command}`
 * for the agenda, interests, proxies, opening, deliberations and closing; `GET` for the session.
 */
@ApiTags('commission sessions')
@ApiBearerAuth('bearer')
@Controller('commission-sessions')
export class CommissionSessionsController {
  constructor(
    @Inject(COMMISSION_COMMAND_HANDLER) private readonly handler: CommissionCommandHandler,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(Metrics) private readonly metrics: Metrics,
  ) {}

  @Post(':sessionId/:command')
  @HttpCode(200)
  @ApiExcludeEndpoint() // documented per command from the catalogue (registries-openapi.ts)
  async execute(
    @Param('sessionId') sessionId: string,
    @Param('command') name: string,
    @Body() body: unknown,
    @CurrentActor() actor: Actor,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const spec = sessionCommand(name);
    const commandBody = SESSION_COMMAND_BODIES[name];
    if (!spec || !commandBody || spec.eventType === 'SessionConvened') throw notFound();
    recordIdOr404(sessionId);
    const input = await validateBody(commandBody.dto, body ?? {});
    const outcome = await countedCommand(this.metrics, name, () =>
      this.handler.executeSession(spec, sessionId, { ...input } as Record<string, unknown>, {
        actor,
        commandId: commandIdFrom(idempotencyKey),
        expectedRevision: expectedRevisionFrom(ifMatch),
      }),
    );
    return commandAnswer(reply, outcome, { sessionId });
  }

  @Get(':sessionId')
  @ApiOperation({
    summary:
      'One sitting: agenda with recusals, eligible voters, quorum and opinions; a commission member sees only the items it sits on, as opaque ids',
  })
  @ApiOkResponse({ description: 'the session; its revision is the ETag to send back in If-Match' })
  async get(
    @Param('sessionId') sessionId: string,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const snapshot = await loadSession(this.store, recordIdOr404(sessionId), actor);
    reply.header('ETag', etag(snapshot.revision));
    return snapshot;
  }
}
