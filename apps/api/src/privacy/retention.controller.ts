import { BadRequestException, Body, Controller, Get, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { dateOf } from '@psp/legal-kernel';
import { Actor } from '@psp/security';
import { ClosedCases, Clock, ForbiddenCommandError, RetentionScheduler, retentionDue } from '@psp/workflow';
import { CurrentActor } from '../infrastructure/authentication';
import { CLOCK } from '../infrastructure/clock';
import { PROJECTOR_NUDGE, ProjectorNudge } from '../cases/case-tokens';
import { CLOSED_CASES, RETENTION_SCHEDULER } from './privacy-tokens';
import { Answers } from '../openapi/answers.decorator';
import { problem } from '../infrastructure/problem-details';

/** Retention (R14): what is due for purge, for the préfecture of each département. */
@ApiTags('privacy')
@ApiBearerAuth('bearer')
@Controller('retention')
export class RetentionController {
  constructor(
    @Inject(CLOSED_CASES) private readonly closed: ClosedCases,
    @Inject(RETENTION_SCHEDULER) private readonly scheduler: RetentionScheduler,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(PROJECTOR_NUDGE) private readonly nudge: ProjectorNudge,
  ) {}

  @Get('due')
  @Answers('RetentionDue')
  @ApiOperation({
    summary:
      'R14: closed cases of your département whose notice period has begun, with the day each will be purged (préfecture, system)',
  })
  async due(@CurrentActor() actor: Actor) {
    if (actor.role !== 'prefecture' && actor.role !== 'system')
      throw new ForbiddenCommandError(actor.role, ['prefecture', 'system'], 'read');
    const today = dateOf(this.clock().toISOString());
    const items = await retentionDue(
      this.closed,
      today,
      actor.role === 'prefecture' ? actor.departement : undefined,
    );
    return {
      today,
      items: items.map((d) => ({
        caseId: d.caseId,
        departement: d.departement,
        status: d.status,
        lastEventOn: dateOf(d.lastEventAt),
        noticeFrom: d.noticeFrom,
        purgeOn: d.purgeOn,
      })),
    };
  }

  @Post('run')
  @Answers('RetentionRun')
  @HttpCode(200)
  @ApiOperation({
    summary: 'R14: run the retention scheduler now (notices, then purges); system role only',
  })
  async run(@CurrentActor() actor: Actor, @Body() body: unknown) {
    if (actor.role !== 'system') throw new ForbiddenCommandError(actor.role, ['system']);
    // No body, or an empty object: anything else is refused, as unknown fields are on every route.
    const empty =
      body === undefined ||
      body === null ||
      (typeof body === 'object' && !Array.isArray(body) && Object.keys(body).length === 0);
    if (!empty) {
      throw new BadRequestException(
        problem(400, 'invalid-request', 'Invalid request', {
          detail: 'body: this operation takes no body',
          errors: [{ field: 'body', problems: ['this operation takes no body'] }],
        }),
      );
    }
    const outcomes = await this.scheduler.runOnce();
    if (outcomes.length > 0) this.nudge();
    return { outcomes };
  }
}
