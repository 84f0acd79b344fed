import { Body, Controller, Get, HttpCode, Inject, Param, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiExcludeEndpoint, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { EventStore } from '@psp/event-store';
import { dateOf } from '@psp/legal-kernel';
import { Actor } from '@psp/security';
import {
  Clock,
  CommissionCommandHandler,
  CommissionCommandSpec,
  commissionCommand,
  loadCommission,
} from '@psp/workflow';
import { CurrentActor } from '../../infrastructure/authentication';
import { CLOCK } from '../../infrastructure/clock';
import { CommandCall, CommandEndpoint, CommandRoute } from '../../infrastructure/command-endpoint';
import { etag } from '../../infrastructure/command-headers';
import { EVENT_STORE } from '../../infrastructure/event-store.provider';
import { RECORD_ID, recordIdOr404 } from '../../infrastructure/record-id';
import { COMMISSION_COMMAND_HANDLER } from '../registry-tokens';
import { COMMISSION_COMMAND_BODIES } from './commands';
import { ConstituteDto } from './commands/constitute/constitute.dto';
import { ConveneDto } from './sessions/convene/convene.dto';
import { Answers } from '../../openapi/answers.decorator';

const COMMISSION_COMMAND_ROUTE: CommandRoute<CommissionCommandSpec> = {
  idPattern: RECORD_ID,
  idParameter: 'commissionId',
  command: commissionCommand,
  bodies: COMMISSION_COMMAND_BODIES,
};

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
    @Inject(CommandEndpoint) private readonly commands: CommandEndpoint,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post()
  @Answers('CommandAnswer', { status: 201, description: 'the commission is constituted' })
  @HttpCode(201)
  @ApiOperation({
    summary: "COM-03: the préfet constitutes the commission of the token's département with its chair(s)",
  })
  constitute(@Body() body: ConstituteDto, @CommandCall() call: CommandCall) {
    return this.commands.create(call, {
      command: 'constitute',
      run: (context) => this.handler.constitute({ ...body }, context),
      ids: (outcome) => ({ commissionId: outcome.commissionId }),
      location: (outcome) => `/commissions/${outcome.commissionId}`,
    });
  }

  @Post(':commissionId/sessions')
  @Answers('CommandAnswer', { status: 201, description: 'the sitting is convened: its sessionId' })
  @HttpCode(201)
  @ApiOperation({
    summary:
      'COM-07: the secretariat convenes a sitting (notice 5 days before, R.133-8); the roster of the sitting date is copied by the server',
  })
  convene(
    @Param('commissionId') commissionId: string,
    @Body() body: ConveneDto,
    @CommandCall() call: CommandCall,
  ) {
    recordIdOr404(commissionId);
    return this.commands.create(call, {
      command: 'convene',
      run: (context) => this.handler.convene(commissionId, { ...body }, context),
      ids: (outcome) => ({ commissionId, sessionId: outcome.sessionId }),
      location: (outcome) => `/commission-sessions/${outcome.sessionId}`,
    });
  }

  @Post(':commissionId/:command')
  @HttpCode(200)
  @ApiExcludeEndpoint() // documented per command from the catalogue (registries-openapi.ts)
  execute(
    @Param('commissionId') commissionId: string,
    @Param('command') name: string,
    @Body() body: unknown,
    @CommandCall() call: CommandCall,
  ) {
    return this.commands.execute(COMMISSION_COMMAND_ROUTE, commissionId, name, body, call, (...command) =>
      this.handler.execute(...command),
    );
  }

  @Get(':commissionId')
  @Answers('Commission', { description: 'the commission; its revision is the ETag to send back in If-Match' })
  @ApiOperation({
    summary:
      'The commission today: chairs, members by id and category with terms and training (COM-01..COM-05); no names',
  })
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
