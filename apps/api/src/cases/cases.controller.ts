import { Body, Controller, Headers, HttpCode, Inject, Param, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiExcludeEndpoint, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Actor } from '@psp/security';
import { CaseCommandHandler, CommandOutcome, caseCommand } from '@psp/workflow';
import { CurrentActor } from '../infrastructure/authentication';
import { commandIdFrom, etag, expectedRevisionFrom } from '../infrastructure/command-headers';
import { Metrics } from '../infrastructure/metrics';
import { RequestProblem } from '../infrastructure/problem-details.filter';
import { problem } from '../infrastructure/problem-details';
import { validateBody } from '../infrastructure/validation';
import { CASE_COMMAND_BODIES } from './commands';
import { OpenRequestDto } from './commands/open-request/open-request.dto';
import { CASE_COMMAND_HANDLER, ProjectorNudge, PROJECTOR_NUDGE } from './case-tokens';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function notFound(): RequestProblem {
  return new RequestProblem(problem(404, 'not-found', 'Not found'));
}

/**
 * Every case command. `POST /cases` opens a request (T1); `POST /cases/{caseId}/{command}` runs
 * any other one, its body validated by the command's DTO. Headers: `Idempotency-Key` (retry safely),
 * `If-Match` (decide on this revision or get 412). The answer carries the new revision as ETag.
 */
@ApiTags('cases')
@ApiBearerAuth('bearer')
@Controller('cases')
export class CasesController {
  constructor(
    @Inject(CASE_COMMAND_HANDLER) private readonly handler: CaseCommandHandler,
    @Inject(Metrics) private readonly metrics: Metrics,
    @Inject(PROJECTOR_NUDGE) private readonly nudge: ProjectorNudge,
  ) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({
    summary: 'T1: an approved association opens a PSP request with the person (identity goes to the vault)',
  })
  async open(
    @Body() body: OpenRequestDto,
    @CurrentActor() actor: Actor,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const outcome = await this.counted('open-request', () =>
      this.handler.open(body, { actor, commandId: commandIdFrom(idempotencyKey) }),
    );
    reply.header('Location', `/cases/${outcome.caseId}`);
    return this.answer(reply, { ...outcome, caseId: outcome.caseId });
  }

  @Post(':caseId/:command')
  @HttpCode(200)
  @ApiExcludeEndpoint() // documented per command from the catalogue (case-openapi.ts)
  async execute(
    @Param('caseId') caseId: string,
    @Param('command') name: string,
    @Body() body: unknown,
    @CurrentActor() actor: Actor,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const spec = caseCommand(name);
    const commandBody = CASE_COMMAND_BODIES[name];
    if (!spec || !commandBody || !UUID.test(caseId)) throw notFound();
    const input = await validateBody(commandBody.dto, body ?? {});
    const outcome = await this.counted(name, () =>
      this.handler.execute(spec, caseId, { ...input } as Record<string, unknown>, {
        actor,
        commandId: commandIdFrom(idempotencyKey),
        expectedRevision: expectedRevisionFrom(ifMatch),
      }),
    );
    return this.answer(reply, { ...outcome, caseId });
  }

  private answer(reply: FastifyReply, outcome: CommandOutcome & { caseId: string }) {
    reply.header('ETag', etag(outcome.revision));
    if (outcome.replayed) reply.header('Idempotent-Replayed', 'true');
    else this.nudge();
    return {
      caseId: outcome.caseId,
      revision: outcome.revision,
      events: outcome.events.map((e) => ({ type: e.type, revision: e.revision })),
      replayed: outcome.replayed,
      warnings: outcome.warnings,
    };
  }

  private async counted<T extends CommandOutcome>(command: string, run: () => Promise<T>): Promise<T> {
    try {
      const outcome = await run();
      this.metrics.commands.inc({ command, outcome: outcome.replayed ? 'replayed' : 'accepted' });
      return outcome;
    } catch (error) {
      this.metrics.commands.inc({ command, outcome: outcomeOf(error) });
      throw error;
    }
  }
}

function outcomeOf(error: unknown): string {
  const code = (error as { code?: string })?.code;
  switch (code) {
    case 'COMMAND_REFUSED':
      return 'refused';
    case 'STALE_REVISION':
      return 'stale';
    case 'NOT_FOUND':
      return 'not_found';
    case 'FORBIDDEN':
      return 'forbidden';
    default:
      return (error as { status?: number })?.status === 400 ? 'invalid' : 'error';
  }
}
